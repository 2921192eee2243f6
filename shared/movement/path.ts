/**
 * Movement: the cost of reaching every tile, and paths. Soldiers walk streets (rubble costs 2),
 * never walls, vehicles or holes, and never through creatures. Creatures climb walls and
 * vehicles at cost 1 and never pass through soldiers. Stairs link a tile to the same tile on the
 * next level. Moves are 8-way; soldiers cannot cut a corner past a wall or vehicle.
 */
import { Terrain, type MapDef } from "../map/types.js";
import type { BattleState, Pos, Unit } from "../core/types.js";
import { DIRS8, posOf, tileIndex } from "../core/grid.js";
import { moveOf, unitById } from "../core/units.js";
import { knownOccupancy, viewerMask } from "../view/view.js";
import { knownTerrainOf } from "../sight/knownTerrain.js";
import { sameBytes } from "../core/bytes.js";

export interface CostField {
  /** Cost to reach each tile, -1 where unreached. */
  dist: Int32Array;
  /**
   * Soldiers only: the hazard of the chosen route to each tile, acid first, then exposure
   * (`HAZARD_ACID` × acid damage entered + tiles walked outside the line). Among routes of equal
   * cost the search keeps the least hazardous, so previews can show what a route costs.
   */
  hazard?: Int32Array;
  /** A search for the nearest of several goals: the one it settled first (-1: none reached). */
  goal?: number;
  /** Creature searches and a soldier's round field: the tiles reached, in the order reached (loop over these, not the whole map). */
  reached?: Int32Array;
  /**
   * A soldier's field over one round's AP: the route to each tile is the least hazardous among
   * those costing the same AP (not only the same movement). `route[t]` is the chosen search state
   * (numbered in the order the search reached them), `back` each state's predecessor (-1 at the
   * start) and `routeTile` each state's tile; pathIndices follows them.
   */
  route?: Int32Array;
  back?: Int32Array;
  routeTile?: Int32Array;
  /** The tile each tile was reached from, -1 at the start. */
  prev: Int32Array;
  start: number;
}

/** 1 where a soldier (or a civilian) stands, 2 where a creature stands. */
export function occupancy(s: BattleState): Uint8Array {
  const map = s.map;
  const occ = new Uint8Array(map.width * map.height * map.levels);
  for (const u of s.units) if (u.fate === "active") occ[tileIndex(map, u.x, u.y, u.level)] = u.side === "creature" ? 2 : 1;
  return occ;
}

/** Movement cost of entering each terrain code for soldiers and for creatures; 0: cannot enter. */
const SOLDIER_COST = Uint8Array.from([1, 2, 0, 0, 1, 1, 1, 0]);
const CREATURE_COST = Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 0]);

export function stepCost(t: number, creature: boolean): number {
  return (creature ? CREATURE_COST : SOLDIER_COST)[t];
}

/**
 * Per map: each tile's 8 neighbours on its level (-1 off the grid), and for the diagonal ones
 * the two orthogonal tiles a soldier would cut past. Static, so cached per map.
 */
interface Neighbours {
  next: Int32Array;
  cornerA: Int32Array;
  cornerB: Int32Array;
}
const neighbourCache = new WeakMap<MapDef, Neighbours>();

export function neighbourTable(map: MapDef): Neighbours {
  let nb = neighbourCache.get(map);
  if (nb) return nb;
  const n = map.width * map.height * map.levels;
  nb = { next: new Int32Array(n * 8).fill(-1), cornerA: new Int32Array(n * 8).fill(-1), cornerB: new Int32Array(n * 8).fill(-1) };
  for (let i = 0; i < n; i++) {
    const p = posOf(map, i);
    for (let d = 0; d < 8; d++) {
      const [dx, dy] = DIRS8[d];
      const x = p.x + dx, y = p.y + dy;
      if (x < 0 || y < 0 || x >= map.width || y >= map.height) continue;
      nb.next[i * 8 + d] = tileIndex(map, x, y, p.level);
      if (d >= 4) {
        nb.cornerA[i * 8 + d] = tileIndex(map, x, p.y, p.level);
        nb.cornerB[i * 8 + d] = tileIndex(map, p.x, y, p.level);
      }
    }
  }
  neighbourCache.set(map, nb);
  return nb;
}

