/**
 * A soldier who goes down stops: a walk that puts its walker down ends on that tile, and
 * a holder who went down has let go. Fixed positions, the engine's own rules.
 */
import { describe, expect, it } from "vitest";
import { RULES, type Unit } from "../../shared/index.js";
import { TAKUMI, TP1, act, endRound, eventsOf, placeCreature, put, quiet, replan, setAcid, unit } from "./helpers.js";

describe("a soldier who goes down stops", () => {
  it("acid that puts him down on his own move ends the walk there, and he is not finished off by the rest of it", () => {
    const s = quiet("last-stand");
    const v = put(s, TP1, 8, 8);
    v.hp = 2;
    // a wall of acid 3 across his way east (three rows: no route around it within his AP), and acid
    // 1 on the tile beyond, which would finish him if he walked on
    for (let y = 5; y <= 11; y++) setAcid(s, 9, y, 0, 3);
    setAcid(s, 10, 8, 0, 1);
    const { state, events } = act(s, "takumi", { type: "move", unit: TP1, to: { x: 11, y: 8, level: 0 } });
    const after = unit(state, TP1);
    expect(eventsOf(events, "down").map((e) => e.unit)).toEqual([TP1]);
    expect(after.x).toBe(9);
    expect(after.fate).toBe("active");
    expect(after.down).toBe(RULES.down.rounds);
    expect(eventsOf(events, "died")).toEqual([]);
    // the walk told stops on the tile where he fell
    const walked = eventsOf(events, "moved").flatMap((e) => e.path);
    expect(walked[walked.length - 1]).toMatchObject({ x: 9, y: 8 });
  });

  it("a holder who goes down before the drag lets go: the drag goes on", () => {
    const s = quiet("last-stand");
    const victim = put(s, TP1, 8, 8);
    const holder = put(s, TAKUMI, 9, 8);
    const snatcher = placeCreature(s, "snatcher", 7, 8);
    snatcher.grabbing = victim.id;
    victim.grabbedBy = snatcher.id;
    victim.ap = 0;
    replan(s);
    const held = act(s, "takumi", { type: "holdOn", unit: TAKUMI, comrade: TP1 }).state;
    // he goes down before the enemy phase drags (as a blow earlier in the order would put him)
    const h: Unit = unit(held, TAKUMI);
    h.hp = 0; h.down = RULES.down.rounds;
    const { events } = endRound(held);
    expect(eventsOf(events, "tugged")).toEqual([]);
    expect(eventsOf(events, "dragged").length).toBeGreaterThan(0);
    expect(holder.id).toBe(TAKUMI);
  });
});
