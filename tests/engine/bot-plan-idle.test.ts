/**
 * The bot's plan says why a soldier of its seat has no step this round (shared/ai/plan.ts `idle`),
 * from facts of the seat's view: a dry grabbed private left to the drag, by which creature, with
 * what rounds, and which comrade beside him could hold on; held on to by a comrade's step; no AP.
 */
import { describe, expect, it } from "vitest";
import { planRound, viewFor, type BattleState } from "../../shared/index.js";
import { TAKUMI, WANG, WP1, put, unit } from "./helpers.js";
import { dryPrivateGripped } from "./positions.js";


describe("the bot's plan: why a soldier does nothing", () => {
  it("lists the dry grabbed man with his grabber, his rounds and the drag, and not the free man with no AP", () => {
    const { s, c } = dryPrivateGripped();
    const plan = planRound(s, "wang");
    expect(plan.steps.filter((st) => st.unit === WP1)).toEqual([]);
    // Wang, free with no AP left, has done his part: not listed
    expect(plan.idle).toEqual([
      { unit: WP1, why: "grabbedDry", grabber: c.id, drag: 1, mag: 0, spareMags: 0 },
    ]);
  });

  it("names a comrade beside him who can hold on (the partner's soldier too), and not one who is ready or spent", () => {
    const { s } = dryPrivateGripped();
    put(s, TAKUMI, 7, 2);
    unit(s, TAKUMI).ap = 2;
    expect(planRound(s, "wang").idle.find((i) => i.unit === WP1)).toMatchObject({ why: "grabbedDry", comrade: TAKUMI });
    s.ready = { ...s.ready, takumi: true };
    expect(planRound(s, "wang").idle.find((i) => i.unit === WP1)?.comrade).toBeUndefined();
    s.ready = { ...s.ready, takumi: false };
    unit(s, TAKUMI).ap = 0;
    expect(planRound(s, "wang").idle.find((i) => i.unit === WP1)?.comrade).toBeUndefined();
  });

  it("says the comrade who holds on to him, as planned", () => {
    const { s } = dryPrivateGripped();
    put(s, WANG, 5, 2);
    unit(s, WANG).ap = 2;
    const plan = planRound(s, "wang");
    expect(plan.steps).toContainEqual(expect.objectContaining({ unit: WANG, action: { type: "holdOn", unit: WANG, comrade: WP1 } }));
    expect(plan.idle).toEqual([{ unit: WP1, why: "held", comrade: WANG, grabber: expect.any(String), drag: 1, mag: 0, spareMags: 0 }]);
  });

  it("does not name a grabber the seat cannot see", () => {
    const { s, c } = dryPrivateGripped();
    const view = viewFor(s, "wang");
    expect(view.units.some((u) => u.id === c.id)).toBe(true);
    // the same position with the creature out of the view (as under the fog): the grip is told, not who
    const hidden: BattleState = { ...s, units: s.units.filter((u) => u.id !== c.id), intents: [] };
    const idle = planRound(hidden, "wang").idle.find((i) => i.unit === WP1)!;
    expect(idle.why).toBe("grabbedDry");
    expect(idle).not.toHaveProperty("grabber");
    expect(JSON.stringify(planRound(hidden, "wang"))).not.toContain(c.id);
  });
});
