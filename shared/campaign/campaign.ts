/**
 * A campaign: the six story scenes played in order with one platoon. Pure and deterministic like
 * the rest of the engine: a room (or the simulator) drives it with
 *   newCampaign(seed, options) → startScene(campaign, map) → play the battle → endScene(campaign, map, record)
 * and stores the plain data it returns. The scene's battle is created with `options.roster`, so a
 * scene's match record replays on its own; the campaign record (the scenes' records in order,
 * record.ts) replays the whole campaign to the same final hash.
 *
 * Between scenes (documented in docs/ARCHITECTURE.md): the extracted come out (with those who
 * withdrew from a way out before the objective: the squad fell back, the scene is lost), and when the time
 * runs out with a sergeant still on the board everyone on his feet falls back (cameOut); the dead,
 * the taken, the grabbed, the down left lying and the ones left on the board when the sergeants got
 * out stay gone. The survivors heal HEAL_HP hp (never above their maximum) and get RESUPPLY_ARMOR
 * point of armor patched (never above their kind's); a soldier carried out at 0 hp starts the next
 * scene with at least 1. Rifles, magazines and grenades are resupplied (every battle starts with
 * full kit). A scene lost does not end the campaign; losing a sergeant does.
 */
import type { MapDef, SoldierKind, Seat } from "../map/types.js";
import type { BattleEvent, BattleState, Command, Pos, RosterEntry, Unit } from "../core/types.js";
import type { Difficulty } from "../rules/table.js";
import { SOLDIERS } from "../rules/table.js";
import { createBattle } from "../battle/setup.js";
import { apply } from "../battle/apply.js";
import { hashState, hashString } from "../core/hash.js";
import { newRecord, rulesVersionProblem, type MatchRecord } from "../battle/record.js";
import { RULES_VERSION } from "../rules/table.js";
import { Terrain } from "../map/types.js";
import { tileIndex } from "../core/grid.js";
import { isSergeant } from "../core/units.js";
import { SCENES } from "./scenes.js";
import { pursuitAfter } from "./pursuit.js";
import { soldierName } from "../core/names.js";

/** Hit points a survivor heals between two scenes. */
export const HEAL_HP = 2;
/** Armor points patched between two scenes. */
export const RESUPPLY_ARMOR = 1;

export interface CampaignOptions {
  difficulty: Difficulty;
  splitVision: boolean;
  /** Each scene's seed, drawn by the server from a CSPRNG (so no scene is derivable from another's
   *  record); absent, they derive from the campaign's seed (practice, tests, older campaigns). */
  sceneSeeds?: number[];
}

export interface CampaignSoldier {
  id: string;
  kind: SoldierKind;
  seat: Seat;
  hp: number;
  maxHp: number;
  armor: number;
}

export type FallenHow = "killed" | "taken" | "left behind";

/** One name on the roll of the fallen. */
export interface Fallen {
  id: string;
  kind: SoldierKind;
  seat: Seat;
  /** The scene's map id and its place in the campaign (0-based). */
  map: string;
  scene: number;
  round: number;
  how: FallenHow;
  /** Where (the tile) he fell or was last seen. */
  at: Pos;
  /** The line for the roll: "taken into the drain in the alley, round 4". */
  text: string;
}

export interface SceneResult {
  map: string;
  seed: number;
  outcome: "won" | "lost";
  rounds: number;
  /** Soldiers who started the scene, and who came out of it. */
  started: string[];
  survived: string[];
  /** The battle's final state hash. */
  finalHash: string;
}

export type CampaignStatus = "playing" | "over" | "complete";

export interface Campaign {
  seed: number;
  options: CampaignOptions;
  /** The next scene to play (index into SCENES); SCENES.length once the last is played. */
  scene: number;
  status: CampaignStatus;
  /** Why it ended: "Takumi was killed in the alley, round 6", or the last scene played. */
  endedBy: string | null;
  /** The living, in the order the maps list them. */
  soldiers: CampaignSoldier[];
  fallen: Fallen[];
  results: SceneResult[];
  /** The creatures following the squad into the next scene (pursuit.ts); 0 after a scene won. */
  pursuit: number;
}

const START_IDS: { id: string; kind: SoldierKind; seat: Seat }[] = [
  { id: "takumi", kind: "takumi", seat: "takumi" },
  { id: "takumi-private-1", kind: "private", seat: "takumi" },
  { id: "takumi-private-2", kind: "private", seat: "takumi" },
  { id: "wang", kind: "wang", seat: "wang" },
  { id: "wang-private-1", kind: "private", seat: "wang" },
  { id: "wang-private-2", kind: "private", seat: "wang" },
];

