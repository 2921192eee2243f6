/**
 * The Tiled map loader: a `.tmj` file (Tiled JSON, orthogonal) → a validated MapDef.
 * The format is documented in `maps/README.md`; keep the two in step.
 *
 * Pure: no I/O, clock or random generator. The caller reads the file and passes the parsed JSON;
 * `file` is only used to name the file in error messages.
 */
import { z } from "zod";
import { hashString } from "../core/hash.js";
import {
  Terrain,
  TERRAIN_NAMES,
  type CivilianKind,
  type CivilianStart,
  type CreatureKind,
  type MapDef,
  type ObjectiveDef,
  type PerimeterDef,
  type Seat,
  type SoldierKind,
  type SoldierStart,
  type SpawnKind,
  type SpawnPoint,
  type TerrainName,
  type Wave,
} from "./types.js";

/** The largest board side the engine accepts (maps/README.md: width and height 1..64). */
export const MAX_MAP_SIDE = 64;
/** The most levels a map may have. */
export const MAX_LEVELS = 16;

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

const CREATURE_KINDS: readonly CreatureKind[] = ["snatcher", "leaper", "spitter"];
const SOLDIER_KINDS: readonly SoldierKind[] = ["takumi", "wang", "private"];
const CIVILIAN_KINDS: readonly CivilianKind[] = ["civilian", "child"];
const SPAWN_KINDS: readonly SpawnKind[] = ["manhole", "edge", "rooftop"];
const LAYER_NAMES = ["terrain", "dust", "units", "spawns", "objectives"] as const;
/** Tiled keeps flip/rotation flags in the top bits of a gid. */
const GID_MASK = 0x0fffffff;

// ---------------------------------------------------------------------------------------------
// The Tiled structure (only what we read; unknown keys are ignored).

const Property = z.object({
  name: z.string(),
  type: z.string().optional(),
  value: z.unknown(),
});
const Properties = z.array(Property).optional();

const TileLayer = z.object({
  type: z.literal("tilelayer"),
  name: z.string(),
  width: z.int(),
  height: z.int(),
  encoding: z.literal("csv", { error: "tile layer format must be CSV (Map > Map Properties > Tile Layer Format)" }).optional(),
  data: z.array(z.int().nonnegative()),
  properties: Properties,
});

const MapObject = z.object({
  id: z.int().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  class: z.string().optional(),
  x: z.number(),
  y: z.number(),
  point: z.boolean().optional(),
  properties: Properties,
});

const ObjectLayer = z.object({
  type: z.literal("objectgroup"),
  name: z.string(),
  objects: z.array(MapObject),
  properties: Properties,
});

const OtherLayer = z.object({
  type: z.enum(["group", "imagelayer"]),
  name: z.string(),
});

const Layer = z.discriminatedUnion("type", [TileLayer, ObjectLayer, OtherLayer]);

const Tileset = z.object({
  firstgid: z.int().min(1),
  name: z.string().optional(),
  source: z.undefined({ error: "external tilesets (.tsx) are not supported: embed the tileset in the map" }).optional(),
  tilecount: z.int().nonnegative(),
  tiles: z.array(
    z.object({
      id: z.int().nonnegative(),
      type: z.string().optional(),
      class: z.string().optional(),
    }),
  ),
});

const TiledMap = z.object({
  orientation: z.literal("orthogonal"),
  infinite: z.literal(false).optional(),
  width: z.int().min(1).max(MAX_MAP_SIDE),
  height: z.int().min(1).max(MAX_MAP_SIDE),
  tilewidth: z.int().positive(),
  tileheight: z.int().positive(),
  layers: z.array(Layer).min(1),
  tilesets: z.array(Tileset).min(1),
  properties: z.array(Property),
});

type TiledProperty = z.infer<typeof Property>;
type TiledTileLayer = z.infer<typeof TileLayer>;
type TiledObjectLayer = z.infer<typeof ObjectLayer>;
type TiledObject = z.infer<typeof MapObject>;

// The custom properties, once turned from Tiled's [{name, type, value}] into a record.

