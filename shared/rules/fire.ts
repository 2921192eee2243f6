/**
 * The fire layer: a burning vehicle spreads fire to the tiles beside it on a roll; fire burns
 * whoever enters or stands on it, fades after a few rounds, and its smoke blocks sight (sight.ts).
 * A leaf of the rules: it answers questions and queues hurts.
 */
import { Terrain } from "../map/types.js";
import { RULES } from "./table.js";
import type { BattleState, Pos, Unit } from "../core/types.js";
import { type Draft, emit, hurt, writeLayer } from "../core/draft.js";
import { DIRS8, inGrid, posOf, tileIndex } from "../core/grid.js";
import { rollPercent } from "../core/rng.js";

const F = RULES.fire;

/** Set tile `i` burning for at least `rounds` (walls and holes do not burn). */
export function ignite(d: Draft, i: number, rounds: number): void {
  const t = d.s.layers.terrain[i];
  if (t === Terrain.wall || t === Terrain.hole || d.s.layers.fire[i] >= rounds) return;
  writeLayer(d, "fire")[i] = rounds;
  emit(d, { type: "fire", at: posOf(d.s.map, i), rounds });
}

/** The fire damage a unit takes entering tile `i` (0: not burning). */
export function fireDamageOnEntering(s: BattleState, i: number): number {
  return s.layers.fire[i] > 0 ? F.damage : 0;
}

/** A unit steps onto a tile: fire there burns him. */
export function enteredFire(d: Draft, u: Unit): void {
  const i = tileIndex(d.s.map, u.x, u.y, u.level);
  if (d.s.layers.fire[i] > 0) hurt(d, u, F.damage, "fire", true);
}

/** A grenade's blast sets the vehicles it hits burning. */
export function blastIgnites(d: Draft, tiles: Pos[]): void {
  for (const p of tiles) {
    const i = tileIndex(d.s.map, p.x, p.y, p.level);
    if (d.s.layers.terrain[i] === Terrain.vehicle) ignite(d, i, F.vehicleRounds);
  }
}

/** Is any tile burning (most of the time none is: the smoke checks are skipped)? */
export function anyFire(s: BattleState): boolean {
  const f = s.layers.fire;
  for (let i = 0; i < f.length; i++) if (f[i] > 0) return true;
  return false;
}

/** The environment phase's fire: whoever stands in it burns, burning vehicles spread it, it fades. */
export function fireEnvironment(d: Draft): void {
  const s = d.s;
  if (!anyFire(s)) return;
  for (const u of s.units) if (u.fate === "active") enteredFire(d, u);
  const map = s.map;
  const fire = writeLayer(d, "fire");
  const burningVehicles: number[] = [];
  for (let i = 0; i < fire.length; i++) if (fire[i] > 0 && s.layers.terrain[i] === Terrain.vehicle) burningVehicles.push(i);
  for (const i of burningVehicles) {
    const p = posOf(map, i);
    for (const [dx, dy] of DIRS8) {
      if (!inGrid(map, p.x + dx, p.y + dy, p.level)) continue;
      const j = tileIndex(map, p.x + dx, p.y + dy, p.level);
      if (fire[j] > 0) continue;
      if (rollPercent(s) < F.spreadChance) ignite(d, j, F.rounds + 1);
    }
  }
  for (let i = 0; i < fire.length; i++) if (fire[i] > 0) fire[i]--;
}
