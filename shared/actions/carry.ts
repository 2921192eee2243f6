/**
 * Carry (1 AP) and drop (free): a soldier beside a comrade who is down (or a child) lifts him; the carried man
 * leaves the board and moves with his carrier (Wang at full speed, anyone else at half) until he is
 * set down on a free tile beside him. A carrier who is grabbed or goes down drops him.
 */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { distance } from "../core/grid.js";
import { unitById } from "../core/units.js";
import { seenBySquad } from "../sight/sight.js";
import { isChild } from "../rules/civilians.js";
import { dropTile, setDown } from "../rules/carrying.js";
import { type Refusal, isRefusal, ownSoldier, refuse } from "./common.js";

type Carry = Extract<Action, { type: "carry" }>;
type Drop = Extract<Action, { type: "drop" }>;

export function checkCarry(s: BattleState, seat: Seat, a: Carry): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  if (u.ap < RULES.carry.ap) return refuse("ERR_NO_AP");
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  if (u.carrying) return refuse("ERR_ALREADY_CARRYING");
  const comrade = unitById(s, a.comrade);
  if (!comrade || comrade.side === "creature" || comrade.id === u.id) return refuse("ERR_NO_UNIT", a.comrade);
  if (comrade.side === "civilian") {
    // a civilian out of the seat's sight is as unknown as one who is not there
    if (comrade.fate !== "active" || !seenBySquad(s, comrade, s.options.splitVision ? seat : undefined)) return refuse("ERR_NO_UNIT", a.comrade);
    if (!isChild(comrade)) return refuse("ERR_NOT_CARRIABLE");
  } else {
    if (comrade.fate !== "active") return refuse("ERR_UNIT_GONE", a.comrade);
    if (comrade.down <= 0) return refuse("ERR_NOT_DOWN");
  }
  if (comrade.grabbedBy) return refuse("ERR_GRABBED");
  if (distance(u, comrade) !== 1) return refuse("ERR_NOT_BESIDE");
  return u;
}

export function runCarry(d: Draft, a: Carry): void {
  const u = draftUnit(d, a.unit);
  const c = draftUnit(d, a.comrade);
  u.ap -= RULES.carry.ap;
  u.overwatch = false;
  u.carrying = c.id;
  c.carriedBy = u.id;
  c.fate = "carried";
  c.x = u.x; c.y = u.y; c.level = u.level;
  emit(d, { type: "carried", unit: c.id, by: u.id });
}

export function checkDrop(s: BattleState, seat: Seat, a: Drop): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  if (!u.carrying) return refuse("ERR_NOT_CARRYING");
  if (!dropTile(s, u)) return refuse("ERR_OCCUPIED", "no free tile beside him");
  return u;
}

export function runDrop(d: Draft, a: Drop): void {
  setDown(d, draftUnit(d, a.unit));
}
