/**
 * Maps come from the game server (`GET /api/maps/:id`, the Tiled file) and are parsed by the
 * engine's parseMap: any map the server offers plays, and the bundle carries none.
 */
import { parseMap, type MapDef } from "./engine";

const cache = new Map<string, Promise<MapDef>>();

export function loadMap(id: string): Promise<MapDef> {
  let p = cache.get(id);
  if (!p) {
    p = fetch(`/api/maps/${encodeURIComponent(id)}`).then(async (res) => {
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The server has no map "${id}" (HTTP ${res.status}).`);
      }
      return parseMap(`maps/${id}.tmj`, await res.json());
    });
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
