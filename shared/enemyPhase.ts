/**
 * The enemy phase: creatures act in their announced order. Each moves (overwatch may fire at it;
 * a Snatcher passing an exposed soldier grabs him on the way), then attacks the tile it announced:
 * whoever stands there now is hit, or no one.
 */
import { RULES } from "./rules/table.js";
import type { Intent, Pos, Unit } from "./types.js";
import { type Draft, emit, draftUnit } from "./draft.js";
import { DIRS8, distance, inGrid, posOf, samePos, tileIndex } from "./grid.js";
import { costField, occupancy, pathIndices, pathTo } from "./path.js";
import { triggerOverwatch } from "./overwatch.js";
import { dragStep, tryGrab } from "./drag.js";
import { raiseAcid } from "./acid.js";
import { hurt } from "./damage.js";
import { isExposed } from "./perimeter.js";
import { unitAt } from "./units.js";

/** The path to the free tile nearest to `goal` that the creature can reach this phase, cheapest on ties. */
function destination(d: Draft, c: Unit, goal: Pos, occ: Uint8Array): number[] {
  const map = d.s.map;
  const g = tileIndex(map, goal.x, goal.y, goal.level);
  // mostly the announced tile is still free and in reach: search no further than it
  if (occ[g] === 0) {
    const path = pathTo(d.s, c, g, true, c.move, occ);
    if (path) return path;
  }
  const field = costField(d.s, c, true, c.move, occ);
  let best = field.start, bestKey = distance(c, goal) * 1000;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] < 0 || occ[i] !== 0) continue;
    const key = distance(posOf(map, i), goal) * 1000 + field.dist[i];
    if (key < bestKey) { best = i; bestKey = key; }
  }
  return best === field.start ? [] : pathIndices(field, best) ?? [];
}

/** A Snatcher on the move grabs an exposed soldier it passes, without a roll. */
function grabExposedBeside(d: Draft, c: Unit, exposed: Set<string>): boolean {
  if (c.kind !== "snatcher" || c.grabbing) return false;
  for (const [dx, dy] of DIRS8) {
    if (!inGrid(d.s.map, c.x + dx, c.y + dy, c.level)) continue;
    const v = unitAt(d.s, { x: c.x + dx, y: c.y + dy, level: c.level });
    if (v && v.side === "squad" && exposed.has(v.id) && !v.grabbedBy) return tryGrab(d, c, v, true);
  }
  return false;
}

/** Does another active unit stand on this creature's tile (it is passing over it)? */
function sharesTile(d: Draft, c: Unit): boolean {
  return d.s.units.some((u) => u !== c && u.fate === "active" && samePos(u, c));
}

function moveCreature(d: Draft, c: Unit, intent: Intent, exposed: Set<string>): boolean {
  const occ = occupancy(d.s);
  if (intent.kind === "pounce" && !c.unseenAtPhaseStart) {
    // a leap, over walls: lands where it announced if that tile is still free
    const i = tileIndex(d.s.map, intent.moveTo.x, intent.moveTo.y, intent.moveTo.level);
    if (occ[i] === 0) {
      c.x = intent.moveTo.x; c.y = intent.moveTo.y; c.level = intent.moveTo.level;
      emit(d, { type: "moved", unit: c.id, path: [intent.moveTo] });
      triggerOverwatch(d, c);
    }
    return false;
  }
  const path = destination(d, c, intent.moveTo, occ);
  let walked: Pos[] = [];
  // the walk so far is told before whatever it sets off (an overwatch shot, a grab): events play in order
  const tellWalk = (at: number) => {
    if (walked.length) d.events.splice(at, 0, { type: "moved", unit: c.id, path: walked });
    walked = [];
  };
  for (const i of path) {
    const to = posOf(d.s.map, i);
    c.x = to.x; c.y = to.y; c.level = to.level;
    walked.push(to);
    let mark = d.events.length;
    triggerOverwatch(d, c);
    if (d.events.length > mark) tellWalk(mark);
    if (c.fate !== "active") break;
    mark = d.events.length;
    // it passes over other creatures on its way, but can stop to grab only on a tile of its own
    if (!sharesTile(d, c) && grabExposedBeside(d, c, exposed)) {
      tellWalk(mark);
      return true;
    }
  }
  tellWalk(d.events.length);
  // standing still beside an exposed soldier counts too
  return c.fate === "active" && grabExposedBeside(d, c, exposed);
}

function attack(d: Draft, c: Unit, intent: Intent): void {
  const target = intent.target;
  if (!target || c.unseenAtPhaseStart || c.fate !== "active") return;
  const victim = unitAt(d.s, target);
  if (intent.kind === "grab") {
    if (c.grabbing || !victim || victim.side !== "squad" || victim.grabbedBy || distance(c, victim) !== 1) return;
    tryGrab(d, c, victim, false);
  } else if (intent.kind === "pounce") {
    if (!samePos(c, target)) return;
    const hit: string[] = [];
    for (const [dx, dy] of DIRS8) {
      if (!inGrid(d.s.map, c.x + dx, c.y + dy, c.level)) continue;
      const v = unitAt(d.s, { x: c.x + dx, y: c.y + dy, level: c.level });
      if (v && v.side === "squad") hit.push(v.id);
    }
    emit(d, { type: "pounced", unit: c.id, to: target, hit });
    // the tail's blow goes through armor, as announced
    for (const id of hit) hurt(d, draftUnit(d, id), RULES.leaper.sweepDamage, "sweep", true);
  } else if (intent.kind === "spit") {
    if (distance(c, target) > RULES.spitter.range) return;
    const hitUnit = victim && victim.side === "squad" ? victim : null;
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
    if (intent.kind === "drag" || c.grabbing) {
      dragStep(d, c);
      continue;
    }
    if (moveCreature(d, c, intent, exposed)) continue;
    attack(d, c, intent);
  }
}
