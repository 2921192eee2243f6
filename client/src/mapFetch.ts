/**
 * A map's file as the server sends it (`GET /api/maps/:id`), fetched once per id. Apart from the
 * parsing (maps.ts, which needs the engine) so that the page can ask for it before the battle's
 * code has even arrived.
 */
const cache = new Map<string, Promise<unknown>>();

export function fetchMapFile(id: string): Promise<unknown> {
  let p = cache.get(id);
  if (!p) {
    p = fetch(`/api/maps/${encodeURIComponent(id)}`).then(async (res) => {
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        throw new Error(body?.message ?? `The server has no map "${id}" (HTTP ${res.status}).`);
      }
      return res.json() as Promise<unknown>;
    });
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}
