/**
 * What one viewer may see of a battle: the server sends only this. Creatures out of sight, their
 * intents and hit points, the layers under the fog and the random generator's state are removed;
 * the terrain is what the squad last saw of each tile (knownTerrain.ts).
 * The result is still a BattleState, so the client can ask the engine for previews on it.
 */
import type { BattleEvent, BattleState, Intent, Pos, Seat, Unit } from "../core/types.js";
import { visibleTiles } from "../sight/sight.js";
import { tileIndex } from "../core/grid.js";
import { knownTerrainOf } from "../sight/knownTerrain.js";
import type { MapDef } from "../map/types.js";

/**
 * A civilian whose fate is settled (saved, dead, taken) is known to every viewer by name and fate
 * (every fate is told, a death out of sight is still heard), but not where it came: the
 * view puts him back on his start tile (the map's, known to all) with nothing of what befell him.
 */
function fateKnown(u: Unit): boolean {
  return u.side === "civilian" && (u.fate === "dead" || u.fate === "taken" || u.fate === "extracted");
}

/** The start tile of a civilian (ids number each kind in the map's order: civilian-1, child-1, ...). */
function civilianStart(map: MapDef, id: string): Pos | null {
  const m = /^(.+)-(\d+)$/.exec(id);
  if (!m) return null;
  const of = (map.civilians ?? []).filter((c) => c.kind === m[1]);
  const c = of[Number(m[2]) - 1];
  return c ? { x: c.x, y: c.y, level: c.level } : null;
}

/** A settled civilian as every viewer knows him: his name and fate, at his start. */
function toldFate(map: MapDef, u: Unit): Unit {
  const at = civilianStart(map, u.id) ?? { x: 0, y: 0, level: 0 };
  return { ...u, ...at, hp: u.fate === "dead" ? 0 : u.hp, grabbedBy: null, heldBy: null, carriedBy: null, carrying: null, grabbing: null, down: 0 };
}

export type Viewer = Seat | "spectator";

/**
 * Units every viewer knows wherever they are: the soldiers, and a child in a soldier's arms.
 * Creatures and civilians on the board are seen only in sight (a civilian under the fog is hidden
 * as a creature is: where he runs would tell where the creatures are not).
 */
export function alwaysKnown(u: Unit): boolean {
  return u.side === "squad" || (u.side === "civilian" && u.fate === "carried");
}

/**
 * An intent as a viewer sees it. `lastKnown`: its creature has gone out of sight since it was
 * announced; the intent stays shown until it resolves, drawn at `lastSeen` (where the creature
 * stood when last seen; null for a creature in sight, whose unit is in the view).
 */
export interface ViewIntent extends Intent {
  lastKnown: boolean;
  lastSeen: Pos | null;
}

export interface BattleView extends BattleState {
  viewer: Viewer;
  /** 1 on tiles the viewer sees now. */
  visible: Uint8Array;
  intents: ViewIntent[];
}

/** The tiles a viewer sees now (1), as the engine judges his commands and previews. */
export function viewerMask(s: BattleState, viewer: Viewer): Uint8Array {
  return visibleTiles(s, s.options.splitVision && viewer !== "spectator" ? viewer : undefined);
}

/**
 * What a seat knows stands where (1 a soldier or civilian, 2 a creature): every soldier, and the
 * creatures and civilians in the seat's sight. The engine judges a seat's commands against this, never against the creatures
 * it cannot see, so no verdict (refusal, path, cost) tells him where a hidden creature is.
 */
export function knownOccupancy(s: BattleState, seat: Seat, mask = viewerMask(s, seat)): Uint8Array {
  const map = s.map;
  const occ = new Uint8Array(map.width * map.height * map.levels);
  for (const u of s.units) {
    if (u.fate !== "active") continue;
    const i = tileIndex(map, u.x, u.y, u.level);
    if (u.side === "squad") occ[i] = 1;
    else if (mask[i] === 1) occ[i] = u.side === "creature" ? 2 : 1;
  }
  return occ;
}

/** The unit a seat knows on tile `p`: a soldier, or a creature or civilian in the seat's sight. */
export function knownUnitAt(s: BattleState, seat: Seat, p: Pos): Unit | undefined {
  let mask: Uint8Array | null = null;
  for (const u of s.units) {
    if (u.fate !== "active" || u.x !== p.x || u.y !== p.y || u.level !== p.level) continue;
    if (u.side === "squad") return u;
    mask ??= viewerMask(s, seat);
    if (mask[tileIndex(s.map, p.x, p.y, p.level)] === 1) return u;
  }
  return undefined;
}

