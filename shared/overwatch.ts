/** Overwatch: a soldier who spent his AP watching fires once at the first creature that moves in sight. */
import { RULES } from "./rules/table.js";
import type { Unit } from "./types.js";
import { type Draft } from "./draft.js";
import { canSee } from "./sight.js";
import { fireShot } from "./shooting.js";

/** A creature just moved: the first soldier on overwatch who sees it in range takes his shot. */
export function triggerOverwatch(d: Draft, creature: Unit): void {
  for (const u of d.s.units) {
    if (creature.fate !== "active") return;
    if (u.side !== "squad" || u.fate !== "active" || !u.overwatch) continue;
    if (!u.hasWeapon || u.mag <= 0 || u.grabbedBy) continue;
    if (!canSee(d.s.map, u, creature, Math.min(RULES.rifle.range, d.s.map.visionRange))) continue;
    u.overwatch = false;
    fireShot(d, u, creature, "overwatch");
    return;
  }
}
