/**
 * The bot's long way round: a soldier's cheapest routes where every point of acid (or fire) he
 * sees on a tile costs as much as `ACID_DETOUR` more tiles of walking. The engine's own search
 * takes the cheapest route and only breaks ties by acid, so a walk to a way out or a fallen
 * comrade several rounds away would cross a pool a short detour avoids; the bot plans its
 * rounds along this field instead, and stops each round where the engine's route is clean.
 */
import type { BattleState, Unit } from "../core/types.js";
import { tileIndex } from "../core/grid.js";
import { soldierSteps, terrainFor } from "../movement/path.js";

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
 * Dial's algorithm: a bucket per cost, each a list (in typed arrays) taken in the order its tiles
 * were put in; a tile put in again at a lower cost leaves its old entry behind, skipped.
 */
export function detourField(s: BattleState, u: Unit, occ: Uint8Array, seen: Uint8Array): DetourField {
  const map = s.map;
  const n = map.width * map.height * map.levels;
  const { first, to, cost } = soldierSteps(map, terrainFor(s, u));
  const { acid, fire } = s.layers;
  const buf = new Int32Array(2 * n).fill(-1);
  const dist = buf.subarray(0, n), prev = buf.subarray(n);
  const start = tileIndex(map, u.x, u.y, u.level);
  // the bucket entries (a tile and the next entry of its bucket), and each bucket's first and last entry
  let entTile = new Int32Array(Math.max(16, n)), entNext = new Int32Array(entTile.length);
  let head = new Int32Array(64).fill(-1), tail = new Int32Array(64).fill(-1);
  let entries = 0, top = 0;
  const put = (nd: number, j: number) => {
    if (entries === entTile.length) {
      entTile = grown(entTile, entTile.length * 2, 0);
      entNext = grown(entNext, entNext.length * 2, 0);
    }
    if (nd >= head.length) {
      const size = Math.max(head.length * 2, nd + 1);
      head = grown(head, size, -1);
      tail = grown(tail, size, -1);
    }
    entTile[entries] = j;
    entNext[entries] = -1;
    if (tail[nd] === -1) head[nd] = entries;
    else entNext[tail[nd]] = entries;
    tail[nd] = entries++;
    if (nd > top) top = nd;
  };
  dist[start] = 0;
  put(0, start);
  for (let c = 0; c <= top; c++) {
    for (let e = head[c]; e !== -1; e = entNext[e]) {
      const i = entTile[e];
      if (dist[i] !== c) continue;
      // the steps in the engine's order (8 directions, then the stairs down and up)
      for (let k = first[i], end = first[i + 1]; k < end; k++) {
        const j = to[k];
        if (occ[j] === 2) continue;
        const nd = c + cost[k] + (seen[j] === 1 ? ACID_DETOUR * (acid[j] + (fire[j] > 0 ? 1 : 0)) : 0);
        if (dist[j] !== -1 && nd >= dist[j]) continue;
        dist[j] = nd;
        prev[j] = i;
        put(nd, j);
      }
    }
  }
  return { dist, prev, start };
}

/** A copy of `a`, `size` long, the rest filled with `fill`. */
function grown(a: Int32Array, size: number, fill: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/** The tiles of the route from the field's start to `to` (start excluded), nearest first. */
export function detourPath(f: DetourField, to: number): number[] {
  const out: number[] = [];
  for (let i = to; i !== f.start && i >= 0; i = f.prev[i]) out.push(i);
  return out.reverse();
}
