/**
 * Civilians: units of their own side that nobody commands. In the environment phase
 * each adult runs, along the cheapest path, toward the nearest way out (the map's extraction
 * points, else its exits), up to his move; he freezes while a creature stands beside him, and
 * stops short, frozen, when he runs up beside one. On the way out he is saved. Children do not
 * run: they wait where they are until a soldier carries them (carry.ts), and are saved when their
 * carrier gets out (objectives.ts). The trapped do not run until a soldier reaches the rescue point
 * and frees them (objectives.ts: freeTrapped). Deterministic: the civilians move in the units' order.
 */
import type { BattleState, Pos, Unit } from "../core/types.js";
import { type Draft, emit } from "../core/draft.js";
import { posOf, tileIndex } from "../core/grid.js";
import { nearestGoalField, occupancy, pathIndices, stepCost } from "../movement/path.js";
import { waysOutMask as waysOut } from "./waysOut.js";

export function isCivilian(u: Unit): boolean {
  return u.side === "civilian";
}

/** A child, carried by soldiers rather than running. */
export function isChild(u: Unit): boolean {
  return u.kind === "child";
}

/**
 * The civilians the scene needs saved to be won: the map's `saveAtLeast`, but never more than one
 * for each soldier who started it (a campaign's squad that arrives two strong is asked only what
 * two men can carry out). Read from the units alone (every soldier stays in the state and in
 * every viewer's view whatever his fate), so the client and the server agree.
 */
export function civiliansNeeded(s: Pick<BattleState, "map" | "units">): number {
  const need = s.map.saveAtLeast ?? 0;
  if (need <= 0) return 0;
  let soldiers = 0;
  for (const u of s.units) if (u.side === "squad") soldiers++;
  return Math.min(need, soldiers);
}

/**
 * Frozen with fear: a creature stands beside him (same level). Judged on the units of the state
 * given: on a viewer's state (shared/view/view.ts) only the creatures in sight count, so the client
 * asking this never learns of a hidden one.
 */
export function isFrozen(s: BattleState, u: Pos): boolean {
  return frozenAmong(s.units, u);
}

/** The same, over any list of units (the client's wire units: the creatures its seat sees). */
export function frozenAmong(units: Iterable<{ side: string; fate: string; x: number; y: number; level: number }>, u: Pos): boolean {
  for (const c of units) {
    if (c.side !== "creature" || c.fate !== "active" || c.level !== u.level) continue;
    if (Math.max(Math.abs(c.x - u.x), Math.abs(c.y - u.y)) === 1) return true;
  }
  return false;
}

/** The tiles (indices) a civilian runs this phase: the path's head within his move, ending free and short of a creature. */
export function civilianRun(s: BattleState, u: Unit, occ = occupancy(s)): number[] {
  if (u.move <= 0 || u.fate !== "active" || u.grabbedBy || u.trapped || isFrozen(s, u)) return [];
  const goals = waysOut(s);
  if (goals[tileIndex(s.map, u.x, u.y, u.level)] === 1) return [];
  const field = nearestGoalField(s, u, goals, occ);
  if (field.goal === undefined || field.goal < 0) return [];
  const path = pathIndices(field, field.goal) ?? [];
  const out: number[] = [];
  let spent = 0, end = 0;
  for (const i of path) {
    spent += stepCost(s.layers.terrain[i], false);
    if (spent > u.move) break;
    out.push(i);
    // he may pass over soldiers and civilians, but stops only on a free tile, or on the way out
    // itself (he leaves the board there at once, past whoever stands on it)
    if (occ[i] === 0 || goals[i] === 1) end = out.length;
    if (goals[i] === 1) break;
    if (occ[i] === 0 && isFrozen(s, posOf(s.map, i))) break;
  }
  return out.slice(0, end);
}

/** Saved: the civilian is out (fate "extracted"), and counts. */
export function saveCivilian(d: Draft, u: Unit): void {
  u.fate = "extracted";
  d.s.civiliansSaved++;
  d.s.report.civiliansSaved++;
  emit(d, { type: "extracted", unit: u.id });
}

/** The civilians' part of the environment phase: each adult runs, and who reaches the way out is saved. */
export function civiliansRun(d: Draft): void {
  const s = d.s;
  if (!s.units.some(isCivilian)) return;
  for (const u of s.units) {
    if (!isCivilian(u) || u.fate !== "active" || isChild(u)) continue;
    const occ = occupancy(s);
    const run = civilianRun(s, u, occ);
    if (run.length) {
      const to = posOf(s.map, run[run.length - 1]);
      u.x = to.x; u.y = to.y; u.level = to.level;
      emit(d, { type: "moved", unit: u.id, path: run.map((i) => posOf(s.map, i)) });
    }
    if (!u.grabbedBy && waysOut(s)[tileIndex(s.map, u.x, u.y, u.level)] === 1) saveCivilian(d, u);
  }
}
