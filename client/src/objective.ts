/**
 * The header's objective line: what to do now and its countdown, from the state alone (the ring,
 * the break-out's round, the map's last round, who got out). Pure: tested in Node.
 *   "Hold the line · ring 5→4 · break-out in 3"   "Reach them · the cell blows in 4 rounds"
 *   "Break out · 6 rounds left · 2 out"            "Hold the line · ring 3 · held 4 rounds · 1 through the gate"
 */
import type { MapDef, WireState } from "./engine";
import { clockText, OBJECTIVE_NAME, scoreText } from "./words";
import { prospectsOf } from "./scene";

export function objectiveLine(w: WireState, map: MapDef): string {
  // the engine's read-out: once the win is gone the line says what is left, at once
  const p = prospectsOf(w, map);
  const lost = !!p && !p.winnable && p.left === "getOut";
  const parts: string[] = [lost ? "The win is gone: get out alive" : (OBJECTIVE_NAME[w.objective] ?? w.objective)];
  const over = w.phase === "ended";
  const ring = w.hasPerimeter && !w.perimeterBroken;
  if (ring) {
    parts.push(`ring ${w.radius}${w.nextRadius !== w.radius ? `→${w.nextRadius}` : ""}`);
    const outIn = w.breakOutRound - w.round;
    if (w.breakOutRound > 0 && !over) parts.push(`break-out ${outIn > 0 ? `in ${outIn}` : "this round"}`);
  } else if (!over) {
    // the last round ends the battle: hold out to it, or be out by then
    parts.push(clockText(w.mapId, map.maxRounds - w.round + 1));
  }
  const out = Object.values(w.units).filter((u) => u.side === "squad" && u.fate === "extracted").length;
  const held = p ? p.roundsHeld : over ? w.round : w.round - 1;
  const score = scoreText(w.mapId, held, out);
  if (score) parts.push(score);
  else if (out > 0 || w.objective === "extract") parts.push(`${out} out`);
  return parts.join(" · ");
}
