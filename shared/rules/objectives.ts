/**
 * Objectives and the end of a battle: hold the line until it breaks (or reach the rescue), then
 * extract through an exit (an `escape` map: extract from the first round). When no sergeant is
 * left on the board the battle is won only if one got out with the objective met (and, on a map
 * that must save civilians, enough of them out); sergeants who withdrew before it
 * (actions/withdraw.ts) fell back: lost.
 */
import type { BattleState, Pos, Unit } from "../core/types.js";
import { type Draft, emit, ownUnits } from "../core/draft.js";
import { samePos } from "../core/grid.js";
import { isSergeant } from "../core/units.js";
import { civiliansNeeded, saveCivilian } from "./civilians.js";
import { isExtraction } from "./waysOut.js";

export { isExtraction };

export function setStage(d: Draft, stage: "extract"): void {
  if (d.s.objective === stage) return;
  d.s.objective = stage;
  emit(d, { type: "objective", stage });
}

/** A soldier finished a move: did he reach the rescue? */
export function checkRescue(d: Draft, u: Unit): boolean {
  const rescue = d.s.map.objective.rescue;
  if (d.s.objective !== "reach" || !rescue || !samePos(u, rescue)) return false;
  // on a map without civilian units the rescue stands for the rescued; with them, they count themselves
  if (!d.s.map.civilians?.length) {
    d.s.civiliansSaved++;
    d.s.report.civiliansSaved++;
  }
  emit(d, { type: "rescued", at: rescue });
  freeTrapped(d);
  setStage(d, "extract");
  return true;
}

/** The rescue reached: the door is forced and the trapped are free to run (they do in the environment phase). */
function freeTrapped(d: Draft): void {
  ownUnits(d);
  for (const c of d.s.units) if (c.trapped && c.fate === "active") c.trapped = false;
}

/** Environment phase: soldiers standing on an extraction tile while extracting leave the board, saved. */
export function extractSoldiers(d: Draft): void {
  if (d.s.objective !== "extract") return;
  for (const u of d.s.units) {
    if (u.side !== "squad" || u.fate !== "active" || u.grabbedBy || u.down > 0) continue;
    if (!isExtraction(d.s, u)) continue;
    u.fate = "extracted";
    u.overwatch = false;
    emit(d, { type: "extracted", unit: u.id });
    // the man he carries gets out with him
    const carried = u.carrying ? d.s.units.find((c) => c.id === u.carrying && c.fate === "carried") : undefined;
    if (carried && carried.side === "civilian") saveCivilian(d, carried);
    else if (carried) {
      carried.fate = "extracted";
      emit(d, { type: "extracted", unit: carried.id });
    }
  }
}

function end(d: Draft, outcome: "won" | "lost"): void {
  d.s.phase = "ended";
  d.s.outcome = outcome;
  d.s.intents = [];
  emit(d, { type: "ended", outcome });
}

/** Is the battle over? Called after every command and at the end of every round. */
export function checkEnd(d: Draft, roundOver: boolean): void {
  const s = d.s;
  if (s.phase === "ended") return;
  // counted in one pass (this runs after every command)
  let active = 0, out = 0;
  for (const u of s.units) {
    if (u.side !== "squad" || !isSergeant(u)) continue;
    if (u.fate === "active" || u.fate === "carried") active++;
    else if (u.fate === "extracted") out++;
  }
  // a map that must save civilians is won only with enough of them out; the objective is met once
  // the extract stage is reached (the line broke, the rescue was reached, an escape map)
  const enoughSaved = s.civiliansSaved >= civiliansNeeded(s);
  if (active === 0) return end(d, out > 0 && s.objective === "extract" && enoughSaved ? "won" : "lost");
  if (roundOver && s.round >= s.map.maxRounds) {
    // holding without a perimeter means surviving to the last round
    const survived = s.map.objective.kind === "hold" && !s.map.perimeter;
    end(d, survived ? "won" : "lost");
  }
}
