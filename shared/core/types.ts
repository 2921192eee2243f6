/** The engine's data: positions, units, the battle state, actions, events. All plain data. */
import type { CreatureKind, MapDef, Seat, SoldierKind } from "../map/types.js";
import type { Difficulty } from "../rules/table.js";
import type { ErrorCode } from "./errors.js";

export type { Seat, SoldierKind, CreatureKind };

export interface Pos {
  x: number;
  y: number;
  level: number;
}

// A unit's fields live in one list (unitFields.ts); the type derives from it.
import type { Unit, UnitKind, Side, UnitFate } from "./unitFields.js";
export type { Unit, UnitKind, Side, UnitFate };

/** What a creature will do in the enemy phase, announced at the start of the player phase. */
export interface Intent {
  unit: string;
  /** Place in the resolution order, from 1. */
  order: number;
  kind: "move" | "grab" | "pounce" | "spit" | "drag";
  /** The tile it will move to (or land on); equals its position if it stays. */
  moveTo: Pos;
  /** The tile it will attack, if any. */
  target: Pos | null;
  /** The tiles it will attack (pounce sweep: 8 around the landing tile). */
  area: Pos[];
  /** Damage the attack will do to a soldier standing there (before armor, where armor counts). */
  damage: number;
  /** The soldier a lunge names (a Snatcher's grab), or null. */
  victim: string | null;
  /** Drag: the path toward the exit and the rounds left until the victim is gone. */
  dragPath: Pos[];
  countdown: number;
  /** Set when its creature was killed where the squad could not see (a grenade into the fog): the
   *  view keeps showing the intent as last known, so its vanishing does not tell the kill. */
  diedUnseen?: boolean;
}

export interface NoiseMarker {
  x: number;
  y: number;
  level: number;
}

export interface PerimeterState {
  cx: number;
  cy: number;
  level: number;
  radius: number;
  /** The radius after the next environment phase, shown in advance. */
  nextRadius: number;
  breakPoint: number;
  /** The round whose environment phase breaks the line (announced from the first round: a countdown). */
  breakOutRound: number;
  broken: boolean;
}

export type Phase = "player" | "ended";
export type Outcome = "won" | "lost" | null;
export type ObjectiveStage = "hold" | "reach" | "extract";

export interface UndoEntry {
  /** The unit as it was before the move. */
  before: Unit;
}

export interface RoundStats {
  round: number;
  kills: number;
  shots: number;
  hits: number;
  acidDamage: number;
  soldiersLost: number;
  creaturesOnBoard: number;
  radius: number | null;
}

/** A report before the battle's first round. */
export function emptyReport(): Report {
  return {
    rounds: 0, kills: 0, soldiersDead: 0, soldiersTaken: 0, civiliansSaved: 0, acidDamage: 0, shots: 0, hits: 0,
    grabs: 0, drags: 0, freed: 0, holds: 0, acidFromMoves: 0, ringFromCorpses: 0, ringFromRounds: 0, inSight: [], perRound: [],
  };
}

export interface Report {
  rounds: number;
  kills: number;
  soldiersDead: number;
  soldiersTaken: number;
  civiliansSaved: number;
  acidDamage: number;
  shots: number;
  hits: number;
  /** The balance of the three rule modules (the simulator reports them). */
  grabs: number;
  /** Grabs that were dragged at least one tile. */
  drags: number;
  freed: number;
  /** Drags halted by a comrade holding on. */
  holds: number;
  /** Acid damage soldiers took entering acid on their own moves. */
  acidFromMoves: number;
  /** Radius the ring lost to corpses at the line, and to the rounds. */
  ringFromCorpses: number;
  ringFromRounds: number;
  /** Creatures the squad saw at the start of each player phase. */
  inSight: number[];
  perRound: RoundStats[];
}

export interface BattleOptions {
  difficulty: Difficulty;
  /** Each player sees only what his own soldiers see (default: the squad shares sight). */
  splitVision: boolean;
  /** A campaign's survivors (shared/campaign): only these soldiers start, with these wounds.
   *  Absent in a single battle (everyone starts fresh). Kept in the record, so a scene replays. */
  roster?: RosterEntry[];
  /** A campaign's pursuit (shared/campaign/pursuit.ts): the creatures that followed the squad from
   *  the scenes it fell back from; each one more Snatcher in the wave of the round after the first. Absent: none. */
  pursuit?: number;
}

/** One soldier a campaign carries into a scene: his id (as the map's start order names him) and wounds. */
export interface RosterEntry {
  id: string;
  hp: number;
  armor: number;
}

export interface Layers {
  /** Acid intensity 0–3 per tile (all levels). */
  acid: Uint8Array;
  /** Environment phases since the acid's intensity last changed. */
  acidAge: Uint8Array;
  /** Rounds a tile above level 0 has held acid 3 (melting through). */
  melt: Uint8Array;
  /** Corpses lying on the tile. */
  corpse: Uint8Array;
  /** Terrain as changed by the battle (rubble blown away, floors melted to holes). */
  terrain: Uint8Array;
  /** Fire: rounds a tile still burns (0: none). Burning tiles hurt whoever enters or stands, and smoke blocks sight. */
  fire: Uint8Array;
}

