/** What every action checks first: the phase, the unit, its owner, its action points. */
import { ERROR_CODES, type ErrorCode } from "../core/errors.js";
import type { BattleState, Pos, Seat, Unit } from "../core/types.js";
import { inGrid } from "../core/grid.js";
import { unitById } from "../core/units.js";
import { seenBySquad } from "../sight/sight.js";

export interface Refusal {
  code: ErrorCode;
  message: string;
}

export function refuse(code: ErrorCode, detail?: string): Refusal {
  return { code, message: detail ? `${ERROR_CODES[code]} (${detail})` : ERROR_CODES[code] };
}

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === "object" && x !== null && "code" in x && "message" in x;
}

/** The seat's own soldier, on the board, in the player phase. */
export function ownSoldier(s: BattleState, seat: Seat, id: string): Unit | Refusal {
  if (s.phase !== "player") return refuse("ERR_WRONG_PHASE");
  if (s.ready[seat]) return refuse("ERR_SEAT_READY");
  const u = unitById(s, id);
  if (!u || u.side !== "squad") return refuse("ERR_NO_UNIT", id);
  if (u.seat !== seat) return refuse("ERR_NOT_YOUR_UNIT", id);
  if (u.fate !== "active") return refuse("ERR_UNIT_GONE", id);
  return u;
}

export function needsAp(u: Unit): Refusal | null {
  return u.ap >= 1 ? null : refuse("ERR_NO_AP");
}

export function onGrid(s: BattleState, p: Pos): Refusal | null {
  return inGrid(s.map, p.x, p.y, p.level) ? null : refuse("ERR_OFF_GRID", `${p.x},${p.y},${p.level}`);
}

/** A creature the viewer's squad can see now. Hidden and missing look the same, so nothing leaks. */
export function visibleEnemy(s: BattleState, seat: Seat, id: string): Unit | Refusal {
  const u = unitById(s, id);
  if (!u || u.side !== "creature" || u.fate !== "active") return refuse("ERR_NO_TARGET");
  return seenBySquad(s, u, s.options.splitVision ? seat : undefined) ? u : refuse("ERR_NO_TARGET");
}

/** A seat's armed soldier with AP, and a creature in sight he may fight (a grabbed man only his grabber). */
export function armedAgainst(s: BattleState, seat: Seat, unitId: string, targetId: string): { u: Unit; target: Unit } | Refusal {
  const u = ownSoldier(s, seat, unitId);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (!u.hasWeapon) return refuse("ERR_NO_WEAPON");
  const target = visibleEnemy(s, seat, targetId);
  if (isRefusal(target)) return target;
  if (u.grabbedBy && u.grabbedBy !== target.id) return refuse("ERR_MUST_TARGET_GRABBER");
  return { u, target };
}