/**
 * A soldier's steps on one terrain: for each tile, the tiles he can step to from it and what each
 * step costs, in the search's order (the 8 directions, then the stairs down and up); steps into a
 * wall, vehicle or hole and corners cut past a wall or vehicle are left out. Tile `i`'s steps are
 * `to[k]`, `cost[k]` for k from `first[i]` to `first[i + 1]`. Kept per terrain array with a copy
 * of what it was made from, and checked against that copy on every use: a terrain edited in place
 * gets a new table, never a stale one.
 */
export interface SoldierSteps {
  terrain: Uint8Array;
  first: Int32Array;
  to: Int32Array;
  cost: Uint8Array;
}
const stepTables = new WeakMap<Uint8Array, SoldierSteps>();


export function soldierSteps(map: MapDef, terrain: Uint8Array): SoldierSteps {
  const hit = stepTables.get(terrain);
  if (hit && sameBytes(hit.terrain, terrain)) return hit;
  const perLevel = map.width * map.height;
  const n = perLevel * map.levels;
  const { next, cornerA, cornerB } = neighbourTable(map);
  const cost = SOLDIER_COST;
  const first = new Int32Array(n + 1), to = new Int32Array(n * 10), costs = new Uint8Array(n * 10);
  let k = 0;
  for (let i = 0; i < n; i++) {
    first[i] = k;
    const b8 = i * 8;
    for (let d = 0; d < 8; d++) {
      const j = next[b8 + d];
      if (j < 0 || cost[terrain[j]] === 0) continue;
      // soldiers cannot cut a corner past a wall or vehicle
      if (d >= 4 && (cost[terrain[cornerA[b8 + d]]] === 0 || cost[terrain[cornerB[b8 + d]]] === 0)) continue;
      to[k] = j;
      costs[k++] = cost[terrain[j]];
    }
    // stairs: up or down to the stairs on the same spot
    if (terrain[i] === Terrain.stairs)
      for (let dl = -1; dl <= 1; dl += 2) {
        const j = i + dl * perLevel;
        if (j < 0 || j >= n || terrain[j] !== Terrain.stairs) continue;
        to[k] = j;
        costs[k++] = 1;
      }
  }
  first[n] = k;
  const steps = { terrain: terrain.slice(), first, to: to.slice(0, k), cost: costs.slice(0, k) };
  stepTables.set(terrain, steps);
  return steps;
}

/** Cheapest costs from `from` up to `maxCost`, for a soldier or a creature (Dial's algorithm). */
export function costField(s: BattleState, from: Pos, creature: boolean, maxCost: number, occ = occupancy(s)): CostField {
  return search(s, [tileIndex(s.map, from.x, from.y, from.level)], creature, maxCost, occ, -1);
}

/** The cheapest path from `from` to tile `goal` within `maxCost` (the search stops there), or null. */
export function pathTo(s: BattleState, from: Pos, goal: number, creature: boolean, maxCost: number, occ = occupancy(s)): number[] | null {
  if (creature) {
    const f = creatureReach(s, from, maxCost, occ, goal);
    try {
      return pathIndices(f, goal);
    } finally {
      f.release();
    }
  }
  const field = search(s, [tileIndex(s.map, from.x, from.y, from.level)], creature, maxCost, occ, goal);
  return pathIndices(field, goal);
}

/** Cheapest costs from the nearest of several tiles (the creatures use it to find their prey). */
export function costFieldFrom(s: BattleState, starts: number[], creature: boolean, maxCost: number, occ = occupancy(s)): CostField {
  return search(s, starts, creature, maxCost, occ, -1);
}

/**
 * A soldier-like walk from `from` to the nearest tile marked 1 in `goals` (the search stops there:
 * a drag to the nearest exit costs what it walks, not the whole map). `goal` on the field is it.
 */
export function nearestGoalField(s: BattleState, from: Pos, goals: Uint8Array, occ: Uint8Array): CostField {
  return soldierSearch(s, [tileIndex(s.map, from.x, from.y, from.level)], Number.MAX_SAFE_INTEGER, occ, -1, goals);
}

/**
 * The search from the start tiles; with `stopAt` >= 0 it stops once that tile is settled. A
 * soldier's search plans for the squad, so on the squad's known terrain (a drag walks the real one).
 */
function search(s: BattleState, starts: number[], creature: boolean, maxCost: number, occ: Uint8Array, stopAt: number): CostField {
  return creature ? creatureSearch(s, starts, maxCost, occ, stopAt) : soldierSearch(s, starts, maxCost, occ, stopAt, undefined, null, knownTerrainOf(s));
}