export function newCampaign(seed: number, options: Partial<CampaignOptions> = {}): Campaign {
  return {
    seed: seed >>> 0,
    options: {
      difficulty: options.difficulty ?? "normal",
      splitVision: options.splitVision ?? false,
      ...(Array.isArray(options.sceneSeeds) ? { sceneSeeds: options.sceneSeeds.map((s) => s >>> 0) } : {}),
    },
    scene: 0,
    status: "playing",
    endedBy: null,
    soldiers: START_IDS.map((s) => ({ ...s, hp: SOLDIERS[s.kind].hp, maxHp: SOLDIERS[s.kind].hp, armor: SOLDIERS[s.kind].armor })),
    fallen: [],
    results: [],
    pursuit: 0,
  };
}

/** The seed of scene `index`: derived from the campaign's, so the same campaign plays the same scenes. */
export function sceneSeed(campaign: Pick<Campaign, "seed"> & { options?: Partial<CampaignOptions> }, index: number): number {
  const drawn = campaign.options?.sceneSeeds?.[index];
  if (typeof drawn === "number") return drawn >>> 0;
  return parseInt(hashString(`${campaign.seed}:${index}`).slice(-8), 16) >>> 0;
}

/** The map id of the scene to play next (null once the campaign is over). */
export function nextSceneMap(campaign: Campaign): string | null {
  return campaign.status === "playing" ? SCENES[campaign.scene].map : null;
}

/** The battle of the next scene, with whoever is left, carrying their wounds. */
export function startScene(campaign: Campaign, map: MapDef): BattleState {
  const want = nextSceneMap(campaign);
  if (want === null) throw new Error("the campaign is over: no scene to start");
  if (map.id !== want) throw new Error(`scene ${campaign.scene + 1} is ${want}, not ${map.id}`);
  const roster: RosterEntry[] = campaign.soldiers.map((s) => ({ id: s.id, hp: s.hp, armor: s.armor }));
  // the scenes' seeds stay with the campaign: a scene's battle (its view, its record) never holds them
  const { sceneSeeds: _seeds, ...options } = campaign.options;
  return createBattle(map, sceneSeed(campaign, campaign.scene), { ...options, roster, ...(campaign.pursuit > 0 ? { pursuit: campaign.pursuit } : {}) });
}

/** The empty match record of the next scene (the room appends the accepted commands to it). */
export function sceneRecord(campaign: Campaign, battle: BattleState): MatchRecord {
  return newRecord(battle.map, battle.seed, battle.options, RULES_VERSION);
}

/** Did the battle run out of time with a sergeant still on the board (not every sergeant out or gone)? */
export function endedOnTheClock(state: BattleState): boolean {
  return state.phase === "ended" && state.units.some((u) => u.side === "squad" && isSergeant(u) && (u.fate === "active" || u.fate === "carried"));
}

/**
 * Who comes out of an ended scene alive, to play the next one:
 * - the extracted, and those who withdrew (actions/withdraw.ts: fate "extracted" too), and the down
 *   comrade each carried out with him;
 * - when the battle ran out of time with a sergeant still on the board (won holding to the last
 *   round, or lost on the clock: the cell blew, the families were not reached in time), everyone
 *   on his feet falls back, carrying the comrade he carries. The down left lying, the grabbed and
 *   anyone left on the board when the sergeants got out are lost.
 */
export function cameOut(state: BattleState): Set<string> {
  const out = new Set<string>();
  const clock = endedOnTheClock(state);
  for (const u of state.units) {
    if (u.side !== "squad") continue;
    if (u.fate === "extracted") out.add(u.id);
    else if (clock && u.fate === "active" && u.down === 0 && !u.grabbedBy) {
      out.add(u.id);
      const carried = u.carrying ? state.units.find((c) => c.id === u.carrying && c.fate === "carried") : undefined;
      if (carried) out.add(carried.id);
    }
  }
  return out;
}

/** A survivor's hp and armor for the next scene: healed HEAL_HP (at least 1, at most his maximum), armor patched. */
function healed(s: CampaignSoldier, u: Unit): { hp: number; armor: number } {
  return { hp: Math.min(s.maxHp, Math.max(1, u.hp + HEAL_HP)), armor: Math.min(SOLDIERS[s.kind].armor, u.armor + RESUPPLY_ARMOR) };
}

interface Loss {
  round: number;
  how: FallenHow;
  at: Pos;
}

