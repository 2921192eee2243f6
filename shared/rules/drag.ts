/**
 * Rule module: dragged off the grid. A Snatcher grabs a soldier (a roll, unless he is exposed),
 * drags him toward the nearest exit, and takes him off the board when it gets there. Killing it
 * frees him (with its acid's splash); a called shot at its arm frees him without.
 */
import { Terrain } from "../map/types.js";
import { RULES } from "./table.js";
import type { BattleState, Pos, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { posOf, tileIndex } from "../core/grid.js";
import { nearestGoalField, occupancy, pathIndices, stepCost } from "../movement/path.js";
import { coverAgainst } from "./combat.js";
import { rollPercent } from "../core/rng.js";
import { posOfUnit } from "../core/units.js";
import { setDown } from "./carrying.js";

/** The grab's chance: the Snatcher's aim less the victim's cover from it and 15 per point of his armor. */
export function grabChance(s: BattleState, snatcher: Unit, victim: Unit): number {
  const chance = RULES.snatcher.grabAim - coverAgainst(s, victim, snatcher) - RULES.snatcher.grabPerArmor * victim.armor;
  return Math.max(RULES.hit.min, Math.min(RULES.hit.max, chance));
}

/** The Snatcher tries to grab the soldier: without a roll when he is exposed. Returns true on a hit. */
export function tryGrab(d: Draft, snatcher: Unit, victim: Unit, exposed: boolean): boolean {
  let hit = true;
  if (!exposed) hit = rollPercent(d.s) < grabChance(d.s, snatcher, victim);
  emit(d, { type: "grabbed", unit: snatcher.id, victim: victim.id, roll: !exposed, hit });
  if (!hit) return false;
  // a carrier who is grabbed drops his man
  setDown(d, victim);
  snatcher.grabbing = victim.id;
  victim.grabbedBy = snatcher.id;
  victim.heldBy = null;
  victim.overwatch = false;
  if (victim.ap > 0) victim.ap = 0;
  d.s.report.grabs++;
  return true;
}

/** Free a grabbed soldier (his grabber died, or was shot in the arm). He has 1 AP next round. */
export function releaseGrab(d: Draft, victimId: string, byId?: string): void {
  const victim = draftUnit(d, victimId);
  const grabberId = victim.grabbedBy;
  if (!grabberId) return;
  victim.grabbedBy = null;
  victim.heldBy = null;
  draftUnit(d, grabberId).grabbing = null;
  // the grab is over: its drag is no longer announced (the creature keeps its place in the order, and stays)
  if (d.s.intents.some((i) => i.unit === grabberId && i.kind === "drag")) {
    const g = draftUnit(d, grabberId);
    d.s.intents = d.s.intents.map((i) => i.unit === grabberId && i.kind === "drag"
      ? { ...i, kind: "move", moveTo: posOfUnit(g), dragPath: [], countdown: 0 }
      : i);
  }
  if (victim.fate === "active") {
    d.s.report.freed++;
    victim.freed = true;
    emit(d, { type: "freed", unit: victim.id, by: byId ?? grabberId ?? "" });
  }
}

const exitCache = new WeakMap<Uint8Array, Uint8Array>();

/** 1 on every exit and manhole (per terrain layer: it only changes when a floor melts). */
function exitTiles(s: BattleState): Uint8Array {
  let m = exitCache.get(s.layers.terrain);
  if (!m) {
    m = new Uint8Array(s.layers.terrain.length);
    for (let i = 0; i < m.length; i++) if (isExit(s, i)) m[i] = 1;
    exitCache.set(s.layers.terrain, m);
  }
  return m;
}

/** Where a grabber takes its victim: an exit (alley mouth, drain) or a manhole, on every level. */
function isExit(s: BattleState, i: number): boolean {
  const t = s.layers.terrain[i];
  return t === Terrain.exit || t === Terrain.manhole;
}

/** The free tile beside the Snatcher nearest to where the victim stands (the lunge pulls him there). */
export function pullTile(s: BattleState, snatcher: Unit, victim: Unit): Pos | null {
  let best: Pos | null = null, bestD = Infinity;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) {
      const p = { x: snatcher.x + dx, y: snatcher.y + dy, level: snatcher.level };
      if ((dx === 0 && dy === 0) || p.x < 0 || p.y < 0 || p.x >= s.map.width || p.y >= s.map.height) continue;
      const i = tileIndex(s.map, p.x, p.y, p.level);
      if (!standable(s, i) || s.units.some((u) => u !== victim && u.fate === "active" && u.x === p.x && u.y === p.y && u.level === p.level)) continue;
      const dv = Math.max(Math.abs(p.x - victim.x), Math.abs(p.y - victim.y));
      if (dv < bestD) { best = p; bestD = dv; }
    }
  return best;
}

