/** Looking units up on the board. */
import type { BattleState, Pos, Unit } from "./types.js";
import { RULES } from "../rules/table.js";

export function unitById(s: BattleState, id: string): Unit | undefined {
  for (const u of s.units) if (u.id === id) return u;
  return undefined;
}

/** The active unit standing on a tile, if any. */
export function unitAt(s: BattleState, p: Pos): Unit | undefined {
  for (const u of s.units) if (u.fate === "active" && u.x === p.x && u.y === p.y && u.level === p.level) return u;
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