/** Replays a scene's record and notes, from its events, when and how each soldier fell. */
function replayScene(campaign: Campaign, map: MapDef, record: MatchRecord): { state: BattleState; losses: Map<string, Loss> } {
  const problem = rulesVersionProblem(record);
  if (problem) throw new Error(problem);
  if (record.map.id !== map.id || record.map.hash !== map.contentHash) throw new Error(`the record is of map ${record.map.id} (${record.map.hash}), not ${map.id} (${map.contentHash})`);
  let state = startScene(campaign, map);
  if (record.seed !== state.seed) throw new Error(`the record's seed ${record.seed} is not scene ${campaign.scene + 1}'s (${state.seed})`);
  const losses = new Map<string, Loss>();
  let round = 1;
  const note = (events: BattleEvent[], s: BattleState) => {
    for (const e of events) {
      if (e.type === "phase") round = e.round;
      else if (e.type === "died" && !losses.has(e.unit)) losses.set(e.unit, { round, how: "killed", at: e.at });
      else if (e.type === "taken" && !losses.has(e.unit)) {
        const u = s.units.find((v) => v.id === e.unit)!;
        losses.set(e.unit, { round, how: "taken", at: { x: u.x, y: u.y, level: u.level } });
      }
    }
  };
  record.log.forEach((step: Command & { hash?: string }, i) => {
    const r = apply(state, { seat: step.seat, action: step.action });
    if (!r.ok) throw new Error(`step ${i + 1}: refused ${r.code}: ${r.message}`);
    state = r.state;
    note(r.events, state);
  });
  const hash = hashState(state);
  if (record.finalHash && record.finalHash !== hash) throw new Error(`final hash ${hash}, the record says ${record.finalHash}`);
  if (state.phase !== "ended") throw new Error("the scene's battle has not ended");
  return { state, losses };
}

const nameOf = (s: { id: string }) => soldierName(s.id);

function lossText(scene: number, map: MapDef, state: BattleState, loss: Loss): string {
  const sc = SCENES[scene];
  if (loss.how === "left behind") return `left behind ${sc.place}, round ${loss.round}`;
  if (loss.how === "killed") return `killed ${sc.place}, round ${loss.round}`;
  const t = state.layers.terrain[tileIndex(map, loss.at.x, loss.at.y, loss.at.level)];
  const into = t === Terrain.manhole ? "down a manhole" : sc.takenInto;
  return `taken ${into} ${sc.place}, round ${loss.round}`;
}

/**
 * The scene is over: replay its record (the record is the truth; its final hash must match),
 * carry the survivors on, write the fallen on the roll, heal, and end the campaign if a sergeant
 * is lost or the last scene is played.
 */
export function endScene(campaign: Campaign, map: MapDef, record: MatchRecord): Campaign {
  if (campaign.status !== "playing") throw new Error("the campaign is over");
  const { state, losses } = replayScene(campaign, map, record);
  const scene = campaign.scene;
  const survivors: CampaignSoldier[] = [];
  const fallen: Fallen[] = [];
  const out = cameOut(state);
  for (const s of campaign.soldiers) {
    const u = state.units.find((v) => v.id === s.id);
    if (!u) continue;
    if (out.has(u.id)) {
      survivors.push({ ...s, ...healed(s, u) });
      continue;
    }
    // still in a creature's grip when the squad left: taken; anyone else still on the board: left behind
    const loss = losses.get(s.id) ?? { round: state.round, how: u.grabbedBy ? "taken" as const : "left behind" as const, at: { x: u.x, y: u.y, level: u.level } };
    fallen.push({ id: s.id, kind: s.kind, seat: s.seat, map: map.id, scene, round: loss.round, how: loss.how, at: loss.at, text: lossText(scene, map, state, loss) });
  }
  const result: SceneResult = {
    map: map.id, seed: state.seed, outcome: state.outcome === "won" ? "won" : "lost", rounds: state.round,
    started: campaign.soldiers.map((s) => s.id), survived: survivors.map((s) => s.id), finalHash: hashState(state),
  };
  const sergeantLost = fallen.find((f) => f.kind !== "private");
  const last = scene + 1 >= SCENES.length;
  // a scene lost is not the end: only a sergeant lost is
  const status: CampaignStatus = sergeantLost ? "over" : last ? "complete" : "playing";
  const endedBy = sergeantLost
    ? `${nameOf(sergeantLost)} was ${sergeantLost.text}`
    : last ? `the squad ${result.outcome === "won" ? "held" : "fell back"} ${SCENES[scene].place}` : null;
  return { ...campaign, scene: scene + 1, status, endedBy, soldiers: survivors, fallen: [...campaign.fallen, ...fallen], results: [...campaign.results, result], pursuit: pursuitAfter(campaign.pursuit ?? 0, result.outcome) };
}

/** The roll of the fallen, one line each, in the order they fell: "Private Wang-1: taken into the drain in the alley, round 4". */
export function rollOfTheFallen(campaign: Campaign): string[] {
  return campaign.fallen.map((f) => `${nameOf(f)}: ${f.text}`);
}

/** A stable hash of the campaign's state (its scenes' final hashes, the living and the fallen). */
export function hashCampaign(campaign: Campaign): string {
  return hashString(JSON.stringify([
    campaign.seed, campaign.options.difficulty, campaign.options.splitVision, campaign.scene, campaign.status, campaign.endedBy,
    campaign.soldiers.map((s) => [s.id, s.hp, s.armor]),
    campaign.fallen.map((f) => [f.id, f.map, f.round, f.how, f.at.x, f.at.y, f.at.level]),
    campaign.results.map((r) => [r.map, r.seed, r.outcome, r.rounds, r.finalHash]),
    campaign.pursuit,
  ]));
}
