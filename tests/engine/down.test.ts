/** The down status: a soldier at 0 hp is down, not dead; revived beside him for 2 AP, or he dies after the next round. */
import { describe, expect, it } from "vitest";
import { legalActions } from "../../shared/index.js";
import { TAKUMI, TP1, TP2, act, endRound, eventsOf, put, quiet, refused, setAcid, unit } from "./helpers.js";

/** takumi-private-1 at (7, 8) on acid 3 with 2 hp: the environment phase puts him down. */
function downed() {
  const s = quiet("last-stand");
  const v = unit(s, TP1);
  v.hp = 2;
  setAcid(s, v.x, v.y, 0, 3);
  const { state, events } = endRound(s);
  // the acid is gone from under him for the rest (so it does not finish him)
  setAcid(state, v.x, v.y, 0, 0);
  return { state, events };
}

describe("down", () => {
  it("at 0 hp a soldier is down: on the board, no AP, not dead", () => {
    const { state, events } = downed();
    const v = unit(state, TP1);
    expect(eventsOf(events, "down")).toEqual([{ type: "down", unit: TP1 }]);
    expect(v.fate).toBe("active");
    expect(v.hp).toBe(0);
    expect(v.ap).toBe(0);
    expect(v.down).toBeGreaterThan(0);
    expect(state.report.soldiersDead).toBe(0);
    refused(state, "takumi", { type: "move", unit: TP1, to: { x: 7, y: 9, level: 0 } }, "ERR_NO_AP");
  });

  it("a comrade beside him revives him for 2 AP, with 1 hp", () => {
    const { state } = downed();
    put(state, TAKUMI, 8, 8);
    expect(legalActions(state, "takumi")).toContainEqual({ type: "revive", unit: TAKUMI, comrade: TP1 });
    const { state: after, events } = act(state, "takumi", { type: "revive", unit: TAKUMI, comrade: TP1 });
    expect(events).toEqual([{ type: "revived", unit: TP1, by: TAKUMI }]);
    expect(unit(after, TP1)).toMatchObject({ hp: 1, down: 0 });
    expect(unit(after, TAKUMI).ap).toBe(0);
    const next = endRound(after).state;
    expect(unit(next, TP1).fate).toBe("active");
    expect(unit(next, TP1).ap).toBe(2);
  });

  it("not revived, he dies at the end of the next round; revive is refused unless beside a comrade who is down", () => {
    const { state } = downed();
    refused(state, "takumi", { type: "revive", unit: TAKUMI, comrade: TP2 }, "ERR_NOT_DOWN");
    put(state, TAKUMI, 12, 12);
    refused(state, "takumi", { type: "revive", unit: TAKUMI, comrade: TP1 }, "ERR_NOT_BESIDE");
    const { state: later, events } = endRound(state);
    expect(unit(later, TP1).fate).toBe("dead");
    expect(eventsOf(events, "died").map((e) => e.unit)).toContain(TP1);
    expect(later.report.soldiersDead).toBe(1);
  });

  it("any blow finishes a soldier who is down", () => {
    const { state } = downed();
    setAcid(state, 7, 8, 0, 2);
    const { state: later } = endRound(state);
    expect(unit(later, TP1).fate).toBe("dead");
  });
});
