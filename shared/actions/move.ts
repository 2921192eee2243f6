/**
 * Move: walk the cheapest path to a tile within the action points left (1 AP per 4 movement).
 * Judged on what the seat knows (soldiers, creatures in sight): a tile where a hidden creature
 * stands is free as far as he knows. Walking, he stops on the last free tile before a hidden
 * creature in his way: an ambush; the creature is revealed and the move is final. Likewise the
 * terrain is the squad's known terrain: a floor melted under the fog is a floor until seen, and
 * he who steps on it falls through (the move is final too); rubble blown away he just walks.
 */
import type { Action, BattleState, Pos, Seat, Unit } from "../core/types.js";
import { type Draft, copyUnit, draftUnit, emit } from "../core/draft.js";
import { tileIndex, posOf } from "../core/grid.js";
import { apForCost, soldierPath, stepCost, terrainFor } from "../movement/path.js";
import { Terrain } from "../map/types.js";
import { unitAt, unitOnTile, unitTiles } from "../core/units.js";
import { burnsOnEntering, enteredTile, fall } from "../rules/acid.js";
import { resolveEffects } from "../battle/effects.js";
import { enteredFire } from "../rules/fire.js";
import { checkRescue } from "../rules/objectives.js";
import { canSee } from "../sight/sight.js";
import { knownUnitAt } from "../view/view.js";
import { learnTerrain } from "../sight/knownTerrain.js";
import { type Refusal, needsAp, onGrid, ownSoldier, refuse, isRefusal } from "./common.js";

type Move = Extract<Action, { type: "move" }>;

/** What an accepted move needs to run: the tiles it walks and the AP it costs. */
export interface MovePlan {
  path: number[];
  ap: number;
}

export function planMove(s: BattleState, seat: Seat, a: Move): MovePlan | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  const noAp = needsAp(u);
  if (noAp) return noAp;
  const off = onGrid(s, a.to);
  if (off) return off;
  const target = tileIndex(s.map, a.to.x, a.to.y, a.to.level);
  if (stepCost(terrainFor(s, u)[target], false) === 0) return refuse("ERR_BLOCKED");
  if (knownUnitAt(s, seat, a.to)) return refuse("ERR_OCCUPIED");
  const route = soldierPath(s, u, target);
  if (!route || route.path.length === 0) return refuse("ERR_UNREACHABLE");
  return { path: route.path, ap: apForCost(u, route.cost) };
}

/**
 * A civilian under the fog on the tile he moves to: he walks (he may pass over anyone but a
 * creature) and stops on the last tile before it where no one stands, or where he is. The AP are
 * the whole move's, as for an ambush: a probe into the fog is never free.
 */
function shortOfHiddenCivilian(s: BattleState, u: Unit, path: number[]): number[] {
  const last = unitAt(s, posOf(s.map, path[path.length - 1]));
  if (!last || last.side !== "civilian") return path;
  let end = path.length - 1;
  while (end > 0 && unitAt(s, posOf(s.map, path[end - 1]))) end--;
  return path.slice(0, end);
}

/**
 * Stopped short (an ambush): he stands on a tile of his own, back along his walk past anyone he was
 * passing over (a comrade, a civilian). Back past tiles already told, the step back is told as a move.
 */
function stopOnOwnTile(s: BattleState, u: Unit, trail: Pos[], walked: Pos[], start: Pos): void {
  const taken = (p: Pos) => s.units.some((o) => o !== u && o.fate === "active" && o.x === p.x && o.y === p.y && o.level === p.level);
  let k = trail.length;
  while (k > 0 && taken(trail[k - 1])) k--;
  if (k === trail.length) return;
  const back = k > 0 ? trail[k - 1] : start;
  const told = trail.length - walked.length;
  if (k >= told) walked.splice(k - told);
  else walked.splice(0, walked.length, { x: back.x, y: back.y, level: back.level });
  u.x = back.x; u.y = back.y; u.level = back.level;
}

