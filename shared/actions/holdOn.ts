/**
 * Hold on: a soldier beside a grabbed comrade spends all his remaining AP holding on to him. The
 * drag halts this round and the tug hurts the victim (enemyPhase.ts resolves it).
 */
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { distance } from "../core/grid.js";
import { unitById } from "../core/units.js";
import { type Refusal, isRefusal, needsAp, ownSoldier, refuse } from "./common.js";

type HoldOn = Extract<Action, { type: "holdOn" }>;

export function checkHoldOn(s: BattleState, seat: Seat, a: HoldOn): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  const comrade = unitById(s, a.comrade);
  if (!comrade || comrade.side !== "squad" || comrade.id === u.id) return refuse("ERR_NO_UNIT", a.comrade);
  if (comrade.fate !== "active") return refuse("ERR_UNIT_GONE", a.comrade);
  if (!comrade.grabbedBy) return refuse("ERR_NOT_GRABBED");
  if (distance(u, comrade) !== 1) return refuse("ERR_NOT_BESIDE");
  if (comrade.heldBy) return refuse("ERR_ALREADY_HELD");
  return u;
}

export function runHoldOn(d: Draft, a: HoldOn): void {
  const u = draftUnit(d, a.unit);
  u.ap = 0;
  u.overwatch = false;
  draftUnit(d, a.comrade).heldBy = u.id;
  emit(d, { type: "heldOn", unit: u.id, comrade: a.comrade });
}
