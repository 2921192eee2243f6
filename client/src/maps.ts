/** Map files come with the client (imported through Vite) and are parsed by the engine's parseMap. */
import { parseMap, type MapDef } from "./engine";

const files = import.meta.glob("../../maps/*.tmj", { query: "?raw", import: "default" }) as Record<string, () => Promise<string>>;

const byId = new Map<string, () => Promise<string>>();
for (const [path, load] of Object.entries(files)) {
  const id = path.split("/").pop()!.replace(/\.tmj$/, "");
  byId.set(id, load);
}

export function bundledMapIds(): string[] {
  return [...byId.keys()].sort();
}

const cache = new Map<string, Promise<MapDef>>();

export function loadMap(id: string): Promise<MapDef> {
  let p = cache.get(id);
  if (!p) {
    const load = byId.get(id);
    if (!load) return Promise.reject(new Error(`This client has no map "${id}" (it knows: ${bundledMapIds().join(", ")}).`));
    p = load().then((text) => parseMap(`maps/${id}.tmj`, JSON.parse(text)));
    cache.set(id, p);
  }
  return p;
}
