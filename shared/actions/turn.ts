/** Ready (per seat; both ready ends the player phase) and undo (the seat's last undoable move). */
import type { Action, BattleState, Seat } from "../core/types.js";
import { type Draft, emit } from "../core/draft.js";
import { resolveRound } from "../battle/round.js";
import { knownUnitAt } from "../view/view.js";
import { type Refusal, refuse } from "./common.js";
import { RULES } from "../rules/table.js";

type Ready = Extract<Action, { type: "ready" }>;

export function checkReady(s: BattleState, seat: Seat, a: Ready): Refusal | null {
  if (s.phase !== "player") return refuse("ERR_WRONG_PHASE");
  if (s.ready[seat] === a.ready) return refuse(a.ready ? "ERR_ALREADY_READY" : "ERR_NOT_READY");
  if (!a.ready && (s.unready?.[seat] ?? 0) >= RULES.unreadyPerRound) return refuse("ERR_TOO_MANY_TOGGLES");
  return null;
}

export function runReady(d: Draft, seat: Seat, a: Ready): void {
  d.s.ready[seat] = a.ready;
  if (!a.ready) {
    const n = d.s.unready ?? { takumi: 0, wang: 0 };
    d.s.unready = { ...n, [seat]: n[seat] + 1 };
  }
  emit(d, { type: "ready", seat, ready: a.ready });
  if (d.s.ready.takumi && d.s.ready.wang) resolveRound(d);
}

export function checkUndo(s: BattleState, seat: Seat): Refusal | null {
  if (s.phase !== "player") return refuse("ERR_WRONG_PHASE");
  if (s.ready[seat]) return refuse("ERR_SEAT_READY");
  const stack = s.undo[seat];
  if (stack.length === 0) return refuse("ERR_NOTHING_TO_UNDO");
  if ((s.undone?.[seat] ?? 0) >= RULES.undoPerRound) return refuse("ERR_TOO_MANY_UNDOS");
  const { before } = stack[stack.length - 1];
  // judged on what the seat knows, like a move (only a soldier can have stepped there since)
  const there = knownUnitAt(s, seat, before);
  if (there && there.id !== before.id) return refuse("ERR_OCCUPIED", "someone now stands where he was");
  return null;
}

export function runUndo(d: Draft, seat: Seat): void {
  const stack = d.s.undo[seat];
  const { before } = stack[stack.length - 1];
  d.s.undo[seat] = stack.slice(0, -1);
  const n = d.s.undone ?? { takumi: 0, wang: 0 };
  d.s.undone = { ...n, [seat]: n[seat] + 1 };
  d.s.units = d.s.units.map((u) => (u.id === before.id ? { ...before } : u));
  emit(d, { type: "undone", unit: before.id });
}