/** Does the mover, where he now stands, see a creature that no soldier saw before he left `from`? */
function revealsCreature(s: BattleState, mover: Unit, from: Pos): boolean {
  for (const c of s.units) {
    if (c.side !== "creature" || c.fate !== "active" || !canSee(s.map, mover, c) || canSee(s.map, from, c)) continue;
    const seenByOther = s.units.some((o) => o !== mover && o.side === "squad" && o.fate === "active" && canSee(s.map, o, c));
    if (!seenByOther) return true;
  }
  return false;
}

/** Still walking: on the board and not down (a soldier at 0 hp neither moves nor acts). */
function onHisFeet(u: Unit): boolean {
  return u.fate === "active" && u.down === 0;
}

/**
 * The walk is told up to each tile that burns, then the burn: events come in the order they
 * happen. Returns the new, empty list of tiles not yet told (a module function: a closure made
 * on every move costs more than the rest of a short walk).
 */
function tellWalk(d: Draft, u: Unit, walked: Pos[]): Pos[] {
  if (walked.length) emit(d, { type: "moved", unit: u.id, path: walked });
  return [];
}

export function runMove(d: Draft, seat: Seat, a: Move, plan: MovePlan): void {
  const s = d.s;
  const u = draftUnit(d, a.unit);
  const before = copyUnit(u);
  const eventsBefore = d.events.length;
  // (the verdict is the planned path; only the walk learns of a civilian under the fog)
  const path = shortOfHiddenCivilian(s, u, plan.path);
  u.ap -= plan.ap;
  u.overwatch = false;
  let ambusher: Unit | undefined;
  let fell = false;
  let walked: Pos[] = [];
  // every tile walked, told or not (walked holds the part not yet told)
  const trail: Pos[] = [];
  // who stands where (his own entry follows him; taken afresh after anything that hurts)
  let tiles = unitTiles(s);
  const me = s.units.indexOf(u);
  for (const i of path) {
    const to = posOf(s.map, i);
    // the path was planned around what the squad sees: only a hidden creature can stand on it
    const there = unitOnTile(s, tiles, i);
    if (there && there.side === "creature") {
      ambusher = there;
      stopOnOwnTile(s, u, trail, walked, before);
      break;
    }
    u.x = to.x; u.y = to.y; u.level = to.level;
    tiles[me] = i;
    walked.push(to);
    trail.push(to);
    // a floor melted where the squad could not see: he steps on it and falls through
    if (s.layers.terrain[i] === Terrain.hole) {
      walked = tellWalk(d, u, walked);
      learnTerrain(d, i);
      fall(d, u);
      resolveEffects(d);
      fell = true;
      break;
    }
    const burning = s.layers.fire[i] > 0;
    if (!burnsOnEntering(s, i) && !burning) continue;
    walked = tellWalk(d, u, walked);
    const hp = u.hp;
    enteredTile(d, u);
    resolveEffects(d);
    s.report.acidFromMoves += hp - u.hp;
    if (burning && onHisFeet(u)) {
      enteredFire(d, u);
      resolveEffects(d);
    }
    // a soldier who goes down (or dies) where he stepped stops there: the down never walk on
    if (!onHisFeet(u)) break;
    tiles = unitTiles(s);
  }
  walked = tellWalk(d, u, walked);
  // the whole move's AP are spent all the same: a probe into the fog is never free
  if (ambusher) emit(d, { type: "ambush", unit: u.id, by: ambusher.id, at: { x: ambusher.x, y: ambusher.y, level: ambusher.level } });
  const rescued = onHisFeet(u) && checkRescue(d, u);
  // a move stays undoable until it reveals a creature (or a hole), hurts someone or changes the objective
  // stopped short of a civilian under the fog: he is seen now, so the move is final
  const stoppedShort = path.length < plan.path.length;
  const revealed = !!ambusher || fell || stoppedShort || (u.fate === "active" && revealsCreature(s, u, before));
  let hurtSomeone = false;
  for (let k = eventsBefore; k < d.events.length && !hurtSomeone; k++) hurtSomeone = d.events[k].type === "damaged";
  if (revealed || hurtSomeone || rescued) s.undo = { takumi: [], wang: [] };
  else s.undo[seat] = [...s.undo[seat], { before }];
}
