/**
 * A soldier's route steered through waypoints: the engine's cheapest path from his tile to the
 * first waypoint, from there to the next, and so on (path.ts's own search on each leg). Each leg
 * is one move action, so the client sends the legs one after another.
 */
import type { BattleState, Pos, Unit } from "../core/types.js";
import { findPath } from "./path.js";
import { unitById } from "../core/units.js";

export interface ViaPath {
  /** Every tile entered, in order (start excluded). */
  path: Pos[];
  /** The tile each leg ends on (the waypoints, then the goal). */
  legs: Pos[];
}

/** The state with one unit standing elsewhere (only the units array and that unit are copied). */
function standingAt(s: BattleState, unit: Unit, at: Pos): BattleState {
  return { ...s, units: s.units.map((u) => (u === unit ? { ...u, x: at.x, y: at.y, level: at.level } : u)) };
}

/**
 * The path through `waypoints` in order (the last one is the goal), each leg the engine's
 * cheapest; null when a leg has no path. Ignores action points: routePreview says what it costs.
 */
export function findPathVia(s: BattleState, unitId: string, waypoints: Pos[]): ViaPath | null {
  let unit = unitById(s, unitId);
  if (!unit || unit.fate !== "active" || waypoints.length === 0) return null;
  let state = s;
  const path: Pos[] = [];
  for (const wp of waypoints) {
    if (wp.x === unit.x && wp.y === unit.y && wp.level === unit.level) continue;
    const leg = findPath(state, unitId, wp);
    if (!leg || leg.length === 0) return null;
    path.push(...leg);
    state = standingAt(state, unit, wp);
    unit = unitById(state, unitId)!;
  }
  return { path, legs: waypoints.map((p) => ({ x: p.x, y: p.y, level: p.level })) };
}
