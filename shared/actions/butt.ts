/** Rifle butt (1 AP): 1 damage to an adjacent creature, and its acid splashes the attacker. */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Seat, Unit } from "../types.js";
import { type Draft, emit, draftUnit } from "../draft.js";
import { distance } from "../grid.js";
import { hurt } from "../damage.js";
import { type Refusal, isRefusal, needsAp, ownSoldier, refuse, visibleEnemy } from "./common.js";

type Butt = Extract<Action, { type: "butt" }>;

export function checkButt(s: BattleState, seat: Seat, a: Butt): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (!u.hasWeapon) return refuse("ERR_NO_WEAPON");
  const target = visibleEnemy(s, seat, a.target);
  if (isRefusal(target)) return target;
  if (u.grabbedBy && u.grabbedBy !== target.id) return refuse("ERR_MUST_TARGET_GRABBER");
  if (distance(u, target) !== 1) return refuse("ERR_NOT_ADJACENT");
  return u;
}

export function runButt(d: Draft, a: Butt): void {
  const u = draftUnit(d, a.unit);
  const target = draftUnit(d, a.target);
  u.ap--;
  u.overwatch = false;
  emit(d, { type: "butt", unit: u.id, target: target.id, damage: RULES.butt.damage });
  const died = hurt(d, target, RULES.butt.damage, "butt", true);
  // a kill splashes him anyway (the death burst); otherwise the blood on the stock does
  if (!died) hurt(d, u, RULES.butt.splash, "splash", true);
}
