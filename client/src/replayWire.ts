/**
 * What the replay viewer draws of a recorded state: everything (the fog lifted), and only what is
 * still to come: a creature killed since it announced its intent does nothing more, so its intent
 * (a dead Snatcher's lunge) is not drawn.
 */
import * as engine from "./engine";
import type { BattleState, WireState } from "./engine";

export function replayWire(state: BattleState): WireState {
  const view = engine.viewFor(state, "spectator");
  view.visible = new Uint8Array(view.visible.length).fill(1);
  const alive = new Set(state.units.filter((u) => u.fate === "active").map((u) => u.id));
  const intents = state.intents.filter((i) => alive.has(i.unit)).map((i) => ({ ...i, lastKnown: false, lastSeen: null }));
  return engine.toWire({ ...view, units: state.units.map((u) => ({ ...u })), intents, layers: state.layers });
}
