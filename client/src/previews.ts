/**
 * Previews as pure functions of the squad's view (a BattleState made from the wire state): what
 * the board shows before anything is sent. Each asks the engine; none decides a rule. Plain data
 * in and out, so tests/client/controller.test.ts runs them in Node.
 */
import * as engine from "./engine";
import type { Action, BattleState, Pos, Seat } from "./engine";
import { routePreview, threatsOn, type RoutePreview } from "../../shared/movement/routePreview.js";

export type Mode = "move" | "shoot" | "calledShot" | "butt" | "grenade" | ComradeAct;
/** Actions aimed at a comrade beside the soldier (the comrade is clicked when there are several). */
export type ComradeAct = "holdOn" | "revive" | "carry";
export const COMRADE_ACTS: readonly ComradeAct[] = ["holdOn", "revive", "carry"];
export const isComradeAct = (m: string): m is ComradeAct => (COMRADE_ACTS as readonly string[]).includes(m);

/** Drags a comrade's hold halts this round, by the engine's own test: grabber id → the holder's id. */
export function haltedDrags(view: BattleState): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of view.units) {
    if (!v.grabbedBy || v.fate !== "active") continue;
    const h = engine.holdsOn(view, v);
    if (h) out[v.grabbedBy] = h.id;
  }
  return out;
}

/** The comrades the engine's legal actions offer `unit` for `act`. */
export function comradesFor(legal: Action[], unit: string, act: ComradeAct): string[] {
  const out: string[] = [];
  for (const a of legal) if (a.type === act && a.unit === unit) out.push(a.comrade);
  return out;
}

export interface ReachTile extends Pos {
  ap: number;
}

/** An edge of the reachable area's outline: the side of tile x,y facing `side`. */
export interface ReachEdge {
  x: number;
  y: number;
  side: "n" | "s" | "e" | "w";
  /** 1: the edge of the 1-AP band; 2: of the whole area. */
  band: number;
}

export interface Reach {
  tiles: ReachTile[];
  edges: ReachEdge[];
}

/** Where the soldier can move, by AP band, with the outline of each band (on `level`). */
export function reach(view: BattleState, unit: string, level: number): Reach {
  let tiles: ReachTile[] = [];
  try {
    tiles = engine.reachableTiles(view, unit).map((r) => ({ ...r.pos, ap: r.ap }));
  } catch {
    return { tiles: [], edges: [] };
  }
  const u = view.units.find((v) => v.id === unit);
  const band = new Map<string, number>();
  for (const t of tiles) if (t.level === level) band.set(`${t.x},${t.y}`, t.ap);
  if (u && u.level === level) band.set(`${u.x},${u.y}`, 0);
  const edges: ReachEdge[] = [];
  const sides = [["n", 0, -1], ["s", 0, 1], ["w", -1, 0], ["e", 1, 0]] as const;
  for (const [key, ap] of band) {
    const [x, y] = key.split(",").map(Number);
    for (const [side, dx, dy] of sides) {
      const other = band.get(`${x + dx},${y + dy}`);
      // the 1-AP band's edge where it meets 2-AP ground or the outside; the area's edge where it ends
      if (other === undefined) edges.push({ x, y, side, band: ap <= 1 ? 1 : 2 });
      else if (ap <= 1 && other > 1) edges.push({ x, y, side, band: 1 });
    }
  }
  return { tiles, edges };
}

export interface TargetChance {
  unit: string;
  chance: number;
  /** What the board writes on the target: the hit chance, or a butt's damage (it always lands). */
  label: string;
}

/** The legal targets of a mode, with their hit chance from the engine. */
export function targetsFor(view: BattleState, legal: Action[], unit: string, mode: Mode): TargetChance[] {
  const type = mode === "move" ? "shoot" : mode;
  if (type === "grenade" || isComradeAct(type)) return [];
  const out: TargetChance[] = [];
  for (const a of legal) {
    if (a.type !== type || !("unit" in a) || a.unit !== unit || !("target" in a)) continue;
    if (type === "butt") {
      out.push({ unit: a.target, chance: 100, label: `BUTT −${engine.RULES.butt.damage}` });
      continue;
    }
    let chance = 0;
    try {
      chance = engine.hitChance(view, unit, a.target, type === "calledShot" ? "calledShot" : "shot").chance;
    } catch {
      chance = 0;
    }
    out.push({ unit: a.target, chance, label: `${chance}%` });
  }
  return out;
}

/** The blast area of a grenade thrown at `to`: the throw applied to the view (nothing is sent). */
export function blast(view: BattleState, seat: Seat, unit: string, to: Pos): Pos[] {
  try {
    const r = engine.apply(view, { seat, action: { type: "grenade", unit, to } });
    if (!r.ok) return [];
    const ev = r.events.find((e) => e.type === "grenade");
    return ev && ev.type === "grenade" ? ev.tiles : [];
  } catch {
    return [];
  }
}

/** The move to `to` through `waypoints` with its cost, or null when the engine has no such move. */
export function route(view: BattleState, seat: Seat, unit: string, to: Pos, waypoints: Pos[]): RoutePreview | null {
  try {
    return routePreview(view, seat, unit, to, waypoints);
  } catch {
    return null;
  }
}

export type Focus =
  | { kind: "creature"; id: string }
  | { kind: "soldier"; id: string }
  | { kind: "tile"; pos: Pos }
  | { kind: "intent"; id: string };

const same = (a: Pos, b: Pos) => a.x === b.x && a.y === b.y && a.level === b.level;

/** Whose intents the focus lights up (the others are dimmed); empty: nothing focused. */
export function focusedIntents(view: BattleState, focus: Focus | null): string[] {
  if (!focus) return [];
  if (focus.kind === "creature" || focus.kind === "intent") return view.intents.some((i) => i.unit === focus.id) ? [focus.id] : [];
  if (focus.kind === "tile") return threatsOn(view, focus.pos).map((t) => t.unit);
  const s = view.units.find((u) => u.id === focus.id);
  if (!s) return [];
  // every announced attack that lands on him, and a drag that would take him
  const on = new Set(threatsOn(view, s).map((t) => t.unit));
  for (const it of view.intents) if ((it.kind === "drag" && s.grabbedBy === it.unit) || it.victim === s.id) on.add(it.unit);
  return view.intents.filter((i) => on.has(i.unit)).map((i) => i.unit);
}

/** The focus a hovered tile gives: the creature or soldier on it, else the tile if attacks land there. */
export function focusAt(view: BattleState, tile: Pos): Focus | null {
  const u = view.units.find((v) => v.fate === "active" && same(v, tile));
  if (u) return u.side === "creature" ? { kind: "creature", id: u.id } : { kind: "soldier", id: u.id };
  return threatsOn(view, tile).length ? { kind: "tile", pos: tile } : null;
}
