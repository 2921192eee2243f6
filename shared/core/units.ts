/** Looking units up on the board. */
import type { BattleState, Pos, Unit } from "./types.js";
import { RULES } from "../rules/table.js";
import { tileIndex } from "./grid.js";

export function unitById(s: BattleState, id: string): Unit | undefined {
  for (const u of s.units) if (u.id === id) return u;
  return undefined;
}

/** The active unit standing on a tile, if any. */
export function unitAt(s: BattleState, p: Pos): Unit | undefined {
  for (const u of s.units) if (u.fate === "active" && u.x === p.x && u.y === p.y && u.level === p.level) return u;
  return undefined;
}

/**
 * Each unit's tile index, in the list's order (-1 for a unit off the board): for a rule that asks
 * who stands on many tiles (a walk, a blast). It holds until a unit moves or leaves the board.
 */
export function unitTiles(s: BattleState): number[] {
  const map = s.map, units = s.units;
  // a plain list: a typed array past 64 bytes is a buffer of its own, dearer to make than this whole look-up
  const out: number[] = [];
  for (let k = 0; k < units.length; k++) {
    const u = units[k];
    out.push(u.fate === "active" ? tileIndex(map, u.x, u.y, u.level) : -1);
  }
  return out;
}

/** The active unit on tile `i`, by a table from unitTiles: the one unitAt finds (the first in the list). */
export function unitOnTile(s: BattleState, tiles: readonly number[], i: number): Unit | undefined {
  for (let k = 0; k < tiles.length; k++) if (tiles[k] === i) return s.units[k];
  return undefined;
}

/** Tiles a soldier moves per AP: half, for anyone but Wang, while carrying a comrade. */
export function moveOf(u: Unit): number {
  if (!u.carrying || RULES.carry.fullSpeed.includes(u.kind)) return u.move;
  return Math.max(1, Math.floor(u.move / 2));
}

export function isSergeant(u: Unit): boolean {
  return u.kind === "takumi" || u.kind === "wang";
}

export function posOfUnit(u: Unit): Pos {
  return { x: u.x, y: u.y, level: u.level };
}