// Scratch for the creatures' searches: each tile's cost and the tile before it, kept at -1
// between uses, and the queue of tiles reached. A pool per map: a search started while another
// is held takes a set of its own (re-entrant), and each set is reused.
interface Scratch { dist: Int32Array; prev: Int32Array; queue: Int32Array }
const scratchPools = new WeakMap<MapDef, Scratch[]>();

function takeScratch(map: MapDef): { pool: Scratch[]; scratch: Scratch } {
  const n = map.width * map.height * map.levels;
  let pool = scratchPools.get(map);
  if (!pool) scratchPools.set(map, (pool = []));
  const scratch = pool.pop() ?? { dist: new Int32Array(n).fill(-1), prev: new Int32Array(n).fill(-1), queue: new Int32Array(n) };
  return { pool, scratch };
}

/** Put back the -1s a search wrote (at the `reached` tiles it lists) and the set into its pool. */
function putBack(pool: Scratch[], scratch: Scratch, tail: number): void {
  const { dist, prev, queue } = scratch;
  for (let k = 0; k < tail; k++) {
    dist[queue[k]] = -1;
    prev[queue[k]] = -1;
  }
  pool.push(scratch);
}

/**
 * Creatures pay 1 for every tile they can enter, so a plain breadth-first search gives the same
 * field as Dial's algorithm (same costs, same first-found paths), faster. Searched on scratch,
 * then kept in one buffer: the costs, the tiles before and the tiles reached.
 */
function creatureSearch(s: BattleState, starts: number[], maxCost: number, occ: Uint8Array, stopAt: number): CostField {
  const n = s.map.width * s.map.height * s.map.levels;
  const { pool, scratch } = takeScratch(s.map);
  const tail = creatureBfs(s, starts, maxCost, occ, stopAt, scratch);
  const buf = new Int32Array(2 * n + tail);
  const dist = buf.subarray(0, n), prev = buf.subarray(n, 2 * n), reached = buf.subarray(2 * n);
  dist.set(scratch.dist);
  prev.set(scratch.prev);
  reached.set(scratch.queue.subarray(0, tail));
  putBack(pool, scratch, tail);
  return { dist, prev, start: starts.length ? starts[0] : 0, reached };
}

/** The breadth-first search itself, into the scratch's arrays (all -1 where unreached); returns how many tiles it reached (listed in its queue). */
function creatureBfs(s: BattleState, starts: number[], maxCost: number, occ: Uint8Array, stopAt: number, scratch: Scratch): number {
  const map = s.map;
  const terrain = s.layers.terrain;
  const perLevel = map.width * map.height;
  const n = perLevel * map.levels;
  const { next } = neighbourTable(map);
  const { dist, prev, queue } = scratch;
  let head = 0, tail = 0;
  for (const i of starts) {
    if (dist[i] === 0) continue;
    dist[i] = 0;
    queue[tail++] = i;
  }
  while (head < tail) {
    const i = queue[head++];
    if (i === stopAt) break;
    const nd = dist[i] + 1;
    if (nd > maxCost) continue;
    const base = i * 8;
    for (let d = 0; d < 8; d++) {
      const j = next[base + d];
      if (j < 0 || dist[j] !== -1 || CREATURE_COST[terrain[j]] === 0 || occ[j] === 1) continue;
      dist[j] = nd;
      prev[j] = i;
      queue[tail++] = j;
    }
    if (terrain[i] === Terrain.stairs) {
      for (let dl = -1; dl <= 1; dl += 2) {
        const j = i + dl * perLevel;
        if (j < 0 || j >= n || dist[j] !== -1 || terrain[j] !== Terrain.stairs || occ[j] === 1) continue;
        dist[j] = nd;
        prev[j] = i;
        queue[tail++] = j;
      }
    }
  }
  return tail;
}

/**
 * A creature's field within its move, on scratch arrays: valid until `release()` (which puts back
 * the -1s it wrote and returns the arrays to the pool); `reached` lists the tiles it reached.
 */
export function creatureReach(s: BattleState, from: Pos, maxCost: number, occ: Uint8Array, stopAt = -1): CostField & { reached: Int32Array; release(): void } {
  return scratchField(s, [tileIndex(s.map, from.x, from.y, from.level)], maxCost, occ, stopAt);
}

/** costFieldFrom's creature field (from the nearest of several tiles), on scratch arrays like creatureReach's: valid until `release()`. */
export function creatureReachFrom(s: BattleState, starts: number[], maxCost: number, occ: Uint8Array): CostField & { reached: Int32Array; release(): void } {
  return scratchField(s, starts, maxCost, occ, -1);
}

