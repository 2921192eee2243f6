/**
 * The soldier bot: plays one seat sensibly from the state alone (no random draws). It frees
 * grabbed soldiers, gets out of announced attacks and acid, stays inside the line, shoots what it
 * can hit, throws grenades at clusters, watches when nothing is in sight, and breaks out when the
 * line breaks. It shields its sergeants (losing one ends a campaign): they step off danger
 * sooner, and the privates go ahead to the rescue. One command at a time; when none of its
 * soldiers has anything to do, it is ready.
 * It decides on what its seat sees (creatures, acid and corpses in sight, the known occupancy), so
 * its play tells a partner nothing hidden.
 */
import { Terrain, type MapDef } from "../map/types.js";
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Command, Pos, Seat, Unit } from "../core/types.js";
import { distance, indexOf, posOf, tileIndex, tilesAround } from "../core/grid.js";
import { costField, hazardAcid, movementBudget, soldierField } from "../movement/path.js";
import { coverAgainst, damageAfterArmor, hitChanceBetween } from "../rules/combat.js";
import { lineOfSight, sharedVisibleTiles, visibleCreatureIds } from "../sight/sight.js";
import { insideLine } from "../rules/perimeter.js";
import { isExtraction } from "../rules/objectives.js";
import { isSergeant, moveOf } from "../core/units.js";
import { throwRange } from "../actions/grenade.js";
import { knownOccupancy } from "../view/view.js";
import { fallsBack } from "./botWithdraw.js";
import { civilianPlan } from "./botCivilians.js";
import { burstFinishes, cleanKill, oneHitKills } from "./clean.js";
import { detourField } from "./route.js";
import type { StandingOrder } from "./orders.js";
import { otherSeat } from "../core/seats.js";

interface Situation {
  s: BattleState;
  enemies: Unit[];
  /** 1 where a soldier stands, 2 where a creature in sight stands (what the seat knows). */
  occ: Uint8Array;
  /** 1 on the tiles the seat sees: acid and corpses elsewhere are unknown to it. */
  seen: Uint8Array;
  /** Tile scores computed for this decision: `scores[i]` holds one when `stamp[i]` is `gen` (scoreBuffers). */
  scores: Float64Array;
  stamp: Float64Array;
  gen: number;
  /** 1 on tiles an announced attack will hit, 2 on those in a Snatcher's lunge (its reach, its landing tile). */
  danger: Uint8Array;
  /** 1 on spawn points. */
  spawnTiles: Uint8Array;
  /** The standing order its partner gave it (orders.ts). */
  order: StandingOrder;
  /** The seat it plays. */
  seat: Seat;
  /** Who can hold on to each grabbed soldier this round (holders), worked out once per decision. */
  holders: Map<string, Unit[]>;
  /** The partner seat is a bot too (it plays by these same rules, so its holds can be counted on). */
  partnerBot: boolean;
}

const spawnCache = new WeakMap<MapDef, Uint8Array>();

/** 1 on the map's spawn points (static, so kept per map). */
function spawnTilesOf(map: MapDef): Uint8Array {
  let tiles = spawnCache.get(map);
  if (!tiles) {
    tiles = new Uint8Array(map.width * map.height * map.levels);
    for (const p of map.spawns) tiles[indexOf(map, p)] = 1;
    spawnCache.set(map, tiles);
  }
  return tiles;
}

/** The tiles the seat sees (visibleTiles as viewerMask asks for it), remembered (sharedVisibleTiles): read only. */
export function seatSees(s: BattleState, seat: Seat): Uint8Array {
  return sharedVisibleTiles(s, s.options.splitVision ? seat : undefined);
}

function situation(s: BattleState, seat: Seat, order: StandingOrder, partnerBot: boolean): Situation {
  const n = s.map.width * s.map.height * s.map.levels;
  const mask = seatSees(s, seat);
  const seen = visibleCreatureIds(s, mask);
  const enemies = s.units.filter((u) => seen.has(u.id));
  const danger = new Uint8Array(n);
  for (const i of s.intents) {
    if (!seen.has(i.unit)) continue;
    const mark = i.kind === "grab" ? 2 : 1;
    for (const p of i.area) danger[indexOf(s.map, p)] = Math.max(danger[indexOf(s.map, p)], mark);
    // a lunge's landing tile is not in its reach, but a soldier standing on it moves the Snatcher
    // beside him (it lands on the nearest free tile): as bad a place as any in the reach
    if (i.kind === "grab") danger[indexOf(s.map, i.moveTo)] = 2;
  }
  const buf = scoreBuffers(s.map, n);
  return { s, enemies, danger, spawnTiles: spawnTilesOf(s.map), occ: knownOccupancy(s, seat, mask), seen: mask, scores: buf.scores, stamp: buf.stamp, gen: ++buf.gen, order, seat, holders: new Map(), partnerBot };
}

/**
 * The tile scores' arrays, one pair per map, shared by every decision: each decision takes a new
 * number (`gen`), and a score counts for it only where its stamp is that number, so nothing is
 * cleared between decisions (a fresh array filled with NaN per command cost more than the scores
 * it kept). Two decisions alive at once (none is today) would only overwrite each other's scores,
 * and each would compute its own again: never read another's.
 */
const scoreBufs = new WeakMap<MapDef, { scores: Float64Array; stamp: Float64Array; gen: number }>();

function scoreBuffers(map: MapDef, n: number): { scores: Float64Array; stamp: Float64Array; gen: number } {
  let buf = scoreBufs.get(map);
  if (!buf || buf.scores.length !== n) scoreBufs.set(map, (buf = { scores: new Float64Array(n), stamp: new Float64Array(n), gen: 0 }));
  return buf;
}

function canShoot(s: BattleState, from: Pos, e: Unit): boolean {
  return distance(from, e) <= RULES.rifle.range && lineOfSight(s.map, from, e);
}

