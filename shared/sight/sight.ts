/**
 * Sight in the dust: line of sight between tiles (walls and vehicles block it), what a soldier
 * sees (within the map's vision range) and the squad's shared vision.
 * Walls and vehicles never change during a battle, so line of sight is cached per map.
 */
import type { MapDef } from "../map/types.js";
import type { BattleState, Pos, Seat } from "../core/types.js";
import { blocksSight, tileIndex } from "../core/grid.js";
import { sameBytes } from "../core/bytes.js";

/** The farthest the rules look besides sight (rifle range, noise). */
export const RULES_WINDOW = 8;
/** The most a map's vision range may be (the map format's limit). */
export const MAX_VISION = 16;

/** How far line of sight is kept for a map: its vision range (up to 16), or the rules' 8. */
export function sightWindow(map: MapDef): number {
  return Math.max(RULES_WINDOW, Math.min(MAX_VISION, map.visionRange));
}

interface LosTable {
  window: number;
  span: number;
  /** Per tile and offset: 0 not known yet, 1 clear, 2 blocked. */
  bytes: Uint8Array;
}
const losCache = new WeakMap<MapDef, LosTable>();

/** Bresenham's line from (x0, y0) to (x1, y1): false at the first tile strictly between them that is `blocked`. */
function lineClear(x0: number, y0: number, x1: number, y1: number, blocked: (x: number, y: number) => boolean): boolean {
  const dx = Math.abs(x1 - x0), dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  let err = dx + dy, x = x0, y = y0;
  for (;;) {
    if (x === x1 && y === y1) return true;
    const e2 = 2 * err;
    if (e2 >= dy) { err += dy; x += sx; }
    if (e2 <= dx) { err += dx; y += sy; }
    if (x === x1 && y === y1) return true;
    if (blocked(x, y)) return false;
  }
}

function walkClear(map: MapDef, level: number, x0: number, y0: number, x1: number, y1: number): boolean {
  return lineClear(x0, y0, x1, y1, (x, y) => blocksSight(map.terrain[tileIndex(map, x, y, level)]));
}

// the last map's table and sight lists, looked up before the WeakMaps: a battle asks for one map's,
// thousands of times per command, and a compare costs less than a WeakMap's look-up
let losLast: { map: MapDef; table: LosTable } | null = null;
let sightLast: { map: MapDef; perTile: (Int32Array | undefined)[] } | null = null;

function losTable(map: MapDef): LosTable {
  if (losLast !== null && losLast.map === map) return losLast.table;
  let cache = losCache.get(map);
  if (!cache) {
    const window = sightWindow(map), span = window * 2 + 1;
    cache = { window, span, bytes: new Uint8Array(map.width * map.height * map.levels * span * span) };
    losCache.set(map, cache);
  }
  losLast = { map, table: cache };
  return cache;
}

/** Line of sight from tile index `from` by (dx, dy) on the same level, through the cache. */
function losFrom(map: MapDef, table: LosTable, from: number, x: number, y: number, level: number, dx: number, dy: number): boolean {
  const { span, window, bytes } = table;
  const key = from * span * span + (dy + window) * span + (dx + window);
  let v = bytes[key];
  if (v === 0) {
    const clear = walkClear(map, level, x, y, x + dx, y + dy) || walkClear(map, level, x + dx, y + dy, x, y);
    v = clear ? 1 : 2;
    bytes[key] = v;
  }
  return v === 1;
}

/**
 * Line of sight between two tiles on one level, within the map's sight window. The end tiles never block
 * (a creature on a wall is seen on the wall's face). Symmetric: clear if either way is clear.
 */
export function lineOfSight(map: MapDef, a: Pos, b: Pos): boolean {
  if (a.level !== b.level) return false;
  const dx = b.x - a.x, dy = b.y - a.y;
  const table = losTable(map);
  if (Math.abs(dx) > table.window || Math.abs(dy) > table.window) return false;
  return losFrom(map, table, tileIndex(map, a.x, a.y, a.level), a.x, a.y, a.level, dx, dy);
}

/** Can an observer at `from` see tile `to` (in range and in line of sight)? */
export function canSee(map: MapDef, from: Pos, to: Pos, range = map.visionRange): boolean {
  if (from.level !== to.level) return false;
  if (Math.max(Math.abs(from.x - to.x), Math.abs(from.y - to.y)) > range) return false;
  return lineOfSight(map, from, to);
}

/**
 * The tiles the squad sees now (1 = seen), over all levels: the union of every active soldier's
 * sight, or one seat's soldiers only when `seat` is given (split vision).
 */
