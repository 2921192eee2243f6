/**
 * The soldier bot's part for civilians, kept apart from bot.ts: it lifts a child beside
 * him, sends the privates for the children still waiting (one to a child, the nearest first),
 * escorts the civilians running for the way out (the privates keep beside the rearmost until the
 * map's quota is saved), and keeps the sergeants off the way out until then. Like the bot, it decides on what
 * its seat sees: children under the fog are looked for where the map placed them.
 */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Pos, Unit } from "../core/types.js";
import { distance, posOf, tileIndex } from "../core/grid.js";
import { costField, movementBudget } from "../movement/path.js";
import { isSergeant, moveOf } from "../core/units.js";
import { isExtraction } from "../rules/objectives.js";
import { knownOccupancy } from "../view/view.js";

export interface CivilianPlan {
  /** What the soldier does now for the civilians, if anything. */
  action: Action | null;
  /** Keep off the way out for now (the bot then fights where it stands). */
  holdBack: boolean;
}

const NOTHING: CivilianPlan = { action: null, holdBack: false };

/** A rough distance for choosing who goes: tiles, and a floor counts as ten. */
function roughDistance(a: Pos, b: Pos): number {
  return Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y)) + 10 * Math.abs(a.level - b.level);
}

/**
 * Where the seat believes a child waits: children in sight, and where the map placed a child the
 * seat cannot see now (child-k is the map's k-th child). One in a soldier's arms, or carried out,
 * is known wherever he is; one seen gone from his place is not looked for there.
 */
function childrenKnown(s: BattleState, seen: Uint8Array): Pos[] {
  const out: Pos[] = [];
  let k = 0;
  for (const start of s.map.civilians ?? []) {
    if (start.kind !== "child") continue;
    const id = `child-${++k}`;
    const c = s.units.find((u) => u.id === id);
    if (!c || c.carriedBy) continue;
    if (c.fate === "active" && seen[tileIndex(s.map, c.x, c.y, c.level)] === 1) {
      if (!c.grabbedBy) out.push(c);
    } else if (seen[tileIndex(s.map, start.x, start.y, start.level)] === 0) out.push(start);
  }
  return out;
}

/** A move toward the nearest tile the goal accepts, as far as his action points go (or `maxAp` of them). */
function moveToward(s: BattleState, u: Unit, isGoal: (p: Pos) => boolean, maxAp = Infinity): Action | null {
  if (isGoal(u)) return null;
  const occ = knownOccupancy(s, u.seat!);
  const field = costField(s, u, false, 1 << 20, occ);
  let goal = -1;
  for (let i = 0; i < field.dist.length; i++)
    if (field.dist[i] > 0 && occ[i] === 0 && (goal < 0 || field.dist[i] < field.dist[goal]) && isGoal(posOf(s.map, i))) goal = i;
  if (goal < 0) return null;
  const budget = Math.min(movementBudget(u), maxAp * moveOf(u));
  let i = goal;
  while (i !== field.start && (field.dist[i] > budget || occ[i] !== 0)) i = field.prev[i];
  return i === field.start ? null : { type: "move", unit: u.id, to: posOf(s.map, i) };
}

/**
 * Who fetches which child: the closest pairs first, one child to a soldier, until every child has
 * someone (Wang, who carries at full speed, counts as nearer).
 */
function assigned(free: Unit[], children: Pos[]): Map<string, Pos[]> {
  const pairs: { f: Unit; c: Pos; d: number }[] = [];
  for (const f of free) for (const c of children) pairs.push({ f, c, d: roughDistance(f, c) - (f.kind === "wang" ? 3 : 0) });
  pairs.sort((a, b) => a.d - b.d || (a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0));
  const out = new Map<string, Pos[]>();
  const taken = new Set<Pos>();
  for (const { f, c } of pairs) {
    if (out.has(f.id) || taken.has(c)) continue;
    out.set(f.id, [c]);
    taken.add(c);
  }
  return out;
}

/** The soldiers free to fetch a child: up, not held, not carrying. */
function fetchers(s: BattleState): Unit[] {
  const free = s.units.filter((c) => c.side === "squad" && c.fate === "active" && c.down === 0 && !c.grabbedBy && !c.carrying);
  // the privates go up for them; a sergeant only when no private is left to go
  const privates = free.filter((c) => !isSergeant(c));
  return privates.length ? privates : free;
}

