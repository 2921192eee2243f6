import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseMap } from "../../shared/map/parse.js";
import { Terrain, type MapDef } from "../../shared/map/types.js";

const ROOT = join(import.meta.dirname, "..", "..");
const load = (id: string): MapDef => parseMap(`maps/${id}.tmj`, JSON.parse(readFileSync(join(ROOT, "maps", `${id}.tmj`), "utf8")));

const BLOCKED = new Set<number>([Terrain.wall, Terrain.vehicle, Terrain.hole]);

/** Tiles a soldier can walk to from (x, y, level): 8-way on a level, stairs to the same x, y one level up or down. */
function reachable(m: MapDef, x: number, y: number, level: number): Set<number> {
  const area = m.width * m.height;
  const key = (x: number, y: number, l: number) => l * area + y * m.width + x;
  const seen = new Set<number>([key(x, y, level)]);
  const queue: [number, number, number][] = [[x, y, level]];
  while (queue.length) {
    const [cx, cy, cl] = queue.shift()!;
    const next: [number, number, number][] = [];
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if (dx || dy) next.push([cx + dx, cy + dy, cl]);
    if (m.terrain[key(cx, cy, cl)] === Terrain.stairs) next.push([cx, cy, cl - 1], [cx, cy, cl + 1]);
    for (const [nx, ny, nl] of next) {
      if (nx < 0 || ny < 0 || nx >= m.width || ny >= m.height || nl < 0 || nl >= m.levels) continue;
      const k = key(nx, ny, nl);
      if (seen.has(k) || BLOCKED.has(m.terrain[k])) continue;
      seen.add(k);
      queue.push([nx, ny, nl]);
    }
  }
  return seen;
}

describe.each(["last-stand", "the-alley", "tower-test", "the-bus", "the-streets", "the-tower", "the-wall", "drill"])("%s is connected", (id) => {
  const m = load(id);
  const area = m.width * m.height;
  const key = (p: { x: number; y: number; level: number }) => p.level * area + p.y * m.width + p.x;
  const takumi = m.soldiers.find((s) => s.kind === "takumi")!;
  const open = reachable(m, takumi.x, takumi.y, takumi.level);

  it("every soldier can reach every other", () => {
    for (const s of m.soldiers) expect(open.has(key(s))).toBe(true);
  });
  it("every ground spawn reaches the soldiers", () => {
    for (const s of m.spawns.filter((s) => s.kind !== "rooftop")) expect(open.has(key(s))).toBe(true);
  });
  it("an exit is reachable (for dragging and extraction)", () => {
    expect([...open].some((k) => m.terrain[k] === Terrain.exit)).toBe(true);
  });
  it("the rescue point, if any, is reachable", () => {
    if (m.objective.rescue) expect(open.has(key(m.objective.rescue))).toBe(true);
  });
});
