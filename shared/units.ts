/** Looking units up on the board. */
import type { BattleState, Pos, Unit } from "./types.js";

export function unitById(s: BattleState, id: string): Unit | undefined {
  for (const u of s.units) if (u.id === id) return u;
  return undefined;
}

/** The active unit standing on a tile, if any. */
export function unitAt(s: BattleState, p: Pos): Unit | undefined {
  for (const u of s.units) if (u.fate === "active" && u.x === p.x && u.y === p.y && u.level === p.level) return u;
  return undefined;
}

export function isSergeant(u: Unit): boolean {
  return u.kind === "takumi" || u.kind === "wang";
}

export function posOfUnit(u: Unit): Pos {
  return { x: u.x, y: u.y, level: u.level };
}