/**
 * The intents a viewer sees, renumbered 1..k in order (the numbers don't count the hidden). A
 * creature in sight shows its intent. One announced at the phase start and out of sight now keeps
 * it, as last known, until it resolves: the warning was given (dead out of sight counts as out of
 * sight, or the vanishing would tell a kill). A drag intent goes when the grab has ended. With
 * split vision only the creatures in the seat's own sight show theirs (what was announced was
 * seen by the squad, maybe not by this seat).
 */
export function viewIntents(s: BattleState, shown: Set<string>, viewer: Viewer): ViewIntent[] {
  const byId = new Map(s.units.map((u) => [u.id, u]));
  const out: ViewIntent[] = [];
  for (const told of [...s.intents].sort((a, b) => a.order - b.order)) {
    // how it died is the engine's to know: the view carries the intent, not the flag
    const { diedUnseen, ...i } = told;
    const c = byId.get(i.unit);
    if (!c) continue;
    if (i.kind === "drag" && !c.grabbing) continue;
    // a lunge named at a soldier who has left the board goes at whoever is in reach then (enemyPhase's lunge)
    const named = i.victim ? byId.get(i.victim) : undefined;
    if (named && named.fate !== "active") i.victim = null;
    if (shown.has(i.unit)) {
      out.push({ ...i, lastKnown: false, lastSeen: null });
      continue;
    }
    // (once the battle has ended the creatures have moved since: their places are not last known)
    const announced = s.phase === "player" && !c.unseenAtPhaseStart && (!s.options.splitVision || viewer === "spectator");
    const goneUnseen = c.fate === "active" || (c.fate === "dead" && diedUnseen === true);
    if (announced && goneUnseen) out.push({ ...i, lastKnown: true, lastSeen: { x: c.x, y: c.y, level: c.level } });
  }
  return out.map((i, k) => ({ ...i, order: k + 1 }));
}

/** Does a viewer with sight `mask` know unit `u`, and how: `u` itself (`"as-is"`), a settled
 *  civilian told by name and fate (`"fate"`, see `toldFate`), or not at all (`null`). */
export function unitShown(map: MapDef, u: Unit, mask: Uint8Array): "as-is" | "fate" | null {
  if (fateKnown(u)) return "fate";
  return alwaysKnown(u) || (u.fate === "active" && mask[tileIndex(map, u.x, u.y, u.level)] === 1) ? "as-is" : null;
}

/** A unit as a viewer that knows it is shown it (`how` from `unitShown`). */
export function unitAsShown(map: MapDef, u: Unit, how: "as-is" | "fate"): Unit {
  return how === "fate" ? toldFate(map, u) : u;
}

/** The units a viewer with sight `mask` knows, in the state's order, as he is shown them (not copies:
 *  a unit shown as it is, is the state's own object). */
export function shownUnits(full: BattleState, mask: Uint8Array): Unit[] {
  const out: Unit[] = [];
  for (const u of full.units) {
    const how = unitShown(full.map, u, mask);
    if (how) out.push(unitAsShown(full.map, u, how));
  }
  return out;
}

/** `mask`: `viewerMask(full, viewer)` when the caller holds it already (it is not computed again). */
export function viewFor(full: BattleState, viewer: Viewer, mask: Uint8Array = viewerMask(full, viewer)): BattleView {
  // where the terrain changed unseen is not the viewer's to know (the view's terrain is the known one)
  const { knownTerrain: _hidden, ...s } = full;
  const visible = mask;
  const units = shownUnits(full, mask);
  const shown = new Set(units.map((u) => u.id));
  const masked = (layer: Uint8Array) => {
    const out = new Uint8Array(layer.length);
    for (let i = 0; i < layer.length; i++) if (visible[i] === 1) out[i] = layer[i];
    return out;
  };
  return {
    ...s,
    viewer,
    visible,
    seed: 0,
    rng: 0,
    units: units.map((u) => ({ ...u })),
    intents: viewIntents(s, shown, viewer),
    layers: {
      acid: masked(s.layers.acid),
      acidAge: masked(s.layers.acidAge),
      melt: masked(s.layers.melt),
      corpse: masked(s.layers.corpse),
      terrain: knownTerrainOf(full).slice(),
      fire: masked(s.layers.fire),
    },
    nextUnitId: 0,
  };
}

