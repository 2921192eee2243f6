/**
 * A validated client message → the engine command it asks for: which seat acts (his own, or the
 * squad he took over), and the engine's Action. No rule is decided here.
 */
import { hashState, type Action, type BattleEvent, type BattleState, type Command, type MapDef, type Seat } from "../shared/index.js";
import { checkMessage, toEngineAction, type Message } from "./validation.js";
import type { Role, SeatTable } from "./seats.js";
import type { Sequence } from "./sequence.js";
import type { LoggedCommand } from "./store/index.js";
import { engine } from "./fault.js";
import type { UnitTexts } from "../shared/core/hash.js";

/** The units' hash texts, by unit (shared/core/hash.ts): the server's states are never edited once made. */
const UNIT_TEXTS: UnitTexts = new WeakMap();

/** The hash logged with a command (the same as hashState's: its units' texts kept). */
export const logHash = (state: BattleState): string => hashState(state, UNIT_TEXTS);

export type CommandType = "action" | "ready" | "undo";

export type Resolved = { ok: true; command: Command } | { ok: false; code: string; message?: string };

/** `own`: the seats the sender commands now (non-empty); `role`: his own seat. */
export function resolveCommand(
  map: MapDef,
  battle: BattleState,
  own: Seat[],
  role: Seat,
  type: CommandType,
  value: Message<CommandType>,
): Resolved {
  let action: Action;
  if (type === "action") {
    const a = toEngineAction(map, (value as Message<"action">).action);
    if (!a.ok) return a;
    action = a.value;
  } else if (type === "ready") {
    action = { type: "ready", ready: (value as Message<"ready">).ready };
  } else {
    action = { type: "undo" };
  }
  const requested = value.seat;
  let seat: Seat;
  if (requested !== undefined) {
    if (!own.includes(requested)) return { ok: false, code: "ERR_NOT_YOUR_SEAT" };
    seat = requested;
  } else if ("unit" in action && own.length > 1) {
    // A player who took his partner's squad over acts for the seat of the unit he names.
    const unitId = action.unit;
    const unit = battle.units.find((u) => u.id === unitId);
    seat = unit?.seat && own.includes(unit.seat) ? unit.seat : role;
  } else {
    seat = own.includes(role) ? role : own[0];
  }
  return { ok: true, command: { seat, action } };
}

export type Intake =
  | { kind: "refuse"; code: string; message?: string; seq?: number; lastSeq?: number }
  | { kind: "takeover"; seat: Seat; seq?: number }
  | { kind: "apply"; logged: LoggedCommand; state: BattleState; events: BattleEvent[]; seq?: number };

/**
 * A command message, in order: shape → spectator → seat → sequence number → the engine. Nothing
 * changes here; `apply` outcomes are committed by the room.
 */
export function intake(
  ctx: { map: MapDef; battle: BattleState; seats: SeatTable; sequence: Sequence; sessionId: string; role: Role },
  type: CommandType | "takeover",
  payload: unknown,
): Intake {
  const checked = checkMessage(type, payload);
  if (!checked.ok) return { kind: "refuse", code: checked.code, message: checked.message };
  const seq = checked.value.seq;
  if (ctx.role === "spectator") return { kind: "refuse", code: "ERR_SPECTATOR", seq };
  const own = ctx.seats.controlled(ctx.sessionId);
  if (own.length === 0) return { kind: "refuse", code: "ERR_NOT_YOUR_SEAT", seq };
  const numbered = ctx.sequence.accept(ctx.role, seq);
  if (numbered !== "new") return { kind: "refuse", code: numbered === "gap" ? "ERR_SEQ_GAP" : "ERR_DUPLICATE", seq, lastSeq: ctx.sequence.last(ctx.role) };
  if (type === "takeover") {
    const r = ctx.seats.takeover(ctx.sessionId, ctx.role, (checked.value as Message<"takeover">).seat);
    return r.ok ? { kind: "takeover", seat: r.value, seq } : { kind: "refuse", code: r.code, message: r.message, seq };
  }
  const c = resolveCommand(ctx.map, ctx.battle, own, ctx.role, type, checked.value as Message<CommandType>);
  if (!c.ok) return { kind: "refuse", code: c.code, message: c.message, seq };
  const result = engine.apply(ctx.battle, c.command);
  if (!result.ok) return { kind: "refuse", code: result.code, message: result.message, seq };
  const logged: LoggedCommand = { ...c.command, hash: logHash(result.state), ...(seq !== undefined ? { seq, by: ctx.role } : {}) };
  return { kind: "apply", logged, state: result.state, events: result.events, seq };
}
