/**
 * Filters the engine's events down to what the squad may know, as the Schema state is: an event may
 * not name a creature that is hidden both before and after it, nor show a tile the squad could not see
 * through a creature's path, spawn or acid. Soldiers' own events are always kept (the squad knows its
 * own men); a hidden creature's id inside a soldier's event (grabbed by, taken by…) is blanked to "".
 * This decides no rule: the engine's events are only redacted for sight, like the state.
 */
import type { BattleEvent, Pos } from "../shared/index.js";
import type { WireState } from "../shared/wire.js";

type AnyEvent = BattleEvent & Record<string, unknown>;

/** Events about the acting creature itself, dropped whole when that creature is hidden. */
const SUBJECT_EVENTS = new Set([
  "moved", "spawned", "damaged", "died", "corroded", "reloaded", "overwatch", "weaponLost", "fell", "undone",
]);
/** Events about a tile, dropped when the tile is hidden. */
const TILE_EVENTS = new Set(["acid", "melted", "rescued"]);

export interface SightWindow {
  /** Creature ids the squad sees (before or after the events). */
  creatures: Set<string>;
  /** Soldier ids (always known). */
  soldiers: Set<string>;
  /** Tile indices visible before or after. */
  tiles: Set<number>;
  width: number;
  height: number;
}

export function sightWindow(prev: WireState | null, next: WireState, width: number, height: number): SightWindow {
  const creatures = new Set<string>();
  const soldiers = new Set<string>();
  const tiles = new Set<number>();
  for (const w of prev ? [prev, next] : [next]) {
    for (const id of Object.keys(w.units)) {
      if (w.units[id].side === "creature") creatures.add(id);
      else soldiers.add(id);
    }
    const v = w.visible;
    for (let i = 0; i < v.length; i++) if (v[i]) tiles.add(i);
  }
  return { creatures, soldiers, tiles, width, height };
}

function tileOf(win: SightWindow, p: Pos): number {
  return (p.level ?? 0) * win.width * win.height + p.y * win.width + p.x;
}

function seen(win: SightWindow, p: Pos | null | undefined): boolean {
  return !!p && win.tiles.has(tileOf(win, p));
}

/** True when `id` names a unit the squad may know of ("" and soldiers are fine). */
function known(win: SightWindow, id: unknown): boolean {
  if (typeof id !== "string" || id === "") return true;
  if (win.soldiers.has(id)) return true;
  return win.creatures.has(id);
}

function isCreatureId(win: SightWindow, id: unknown): boolean {
  return typeof id === "string" && id !== "" && !win.soldiers.has(id);
}

export function filterEvents(events: BattleEvent[], win: SightWindow): BattleEvent[] {
  const out: BattleEvent[] = [];
  for (const original of events) {
    const e = { ...(original as AnyEvent) };
    const subject = e.unit;
    const subjectIsCreature = isCreatureId(win, subject);

    if (SUBJECT_EVENTS.has(e.type) && subjectIsCreature && !known(win, subject)) continue;
    if (TILE_EVENTS.has(e.type) && !seen(win, e.at as Pos)) continue;

    // Blank hidden creatures named inside kept events.
    for (const key of ["unit", "target", "victim", "by"] as const) {
      if (key in e && !known(win, e[key])) (e as Record<string, unknown>)[key] = "";
    }
    if (Array.isArray(e.hit)) e.hit = (e.hit as string[]).filter((id) => known(win, id));
    if (e.type === "spat" && !known(win, e.hit)) e.hit = null;

    // A creature's positions: only the tiles the squad sees.
    if (subjectIsCreature) {
      if (Array.isArray(e.path)) e.path = (e.path as Pos[]).filter((p) => seen(win, p));
      if (e.type === "moved" && (e.path as Pos[]).length === 0) continue;
      if ((e.type === "spawned" || e.type === "died") && !seen(win, e.at as Pos)) continue;
      if (e.type === "pounced" && !seen(win, e.to as Pos)) continue;
    }
    if (e.type === "dragged" && Array.isArray(e.path)) e.path = (e.path as Pos[]).filter((p) => seen(win, p));
    if (e.type === "grenade" && Array.isArray(e.tiles)) e.tiles = (e.tiles as Pos[]).filter((p) => seen(win, p));
    // An event left with a blank subject that was all about that subject says nothing: drop it.
    if (e.unit === "" && e.type !== "taken" && e.type !== "grabbed" && e.type !== "dragged" && e.type !== "spat" && e.type !== "pounced") continue;
    out.push(e as BattleEvent);
  }
  return out;
}
