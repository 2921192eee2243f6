/**
 * Perft-style counts (as chess engines count moves): the number of legal actions in fixed
 * positions, by type, and depth-2 totals. The positions are stored states (fixtures/), not reached
 * by playing the bot, so only a change to what may be done (movement, sight, range, any check)
 * moves a number. When a rule changes on purpose, recount with `npx tsx tools/perft.ts` and say
 * why in the commit.
 */
import { describe, expect, it } from "vitest";
import { legalActions } from "../../shared/index.js";
import { POSITIONS, countByType, perft2, reach } from "../../tools/perft-positions.js";

const EXPECTED: Record<string, { round: number; takumi: Record<string, number>; wang: Record<string, number>; perft2Takumi?: number }> = {
  "last-stand start": {
    round: 1,
    takumi: { move: 517, overwatch: 3, grenade: 312, ready: 1 },
    wang: { move: 525, overwatch: 3, grenade: 373, ready: 1 },
    perft2Takumi: 510173,
  },
  "last-stand round 4": {
    round: 4,
    takumi: { move: 335, reload: 2, grenade: 177, ready: 1 },
    wang: { move: 176, shoot: 1, reload: 2, overwatch: 1, grenade: 150, ready: 1, undo: 1 },
  },
  "last-stand round 8": {
    round: 8,
    takumi: { move: 338, shoot: 2, reload: 2, overwatch: 2, grenade: 98, ready: 1 },
    wang: { move: 348, reload: 2, shoot: 1, overwatch: 1, grenade: 105, ready: 1 },
  },
  "the-alley start": {
    round: 1,
    takumi: { move: 230, overwatch: 3, grenade: 233, shoot: 2, ready: 1 },
    wang: { move: 192, shoot: 3, overwatch: 3, grenade: 196, ready: 1 },
  },
  "tower-test start": {
    round: 1,
    takumi: { move: 44, overwatch: 1, grenade: 62, ready: 1 },
    wang: { move: 72, overwatch: 1, grenade: 64, ready: 1 },
    perft2Takumi: 5215,
  },
};

describe("perft: legal action counts in fixed positions", () => {
  it("every stored position has its expected counts, and no count is left without a position", () => {
    expect([...POSITIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of POSITIONS) {
    const want = EXPECTED[name];
    it(`${name}: ${Object.values(want.takumi).reduce((a, b) => a + b, 0)} actions for Takumi, ${Object.values(want.wang).reduce((a, b) => a + b, 0)} for Wang`, () => {
      const s = reach(name);
      expect(s.round).toBe(want.round);
      expect(countByType(legalActions(s, "takumi"))).toEqual(want.takumi);
      expect(countByType(legalActions(s, "wang"))).toEqual(want.wang);
      if (want.perft2Takumi !== undefined) expect(perft2(s, "takumi")).toBe(want.perft2Takumi);
    });
  }
});