function scratchField(s: BattleState, starts: number[], maxCost: number, occ: Uint8Array, stopAt: number): CostField & { reached: Int32Array; release(): void } {
  const { pool, scratch } = takeScratch(s.map);
  const start = starts.length ? starts[0] : 0;
  const tail = creatureBfs(s, starts, maxCost, occ, stopAt, scratch);
  let held = true;
  return {
    dist: scratch.dist, prev: scratch.prev, start, reached: scratch.queue.subarray(0, tail),
    release() {
      if (!held) return;
      held = false;
      putBack(pool, scratch, tail);
    },
  };
}

/** A route's hazard: acid damage entered weighs more than any number of exposed steps. */
export const HAZARD_ACID = 1 << 12;

/** The damage (acid and fire) a route's hazard holds (the rest is exposure). */
export function hazardAcid(h: number): number {
  return Math.floor(h / HAZARD_ACID);
}

/**
 * What entering tile `i` adds to a soldier's route hazard: its acid, and 1 if it lies outside a
 * standing line. With `seen`, acid and fire count only where the seat sees them: a route bent by
 * acid under the fog would tell where it lies.
 */
export function tileHazard(s: BattleState, i: number, seen: Uint8Array | null = null): number {
  // fire burns like acid 1 (the route's damage, then exposure)
  let h = seen && seen[i] !== 1 ? 0 : (s.layers.acid[i] + (s.layers.fire[i] > 0 ? 1 : 0)) * HAZARD_ACID;
  const p = s.perimeter;
  if (p && !p.broken) {
    const map = s.map, per = map.width * map.height;
    const level = Math.floor(i / per), rest = i - level * per;
    const y = Math.floor(rest / map.width), x = rest - y * map.width;
    if (level !== p.level || Math.max(Math.abs(x - p.cx), Math.abs(y - p.cy)) > p.radius) h += 1;
  }
  return h;
}

// The soldiers' search keeps its tiles in a ring of bucket queues: steps cost 1 or 2, so three
// buckets (cost c, c+1, c+2) are all that is ever open. Memory grows with the map, never with its
// square. Rings are reused from a pool: a search started while another holds one takes its own.
const RING = 3;
interface Ring { q: Int32Array[]; len: Int32Array }
const rings: Ring[] = [];

function pushRing(r: Ring, b: number, i: number): void {
  let q = r.q[b];
  if (r.len[b] >= q.length) {
    const bigger = new Int32Array(q.length * 2);
    bigger.set(q);
    r.q[b] = q = bigger;
  }
  q[r.len[b]++] = i;
}

/**
 * A search's table of `tileHazard` (what entering a tile adds to a route's hazard), filled as the
 * search reaches tiles (-1: not yet): made once per search, read on every step.
 */
interface HazardTable { s: BattleState; seen: Uint8Array | null; h: Int32Array }

function hazardTable(s: BattleState, seen: Uint8Array | null): HazardTable {
  return { s, seen, h: new Int32Array(s.map.width * s.map.height * s.map.levels).fill(-1) };
}

function hazardAt(t: HazardTable, j: number): number {
  const h = t.h[j];
  return h >= 0 ? h : (t.h[j] = tileHazard(t.s, j, t.seen));
}

/**
 * One step of the soldiers' search: tile `j` reached from `i` at cost `nd`, kept if cheaper, or
 * as cheap and less hazardous. Returns whether `j` joined a bucket (a module function: a closure
 * made on every search costs more than a short search).
 */
function relaxStep(ring: Ring, dist: Int32Array, prev: Int32Array, hazard: Int32Array, hz: HazardTable, i: number, j: number, nd: number): boolean {
  const h = hazard[i] + hazardAt(hz, j);
  if (dist[j] !== -1 && (nd > dist[j] || (nd === dist[j] && h >= hazard[j]))) return false;
  const queued = dist[j] === nd;
  dist[j] = nd;
  prev[j] = i;
  hazard[j] = h;
  if (queued) return false;
  pushRing(ring, nd % RING, j);
  return true;
}

/**
 * Soldiers pay 2 for rubble: Dial's algorithm with a ring of buckets. Ties in cost go to the
 * route with the least hazard (acid entered, then exposure): every tile of cost c is reached from
 * tiles of lower cost, all settled before bucket c is read, so the tie-break is exact.
 */
