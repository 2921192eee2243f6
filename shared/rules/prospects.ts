/**
 * What is still possible: whether the scene can still be won, why not, what is left to
 * do, every civilian's fate by name, and the scene's own score. Pure and read from the state alone,
 * so it answers the same on the full state and on a viewer's (view.ts keeps every civilian whose
 * fate is settled, at his start tile: his fate is heard, his place is not told).
 */
import type { BattleState } from "../core/types.js";
import { isSergeant } from "../core/units.js";
import { civiliansNeeded } from "./civilians.js";

/** Why the scene can no longer be won (or was lost): in the scene's terms, for the client to word. */
export type LostCause =
  /** Too few civilians left alive to reach the number the scene needs (civiliansNeeded). */
  | "civilians"
  /** Every sergeant is dead or taken. */
  | "sergeants"
  /** The sergeants left the board (withdrew) before the objective was met. */
  | "fellBack"
  /** The last round came with the objective unmet or the sergeants still on the board. */
  | "clock";

export interface CivilianFates {
  saved: string[];
  dead: string[];
  taken: string[];
  /** Not saved and not lost: on the board (in sight or not) or in a soldier's arms. */
  left: string[];
}

export interface Prospects {
  /** The scene can still be won (or was won). */
  winnable: boolean;
  /** Why not; null while it can be won, or when it was won. */
  cause: LostCause | null;
  /** What is left to do: win the scene, or (the win gone) get the soldiers out alive. */
  left: "win" | "getOut" | "nothing";
  /** Civilians the scene needs saved (civiliansNeeded; 0: none), saved so far, and the most that can still be. */
  need: number;
  saved: number;
  canStillSave: number;
  civilians: CivilianFates;
  /** The scene's score: rounds the squad held (rounds it finished on the board), soldiers out. */
  roundsHeld: number;
  through: number;
}

/** Every civilian's fate, by id, in the units' order. */
export function civilianFates(s: BattleState): CivilianFates {
  const out: CivilianFates = { saved: [], dead: [], taken: [], left: [] };
  for (const u of s.units) {
    if (u.side !== "civilian") continue;
    if (u.fate === "extracted") out.saved.push(u.id);
    else if (u.fate === "dead") out.dead.push(u.id);
    else if (u.fate === "taken") out.taken.push(u.id);
    else out.left.push(u.id);
  }
  return out;
}

/**
 * Rounds held: the rounds the squad finished on the board. A battle that ended in a round's
 * enemy or environment phase counts that round (report.rounds), one that ended on a command
 * (the last sergeant withdrew) does not; while it goes on, the rounds before this one.
 */
export function roundsHeld(s: BattleState): number {
  return s.phase === "ended" ? s.report.rounds : s.round - 1;
}

/**
 * Can the scene still be won? The quick form apply() asks after every command: while the battle
 * goes on only the civilians can take the win away (the sergeants' end ends the battle).
 */
export function stillWinnable(s: BattleState): boolean {
  const need = civiliansNeeded(s);
  if (need <= 0 || s.outcome === "won") return s.outcome !== "lost";
  let lost = 0;
  for (const u of s.units) if (u.side === "civilian" && (u.fate === "dead" || u.fate === "taken")) lost++;
  return (s.map.civilians?.length ?? 0) - lost >= need && s.outcome !== "lost";
}

export function prospects(s: BattleState): Prospects {
  const civilians = civilianFates(s);
  // a civilian the view does not hold (hidden and alive) is still out there
  const total = s.map.civilians?.length ?? 0;
  const alive = total - civilians.saved.length - civilians.dead.length - civilians.taken.length;
  const need = civiliansNeeded(s);
  const saved = s.civiliansSaved;
  const canStillSave = saved + Math.max(0, alive);
  const sergeants = s.units.filter((u) => u.side === "squad" && isSergeant(u));
  const onBoard = sergeants.some((u) => u.fate === "active" || u.fate === "carried");
  const out = sergeants.some((u) => u.fate === "extracted");
  let cause: LostCause | null = null;
  if (s.outcome === "won") cause = null;
  else if (need > 0 && canStillSave < need) cause = "civilians";
  else if (!onBoard && !out) cause = "sergeants";
  // a sergeant who withdrew before the objective was met fell back (objectives.ts checkEnd)
  else if (!onBoard && s.objective !== "extract") cause = "fellBack";
  else if (s.outcome === "lost") cause = "clock";
  const squadOnBoard = s.units.some((u) => u.side === "squad" && (u.fate === "active" || u.fate === "carried"));
  return {
    winnable: cause === null,
    cause,
    left: s.phase === "ended" || !squadOnBoard ? "nothing" : cause === null ? "win" : "getOut",
    need,
    saved,
    canStillSave,
    civilians,
    roundsHeld: roundsHeld(s),
    through: s.units.filter((u) => u.side === "squad" && u.fate === "extracted").length,
  };
}
