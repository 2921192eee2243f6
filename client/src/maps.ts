/**
 * Maps come from the game server (`GET /api/maps/:id`, the Tiled file: mapFetch.ts) and are parsed
 * by the engine's parseMap: any map the server offers plays, and the bundle carries none.
 */
import { parseMap, type MapDef } from "./engine";
import { fetchMapFile } from "./mapFetch";

const cache = new Map<string, Promise<MapDef>>();

export function loadMap(id: string): Promise<MapDef> {
  let p = cache.get(id);
  if (!p) {
    p = fetchMapFile(id).then((file) => parseMap(`maps/${id}.tmj`, file));
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
