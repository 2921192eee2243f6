/**
 * The bot's long way round: a soldier's cheapest routes where every point of acid (or fire) he
 * sees on a tile costs as much as `ACID_DETOUR` more tiles of walking. The engine's own search
 * takes the cheapest route and only breaks ties by acid, so a walk to a way out or a fallen
 * comrade several rounds away would cross a pool a short detour avoids; the bot plans its
 * rounds along this field instead, and stops each round where the engine's route is clean.
 */
import { Terrain } from "../map/types.js";
import type { BattleState, Unit } from "../core/types.js";
import { tileIndex } from "../core/grid.js";
import { neighbourTable, stepCost, terrainFor } from "../movement/path.js";

/** Tiles of walking a point of acid is worth going round. */
export const ACID_DETOUR = 4;

export interface DetourField {
  /** Weighted cost to each tile (-1 unreached). */
  dist: Int32Array;
  prev: Int32Array;
  start: number;
}

/**
 * The acid-averse field from soldier `u` over the whole level set. `occ`: what the seat knows
 * stands where (2: a creature, never passed); `seen`: the tiles whose acid and fire the seat sees.
 */
export function detourField(s: BattleState, u: Unit, occ: Uint8Array, seen: Uint8Array): DetourField {
  const map = s.map;
  const perLevel = map.width * map.height;
  const n = perLevel * map.levels;
  const terrain = terrainFor(s, u);
  const { next, cornerA, cornerB } = neighbourTable(map);
  const dist = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const start = tileIndex(map, u.x, u.y, u.level);
  const extra = (j: number) => (seen[j] === 1 ? ACID_DETOUR * (s.layers.acid[j] + (s.layers.fire[j] > 0 ? 1 : 0)) : 0);
  // buckets by cost (Dial's algorithm): steps cost at most 2 + 4 × 4
  const buckets: number[][] = [[start]];
  dist[start] = 0;
  const relax = (i: number, j: number, nd: number) => {
    if (dist[j] !== -1 && nd >= dist[j]) return;
    dist[j] = nd;
    prev[j] = i;
    (buckets[nd] ??= []).push(j);
  };
  for (let c = 0; c < buckets.length; c++) {
    const b = buckets[c];
    if (!b) continue;
    for (const i of b) {
      if (dist[i] !== c) continue;
      const base = i * 8;
      for (let d = 0; d < 8; d++) {
        const j = next[base + d];
        if (j < 0) continue;
        const step = stepCost(terrain[j], false);
        if (step === 0 || occ[j] === 2) continue;
        if (d >= 4 && (stepCost(terrain[cornerA[base + d]], false) === 0 || stepCost(terrain[cornerB[base + d]], false) === 0)) continue;
        relax(i, j, c + step + extra(j));
      }
      if (terrain[i] === Terrain.stairs)
        for (let dl = -1; dl <= 1; dl += 2) {
          const j = i + dl * perLevel;
          if (j < 0 || j >= n || terrain[j] !== Terrain.stairs || occ[j] === 2) continue;
          relax(i, j, c + 1 + extra(j));
        }
    }
    buckets[c] = [];
  }
  return { dist, prev, start };
}

/** The tiles of the route from the field's start to `to` (start excluded), nearest first. */
export function detourPath(f: DetourField, to: number): number[] {
  const out: number[] = [];
  for (let i = to; i !== f.start && i >= 0; i = f.prev[i]) out.push(i);
  return out.reverse();
}