const MapProps = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "expected a lower-case id such as \"last-stand\""),
  name: z.string().min(1),
  visionRange: z.int().min(1).max(16),
  maxRounds: z.int().min(1).max(999),
  objective: z.enum(["hold", "reach", "escape"]),
  waves: z.string(),
  saveAtLeast: z.int().min(0).max(99).optional(),
  briefing: z.string().min(1).max(1000).optional(),
});
const LevelProps = z.object({ level: z.int().min(0).max(MAX_LEVELS - 1).optional() });
const UnitProps = z.object({
  seat: z.enum(["takumi", "wang"]).optional(),
  level: z.int().min(0).max(MAX_LEVELS - 1).optional(),
});
const SpawnProps = LevelProps;
const PerimeterProps = z.object({
  radius: z.int().min(1).max(MAX_MAP_SIDE),
  breakPoint: z.int().min(1).max(MAX_MAP_SIDE),
  squeezeCorpses: z.int().min(1),
  squeezeEveryRounds: z.int().min(0),
  level: z.int().min(0).max(MAX_LEVELS - 1).optional(),
});
const RescueProps = LevelProps;
const FireProps = z.object({ rounds: z.int().min(1).max(999), level: z.int().min(0).max(MAX_LEVELS - 1).optional() });

// ---------------------------------------------------------------------------------------------

type Path = readonly PropertyKey[];

function fmtPath(path: Path): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A Tiled properties path [..., "properties", i, ...] reads better as the property's name. */
function propName(container: unknown, index: unknown): string | undefined {
  const props = rec(container)?.properties;
  if (!Array.isArray(props) || typeof index !== "number") return undefined;
  const n = rec(props[index])?.name;
  return typeof n === "string" ? n : undefined;
}

/** Turns a zod issue path on the raw map JSON into (layer, field). */
function locate(json: unknown, path: Path): { layer: string | null; field: string } {
  const root = rec(json);
  if (path[0] === "layers" && typeof path[1] === "number" && path.length > 2) {
    const raw = Array.isArray(root?.layers) ? root.layers[path[1]] : undefined;
    const name = rec(raw)?.name;
    const layer = typeof name === "string" ? name : `#${path[1]}`;
    const rest = path.slice(2);
    if (rest[0] === "properties") {
      const n = propName(raw, rest[1]);
      if (n !== undefined) return { layer, field: n };
    }
    if (rest[0] === "objects" && typeof rest[1] === "number" && rest[2] === "properties") {
      const obj = rec(raw)?.objects;
      const n = Array.isArray(obj) ? propName(obj[rest[1]], rest[3]) : undefined;
      if (n !== undefined) return { layer, field: `objects[${rest[1]}].${n}` };
    }
    return { layer, field: fmtPath(rest) };
  }
  if (path[0] === "properties") {
    const n = propName(root, path[1]);
    if (n !== undefined) return { layer: null, field: n };
  }
  return { layer: null, field: path.length ? fmtPath(path) : "(root)" };
}

function propsRecord(props: TiledProperty[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of props ?? []) out[p.name] = p.value;
  return out;
}

/**
 * Parses the wave table: `"1: snatcher*2; 2: spitter; 4: snatcher*2, leaper"`.
 * Returns an error string, or the waves sorted by round.
 */
export function parseWaves(text: string, maxRounds: number): Wave[] | string {
  const waves: Wave[] = [];
  const seen = new Set<number>();
  for (const rawEntry of text.split(";")) {
    const entry = rawEntry.trim();
    if (entry === "") continue;
    const m = /^(\d+)\s*:\s*(.*)$/.exec(entry);
    if (!m) return `expected "<round>: <creature>[*<count>], ..." but got "${entry}"`;
    const round = Number(m[1]);
    if (round < 1 || round > maxRounds) return `round ${round} in "${entry}" is outside 1..${maxRounds} (maxRounds)`;
    if (seen.has(round)) return `round ${round} is listed twice`;
    seen.add(round);
    const creatures: { kind: CreatureKind; count: number }[] = [];
    for (const rawPart of m[2].split(",")) {
      const part = rawPart.trim();
      const c = /^([a-z]+)\s*(?:\*\s*(\d+))?$/.exec(part);
      if (!c) return `expected "<creature>" or "<creature>*<count>" but got "${part}" in "${entry}"`;
      const kind = c[1] as CreatureKind;
      if (!CREATURE_KINDS.includes(kind)) {
        return `unknown creature "${c[1]}" in "${entry}" (known: ${CREATURE_KINDS.join(", ")})`;
      }
      const count = c[2] === undefined ? 1 : Number(c[2]);
      if (count < 1 || count > 99) return `count ${count} for ${kind} in "${entry}" is outside 1..99`;
      const same = creatures.find((x) => x.kind === kind);
      if (same) same.count += count;
      else creatures.push({ kind, count });
    }
    waves.push({ round, creatures });
  }
  waves.sort((a, b) => a.round - b.round);
  return waves;
}

