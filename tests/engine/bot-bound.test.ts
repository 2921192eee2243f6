/**
 * The bot skips its search for a better tile (bestTile) when a cheap bound says no tile within
 * 1 AP can beat the bar (canBeat, shared/ai/bot.ts): on every position of bot battles (fixed seeds,
 * two maps), wherever the bound rules a bar out, the search finds nothing above it.
 */
import { describe, expect, it } from "vitest";
import { autoplayStep, type BattleState, type Seat } from "../../shared/index.js";
import { checkMoveBound } from "../../shared/ai/bot.js";
import { fresh } from "./helpers.js";

const SEATS: Seat[] = ["takumi", "wang"];

describe("the bot's bound on a better tile", () => {
  for (const id of ["last-stand", "the-alley"] as const)
    it(`never rules out a tile the search would find (${id})`, () => {
      let checked = 0, ruledOut = 0, wrong = 0;
      for (const seed of [1, 2, 3]) {
        let s: BattleState = fresh(id, seed);
        for (let n = 0; n < 4000 && s.phase === "player"; n++) {
          let moved = false;
          for (const seat of SEATS) {
            const r = checkMoveBound(s, seat);
            checked += r.checked; ruledOut += r.ruledOut; wrong += r.wrong;
            const step = autoplayStep(s, seat);
            if (step) { s = step.state; moved = true; }
          }
          if (!moved) break;
        }
      }
      expect(wrong).toBe(0);
      expect(ruledOut).toBeGreaterThan(0);
      expect(checked).toBeGreaterThan(ruledOut);
    });
});
