/**
 * A draft: the engine's working copy of a state while it applies one command. The input state
 * is never touched; the draft is cloned from it and mutated freely, then returned.
 */
import type { BattleEvent, BattleState, Unit } from "./types.js";

export interface Draft {
  s: BattleState;
  events: BattleEvent[];
}

export function cloneState(s: BattleState): BattleState {
  return {
    ...s,
    units: s.units.map((u) => ({ ...u })),
    layers: {
      acid: s.layers.acid.slice(),
      acidAge: s.layers.acidAge.slice(),
      melt: s.layers.melt.slice(),
      corpse: s.layers.corpse.slice(),
      terrain: s.layers.terrain.slice(),
    },
    perimeter: s.perimeter ? { ...s.perimeter } : null,
    ready: { ...s.ready },
    undo: { takumi: s.undo.takumi.slice(), wang: s.undo.wang.slice() },
    report: { ...s.report },
  };
}

export function newDraft(s: BattleState): Draft {
  return { s: cloneState(s), events: [] };
}

export function emit(d: Draft, e: BattleEvent): void {
  d.events.push(e);
}

/** The draft's own copy of a unit (units are cloned with the draft, so this is a lookup). */
export function draftUnit(d: Draft, id: string): Unit {
  for (const u of d.s.units) if (u.id === id) return u;
  throw new Error(`engine: no unit ${id}`);
}
