/**
 * The map loader's grid steps: the tilesets (gid → terrain), then the layers (the terrain of each
 * level, the dust, and the object layers by name), each returning a result that names the layer
 * and field of its first problem.
 */
import { Terrain, TERRAIN_NAMES, type TerrainName } from "./types.js";
import { checked, parsed, problem, type Parsed } from "./problem.js";
import { GID_MASK, LAYER_NAMES, LevelProps, propsRecord, type TiledMap, type TiledObjectLayer, type TiledTileLayer } from "./tiled.js";
import type { z } from "zod";

type Doc = z.infer<typeof TiledMap>;

/** The board the object layers are placed on. */
export interface Grid {
  width: number;
  height: number;
  area: number;
  levels: number;
  tilewidth: number;
  tileheight: number;
  terrain: Uint8Array;
  dust: Uint8Array;
  objectLayers: Map<string, TiledObjectLayer>;
}

/** Each tileset tile's terrain, by gid; tilesets may not overlap, and every tile names a known terrain. */
export function parseTilesets(doc: Doc): Parsed<Map<number, TerrainName>> {
  const gidTerrain = new Map<number, TerrainName>();
  const tilesets = [...doc.tilesets.entries()].sort((a, b) => a[1].firstgid - b[1].firstgid);
  for (let k = 0; k < tilesets.length; k++) {
    const [ti, ts] = tilesets[k];
    const next = tilesets[k + 1]?.[1].firstgid ?? Infinity;
    if (ts.firstgid + ts.tilecount > next) {
      return problem(null, `tilesets[${ti}].firstgid`, `gids ${ts.firstgid}..${ts.firstgid + ts.tilecount - 1} overlap the next tileset`);
    }
    for (let i = 0; i < ts.tiles.length; i++) {
      const tile = ts.tiles[i];
      const field = `tilesets[${ti}].tiles[${i}]`;
      if (tile.id >= ts.tilecount) return problem(null, `${field}.id`, `tile id ${tile.id} is not below tilecount ${ts.tilecount}`);
      const t = tile.type || tile.class;
      if (!t) return problem(null, `${field}.type`, `tile ${tile.id} has no type: set its class/type to a terrain (${TERRAIN_NAMES.join(", ")})`);
      if (!(TERRAIN_NAMES as string[]).includes(t)) {
        return problem(null, `${field}.type`, `unknown terrain type "${t}" on tile ${tile.id} (known: ${TERRAIN_NAMES.join(", ")})`);
      }
      gidTerrain.set(ts.firstgid + tile.id, t as TerrainName);
    }
  }
  return parsed(gidTerrain);
}

interface SortedLayers {
  terrainLayers: Map<number, { name: string; data: number[] }>;
  dustLayers: { level: number | undefined; data: number[] }[];
  objectLayers: Map<string, TiledObjectLayer>;
}

/** Each layer by its role: known names only, tile layers where tiles are wanted, one of each per level. */
function sortLayers(doc: Doc): Parsed<SortedLayers> {
  const { width, height } = doc;
  const out: SortedLayers = { terrainLayers: new Map(), dustLayers: [], objectLayers: new Map() };
  for (const layer of doc.layers) {
    const name = layer.name;
    if (!(LAYER_NAMES as readonly string[]).includes(name)) return problem(name, "name", `unknown layer (expected ${LAYER_NAMES.join(", ")})`);
    const wantTiles = name === "terrain" || name === "dust";
    if (layer.type === "group" || layer.type === "imagelayer") {
      return problem(name, "type", `${layer.type} layers are not supported; expected a ${wantTiles ? "tile" : "object"} layer`);
    }
    if (wantTiles !== (layer.type === "tilelayer")) {
      return problem(name, "type", `expected a ${wantTiles ? "tile layer (tilelayer)" : "object layer (objectgroup)"}, got ${layer.type}`);
    }
    if (layer.type !== "tilelayer") {
      if (out.objectLayers.has(name)) return problem(name, "name", "two object layers with this name");
      out.objectLayers.set(name, layer as TiledObjectLayer);
      continue;
    }
    const tl = layer as TiledTileLayer;
    if (tl.width !== width || tl.height !== height) return problem(name, "width", `layer is ${tl.width}x${tl.height} but the map is ${width}x${height}`);
    if (tl.data.length !== width * height) return problem(name, "data", `expected ${width * height} tiles, got ${tl.data.length}`);
    const props = checked(LevelProps, propsRecord(tl.properties), name, "");
    if (!props.ok) return props;
    const { level } = props.value;
    if (name === "terrain") {
      const lv = level ?? 0;
      if (out.terrainLayers.has(lv)) return problem(name, "level", `two terrain layers for level ${lv}`);
      out.terrainLayers.set(lv, { name, data: tl.data });
    } else {
      if (out.dustLayers.some((d) => d.level === level)) {
        return problem(name, "level", level === undefined ? "two dust layers for the whole map" : `two dust layers for level ${level}`);
      }
      out.dustLayers.push({ level, data: tl.data });
    }
  }
  return parsed(out);
}

/** The grid: terrain layers for levels 0..n-1 each exactly once, their gids known; the dust over them. */
export function parseGrid(doc: Doc, gidTerrain: Map<number, TerrainName>): Parsed<Grid> {
  const sorted = sortLayers(doc);
  if (!sorted.ok) return sorted;
  const { terrainLayers, dustLayers, objectLayers } = sorted.value;
  const { width, height, tilewidth, tileheight } = doc;
  const area = width * height;
  if (terrainLayers.size === 0) return problem("terrain", "name", "the map has no tile layer named \"terrain\"");
  const levels = terrainLayers.size;
  for (let lv = 0; lv < levels; lv++) {
    if (!terrainLayers.has(lv)) return problem("terrain", "level", `terrain layers must cover levels 0..${levels - 1}; level ${lv} is missing`);
  }
  for (const d of dustLayers) {
    if (d.level !== undefined && d.level >= levels) return problem("dust", "level", `level ${d.level} but the map has ${levels} level(s)`);
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
        return problem(name, `data[${i}]`, `unknown gid ${gid} at x=${i % width}, y=${Math.floor(i / width)} (level ${lv}): no tileset tile with a terrain type`);
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
  return parsed({ width, height, area, levels, tilewidth, tileheight, terrain, dust, objectLayers });
}
