/**
 * What one viewer may see of a battle: the server sends only this. Creatures out of sight, their
 * intents and hit points, the layers under the fog and the random generator's state are removed.
 * The result is still a BattleState, so the client can ask the engine for previews on it.
 */
import type { BattleEvent, BattleState, Pos, Seat } from "./types.js";
import { visibleTiles } from "./sight.js";
import { tileIndex } from "./grid.js";

export type Viewer = Seat | "spectator";

export interface BattleView extends BattleState {
  viewer: Viewer;
  /** 1 on tiles the viewer sees now. */
  visible: Uint8Array;
}

function viewerMask(s: BattleState, viewer: Viewer): Uint8Array {
  return visibleTiles(s, s.options.splitVision && viewer !== "spectator" ? viewer : undefined);
}

export function viewFor(s: BattleState, viewer: Viewer): BattleView {
  const visible = viewerMask(s, viewer);
  const seen = (p: Pos) => visible[tileIndex(s.map, p.x, p.y, p.level)] === 1;
  const units = s.units.filter((u) => u.side === "squad" || (u.fate === "active" && seen(u)));
  const shown = new Set(units.map((u) => u.id));
  const mask = (layer: Uint8Array) => {
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
    // renumbered 1..k in the same order, so the numbers don't count the creatures out of sight
    intents: s.intents
      .filter((i) => shown.has(i.unit))
      .sort((a, b) => a.order - b.order)
      .map((i, k) => ({ ...i, order: k + 1 })),
    layers: {
      acid: mask(s.layers.acid),
      acidAge: mask(s.layers.acidAge),
      melt: mask(s.layers.melt),
      corpse: mask(s.layers.corpse),
      terrain: s.layers.terrain.slice(),
      fire: mask(s.layers.fire),
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
    case "acid": case "melted": case "fire": return { at: [e.at] };
    default: return { at: [] };
  }
}

/**
 * The events a viewer may see, judged against what he saw before and after the command: events
 * about hidden creatures go, and a creature's walk is trimmed to the tiles in sight.
 */
export function eventsFor(before: BattleState, after: BattleState, events: BattleEvent[], viewer: Viewer): BattleEvent[] {
  const a = viewerMask(before, viewer), b = viewerMask(after, viewer);
  const seen = (p: Pos) => {
    const i = tileIndex(after.map, p.x, p.y, p.level);
    return a[i] === 1 || b[i] === 1;
  };
  const creatures = new Set([...before.units, ...after.units].filter((u) => u.side === "creature").map((u) => u.id));
  // what viewFor would show before or after: every soldier, and the creatures on seen tiles
  const known = new Set<string>();
  for (const [st, mask] of [[before, a], [after, b]] as const)
    for (const u of st.units)
      if (u.side === "squad" || (u.fate === "active" && mask[tileIndex(st.map, u.x, u.y, u.level)] === 1)) known.add(u.id);
  // a creature seen at some moment of the command (walking through sight, dying in it) is known for all
  // its events: the overwatch shot that felled it as it came into view is shown with its death
  for (const e of events) {
    const { at } = eventPlaces(e);
    const named = "unit" in e ? (e as { unit: string }).unit : undefined;
    if (named && creatures.has(named) && at.some(seen)) known.add(named);
  }
  const out: BattleEvent[] = [];
  for (const e of events) {
    const { at } = eventPlaces(e);
    const named = "unit" in e ? (e as { unit: string }).unit : undefined;
    if (e.type === "moved" && named && creatures.has(named)) {
      const path = e.path.filter(seen);
      if (path.length) out.push({ ...e, path });
      continue;
    }
    if (at.length && !at.some(seen)) continue;
    if (named && creatures.has(named) && !known.has(named) && !at.some(seen)) continue;
    if ((e.type === "shot" || e.type === "butt") && !known.has(e.target)) continue;
    // an event about a soldier (taken, freed, held) keeps him but not a hidden creature's name
    const r = e as unknown as Record<string, unknown>;
    const hiddenBy = typeof r.by === "string" && creatures.has(r.by) && !known.has(r.by);
    out.push(hiddenBy ? ({ ...e, by: "" } as BattleEvent) : e);
  }
  return out;
}