export interface BattleState {
  rulesVersion: number;
  map: MapDef;
  seed: number;
  options: BattleOptions;
  /** The random generator's state (mulberry32); advances only inside the engine. */
  rng: number;
  round: number;
  phase: Phase;
  outcome: Outcome;
  objective: ObjectiveStage;
  units: Unit[];
  nextUnitId: number;
  layers: Layers;
  perimeter: PerimeterState | null;
  ready: Record<Seat, boolean>;
  intents: Intent[];
  noise: NoiseMarker[];
  undo: Record<Seat, UndoEntry[]>;
  /** How often each seat took its ready back this round; absent until one does (bounded by
   *  RULES.unreadyPerRound, so no client can grow a match log without limit). */
  unready?: Record<Seat, number>;
  /** How many moves each seat took back this round; absent until one does (RULES.undoPerRound). */
  undone?: Record<Seat, number>;
  civiliansSaved: number;
  report: Report;
  /** Number of commands accepted so far (the match log's length). */
  step: number;
  /** Tiles whose terrain changed where the squad could not see, with what the squad still knows
   *  there (by tile; absent when none): see knownTerrain.ts. */
  knownTerrain?: KnownTerrain[];
}

/** A tile whose real terrain the squad does not know yet, and the terrain it last saw there. */
export interface KnownTerrain {
  tile: number;
  terrain: number;
}

// ---- Actions --------------------------------------------------------------------------------

export type Action =
  | { type: "move"; unit: string; to: Pos }
  | { type: "shoot"; unit: string; target: string }
  | { type: "calledShot"; unit: string; target: string }
  | { type: "overwatch"; unit: string }
  | { type: "grenade"; unit: string; to: Pos }
  | { type: "butt"; unit: string; target: string }
  | { type: "reload"; unit: string }
  | { type: "holdOn"; unit: string; comrade: string }
  | { type: "revive"; unit: string; comrade: string }
  | { type: "carry"; unit: string; comrade: string }
  | { type: "drop"; unit: string }
  /** Leave the board alive from a way out, objective met or not (actions/withdraw.ts). */
  | { type: "withdraw"; unit: string }
  | { type: "ready"; ready: boolean }
  | { type: "undo" };
export type ActionType = Action["type"];

/** One entry of the match log: who did what. */
export interface Command {
  seat: Seat;
  action: Action;
}

// ---- Events (for animation and the log) --------------------------------------------------------

export type BattleEvent =
  | { type: "moved"; unit: string; path: Pos[] }
  | { type: "shot"; unit: string; target: string; chance: number; hit: boolean; damage: number; called: boolean; overwatch: boolean }
  | { type: "grenade"; unit: string; at: Pos; tiles: Pos[] }
  | { type: "butt"; unit: string; target: string; damage: number }
  | { type: "damaged"; unit: string; amount: number; cause: DamageCause; hp: number }
  | { type: "died"; unit: string; at: Pos }
  | { type: "acid"; at: Pos; intensity: number }
  | { type: "corroded"; unit: string; armor: number }
  | { type: "grabbed"; unit: string; victim: string; roll: boolean; hit: boolean }
  | { type: "freed"; unit: string; by: string }
  | { type: "heldOn"; unit: string; comrade: string }
  /** A soldier at 0 hp is down: revive him (2 AP, beside him) before the next round ends, or he dies. */
  | { type: "down"; unit: string }
  | { type: "revived"; unit: string; by: string }
  | { type: "carried"; unit: string; by: string }
  | { type: "dropped"; unit: string; by: string; at: Pos }
  /** A hold halted the drag: the victim is hurt by the tug. */
  | { type: "tugged"; unit: string; victim: string; by: string }
  | { type: "pulled"; unit: string; victim: string; to: Pos }
  | { type: "dragged"; unit: string; victim: string; path: Pos[] }
  | { type: "taken"; unit: string; by: string }
  | { type: "pounced"; unit: string; to: Pos; hit: string[] }
  | { type: "spat"; unit: string; at: Pos; hit: string | null }
  | { type: "spawned"; unit: string; kind: CreatureKind; at: Pos }
  | { type: "reloaded"; unit: string }
  | { type: "overwatch"; unit: string }
  | { type: "weaponLost"; unit: string }
  | { type: "melted"; at: Pos }
  | { type: "fire"; at: Pos; rounds: number }
  | { type: "fell"; unit: string; to: Pos }
  | { type: "squeezed"; radius: number; nextRadius: number }
  | { type: "perimeterBroken" }
  | { type: "objective"; stage: ObjectiveStage }
  | { type: "extracted"; unit: string }
  /** A soldier left the board from a way out by his own action (before the objective was met, or not waiting for the round's end). */
  | { type: "withdrew"; unit: string }
  | { type: "rescued"; at: Pos }
  | { type: "ready"; seat: Seat; ready: boolean }
  | { type: "undone"; unit: string }
  | { type: "phase"; phase: "enemy" | "environment" | "player"; round: number }
  | { type: "ended"; outcome: "won" | "lost" }
  /** A civilian's end out of the viewer's sight, heard: who and what, never where or by what
   *  (view.ts eventsFor makes it from the unseen "died", "taken" or "extracted"; never emitted by the rules). */
  | { type: "heard"; civilian: string; fate: "dead" | "taken" | "extracted" }
  /** The scene can no longer be won (the civilians it needs are lost); what is left is getting out (prospects.ts). */
  | { type: "objectiveLost"; cause: "civilians"; need: number; canStillSave: number }
  /** A soldier's move ran into a creature the squad could not see: he stopped short of it (move final). */
  | { type: "ambush"; unit: string; by: string; at: Pos };

export type DamageCause = "shot" | "grenade" | "butt" | "acid" | "splash" | "vapour" | "grab" | "sweep" | "spit" | "fall" | "spawn" | "tug" | "fire";

export type ApplyResult =
  | { ok: true; state: BattleState; events: BattleEvent[] }
  | { ok: false; code: ErrorCode; message: string };
