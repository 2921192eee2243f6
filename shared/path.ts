/**
 * Movement: the cost of reaching every tile, and paths. Soldiers walk streets (rubble costs 2),
 * never walls, vehicles or holes, and never through creatures. Creatures climb walls and
 * vehicles at cost 1 and never pass through soldiers. Stairs link a tile to the same tile on the
 * next level. Moves are 8-way; soldiers cannot cut a corner past a wall or vehicle.
 */
import { Terrain } from "./map/types.js";
import type { BattleState, Pos, Unit } from "./types.js";
import { DIRS8, posOf, tileIndex } from "./grid.js";
import { unitById } from "./units.js";

export interface CostField {
  /** Cost to reach each tile, -1 where unreached. */
  dist: Int32Array;
  /** The tile each tile was reached from, -1 at the start. */
  prev: Int32Array;
  start: number;
}

/** 1 where a soldier stands, 2 where a creature stands. */
export function occupancy(s: BattleState): Uint8Array {
  const map = s.map;
  const occ = new Uint8Array(map.width * map.height * map.levels);
  for (const u of s.units) if (u.fate === "active") occ[tileIndex(map, u.x, u.y, u.level)] = u.side === "squad" ? 1 : 2;
  return occ;
}

/** Movement cost of entering terrain `t`, or 0 when it cannot be entered. */
export function stepCost(t: number, creature: boolean): number {
  if (t === Terrain.hole) return 0;
  if (creature) return 1;
  if (t === Terrain.wall || t === Terrain.vehicle) return 0;
  return t === Terrain.rubble ? 2 : 1;
}

// Reused bucket queues (no state is kept between calls; they only save allocations).
let buckets: number[][] = [];

/** Cheapest costs from `from` up to `maxCost`, for a soldier or a creature (Dial's algorithm). */
export function costField(s: BattleState, from: Pos, creature: boolean, maxCost: number, occ = occupancy(s)): CostField {
  const map = s.map;
  const terrain = s.layers.terrain;
  const w = map.width, h = map.height, perLevel = w * h;
  const n = perLevel * map.levels;
  const dist = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const start = tileIndex(map, from.x, from.y, from.level);
  const blockedBy = creature ? 1 : 2;
  const limit = Math.min(maxCost, n * 2);
  if (buckets.length < limit + 3) buckets = Array.from({ length: limit + 3 }, () => []);
  dist[start] = 0;
  buckets[0].length = 0;
  buckets[0].push(start);
  // tiles queued and not yet taken out; the search stops when none are left
  let pending = 1, top = 0;
  for (let c = 0; c <= limit && pending > 0; c++) {
    const bucket = buckets[c];
    for (let k = 0; k < bucket.length; k++) {
      const i = bucket[k];
      pending--;
      if (dist[i] !== c) continue;
      const level = Math.floor(i / perLevel);
      const rest = i - level * perLevel;
      const y = Math.floor(rest / w), x = rest - y * w;
      for (let d = 0; d < 8; d++) {
        const nx = x + DIRS8[d][0], ny = y + DIRS8[d][1];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = i + DIRS8[d][1] * w + DIRS8[d][0];
        const cost = stepCost(terrain[j], creature);
        if (cost === 0 || occ[j] === blockedBy) continue;
        if (!creature && d >= 4) {
          // no cutting corners past walls or vehicles
          if (stepCost(terrain[i + DIRS8[d][0]], false) === 0 || stepCost(terrain[i + DIRS8[d][1] * w], false) === 0) continue;
        }
        const nd = c + cost;
        if (nd > limit) continue;
        if (dist[j] === -1 || nd < dist[j]) {
          dist[j] = nd;
          prev[j] = i;
          while (top < nd) buckets[++top].length = 0;
          buckets[nd].push(j);
          pending++;
        }
      }
      // stairs: up or down to the stairs on the same spot
      if (terrain[i] === Terrain.stairs) {
        for (const dl of [1, -1]) {
          const nl = level + dl;
          if (nl < 0 || nl >= map.levels) continue;
          const j = i + dl * perLevel;
          if (terrain[j] !== Terrain.stairs || occ[j] === blockedBy) continue;
          const nd = c + 1;
          if (nd <= limit && (dist[j] === -1 || nd < dist[j])) {
            dist[j] = nd;
            prev[j] = i;
            while (top < nd) buckets[++top].length = 0;
            buckets[nd].push(j);
            pending++;
          }
        }
      }
    }
  }
  return { dist, prev, start };
}

/** The path from the field's start to tile `to` (start excluded), as tile indices. */
export function pathIndices(field: CostField, to: number): number[] | null {
  if (field.dist[to] < 0) return null;
  const out: number[] = [];
  for (let i = to; i !== field.start; i = field.prev[i]) out.push(i);
  return out.reverse();
}

export interface ReachableTile {
  pos: Pos;
  /** Movement points spent. */
  cost: number;
  /** Action points the move costs. */
  ap: number;
}

/** Movement points a soldier has left this round. */
export function movementBudget(u: Unit): number {
  return u.ap * u.move;
}

export function apForCost(u: Unit, cost: number): number {
  return Math.ceil(cost / u.move);
}

/** Where a soldier can move this round (empty tiles within his action points), cheapest first. */
export function reachableTiles(s: BattleState, unitId: string): ReachableTile[] {
  const u = unitById(s, unitId);
  if (!u || u.fate !== "active" || u.side !== "squad" || u.grabbedBy || u.ap <= 0) return [];
  const occ = occupancy(s);
  const field = costField(s, u, false, movementBudget(u), occ);
  const out: ReachableTile[] = [];
  for (let i = 0; i < field.dist.length; i++) {
    const c = field.dist[i];
    if (c > 0 && occ[i] === 0) out.push({ pos: posOf(s.map, i), cost: c, ap: apForCost(u, c) });
  }
  return out;
}

/** The cheapest path a soldier would walk to `to` this round (start excluded), or null. */
export function findPath(s: BattleState, unitId: string, to: Pos): Pos[] | null {
  const u = unitById(s, unitId);
  if (!u || u.fate !== "active") return null;
  const field = costField(s, u, u.side === "creature", u.side === "creature" ? u.move : movementBudget(u));
  const path = pathIndices(field, tileIndex(s.map, to.x, to.y, to.level));
  return path ? path.map((i) => posOf(s.map, i)) : null;
}
