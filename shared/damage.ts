/** Hurting and killing units: the one place hit points fall, so death always has its effects. */
import type { DamageCause, Unit } from "./types.js";
import { type Draft, emit } from "./draft.js";
import { damageAfterArmor } from "./combat.js";
import { creatureDied, creatureBled } from "./acid.js";
import { releaseGrab } from "./drag.js";
import { posOfUnit } from "./units.js";

const ACID_CAUSES: ReadonlySet<DamageCause> = new Set(["acid", "splash", "vapour", "spit"]);

/**
 * Deal `amount` damage (less armor unless `ignoreArmor`). Returns true if the unit died.
 * Creatures that live leak acid; creatures that die leave a corpse and splash acid around.
 */
export function hurt(d: Draft, u: Unit, amount: number, cause: DamageCause, ignoreArmor = false): boolean {
  if (u.fate !== "active" || amount <= 0) return false;
  const dealt = Math.min(u.hp, ignoreArmor ? amount : damageAfterArmor(amount, u.armor));
  u.hp -= dealt;
  if (u.side === "squad" && ACID_CAUSES.has(cause)) {
    d.s.report.acidDamage += dealt;
    u.burned = true;
  }
  emit(d, { type: "damaged", unit: u.id, amount: dealt, cause, hp: u.hp });
  if (u.hp <= 0) {
    kill(d, u);
    return true;
  }
  if (u.side === "creature") creatureBled(d, u);
  return false;
}

export function kill(d: Draft, u: Unit): void {
  const at = posOfUnit(u);
  u.fate = "dead";
  u.hp = 0;
  u.overwatch = false;
  emit(d, { type: "died", unit: u.id, at });
  if (u.side === "squad") {
    d.s.report.soldiersDead++;
    if (u.grabbedBy) releaseGrab(d, u.id);
    return;
  }
  d.s.report.kills++;
  if (u.grabbing) releaseGrab(d, u.grabbing, u.id);
  creatureDied(d, at);
}
