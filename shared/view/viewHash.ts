/**
 * The hash of what the squad sees: the wire form of the spectator's view (nothing hidden in it).
 * The server serves this, not the full state's hash, over HTTP: a full hash would let a client test
 * guesses about the creatures it cannot see. Anyone holding a record can check it after a replay.
 */
import type { BattleState } from "../core/types.js";
import { viewFor } from "./view.js";
import { toWire } from "./wire.js";
import { wireHash } from "./wireFields.js";

export function squadViewHash(s: BattleState): string {
  return wireHash(toWire(viewFor(s, "spectator")));
}
