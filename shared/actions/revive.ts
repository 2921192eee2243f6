/** Revive (2 AP): a soldier beside a comrade who is down gets him back on his feet with 1 hp. */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { distance } from "../core/grid.js";
import { unitById } from "../core/units.js";
import { type Refusal, isRefusal, ownSoldier, refuse } from "./common.js";

type Revive = Extract<Action, { type: "revive" }>;

export function checkRevive(s: BattleState, seat: Seat, a: Revive): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  if (u.ap < RULES.down.reviveAp) return refuse("ERR_NO_AP", `revive needs ${RULES.down.reviveAp} AP`);
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  const comrade = unitById(s, a.comrade);
  if (!comrade || comrade.side !== "squad" || comrade.id === u.id) return refuse("ERR_NO_UNIT", a.comrade);
  if (comrade.fate !== "active") return refuse("ERR_UNIT_GONE", a.comrade);
  if (comrade.down <= 0) return refuse("ERR_NOT_DOWN");
  if (distance(u, comrade) !== 1) return refuse("ERR_NOT_BESIDE");
  return u;
}

export function runRevive(d: Draft, a: Revive): void {
  const u = draftUnit(d, a.unit);
  const c = draftUnit(d, a.comrade);
  u.ap -= RULES.down.reviveAp;
  u.overwatch = false;
  c.down = 0;
  c.hp = RULES.down.reviveHp;
  emit(d, { type: "revived", unit: c.id, by: u.id });
}