export function visibleTiles(s: BattleState, seat?: Seat): Uint8Array {
  const map = s.map;
  const mask = new Uint8Array(map.width * map.height * map.levels);
  const burning = burningTiles(s);
  const key = burning.join(",");
  for (const u of s.units) {
    if (u.side !== "squad" || u.fate !== "active") continue;
    if (seat && u.seat !== seat) continue;
    const from = tileIndex(map, u.x, u.y, u.level);
    const seen = burning.length === 0 ? sightFrom(map, from) : sightThroughSmoke(s, burning, key, u, from);
    for (let k = 0; k < seen.length; k++) mask[seen[k]] = 1;
  }
  return mask;
}

/**
 * What the squad (or one seat, with `seat`) sees, remembered per map and per vision: the mask
 * depends only on the map, the tiles its soldiers stand on and the fire layer (smoke), so a later
 * state with the same gets the same mask. The round's start (the creatures' plans, the noise) and
 * the bot's every command ask for it, most often with nobody moved since. Read only: the mask is
 * shared by every caller that gets it (visibleTiles makes one of the caller's own).
 */
const maskMemo = new WeakMap<MapDef, { seat: Seat | undefined; at: Int32Array; fire: Uint8Array; mask: Uint8Array }[]>();

export function sharedVisibleTiles(s: BattleState, seat?: Seat): Uint8Array {
  const map = s.map, units = s.units;
  let count = 0;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.side === "squad" && u.fate === "active" && (!seat || u.seat === seat)) count++;
  }
  const at = new Int32Array(count);
  count = 0;
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    if (u.side === "squad" && u.fate === "active" && (!seat || u.seat === seat)) at[count++] = tileIndex(map, u.x, u.y, u.level);
  }
  let memo = maskMemo.get(map);
  if (!memo) maskMemo.set(map, (memo = []));
  const fire = s.layers.fire;
  let k = 0;
  while (k < memo.length && memo[k].seat !== seat) k++;
  const hit = memo[k];
  if (hit && sameTiles(hit.at, at) && sameBytes(hit.fire, fire)) return hit.mask;
  const mask = visibleTiles(s, seat);
  // (a copy of the fire layer: whatever becomes of the state's own)
  memo[k] = { seat, at, fire: fire.slice(), mask };
  return mask;
}

function sameTiles(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}


/**
 * The burning tiles the last masks were built under (as a key) and, per tile, what a soldier
 * standing there sees through their smoke. What he sees depends only on the map, his tile and which
 * tiles burn, and those stay the same across the many commands of a round, so it is kept (for one
 * set of burning tiles per map: a new set starts afresh).
 */
const smokeCache = new WeakMap<MapDef, { key: string; perTile: Map<number, Int32Array> }>();

function sightThroughSmoke(s: BattleState, burning: number[], key: string, u: Pos, from: number): Int32Array {
  const map = s.map;
  let cache = smokeCache.get(map);
  if (!cache || cache.key !== key) smokeCache.set(map, (cache = { key, perTile: new Map() }));
  let out = cache.perTile.get(from);
  if (!out) {
    const seen = sightFrom(map, from);
    // he sees only on his own level and within his vision, so only the burning tiles there can
    // lie between him and a tile he sees: most soldiers have none
    const near = burningNear(map, burning, u);
    if (near.length === 0) out = seen;
    else {
      const kept: number[] = [];
      for (let k = 0; k < seen.length; k++)
        if (!fireBetween(map, near, u, seen[k]) || clearOfSmoke(s, u, seen[k])) kept.push(seen[k]);
      out = Int32Array.from(kept);
    }
    cache.perTile.set(from, out);
  }
  return out;
}

/**
 * The burning tiles on `from`'s level within vision range of it (those a line from it may pass),
 * as their coordinates (x, y, x, y, ...): fireBetween reads them for every tile he sees.
 */
function burningNear(map: MapDef, burning: number[], from: Pos): number[] {
  const per = map.width * map.height, r = Math.min(map.visionRange, MAX_VISION), out: number[] = [];
  for (const b of burning) {
    const bl = Math.floor(b / per), br = b - bl * per;
    const by = Math.floor(br / map.width), bx = br - by * map.width;
    if (bl === from.level && Math.abs(bx - from.x) <= r && Math.abs(by - from.y) <= r) out.push(bx, by);
  }
  return out;
}

/** The burning tiles (indices), few: a line of sight is walked for smoke only past one of them. */
function burningTiles(s: BattleState): number[] {
  const f = s.layers.fire, out: number[] = [];
  for (let i = 0; i < f.length; i++) if (f[i] > 0) out.push(i);
  return out;
}

/**
 * Does a burning tile (of `near`, burningNear's coordinates: all on `from`'s level) lie in the box
 * spanned by `from` and tile `to` (ends included)? Every tile a line between them passes lies in
 * that box, so without one the line is clear of smoke.
 */
