/**
 * Noise markers: hidden creatures near the squad give themselves away by sound. The marker stands
 * on a tile near the creature, offset by the random generator, never on the creature itself.
 */
import { RULES } from "../rules/table.js";
import type { BattleState, NoiseMarker } from "../core/types.js";
import { inGrid, tileIndex } from "../core/grid.js";
import { randomInt } from "../core/rng.js";

export function placeNoise(s: BattleState, seen: Uint8Array): NoiseMarker[] {
  const out: NoiseMarker[] = [];
  const soldiers = s.units.filter((u) => u.side === "squad" && u.fate === "active");
  const taken = new Set<number>();
  for (const c of s.units) {
    if (c.side !== "creature" || c.fate !== "active") continue;
    if (seen[tileIndex(s.map, c.x, c.y, c.level)] === 1) continue;
    const heard = soldiers.some((u) => u.level === c.level && Math.max(Math.abs(u.x - c.x), Math.abs(u.y - c.y)) <= RULES.noise.range);
    if (!heard) continue;
    const r = RULES.noise.offset;
    const span = 2 * r + 1;
    // an offset from the eight around it (not its own tile)
    let k = randomInt(s, span * span - 1);
    if (k >= (span * span - 1) / 2) k++;
    const dx = (k % span) - r, dy = Math.floor(k / span) - r;
    // an offset that would leave the map is mirrored back (clamping could land it on the creature itself)
    let x = c.x + dx, y = c.y + dy;
    if (x < 0 || x >= s.map.width) x = c.x - dx;
    if (y < 0 || y >= s.map.height) y = c.y - dy;
    const i = tileIndex(s.map, x, y, c.level);
    if (taken.has(i) || !inGrid(s.map, x, y, c.level)) continue;
    taken.add(i);
    out.push({ x, y, level: c.level });
  }
  return out;
}
