/**
 * The enemy phase: creatures act in their announced order. Each moves (overwatch may fire at it;
 * a Snatcher passing an exposed soldier grabs him on the way), then attacks the tile it announced:
 * whoever stands there now is hit, or no one.
 */
import { RULES } from "../rules/table.js";
import type { Intent, Pos, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit, hurt, queue } from "../core/draft.js";
import { DIRS8, distance, inGrid, posOf, samePos, tileIndex } from "../core/grid.js";
import { creatureReach, occupancy, pathIndices, pathTo } from "../movement/path.js";
import { overwatchShooter } from "../rules/overwatch.js";
import { dragOneTile, dragPathIndices, holdsOn, onExit, pullTile, takeOff, tryGrab } from "../rules/drag.js";
import { lineOfSight } from "../sight/sight.js";
import { raiseAcid } from "../rules/acid.js";
import { resolveEffects } from "../battle/effects.js";
import { isExposed } from "../rules/perimeter.js";
import { unitAt } from "../core/units.js";

/** The path to the free tile nearest to `goal` that the creature can reach this phase, cheapest on ties. */
function destination(d: Draft, c: Unit, goal: Pos, occ: Uint8Array): number[] {
  const map = d.s.map;
  const g = tileIndex(map, goal.x, goal.y, goal.level);
  // mostly the announced tile is still free and in reach: search no further than it
  if (occ[g] === 0) {
    const path = pathTo(d.s, c, g, true, c.move, occ);
    if (path) return path;
  }
  const field = creatureReach(d.s, c, c.move, occ);
  try {
    let best = field.start, bestKey = distance(c, goal) * 1000;
    for (const i of field.reached) {
      if (occ[i] !== 0) continue;
      const key = distance(posOf(map, i), goal) * 1000 + field.dist[i];
      if (key < bestKey || (key === bestKey && i < best)) { best = i; bestKey = key; }
    }
    return best === field.start ? [] : pathIndices(field, best) ?? [];
  } finally {
    field.release();
  }
}

/** An exposed soldier beside a Snatcher on the move, whom it grabs without a roll. */
function exposedBeside(d: Draft, c: Unit, exposed: Set<string>): Unit | null {
  // (with nobody exposed, nobody to find: most phases, and this runs at every step a creature takes)
  if (c.kind !== "snatcher" || c.grabbing || exposed.size === 0) return null;
  for (const [dx, dy] of DIRS8) {
    if (!inGrid(d.s.map, c.x + dx, c.y + dy, c.level)) continue;
    const v = unitAt(d.s, { x: c.x + dx, y: c.y + dy, level: c.level });
    if (v && v.side === "squad" && exposed.has(v.id) && !v.grabbedBy) return v;
  }
  return null;
}

/** Does another active unit stand on this creature's tile (it is passing over it)? */
function sharesTile(d: Draft, c: Unit): boolean {
  return d.s.units.some((u) => u !== c && u.fate === "active" && samePos(u, c));
}

/** A soldier on overwatch who sees the creature where it now stands fires (the effects step resolves it). */
function drawOverwatch(d: Draft, c: Unit): boolean {
  const shooter = overwatchShooter(d.s, c);
  if (!shooter) return false;
  queue(d, { kind: "overwatch", shooter: shooter.id, creature: c.id });
  resolveEffects(d);
  return true;
}

/** The walk so far, told (if any); returns the new walk's start (empty). A module function: a closure made per move is named at run time under tsx. */
function tellWalk(d: Draft, c: Unit, walked: Pos[]): Pos[] {
  if (walked.length) emit(d, { type: "moved", unit: c.id, path: walked });
  return [];
}

/** Moves the creature; returns true if it grabbed an exposed soldier on the way (its turn is over). */
function moveCreature(d: Draft, c: Unit, intent: Intent, exposed: Set<string>): boolean {
  const occ = occupancy(d.s);
  if (intent.kind === "pounce" && !c.unseenAtPhaseStart) {
    // a leap, over walls: lands where it announced if that tile is still free
    const i = tileIndex(d.s.map, intent.moveTo.x, intent.moveTo.y, intent.moveTo.level);
    if (occ[i] === 0) {
      c.x = intent.moveTo.x; c.y = intent.moveTo.y; c.level = intent.moveTo.level;
      emit(d, { type: "moved", unit: c.id, path: [intent.moveTo] });
      drawOverwatch(d, c);
    }
    return false;
  }
  const path = destination(d, c, intent.moveTo, occ);
  // the walk so far is told before whatever it sets off (an overwatch shot, a grab): events play in order
  let walked: Pos[] = [];
  for (const i of path) {
    const to = posOf(d.s.map, i);
    c.x = to.x; c.y = to.y; c.level = to.level;
    walked.push(to);
    if (overwatchShooter(d.s, c)) {
      walked = tellWalk(d, c, walked);
      drawOverwatch(d, c);
      if (c.fate !== "active") return false;
    }
    // it passes over other creatures on its way, but can stop to grab only on a tile of its own
    const victim = sharesTile(d, c) ? null : exposedBeside(d, c, exposed);
    if (victim) {
      tellWalk(d, c, walked);
      tryGrab(d, c, victim, true);
      return true;
    }
  }
  tellWalk(d, c, walked);
  // standing still beside an exposed soldier counts too
  const victim = c.fate === "active" ? exposedBeside(d, c, exposed) : null;
  if (victim) tryGrab(d, c, victim, true);
  return !!victim;
}