/** Positions an event reveals, and the unit it names (if any). */
function eventPlaces(e: BattleEvent): { unit?: string; at: Pos[] } {
  switch (e.type) {
    case "moved": return { unit: e.unit, at: e.path };
    case "dragged": return { unit: e.unit, at: e.path };
    case "pounced": return { unit: e.unit, at: [e.to] };
    case "spat": return { unit: e.unit, at: [e.at] };
    case "spawned": return { unit: e.unit, at: [e.at] };
    case "died": return { unit: e.unit, at: [e.at] };
    case "ambush": return { at: [e.at] };
    case "acid": case "melted": case "fire": return { at: [e.at] };
    default: return { at: [] };
  }
}

/** The events about a civilian that are heard when not seen, and the fate each tells. */
const HEARD: Partial<Record<BattleEvent["type"], "dead" | "taken" | "extracted">> = { died: "dead", taken: "taken", extracted: "extracted" };

/**
 * The events a viewer may see, judged against what he saw before and after the command: events
 * about hidden creatures go, and a creature's walk is trimmed to the tiles in sight.
 */
export function eventsFor(
  before: BattleState,
  after: BattleState,
  events: BattleEvent[],
  viewer: Viewer,
  /** `viewerMask` of `before` and of `after` for this viewer, when the caller holds them already. */
  masks: { before?: Uint8Array; after?: Uint8Array } = {},
): BattleEvent[] {
  const a = masks.before ?? viewerMask(before, viewer), b = masks.after ?? viewerMask(after, viewer);
  const seen = (p: Pos) => {
    const i = tileIndex(after.map, p.x, p.y, p.level);
    return a[i] === 1 || b[i] === 1;
  };
  // the units hidden under the fog: creatures and civilians ("creatures" below, for short), and
  // what viewFor would show before or after: every soldier, and the creatures on seen tiles
  // (one walk over both lists, no lists made on the way: the server judges every command's events)
  const creatures = new Set<string>();
  const civilians = new Set<string>();
  const known = new Set<string>();
  for (let k = 0; k < 2; k++) {
    const st = k === 0 ? before : after, mask = k === 0 ? a : b;
    for (const u of st.units) {
      if (u.side !== "squad") creatures.add(u.id);
      if (u.side === "civilian") civilians.add(u.id);
      if (alwaysKnown(u) || (u.fate === "active" && mask[tileIndex(st.map, u.x, u.y, u.level)] === 1)) known.add(u.id);
    }
  }
  // a creature seen at some moment of the command (walking through sight, dying in it) is known for all
  // its events: the overwatch shot that felled it as it came into view is shown with its death
  for (const e of events) {
    const { at } = eventPlaces(e);
    const named = "unit" in e ? (e as { unit: string }).unit : undefined;
    if (named && creatures.has(named) && at.some(seen)) known.add(named);
    // those a sweep seen in sight struck are seen struck (their hurt is told with it)
    if (e.type === "pounced" && at.some(seen)) for (const id of e.hit) known.add(id);
  }
  const out: BattleEvent[] = [];
  // the ambushed soldier's own seat always hears of it (even a creature up the stairs, out of sight)
  const sharesSight = (soldier: string) =>
    !after.options.splitVision || viewer === "spectator" || after.units.some((u) => u.id === soldier && u.seat === viewer);
  for (const e of events) {
    const { at } = eventPlaces(e);
    if (e.type === "ambush") {
      if (at.some(seen) || sharesSight(e.unit)) out.push(e);
      continue;
    }
    const named = "unit" in e ? (e as { unit: string }).unit : undefined;
    if (e.type === "moved" && named && creatures.has(named)) {
      const path = e.path.filter(seen);
      if (path.length) out.push({ ...e, path });
      continue;
    }
    const unseen = (at.length && !at.some(seen)) || (named && creatures.has(named) && !known.has(named) && !at.some(seen));
    if (unseen) {
      // a civilian's end out of sight is still heard: who, and what, never where or by what
      const heard = named && civilians.has(named) ? HEARD[e.type] : undefined;
      if (heard && named) out.push({ type: "heard", civilian: named, fate: heard });
      continue;
    }
    if ((e.type === "shot" || e.type === "butt") && !known.has(e.target)) continue;
    // an event about a soldier (taken, freed, held) keeps him but not a hidden creature's name
    const r = e as unknown as Record<string, unknown>;
    const hiddenBy = typeof r.by === "string" && creatures.has(r.by) && !known.has(r.by);
    out.push(hiddenBy ? ({ ...e, by: "" } as BattleEvent) : e);
  }
  return out;
}
