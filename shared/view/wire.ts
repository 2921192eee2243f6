/**
 * The wire form of a seat's view: plain, flat JSON that a Colyseus Schema can mirror field for field
 * (no nulls, no nested optionals, no multi-dimensional arrays). The server syncs `toWire(viewFor(...))`
 * into its Schema state; the client turns `room.state.toJSON()` back into a view with `fromWire`,
 * so that it can ask the engine for previews.
 *
 * Tiles are named by their index: level * width * height + y * width + x.
 */
import type { MapDef, Seat } from "../map/types.js";

import { type WireUnit, unitFromWire, unitToWire } from "../core/unitFields.js";
export type { WireUnit };

export interface WireIntent {
  unit: string;
  order: number;
  kind: string;
  /** Tile index it moves to. */
  moveTo: number;
  /** Tile index it attacks, or -1. */
  target: number;
  area: number[];
  damage: number;
  /** The soldier a lunge names, or "". */
  victim: string;
  dragPath: number[];
  countdown: number;
  /** Its creature went out of sight since the intent was announced: drawn at `lastSeen`, marked as last known. */
  lastKnown: boolean;
  /** Tile index where the creature stood when last seen, or -1 (the creature is in sight). */
  lastSeen: number;
}

export interface WireState {
  mapId: string;
  rulesVersion: number;
  difficulty: string;
  splitVision: boolean;
  /** "takumi", "wang" or "spectator": whose sight this is. */
  viewer: string;
  round: number;
  phase: string;
  /** "" while the battle goes on. */
  outcome: string;
  objective: string;
  step: number;
  readyTakumi: boolean;
  readyWang: boolean;
  undoTakumi: number;
  undoWang: number;
  /** The soldier the seat's next undo moves back ("" when none), and the tile index he returns to (-1). */
  undoUnitTakumi: string;
  undoUnitWang: string;
  undoBackTakumi: number;
  undoBackWang: number;
  civiliansSaved: number;
  /** Units the viewer can see, keyed by id. */
  units: Record<string, WireUnit>;
  intents: WireIntent[];
  /** Tile indices of noise markers. */
  noise: number[];
  /** Per tile; 0 on tiles the viewer cannot see. */
  acid: number[];
  corpse: number[];
  /** Burning tiles the viewer sees, as pairs [tile index, rounds it still burns, …]: few tiles
   *  burn, so the pairs are far smaller than a layer (`fireLayer` gives the layer back). */
  fire: number[];
  /** Terrain codes as the battle has changed them (public: the map is known). */
  terrain: number[];
  /** 1 where the viewer sees now. */
  visible: number[];
  hasPerimeter: boolean;
  radius: number;
  nextRadius: number;
  breakPoint: number;
  perimeterBroken: boolean;
  /** The round whose end breaks the line (the break-out's countdown is this less the round). */
  breakOutRound: number;
  /** The after-action report as JSON ("" until the battle ends). */
  report: string;
}

export type { MapDef, Seat };

import { unitAsShown, unitShown, viewIntents, type BattleView, type Viewer, type ViewIntent } from "./view.js";
import { type Intent, type Pos, type BattleState, type Unit, emptyReport } from "../core/types.js";
import { knownTerrainOf } from "../sight/knownTerrain.js";
import { indexOf, posOf } from "../core/grid.js";

/** A layer as a plain array (a loop: Array.from walks a typed array through its iterator, slowly). */
function numbers(layer: Uint8Array): number[] {
  const out: number[] = new Array(layer.length);
  for (let i = 0; i < layer.length; i++) out[i] = layer[i];
  return out;
}

function firePairs(fire: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < fire.length; i++) if (fire[i] > 0) out.push(i, fire[i]);
  return out;
}

/** The fire layer (rounds left per tile) from the wire's pairs. */
export function fireLayer(pairs: readonly number[] | undefined, tiles: number): Uint8Array {
  const layer = new Uint8Array(tiles);
  if (pairs) for (let k = 0; k + 1 < pairs.length; k += 2) if (pairs[k] >= 0 && pairs[k] < tiles) layer[pairs[k]] = pairs[k + 1];
  return layer;
}

export function toWire(v: BattleView): WireState {
  const map = v.map;
  const units: Record<string, WireUnit> = {};
  for (const u of v.units) units[u.id] = unitToWire(u);
  return assembleWire(v, v.viewer, units, v.intents.map((i) => intentToWire(map, i)), {
    acid: numbers(v.layers.acid),
    corpse: numbers(v.layers.corpse),
    fire: firePairs(v.layers.fire),
    terrain: numbers(v.layers.terrain),
    visible: numbers(v.visible),
  });
}

