/**
 * The seeded random generator (mulberry32). Its whole state is one 32-bit number kept in the
 * battle state, so a battle replays exactly from its seed and log.
 */
import type { BattleState } from "./types.js";

/** Scramble a seed into a generator state, so that nearby seeds start far apart. */
export function seedRng(seed: number): number {
  let t = (seed ^ 0x9e3779b9) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
  t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
  return (t ^ (t >>> 16)) | 0;
}

/** Advance the generator held in `s` (a draft being built by the engine); a float in [0, 1). */
export function nextRandom(s: BattleState): number {
  s.rng = (s.rng + 0x6d2b79f5) | 0;
  let t = s.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A whole number in [0, n). */
export function randomInt(s: BattleState, n: number): number {
  return Math.floor(nextRandom(s) * n);
}

/** A percentile roll 0–99: a shot with chance c hits when roll < c. */
export function rollPercent(s: BattleState): number {
  return randomInt(s, 100);
}
