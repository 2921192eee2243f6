/**
 * The state a preview is computed on: what the seat sees (view.ts). The client already holds a
 * view; the server and the tests hold the whole state and narrow it here, so a preview never
 * tells what the seat cannot see (a hidden creature, acid under the fog).
 */
import type { BattleState, Seat } from "../core/types.js";
import { type BattleView, viewFor } from "../view/view.js";
import { nextRandom } from "../core/rng.js";

export function seatView(s: BattleState, seat: Seat): BattleState {
  return "viewer" in s && (s as BattleView).viewer === seat ? s : viewFor(s, seat);
}

/** A generator state whose next percentile roll passes `ok` (found once, over the engine's own generator). */
function rngWhose(ok: (roll: number) => boolean): number {
  for (let seed = 1; ; seed++) if (ok(Math.floor(nextRandom({ rng: seed } as BattleState) * 100))) return seed;
}

/** A shot run on these always hits (roll 0: chances are clamped to at least 5) or always misses (roll 99). */
export const SURE_HIT_RNG = rngWhose((r) => r === 0);
export const SURE_MISS_RNG = rngWhose((r) => r === 99);
