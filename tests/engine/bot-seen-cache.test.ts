/**
 * The remembered masks (seatSees, shared/ai/bot.ts, through sharedVisibleTiles in shared/sight/sight.ts)
 * equal what visibleTiles computes afresh,
 * on every position of bot battles (fixed seeds, two maps, shared and split vision), asked for
 * both seats in turn, and a mask handed out is never changed by the play that follows.
 */
import { describe, expect, it } from "vitest";
import { autoplayStep, visibleTiles, type BattleState, type Seat } from "../../shared/index.js";
import { seatSees } from "../../shared/ai/bot.js";
import { fresh } from "./helpers.js";

const SEATS: Seat[] = ["takumi", "wang"];

describe("the bot's remembered sight", () => {
  for (const id of ["last-stand", "the-alley"] as const)
    for (const splitVision of [false, true])
      it(`equals visibleTiles on ${id} (split vision ${splitVision})`, () => {
        let checked = 0, remembered = 0;
        const handed: { mask: Uint8Array; copy: Uint8Array }[] = [];
        for (const seed of [1, 2, 3, 4]) {
          let s: BattleState = fresh(id, seed, { splitVision });
          for (let n = 0; n < 3000 && s.phase === "player"; n++) {
            let moved = false;
            for (const seat of SEATS) {
              const before = handed.length ? handed[handed.length - 1].mask : null;
              const got = seatSees(s, seat);
              const fresh = visibleTiles(s, splitVision ? seat : undefined);
              expect(Array.from(got)).toEqual(Array.from(fresh));
              checked++;
              if (got === before) remembered++;
              handed.push({ mask: got, copy: got.slice() });
              const step = autoplayStep(s, seat);
              if (step) { s = step.state; moved = true; }
            }
            if (!moved) break;
          }
        }
        for (const h of handed) expect(h.mask).toEqual(h.copy);
        expect(checked).toBeGreaterThan(50);
        // (the cache is exercised: on last-stand many commands move nobody)
        if (!splitVision && id === "last-stand") expect(remembered).toBeGreaterThan(0);
      });
});
