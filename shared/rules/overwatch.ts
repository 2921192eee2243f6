/** Overwatch: a soldier who spent his AP watching fires once at the first creature that moves in sight. */
import { RULES } from "./table.js";
import type { BattleState, Unit } from "../core/types.js";
import { canSee, clearOfSmoke } from "../sight/sight.js";

/** A creature just moved: the first soldier on overwatch who sees it in range, if any (he will fire). */
export function overwatchShooter(s: BattleState, creature: Unit): Unit | null {
  if (creature.fate !== "active") return null;
  for (const u of s.units) {
    if (u.side !== "squad" || u.fate !== "active" || !u.overwatch) continue;
    if (!u.hasWeapon || u.mag <= 0 || u.grabbedBy) continue;
    if (!canSee(s.map, u, creature, Math.min(RULES.rifle.range, s.map.visionRange)) || !clearOfSmoke(s, u, creature)) continue;
    return u;
  }
  return null;
}