/** An intent as a viewer sees it, in its wire form. */
function intentToWire(map: MapDef, i: ViewIntent): WireIntent {
  const idx = (p: Pos) => indexOf(map, p);
  return {
    unit: i.unit, order: i.order, kind: i.kind, moveTo: idx(i.moveTo), target: i.target ? idx(i.target) : -1,
    area: i.area.map(idx), damage: i.damage, victim: i.victim ?? "", dragPath: i.dragPath.map(idx), countdown: i.countdown,
    lastKnown: i.lastKnown, lastSeen: i.lastSeen ? idx(i.lastSeen) : -1,
  };
}

type WireLayers = Pick<WireState, "acid" | "corpse" | "fire" | "terrain" | "visible">;

/** The wire state from a state's public fields (a view's are its battle's), its shown units and
 *  intents and its layers as the viewer sees them. */
function assembleWire(v: BattleState, viewer: string, units: Record<string, WireUnit>, intents: WireIntent[], layers: WireLayers, noise?: number[]): WireState {
  const map = v.map;
  const idx = (p: Pos) => indexOf(map, p);
  const p = v.perimeter;
  return {
    mapId: map.id,
    rulesVersion: v.rulesVersion,
    difficulty: v.options.difficulty,
    splitVision: v.options.splitVision,
    viewer,
    round: v.round,
    phase: v.phase,
    outcome: v.outcome ?? "",
    objective: v.objective,
    step: v.step,
    readyTakumi: v.ready.takumi,
    readyWang: v.ready.wang,
    undoTakumi: v.undo.takumi.length,
    undoWang: v.undo.wang.length,
    undoUnitTakumi: v.undo.takumi.at(-1)?.before.id ?? "",
    undoUnitWang: v.undo.wang.at(-1)?.before.id ?? "",
    undoBackTakumi: v.undo.takumi.length ? idx(v.undo.takumi.at(-1)!.before) : -1,
    undoBackWang: v.undo.wang.length ? idx(v.undo.wang.at(-1)!.before) : -1,
    civiliansSaved: v.civiliansSaved,
    units,
    intents,
    noise: noise ?? v.noise.map(idx),
    acid: layers.acid,
    corpse: layers.corpse,
    fire: layers.fire,
    terrain: layers.terrain,
    visible: layers.visible,
    hasPerimeter: !!p,
    radius: p ? p.radius : 0,
    nextRadius: p ? p.nextRadius : 0,
    breakPoint: p ? p.breakPoint : 0,
    perimeterBroken: p ? p.broken : false,
    breakOutRound: p ? p.breakOutRound : 0,
    report: v.phase === "ended" ? JSON.stringify(v.report) : "",
  };
}

/** A layer as the viewer sees it (0 where `mask` is not 1), as a plain array: `last` itself when it
 *  holds those numbers already (sight moved over tiles with nothing on them: most moves, for acid
 *  and corpses), so that nothing is made and the consumer sees it unchanged by identity. */
function maskedNumbers(layer: Uint8Array, mask: Uint8Array, last?: number[]): number[] {
  if (last && last.length === layer.length) {
    let i = 0;
    while (i < layer.length && (mask[i] === 1 ? layer[i] : 0) === last[i]) i++;
    if (i === layer.length) return last;
  }
  const out: number[] = new Array(layer.length);
  for (let i = 0; i < layer.length; i++) out[i] = mask[i] === 1 ? layer[i] : 0;
  return out;
}

function maskedFirePairs(fire: Uint8Array, mask: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < fire.length; i++) if (fire[i] > 0 && mask[i] === 1) out.push(i, fire[i]);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What `viewIntents` reads of the soldier a lunge names: whether he has left the board (null: it
 *  names none, or one not on the list). His other changes (a step, a shot) change nothing shown. */
function victimGone(i: Intent, byId: Map<string, Unit>): boolean | null {
  const v = i.victim ? byId.get(i.victim) : undefined;
  return v ? v.fate !== "active" : null;
}

/**
 * `toWire(viewFor(full, viewer, mask))` for one viewer of one battle, state after state, without
 * building the view: each part of the last wire state whose inputs are the same is kept (the very
 * same array or object, so a consumer can tell it unchanged by identity). The engine never changes
 * a state once made and shares what a command did not touch (units, layers) with the state before,
 * so a unit object or a layer seen again is known unchanged. The result is always equal to
 * `toWire(viewFor(full, viewer, mask))` (tests/engine/wire-builder.test.ts).
 */
export class WireBuilder {
  private last: { full: BattleState; mask: Uint8Array; terrain: Uint8Array; wire: WireState } | null = null;
  /** Units shown as they are, and settled civilians as told (by the unit object: both never change). */
  private readonly asIs = new WeakMap<Unit, WireUnit>();
  private readonly told = new WeakMap<Unit, WireUnit>();

  /** The intents last built, and what they were built from: the same again builds the same. */
  private lastIntents: { full: BattleState; deps: unknown[]; wire: WireIntent[] } | null = null;