/**
 * A kill that stops a lunge counts this much (against 1.5 for another announced attack): a grab
 * is answered by a hold (a tug), a called shot, or a kill whose burst lands on the man it frees;
 * one stopped before it lands costs nothing.
 */
const LUNGE_KILL = 3;

/** How good a tile is to stand on (the same for every soldier, so remembered for this decision). */
function tileScore(sit: Situation, i: number): number {
  if (sit.stamp[i] === sit.gen) return sit.scores[i];
  const score = scoreTile(sit, posOf(sit.s.map, i), i);
  sit.scores[i] = score;
  sit.stamp[i] = sit.gen;
  return score;
}

function scoreTile(sit: Situation, p: Pos, i: number): number {
  const s = sit.s;
  let score = 0;
  if (s.perimeter && !s.perimeter.broken && !insideLine(s.perimeter, p)) score -= 100;
  if (sit.danger[i] > 0) score -= 60;
  // acid burns as he enters and again at the round's end, and eats his armor
  if (sit.seen[i] === 1) score -= 50 * s.layers.acid[i] + (s.layers.fire[i] > 0 ? 60 : 0);
  if (sit.spawnTiles[i] === 1) score -= 25;
  let corpses = 0;
  for (let y = Math.max(0, p.y - 1); y <= Math.min(s.map.height - 1, p.y + 1); y++)
    for (let x = Math.max(0, p.x - 1); x <= Math.min(s.map.width - 1, p.x + 1); x++) {
      const j = tileIndex(s.map, x, y, p.level);
      if (sit.seen[j] === 1) corpses += s.layers.corpse[j];
    }
  if (corpses >= RULES.acid.vapourCorpses) score -= 15;
  let canFire = false, cover = 0;
  for (const e of sit.enemies) {
    if (!canFire && canShoot(s, p, e)) canFire = true;
    cover += coverAgainst(s, p, e);
    if (distance(p, e) <= 1) score -= 20;
  }
  if (sit.enemies.length) score += cover / sit.enemies.length / 2;
  if (canFire) score += 15;
  if (s.perimeter) score -= distance(p, { x: s.perimeter.cx, y: s.perimeter.cy, level: s.perimeter.level });
  return score;
}

/**
 * What a player adds for his sergeant (losing one ends the campaign): a telegraphed attack, acid,
 * fire (in sight) or a creature beside him count more than for a private, he hangs back two or
 * three tiles from the creatures he sees (the privates take the front), and he keeps a comrade
 * beside him (one who can revive him the round he goes down).
 */
function guard(sit: Situation, u: Unit, i: number): number {
  if (!isSergeant(u)) return 0;
  const s = sit.s, p = posOf(s.map, i);
  let extra = sit.danger[i] > 0 ? -30 : 0;
  // acid burns through the last hit points: a down man on acid is a dead man
  if (sit.seen[i] === 1) extra -= 60 * s.layers.acid[i] + (s.layers.fire[i] > 0 ? 60 : 0);
  for (const e of sit.enemies) {
    const d = distance(p, e);
    if (d <= 1) extra -= 30;
    // he hangs back and commands: the privates take the front
    else if (d <= 2) extra -= 40;
    else if (d <= 3) extra -= 15;
  }
  if (s.units.some((c) => c !== u && c.side === "squad" && c.fate === "active" && c.down === 0 && distance(p, c) === 1)) extra += 8;
  return extra;
}

interface Spot {
  pos: Pos;
  score: number;
}

/**
 * The best tile to move to for 1 AP; failing that (and if allowed), for all the AP left.
 * `cleanOnly`: only a tile he sees, free of acid, fire and announced attacks, reached without
 * entering acid (none: null).
 */
function bestTile(sit: Situation, u: Unit, orTwoAp: boolean, cleanOnly = false): Spot | null {
  // clean first: a tile free of acid, fire and announced attacks, reached without entering acid
  // (2: route and tile clean; 1: the tile clean; 0: any)
  for (const clean of cleanOnly ? [2] as const : [2, 1, 0] as const) {
    const spot = bestWithin(sit, u, 1, 0, clean, cleanOnly) ?? (orTwoAp ? bestWithin(sit, u, Infinity, 2, clean, cleanOnly) : null);
    if (spot) return spot;
  }
  return null;
}

/**
 * bestTile's search at one level of cleanness, over tiles costing `minAp` to `maxAp` AP: the
 * soldier's movement field itself (what reachableTiles lists), read without building the list;
 * searched no further than 1 AP unless 2 AP are wanted. (A module function, not a closure made
 * per call: under tsx each closure made is named at run time.) The tiles the field reached are
 * read in the order reached; of equal scores the lowest tile index wins, as a scan of the map would.
 */
function bestWithin(sit: Situation, u: Unit, maxAp: number, minAp: number, clean: 0 | 1 | 2, cleanOnly: boolean): Spot | null {
  const { field, occ } = soldierField(sit.s, u, Math.min(maxAp, u.ap) * moveOf(u), sit.seen);
  let top = -1, topScore = -Infinity;
  // the same for every tile: read once
  const mv = moveOf(u), acidWeight = isSergeant(u) ? 90 : 35;
  const dist = field.dist, reached = field.reached;
  const count = reached ? reached.length : dist.length;
  for (let r = 0; r < count; r++) {
    const i = reached ? reached[r] : r;
    const cost = dist[i];
    if (cost <= 0 || occ[i] !== 0) continue;
    const ap = Math.ceil(cost / mv);
    if (ap > maxAp || ap < minAp) continue;
    const acid = field.hazard ? hazardAcid(field.hazard[i]) : 0;
    if ((clean === 2 && acid > 0) || (clean > 0 && foul(sit, i)) || (cleanOnly && sit.seen[i] !== 1)) continue;
    // the route's own acid burns on the way (the field keeps the least acid among equal costs)
    const routeAcid = acid - (sit.seen[i] === 1 ? sit.s.layers.acid[i] : 0);
    const score = tileScore(sit, i) + guard(sit, u, i) - cost * 0.5 - acidWeight * routeAcid;
    if (top < 0 || score > topScore || (score === topScore && i < top)) { top = i; topScore = score; }
  }
  return top < 0 ? null : { pos: posOf(sit.s.map, top), score: topScore };
}

