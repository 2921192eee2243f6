/** Firing a rifle: one roll a burst, damage on a hit, a called shot at the arm frees the grabbed. */
import { RULES } from "./table.js";
import type { Unit } from "../core/types.js";
import { type Draft, emit, hurt, queue } from "../core/draft.js";
import { type ShotKind, damageAfterArmor, hitChanceBetween } from "./combat.js";
import { rollPercent } from "../core/rng.js";

export function fireShot(d: Draft, shooter: Unit, target: Unit, kind: ShotKind): boolean {
  const { chance } = hitChanceBetween(d.s, shooter, target, kind);
  shooter.mag--;
  d.s.report.shots++;
  const hit = rollPercent(d.s) < chance;
  let damage = 0;
  if (hit) {
    d.s.report.hits++;
    if (kind === "calledShot") {
      // the arm: he lets go, wounded but not killed, so no burst of acid on the freed soldier
      damage = Math.min(RULES.calledShotDamage, target.hp - 1);
    } else damage = damageAfterArmor(RULES.rifle.damage, target.armor);
  }
  emit(d, { type: "shot", unit: shooter.id, target: target.id, chance, hit, damage, called: kind === "calledShot", overwatch: kind === "overwatch" });
  if (!hit) return false;
  if (kind === "calledShot" && target.grabbing) queue(d, { kind: "release", victim: target.grabbing, by: shooter.id });
  // the damage is already reckoned (armor included), as the event told it
  if (damage > 0) hurt(d, target, damage, "shot", true);
  return true;
}
