/**
 * A soldier's route field (`apRouteField`) is searched on pooled scratch, by cost through linked
 * lists, with the hazard of each tile taken once. It must give exactly what the plain search it
 * replaced gave (kept below as the reference): the same costs, the same chosen route to every
 * tile among equal ones (which of two equal routes is walked decides battles), the same state
 * numbers. Random boards (terrain, stairs across levels, creatures, acid, fire, sight, a line)
 * and real ones from bot battles, on the same few maps so the scratch is reused between searches.
 * The bot's detour field (shared/ai/route.ts) reads the same table of steps: it too is held to the
 * search it replaced.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { apRouteField, neighbourTable, tileHazard, type CostField } from "../../shared/movement/path.js";
import { apply, botCommand, createBattle, tileIndex, type BattleState, type MapDef, type Seat } from "../../shared/index.js";
import { moveOf } from "../../shared/core/units.js";
import { knownOccupancy, viewerMask } from "../../shared/view/view.js";
import { knownTerrainOf } from "../../shared/sight/knownTerrain.js";
import { Terrain } from "../../shared/map/types.js";
import { ACID_DETOUR, detourField, type DetourField } from "../../shared/ai/route.js";
import type { Unit } from "../../shared/core/types.js";
import { map as shippedMap } from "./helpers.js";

const SOLDIER_COST = Uint8Array.from([1, 2, 0, 0, 1, 1, 1, 0]);

/** The search as it was: layers of plain arrays, a state table by (cost, tile), the hazard table filled as reached. */
function referenceField(s: BattleState, from: number, budget: number, move: number, occ: Uint8Array, seen: Uint8Array | null, terrain: Uint8Array): CostField {
  const hz = new Int32Array(s.map.width * s.map.height * s.map.levels).fill(-1);
  const hazardAt = (j: number) => (hz[j] >= 0 ? hz[j] : (hz[j] = tileHazard(s, j, seen)));
  const map = s.map;
  const perLevel = map.width * map.height;
  const n = perLevel * map.levels;
  const top = Math.min(budget, n * 2);
  const ord = new Int32Array((top + 1) * n).fill(-1);
  const stK: number[] = [], stH: number[] = [], stBack: number[] = [];
  const buf = new Int32Array(4 * n);
  const dist = buf.subarray(2 * n, 3 * n).fill(-1);
  dist[from] = 0;
  const cost = SOLDIER_COST;
  const { next, cornerA, cornerB } = neighbourTable(map);
  const layer: number[][] = [];
  for (let c = 0; c <= top; c++) layer.push([]);
  ord[from] = 0;
  stK[0] = from;
  stH[0] = 0;
  stBack[0] = -1;
  let count = 1;
  layer[0].push(from);
  const reach = (oi: number, hi: number, j: number, nc: number) => {
    const k = nc * n + j, nh = hi + hazardAt(j);
    let o = ord[k];
    if (o === -1) {
      layer[nc].push(j);
      if (dist[j] < 0 || nc < dist[j]) dist[j] = nc;
      o = count++;
      ord[k] = o;
      stK[o] = k;
    } else if (nh >= stH[o]) return;
    stH[o] = nh;
    stBack[o] = oi;
  };
  for (let c = 0; c <= top; c++) {
    const here = layer[c];
    for (let q = 0; q < here.length; q++) {
      const i = here[q];
      const oi = ord[c * n + i], hi = stH[oi];
      const b8 = i * 8;
      for (let d = 0; d < 8; d++) {
        const j = next[b8 + d];
        if (j < 0) continue;
        const step = cost[terrain[j]];
        if (step === 0 || occ[j] === 2 || c + step > top) continue;
        if (d >= 4 && (cost[terrain[cornerA[b8 + d]]] === 0 || cost[terrain[cornerB[b8 + d]]] === 0)) continue;
        reach(oi, hi, j, c + step);
      }
      if (terrain[i] === Terrain.stairs && c + 1 <= top)
        for (let dl = -1; dl <= 1; dl += 2) {
          const j = i + dl * perLevel;
          if (j < 0 || j >= n || terrain[j] !== Terrain.stairs || occ[j] === 2) continue;
          reach(oi, hi, j, c + 1);
        }
    }
  }
  const route = buf.subarray(0, n).fill(-1);
  const hazard = buf.subarray(n, 2 * n);
  const prev = buf.subarray(3 * n).fill(-1);
  for (let t = 0; t < n; t++) {
    const d0 = dist[t];
    if (d0 < 0) continue;
    const cap = Math.min(top, Math.max(d0, Math.ceil(d0 / move) * move));
    let best = -1;
    for (let c = d0; c <= cap; c++) {
      const o = ord[c * n + t];
      if (o !== -1 && (best < 0 || stH[o] < stH[best])) best = o;
    }
    route[t] = best;
    hazard[t] = best >= 0 ? stH[best] : 0;
    if (best >= 0 && stBack[best] >= 0) prev[t] = stK[stBack[best]] % n;
  }
  const back = Int32Array.from(stBack), routeTile = Int32Array.from(stK, (k) => k % n);
  return { dist, prev, start: from, hazard, route, back, routeTile };
}


