/** Tiles, positions and distances on the board. */
import { Terrain, type MapDef } from "../map/types.js";
import type { Pos } from "./types.js";

export function tileIndex(map: MapDef, x: number, y: number, level: number): number {
  return (level * map.height + y) * map.width + x;
}

export function indexOf(map: MapDef, p: Pos): number {
  return tileIndex(map, p.x, p.y, p.level);
}

export function posOf(map: MapDef, index: number): Pos {
  const perLevel = map.width * map.height;
  const level = Math.floor(index / perLevel);
  const rest = index - level * perLevel;
  return { x: rest % map.width, y: Math.floor(rest / map.width), level };
}

export function inGrid(map: MapDef, x: number, y: number, level = 0): boolean {
  return x >= 0 && y >= 0 && x < map.width && y < map.height && level >= 0 && level < map.levels;
}

/** Chebyshev distance on one level (Infinity across levels). */
export function distance(a: Pos, b: Pos): number {
  if (a.level !== b.level) return Infinity;
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y));
}

export function samePos(a: Pos, b: Pos): boolean {
  return a.x === b.x && a.y === b.y && a.level === b.level;
}

export const DIRS8: ReadonlyArray<readonly [number, number]> = [
  [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1],
];
export const DIRS4: ReadonlyArray<readonly [number, number]> = [[1, 0], [-1, 0], [0, 1], [0, -1]];

/** Terrain that blocks sight (and soldiers). */
export function blocksSight(t: number): boolean {
  return t === Terrain.wall || t === Terrain.vehicle;
}

/** The in-grid tiles within Chebyshev `radius` of p on its level, p included. */
export function tilesAround(map: MapDef, p: Pos, radius: number): Pos[] {
  const out: Pos[] = [];
  for (let y = p.y - radius; y <= p.y + radius; y++)
    for (let x = p.x - radius; x <= p.x + radius; x++)
      if (inGrid(map, x, y, p.level)) out.push({ x, y, level: p.level });
  return out;
}