function soldierSearch(
  s: BattleState, starts: number[], maxCost: number, occ: Uint8Array, stopAt: number, goals?: Uint8Array, seen: Uint8Array | null = null,
  terrain = s.layers.terrain, hz = hazardTable(s, seen),
): CostField {
  const map = s.map;
  const perLevel = map.width * map.height;
  const n = perLevel * map.levels;
  // one buffer for the three (each typed array of its own is a buffer for the collector to track)
  const buf = new Int32Array(3 * n);
  const dist = buf.subarray(0, n).fill(-1);
  const prev = buf.subarray(n, 2 * n).fill(-1);
  const hazard = buf.subarray(2 * n, 3 * n);
  const start = starts.length ? starts[0] : 0;
  // soldiers never pass through creatures (2 in the occupancy)
  const blockedBy = 2;
  const cost = SOLDIER_COST;
  const { next, cornerA, cornerB } = neighbourTable(map);
  const limit = Math.min(maxCost, n * 2);
  const ring = rings.pop() ?? { q: [new Int32Array(64), new Int32Array(64), new Int32Array(64)], len: new Int32Array(RING) };
  const ringLen = ring.len;
  ringLen.fill(0);
  for (const i of starts) {
    if (dist[i] === 0) continue;
    dist[i] = 0;
    pushRing(ring, 0, i);
  }
  // tiles queued and not yet taken out; the search stops when none are left
  let pending = ringLen[0];
  let found = -1;
  settle: for (let c = 0; c <= limit && pending > 0; c++) {
    const b = c % RING;
    // bucket c only grows with tiles of cost c + 1 or c + 2 (other buckets) while it is read
    for (let k = 0; k < ringLen[b]; k++) {
      const i = ring.q[b][k];
      pending--;
      if (dist[i] !== c) continue;
      if (i === stopAt) break settle;
      if (goals && goals[i] === 1) {
        found = i;
        break settle;
      }
      const base = i * 8;
      for (let d = 0; d < 8; d++) {
        const j = next[base + d];
        if (j < 0) continue;
        const step = cost[terrain[j]];
        if (step === 0 || occ[j] === blockedBy) continue;
        // soldiers cannot cut a corner past a wall or vehicle
        if (d >= 4 && (cost[terrain[cornerA[base + d]]] === 0 || cost[terrain[cornerB[base + d]]] === 0)) continue;
        const nd = c + step;
        if (nd > limit) continue;
        if (relaxStep(ring, dist, prev, hazard, hz, i, j, nd)) pending++;
      }
      // stairs: up or down to the stairs on the same spot
      if (terrain[i] === Terrain.stairs) {
        for (let dl = -1; dl <= 1; dl += 2) {
          const j = i + dl * perLevel;
          if (j < 0 || j >= n || terrain[j] !== Terrain.stairs || occ[j] === blockedBy) continue;
          if (c + 1 > limit) continue;
          if (relaxStep(ring, dist, prev, hazard, hz, i, j, c + 1)) pending++;
        }
      }
    }
    ringLen[b] = 0;
  }
  rings.push(ring);
  return { dist, prev, start, hazard, goal: found };
}

/**
 * Scratch for one soldier's route search, kept clean between searches (`ord`, `dist`, `enter`,
 * `head` and `tail` all -1), so a search costs what it reaches, not budget × map. Taken from a pool per
 * map and put back when the search is done: a search started while another is under way takes
 * a set of its own (re-entrant), and one that throws never puts a dirty set back.
 */
interface RouteScratch {
  /** Each search state's number, by k = cost × tiles + tile (-1: not reached). */
  ord: Int32Array;
  /** By state number: its tile, its cost, its route's hazard, the state before it, the next state of the same cost. */
  tile: Int32Array;
  cost: Int32Array;
  h: Int32Array;
  back: Int32Array;
  next: Int32Array;
  /** By tile: the least cost it is reached at and the hazard of entering it (both -1: not reached). */
  dist: Int32Array;
  enter: Int32Array;
  /** The tiles reached, in the order first reached. */
  reached: Int32Array;
  /** By cost: the first and the last state of that cost (-1: none). */
  head: Int32Array;
  tail: Int32Array;
}
const routePools = new WeakMap<MapDef, RouteScratch[]>();

function routeScratch(n: number): RouteScratch {
  const states = 256;
  return {
    ord: new Int32Array(0),
    tile: new Int32Array(states), cost: new Int32Array(states), h: new Int32Array(states), back: new Int32Array(states), next: new Int32Array(states),
    dist: new Int32Array(n).fill(-1), enter: new Int32Array(n).fill(-1), reached: new Int32Array(n),
    head: new Int32Array(0), tail: new Int32Array(0),
  };
}

