/** Rule module: the shrinking perimeter (docs/DESIGN.md §7). */
import { describe, it, expect } from "vitest";
import { exposedSoldiers, type BattleState } from "../../shared/index.js";
import {
  HIT, MISS, TAKUMI, TP1, WANG, WP1, act, endRound, eventsOf, forceRolls, fresh, placeCreature, put, quiet,
  replan, setCorpse, unit, withPerimeter,
} from "./helpers.js";

const CX = 11, CY = 8;

/** A quiet last-stand board with a line of radius `radius` around (11, 8). */
function circle(radius = 5, opts: { breakPoint?: number; squeezeCorpses?: number; squeezeEveryRounds?: number } = {}): BattleState {
  const s = quiet("last-stand");
  withPerimeter(s, {
    cx: CX, cy: CY, radius,
    breakPoint: opts.breakPoint ?? 2,
    squeezeCorpses: opts.squeezeCorpses ?? 2,
    squeezeEveryRounds: opts.squeezeEveryRounds ?? 0,
  });
  return s;
}

describe("perimeter: exposure", () => {
  it("the shipped last-stand opens with a line around the bus and nobody outside it", () => {
    const s = fresh("last-stand");
    expect(s.perimeter).not.toBeNull();
    expect(s.perimeter!.radius).toBe(s.map.perimeter!.radius);
    expect(s.perimeter!.broken).toBe(false);
    expect(exposedSoldiers(s)).toEqual([]);
  });

  it("a soldier outside the line (Chebyshev distance > radius) is exposed; on the line he is not", () => {
    const s = circle(5);
    put(s, WP1, CX + 6, CY); // distance 6
    put(s, TP1, CX - 5, CY + 3); // distance 5: on the line, inside
    expect(exposedSoldiers(s)).toEqual([WP1]);
  });

  it("a grabbed soldier is not exposed, and nobody is once the line has broken", () => {
    const s = circle(5);
    put(s, WP1, CX + 6, CY);
    const c = placeCreature(s, "snatcher", CX + 7, CY);
    c.grabbing = WP1;
    unit(s, WP1).grabbedBy = c.id;
    expect(exposedSoldiers(s)).toEqual([]);
    unit(s, WP1).grabbedBy = null;
    c.grabbing = null;
    expect(exposedSoldiers(s)).toEqual([WP1]);
    s.perimeter!.broken = true;
    expect(exposedSoldiers(s)).toEqual([]);
  });

  it("an exposed soldier is grabbed without a roll by a Snatcher passing next to him", () => {
    const s = circle(5);
    put(s, WP1, 18, 8); // distance 7: exposed
    const c = placeCreature(s, "snatcher", 21, 8);
    replan(s);
    expect(s.intents.find((i) => i.unit === c.id)!.kind).toBe("grab");
    forceRolls(s, MISS); // a roll would miss
    const rngBefore = s.rng;
    const { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: WP1, roll: false, hit: true }]);
    expect(unit(state, WP1).grabbedBy).toBe(c.id);
    expect(unit(state, c.id).grabbing).toBe(WP1);
    expect(state.rng).toBe(rngBefore); // no roll was drawn at all
    // the walk is told before the grab it ends in
    const order = events.filter((e) => (e.type === "moved" && e.unit === c.id) || e.type === "grabbed").map((e) => e.type);
    expect(order).toEqual(["moved", "grabbed"]);
  });

  it("the same Snatcher against a soldier inside the line must roll (and here misses)", () => {
    const s = quiet("last-stand"); // no perimeter: nobody is exposed
    put(s, WP1, 18, 8);
    const c = placeCreature(s, "snatcher", 21, 8);
    replan(s);
    forceRolls(s, MISS);
    const { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: WP1, roll: true, hit: false }]);
    expect(unit(state, WP1).grabbedBy).toBeNull();
  });

  it("a hidden Snatcher, which may only move, still grabs an exposed soldier it passes (the one exception)", () => {
    const s = circle(5);
    put(s, WP1, 18, 8);
    const c = placeCreature(s, "snatcher", 21, 2); // 6 tiles away in the dust: unseen
    replan(s);
    const intent = s.intents.find((i) => i.unit === c.id)!;
    expect(unit(s, c.id).unseenAtPhaseStart).toBe(true);
    expect(intent.kind).toBe("move");
    expect(intent.target).toBeNull();
    const { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: WP1, roll: false, hit: true }]);
    expect(unit(state, WP1).grabbedBy).toBe(c.id);
  });
});

