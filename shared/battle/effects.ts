/**
 * The effects step: rule modules queue effects (draft.ts), and this resolves them in one fixed
 * order — every hurt, then deaths, then bursts of acid (splash), then releases, then overwatch
 * shots — first in, first out within a kind. What a resolved effect sets off joins the queue and
 * takes its turn by the same order. Event order follows from it; nothing is reordered afterwards.
 * Every unit an effect writes is taken through draftUnit (the draft's own copy).
 */
import { type Draft, type Effect, draftUnit } from "../core/draft.js";
import { applyDeath, applyHurt } from "../rules/damage.js";
import { creatureBled, creatureDied } from "../rules/acid.js";
import { releaseGrab } from "../rules/drag.js";
import { fireShot } from "../rules/shooting.js";

const ORDER: Record<Effect["kind"], number> = { hurt: 0, death: 1, splash: 2, release: 3, overwatch: 4 };

function next(d: Draft): Effect {
  const q = d.effects;
  let k = 0;
  for (let i = 1; i < q.length; i++) if (ORDER[q[i].kind] < ORDER[q[k].kind]) k = i;
  return q.splice(k, 1)[0];
}

export function resolveEffects(d: Draft): void {
  while (d.effects.length > 0) {
    const e = next(d);
    switch (e.kind) {
      case "hurt": {
        const u = draftUnit(d, e.unit);
        const dealt = applyHurt(d, u, e.amount, e.cause, e.ignoreArmor);
        // a creature hurt and alive leaks acid
        if (dealt > 0 && u.side === "creature" && u.hp > 0) creatureBled(d, u);
        break;
      }
      case "death": applyDeath(d, draftUnit(d, e.unit)); break;
      case "splash": creatureDied(d, e.at); break;
      case "release": releaseGrab(d, e.victim, e.by); break;
      case "overwatch": {
        const shooter = draftUnit(d, e.shooter), creature = draftUnit(d, e.creature);
        if (shooter.fate !== "active" || creature.fate !== "active" || !shooter.overwatch) break;
        shooter.overwatch = false;
        fireShot(d, shooter, creature, "overwatch");
        break;
      }
    }
  }
}
