/**
 * The creatures' AI: at the start of each player phase every creature decides what it will do and
 * announces it (Into the Breach style): where it moves, which tile it attacks, its place in the
 * order. Computed from the state alone, with no random draw. A creature the squad cannot see at
 * that moment may only move ("nothing attacks without warning").
 */
import { RULES } from "../rules/table.js";
import { Terrain } from "../map/types.js";
import type { BattleState, Intent, Pos, Unit } from "../core/types.js";
import { DIRS8, distance, inGrid, posOf, tileIndex } from "../core/grid.js";
import { type CostField, creatureReach, creatureReachFrom, neighbourTable, occupancy, stepCost } from "../movement/path.js";
import { lineOfSight, sharedVisibleTiles } from "../sight/sight.js";
import { dragCountdown, dragPathIndices } from "../rules/drag.js";
import { posOfUnit } from "../core/units.js";

const UNLIMITED = 1 << 20;

interface Planner {
  s: BattleState;
  occ: Uint8Array;
  /** Steps from each tile to the nearest free tile beside a soldier (for creatures that must approach). */
  approach: CostField;
  /** Tiles already chosen as destinations by creatures earlier in the order. */
  claimed: Set<number>;
  targets: Unit[];
}

function canEnd(p: Planner, i: number, self: number): boolean {
  if (i === self) return true;
  return p.occ[i] === 0 && !p.claimed.has(i) && stepCost(p.s.layers.terrain[i], true) > 0;
}

/** Free tiles next to a soldier that the creature can reach, with their cost. */
function tilesBeside(p: Planner, field: CostField, v: Unit): number[] {
  const out: number[] = [];
  for (const [dx, dy] of DIRS8) {
    if (!inGrid(p.s.map, v.x + dx, v.y + dy, v.level)) continue;
    const i = tileIndex(p.s.map, v.x + dx, v.y + dy, v.level);
    if (field.dist[i] >= 0 && canEnd(p, i, field.start)) out.push(i);
  }
  return out;
}

/** Every tile beside a soldier that a creature could stand on: where the hunt ends. */
function huntingGrounds(s: BattleState, targets: Unit[], occ: Uint8Array): number[] {
  const out: number[] = [];
  for (const v of targets)
    for (const [dx, dy] of DIRS8) {
      if (!inGrid(s.map, v.x + dx, v.y + dy, v.level)) continue;
      const i = tileIndex(s.map, v.x + dx, v.y + dy, v.level);
      if (occ[i] !== 1 && stepCost(s.layers.terrain[i], true) > 0) out.push(i);
    }
  return out;
}

function blank(c: Unit, kind: Intent["kind"], moveTo: Pos): Intent {
  return { unit: c.id, order: 0, kind, moveTo, target: null, area: [], damage: 0, victim: null, dragPath: [], countdown: 0 };
}

/**
 * Closing in without a search of its own: down the hunting field, one step nearer each time, as far
 * as its move goes, ending on the last tile it may stop on.
 */
function descend(p: Planner, c: Unit): number {
  const { next } = neighbourTable(p.s.map);
  const dist = p.approach.dist;
  const terrain = p.s.layers.terrain;
  const perLevel = p.s.map.width * p.s.map.height;
  const start = tileIndex(p.s.map, c.x, c.y, c.level);
  let at = start, end = start;
  for (let step = 0; step < c.move && dist[at] > 0; step++) {
    let to = -1;
    for (let d = 0; d < 10; d++) {
      // the eight neighbours on its level, then the stairs up and down (the field runs through them)
      let j: number;
      if (d < 8) j = next[at * 8 + d];
      else {
        j = at + (d === 8 ? perLevel : -perLevel);
        if (j < 0 || j >= dist.length || terrain[at] !== Terrain.stairs || terrain[j] !== Terrain.stairs) continue;
      }
      if (j < 0 || dist[j] !== dist[at] - 1) continue;
      if (to < 0) to = j;
      if (canEnd(p, j, start)) { to = j; break; }
    }
    if (to < 0) break;
    at = to;
    if (canEnd(p, at, start)) end = at;
  }
  return end;
}

