/** Routes avoid acid: among routes of equal cost a move takes the one entering the least acid, then the least exposure. */
import { describe, expect, it } from "vitest";
import { findPath, hazardAcid, soldierField } from "../../shared/index.js";
import { TAKUMI, act, eventsOf, idx, put, quiet, setAcid, unit, withPerimeter } from "./helpers.js";

describe("routes", () => {
  it("a move steps around acid when a route of the same cost exists", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    setAcid(s, 9, 9, 0, 3);
    const path = findPath(s, TAKUMI, { x: 10, y: 9, level: 0 })!;
    expect(path).toHaveLength(2);
    expect(path[0]).not.toEqual({ x: 9, y: 9, level: 0 });
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 10, y: 9, level: 0 } });
    expect(eventsOf(events, "damaged")).toEqual([]);
    expect(unit(state, TAKUMI).hp).toBe(unit(s, TAKUMI).hp);
  });

  it("the movement field carries the acid a route enters, for previews", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    for (let y = 0; y < s.map.height; y++) setAcid(s, 9, y, 0, 2);
    const { field } = soldierField(s, unit(s, TAKUMI));
    expect(hazardAcid(field.hazard![idx(s, 10, 9)])).toBe(2);
    expect(hazardAcid(field.hazard![idx(s, 7, 9)])).toBe(0);
  });

  it("on equal cost and acid, the route keeps inside the line", () => {
    const s = quiet("last-stand");
    withPerimeter(s, { cx: 12, cy: 10, radius: 3, breakPoint: 0, squeezeCorpses: 99, squeezeEveryRounds: 0 });
    put(s, TAKUMI, 8, 9);
    // from (8, 9) to (8, 11), cost 2 by (7, 10), (8, 10) or (9, 10): only (9, 10) lies inside the line (x >= 9)
    const path = findPath(s, TAKUMI, { x: 8, y: 11, level: 0 })!;
    expect(path).toHaveLength(2);
    expect(path[0]).toEqual({ x: 9, y: 10, level: 0 });
  });
});

describe("routes at equal AP", () => {
  it("a move takes a longer route that costs the same AP to keep out of acid", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    // acid on every tile of x = 9 from y 8 to 10: the 2-point routes cross it; a 4-point route round the bottom does not
    for (const y of [8, 9, 10]) setAcid(s, 9, y, 0, 2);
    const path = findPath(s, TAKUMI, { x: 10, y: 9, level: 0 })!;
    expect(path.length).toBeGreaterThan(2);
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 10, y: 9, level: 0 } });
    expect(eventsOf(events, "damaged")).toEqual([]);
    expect(unit(state, TAKUMI).ap).toBe(1); // still 1 AP, as the cheapest route would cost
    const { field } = soldierField(s, unit(s, TAKUMI));
    expect(hazardAcid(field.hazard![idx(s, 10, 9)])).toBe(0);
  });
});

describe("creature searches on scratch arrays", () => {
  it("give the same field as a fresh search, time after time", async () => {
    const { creatureReach, costField, occupancy } = await import("../../shared/movement/path.js");
    const s = quiet("last-stand");
    const occ = occupancy(s);
    for (const [x, y] of [[3, 3], [15, 9], [8, 12], [3, 3]]) {
      const fresh = costField(s, { x, y, level: 0 }, true, 5, occ);
      const scratch = creatureReach(s, { x, y, level: 0 }, 5, occ);
      expect(Array.from(scratch.dist)).toEqual(Array.from(fresh.dist));
      expect([...scratch.reached].sort((a, b) => a - b)).toEqual([...fresh.dist.keys()].filter((i) => fresh.dist[i] >= 0));
      scratch.release();
    }
  });

  it("are re-entrant: a second search while the first is held gets its own arrays, and both stay true", async () => {
    const { creatureReach, costField, occupancy } = await import("../../shared/movement/path.js");
    const s = quiet("last-stand");
    const occ = occupancy(s);
    const a = creatureReach(s, { x: 3, y: 3, level: 0 }, 5, occ);
    const b = creatureReach(s, { x: 15, y: 9, level: 0 }, 5, occ);
    expect(b.dist).not.toBe(a.dist);
    expect(Array.from(a.dist)).toEqual(Array.from(costField(s, { x: 3, y: 3, level: 0 }, true, 5, occ).dist));
    // the first search's list of tiles reached is its own too (the queue is part of its scratch)
    expect(Array.from(a.reached)).toEqual(Array.from(costField(s, { x: 3, y: 3, level: 0 }, true, 5, occ).reached!));
    expect(Array.from(b.dist)).toEqual(Array.from(costField(s, { x: 15, y: 9, level: 0 }, true, 5, occ).dist));
    b.release();
    a.release();
    a.release(); // twice is harmless: the arrays go back to the pool once
    const c = creatureReach(s, { x: 8, y: 12, level: 0 }, 5, occ);
    const d = creatureReach(s, { x: 8, y: 12, level: 0 }, 5, occ);
    expect(c.dist).not.toBe(d.dist);
    expect(Array.from(c.dist)).toEqual(Array.from(d.dist));
    c.release();
    d.release();
  });
});