  constructor(private readonly viewer: Viewer) {}

  /**
   * `viewIntents` in wire form. It reads the state's intents (a list the engine replaces, never
   * edits), its phase and options, and for each intent its creature (a unit object: never changed
   * once made), whether the soldier it names has left the board, and whether its creature is shown: all the same as last time
   * (most commands of a player phase), the last list is the list (the same array: syncWire skips it).
   */
  private intents(full: BattleState, shown: Set<string>, byId: Map<string, Unit>): WireIntent[] {
    const prev = this.lastIntents;
    const list = full.intents;
    // (compared in place first: most commands change none of them, and then no list is made)
    if (prev && prev.full.intents === list && prev.full.phase === full.phase && prev.full.options === full.options && prev.full.map === full.map &&
      prev.deps.length === list.length * 3) {
      const d = prev.deps;
      let same = true;
      for (let k = 0; k < list.length && same; k++) {
        const i = list[k];
        same = d[3 * k] === byId.get(i.unit) && d[3 * k + 1] === victimGone(i, byId) && d[3 * k + 2] === shown.has(i.unit);
      }
      if (same) {
        this.lastIntents = { full, deps: d, wire: prev.wire };
        return prev.wire;
      }
    }
    const deps: unknown[] = [];
    for (const i of list) deps.push(byId.get(i.unit), victimGone(i, byId), shown.has(i.unit));
    const wire = viewIntents(full, shown, this.viewer).map((i) => intentToWire(full.map, i));
    this.lastIntents = { full, deps, wire };
    return wire;
  }

  build(full: BattleState, mask: Uint8Array): WireState {
    const map = full.map;
    const last = this.last?.full.map === map ? this.last : null;
    const sameMask = !!last && sameBytes(last.mask, mask);
    const was = sameMask ? last!.full.layers : null;
    const now = full.layers;
    const terrain = knownTerrainOf(full);
    const layers: WireLayers = {
      acid: was && was.acid === now.acid ? last!.wire.acid : maskedNumbers(now.acid, mask, last?.wire.acid),
      corpse: was && was.corpse === now.corpse ? last!.wire.corpse : maskedNumbers(now.corpse, mask, last?.wire.corpse),
      fire: was && was.fire === now.fire ? last!.wire.fire : maskedFirePairs(now.fire, mask),
      terrain: last && last.terrain === terrain ? last.wire.terrain : numbers(terrain),
      visible: sameMask ? last!.wire.visible : numbers(mask),
    };
    const units: Record<string, WireUnit> = {};
    const shown = new Set<string>();
    const byId = new Map<string, Unit>();
    for (const u of full.units) {
      byId.set(u.id, u);
      const how = unitShown(map, u, mask);
      if (!how) continue;
      const cache = how === "fate" ? this.told : this.asIs;
      let w = cache.get(u);
      if (!w) cache.set(u, (w = unitToWire(unitAsShown(map, u, how))));
      units[u.id] = w;
      shown.add(u.id);
    }
    const intents = this.intents(full, shown, byId);
    // the engine replaces the noise list when it changes: the same list, the same tiles
    const wire = assembleWire(full, this.viewer, units, intents, layers, last && last.full.noise === full.noise ? last.wire.noise : undefined);
    this.last = { full, mask, terrain, wire };
    return wire;
  }
}

/**
 * Back from the wire to a view the engine can answer questions about (paths, hit chances, legal
 * actions). Undo stacks travel as counts and their next entry (who goes back where, enough for the
 * engine to judge the undo); the entries below it are placeholders the client must not read.
 */
