/** Units as a player names them in previews and refusals: as the board and the lists do (core/names.ts). */
import type { BattleState } from "../core/types.js";
import { unitById } from "../core/units.js";
import { civilianName, creatureName, soldierName } from "../core/names.js";

/**
 * A unit as a player names it: "Private Wang-1", "Civilian 2", "Snatcher 3" (a creature by the
 * order badge of its intent in `s`, as the board shows it, else by its number).
 */
export function unitName(s: BattleState, id: string): string {
  const u = unitById(s, id);
  if (!u) return "someone";
  if (u.side === "squad") return soldierName(u.id);
  if (u.side === "civilian") return civilianName(u.id) ?? "a civilian";
  return creatureName(u.kind, u.id, s.intents.find((i) => i.unit === u.id)?.order ?? null);
}