/**
 * Can a tile within 1 AP of `u` score more than `bar` in bestTile(sit, u, false)? False only when
 * no such tile can, by a bound that reads no sight lines and builds no movement field: bestTile
 * would find nothing above `bar`, so its search is skipped with the same decision. Each tile's
 * score is at most its bound (tileScore's and guard's sure penalties, the best cover and the
 * shot's bonus as if it had them), less 0.5 for a step (it costs 1 at least) and a route's acid
 * (never below 0). A step reaches one tile around at most (or a stairs' other level), so 1 AP
 * stays within `moveOf(u)` tiles of him on every level. (Tried before the threatened soldier's
 * bestTile too: it never held there, its bar being his own poor tile.)
 */
function canBeat(sit: Situation, u: Unit, bar: number): boolean {
  const s = sit.s, map = s.map, reach = moveOf(u);
  const per = sit.enemies.length ? 15 + RULES.hit.fullCover / 2 : 0;
  const extra = isSergeant(u) ? 8 : 0;
  const p = s.perimeter;
  for (let level = 0; level < map.levels; level++)
    for (let y = Math.max(0, u.y - reach); y <= Math.min(map.height - 1, u.y + reach); y++)
      for (let x = Math.max(0, u.x - reach); x <= Math.min(map.width - 1, u.x + reach); x++) {
        const i = tileIndex(map, x, y, level);
        let bound = per + extra - 0.5;
        if (sit.danger[i] > 0) bound -= 60;
        if (p) {
          const pos = { x, y, level };
          if (!p.broken && !insideLine(p, pos)) bound -= 100;
          bound -= distance(pos, { x: p.cx, y: p.cy, level: p.level });
        }
        // (a margin for the scores' rounding: a bound this close is not trusted)
        if (bound > bar - 1e-6) return true;
      }
  return false;
}

/** Is tile `i` one to end a move on only when nothing else serves: acid or fire in sight, an announced attack? */
function foul(sit: Situation, i: number): boolean {
  return sit.danger[i] > 0 || (sit.seen[i] === 1 && (sit.s.layers.acid[i] > 0 || sit.s.layers.fire[i] > 0));
}

/**
 * Where on the way to `end` (along the search's path) he stops clean: the farthest tile whose own
 * route this round enters no acid he sees and which is not foul; the goal itself is always worth
 * reaching. Null: no clean stop on the way (he goes on as planned).
 */
function cleanStop(sit: Situation, u: Unit, path: { prev: Int32Array; start: number }, end: number, isGoal: (i: number) => boolean): number | null {
  const { field, occ } = soldierField(sit.s, u, undefined, sit.seen);
  for (let j = end; j !== path.start && j >= 0; j = path.prev[j]) {
    if (occ[j] !== 0 || field.dist[j] <= 0) continue;
    const acid = field.hazard && hazardAcid(field.hazard[j]) > 0;
    if (isGoal(j)) return j;
    if (foul(sit, j) || acid) continue;
    return j;
  }
  return null;
}

/** A move toward the nearest goal tile (an exit, the rescue), as far as the action points go;
 *  with `sit`, along the acid-averse route (route.ts), stopping short rather than ending in acid,
 *  fire or an announced attack, or walking through acid this round (cleanStop). */
function toward(s: BattleState, u: Unit, isGoal: (i: number) => boolean, sit?: Situation): Action | null {
  const here = tileIndex(s.map, u.x, u.y, u.level);
  if (isGoal(here)) return null;
  const occ = knownOccupancy(s, u.seat!, sit?.seen);
  const field = sit ? detourField(s, u, occ, sit.seen) : costField(s, u, false, 1 << 20, occ);
  // the nearest goal, a clean one first (beside a fallen comrade: not the tile in acid)
  let goal = -1, goalCost = Infinity;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] <= 0 || occ[i] !== 0 || !isGoal(i)) continue;
    const cost = field.dist[i] + (sit && foul(sit, i) ? 1000 : 0);
    if (cost < goalCost) { goal = i; goalCost = cost; }
  }
  if (goal < 0) return null;
  const budget = movementBudget(u);
  // how far he gets this round: the engine's own costs along the route
  const reach = soldierField(s, u, budget, sit?.seen).field.dist;
  let i = goal;
  while (i !== field.start && i >= 0 && (reach[i] < 0 || reach[i] > budget || occ[i] !== 0)) i = field.prev[i];
  if (i === field.start || i < 0) return null;
  if (sit) i = cleanStop(sit, u, field, i, isGoal) ?? i;
  return { type: "move", unit: u.id, to: posOf(s.map, i) };
}

function bestShot(sit: Situation, u: Unit, minChance: number): { target: Unit; chance: number } | null {
  let best: { target: Unit; chance: number; value: number } | null = null;
  for (const e of sit.enemies) {
    if (u.grabbedBy && u.grabbedBy !== e.id) continue;
    if (!canShoot(sit.s, u, e)) continue;
    const kills = oneHitKills(e, RULES.rifle.damage);
    // fights clean: no kill whose acid splashes a soldier, unless it saves one this round
    if (kills && !cleanKill(sit.s, e, sit.seen, (v) => holders(sit, v).length > 0)) continue;
    const { chance } = hitChanceBetween(sit.s, u, e, "shot");
    if (chance < minChance) continue;
    const intent = sit.s.intents.find((i) => i.unit === e.id && i.target !== null);
    // a lunge killed before it lands is a grab that needs no answer (no drag, no burst on its man)
    const threat = !intent ? 1 : intent.kind === "grab" ? (kills ? LUNGE_KILL : 1.5) : 1.5;
    const value = chance * (kills ? 2 : 1) * threat;
    if (!best || value > best.value) best = { target: e, chance, value };
  }
  return best;
}