export function civilianPlan(s: BattleState, u: Unit, seen: Uint8Array): CivilianPlan {
  if (!s.map.civilians?.length || u.grabbedBy) return NOTHING;
  // a child beside him: lift him (1 AP)
  if (!u.carrying && u.ap >= RULES.carry.ap) {
    const child = s.units.find((c) => c.kind === "child" && c.fate === "active" && !c.grabbedBy && distance(u, c) === 1 &&
      seen[tileIndex(s.map, c.x, c.y, c.level)] === 1);
    if (child) return { action: { type: "carry", unit: u.id, comrade: child.id }, holdBack: false };
  }
  // a child still waiting, and he is the nearest free soldier to it: go for it
  if (!u.carrying && u.ap >= 1) {
    const mine = assigned(fetchers(s), childrenKnown(s, seen)).get(u.id) ?? [];
    for (const c of mine) {
      const move = moveToward(s, u, (p) => distance(p, c) <= 1);
      if (move) return { action: move, holdBack: true };
    }
    if (mine.length) return { action: null, holdBack: true };
  }
  if (u.carrying || s.objective !== "extract") return NOTHING;
  const need = s.map.saveAtLeast ?? 0;
  const late = s.round >= s.map.maxRounds - 2;
  // the running: adults on the board in sight
  const running = s.units.filter((c) => c.side === "civilian" && c.kind !== "child" && c.fate === "active" &&
    seen[tileIndex(s.map, c.x, c.y, c.level)] === 1);
  // still to save, as far as the seat knows: a child in arms, the runners in sight, children waiting
  const waiting = running.length > 0 || s.units.some((c) => c.side === "civilian" && c.fate === "carried") || childrenKnown(s, seen).length > 0;
  // a sergeant keeps off the way out until enough are out (or none are left to save, or time is short)
  const mustWait = isSergeant(u) && !late && waiting && s.civiliansSaved < need;
  const onWayOut = (p: Pos) => isExtraction(s, p);
  // enough are out: the sergeant makes for the way out before anything else (the clock runs)
  if (isSergeant(u) && !mustWait && need > 0 && s.civiliansSaved >= need) return { action: moveToward(s, u, onWayOut), holdBack: false };
  // a private escorts while the quota is not met; then he gets out with the others (the campaign needs
  // him). A map with no quota (the bus: the freed run out beside the door) is no reason to stay: he
  // would be left behind when the sergeants go
  if (isSergeant(u) ? !mustWait : late || running.length === 0 || need === 0 || s.civiliansSaved >= need) return NOTHING;
  if (isSergeant(u)) {
    // a waiting sergeant stands by near the way out, off it (the civilians and the carriers come to it)
    if (!onWayOut(u) && nearWayOut(s, u)) return { action: null, holdBack: true };
    return { action: moveToward(s, u, (p) => !onWayOut(p) && nearWayOut(s, p), 1), holdBack: true };
  }
  // a private escorts the rearmost runner: a step at a time, to beside him, and shoots what hunts him
  const rear = running.reduce((m, c) => (exitSteps(s, c) > exitSteps(s, m) ? c : m));
  if (distance(u, rear) <= 2 && !onWayOut(u)) return { action: null, holdBack: true };
  const move = moveToward(s, u, (p) => distance(p, rear) <= 2 && !onWayOut(p), 1);
  return { action: move, holdBack: true };
}

/** Two tiles from a way out, on its level. */
function nearWayOut(s: BattleState, p: Pos): boolean {
  for (let dy = -2; dy <= 2; dy++)
    for (let dx = -2; dx <= 2; dx++) {
      const q = { x: p.x + dx, y: p.y + dy, level: p.level };
      if (q.x >= 0 && q.y >= 0 && q.x < s.map.width && q.y < s.map.height && isExtraction(s, q)) return true;
    }
  return false;
}

/** How far a civilian still has to run (tiles to the nearest way out, by Chebyshev distance). */
function exitSteps(s: BattleState, c: Unit): number {
  let best = Infinity;
  const points = s.map.objective.extract;
  if (points.length) for (const p of points) best = Math.min(best, roughDistance(c, p));
  // (the map's exits: the tower's street door, on the ground floor)
  else best = 10 * c.level;
  return best;
}