/** Double the per-state tables (the search reached more states than they hold). */
function growStates(sc: RouteScratch): void {
  const bigger = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  sc.tile = bigger(sc.tile);
  sc.cost = bigger(sc.cost);
  sc.h = bigger(sc.h);
  sc.back = bigger(sc.back);
  sc.next = bigger(sc.next);
}

/**
 * A soldier's field within `budget` movement points where the route to each tile is the least
 * hazardous (acid and fire, then exposure) among all routes costing the same AP as the cheapest:
 * a search over (movement spent, tile), small since a round's budget is a few points. Costs (`dist`)
 * are the cheapest, as plain search gives them; routes may walk farther within the same AP.
 * States are taken by cost, and within a cost in the order first reached; a state keeps the first
 * of its least hazardous routes (tests/engine/routeField.properties.test.ts holds it to that).
 */
export function apRouteField(s: BattleState, from: number, budget: number, move: number, occ: Uint8Array, seen: Uint8Array | null, terrain: Uint8Array): CostField {
  const n = s.map.width * s.map.height * s.map.levels;
  const top = Math.min(budget, n * 2);
  let pool = routePools.get(s.map);
  if (!pool) routePools.set(s.map, (pool = []));
  const sc = pool.pop() ?? routeScratch(n);
  if (sc.ord.length < (top + 1) * n) sc.ord = new Int32Array((top + 1) * n).fill(-1);
  if (sc.head.length < top + 1) {
    sc.head = new Int32Array(top + 1).fill(-1);
    sc.tail = new Int32Array(top + 1).fill(-1);
  }
  const field = routeSearch(s, sc, n, top, from, move, occ, seen, terrain);
  // (only a search that ran to its end left the scratch clean)
  pool.push(sc);
  return field;
}

function routeSearch(
  s: BattleState, sc: RouteScratch, n: number, top: number, from: number, move: number, occ: Uint8Array, seen: Uint8Array | null, terrain: Uint8Array,
): CostField {
  const { first, to: stepTo, cost: stepCost } = soldierSteps(s.map, terrain);
  const { ord, dist, enter, reached, head, tail } = sc;
  let stTile = sc.tile, stCost = sc.cost, stH = sc.h, stBack = sc.back, stNext = sc.next;
  // the start: state 0, at cost 0 and hazard 0 (entering it again later costs its hazard)
  dist[from] = 0;
  enter[from] = tileHazard(s, from, seen);
  reached[0] = from;
  let nReached = 1;
  ord[from] = 0;
  stTile[0] = from;
  stCost[0] = 0;
  stH[0] = 0;
  stBack[0] = -1;
  stNext[0] = -1;
  head[0] = tail[0] = 0;
  let count = 1;
  // a step costs 1 at least: the states of cost `top` lead nowhere (they are routes' ends only)
  for (let c = 0; c < top; c++) {
    for (let oi = head[c]; oi !== -1; oi = stNext[oi]) {
      const i = stTile[oi], hi = stH[oi];
      for (let e = first[i], end = first[i + 1]; e < end; e++) {
        const j = stepTo[e];
        // soldiers never pass through creatures (2 in the occupancy)
        if (occ[j] === 2) continue;
        const nc = c + stepCost[e];
        if (nc > top) continue;
        // a step into a tile costs the same from every side (its terrain's cost; the stairs' 1 is
        // theirs too) and the states are taken by cost: the first reach of a tile is its cheapest
        let hj = enter[j];
        if (hj < 0) {
          hj = enter[j] = tileHazard(s, j, seen);
          dist[j] = nc;
          reached[nReached++] = j;
        }
        const nh = hi + hj, k = nc * n + j;
        let o = ord[k];
        if (o === -1) {
          if (count === stTile.length) {
            growStates(sc);
            stTile = sc.tile; stCost = sc.cost; stH = sc.h; stBack = sc.back; stNext = sc.next;
          }
          o = count++;
          ord[k] = o;
          stTile[o] = j;
          stCost[o] = nc;
          stNext[o] = -1;
          if (tail[nc] === -1) head[nc] = o;
          else stNext[tail[nc]] = o;
          tail[nc] = o;
        } else if (nh >= stH[o]) continue;
        stH[o] = nh;
        stBack[o] = oi;
      }
    }
  }
  // what the field keeps, in one buffer: each tile's chosen route, its hazard, its cheapest cost
  // and the tile before it; each state's predecessor and tile
  // and the tiles reached (in the order first reached: a loop over these need not scan the map)
  const buf = new Int32Array(4 * n + 2 * count + nReached);
  const route = buf.subarray(0, n).fill(-1);
  const hazard = buf.subarray(n, 2 * n);
  const outDist = buf.subarray(2 * n, 3 * n);
  outDist.set(dist.subarray(0, n));
  const prev = buf.subarray(3 * n, 4 * n).fill(-1);
  const back = buf.subarray(4 * n, 4 * n + count), routeTile = buf.subarray(4 * n + count, 4 * n + 2 * count);
  const outReached = buf.subarray(4 * n + 2 * count);
  outReached.set(reached.subarray(0, nReached));
  for (let r = 0; r < nReached; r++) {
    const t = reached[r], d0 = dist[t];
    // any route that costs no more AP than the cheapest one
    const cap = Math.min(top, Math.max(d0, Math.ceil(d0 / move) * move));
    let best = -1;
    for (let c = d0; c <= cap; c++) {
      const o = ord[c * n + t];
      if (o !== -1 && (best < 0 || stH[o] < stH[best])) best = o;
    }
    route[t] = best;
    hazard[t] = best >= 0 ? stH[best] : 0;
    if (best >= 0 && stBack[best] >= 0) prev[t] = stTile[stBack[best]];
    dist[t] = enter[t] = -1;
  }
  for (let o = 0; o < count; o++) {
    back[o] = stBack[o];
    routeTile[o] = stTile[o];
    ord[stCost[o] * n + stTile[o]] = -1;
  }
  for (let c = 0; c <= top; c++) head[c] = tail[c] = -1;
  return { dist: outDist, prev, start: from, hazard, route, back, routeTile, reached: outReached };
}

