/**
 * Ways out: the tiles where soldiers leave the board (a map's extraction points, or else its exit
 * terrain). One place decides it, for the rules (extraction, withdraw, civilians running), the bots
 * and the client's drawing of the exits.
 */
import { Terrain } from "../map/types.js";
import type { BattleState, Pos } from "../core/types.js";
import { posOf, samePos, tileIndex } from "../core/grid.js";

/** Is this a tile where soldiers get out (the map's extraction points, or else its exits)? */
export function isExtraction(s: BattleState, p: Pos): boolean {
  const points = s.map.objective.extract;
  if (points.length) return points.some((e) => samePos(e, p));
  return s.layers.terrain[tileIndex(s.map, p.x, p.y, p.level)] === Terrain.exit;
}

const maskCache = new WeakMap<Uint8Array, Uint8Array>();

/** 1 on every way out, by tile index (cached per terrain layer: exits change only when floors melt). */
export function waysOutMask(s: BattleState): Uint8Array {
  let m = maskCache.get(s.layers.terrain);
  if (!m) {
    m = new Uint8Array(s.layers.terrain.length);
    for (let i = 0; i < m.length; i++) if (isExtraction(s, posOf(s.map, i))) m[i] = 1;
    maskCache.set(s.layers.terrain, m);
  }
  return m;
}

/** Every way out, as positions. */
export function waysOut(s: BattleState): Pos[] {
  const m = waysOutMask(s);
  const out: Pos[] = [];
  for (let i = 0; i < m.length; i++) if (m[i]) out.push(posOf(s.map, i));
  return out;
}

/**
 * Every tile the engine treats as a way out (withdraw, extraction): the only tiles the client
 * draws as one (a test over every map holds withdraw to it). The same as waysOut, by the name the
 * client's previews use.
 */
export function wayOutTiles(s: BattleState): Pos[] {
  return waysOut(s);
}

/**
 * Where creatures drag their victims off the board (exit terrain and manholes; drag.ts): not a way
 * out for the squad unless also in wayOutTiles (the-bus's alley mouth at the top is one of these).
 */
export function dragExitTiles(s: BattleState): Pos[] {
  const out: Pos[] = [];
  const t = s.layers.terrain;
  for (let i = 0; i < t.length; i++) if (t[i] === Terrain.exit || t[i] === Terrain.manhole) out.push(posOf(s.map, i));
  return out;
}