function grenadeTarget(sit: Situation, u: Unit): Pos | null {
  if (u.grenades <= 0 || u.grabbedBy || sit.enemies.length < 2) return null;
  const s = sit.s, map = s.map, r = RULES.grenade.radius;
  let best: Pos | null = null, bestHits = 1;
  for (const e of sit.enemies)
    for (const at of tilesAround(map, e, 1)) {
      if (distance(u, at) > throwRange(u) || !lineOfSight(map, u, at)) continue;
      let hits = 0, friends = 0;
      for (let y = Math.max(0, at.y - r); y <= Math.min(map.height - 1, at.y + r); y++)
        for (let x = Math.max(0, at.x - r); x <= Math.min(map.width - 1, at.x + r); x++) {
          const o = sit.occ[tileIndex(map, x, y, at.level)];
          if (o === 1) friends++;
          else if (o === 2) hits++;
        }
      if (friends === 0 && hits > bestHits && blastClean(sit, at)) { best = at; bestHits = hits; }
    }
  return best;
}

/** Would every creature the blast at `at` may kill die clean (no soldier splashed, or a soldier saved)? */
function blastClean(sit: Situation, at: Pos): boolean {
  return sit.enemies.every((e) => e.level !== at.level || distance(e, at) > RULES.grenade.radius ||
    !oneHitKills(e, RULES.grenade.damage) || cleanKill(sit.s, e, sit.seen, (v) => holders(sit, v).length > 0));
}

/** A 1-AP move for an unarmed soldier to the safest free tile beside an armed comrade, if he is not beside one. */
function besideArmedComrade(sit: Situation, u: Unit): Action | null {
  const s = sit.s;
  const armed = s.units.filter((c) => c !== u && c.side === "squad" && c.fate === "active" && c.hasWeapon && !c.grabbedBy);
  const beside = (p: Pos) => armed.some((c) => distance(p, c) === 1);
  if (armed.length === 0 || beside(u) || u.ap < 1) return null;
  const { field, occ } = soldierField(s, u, moveOf(u), sit.seen);
  let best = -1, bestScore = -Infinity;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] <= 0 || field.dist[i] > moveOf(u) || occ[i] !== 0 || !beside(posOf(s.map, i))) continue;
    const score = tileScore(sit, i) - 35 * (field.hazard ? hazardAcid(field.hazard[i]) : 0);
    if (score > bestScore) { best = i; bestScore = score; }
  }
  return best >= 0 && bestScore > tileScore(sit, indexOf(s.map, u)) - 20 ? { type: "move", unit: u.id, to: posOf(s.map, best) } : null;
}

const exitCache = new WeakMap<MapDef, Pos[]>();

/** The tiles where soldiers get out (static per map, so kept per map). */
function exitsOf(s: BattleState): Pos[] {
  let tiles = exitCache.get(s.map);
  if (!tiles) {
    tiles = [];
    for (let i = 0; i < s.map.width * s.map.height * s.map.levels; i++) if (isExtraction(s, posOf(s.map, i))) tiles.push(posOf(s.map, i));
    exitCache.set(s.map, tiles);
  }
  return tiles;
}

/** Is p within `r` tiles of a way out? */
function nearExit(s: BattleState, p: Pos, r: number): boolean {
  return exitsOf(s).some((e) => distance(p, e) <= r);
}

/** Is u the only sergeant still on the board (the other out or gone)? */
function lastSergeant(s: BattleState, u: Unit): boolean {
  return !s.units.some((c) => c !== u && c.side === "squad" && isSergeant(c) && (c.fate === "active" || c.fate === "carried"));
}

/** Is a comrade on his feet on his way out, near enough to make it (not yet beside the way out)? */
function comradeComing(s: BattleState, u: Unit): boolean {
  return s.units.some((c) => c !== u && c.side === "squad" && c.fate === "active" && c.down === 0 && !c.grabbedBy &&
    !nearExit(s, c, 0) && nearExit(s, c, 4));
}

/** The nearest clean tile within 1 AP beside one of `gripped` (to hold on), failing that one from which he can shoot a grabber he cannot shoot from here. */
function toAnswer(sit: Situation, u: Unit, gripped: Unit[], loaded: boolean): Action | null {
  const s = sit.s;
  const near = gripped.filter((c) => distance(u, c) <= moveOf(u) + RULES.rifle.range);
  if (near.length === 0) return null;
  // the hold first: it halts the drag at a tug's cost (canHold counts on it)
  const hold = holdTile(sit, u, near);
  if (hold >= 0) return { type: "move", unit: u.id, to: posOf(s.map, hold) };
  // (a grabber he can shoot from here already is not one a step helps with)
  const grabbers = loaded ? sit.enemies.filter((e) => !canShoot(s, u, e) && near.some((c) => c.grabbedBy === e.id)) : [];
  if (grabbers.length === 0) return null;
  const { field, occ } = soldierField(s, u, moveOf(u), sit.seen);
  let to = -1;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] <= 0 || field.dist[i] > moveOf(u) || occ[i] !== 0 || foul(sit, i)) continue;
    if (to >= 0 && field.dist[i] >= field.dist[to]) continue;
    if (grabbers.some((g) => canShoot(s, posOf(s.map, i), g))) to = i;
  }
  return to >= 0 ? { type: "move", unit: u.id, to: posOf(s.map, to) } : null;
}