/**
 * The drag: up to the drag's tiles a round toward the nearest exit, the victim following. On the
 * exit both leave the grid: the soldier is taken. A creature on the move draws overwatch, even
 * with a soldier in its grip.
 */
function drag(d: Draft, grabber: Unit): void {
  const s = d.s;
  if (!grabber.grabbing) return;
  const victim = draftUnit(d, grabber.grabbing);
  // a comrade holding on halts the drag this round; the tug hurts the victim
  const holder = holdsOn(s, victim);
  if (holder) {
    s.report.holds++;
    emit(d, { type: "tugged", unit: grabber.id, victim: victim.id, by: holder.id });
    hurt(d, victim, RULES.snatcher.tugDamage, "tug", true);
    return;
  }
  const path = dragPathIndices(s, grabber);
  if (path.length > 0 && !onExit(s, grabber)) s.report.drags++;
  for (let k = 0; k < RULES.snatcher.dragTiles && k < path.length && !onExit(s, grabber); k++) {
    dragOneTile(d, grabber, victim, path[k]);
    drawOverwatch(d, grabber);
    if (grabber.fate !== "active" || !grabber.grabbing || victim.fate !== "active") return;
  }
  if (onExit(s, grabber)) takeOff(d, grabber, victim);
}

/** Soldiers (and civilians, not the trapped: not prey yet) within the lunge's reach of the Snatcher where it stands, in its sight. */
function inReach(d: Draft, c: Unit, v: Unit): boolean {
  return v.fate === "active" && v.side !== "creature" && !v.grabbedBy && !v.trapped && distance(c, v) <= RULES.snatcher.reach && lineOfSight(d.s.map, c, v);
}

/**
 * The lunge: the named soldier if he is still in reach, else the nearest soldier in reach; the
 * grab rolls (none if he is exposed), and a hit pulls him onto a free tile beside the Snatcher.
 */
function lunge(d: Draft, c: Unit, intent: Intent, exposed: Set<string>): void {
  if (c.grabbing) return;
  const named = intent.victim ? d.s.units.find((u) => u.id === intent.victim) : undefined;
  let v: Unit | null = named && inReach(d, c, named) ? named : null;
  if (!v)
    for (const u of d.s.units)
      if (inReach(d, c, u) && (!v || distance(c, u) < distance(c, v))) v = u;
  if (!v || !tryGrab(d, c, v, exposed.has(v.id)) || distance(c, v) <= 1) return;
  const to = pullTile(d.s, c, v);
  if (!to) return;
  v.x = to.x; v.y = to.y; v.level = to.level;
  emit(d, { type: "pulled", unit: c.id, victim: v.id, to });
}

function attack(d: Draft, c: Unit, intent: Intent, exposed: Set<string>): void {
  const target = intent.target;
  if (!target || c.unseenAtPhaseStart || c.fate !== "active") return;
  const victim = unitAt(d.s, target);
  if (intent.kind === "grab") lunge(d, c, intent, exposed);
  else if (intent.kind === "pounce") {
    if (!samePos(c, target)) return;
    const hit: string[] = [];
    for (const [dx, dy] of DIRS8) {
      if (!inGrid(d.s.map, c.x + dx, c.y + dy, c.level)) continue;
      const v = unitAt(d.s, { x: c.x + dx, y: c.y + dy, level: c.level });
      // creatures want live prey: no one attacks a soldier another holds
      if (v && v.side !== "creature" && !v.grabbedBy) hit.push(v.id);
    }
    emit(d, { type: "pounced", unit: c.id, to: target, hit });
    // the tail's blow: armor counts (so corroded armor tells)
    for (const id of hit) hurt(d, draftUnit(d, id), RULES.leaper.sweepDamage, "sweep");
  } else if (intent.kind === "spit") {
    if (distance(c, target) > RULES.spitter.range) return;
    const hitUnit = victim && victim.side !== "creature" && !victim.grabbedBy ? victim : null;
    emit(d, { type: "spat", unit: c.id, at: target, hit: hitUnit ? hitUnit.id : null });
    if (hitUnit) hurt(d, hitUnit, RULES.spitter.damage, "spit", true);
    raiseAcid(d, target, RULES.spitter.acid);
  }
}

export function enemyPhase(d: Draft): void {
  const s = d.s;
  emit(d, { type: "phase", phase: "enemy", round: s.round });
  // exposure is judged once, as the phase begins
  const exposed = new Set(s.units.filter((u) => isExposed(s, u)).map((u) => u.id));
  const ordered = [...s.intents].sort((a, b) => a.order - b.order);
  for (const intent of ordered) {
    const c = s.units.find((u) => u.id === intent.unit);
    if (!c || c.fate !== "active") continue;
    if (intent.kind === "drag" || c.grabbing) drag(d, c);
    else if (!moveCreature(d, c, intent, exposed)) attack(d, c, intent, exposed);
    resolveEffects(d);
  }
}
