/**
 * A draft: the engine's working copy of a state while it applies one command. The input state
 * is never touched; the draft is cloned from it and mutated freely, then returned. Its units and
 * tile layers are copied on first write: a unit is written only through `draftUnit` (or after
 * `ownUnits`), so a move copies the one soldier who walks, not the whole board.
 */
import type { BattleEvent, BattleState, DamageCause, Layers, Pos, Unit } from "./types.js";
import { copyUnit } from "./unitFields.js";

export { copyUnit };

/**
 * What a rule asks to happen, resolved by the one effects step (effects.ts) in a fixed order:
 * hurt → death → splash → release → overwatch. Rule modules only answer questions and queue these.
 */
export type Effect =
  | { kind: "hurt"; unit: string; amount: number; cause: DamageCause; ignoreArmor: boolean }
  | { kind: "death"; unit: string }
  /** A creature burst at `at`: corpse, acid, and the splash on soldiers beside it. */
  | { kind: "splash"; at: Pos }
  | { kind: "release"; victim: string; by: string }
  /** `shooter`, on overwatch, fires at `creature`, which just moved in his sight. */
  | { kind: "overwatch"; shooter: string; creature: string };

export interface Draft {
  s: BattleState;
  events: BattleEvent[];
  /** Effects queued and not yet resolved. */
  effects: Effect[];
  /** Has any tile layer been written? Each layer is shared with the input state until its first write (most actions write none). */
  layersOwned: boolean;
  /** The layers already copied for writing, one bit each (LAYER_BIT): a Set per command costs more than most commands. */
  ownedLayers: number;
  /**
   * The input's units. The draft's list starts as a copy of this list, sharing its units: a unit
   * still identical to the input's at its index is read-only until `draftUnit` copies it.
   */
  base: readonly Unit[];
  /** Every unit is the draft's own (`ownUnits`): no more copies, and the list may be reordered. */
  unitsOwned: boolean;
}

/** Field by field (an object spread with overrides is several times slower on this hot path). */
function cloneSharingLayers(s: BattleState): BattleState {
  const r = s.report;
  const p = s.perimeter;
  const out: BattleState = {
    rulesVersion: s.rulesVersion,
    map: s.map,
    seed: s.seed,
    options: s.options,
    rng: s.rng,
    round: s.round,
    phase: s.phase,
    outcome: s.outcome,
    objective: s.objective,
    // shared until written (draftUnit, ownUnits)
    units: s.units.slice(),
    nextUnitId: s.nextUnitId,
    layers: s.layers,
    perimeter: p ? { cx: p.cx, cy: p.cy, level: p.level, radius: p.radius, nextRadius: p.nextRadius, breakPoint: p.breakPoint, breakOutRound: p.breakOutRound, broken: p.broken } : null,
    ready: { takumi: s.ready.takumi, wang: s.ready.wang },
    intents: s.intents,
    noise: s.noise,
    // each seat's stack is replaced, never edited (move.ts, turn.ts), so the new record may share them
    undo: { takumi: s.undo.takumi, wang: s.undo.wang },
    civiliansSaved: s.civiliansSaved,
    report: {
      rounds: r.rounds, kills: r.kills, soldiersDead: r.soldiersDead, soldiersTaken: r.soldiersTaken, civiliansSaved: r.civiliansSaved,
      acidDamage: r.acidDamage, shots: r.shots, hits: r.hits, grabs: r.grabs, drags: r.drags, freed: r.freed, holds: r.holds,
      acidFromMoves: r.acidFromMoves, ringFromCorpses: r.ringFromCorpses, ringFromRounds: r.ringFromRounds, inSight: r.inSight,
      perRound: r.perRound,
    },
    step: s.step,
  };
  if (s.unready) out.unready = { takumi: s.unready.takumi, wang: s.unready.wang };
  if (s.undone) out.undone = { takumi: s.undone.takumi, wang: s.undone.wang };
  // replaced, never edited (knownTerrain.ts)
  if (s.knownTerrain) out.knownTerrain = s.knownTerrain;
  return out;
}

const LAYER_BIT: Record<keyof Layers, number> = { acid: 1, acidAge: 2, melt: 4, corpse: 8, terrain: 16, fire: 32 };

export function newDraft(s: BattleState): Draft {
  return { s: cloneSharingLayers(s), events: [], effects: [], layersOwned: false, ownedLayers: 0, base: s.units, unitsOwned: false };
}

/**
 * Make every unit the draft's own: called before a rule that writes units it finds by walking the
 * list (the round's end, the rescue, the rarer actions). A unit already copied stays the same
 * object, so a unit got from `draftUnit` before this call is still the draft's.
 */
export function ownUnits(d: Draft): void {
  if (d.unitsOwned) return;
  const units = d.s.units, base = d.base;
  const n = Math.min(units.length, base.length);
  for (let i = 0; i < n; i++) if (units[i] === base[i]) units[i] = copyUnit(units[i]);
  d.unitsOwned = true;
}

/**
 * One of the draft's tile layers, ready to be written: copied from the input state on its first
 * write, alone (a grenade's rubble copies the terrain, not the acid, fire and corpses too).
 */
export function writeLayer<K extends keyof Layers>(d: Draft, name: K): Layers[K] {
  const bit = LAYER_BIT[name];
  if ((d.ownedLayers & bit) === 0) {
    // the layers' record is the input's until the first write; then a record of our own
    if (!d.layersOwned) {
      const l = d.s.layers;
      d.s.layers = { acid: l.acid, acidAge: l.acidAge, melt: l.melt, corpse: l.corpse, terrain: l.terrain, fire: l.fire };
    }
    d.s.layers[name] = d.s.layers[name].slice() as Layers[K];
    d.ownedLayers |= bit;
    d.layersOwned = true;
  }
  return d.s.layers[name];
}

/** Has this command written the layer (copied it from the input's)? */
export function layerWritten(d: Draft, name: keyof Layers): boolean {
  return (d.ownedLayers & LAYER_BIT[name]) !== 0;
}

export function emit(d: Draft, e: BattleEvent): void {
  d.events.push(e);
}

/** Ask for an effect; the effects step resolves it. */
export function queue(d: Draft, e: Effect): void {
  d.effects.push(e);
}

/** Hurt a unit (less armor unless `ignoreArmor`): queued, resolved by the effects step. */
export function hurt(d: Draft, u: Unit, amount: number, cause: DamageCause, ignoreArmor = false): void {
  if (u.fate !== "active" || amount <= 0) return;
  queue(d, { kind: "hurt", unit: u.id, amount, cause, ignoreArmor });
}

/** The draft's own copy of a unit, ready to be written: copied from the input's on first call. */
export function draftUnit(d: Draft, id: string): Unit {
  const units = d.s.units;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.id !== id) continue;
    if (d.unitsOwned || i >= d.base.length || u !== d.base[i]) return u;
    return (units[i] = copyUnit(u));
  }
  throw new Error(`engine: no unit ${id}`);
}
