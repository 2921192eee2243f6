/**
 * Hurting and killing units: the one place hit points fall. A leaf: it resolves a hurt or a death
 * and queues what follows (a death, a release, a creature's burst); the effects step runs them.
 */
import type { DamageCause, Unit } from "../core/types.js";
import { type Draft, draftUnit, emit, queue } from "../core/draft.js";
import { setDown } from "./carrying.js";
import { damageAfterArmor } from "./combat.js";
import { posOfUnit } from "../core/units.js";
import { RULES } from "./table.js";

const ACID_CAUSES: ReadonlySet<DamageCause> = new Set(["acid", "splash", "vapour", "spit"]);

/**
 * Resolve a hurt: hit points fall (less armor unless ignored). Returns the damage dealt. A soldier
 * at 0 hp goes down (not dead); any blow finishes a soldier who is down; a creature or a
 * civilian at 0 dies.
 */
export function applyHurt(d: Draft, u: Unit, amount: number, cause: DamageCause, ignoreArmor: boolean): number {
  if (u.fate !== "active" || amount <= 0) return 0;
  if (u.down > 0) {
    queue(d, { kind: "death", unit: u.id });
    return 0;
  }
  // already dying (its death is queued)
  if (u.hp <= 0) return 0;
  const dealt = Math.min(u.hp, ignoreArmor ? amount : damageAfterArmor(amount, u.armor));
  u.hp -= dealt;
  if (u.side === "squad" && ACID_CAUSES.has(cause)) {
    d.s.report.acidDamage += dealt;
    u.burned = true;
  }
  emit(d, { type: "damaged", unit: u.id, amount: dealt, cause, hp: u.hp });
  if (u.hp <= 0 && u.side === "squad") {
    u.down = RULES.down.rounds;
    u.ap = 0;
    u.overwatch = false;
    emit(d, { type: "down", unit: u.id });
    setDown(d, u);
  } else if (u.hp <= 0) queue(d, { kind: "death", unit: u.id });
  return dealt;
}

/** Resolve a death: the unit is gone; a held soldier is let go, a creature bursts. */
export function applyDeath(d: Draft, u: Unit): void {
  if (u.fate !== "active" && u.fate !== "carried") return;
  const at = posOfUnit(u);
  u.fate = "dead";
  u.hp = 0;
  u.down = 0;
  u.overwatch = false;
  emit(d, { type: "died", unit: u.id, at });
  if (u.side === "squad") {
    d.s.report.soldiersDead++;
    setDown(d, u);
    if (u.carriedBy) {
      // he bled out in his comrade's arms
      draftUnit(d, u.carriedBy).carrying = null;
      u.carriedBy = null;
    }
    if (u.grabbedBy) queue(d, { kind: "release", victim: u.id, by: u.grabbedBy });
    return;
  }
  if (u.side === "civilian") {
    // a child dies in his carrier's arms; a civilian held is let go
    if (u.carriedBy) {
      draftUnit(d, u.carriedBy).carrying = null;
      u.carriedBy = null;
    }
    if (u.grabbedBy) queue(d, { kind: "release", victim: u.id, by: u.grabbedBy });
    return;
  }
  d.s.report.kills++;
  queue(d, { kind: "splash", at });
  if (u.grabbing) queue(d, { kind: "release", victim: u.grabbing, by: u.id });
}
