/**
 * Map loading for the server and the tools: `maps/<id>.tmj` (Tiled JSON) parsed by the engine's
 * `parseMap`. Ids are checked against a strict pattern and the files present in `maps/`, so a join
 * option can never name an arbitrary path.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { basename, join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
// Imported from the module itself (not shared/index) so map loading works for tools on its own.
import { MapFormatError, parseMap } from "../shared/map/parse.js";
import type { MapDef } from "../shared/map/types.js";
import { log } from "./logger.js";

const STORY_MAPS = join(dirname(fileURLToPath(import.meta.url)), "..", "maps");

/**
 * The folder holding the `.tmj` files; `LAST_STAND_MAPS` overrides it. Read at each call, not once
 * at import: tests that share a process point it at crafted maps for their own file only.
 */
export function mapsDir(): string {
  return process.env.LAST_STAND_MAPS ? resolve(process.env.LAST_STAND_MAPS) : STORY_MAPS;
}

export const DEFAULT_MAP_ID = "last-stand";
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export class UnknownMapError extends Error {
  readonly code = "ERR_UNKNOWN_MAP";
  constructor(readonly id: string) {
    super(`There is no map "${id}". Known maps: ${mapIds().join(", ") || "(none)"}.`);
  }
}

/** The ids of the maps in `maps/` (file names without `.tmj`), sorted. */
export function mapIds(): string[] {
  if (!existsSync(mapsDir())) return [];
  return readdirSync(mapsDir())
    .filter((f) => f.endsWith(".tmj"))
    .map((f) => f.slice(0, -4))
    .filter((id) => ID_PATTERN.test(id))
    .sort();
}

export function isKnownMap(id: unknown): id is string {
  return typeof id === "string" && ID_PATTERN.test(id) && mapIds().includes(id);
}

const cache = new Map<string, { mtimeKey: string; map: MapDef }>();

/**
 * Reads and parses `maps/<id>.tmj`. Throws UnknownMapError for ids not in maps/, MapFormatError for
 * bad files: not JSON, broken format, or an `id` property that differs from the file name (battles
 * are stored by map id and reopened from `<id>.tmj`). Messages name the file as `maps/<id>.tmj`,
 * never by its absolute path (they reach clients).
 */
export function loadMapById(id: string): MapDef {
  if (!isKnownMap(id)) throw new UnknownMapError(String(id));
  const file = join(mapsDir(), `${id}.tmj`);
  const shown = `${basename(mapsDir())}/${id}.tmj`;
  const text = readFileSync(file, "utf8");
  const hit = cache.get(id);
  if (hit && hit.mtimeKey === text) return hit.map;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MapFormatError(shown, null, "(root)", `not JSON: ${(err as Error).message}`);
  }
  const map = parseMap(shown, json);
  if (map.id !== id) throw new MapFormatError(shown, null, "id", `the map's id "${map.id}" differs from its file name (expected "${id}")`);
  cache.set(id, { mtimeKey: text, map });
  return map;
}

export interface MapSummary {
  id: string;
  name: string;
  width: number;
  height: number;
}

/**
 * Is the map offered to players in the map list? Test maps (ids ending in `-test`) and the drill
 * (the start page and tests open it by id) are served by `GET /api/maps/:id` and playable by id,
 * but never listed.
 */
export function isOffered(id: string): boolean {
  return !id.endsWith("-test") && id !== DRILL_MAP_ID;
}

/** The drill's map: the first battle that teaches (shared/drill). */
export const DRILL_MAP_ID = "drill";

/** Every map that parses, with its name and size. Maps that fail to parse are left out (and logged). */
export function listMaps(opts: { all?: boolean } = {}): MapSummary[] {
  const out: MapSummary[] = [];
  for (const id of mapIds()) {
    if (!opts.all && !isOffered(id)) continue;
    try {
      const m = loadMapById(id);
      out.push({ id, name: m.name, width: m.width, height: m.height });
    } catch (err) {
      log.warn({ kind: "maps", map: id }, `skipping map ${id}: ${(err as Error).message}`);
    }
  }
  return out;
}
