/**
 * The drill's progress: which step the player is on, advanced by the engine's state and events
 * after each command. Pure and deterministic: the same commands make the same progress.
 */
import type { BattleEvent, BattleState } from "../core/types.js";
import { DRILL_STEPS, type DrillStep } from "./steps.js";

export interface DrillProgress {
  /** Index of the step asked now; DRILL_STEPS.length once the drill is done. */
  step: number;
  /** The steps completed by the last command, in order. */
  justDone: string[];
}

export function drillFinished(p: DrillProgress): boolean {
  return p.step >= DRILL_STEPS.length;
}

export function currentStep(p: DrillProgress): DrillStep | null {
  return DRILL_STEPS[p.step] ?? null;
}

/** The drill's first step, on the drill map's fresh battle. */
export function drillStart(s: BattleState): { state: BattleState; progress: DrillProgress } {
  return enter(s, 0, []);
}

function enter(s: BattleState, step: number, justDone: string[]): { state: BattleState; progress: DrillProgress } {
  const st = DRILL_STEPS[step];
  return { state: st?.stage ? st.stage(s) : s, progress: { step, justDone } };
}

/**
 * After a command: steps done by its events advance (one after another while they hold, but a step
 * whose scene was just set waits for the next command); a step whose scene fell apart goes back.
 */
export function drillAdvance(p: DrillProgress, s: BattleState, events: BattleEvent[]): { state: BattleState; progress: DrillProgress } {
  let step = p.step;
  const done: string[] = [];
  while (step < DRILL_STEPS.length && DRILL_STEPS[step].check(s, events)) {
    done.push(DRILL_STEPS[step].id);
    step++;
    if (DRILL_STEPS[step]?.stage) return enter(s, step, done);
  }
  if (step >= DRILL_STEPS.length) return { state: s, progress: { step, justDone: done } };
  const back = DRILL_STEPS[step].fallback?.(s) ?? null;
  if (back !== null && s.phase === "player") {
    const to = DRILL_STEPS.findIndex((x) => x.id === back);
    return enter(s, to, done);
  }
  return { state: s, progress: { step, justDone: done } };
}

/** Skip the step asked now (the player's choice): the next one begins, its scene set. */
export function drillSkipStep(p: DrillProgress, s: BattleState): { state: BattleState; progress: DrillProgress } {
  if (drillFinished(p)) return { state: s, progress: p };
  return enter(s, p.step + 1, []);
}