/** The bot's detour field as it was: buckets of plain arrays, each step's walls and corners checked on the way. */
function referenceDetour(s: BattleState, u: Unit, occ: Uint8Array, seen: Uint8Array): DetourField {
  const map = s.map;
  const perLevel = map.width * map.height;
  const n = perLevel * map.levels;
  const terrain = knownTerrainOf(s);
  const { next, cornerA, cornerB } = neighbourTable(map);
  const dist = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const start = tileIndex(map, u.x, u.y, u.level);
  const extra = (j: number) => (seen[j] === 1 ? ACID_DETOUR * (s.layers.acid[j] + (s.layers.fire[j] > 0 ? 1 : 0)) : 0);
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
        const step = SOLDIER_COST[terrain[j]];
        if (step === 0 || occ[j] === 2) continue;
        if (d >= 4 && (SOLDIER_COST[terrain[cornerA[base + d]]] === 0 || SOLDIER_COST[terrain[cornerB[base + d]]] === 0)) continue;
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

function expectSame(got: CostField, want: CostField): void {
  expect(got.start).toBe(want.start);
  for (const key of ["dist", "prev", "hazard", "route", "back", "routeTile"] as const) {
    const a = got[key]!, b = want[key]!;
    // (element by element first: toEqual on every search of the run costs more than the searches)
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) expect(Array.from(a), key).toEqual(Array.from(b));
  }
}

// a few map shapes, each one object for the whole file: its scratch is reused search after search
const shapes = new Map<string, MapDef>();
function shape(width: number, height: number, levels: number): MapDef {
  const key = `${width}x${height}x${levels}`;
  let m = shapes.get(key);
  if (!m) shapes.set(key, (m = { width, height, levels } as MapDef));
  return m;
}

const TERRAIN_WEIGHTS: [number, number][] = [
  [Terrain.street, 10], [Terrain.rubble, 5], [Terrain.wall, 3], [Terrain.vehicle, 1], [Terrain.manhole, 1], [Terrain.exit, 1], [Terrain.stairs, 3], [Terrain.hole, 1],
];
const terrainArb = fc.oneof(...TERRAIN_WEIGHTS.map(([t, weight]) => ({ weight, arbitrary: fc.constant(t) })));

