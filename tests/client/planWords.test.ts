/**
 * The words for why a soldier of the bot partner's seat does nothing (client/src/partner/planWords.ts
 * `idleLine`): every reason the plan can carry is worded, with names, never ids, and the grabbed dry
 * man of a crafted position reads as a player should read him.
 */
import { describe, expect, it } from "vitest";
import { IDLE_WHYS, planRound, toWire, viewFor, type PlanIdle } from "../../shared/index.js";
import type { WireState } from "../../client/src/engine.js";
import { IDLE_WORDS, idleLine } from "../../client/src/partner/planWords.js";
import { TAKUMI, WANG, WP1, put, unit } from "../engine/helpers.js";
import { dryPrivateGripped } from "../engine/positions.js";

const position = dryPrivateGripped;

const wireOf = (s: ReturnType<typeof position>["s"]) => toWire(viewFor(s, "takumi")) as unknown as WireState;

describe("why the partner's soldier does nothing, in words", () => {
  it("says the dry grabbed man's grabber, the drag and his rounds, by name", () => {
    const { s } = position();
    const w = wireOf(s);
    const plan = planRound(s, "wang");
    const lines = plan.idle.map((i) => idleLine(w, i));
    expect(lines).toEqual([
      "Private Wang-1: held by Snatcher 1 (dragged off at the round's end); no rounds left — a kill with his rifle butt would burst its acid on him",
    ]);
    // the partner's sergeant beside him, able to hold on: he waits for the hold
    put(s, TAKUMI, 7, 2);
    unit(s, TAKUMI).ap = 2;
    const dry = planRound(s, "wang").idle.find((i) => i.unit === WP1)!;
    expect(idleLine(wireOf(s), dry)).toBe("Private Wang-1: held by Snatcher 1 (dragged off at the round's end); no rounds left — waits for a hold (Takumi beside him)");
  });

  it("words every reason, with names and no ids, a grabber out of sight unnamed", () => {
    const { s, c } = position();
    const w = wireOf(s);
    expect(Object.keys(IDLE_WORDS).sort()).toEqual([...IDLE_WHYS].sort());
    for (const why of IDLE_WHYS) {
      const i: PlanIdle = { unit: WP1, why, grabber: c.id, comrade: WANG, mag: 1, spareMags: 0, drag: 2, down: 1 };
      const line = idleLine(w, i);
      expect(line, why).toMatch(/^Private Wang-1: \S/);
      expect(line, why).not.toMatch(/wang-private|\bc\d+\b|undefined|NaN/);
    }
    const unseen = idleLine(w, { unit: WP1, why: "grabbedDry", mag: 0, spareMags: 0 });
    expect(unseen).toContain("held by a creature out of sight");
    expect(idleLine(w, { unit: WP1, why: "grabbed", grabber: c.id, mag: 1, spareMags: 0, drag: 2 }))
      .toBe("Private Wang-1: held by Snatcher 1 (dragged off in 2 rounds); holds his fire (1 round, 0 spare magazines)");
  });
});
