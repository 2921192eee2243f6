/** Carrying a comrade who is down: Wang at full speed, anyone else at half; dropped when the carrier is grabbed. */
import { describe, expect, it } from "vitest";
import { legalActions, reachableTiles } from "../../shared/index.js";
import { HIT, TAKUMI, TP1, WANG, act, endRound, eventsOf, forceRolls, placeCreature, put, quiet, refused, setAcid, unit } from "./helpers.js";

/** takumi-private-1 down at (7, 8) (2 hp on acid 3, one environment phase). */
function downed() {
  const s = quiet("last-stand");
  const v = unit(s, TP1);
  v.hp = 2;
  setAcid(s, v.x, v.y, 0, 3);
  const { state } = endRound(s);
  setAcid(state, v.x, v.y, 0, 0);
  return state;
}

describe("carry", () => {
  it("a soldier beside him lifts him (1 AP): the carried man leaves the board and moves with him", () => {
    const s = downed();
    put(s, TAKUMI, 8, 8);
    expect(legalActions(s, "takumi")).toContainEqual({ type: "carry", unit: TAKUMI, comrade: TP1 });
    const { state, events } = act(s, "takumi", { type: "carry", unit: TAKUMI, comrade: TP1 });
    expect(events).toEqual([{ type: "carried", unit: TP1, by: TAKUMI }]);
    expect(unit(state, TP1)).toMatchObject({ fate: "carried", carriedBy: TAKUMI, x: 8, y: 8 });
    expect(unit(state, TAKUMI).carrying).toBe(TP1);
    const moved = act(state, "takumi", { type: "move", unit: TAKUMI, to: { x: 9, y: 9, level: 0 } }).state;
    expect(unit(moved, TP1)).toMatchObject({ x: 9, y: 9, fate: "carried" });
  });

  it("Wang carries at full speed, anyone else at half", () => {
    const s = downed();
    put(s, TAKUMI, 8, 8);
    put(s, WANG, 6, 8);
    const a = act(s, "takumi", { type: "carry", unit: TAKUMI, comrade: TP1 }).state;
    // 1 AP left: takumi moves 2 tiles with his man, not 4
    expect(Math.max(...reachableTiles(a, TAKUMI).map((t) => t.cost))).toBe(2);
    const b = act(s, "wang", { type: "carry", unit: WANG, comrade: TP1 }).state;
    expect(Math.max(...reachableTiles(b, WANG).map((t) => t.cost))).toBe(4);
  });

  it("drop sets him down beside the carrier; carrying needs a comrade who is down", () => {
    const s = downed();
    put(s, TAKUMI, 8, 8);
    refused(s, "takumi", { type: "carry", unit: TAKUMI, comrade: "takumi-private-2" }, "ERR_NOT_DOWN");
    refused(s, "takumi", { type: "drop", unit: TAKUMI }, "ERR_NOT_CARRYING");
    const carried = act(s, "takumi", { type: "carry", unit: TAKUMI, comrade: TP1 }).state;
    const { state, events } = act(carried, "takumi", { type: "drop", unit: TAKUMI });
    const drop = eventsOf(events, "dropped")[0];
    expect(drop).toMatchObject({ unit: TP1, by: TAKUMI });
    expect(unit(state, TP1)).toMatchObject({ fate: "active", carriedBy: null, x: drop.at.x, y: drop.at.y });
    expect(Math.max(Math.abs(drop.at.x - 8), Math.abs(drop.at.y - 8))).toBe(1);
  });

  it("a carrier who is grabbed drops his man", () => {
    const s = downed();
    put(s, TAKUMI, 8, 8);
    const carried = act(s, "takumi", { type: "carry", unit: TAKUMI, comrade: TP1 }).state;
    const c = placeCreature(carried, "snatcher", 8, 7);
    forceRolls(carried, HIT);
    // announced by hand: it lunges at the carrier from where it stands
    carried.intents = [{ unit: c.id, order: 1, kind: "grab", moveTo: { x: 8, y: 7, level: 0 }, target: { x: 8, y: 8, level: 0 }, area: [{ x: 8, y: 8, level: 0 }], damage: 0, victim: TAKUMI, dragPath: [], countdown: 0 }];
    c.unseenAtPhaseStart = false;
    const { state, events } = endRound(carried);
    expect(unit(state, TAKUMI).grabbedBy).toBe(c.id);
    expect(eventsOf(events, "dropped").map((e) => e.unit)).toEqual([TP1]);
    expect(unit(state, TP1).fate).not.toBe("carried");
    expect(unit(state, TAKUMI).carrying).toBeNull();
  });
});