const board = fc
  .record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 8 }), levels: fc.integer({ min: 1, max: 3 }) })
  .chain(({ width, height, levels }) => {
    const n = width * height * levels;
    const tiles = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
    return fc.record({
      map: fc.constant(shape(width, height, levels)),
      terrain: tiles(terrainArb),
      occ: tiles(fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.constant(2) })),
      acid: tiles(fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) })),
      fire: tiles(fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) })),
      seen: fc.option(tiles(fc.constantFrom(0, 1)), { nil: null }),
      perimeter: fc.option(
        fc.record({ cx: fc.nat(width), cy: fc.nat(height), level: fc.nat(levels - 1), radius: fc.nat(4), broken: fc.boolean() }),
        { nil: null },
      ),
      searches: fc.array(
        fc.record({
          from: fc.nat(n - 1),
          budget: fc.oneof({ weight: 8, arbitrary: fc.nat(20) }, { weight: 1, arbitrary: fc.constant(10_000) }),
          move: fc.integer({ min: 1, max: 8 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
  });

type Board = typeof board extends fc.Arbitrary<infer T> ? T : never;

/** The part of a battle state the searches read, from a random board (with its perimeter, or none). */
function stateOf(b: Board, withPerimeter: boolean): BattleState {
  return {
    map: b.map,
    layers: { terrain: Uint8Array.from(b.terrain), acid: Uint8Array.from(b.acid), fire: Uint8Array.from(b.fire) },
    perimeter: withPerimeter && b.perimeter ? { ...b.perimeter, nextRadius: b.perimeter.radius, breakPoint: 0, breakOutRound: 0 } : null,
  } as unknown as BattleState;
}

describe("a soldier's route field", () => {
  it("is the reference search's, on random boards", () => {
    fc.assert(
      fc.property(board, (b) => {
        const s = stateOf(b, true);
        const occ = Uint8Array.from(b.occ), seen = b.seen && Uint8Array.from(b.seen), terrain = s.layers.terrain;
        for (const { from, budget, move } of b.searches)
          expectSame(apRouteField(s, from, budget, move, occ, seen, terrain), referenceField(s, from, budget, move, occ, seen, terrain));
      }),
      { numRuns: 400, seed: 4001 },
    );
  });

  it("the bot's detour field is the reference's, on random boards", () => {
    fc.assert(
      fc.property(board, (b) => {
        const s = stateOf(b, false);
        const occ = Uint8Array.from(b.occ), seen = b.seen ? Uint8Array.from(b.seen) : new Uint8Array(b.terrain.length).fill(1);
        for (const { from } of b.searches) {
          const p = { x: from % b.map.width, y: Math.floor(from / b.map.width) % b.map.height, level: Math.floor(from / (b.map.width * b.map.height)) };
          const u = { ...p, seat: "takumi" } as Unit;
          const got = detourField(s, u, occ, seen), want = referenceDetour(s, u, occ, seen);
          expect(got.start).toBe(want.start);
          expect(Array.from(got.dist)).toEqual(Array.from(want.dist));
          expect(Array.from(got.prev)).toEqual(Array.from(want.prev));
        }
      }),
      { numRuns: 300, seed: 4002 },
    );
  });

  it("is the reference search's for every soldier along bot battles", () => {
    const SEATS: Seat[] = ["takumi", "wang"];
    for (const [id, seed] of [["last-stand", 7], ["the-tower", 3], ["the-streets", 11]] as const) {
      let s = createBattle(shippedMap(id), seed);
      for (let step = 0; step < 60 && s.phase === "player"; step++) {
        const seat = SEATS[step % 2];
        const seen = viewerMask(s, seat);
        const occ = knownOccupancy(s, seat, seen);
        const terrain = knownTerrainOf(s);
        for (const u of s.units) {
          if (u.side !== "squad" || u.fate !== "active" || u.seat !== seat) continue;
          const from = tileIndex(s.map, u.x, u.y, u.level);
          for (const budget of [moveOf(u), u.ap * moveOf(u)])
            expectSame(apRouteField(s, from, budget, moveOf(u), occ, seen, terrain), referenceField(s, from, budget, moveOf(u), occ, seen, terrain));
          const detour = detourField(s, u, occ, seen), want = referenceDetour(s, u, occ, seen);
          expect(Array.from(detour.dist)).toEqual(Array.from(want.dist));
          expect(Array.from(detour.prev)).toEqual(Array.from(want.prev));
        }
        const c = botCommand(s, seat);
        const r = c ? apply(s, c) : apply(s, { seat, action: { type: "ready", ready: true } });
        if (r.ok) s = r.state;
        else {
          const ready = apply(s, { seat, action: { type: "ready", ready: true } });
          if (ready.ok) s = ready.state;
        }
      }
    }
  });
});
