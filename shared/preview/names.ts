/** Units as a player names them in previews and refusals. */
import type { BattleState } from "../core/types.js";
import { unitById } from "../core/units.js";
import { soldierName } from "../core/names.js";

const CREATURE_NAMES: Record<string, string> = { snatcher: "the Snatcher", leaper: "the Leaper", spitter: "the Spitter", civilian: "the civilian", child: "the child" };

/** A unit as a player names it: "Private Wang-1", "the Snatcher". */
export function unitName(s: BattleState, id: string): string {
  const u = unitById(s, id);
  if (!u) return "someone";
  return u.side === "squad" ? soldierName(u.id) : CREATURE_NAMES[u.kind] ?? u.kind;
}
