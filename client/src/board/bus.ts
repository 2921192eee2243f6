/**
 * A wreck the trapped are in (a map's `reach` objective: the vehicle beside its rescue point) is
 * drawn as one vehicle, a bus: a long yellow body with its dark windows, and the emergency door on
 * the side that faces the rescue point, shut until a soldier reaches it. The trapped themselves are
 * not painted here: they are the engine's units (civilians, trapped) drawn and named as units, and
 * hidden like any unit out of sight. Returns where the door was drawn (tests read it), or null when
 * the map has no such wreck.
 */
import type { Graphics } from "pixi.js";
import type { MapDef } from "../engine";
import { Terrain } from "../engine";

export interface BusMark {
  /** The bus's tiles' bounding box, in tiles. */
  box: { x: number; y: number; w: number; h: number };
  /** The door's tile (the bus tile nearest the rescue point) and the side it opens on. */
  door: { x: number; y: number; side: "n" | "s" | "e" | "w" };
  /** The door still jammed (the rescue not yet reached). */
  shut: boolean;
}

export function drawBus(g: Graphics, m: MapDef, terrain: ArrayLike<number>, level: number, ts: number, shut: boolean): BusMark | null {
  const r = m.objective.rescue;
  if (!r || r.level !== level) return null;
  const base = level * m.width * m.height;
  const isV = (x: number, y: number) => x >= 0 && y >= 0 && x < m.width && y < m.height && terrain[base + y * m.width + x] === Terrain.vehicle;
  // the wreck nearest the rescue point, within two tiles, and the whole of it
  let start: [number, number] | null = null;
  let best = 3;
  for (let y = r.y - 2; y <= r.y + 2; y++)
    for (let x = r.x - 2; x <= r.x + 2; x++) {
      const d = Math.max(Math.abs(x - r.x), Math.abs(y - r.y));
      if (isV(x, y) && d < best) [best, start] = [d, [x, y]];
    }
  if (!start) return null;
  const seen = new Set<number>();
  const todo = [start];
  while (todo.length) {
    const [x, y] = todo.pop()!;
    const k = y * m.width + x;
    if (seen.has(k) || !isV(x, y)) continue;
    seen.add(k);
    todo.push([x + 1, y], [x - 1, y], [x, y + 1], [x, y - 1]);
  }
  if (seen.size < 4) return null;
  const xs = [...seen].map((k) => k % m.width);
  const ys = [...seen].map((k) => Math.floor(k / m.width));
  const box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs) + 1, h: Math.max(...ys) - Math.min(...ys) + 1 };
  const horiz = box.w >= box.h;
  const px = box.x * ts, py = box.y * ts, pw = box.w * ts, ph = box.h * ts;
  const pad = ts * 0.08;
  // the body, its roof line and a stripe
  g.roundRect(px + pad, py + pad, pw - 2 * pad, ph - 2 * pad, ts * 0.25).fill(0xc99a1e).stroke({ width: 2, color: 0x000000 });
  g.roundRect(px + pad * 3, py + pad * 3, pw - 6 * pad, ph - 6 * pad, ts * 0.18).fill({ color: 0xe2b12c, alpha: 0.9 });
  // windows along both long sides
  const n = horiz ? box.w * 2 : box.h * 2;
  for (let i = 0; i < n; i++) {
    for (const side of [0, 1]) {
      const wx = horiz ? px + pad * 3 + ((pw - 6 * pad) * (i + 0.5)) / n : side ? px + pw - pad * 3 - ts * 0.18 : px + pad * 3 + ts * 0.02;
      const wy = horiz ? (side ? py + ph - pad * 3 - ts * 0.18 : py + pad * 3 + ts * 0.02) : py + pad * 3 + ((ph - 6 * pad) * (i + 0.5)) / n;
      const ww = horiz ? ((pw - 6 * pad) / n) * 0.7 : ts * 0.16;
      const wh = horiz ? ts * 0.16 : ((ph - 6 * pad) / n) * 0.7;
      const x0 = horiz ? wx - ww / 2 : wx;
      const y0 = horiz ? wy : wy - wh / 2;
      g.rect(x0, y0, ww, wh).fill(0x24303a);
    }
  }
  // the emergency door: on the bus tile nearest the rescue point, on the side facing it
  let door = { x: box.x, y: box.y, side: "s" as BusMark["door"]["side"] };
  let dBest = Infinity;
  for (const k of seen) {
    const x = k % m.width, y = Math.floor(k / m.width);
    const d = Math.abs(x - r.x) + Math.abs(y - r.y);
    if (d < dBest) [dBest, door] = [d, { x, y, side: door.side }];
  }
  door.side = r.y > box.y + box.h - 1 ? "s" : r.y < box.y ? "n" : r.x < box.x ? "w" : "e";
  const dx = door.x * ts, dy = door.y * ts;
  const [rx, ry, rw, rh] =
    door.side === "s" ? [dx + ts * 0.2, dy + ts - pad * 3, ts * 0.6, pad * 3] : door.side === "n" ? [dx + ts * 0.2, dy, ts * 0.6, pad * 3]
    : door.side === "w" ? [dx, dy + ts * 0.2, pad * 3, ts * 0.6] : [dx + ts - pad * 3, dy + ts * 0.2, pad * 3, ts * 0.6];
  g.rect(rx, ry, rw, rh).fill(shut ? 0x101010 : 0x3a3a3a).stroke({ width: 2, color: 0x8cf0a8 });
  return { box, door, shut };
}