/** The path from the field's start to tile `to` (start excluded), as tile indices. */
export function pathIndices(field: CostField, to: number): number[] | null {
  if (field.dist[to] < 0) return null;
  const out: number[] = [];
  const { route, back, routeTile } = field;
  if (route && back && routeTile) {
    for (let k = route[to]; back[k] !== -1; k = back[k]) out.push(routeTile[k]);
    return out.reverse();
  }
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
  return u.ap * moveOf(u);
}

export function apForCost(u: Unit, cost: number): number {
  return Math.ceil(cost / moveOf(u));
}

/**
 * A soldier's movement field this round, remembered per state: the client's previews, the bots
 * and apply() all ask for the same field of the same state. States are values (the engine never
 * changes one it has returned); the memo still checks, exactly, everything the field is made of
 * (where every unit stands and whose it is, the soldier's AP and move, the terrain, acid, fire
 * and line it is judged on), so a state edited in place (as tests do to set up a position) is
 * never answered from a stale field. An exact record, not a hash: two boards never share one.
 */
interface MemoField {
  board: Int32Array;
  terrain: Uint8Array;
  acid: Uint8Array;
  fire: Uint8Array;
  field: CostField;
  occ: Uint8Array;
  /** The movement points the field was searched to (costs up to it are exact). */
  budget: number;
}
const fieldMemo = new WeakMap<BattleState, Map<string, MemoField>>();

/** Side and seat of a unit, as a small number (what occupancy and a seat's sight tell apart). */
function sideCode(v: Unit): number {
  if (v.side === "creature") return 2;
  if (v.side === "civilian") return 3;
  return v.seat === "takumi" ? 4 : v.seat === "wang" ? 5 : 1;
}

/** One unit's entry in the board record: where it stands and its side (positions fit a byte), or -1 off the board. */
function unitCode(v: Unit): number {
  return v.fate === "active" ? ((v.x * 256 + v.y) * 256 + v.level) * 8 + sideCode(v) : -1;
}

/** The number of entries before the units': his AP, his move, the line (centre, level, radius, broken). */
const BOARD_HEAD = 7;

/** The entries before the units', written into `out` (sameBoard reads them in this order). */
function writeHead(s: BattleState, u: Unit, out: Int32Array): void {
  const p = s.perimeter;
  out[0] = u.ap;
  out[1] = moveOf(u);
  out[2] = p ? p.cx : -1;
  out[3] = p ? p.cy : -1;
  out[4] = p ? p.level : -1;
  out[5] = p ? p.radius : -1;
  out[6] = p ? (p.broken ? 1 : 0) : -1;
}