/**
 * A shot to free a soldier from grabber `g`. The called shot at its arm frees him without a
 * death's acid; a plain hit that kills frees him too, but its burst splashes him (he stands
 * beside it) and may cost him his rifle. So while he is held, or the drag is a round off yet, or
 * a comrade can still hold on to him this round (the hold halts the drag at a tug's cost), only
 * the called shot, and only at a fair chance (null: none worth its ammunition now); when the
 * hold is his own to make (a step to his side), not even that; with the drag due and no hold
 * possible, the called shot when fair, else whatever frees him.
 */
function freeingShot(sit: Situation, u: Unit, g: Unit): Action | null {
  const s = sit.s;
  const called = hitChanceBetween(s, u, g, "calledShot").chance;
  const plainKills = oneHitKills(g, RULES.rifle.damage);
  const victim = plainKills && dragDue(s, g) ? s.units.find((v) => v.id === g.grabbing) : undefined;
  if (victim) {
    const can = holders(sit, victim), others = can.some((c) => c !== u), mine = can.includes(u);
    // his own hold first, unless he stands beside him with an AP to spare for the called shot
    if (mine && !others && !(distance(u, victim) === 1 && u.ap >= 2)) return null;
    if (mine || others) return called >= 15 ? { type: "calledShot", unit: u.id, target: g.id } : null;
    // a kill whose burst finishes him (down in acid) frees nobody: the called shot at its arm, whatever its chance
    if (burstFinishes(s, victim, g)) return { type: "calledShot", unit: u.id, target: g.id };
    // his own called shot first, when it has a chance and a comrade's would be the kill (its
    // burst on him): the comrade's kill comes after, if he misses
    if (u !== victim && called < 15 && victim.hasWeapon && victim.mag > 0 && victim.ap > 0 &&
      hitChanceBetween(s, victim, g, "calledShot").chance >= 15) return null;
  }
  if (plainKills && !dragDue(s, g)) return called >= 15 ? { type: "calledShot", unit: u.id, target: g.id } : null;
  return { type: called >= (plainKills ? 15 : 25) ? "calledShot" : "shoot", unit: u.id, target: g.id };
}

/**
 * Can soldier `c` hold on to the grabbed `victim` this round: free, on his feet, with AP left
 * and beside him, or (with 2 AP) a clean step of 1 AP from a free tile at his side (the one
 * toAnswer takes)? Its own seat's soldiers count while it still plays; the partner seat's only when
 * that seat is a bot too, still playing (a human partner may not hold: the bot does not count on him).
 */
function canHold(sit: Situation, c: Unit, victim: Unit): boolean {
  const s = sit.s;
  if (c === victim || c.side !== "squad" || c.fate !== "active" || c.down > 0 || c.grabbedBy || c.carrying || c.overwatch ||
    c.ap <= 0 || c.level !== victim.level || !c.seat || s.ready[c.seat] || (c.seat !== sit.seat && !sit.partnerBot)) return false;
  const d = distance(c, victim);
  if (d === 1) return true;
  if (c.ap < 2 || d > moveOf(c) + 1) return false;
  return holdTile(sit, c, [victim]) >= 0;
}

/** The soldiers who can hold on to `victim` this round (canHold). */
function holders(sit: Situation, victim: Unit): Unit[] {
  let found = sit.holders.get(victim.id);
  if (!found) sit.holders.set(victim.id, found = sit.s.units.filter((c) => canHold(sit, c, victim)));
  return found;
}

/** The nearest free clean tile within 1 AP of `u` beside one of `gripped` (-1: none). */
function holdTile(sit: Situation, u: Unit, gripped: Unit[]): number {
  const s = sit.s;
  const { field, occ } = soldierField(s, u, moveOf(u), u.seat === sit.seat ? sit.seen : undefined);
  let to = -1;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] <= 0 || field.dist[i] > moveOf(u) || occ[i] !== 0 || foul(sit, i)) continue;
    if (to >= 0 && field.dist[i] >= field.dist[to]) continue;
    const p = posOf(s.map, i);
    if (gripped.some((c) => c.level === p.level && distance(p, c) === 1)) to = i;
  }
  return to;
}

/** Is `shot` at grabber `g` a plain one that cannot kill it (it frees nobody this round)? */
function onlyWounds(shot: Action, g: Unit): boolean {
  return shot.type === "shoot" && !oneHitKills(g, RULES.rifle.damage);
}

/** Will grabber `g` take its victim off in the coming enemy phase (nobody holds him, the drag's last round)? */
function dragDue(s: BattleState, g: Unit): boolean {
  const victim = s.units.find((v) => v.id === g.grabbing);
  if (!victim || victim.heldBy) return false;
  return (s.intents.find((i) => i.unit === g.id)?.countdown ?? 0) <= 1;
}

/**
 * Can a comrade of his seat still answer the grab on `u` this round (hold on to him from beside
 * him, or shoot the grabber)? Then the victim waits for him: a comrade's called shot or hold costs
 * the victim no acid, his own rifle butt does.
 */
function comradeAnswers(sit: Situation, u: Unit, g: Unit): boolean {
  return sit.s.units.some((c) => c !== u && c.side === "squad" && c.seat === u.seat && c.fate === "active" && c.ap > 0 &&
    !c.overwatch && c.down === 0 && !c.grabbedBy && !c.carrying &&
    ((c.level === u.level && distance(c, u) === 1 && !u.heldBy) || (c.hasWeapon && c.mag + c.spareMags > 0 && canShoot(sit.s, c, g))));
}