/** Parses and validates one Tiled map. Throws MapFormatError naming the file, layer and field. */
export function parseMap(file: string, json: unknown): MapDef {
  function fail(layer: string | null, field: string, detail: string): never {
    throw new MapFormatError(file, layer, field, detail);
  }
  const check = <T>(schema: z.ZodType<T>, value: unknown, layer: string | null, prefix: string): T => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    const issue = r.error.issues[0];
    const field = fmtPath(issue.path);
    return fail(layer, prefix && field ? `${prefix}.${field}` : prefix || field || "(value)", issue.message);
  };

  // 1. The shape of the Tiled document.
  if (rec(json) === undefined) fail(null, "(root)", "expected a Tiled map (a JSON object)");
  const top = TiledMap.safeParse(json);
  if (!top.success) {
    const issue = top.error.issues[0];
    const { layer, field } = locate(json, issue.path);
    fail(layer, field, issue.message);
  }
  const doc = top.data;
  const { width, height, tilewidth, tileheight } = doc;
  const area = width * height;

  // 2. Map properties.
  const names = new Set<string>();
  for (const p of doc.properties) {
    if (names.has(p.name)) fail(null, p.name, "property given twice");
    names.add(p.name);
  }
  const props = check(MapProps, propsRecord(doc.properties), null, "");
  const waves = parseWaves(props.waves, props.maxRounds);
  if (typeof waves === "string") fail(null, "waves", waves);

  // 3. Tilesets: gid → terrain.
  const gidTerrain = new Map<number, TerrainName>();
  const tilesets = [...doc.tilesets.entries()].sort((a, b) => a[1].firstgid - b[1].firstgid);
  for (let k = 0; k < tilesets.length; k++) {
    const [ti, ts] = tilesets[k];
    const next = tilesets[k + 1]?.[1].firstgid ?? Infinity;
    if (ts.firstgid + ts.tilecount > next) {
      fail(null, `tilesets[${ti}].firstgid`, `gids ${ts.firstgid}..${ts.firstgid + ts.tilecount - 1} overlap the next tileset`);
    }
    ts.tiles.forEach((tile, i) => {
      const field = `tilesets[${ti}].tiles[${i}]`;
      if (tile.id >= ts.tilecount) fail(null, `${field}.id`, `tile id ${tile.id} is not below tilecount ${ts.tilecount}`);
      const t = tile.type || tile.class;
      if (!t) fail(null, `${field}.type`, `tile ${tile.id} has no type: set its class/type to a terrain (${TERRAIN_NAMES.join(", ")})`);
      if (!(TERRAIN_NAMES as string[]).includes(t)) {
        fail(null, `${field}.type`, `unknown terrain type "${t}" on tile ${tile.id} (known: ${TERRAIN_NAMES.join(", ")})`);
      }
      gidTerrain.set(ts.firstgid + tile.id, t as TerrainName);
    });
  }

  // 4. Layers.
  const terrainLayers = new Map<number, { name: string; data: number[] }>();
  const dustLayers: { level: number | undefined; data: number[] }[] = [];
  const objectLayers = new Map<string, TiledObjectLayer>();
  doc.layers.forEach((layer) => {
    const name = layer.name;
    if (!(LAYER_NAMES as readonly string[]).includes(name)) {
      fail(name, "name", `unknown layer (expected ${LAYER_NAMES.join(", ")})`);
    }
    const wantTiles = name === "terrain" || name === "dust";
    if (layer.type === "group" || layer.type === "imagelayer") {
      fail(name, "type", `${layer.type} layers are not supported; expected a ${wantTiles ? "tile" : "object"} layer`);
    }
    if (wantTiles !== (layer.type === "tilelayer")) {
      fail(name, "type", `expected a ${wantTiles ? "tile layer (tilelayer)" : "object layer (objectgroup)"}, got ${layer.type}`);
    }
    if (layer.type === "tilelayer") {
      const tl = layer as TiledTileLayer;
      if (tl.width !== width || tl.height !== height) {
        fail(name, "width", `layer is ${tl.width}x${tl.height} but the map is ${width}x${height}`);
      }
      if (tl.data.length !== area) fail(name, "data", `expected ${area} tiles, got ${tl.data.length}`);
      const { level } = check(LevelProps, propsRecord(tl.properties), name, "");
      if (name === "terrain") {
        const lv = level ?? 0;
        if (terrainLayers.has(lv)) fail(name, "level", `two terrain layers for level ${lv}`);
        terrainLayers.set(lv, { name, data: tl.data });
      } else {
        if (dustLayers.some((d) => d.level === level)) {
          fail(name, "level", level === undefined ? "two dust layers for the whole map" : `two dust layers for level ${level}`);
        }
        dustLayers.push({ level, data: tl.data });
      }
    } else {
      if (objectLayers.has(name)) fail(name, "name", "two object layers with this name");
      objectLayers.set(name, layer as TiledObjectLayer);
    }
  });

  // Levels: terrain layers for 0..n-1, each exactly once.
  if (terrainLayers.size === 0) fail("terrain", "name", "the map has no tile layer named \"terrain\"");
  const levels = terrainLayers.size;
  for (let lv = 0; lv < levels; lv++) {
    if (!terrainLayers.has(lv)) {
      fail("terrain", "level", `terrain layers must cover levels 0..${levels - 1}; level ${lv} is missing`);
    }
  }
  for (const d of dustLayers) {
    if (d.level !== undefined && d.level >= levels) fail("dust", "level", `level ${d.level} but the map has ${levels} level(s)`);
  }

  const terrain = new Uint8Array(levels * area);
  for (let lv = 0; lv < levels; lv++) {
    const { name, data } = terrainLayers.get(lv)!;
    for (let i = 0; i < area; i++) {
      const gid = data[i] & GID_MASK;
      if (gid === 0) {
        terrain[lv * area + i] = Terrain.street;
        continue;
      }
      const t = gidTerrain.get(gid);
      if (t === undefined) {
        fail(name, `data[${i}]`, `unknown gid ${gid} at x=${i % width}, y=${Math.floor(i / width)} (level ${lv}): no tileset tile with a terrain type`);
      }
      terrain[lv * area + i] = Terrain[t];
    }
  }
  const dust = new Uint8Array(levels * area);
  for (const d of dustLayers) {
    for (let lv = 0; lv < levels; lv++) {
      if (d.level !== undefined && d.level !== lv) continue;
      for (let i = 0; i < area; i++) if ((d.data[i] & GID_MASK) !== 0) dust[lv * area + i] = 1;
    }
  }

  const terrainAt = (x: number, y: number, level: number): TerrainName =>
    TERRAIN_NAMES[terrain[level * area + y * width + x]];
  const onBorder = (x: number, y: number) => x === 0 || y === 0 || x === width - 1 || y === height - 1;

  /** An object's kind, tile and level; refuses non-points and positions off the grid. */
  const place = (layer: string, obj: TiledObject, i: number, level: number | undefined) => {
    const label = `object ${obj.id ?? i}${obj.name ? ` "${obj.name}"` : ""}`;
    if (obj.point !== true) fail(layer, `objects[${i}].point`, `${label} must be a point object (Insert Point)`);
    const x = Math.floor(obj.x / tilewidth);
    const y = Math.floor(obj.y / tileheight);
    if (x < 0 || x >= width) fail(layer, `objects[${i}].x`, `${label} is off the grid (tile x=${x}, map is ${width} wide)`);
    if (y < 0 || y >= height) fail(layer, `objects[${i}].y`, `${label} is off the grid (tile y=${y}, map is ${height} high)`);
    const lv = level ?? 0;
    if (lv >= levels) fail(layer, `objects[${i}].level`, `${label} is on level ${lv} but the map has ${levels} level(s)`);
    return { kind: obj.type || obj.class || "", x, y, level: lv, label };
  };
  const kindOf = <K extends string>(layer: string, i: number, kind: string, label: string, allowed: readonly K[]): K => {
    if (!(allowed as readonly string[]).includes(kind)) {
      fail(layer, `objects[${i}].type`, `${label} has type "${kind}"; expected one of ${allowed.join(", ")}`);
    }
    return kind as K;
  };

  // 5. Units.
  const unitsLayer = objectLayers.get("units");
  if (!unitsLayer) fail("units", "name", "the map has no object layer named \"units\"");
  const soldiers: SoldierStart[] = [];
  const civilians: CivilianStart[] = [];
  const taken = new Set<number>();
  unitsLayer.objects.forEach((obj, i) => {
    const up = check(UnitProps, propsRecord(obj.properties), "units", `objects[${i}]`);
    const p = place("units", obj, i, up.level);
    if ((CIVILIAN_KINDS as readonly string[]).includes(p.kind)) {
      // a civilian: no seat; the same ground and one-a-tile rules as a soldier
      if (up.seat !== undefined) fail("units", `objects[${i}].seat`, `${p.label}: a ${p.kind} has no seat`);
      const t = terrainAt(p.x, p.y, p.level);
      if (t === "wall" || t === "vehicle" || t === "hole") fail("units", `objects[${i}].x`, `${p.label} stands on ${t} at (${p.x}, ${p.y}, level ${p.level})`);
      const key = p.level * area + p.y * width + p.x;
      if (taken.has(key)) fail("units", `objects[${i}].x`, `${p.label} shares tile (${p.x}, ${p.y}, level ${p.level}) with another unit`);
      taken.add(key);
      civilians.push({ kind: p.kind as CivilianKind, x: p.x, y: p.y, level: p.level });
      return;
    }
    const kind = kindOf("units", i, p.kind, p.label, [...SOLDIER_KINDS, ...CIVILIAN_KINDS]) as SoldierKind;
    let seat: Seat;
    if (kind === "private") {
      if (up.seat === undefined) fail("units", `objects[${i}].seat`, `${p.label}: a private needs a seat (takumi or wang)`);
      seat = up.seat;
    } else {
      if (up.seat !== undefined && up.seat !== kind) fail("units", `objects[${i}].seat`, `${p.label}: Sergeant ${kind} belongs to seat "${kind}"`);
      seat = kind;
    }
    const t = terrainAt(p.x, p.y, p.level);
    if (t === "wall" || t === "vehicle" || t === "hole") {
      fail("units", `objects[${i}].x`, `${p.label} stands on ${t} at (${p.x}, ${p.y}, level ${p.level})`);
    }
    const key = p.level * area + p.y * width + p.x;
    if (taken.has(key)) fail("units", `objects[${i}].x`, `${p.label} shares tile (${p.x}, ${p.y}, level ${p.level}) with another unit`);
    taken.add(key);
    soldiers.push({ kind, seat, x: p.x, y: p.y, level: p.level });
  });
  for (const sergeant of ["takumi", "wang"] as const) {
    const n = soldiers.filter((s) => s.kind === sergeant).length;
    if (n !== 1) fail("units", "objects", n === 0 ? `no ${sergeant}: each map needs Sergeant ${sergeant}` : `${n} units of type ${sergeant}; expected exactly 1`);
  }

  // 6. Spawns.
  const spawnsLayer = objectLayers.get("spawns");
  if (!spawnsLayer) fail("spawns", "name", "the map has no object layer named \"spawns\"");
  const spawns: SpawnPoint[] = [];
  spawnsLayer.objects.forEach((obj, i) => {
    const sp = check(SpawnProps, propsRecord(obj.properties), "spawns", `objects[${i}]`);
    const p = place("spawns", obj, i, sp.level);
    const kind = kindOf("spawns", i, p.kind, p.label, SPAWN_KINDS);
    const t = terrainAt(p.x, p.y, p.level);
    const where = `(${p.x}, ${p.y}, level ${p.level})`;
    if (kind === "manhole" && t !== "manhole") fail("spawns", `objects[${i}].x`, `${p.label}: a manhole spawn must sit on a manhole tile, not ${t} at ${where}`);
    if (kind === "rooftop" && t !== "wall") fail("spawns", `objects[${i}].x`, `${p.label}: a rooftop spawn must sit on a wall tile, not ${t} at ${where}`);
    if (kind === "edge") {
      if (!onBorder(p.x, p.y)) fail("spawns", `objects[${i}].x`, `${p.label}: an edge spawn must be on the map's border, not at ${where}`);
      if (t === "wall" || t === "vehicle" || t === "hole") fail("spawns", `objects[${i}].x`, `${p.label}: an edge spawn can't be on ${t} at ${where}`);
    }
    spawns.push({ kind, x: p.x, y: p.y, level: p.level });
  });
  if (spawns.length === 0) fail("spawns", "objects", "the map has no spawn points");

  // 7. Objectives.
  let perimeter: PerimeterDef | null = null;
  let rescue: ObjectiveDef["rescue"];
  const extract: ObjectiveDef["extract"] = [];
  const fires: NonNullable<MapDef["fires"]> = [];
  const objLayer = objectLayers.get("objectives");
  objLayer?.objects.forEach((obj, i) => {
    const raw = propsRecord(obj.properties);
    const kind = obj.type || obj.class || "";
    if (kind === "perimeter") {
      if (perimeter) fail("objectives", `objects[${i}].type`, "a second perimeter; a map has at most one");
      const pp = check(PerimeterProps, raw, "objectives", `objects[${i}]`);
      const p = place("objectives", obj, i, pp.level);
      if (pp.breakPoint > pp.radius) fail("objectives", `objects[${i}].breakPoint`, `breakPoint ${pp.breakPoint} is larger than radius ${pp.radius}`);
      perimeter = {
        cx: p.x,
        cy: p.y,
        level: p.level,
        radius: pp.radius,
        breakPoint: pp.breakPoint,
        squeezeCorpses: pp.squeezeCorpses,
        squeezeEveryRounds: pp.squeezeEveryRounds,
      };
    } else if (kind === "rescue") {
      if (rescue) fail("objectives", `objects[${i}].type`, "a second rescue point; a map has at most one");
      const rp = check(RescueProps, raw, "objectives", `objects[${i}]`);
      const p = place("objectives", obj, i, rp.level);
      const t = terrainAt(p.x, p.y, p.level);
      if (t === "wall" || t === "vehicle" || t === "hole") fail("objectives", `objects[${i}].x`, `${p.label}: the rescue point is on ${t}`);
      rescue = { x: p.x, y: p.y, level: p.level };
    } else if (kind === "extract") {
      const ep = check(RescueProps, raw, "objectives", `objects[${i}]`);
      const p = place("objectives", obj, i, ep.level);
      const t = terrainAt(p.x, p.y, p.level);
      if (t === "wall" || t === "vehicle" || t === "hole") fail("objectives", `objects[${i}].x`, `${p.label}: the extraction point is on ${t}`);
      extract.push({ x: p.x, y: p.y, level: p.level });
    } else if (kind === "fire") {
      const fp = check(FireProps, raw, "objectives", `objects[${i}]`);
      const p = place("objectives", obj, i, fp.level);
      const t = terrainAt(p.x, p.y, p.level);
      if (t === "wall" || t === "hole") fail("objectives", `objects[${i}].x`, `${p.label}: a fire on ${t} cannot burn`);
      fires.push({ x: p.x, y: p.y, level: p.level, rounds: fp.rounds });
    } else {
      fail("objectives", `objects[${i}].type`, `object ${obj.id ?? i} has type "${kind}"; expected perimeter, rescue, extract or fire`);
    }
  });
  if ((props.saveAtLeast ?? 0) > civilians.length) {
    fail(null, "saveAtLeast", `saveAtLeast ${props.saveAtLeast} is more than the map's ${civilians.length} civilian(s)`);
  }
  if (props.objective === "reach" && !rescue) {
    fail("objectives", "objects", "objective \"reach\" needs a point of type \"rescue\" in the objectives layer");
  }
  const objective: ObjectiveDef = rescue ? { kind: props.objective, rescue, extract } : { kind: props.objective, extract };

  return {
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
    spawns,
    waves: waves as Wave[],
    perimeter,
    objective,
    ...(props.briefing ? { briefing: props.briefing } : {}),
    ...(fires.length ? { fires } : {}),
    ...(civilians.length ? { civilians } : {}),
    ...(props.saveAtLeast ? { saveAtLeast: props.saveAtLeast } : {}),
    contentHash: hashString(JSON.stringify(json)),
  };
}