export function fromWire(w: WireState, map: MapDef): BattleView {
  const n = map.width * map.height * map.levels;
  const pos = (i: number) => posOf(map, i);
  const intents: ViewIntent[] = w.intents.map((i) => ({
    unit: i.unit, order: i.order, kind: i.kind as Intent["kind"], moveTo: pos(i.moveTo),
    target: i.target >= 0 ? pos(i.target) : null, area: i.area.map(pos), damage: i.damage, victim: i.victim ? i.victim : null,
    dragPath: i.dragPath.map(pos), countdown: i.countdown,
    lastKnown: i.lastKnown === true, lastSeen: typeof i.lastSeen === "number" && i.lastSeen >= 0 ? pos(i.lastSeen) : null,
  }));
  const units = Object.values(w.units).map(unitFromWire).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const placeholder = (count: number, unit: string | undefined, back: number | undefined) =>
    Array.from({ length: count }, (_, k) => {
      const who = k === count - 1 ? units.find((u) => u.id === unit) : undefined;
      return { before: who && typeof back === "number" && back >= 0 ? { ...who, ...pos(back) } : units[0] };
    });
  const perimeter: BattleState["perimeter"] = w.hasPerimeter && map.perimeter
    ? { cx: map.perimeter.cx, cy: map.perimeter.cy, level: map.perimeter.level, radius: w.radius, nextRadius: w.nextRadius, breakPoint: w.breakPoint, breakOutRound: w.breakOutRound, broken: w.perimeterBroken }
    : null;
  return {
    rulesVersion: w.rulesVersion,
    map,
    seed: 0,
    options: { difficulty: w.difficulty as BattleState["options"]["difficulty"], splitVision: w.splitVision },
    rng: 0,
    round: w.round,
    phase: w.phase as BattleState["phase"],
    outcome: w.outcome === "" ? null : (w.outcome as BattleState["outcome"]),
    objective: w.objective as BattleState["objective"],
    units,
    nextUnitId: 0,
    layers: {
      acid: Uint8Array.from(w.acid),
      acidAge: new Uint8Array(n),
      melt: new Uint8Array(n),
      corpse: Uint8Array.from(w.corpse),
      terrain: Uint8Array.from(w.terrain),
      fire: fireLayer(w.fire, n),
    },
    perimeter,
    ready: { takumi: w.readyTakumi, wang: w.readyWang },
    intents,
    noise: w.noise.map(pos),
    undo: { takumi: placeholder(w.undoTakumi, w.undoUnitTakumi, w.undoBackTakumi), wang: placeholder(w.undoWang, w.undoUnitWang, w.undoBackWang) },
    civiliansSaved: w.civiliansSaved,
    report: w.report ? JSON.parse(w.report) : emptyReport(),
    step: w.step,
    viewer: w.viewer as BattleView["viewer"],
    visible: Uint8Array.from(w.visible),
  };
}

import type { BattleEvent } from "../core/types.js";

/** An event on the wire: its positions (`at`, `to`, `path`, `tiles`) as tile indices, its false flags left out. */
export type WireEvent = Record<string, unknown> & { type: BattleEvent["type"] };

const POSITION_KEYS = ["at", "to", "path", "tiles"] as const;
const POSITION_KEY: Readonly<Record<string, true>> = { at: true, to: true, path: true, tiles: true };

type EventOf<T extends BattleEvent["type"]> = Extract<BattleEvent, { type: T }>;
/** An event's flags: its boolean fields. */
type FlagsOf<E> = { [F in keyof E]-?: E[F] extends boolean ? F : never }[keyof E];
type TypesWithFlags = { [T in BattleEvent["type"]]: [FlagsOf<EventOf<T>>] extends [never] ? never : T }[BattleEvent["type"]];

/**
 * Each event type's flags, every one (the compiler holds the list to the event types): a false
 * flag is left out on the wire and put back on arrival (a shot's `called: false, overwatch: false`
 * were a tenth of the bytes a client received a command).
 */
const EVENT_FLAGS: { readonly [T in TypesWithFlags]: { readonly [F in FlagsOf<EventOf<T>>]: true } } = {
  shot: { hit: true, called: true, overwatch: true },
  grabbed: { roll: true, hit: true },
  ready: { ready: true },
};
const flagsOf = (type: BattleEvent["type"]): Readonly<Record<string, true>> | undefined =>
  (EVENT_FLAGS as Partial<Record<BattleEvent["type"], Readonly<Record<string, true>>>>)[type];

/** Events in their compact wire form (a position costs a number instead of an object; a false flag nothing). */
export function eventsToWire(map: MapDef, events: BattleEvent[]): WireEvent[] {
  return events.map((e) => {
    const flags = flagsOf(e.type);
    // a false flag is left out as the copy is made (a `delete` would turn the copy into a slow
    // dictionary object, then packed for every client): the same keys in the same order
    const out = {} as WireEvent;
    const src = e as Record<string, unknown>;
    for (const k in src) {
      const v = src[k];
      if (v === false && flags?.[k]) continue;
      if (POSITION_KEY[k] === true) {
        if (Array.isArray(v)) {
          out[k] = v.map((p: Pos) => indexOf(map, p));
          continue;
        }
        if (v && typeof v === "object") {
          out[k] = indexOf(map, v as Pos);
          continue;
        }
      }
      out[k] = v;
    }
    return out;
  });
}

/** The events back from their wire form (events already whole pass unchanged). */
export function eventsFromWire(map: MapDef, events: WireEvent[]): BattleEvent[] {
  return events.map((e) => {
    const out: Record<string, unknown> = { ...e };
    for (const k of POSITION_KEYS) {
      const v = e[k];
      if (Array.isArray(v)) out[k] = v.map((i: number | Pos) => (typeof i === "number" ? posOf(map, i) : i));
      else if (typeof v === "number") out[k] = posOf(map, v);
    }
    const flags = flagsOf(e.type);
    if (flags) for (const k in flags) if (out[k] === undefined) out[k] = false;
    return out as BattleEvent;
  });
}