/** Everything a soldier's field depends on besides the layers, exactly. */
function boardRecord(s: BattleState, u: Unit): Int32Array {
  const out = new Int32Array(BOARD_HEAD + s.units.length);
  writeHead(s, u, out);
  for (let k = 0; k < s.units.length; k++) out[BOARD_HEAD + k] = unitCode(s.units[k]);
  return out;
}

/** Is the board still the one recorded (compared in place: a hit allocates nothing)? */
function sameBoard(s: BattleState, u: Unit, board: Int32Array): boolean {
  if (board.length !== BOARD_HEAD + s.units.length) return false;
  const p = s.perimeter;
  if (board[0] !== u.ap || board[1] !== moveOf(u)) return false;
  if (p ? board[2] !== p.cx || board[3] !== p.cy || board[4] !== p.level || board[5] !== p.radius || board[6] !== (p.broken ? 1 : 0) : board[2] !== -1)
    return false;
  for (let k = 0; k < s.units.length; k++) if (board[BOARD_HEAD + k] !== unitCode(s.units[k])) return false;
  return true;
}

/** The remembered field of this soldier in this state, if it is still true to the board. */
function memoFor(s: BattleState, u: Unit): MemoField | undefined {
  const hit = fieldMemo.get(s)?.get(u.id);
  if (hit && hit.terrain === terrainFor(s, u) && hit.acid === s.layers.acid && hit.fire === s.layers.fire &&
    hit.field.start === tileIndex(s.map, u.x, u.y, u.level) && sameBoard(s, u, hit.board)) return hit;
  return undefined;
}

/** The terrain a soldier's routes are judged on: his seat's known terrain (a hole under the fog neither blocks nor bends them). */
export function terrainFor(s: BattleState, u: Unit): Uint8Array {
  return u.seat ? knownTerrainOf(s) : s.layers.terrain;
}

/** A soldier's movement field, exact for every tile up to `budget` movement points (default: all his AP). */
export function soldierField(s: BattleState, u: Unit, budget = movementBudget(u), seatMask?: Uint8Array): { field: CostField; occ: Uint8Array } {
  const hit = memoFor(s, u);
  if (hit && hit.budget >= budget) return hit;
  let perState = fieldMemo.get(s);
  if (!perState) {
    perState = new Map();
    fieldMemo.set(s, perState);
  }
  // what his seat knows stands where: a hidden creature neither blocks nor bends his route
  // (`seatMask`: the seat's viewerMask, when the caller has it already)
  const seen = u.seat ? seatMask ?? viewerMask(s, u.seat) : null;
  const occ = u.seat ? knownOccupancy(s, u.seat, seen!) : occupancy(s);
  const terrain = terrainFor(s, u);
  const field = apRouteField(s, tileIndex(s.map, u.x, u.y, u.level), budget, moveOf(u), occ, seen, terrain);
  perState.set(u.id, { board: boardRecord(s, u), terrain, acid: s.layers.acid, fire: s.layers.fire, field, occ, budget });
  return { field, occ };
}

/** The path a soldier walks to tile `to` this round with its cost, or null: from a remembered field when it reaches that far. */
export function soldierPath(s: BattleState, u: Unit, to: number): { path: number[]; cost: number; occ: Uint8Array } | null {
  const hit = memoFor(s, u);
  const { field, occ } = hit && hit.field.dist[to] >= 0 ? hit : soldierField(s, u);
  const path = pathIndices(field, to);
  return path ? { path, cost: field.dist[to], occ } : null;
}

/** Where a soldier can move this round (empty tiles within his action points), cheapest first. */
export function reachableTiles(s: BattleState, unitId: string): ReachableTile[] {
  const u = unitById(s, unitId);
  if (!u || u.fate !== "active" || u.side !== "squad" || u.grabbedBy || u.ap <= 0) return [];
  const { field, occ } = soldierField(s, u);
  const out: ReachableTile[] = [];
  for (let i = 0; i < field.dist.length; i++) {
    const c = field.dist[i];
    if (c > 0 && occ[i] === 0) out.push({ pos: posOf(s.map, i), cost: c, ap: apForCost(u, c) });
  }
  return out;
}

/** The cheapest path a unit would walk to `to` this round (start excluded), or null. */
export function findPath(s: BattleState, unitId: string, to: Pos): Pos[] | null {
  const u = unitById(s, unitId);
  if (!u || u.fate !== "active") return null;
  const field = u.side === "creature" ? costField(s, u, true, u.move) : soldierField(s, u).field;
  const path = pathIndices(field, tileIndex(s.map, to.x, to.y, to.level));
  return path ? path.map((i) => posOf(s.map, i)) : null;
}
