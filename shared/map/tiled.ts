/**
 * The Tiled document as the map loader reads it (only what it reads; unknown keys are ignored),
 * the custom properties' schemas, and where a zod issue on the raw JSON lies (layer, field).
 */
import { z } from "zod";
import type { CivilianKind, CreatureKind, SoldierKind, SpawnKind } from "./types.js";
import { fmtPath } from "./problem.js";

/** The largest board side the engine accepts (maps/README.md: width and height 1..64). */
export const MAX_MAP_SIDE = 64;
/** The most levels a map may have. */
export const MAX_LEVELS = 16;

export const CREATURE_KINDS: readonly CreatureKind[] = ["snatcher", "leaper", "spitter"];
export const SOLDIER_KINDS: readonly SoldierKind[] = ["takumi", "wang", "private"];
export const CIVILIAN_KINDS: readonly CivilianKind[] = ["civilian", "child"];
export const SPAWN_KINDS: readonly SpawnKind[] = ["manhole", "edge", "rooftop"];
export const LAYER_NAMES = ["terrain", "dust", "units", "spawns", "objectives"] as const;
/** Tiled keeps flip/rotation flags in the top bits of a gid. */
export const GID_MASK = 0x0fffffff;

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

export const TiledMap = z.object({
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

export type TiledProperty = z.infer<typeof Property>;
export type TiledTileLayer = z.infer<typeof TileLayer>;
export type TiledObjectLayer = z.infer<typeof ObjectLayer>;
export type TiledObject = z.infer<typeof MapObject>;

// The custom properties, once turned from Tiled's [{name, type, value}] into a record.

export const MapProps = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "expected a lower-case id such as \"last-stand\""),
  name: z.string().min(1),
  visionRange: z.int().min(1).max(16),
  maxRounds: z.int().min(1).max(999),
  objective: z.enum(["hold", "reach", "escape"]),
  waves: z.string(),
  saveAtLeast: z.int().min(0).max(99).optional(),
  briefing: z.string().min(1).max(1000).optional(),
});
export const LevelProps = z.object({ level: z.int().min(0).max(MAX_LEVELS - 1).optional() });
export const UnitProps = z.object({
  seat: z.enum(["takumi", "wang"]).optional(),
  level: z.int().min(0).max(MAX_LEVELS - 1).optional(),
  /** A grown civilian held where he stands until a soldier reaches the map's rescue point. */
  trapped: z.boolean().optional(),
});
export const SpawnProps = LevelProps;
export const PerimeterProps = z.object({
  radius: z.int().min(1).max(MAX_MAP_SIDE),
  breakPoint: z.int().min(1).max(MAX_MAP_SIDE),
  squeezeCorpses: z.int().min(1),
  squeezeEveryRounds: z.int().min(0),
  level: z.int().min(0).max(MAX_LEVELS - 1).optional(),
});
export const RescueProps = LevelProps;
export const FireProps = z.object({ rounds: z.int().min(1).max(999), level: z.int().min(0).max(MAX_LEVELS - 1).optional() });

// ---------------------------------------------------------------------------------------------

export function rec(v: unknown): Record<string, unknown> | undefined {
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
export function locate(json: unknown, path: readonly PropertyKey[]): { layer: string | null; field: string } {
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

export function propsRecord(props: TiledProperty[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of props ?? []) out[p.name] = p.value;
  return out;
}