function planMove(p: Planner, c: Unit): Intent {
  return blank(c, "move", posOf(p.s.map, descend(p, c)));
}

function planSnatcher(p: Planner, c: Unit, field: CostField): Intent {
  let best = -1, victim: Unit | null = null;
  for (const v of p.targets) {
    if (v.grabbedBy) continue;
    for (const i of tilesBeside(p, field, v)) {
      if (!lineOfSight(p.s.map, posOf(p.s.map, i), v)) continue;
      if (field.dist[i] > c.move) continue;
      if (best < 0 || field.dist[i] < field.dist[best] || (field.dist[i] === field.dist[best] && v.hp < victim!.hp)) {
        best = i;
        victim = v;
      }
    }
  }
  if (best < 0 || !victim) return planMove(p, c);
  const at = posOf(p.s.map, best);
  const intent = blank(c, "grab", at);
  intent.target = posOfUnit(victim);
  intent.victim = victim.id;
  // the lunge's reach, shown: every tile a soldier could stand on within reach of where it lands, in its sight
  const r = RULES.snatcher.reach, map = p.s.map;
  for (let y = at.y - r; y <= at.y + r; y++)
    for (let x = at.x - r; x <= at.x + r; x++) {
      if ((x === at.x && y === at.y) || !inGrid(map, x, y, at.level)) continue;
      if (stepCost(p.s.layers.terrain[tileIndex(map, x, y, at.level)], false) === 0 || !lineOfSight(map, at, { x, y, level: at.level })) continue;
      intent.area.push({ x, y, level: at.level });
    }
  return intent;
}

function planLeaper(p: Planner, c: Unit): Intent {
  const start = tileIndex(p.s.map, c.x, c.y, c.level);
  const s = p.s, map = s.map;
  const r = RULES.leaper.pounceRange;
  let best = -1, bestHits = 0, bestDist = 0;
  for (let y = c.y - r; y <= c.y + r; y++)
    for (let x = c.x - r; x <= c.x + r; x++) {
      if (!inGrid(map, x, y, c.level)) continue;
      const i = tileIndex(map, x, y, c.level);
      if (!canEnd(p, i, start)) continue;
      let hits = 0;
      for (const v of p.targets) if (!v.grabbedBy && v.level === c.level && Math.max(Math.abs(v.x - x), Math.abs(v.y - y)) === 1) hits++;
      const d = Math.max(Math.abs(x - c.x), Math.abs(y - c.y));
      if (hits > bestHits || (hits === bestHits && hits > 0 && d < bestDist)) {
        best = i; bestHits = hits; bestDist = d;
      }
    }
  if (best < 0) return planMove(p, c);
  const at = posOf(map, best);
  const intent = blank(c, "pounce", at);
  intent.target = at;
  for (const [dx, dy] of DIRS8) if (inGrid(map, at.x + dx, at.y + dy, at.level)) intent.area.push({ x: at.x + dx, y: at.y + dy, level: at.level });
  intent.damage = RULES.leaper.sweepDamage;
  return intent;
}

function planSpitter(p: Planner, c: Unit, field: CostField): Intent {
  const s = p.s, map = s.map;
  let bestTile = -1, bestVictim: Unit | null = null, bestScore = -Infinity;
  // the tiles in the order the search reached them (cost, then discovery): ties go to the first, as a scan by cost would
  for (const i of field.reached ?? []) {
    if (field.dist[i] < 0 || field.dist[i] > c.move || !canEnd(p, i, field.start)) continue;
    const from = posOf(map, i);
    for (const v of p.targets) {
      // creatures want live prey: a held soldier is no Spitter's target
      if (v.grabbedBy) continue;
      const d = distance(from, v);
      if (d > RULES.spitter.range || !lineOfSight(map, from, v)) continue;
      // keep its distance, move little, prefer the weakest
      const score = Math.min(d, 3) * 10 - field.dist[i] - v.hp;
      if (score > bestScore) { bestScore = score; bestTile = i; bestVictim = v; }
    }
  }
  if (bestTile < 0 || !bestVictim) return planMove(p, c);
  const intent = blank(c, "spit", posOf(map, bestTile));
  intent.target = posOfUnit(bestVictim);
  intent.area = [posOfUnit(bestVictim)];
  intent.damage = RULES.spitter.damage;
  return intent;
}

