/**
 * The pursuit: falling back from a scene is never free. The creatures follow a squad that fell
 * back (withdrew, or was still on the board when the time ran out): the next scene's second wave
 * (they catch up a round in) brings PURSUERS_PER_LOSS more Snatchers for every scene lost in a row, at most MAX_PURSUERS.
 * A scene won shakes them off. Without it a squad could fall back from every scene at no cost
 * and walk to the wall; with it, falling back trades this scene's losses for the next one's.
 */

/** Snatchers added to the next scene's second wave for each scene lost in a row. */
export const PURSUERS_PER_LOSS = 2;
/** The most pursuers a scene can have. */
export const MAX_PURSUERS = 4;

/** The pursuit of the next scene, from this scene's pursuit and outcome. */
export function pursuitAfter(pursuit: number, outcome: "won" | "lost"): number {
  return outcome === "won" ? 0 : Math.min(MAX_PURSUERS, pursuit + PURSUERS_PER_LOSS);
}
