/**
 * Withdraw (1 AP, XCOM's evac): a soldier standing on a way out (the map's extraction points, or
 * else its exits) leaves the board alive at any time, even before the objective is met, with the
 * comrade (or the child) he carries. He is out like the extracted (the campaign carries him on); whether the
 * battle is won when the last sergeant is off the board is objectives.ts checkEnd's call.
 */
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { isExtraction } from "../rules/objectives.js";
import { saveCivilian } from "../rules/civilians.js";
import { type Refusal, isRefusal, needsAp, ownSoldier, refuse } from "./common.js";

type Withdraw = Extract<Action, { type: "withdraw" }>;

export function checkWithdraw(s: BattleState, seat: Seat, a: Withdraw): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  if (!isExtraction(s, u)) return refuse("ERR_NOT_ON_WAY_OUT");
  return u;
}

export function runWithdraw(d: Draft, a: Withdraw): void {
  const u = draftUnit(d, a.unit);
  u.fate = "extracted";
  u.ap = 0;
  u.overwatch = false;
  emit(d, { type: "withdrew", unit: u.id });
  // the man he carries goes with him; a child he carries is saved
  const carried = u.carrying ? d.s.units.find((c) => c.id === u.carrying && c.fate === "carried") : undefined;
  if (carried && carried.side === "civilian") saveCivilian(d, draftUnit(d, carried.id));
  else if (carried) {
    draftUnit(d, carried.id).fate = "extracted";
    emit(d, { type: "withdrew", unit: carried.id });
  }
}