/**
 * The grabbed soldier fights his grabber `g`: a shot (freeingShot; with no spare magazine left,
 * only once the drag is due), a reload for one, or, with no ammunition left, the rifle butt, but
 * only as the last resort of the last sergeant on the board (his being taken loses the battle):
 * the drag takes him this round, his blows finish it (a blow that does not kill splashes him with
 * its blood, a kill with its burst) and he is still on his feet at the round's end. Any other dry
 * man lets the drag take him rather than kill it beside him: freed so, he comes out of it with no
 * rounds, 2 hp less, his rifle often gone in the burst's acid and a round of 1 AP outside the line,
 * and was down or dead by the next turn in 42% of such kills (a count over 1,000 battles); letting
 * him go cost last-stand no more than 0.03 soldiers lost a battle, and halved the squad's splash.
 */
function fightGrabber(sit: Situation, u: Unit, g: Unit, reload: Action | null): Action | null {
  const s = sit.s;
  // his last magazine's rounds are kept for the round the drag is due: spent before it on poor
  // called shots, they leave him with only the butt (and its burst) when it comes
  if (u.mag > 0) return lastMagazine(u) && !dragDue(s, g) ? null : freeingShot(sit, u, g);
  if (reload) return reload;
  const blows = Math.ceil(g.hp / damageAfterArmor(RULES.butt.damage, g.armor));
  if (!dragDue(s, g) || blows > u.ap) return null;
  // a comrade (of either seat) who can still hold on to him halts the drag for a tug, not a burst
  if (holders(sit, u).length > 0) return null;
  if (!isSergeant(u) || !lastSergeant(s, u)) return null;
  // a kill whose burst finishes him (down in acid) frees nobody
  if (burstFinishes(s, u, g)) return null;
  // nor one that leaves him down: the blows before the last splash him too (the blood on the
  // stock), then the burst, and with no AP left after the last he stands at the round's end in
  // the acid it leaves beside the corpse (or the acid already under him)
  if (u.hp - (blows - 1) * RULES.butt.splash - RULES.acid.deathSplash - (u.ap > blows ? 0 : acidAfterBurst(s, u, g)) <= 0) return null;
  return { type: "butt", unit: u.id, target: g.id };
}

/**
 * Can u (`loaded`: his rifle has rounds) free the gripped comrade `c` with a shot worth taking now
 * (freeingShot)? A plain shot that cannot kill frees nobody this round: it only wounds, for a
 * kill and its burst later. (A module function: decide is hot, and a closure made per call is
 * named at run time under tsx.)
 */
function freesCleanly(sit: Situation, u: Unit, loaded: boolean, c: Unit): boolean {
  const g = sit.enemies.find((e) => e.id === c.grabbedBy);
  const shot = loaded && !!g && canShoot(sit.s, u, g) ? freeingShot(sit, u, g) : null;
  return !!shot && !!g && !onlyWounds(shot, g);
}