function planDrag(p: Planner, c: Unit): Intent {
  const path = dragPathIndices(p.s, c).map((i) => posOf(p.s.map, i));
  const steps = Math.min(RULES.snatcher.dragTiles, path.length);
  const intent = blank(c, "drag", steps > 0 ? path[steps - 1] : posOfUnit(c));
  intent.dragPath = path;
  intent.countdown = dragCountdown(path.length);
  return intent;
}

/** How near the nearest of `prey` is to creature `c` (Infinity: none). */
function nearestPrey(prey: Unit[], c: Unit): number {
  return prey.reduce((m, v) => Math.min(m, distance(c, v)), Infinity);
}

/**
 * Decide every creature's intent and mark which ones are unseen now (they may only move).
 * Mutates the `unseenAtPhaseStart` flags of the given (draft) state's creatures.
 */
export function planIntents(s: BattleState): Intent[] {
  // (the mask the noise and the bots' first commands of the phase read too: made once)
  const mask = sharedVisibleTiles(s);
  const creatures = s.units.filter((u) => u.side === "creature" && u.fate === "active");
  // prey: the soldiers, and the civilians on the board (a carried child is in his carrier's arms;
  // the trapped are behind the bus's jammed door: not prey until it is forced)
  const targets = s.units.filter((u) => u.side !== "creature" && u.fate === "active" && !u.trapped);
  // a creature in sight announces its plan: it hunts only the prey the squad sees too, so no
  // announced move, attack or place in the order points at a civilian under the fog (the unseen hunt them all)
  const inSight = targets.filter((u) => u.side === "squad" || mask[tileIndex(s.map, u.x, u.y, u.level)] === 1);
  const rank = new Map(creatures.map((c) => [c.id, (c.grabbing ? 0 : 1000) + Math.min(999, nearestPrey(inSight, c))]));
  creatures.sort((a, b) => rank.get(a.id)! - rank.get(b.id)! || (a.id < b.id ? -1 : 1));
  const occ = occupancy(s);
  // (the hunting fields on scratch arrays, given back once the plans are made)
  const approach = creatureReachFrom(s, huntingGrounds(s, targets, occ), UNLIMITED, occ);
  const seenApproach = inSight.length === targets.length ? null : creatureReachFrom(s, huntingGrounds(s, inSight, occ), UNLIMITED, occ);
  try {
    return planAll(s, creatures, mask, occ, approach, seenApproach, targets, inSight);
  } finally {
    seenApproach?.release();
    approach.release();
  }
}

function planAll(s: BattleState, creatures: Unit[], mask: Uint8Array, occ: Uint8Array, approach: CostField, seenApproach: CostField | null, targets: Unit[], inSight: Unit[]): Intent[] {
  const hunters: Planner = { s, occ, approach, claimed: new Set(), targets };
  const seenPrey: Planner = seenApproach === null ? hunters : { ...hunters, targets: inSight, approach: seenApproach };
  const intents: Intent[] = [];
  for (const c of creatures) {
    c.unseenAtPhaseStart = mask[tileIndex(s.map, c.x, c.y, c.level)] === 0;
    const p = c.unseenAtPhaseStart ? hunters : seenPrey;
    let intent: Intent;
    if (c.grabbing) intent = planDrag(p, c);
    else if (c.unseenAtPhaseStart) intent = planMove(p, c);
    else if (c.kind === "leaper") intent = planLeaper(p, c);
    else {
      const field = creatureReach(s, c, c.move, p.occ);
      try {
        intent = c.kind === "snatcher" ? planSnatcher(p, c, field) : planSpitter(p, c, field);
      } finally {
        field.release();
      }
    }
    intent.order = intents.length + 1;
    p.claimed.add(tileIndex(s.map, intent.moveTo.x, intent.moveTo.y, intent.moveTo.level));
    intents.push(intent);
  }
  return intents;
}