describe("perimeter: the squeeze", () => {
  it("the radius falls by 1 for every 2 corpses lying within 1 tile outside the line", () => {
    const s = circle(5);
    setCorpse(s, CX + 6, CY, 0, 1);
    setCorpse(s, CX - 6, CY - 2, 0, 1);
    setCorpse(s, CX, CY + 6, 0, 1); // a third: still one drop (whole pairs only)
    const { state, events } = endRound(s);
    expect(state.perimeter!.radius).toBe(4);
    expect(eventsOf(events, "squeezed")).toHaveLength(1);
    expect(eventsOf(events, "squeezed")[0].radius).toBe(4);
  });

  it("four corpses at the line drop it by 2; corpses inside the line or 2 tiles out do nothing", () => {
    const s = circle(5);
    for (const [x, y] of [[CX + 6, CY], [CX - 6, CY], [CX, CY + 6], [CX + 6, CY + 6]]) setCorpse(s, x, y, 0, 1);
    expect(endRound(s).state.perimeter!.radius).toBe(3);

    const t = circle(5);
    for (const [x, y] of [[CX + 5, CY], [CX - 5, CY], [CX + 7, CY], [CX - 7, CY]]) setCorpse(t, x, y, 0, 1);
    const after = endRound(t);
    expect(after.state.perimeter!.radius).toBe(5);
    expect(eventsOf(after.events, "squeezed")).toEqual([]);
  });

  it("two corpses on one tile count as two", () => {
    const s = circle(5);
    setCorpse(s, CX + 6, CY - 1, 0, 2);
    expect(endRound(s).state.perimeter!.radius).toBe(4);
  });

  it("the radius falls by 1 every 4 rounds regardless", () => {
    let s = circle(5, { squeezeEveryRounds: 4 });
    const radii: number[] = [];
    for (let r = 1; r <= 8; r++) {
      s = endRound(s).state;
      radii.push(s.perimeter!.radius);
    }
    expect(radii).toEqual([5, 5, 5, 4, 4, 4, 4, 3]);
  });

  it("never below 1", () => {
    let s = circle(2, { breakPoint: 0 });
    for (const [x, y] of [[CX + 3, CY], [CX - 3, CY], [CX, CY + 3], [CX, CY - 3], [CX + 3, CY + 3], [CX - 3, CY - 3]]) setCorpse(s, x, y, 0, 1);
    s = endRound(s).state;
    expect(s.perimeter!.radius).toBe(1);
    for (const [x, y] of [[CX + 2, CY], [CX - 2, CY], [CX, CY + 2], [CX, CY - 2]]) setCorpse(s, x, y, 0, 1);
    s = endRound(s).state;
    expect(s.perimeter!.radius).toBe(1);
    expect(s.perimeter!.nextRadius).toBe(1);
  });
});

describe("perimeter: the next radius is shown in advance", () => {
  it("each player phase shows the radius its environment phase will leave", () => {
    let s = circle(6, { squeezeEveryRounds: 3, breakPoint: 0 });
    for (let r = 1; r <= 9; r++) {
      const shown = s.perimeter!.nextRadius;
      s = endRound(s).state;
      expect(s.perimeter!.radius, `round ${r}`).toBe(shown);
    }
    expect(s.perimeter!.radius).toBe(3);
  });

  it("a kill just outside the line updates the shown next radius at once", () => {
    const s = circle(5);
    setCorpse(s, CX - 6, CY, 0, 1);
    const c = placeCreature(s, "snatcher", CX + 6, CY, 0, 1); // (17, 8), 3 tiles from wang-private-1
    forceRolls(s, HIT);
    expect(s.perimeter!.nextRadius).toBe(5);
    const { state } = act(s, "wang", { type: "shoot", unit: WP1, target: c.id });
    expect(unit(state, c.id).fate).toBe("dead");
    expect(state.perimeter!.nextRadius).toBe(4);
    expect(state.perimeter!.radius).toBe(5);
  });
});

describe("perimeter: the break point", () => {
  it("the line breaks on the round announced from the first, and the objective turns to extract", () => {
    let s = circle(5, { breakPoint: 2, squeezeEveryRounds: 1 });
    expect(s.perimeter!.breakOutRound).toBe(3); // the timer alone needs (5 - 2) × 1 rounds
    expect(s.objective).toBe("hold");
    for (let r = 1; r < 3; r++) {
      s = endRound(s).state;
      expect(s.perimeter!.broken, `round ${r}`).toBe(false);
    }
    const { state, events } = endRound(s);
    expect(state.perimeter!.broken).toBe(true);
    expect(state.objective).toBe("extract");
    expect(eventsOf(events, "perimeterBroken")).toHaveLength(1);
    expect(eventsOf(events, "objective")).toEqual([{ type: "objective", stage: "extract" }]);
    expect(state.report.ringFromRounds).toBe(3);
    // a broken line squeezes no more
    setCorpse(state, CX + 3, CY, 0, 4);
    const later = endRound(state).state;
    expect(later.perimeter!.radius).toBe(state.perimeter!.radius);
    expect(later.phase).toBe("player");
  });

  it("corpses at the line squeeze the ring but never bring the break-out nearer", () => {
    const s = circle(3, { breakPoint: 2 });
    const scheduled = s.perimeter!.breakOutRound;
    expect(scheduled).toBe(s.map.maxRounds);
    setCorpse(s, CX + 4, CY, 0, 1);
    setCorpse(s, CX - 4, CY, 0, 1);
    const { state, events } = endRound(s);
    expect(state.perimeter!.radius).toBe(2);
    expect(state.perimeter!.broken).toBe(false);
    expect(state.objective).toBe("hold");
    expect(eventsOf(events, "perimeterBroken")).toEqual([]);
    expect(state.report.ringFromCorpses).toBe(1);
    expect(state.perimeter!.breakOutRound).toBe(scheduled);
  });

  it("once extracting, a soldier standing on an exit at the end of the round gets out", () => {
    const s = circle(3, { breakPoint: 2 });
    s.perimeter!.broken = true;
    s.objective = "extract";
    put(s, TAKUMI, 4, 0); // an exit in the north wall
    const { state, events } = endRound(s);
    expect(unit(state, TAKUMI).fate).toBe("extracted");
    expect(eventsOf(events, "extracted")).toEqual([{ type: "extracted", unit: TAKUMI }]);
    expect(unit(state, WANG).fate).toBe("active");
  });
});
