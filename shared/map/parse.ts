/**
 * The Tiled map loader: a `.tmj` file (Tiled JSON, orthogonal) → a validated MapDef.
 * The format is documented in `maps/README.md`; keep the two in step.
 *
 * A chain of small steps, each returning a result that names the layer and field of its first
 * problem (as chessops' `parseFen` chains `parseBoardFen`): the document's shape, the map's
 * properties and waves, the tilesets, the grid, the units, the spawns, the objectives.
 *
 * Pure: no I/O, clock or random generator. The caller reads the file and passes the parsed JSON;
 * `file` is only used to name the file in error messages.
 */
import { hashString } from "../core/hash.js";
import type { MapDef, ObjectiveDef, Wave } from "./types.js";
import { checked, parsed, problem, type Parsed } from "./problem.js";
import { locate, MapProps, propsRecord, rec, TiledMap } from "./tiled.js";
import { parseWaves } from "./waves.js";
import { parseGrid, parseTilesets } from "./parseGrid.js";
import { parseObjectives, parseSpawns, parseUnits } from "./parseObjects.js";
import type { z } from "zod";

export { MAX_LEVELS, MAX_MAP_SIDE } from "./tiled.js";
export { parseWaves } from "./waves.js";

/**
 * A map file that breaks the format. `layer` is the Tiled layer's name, or null for the map itself
 * (its size, custom properties and tilesets). `field` names the offending field inside it, e.g.
 * `data`, `objects[2].seat`, `visionRange`, `tilesets[0].tiles[3].type`.
 */
export class MapFormatError extends Error {
  readonly code = "ERR_MAP_FORMAT";
  constructor(
    readonly file: string,
    readonly layer: string | null,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}: ${layer === null ? "map" : `layer "${layer}"`}: field "${field}": ${detail}`);
    this.name = "MapFormatError";
  }
}

type Doc = z.infer<typeof TiledMap>;

/** The document's shape: a Tiled map object with the fields the loader reads. */
function parseDocument(json: unknown): Parsed<Doc> {
  if (rec(json) === undefined) return problem(null, "(root)", "expected a Tiled map (a JSON object)");
  const top = TiledMap.safeParse(json);
  if (top.success) return parsed(top.data);
  const issue = top.error.issues[0];
  const { layer, field } = locate(json, issue.path);
  return problem(layer, field, issue.message);
}

/** The map's custom properties (each given once) and its wave table. */
function parseProperties(doc: Doc): Parsed<{ props: z.infer<typeof MapProps>; waves: Wave[] }> {
  const names = new Set<string>();
  for (const p of doc.properties) {
    if (names.has(p.name)) return problem(null, p.name, "property given twice");
    names.add(p.name);
  }
  const props = checked(MapProps, propsRecord(doc.properties), null, "");
  if (!props.ok) return props;
  const waves = parseWaves(props.value.waves, props.value.maxRounds);
  if (typeof waves === "string") return problem(null, "waves", waves);
  return parsed({ props: props.value, waves });
}

/** Parses and validates one Tiled map: the map, or the first problem with its layer and field. */
export function readMap(json: unknown): Parsed<Omit<MapDef, "contentHash">> {
  const doc = parseDocument(json);
  if (!doc.ok) return doc;
  const properties = parseProperties(doc.value);
  if (!properties.ok) return properties;
  const { props, waves } = properties.value;
  const gids = parseTilesets(doc.value);
  if (!gids.ok) return gids;
  const grid = parseGrid(doc.value, gids.value);
  if (!grid.ok) return grid;
  const units = parseUnits(grid.value);
  if (!units.ok) return units;
  const spawns = parseSpawns(grid.value);
  if (!spawns.ok) return spawns;
  const objectives = parseObjectives(grid.value);
  if (!objectives.ok) return objectives;
  const { soldiers, civilians } = units.value;
  const { perimeter, rescue, extract, fires } = objectives.value;
  if ((props.saveAtLeast ?? 0) > civilians.length) {
    return problem(null, "saveAtLeast", `saveAtLeast ${props.saveAtLeast} is more than the map's ${civilians.length} civilian(s)`);
  }
  if (props.objective === "reach" && !rescue) return problem("objectives", "objects", "objective \"reach\" needs a point of type \"rescue\" in the objectives layer");
  // the trapped are freed by reaching the rescue point: on any other map they would wait forever
  const trapped = civilians.findIndex((c) => c.trapped);
  if (trapped >= 0 && props.objective !== "reach") {
    return problem("units", "trapped", `civilian ${trapped + 1} is trapped, but only a "reach" map frees the trapped (this map's objective is "${props.objective}")`);
  }
  const objective: ObjectiveDef = rescue ? { kind: props.objective, rescue, extract } : { kind: props.objective, extract };
  const { width, height, levels, terrain, dust } = grid.value;
  return parsed({
    id: props.id,
    name: props.name,
    width,
    height,
    levels,
    terrain,
    dust,
    visionRange: props.visionRange,
    maxRounds: props.maxRounds,
    soldiers,
    spawns: spawns.value,
    waves,
    perimeter,
    objective,
    ...(props.briefing ? { briefing: props.briefing } : {}),
    ...(fires.length ? { fires } : {}),
    ...(civilians.length ? { civilians } : {}),
    ...(props.saveAtLeast ? { saveAtLeast: props.saveAtLeast } : {}),
  });
}

/** Parses and validates one Tiled map. Throws MapFormatError naming the file, layer and field. */
export function parseMap(file: string, json: unknown): MapDef {
  const r = readMap(json);
  if (!r.ok) throw new MapFormatError(file, r.problem.layer, r.problem.field, r.problem.detail);
  return { ...r.value, contentHash: hashString(JSON.stringify(json)) };
}