function fireBetween(map: MapDef, near: number[], from: Pos, to: number): boolean {
  const per = map.width * map.height;
  const level = Math.floor(to / per), rest = to - level * per;
  const ty = Math.floor(rest / map.width), tx = rest - ty * map.width;
  if (level !== from.level) return true;
  const x0 = Math.min(from.x, tx), x1 = Math.max(from.x, tx), y0 = Math.min(from.y, ty), y1 = Math.max(from.y, ty);
  for (let k = 0; k < near.length; k += 2) {
    const bx = near[k], by = near[k + 1];
    if (bx >= x0 && bx <= x1 && by >= y0 && by <= y1) return true;
  }
  return false;
}

/**
 * Does the squad (of `seat` only, when given) see tile `tile` now? The same verdict as
 * `visibleTiles(s, seat)[tile]`, without building the whole mask (each soldier's sight is a sorted
 * list of tile indices, searched by halves).
 */
export function squadSeesTile(s: BattleState, tile: number, seat?: Seat): boolean {
  const map = s.map;
  let smoke: boolean | undefined;
  for (const u of s.units) {
    if (u.side !== "squad" || u.fate !== "active") continue;
    if (seat && u.seat !== seat) continue;
    if (!sortedHas(sightFrom(map, tileIndex(map, u.x, u.y, u.level)), tile)) continue;
    smoke ??= hasSmoke(s);
    if (!smoke || clearOfSmoke(s, u, tile)) return true;
  }
  return false;
}

function sortedHas(a: Int32Array, v: number): boolean {
  let lo = 0, hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === v) return true;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Is any tile burning (its smoke may block sight)? */
function hasSmoke(s: BattleState): boolean {
  const f = s.layers.fire;
  for (let i = 0; i < f.length; i++) if (f[i] > 0) return true;
  return false;
}

/** No burning tile between the two (the ends may burn: a man in the fire is seen). */
function smokeFree(s: BattleState, level: number, x0: number, y0: number, x1: number, y1: number): boolean {
  const map = s.map, fire = s.layers.fire;
  return lineClear(x0, y0, x1, y1, (x, y) => fire[tileIndex(map, x, y, level)] > 0);
}

/** Smoke blocks sight as walls do: clear if either way round is clear. */
export function clearOfSmoke(s: BattleState, from: Pos, to: number | Pos): boolean {
  const p = typeof to === "number" ? posOfIndex(s.map, to) : to;
  if (p.level !== from.level) return false;
  return smokeFree(s, p.level, from.x, from.y, p.x, p.y) || smokeFree(s, p.level, p.x, p.y, from.x, from.y);
}

function posOfIndex(map: MapDef, i: number): Pos {
  const per = map.width * map.height;
  const level = Math.floor(i / per), rest = i - level * per;
  return { x: rest % map.width, y: Math.floor(rest / map.width), level };
}

const sightCache = new WeakMap<MapDef, (Int32Array | undefined)[]>();

/** The tiles a soldier standing on tile `from` sees (walls never move, so kept per map and tile). */
function sightFrom(map: MapDef, from: number): Int32Array {
  let perTile = sightLast !== null && sightLast.map === map ? sightLast.perTile : sightCache.get(map);
  if (!perTile) {
    perTile = new Array(map.width * map.height * map.levels);
    sightCache.set(map, perTile);
  }
  if (sightLast === null || sightLast.map !== map) sightLast = { map, perTile };
  let seen = perTile[from];
  if (!seen) {
    const r = Math.min(map.visionRange, MAX_VISION);
    const table = losTable(map);
    const level = Math.floor(from / (map.width * map.height));
    const rest = from - level * map.width * map.height;
    const fy = Math.floor(rest / map.width), fx = rest - fy * map.width;
    const out: number[] = [];
    for (let y = Math.max(0, fy - r); y <= Math.min(map.height - 1, fy + r); y++)
      for (let x = Math.max(0, fx - r); x <= Math.min(map.width - 1, fx + r); x++)
        if (losFrom(map, table, from, fx, fy, level, x - fx, y - fy)) out.push(tileIndex(map, x, y, level));
    seen = perTile[from] = Int32Array.from(out);
  }
  return seen;
}

/** Ids of the active creatures standing on seen tiles. */
export function visibleCreatureIds(s: BattleState, mask: Uint8Array): Set<string> {
  const out = new Set<string>();
  for (const u of s.units)
    if (u.side === "creature" && u.fate === "active" && mask[tileIndex(s.map, u.x, u.y, u.level)] === 1) out.add(u.id);
  return out;
}

/** Does any active soldier (of `seat` only, when given) see tile `p` now? */
export function seenBySquad(s: BattleState, p: Pos, seat?: Seat): boolean {
  for (const u of s.units) {
    if (u.side !== "squad" || u.fate !== "active" || (seat && u.seat !== seat)) continue;
    if (canSee(s.map, u, p) && (!hasSmoke(s) || clearOfSmoke(s, u, p))) return true;
  }
  return false;
}
