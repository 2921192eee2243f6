/** Tags kept whole on a narrow screen (labels.ts) and a banner kept off them (band.ts): pure layout. */
import { describe, expect, it } from "vitest";
import { layoutLabels, wrapText } from "../../client/src/board/labels.js";
import { freeBand } from "../../client/src/battle/band.js";

const measure = (t: string) => t.length * 7;

describe("tags on a narrow screen", () => {
  it("two threats on one tile too wide for the board in sight: a line each, both named, nothing folded", () => {
    const bounds = { x: 0, y: 0, w: 120, h: 200 };
    const items = ["LUNGE → TAKUMI-2", "SPIT −2"].map((text, i) => ({ id: `a${i}`, text, color: 0, ax: 60, ay: 100, priority: 50, group: "tile:1" }));
    const [tag] = layoutLabels(items, measure, 12, bounds);
    expect(tag.text).toBe("LUNGE → TAKUMI-2\nSPIT −2");
    expect(tag.h).toBe(24);
    expect(tag.x + tag.w).toBeLessThanOrEqual(bounds.w);
    expect(tag.count).toBe(2);
  });

  it("a line is cut at its ' · ' first, then at its spaces", () => {
    expect(wrapText("A · B C", measure, 100)).toEqual(["A", "B C"]);
    expect(wrapText("AAAA BBBB CCCC", measure, 60)).toEqual(["AAAA", "BBBB", "CCCC"]);
  });

  it("a tag above a unit in the top row goes below it rather than onto it", () => {
    const bounds = { x: 0, y: 0, w: 300, h: 300 };
    const [tag] = layoutLabels([{ id: "s", text: "GRABBED", color: 0, ax: 150, ay: 4, priority: 75 }], measure, 12, bounds, [{ x: 140, y: 0, w: 20, h: 20 }]);
    expect(tag.y).toBeGreaterThanOrEqual(20);
  });
});

describe("the banner's band", () => {
  it("the band nearest its own that covers nothing; the least covered when all do", () => {
    const area = { x: 0, y: 0, w: 400, h: 400 };
    const size = { w: 200, h: 40 };
    expect(freeBand(area, size, [], 88)).toBeCloseTo(88, -1);
    const c = freeBand(area, size, [{ x: 150, y: 60, w: 100, h: 60 }], 88);
    expect(c + 24 <= 60 || c - 24 >= 120).toBe(true);
    const full = freeBand(area, size, [{ x: 0, y: 0, w: 400, h: 300 }, { x: 0, y: 300, w: 10, h: 100 }], 88);
    expect(full).toBeGreaterThan(300);
  });
});
