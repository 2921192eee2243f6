/** Rifle butt (1 AP): 1 damage to an adjacent creature, and its acid splashes the attacker. */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit, hurt } from "../core/draft.js";
import { resolveEffects } from "../battle/effects.js";
import { distance } from "../core/grid.js";
import { type Refusal, armedAgainst, isRefusal, refuse } from "./common.js";

type Butt = Extract<Action, { type: "butt" }>;

export function checkButt(s: BattleState, seat: Seat, a: Butt): Unit | Refusal {
  const fight = armedAgainst(s, seat, a.unit, a.target);
  if (isRefusal(fight)) return fight;
  if (distance(fight.u, fight.target) !== 1) return refuse("ERR_NOT_ADJACENT");
  return fight.u;
}

export function runButt(d: Draft, a: Butt): void {
  const u = draftUnit(d, a.unit);
  const target = draftUnit(d, a.target);
  u.ap--;
  u.overwatch = false;
  emit(d, { type: "butt", unit: u.id, target: target.id, damage: RULES.butt.damage });
  hurt(d, target, RULES.butt.damage, "butt", true);
  resolveEffects(d);
  // a kill splashes him anyway (the death burst); otherwise the blood on the stock does
  if (target.fate === "active") hurt(d, u, RULES.butt.splash, "splash", true);
}
