/** Sight in the dust (docs/DESIGN.md §9): line of sight, vision range, the squad's shared (or split) vision. */
import { describe, it, expect } from "vitest";
import { canSee, visibleTiles, type BattleState } from "../../shared/index.js";
import { lineOfSight, squadSeesTile } from "../../shared/sight/sight.js";
import { autoplay } from "../../shared/ai/autoplay.js";
import { TAKUMI, TP1, TP2, WANG, WP1, WP2, fresh, idx, map, pos, put, quiet, removeUnits, unit } from "./helpers.js";

const seen = (s: BattleState, mask: Uint8Array, x: number, y: number, level = 0) => mask[idx(s, x, y, level)] === 1;

describe("line of sight", () => {
  const ls = map("last-stand");

  it("walls block it, but the first wall face is seen (a climber on it is visible)", () => {
    expect(lineOfSight(ls, pos(14, 13), pos(14, 14))).toBe(true); // the wall's face
    expect(lineOfSight(ls, pos(14, 13), pos(14, 15))).toBe(false); // behind the face
    expect(lineOfSight(ls, pos(15, 13), pos(15, 15))).toBe(true); // down the gap in the wall
  });

  it("vehicles block it: nothing is seen through the bus", () => {
    expect(lineOfSight(ls, pos(10, 5), pos(10, 8))).toBe(false);
    expect(lineOfSight(ls, pos(10, 5), pos(10, 6))).toBe(true);
    expect(lineOfSight(ls, pos(8, 7), pos(13, 7))).toBe(false);
  });

  it("rubble and dust do not block it", () => {
    expect(lineOfSight(ls, pos(8, 9), pos(8, 5))).toBe(true); // over the rubble at (8, 7) and (8, 6)
    expect(lineOfSight(ls, pos(0, 8), pos(8, 8))).toBe(true);
  });

  it("is symmetric for every pair of tiles in reach", () => {
    for (const m of [map("last-stand"), map("the-alley"), map("tower-test")])
      for (let level = 0; level < m.levels; level++)
        for (let ay = 0; ay < m.height; ay++)
          for (let ax = 0; ax < m.width; ax++)
            for (let by = Math.max(0, ay - 8); by <= Math.min(m.height - 1, ay + 8); by++)
              for (let bx = Math.max(0, ax - 8); bx <= Math.min(m.width - 1, ax + 8); bx++)
                if (lineOfSight(m, pos(ax, ay, level), pos(bx, by, level)) !== lineOfSight(m, pos(bx, by, level), pos(ax, ay, level)))
                  throw new Error(`${m.id}: sight (${ax},${ay}) <-> (${bx},${by}) on level ${level} is one-way`);
  });

  it("never crosses levels", () => {
    const t = map("tower-test");
    expect(lineOfSight(t, pos(4, 4, 1), pos(4, 4, 0))).toBe(false);
    expect(canSee(t, pos(4, 4, 1), pos(4, 4, 0))).toBe(false);
  });
});

describe("vision range", () => {
  it("a soldier sees 4 tiles in the dust (last-stand), not 5", () => {
    const s = quiet("last-stand", { keep: [TAKUMI] });
    const mask = visibleTiles(s);
    expect(seen(s, mask, 8, 9)).toBe(true);
    expect(seen(s, mask, 8, 13)).toBe(true);
    expect(seen(s, mask, 4, 5)).toBe(true); // the diagonal, 4 away
    expect(seen(s, mask, 3, 9)).toBe(false);
    expect(seen(s, mask, 8, 4)).toBe(false);
    expect(canSee(s.map, pos(8, 9), pos(12, 9))).toBe(true);
    expect(canSee(s.map, pos(8, 9), pos(13, 9))).toBe(false);
  });

  it("6 tiles on a clear map (tower-test), and only his own level", () => {
    const s = quiet("tower-test", { keep: [TAKUMI] });
    put(s, TAKUMI, 1, 1, 1);
    const mask = visibleTiles(s);
    expect(s.map.visionRange).toBe(6);
    expect(seen(s, mask, 6, 6, 1)).toBe(true);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) expect(seen(s, mask, x, y, 0)).toBe(false);
  });

  it("walls and the bus cut the seen area", () => {
    const s = quiet("last-stand", { keep: [TAKUMI] });
    put(s, TAKUMI, 10, 5);
    const mask = visibleTiles(s);
    expect(seen(s, mask, 10, 6)).toBe(true);
    expect(seen(s, mask, 10, 8)).toBe(false);
    expect(seen(s, mask, 11, 9)).toBe(false);
  });

  it("the squad's vision is the union of every active soldier's; the dead see nothing", () => {
    const s = quiet("last-stand");
    const all = visibleTiles(s);
    const union = new Uint8Array(all.length);
    for (const id of [TAKUMI, TP1, TP2, WANG, WP1, WP2]) {
      const one = structuredClone(s);
      one.units = one.units.filter((u) => u.id === id);
      visibleTiles(one).forEach((v, i) => { if (v) union[i] = 1; });
    }
    expect(Array.from(all)).toEqual(Array.from(union));
    for (const id of [TAKUMI, TP1, TP2]) unit(s, id).fate = "dead";
    const wangs = structuredClone(s);
    removeUnits(wangs, TAKUMI, TP1, TP2);
    expect(Array.from(visibleTiles(s))).toEqual(Array.from(visibleTiles(wangs)));
  });

  it("split vision: a seat sees only what its own soldiers see", () => {
    const s = quiet("last-stand");
    put(s, WANG, 19, 3);
    const takumi = visibleTiles(s, "takumi");
    const wang = visibleTiles(s, "wang");
    expect(seen(s, takumi, 3, 9)).toBe(true); // 4 from takumi-private-1 at (7, 8)
    expect(seen(s, wang, 3, 9)).toBe(false);
    expect(seen(s, wang, 21, 1)).toBe(true);
    expect(seen(s, takumi, 21, 1)).toBe(false);
  });
});

describe("one tile's verdict", () => {
  it("squadSeesTile agrees with the sight mask on every tile, seat and state of played battles (smoke too)", () => {
    let checked = 0, seenCount = 0;
    for (const [id, seed] of [["last-stand", 3], ["the-alley", 5], ["tower-test", 7], ["the-bus", 11]] as const) {
      let s = fresh(id, seed);
      for (let n = 0; n < 12 && s.phase === "player"; n++) {
        for (const seat of [undefined, "takumi", "wang"] as const) {
          const mask = visibleTiles(s, seat);
          for (let t = 0; t < mask.length; t++) {
            expect(squadSeesTile(s, t, seat)).toBe(mask[t] === 1);
            checked++;
            seenCount += mask[t];
          }
        }
        s = autoplay(s, ["takumi", "wang"], { max: 40 }).state;
      }
    }
    // the battles saw both kinds of tile
    expect(seenCount).toBeGreaterThan(100);
    expect(checked - seenCount).toBeGreaterThan(100);
  });
});