function decide(sit: Situation, u: Unit, patient: boolean): Action | null {
  const s = sit.s;
  if (u.ap <= 0 || u.overwatch) return null;
  const loaded = u.hasWeapon && u.mag > 0;
  const reload: Action | null = u.hasWeapon && u.mag < RULES.rifle.magazine && u.spareMags > 0 ? { type: "reload", unit: u.id } : null;
  // held by a Snatcher: fight it, once his comrades have had their go
  if (u.grabbedBy) {
    const g = sit.enemies.find((e) => e.id === u.grabbedBy);
    if (!g || !u.hasWeapon) return null;
    if (patient && comradeAnswers(sit, u, g)) return null;
    return fightGrabber(sit, u, g, reload);
  }
  // a comrade (his own or the partner's) in a creature's grip and not held yet
  const gripped = s.units.filter((c) => c !== u && c.side === "squad" && c.fate === "active" && c.grabbedBy && !c.heldBy && c.level === u.level);
  // one beside him about to be gone, or whose grabber he cannot shoot: shoot it with a spare AP, then hold on to him
  const holdOn = gripped.find((c) => distance(u, c) === 1 &&
    (isSergeant(c) || (s.intents.find((i) => i.unit === c.grabbedBy)?.countdown ?? 0) <= 1 || !freesCleanly(sit, u, loaded, c)));
  if (holdOn) {
    const g = sit.enemies.find((e) => e.id === holdOn.grabbedBy);
    // (a shot that would kill it splashes him: then the hold first, and the called shot after)
    if (u.ap >= 2 && loaded && g && canShoot(s, u, g) && !(oneHitKills(g, RULES.rifle.damage) && hitChanceBetween(s, u, g, "calledShot").chance < 15)) {
      const shot = freeingShot(sit, u, g);
      if (shot) return shot;
    }
    return { type: "holdOn", unit: u.id, comrade: holdOn.id };
  }
  // a comrade is down: get him up (2 AP, beside him), or get beside him to do it next round
  // a fallen sergeant first (losing one ends the campaign)
  const fallen = s.units.filter((c) => c.side === "squad" && c.fate === "active" && c.down > 0 && !c.grabbedBy && c.level === u.level)
    .sort((a, b) => Number(isSergeant(b)) - Number(isSergeant(a)));
  const besideFallen = fallen.find((c) => distance(u, c) === 1);
  // breaking out, he is carried out rather than left to walk
  if (besideFallen && s.objective === "extract" && !u.carrying && u.ap >= RULES.carry.ap) return { type: "carry", unit: u.id, comrade: besideFallen.id };
  if (besideFallen && u.ap >= RULES.down.reviveAp) return { type: "revive", unit: u.id, comrade: besideFallen.id };
  if (!besideFallen && u.ap >= 2) {
    const near = fallen.find((c) => distance(u, c) <= u.move);
    if (near) {
      const move = toward(s, u, (i) => distance(posOf(s.map, i), near) === 1, sit);
      if (move && move.type === "move" && distance(move.to, near) === 1) return move;
    }
  }
  // a comrade is being dragged off: free him
  const grabbers = sit.enemies.filter((e) => e.grabbing && canShoot(s, u, e));
  const grabber = grabbers.find((e) => s.units.some((v) => v.id === e.grabbing && isSergeant(v))) ?? grabbers[0];
  if (grabber && u.hasWeapon) {
    if (!loaded && reload) return reload;
    // the drag due and his called shot poor: a step (1 AP) to a tile with a fair one, before the kill
    const better = loaded && u.ap >= 2 && !u.carrying ? calledShotStep(sit, u, grabber) : null;
    if (better) return better;
    const shot = loaded ? freeingShot(sit, u, grabber) : null;
    // a shot that only wounds it waits while he can step to the man's side and hold on (the drag halts)
    const victim = s.units.find((v) => v.id === grabber.grabbing);
    const holdFirst = !!shot && onlyWounds(shot, grabber) && !!victim && !victim.heldBy && u.ap >= 2 && !u.carrying &&
      victim.level === u.level && holdTile(sit, u, [victim]) >= 0;
    if (shot && !holdFirst) return shot;
  }
  // a gripped comrade whose grabber he cannot shoot (or not without its burst on him): one step
  // (1 AP) to his side to hold on with the other, or to where he can shoot the grabber
  if (u.ap >= 2 && !u.carrying && gripped.length) {
    const move = toAnswer(sit, u, gripped.filter((c) => !freesCleanly(sit, u, loaded, c)), loaded);
    if (move) return move;
  }
  // the scene has turned bad before the objective is met: he falls back to the way out and withdraws
  // (the last sergeant on the board waits there for a comrade on his way)
  if (sit.order === "fallBack" || fallsBack(s, u, sit.enemies)) {
    if (isExtraction(s, u)) {
      if (!(isSergeant(u) && lastSergeant(s, u) && comradeComing(s, u))) return { type: "withdraw", unit: u.id };
    } else {
      const out = toward(s, u, (i) => isExtraction(s, posOf(s.map, i)), sit);
      if (out) return out;
    }
  }
  // civilians (botCivilians.ts): lift a child, fetch one, escort the running, hold back a sergeant
  const civ = civilianPlan(s, u, sit.seen);
  if (civ.action) return civ.action;
  if (s.objective === "extract" && !civ.holdBack) {
    // the way out may be blocked (by creatures, by the others): then he fights where he stands.
    // The last sergeant on the board ends the battle as he gets out: he waits beside the way
    // out for a comrade on his feet who is on his way, unless the clock is running out.
    const wait = isSergeant(u) && s.round < s.map.maxRounds && lastSergeant(s, u) && comradeComing(s, u);
    const out = wait
      ? toward(s, u, (i) => !isExtraction(s, posOf(s.map, i)) && nearExit(s, posOf(s.map, i), 1), sit)
      : toward(s, u, (i) => isExtraction(s, posOf(s.map, i)), sit);
    if (out) return out;
  }
  const rescue = s.map.objective.rescue;
  // the privates go ahead to the rescue; a sergeant follows only when none is left to go
  const privateLeft = s.units.some((c) => c.side === "squad" && c.fate === "active" && !isSergeant(c) && c.down === 0 && !c.grabbedBy);
  // holding or covering, he takes no step forward
  const stays = sit.order === "hold" || sit.order === "cover";
  const goForRescue = !stays && s.objective === "reach" && rescue && u.ap >= 2 && !(isSergeant(u) && privateLeft);
  const here = tileScore(sit, indexOf(s.map, u)) + guard(sit, u, indexOf(s.map, u));
  const threatened = here <= (isSergeant(u) ? -20 : -30);
  // out of a lunge only to a tile he sees clean, by a clean way (else he stays): a grab may miss
  // (its roll, his cover and armor), the acid does not
  const inLunge = sit.danger[indexOf(s.map, u)] === 2;
  if (threatened) {
    const to = bestTile(sit, u, true, inLunge);
    if (to && to.score > here) return { type: "move", unit: u.id, to: to.pos };
  }
  // without a rifle he is no use at the front: he keeps beside an armed comrade (to hold on, to revive)
  if (!u.hasWeapon) {
    const move = besideArmedComrade(sit, u);
    if (move) return move;
  }
  const nade = grenadeTarget(sit, u);
  if (nade) return { type: "grenade", unit: u.id, to: nade };
  if (sit.order === "follow" && u.ap >= 2) {
    const move = followLeader(sit, u);
    if (move) return move;
  }
  if (loaded) {
    // covering, he keeps his AP for overwatch unless the shot is good
    // his last magazine is kept for a comrade's grabber (a called shot frees him clean): only good
    // shots, and its last round for no shot but a grabber's (above): grabbed, a man with a round
    // has a called shot at its arm; a dry one only the butt, whose kill bursts on him
    const last = lastMagazine(u);
    const shot = last && u.mag <= KEPT_ROUNDS ? null : bestShot(sit, u, last ? 60 : sit.order === "cover" ? 65 : u.ap >= 2 ? 40 : 25);
    if (shot) return { type: "shoot", unit: u.id, target: shot.target.id };
  } else if (reload) return reload;
  if (goForRescue) {
    const move = toward(s, u, (i) => i === indexOf(s.map, rescue), sit);
    if (move) return move;
  }
  if (u.ap >= 2 && !stays && canBeat(sit, u, here + 10)) {
    const to = bestTile(sit, u, false, inLunge);
    if (to && to.score > here + 10) return { type: "move", unit: u.id, to: to.pos };
  }
  if (loaded && watches(u, sit.order)) return { type: "overwatch", unit: u.id };
  return null;
}

