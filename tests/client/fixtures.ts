/** Positions for the client's tests, found with the engine (so rule tuning does not break them). */
import type { BattleState, Pos, Seat } from "../../shared/index.js";
import { routePreview } from "../../shared/movement/routePreview.js";

/** A waypoint whose two-leg route for `unit` to `goal` enters no acid and fits in his AP, or null. */
export function dryWaypoint(s: BattleState, unit: string, goal: Pos, seat: Seat = "takumi"): Pos | null {
  const me = s.units.find((u) => u.id === unit)!;
  for (let y = me.y - 4; y <= me.y + 4; y++)
    for (let x = me.x - 4; x <= me.x + 4; x++) {
      if (x < 0 || y < 0 || x >= s.map.width || y >= s.map.height) continue;
      const w = { x, y, level: me.level };
      const p = routePreview(s, seat, unit, goal, [w]);
      if (p.ok && p.legs === 2 && p.hazards.length === 0) return w;
    }
  return null;
}
