/**
 * Fixture helpers for the engine's tests. They build situations by editing a fresh state directly
 * (placing units, setting layers); the rules themselves are always run by the engine.
 */
import { expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import {
  apply, createBattle, hashState, tileIndex,
  type Action, type BattleEvent, type BattleOptions, type BattleState, type CreatureKind, type ErrorCode,
  type MapDef, type Pos, type Seat, type Unit,
} from "../../shared/index.js";
import { makeCreature } from "../../shared/rules/spawns.js";
import { planIntents } from "../../shared/creatures/intents.js";
import { nextRandom } from "../../shared/core/rng.js";
import { scheduledBreakOut } from "../../shared/rules/perimeter.js";

export type MapId = "last-stand" | "the-alley" | "tower-test" | "the-streets" | "the-tower" | "the-bus" | "the-wall";

const maps = new Map<MapId, MapDef>();

/** A shipped map, read once per test file. */
export function map(id: MapId): MapDef {
  let m = maps.get(id);
  if (!m) {
    m = loadMapById(id);
    maps.set(id, m);
  }
  return m;
}

/** A fresh battle on a shipped map (round 1, player phase, the first wave on the board). */
export function fresh(id: MapId, seed = 1, options: Partial<BattleOptions> = {}): BattleState {
  return createBattle(map(id), seed, options);
}

/**
 * A fresh battle with no creatures and, unless told otherwise, no waves (so nothing spawns) and
 * no perimeter: a quiet board to build a situation on.
 */
export function quiet(id: MapId, opts: { seed?: number; waves?: boolean; perimeter?: boolean; keep?: string[] } = {}): BattleState {
  const s = fresh(id, opts.seed ?? 1);
  clearCreatures(s);
  if (!opts.waves) noWaves(s);
  if (!opts.perimeter) s.perimeter = null;
  if (opts.keep) s.units = s.units.filter((u) => u.side === "creature" || opts.keep!.includes(u.id));
  return s;
}

/** Drop every creature (and their intents and the noise they made). */
export function clearCreatures(s: BattleState): void {
  s.units = s.units.filter((u) => u.side === "squad");
  s.intents = [];
  s.noise = [];
}

/** Empty the wave table of this battle's (copied) map, so the environment phase spawns nothing. */
export function noWaves(s: BattleState): void {
  s.map = { ...s.map, waves: [] };
}

export function unit(s: BattleState, id: string): Unit {
  const u = s.units.find((v) => v.id === id);
  if (!u) throw new Error(`test: no unit ${id}`);
  return u;
}

export function pos(x: number, y: number, level = 0): Pos {
  return { x, y, level };
}

/** Put a creature on the board (engine-made stats); seen or not is decided by the next intents. */
export function placeCreature(s: BattleState, kind: CreatureKind, x: number, y: number, level = 0, hp?: number): Unit {
  const c = makeCreature(s, kind, { kind: "manhole", x, y, level });
  if (hp !== undefined) c.hp = hp;
  s.units.push(c);
  return c;
}

/** A creature holding a soldier in its grip: both ends of the link set (no rules run). */
export function grip(s: BattleState, creature: Unit, victimId: string): void {
  creature.grabbing = victimId;
  unit(s, victimId).grabbedBy = creature.id;
}

/** Move a unit to a tile (no rules run). */
export function put(s: BattleState, id: string, x: number, y: number, level = 0): Unit {
  const u = unit(s, id);
  u.x = x; u.y = y; u.level = level;
  return u;
}

export function removeUnits(s: BattleState, ...ids: string[]): void {
  s.units = s.units.filter((u) => !ids.includes(u.id));
}

export function idx(s: BattleState, x: number, y: number, level = 0): number {
  return tileIndex(s.map, x, y, level);
}

export function acidAt(s: BattleState, x: number, y: number, level = 0): number {
  return s.layers.acid[idx(s, x, y, level)];
}

export function setAcid(s: BattleState, x: number, y: number, level: number, intensity: number, age = 0): void {
  s.layers.acid[idx(s, x, y, level)] = intensity;
  s.layers.acidAge[idx(s, x, y, level)] = age;
}

export function corpseAt(s: BattleState, x: number, y: number, level = 0): number {
  return s.layers.corpse[idx(s, x, y, level)];
}

export function setCorpse(s: BattleState, x: number, y: number, level: number, n: number): void {
  s.layers.corpse[idx(s, x, y, level)] = n;
}

export function terrainAt(s: BattleState, x: number, y: number, level = 0): number {
  return s.layers.terrain[idx(s, x, y, level)];
}

/** Announce intents again after editing the board (what the player phase would announce). */
export function replan(s: BattleState): void {
  s.intents = planIntents(s);
}

/**
 * A generator state whose next percentile rolls satisfy the given tests, in order (e.g.
 * `[r => r < 10]` for a sure hit). Found by search over the engine's own generator.
 */
export function rngFor(...rolls: ((roll: number) => boolean)[]): number {
  for (let seed = 1; seed < 10_000_000; seed++) {
    const probe = { rng: seed } as BattleState;
    if (rolls.every((ok) => ok(Math.floor(nextRandom(probe) * 100)))) return seed;
  }
  throw new Error("test: no generator state gives those rolls");
}

export const HIT = (r: number) => r < 5; // hits at any chance (chances are clamped to 5..95)
export const MISS = (r: number) => r >= 95; // misses at any chance

/** Force the next rolls of this state's generator. */
export function forceRolls(s: BattleState, ...rolls: ((roll: number) => boolean)[]): void {
  s.rng = rngFor(...rolls);
}

export interface Done {
  state: BattleState;
  events: BattleEvent[];
}

/** Apply a command that must be accepted. */
export function act(s: BattleState, seat: Seat, action: Action): Done {
  const r = apply(s, { seat, action });
  if (!r.ok) throw new Error(`test: ${seat} ${JSON.stringify(action)} refused: ${r.code} ${r.message}`);
  return { state: r.state, events: r.events };
}

/**
 * Apply a command that must be refused with `code`, and check the refusal changed nothing
 * (the state is deep-equal and hash-equal to before).
 */
export function refused(s: BattleState, seat: Seat, action: unknown, code: ErrorCode): void {
  const before = structuredClone(s);
  const hash = hashState(s);
  const r = apply(s, { seat, action: action as Action });
  expect(r.ok, `${seat} ${JSON.stringify(action)} should be refused with ${code}`).toBe(false);
  if (!r.ok) {
    expect(r.code).toBe(code);
    expect(typeof r.message).toBe("string");
    expect(r.message.length).toBeGreaterThan(0);
  }
  expect(hashState(s)).toBe(hash);
  expect(s).toEqual(before);
}

/** Both seats mark ready: the enemy and environment phases resolve and the next round begins. */
export function endRound(s: BattleState): Done {
  const events: BattleEvent[] = [];
  let state = s;
  for (const seat of ["takumi", "wang"] as const) {
    if (state.phase !== "player" || state.ready[seat]) continue;
    const r = act(state, seat, { type: "ready", ready: true });
    state = r.state;
    events.push(...r.events);
  }
  return { state, events };
}

/** Events of one type. */
export function eventsOf<T extends BattleEvent["type"]>(events: BattleEvent[], type: T): Extract<BattleEvent, { type: T }>[] {
  return events.filter((e): e is Extract<BattleEvent, { type: T }> => e.type === type);
}

/** A soldier's id by kind for the shipped maps' squads. */
export const TAKUMI = "takumi";
export const WANG = "wang";
export const TP1 = "takumi-private-1";
export const TP2 = "takumi-private-2";
export const WP1 = "wang-private-1";
export const WP2 = "wang-private-2";

/**
 * Give this battle (a copy of its map) a perimeter with these numbers, so a test checks the rule
 * and not the map's current tuning. The line starts at `radius`.
 */
export function withPerimeter(
  s: BattleState,
  def: { cx: number; cy: number; radius: number; breakPoint: number; squeezeCorpses: number; squeezeEveryRounds: number; level?: number; breakOutRound?: number },
): void {
  const { breakOutRound, ...rest } = def;
  const full = { level: 0, ...rest };
  s.map = { ...s.map, perimeter: full };
  s.perimeter = {
    cx: full.cx, cy: full.cy, level: full.level, radius: full.radius, nextRadius: full.radius, breakPoint: full.breakPoint,
    breakOutRound: breakOutRound ?? scheduledBreakOut(s.map), broken: false,
  };
}

/**
 * A legal action, picked kind first: a kind among those legal now, then one of its actions. Picked
 * flat, the hundreds of moves and grenade tiles drown the rare kinds (hold on, revive, carry, drop,
 * withdraw), which then never get played.
 */
export function pickLegal(actions: Action[], pick: number): Action {
  const kinds = [...new Set(actions.map((a) => a.type))];
  const kind = kinds[pick % kinds.length];
  const of = actions.filter((a) => a.type === kind);
  return of[Math.floor(pick / kinds.length) % of.length];
}