/**
 * Does he go on overwatch (nothing better to do)? Overwatch fires at the first creature that moves
 * in sight, at −10 aim: a round spent on a poor chance more often than not, and often at one that
 * has come up beside a soldier (its kill bursts on him). On his own he does not watch: his rounds
 * wait for the shots he chooses (a grabber's arm, a lunging Snatcher, a good chance), so the squad
 * is not dry when the grabs come (a dry man's only answer to his grabber is the rifle butt, whose
 * kill splashes him). Told to cover, he watches, to his last magazine.
 */
function watches(u: Unit, order: StandingOrder): boolean {
  return order === "cover" && !lastMagazine(u);
}

/**
 * A clean step (1 AP) to the tile from which u's called shot at grabber `g` is best, when the drag
 * is due, nobody can hold on to its man, one hit kills it (its burst on him) and u's called shot
 * from where he stands is under 15%; only to a tile where it is 15% at least, the bar at which
 * every called shot at a grabber is taken (null: none). (A bar of 30% left more kills.)
 */
function calledShotStep(sit: Situation, u: Unit, g: Unit): Action | null {
  const s = sit.s;
  if (!oneHitKills(g, RULES.rifle.damage) || !dragDue(s, g)) return null;
  const victim = s.units.find((v) => v.id === g.grabbing);
  if (!victim || holders(sit, victim).length > 0) return null;
  if (hitChanceBetween(s, u, g, "calledShot").chance >= 15) return null;
  const { field, occ } = soldierField(s, u, moveOf(u), sit.seen);
  let to = -1, toChance = 14;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] <= 0 || field.dist[i] > moveOf(u) || occ[i] !== 0 || foul(sit, i)) continue;
    const p = posOf(s.map, i);
    if (!canShoot(s, p, g)) continue;
    const chance = hitChanceBetween(s, { ...u, ...p }, g, "calledShot").chance;
    if (chance > toChance) { to = i; toChance = chance; }
  }
  return to >= 0 ? { type: "move", unit: u.id, to: posOf(s.map, to) } : null;
}

/** The acid under `v` once a creature beside him at `at` has burst: its four neighbours get the burst's. */
function acidAfterBurst(s: BattleState, v: Unit, at: Pos): number {
  const under = s.layers.acid[tileIndex(s.map, v.x, v.y, v.level)];
  const beside = v.level === at.level && Math.abs(v.x - at.x) + Math.abs(v.y - at.y) === 1;
  return Math.max(under, beside ? RULES.acid.corpseNeighbours : 0);
}

/** Rounds of his last magazine kept for a grabber (its arm, his own or a comrade's). */
const KEPT_ROUNDS = 1;

/** Is he down to his last magazine's rounds (no spare left)? */
function lastMagazine(u: Unit): boolean {
  return u.spareMags === 0;
}

/** "Follow me": a move (1 AP) to within 2 tiles of the partner's sergeant, the cleanest such tile, when farther. */
function followLeader(sit: Situation, u: Unit): Action | null {
  const s = sit.s;
  const lead = s.units.find((c) => c.side === "squad" && c.seat === otherSeat(u.seat!) && isSergeant(c) && c.fate === "active");
  if (!lead || lead.level !== u.level || distance(u, lead) <= 2) return null;
  const near = (i: number) => {
    const p = posOf(s.map, i);
    return p.level === lead.level && distance(p, lead) <= 2;
  };
  const { field, occ } = soldierField(s, u, moveOf(u), sit.seen);
  let to = -1, toScore = -Infinity;
  for (let i = 0; i < field.dist.length; i++) {
    if (field.dist[i] <= 0 || occ[i] !== 0 || !near(i)) continue;
    const score = tileScore(sit, i) - field.dist[i] * 0.5;
    if (score > toScore) { to = i; toScore = score; }
  }
  if (to >= 0) return { type: "move", unit: u.id, to: posOf(s.map, to) };
  return toward(s, u, near, sit);
}

/**
 * The bot's next command for `seat`, or null when it has nothing to do (ready, or the battle is over).
 * `partnerBot`: the other seat is played by the bot too (then it counts on that seat's holds).
 */
export function botCommand(s: BattleState, seat: Seat, order: StandingOrder = "free", partnerBot = false): Command | null {
  if (s.phase !== "player" || s.ready[seat]) return null;
  // it plays from what its seat sees, like a player: no hidden creature, acid or corpse steers it
  const sit = situation(s, seat, order, partnerBot);
  // (the soldiers under attack first was tried: on the-tower the win rate fell from 0.5 to 0.28)
  // first pass patient (a grabbed soldier waits while a comrade can still answer for him), then not
  for (const patient of [true, false])
    for (const u of s.units) {
      if (u.seat !== seat || u.fate !== "active") continue;
      const action = decide(sit, u, patient);
      if (action) return { seat, action };
    }
  return { seat, action: { type: "ready", ready: true } };
}

/**
 * For the tests (tests/engine/bot-bound.test.ts): for each soldier of `seat` with 2 AP or more,
 * at bars around his own tile's score, whether canBeat ruled the bar out and whether bestTile then
 * found a tile above it all the same (`wrong`, which must stay 0).
 */
export function checkMoveBound(s: BattleState, seat: Seat): { checked: number; ruledOut: number; wrong: number } {
  const out = { checked: 0, ruledOut: 0, wrong: 0 };
  if (s.phase !== "player") return out;
  const sit = situation(s, seat, "free", false);
  for (const u of s.units) {
    if (u.seat !== seat || u.fate !== "active" || u.ap < 2 || u.overwatch) continue;
    const here = tileScore(sit, indexOf(s.map, u)) + guard(sit, u, indexOf(s.map, u));
    for (const bar of [here + 10, here, here + 20, here - 10]) {
      out.checked++;
      if (canBeat(sit, u, bar)) continue;
      out.ruledOut++;
      const to = bestTile(sit, u, false);
      if (to && to.score > bar) out.wrong++;
    }
  }
  return out;
}
