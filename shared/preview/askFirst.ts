/**
 * Which choices ask first (a second click or key), naming the cost (docs/DESIGN.md §14): ending a scene
 * with soldiers still on the board, a withdraw that strands others, a move that costs hit points,
 * ends under a telegraphed attack or on a creature's spawn point (one climbing out there hurts
 * him). Everything else is one click.
 */
import type { BattleState, Seat } from "../core/types.js";
import type { ActionPreview, AskFirst, Consequence } from "./types.js";

const LOSES: ReadonlySet<Consequence["kind"]> = new Set(["leftBehind"]);
const HURTS_ON_MOVE: ReadonlySet<Consequence["kind"]> = new Set(["damage", "fire", "down", "dies", "falls", "telegraphed", "spawnPoint"]);

/** The cost to confirm, read from a preview; null for a one-click choice. */
export function askFirstOf(_s: BattleState, _seat: Seat, p: ActionPreview): AskFirst | null {
  if (!p.ok) return null;
  const a = p.action;
  const mover = a.type === "move" ? a.unit : null;
  const costs: string[] = [];
  for (const c of p.consequences) {
    if (LOSES.has(c.kind)) costs.push(c.text);
    else if (mover && c.unit === mover && HURTS_ON_MOVE.has(c.kind)) costs.push(c.text);
  }
  if (!costs.length) return null;
  const lines = [...new Set(costs)].map((t) => t.charAt(0).toUpperCase() + t.slice(1) + ".");
  return { cost: lines.join(" "), costs: lines };
}