/** Can a soldier stand on this tile (he is dragged over the ground, never up a wall)? */
function standable(s: BattleState, i: number): boolean {
  return stepCost(s.layers.terrain[i], false) > 0;
}

/**
 * The shortest path (tile indices, start excluded) a grabber would drag along to the nearest exit.
 * The victim is pulled along behind, so the grabber keeps to ground a soldier can be dragged over
 * (no climbing walls or vehicles) and goes around everyone else. A grabber holding on from a wall
 * or a vehicle drops down beside the victim first: its path then starts from the victim's tile.
 */
export function dragPathIndices(s: BattleState, grabber: Unit): number[] {
  const occ = occupancy(s);
  for (let i = 0; i < occ.length; i++) if (occ[i] !== 0) occ[i] = 2;
  // the victim follows behind, so his tile does not block the grabber
  const victim = grabber.grabbing ? s.units.find((u) => u.id === grabber.grabbing) : undefined;
  if (victim) occ[tileIndex(s.map, victim.x, victim.y, victim.level)] = 0;
  const own = tileIndex(s.map, grabber.x, grabber.y, grabber.level);
  const from = victim && !standable(s, own) ? victim : grabber;
  const field = nearestGoalField(s, from, exitTiles(s), occ);
  if (field.goal === undefined || field.goal < 0) return [];
  return pathIndices(field, field.goal) ?? [];
}

export function dragPath(s: BattleState, grabber: Unit): Pos[] {
  return dragPathIndices(s, grabber).map((i) => posOf(s.map, i));
}

/** Rounds until the victim is gone: enemy phases the grabber needs to reach the exit. */
export function dragCountdown(pathLength: number): number {
  return Math.max(1, Math.ceil(pathLength / RULES.snatcher.dragTiles));
}

/** Is the grabber on its exit tile? */
export function onExit(s: BattleState, grabber: Unit): boolean {
  return isExit(s, tileIndex(s.map, grabber.x, grabber.y, grabber.level));
}

/**
 * One tile of a drag: the grabber steps to tile `to`, the victim follows into the tile it left
 * (unless it held on from a wall or vehicle: then he stays beside it). Creatures want live prey:
 * the victim is not burned by acid he is dragged across.
 */
export function dragOneTile(d: Draft, grabber: Unit, victim: Unit, to: number): void {
  const s = d.s;
  const left = posOfUnit(grabber);
  const p = posOf(s.map, to);
  grabber.x = p.x; grabber.y = p.y; grabber.level = p.level;
  if (standable(s, tileIndex(s.map, left.x, left.y, left.level))) {
    victim.x = left.x; victim.y = left.y; victim.level = left.level;
  }
  emit(d, { type: "dragged", unit: grabber.id, victim: victim.id, path: [p] });
}

/** A comrade holds on to the victim, beside him and free himself: the drag halts this round. */
export function holdsOn(s: BattleState, victim: Unit): Unit | null {
  if (!victim.heldBy) return null;
  const h = s.units.find((u) => u.id === victim.heldBy);
  // a holder who went down (or was grabbed) since he took hold has let go
  if (!h || h.fate !== "active" || h.down > 0 || h.grabbedBy || h.level !== victim.level) return null;
  return Math.max(Math.abs(h.x - victim.x), Math.abs(h.y - victim.y)) === 1 ? h : null;
}

/** The grabber reached its exit with the victim: both leave the grid, the soldier (or civilian) taken. */
export function takeOff(d: Draft, grabber: Unit, victim: Unit): void {
  victim.fate = "taken";
  victim.grabbedBy = null;
  victim.overwatch = false;
  grabber.grabbing = null;
  grabber.fate = "taken";
  if (victim.side === "squad") d.s.report.soldiersTaken++;
  emit(d, { type: "taken", unit: victim.id, by: grabber.id });
}
