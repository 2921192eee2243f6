/** The tag layout (client/src/board/labels.ts): none overlaps another, same-tile tags fold into one. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldGroups, layoutLabels, type Box, type LabelItem } from "../../client/src/board/labels.js";

const measure = (t: string) => t.length * 7;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const bounds = { x: 0, y: 0, w: 22 * 32, h: 16 * 32 };

describe("tag layout", () => {
  it("two attacks on one tile fold into one tag; more become a count with the total damage", () => {
    const two = foldGroups([
      { id: "a", text: "GRAB", color: 0, ax: 10, ay: 10, priority: 1, group: "t1" },
      { id: "b", text: "SPIT −2", color: 0, ax: 10, ay: 10, priority: 1, group: "t1" },
    ]);
    expect(two).toHaveLength(1);
    expect(two[0].text).toBe("GRAB · SPIT −2");
    const three = foldGroups(["SPIT −2", "POUNCE −2", "GRAB"].map((text, i) => ({ id: `x${i}`, text, color: 0, ax: 5, ay: 5, priority: 1, group: "t" })));
    expect(three[0]).toMatchObject({ text: "3 ATTACKS −4", count: 3 });
  });

  it("tags all anchored on the same spot are spread out, never on top of each other", () => {
    const items: LabelItem[] = Array.from({ length: 8 }, (_, i) => ({ id: `l${i}`, text: `TAG ${i}`, color: 0, ax: 300, ay: 200, priority: i }));
    const placed = layoutLabels(items, measure, 12, bounds);
    expect(placed.length).toBeGreaterThan(4);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j])).toBe(false);
  });

  it("property: whatever the tags and anchors, no two placed tags overlap and all stay on the board", () => {
    const item = fc.record({
      text: fc.string({ minLength: 1, maxLength: 14 }),
      ax: fc.integer({ min: 0, max: bounds.w }),
      ay: fc.integer({ min: 0, max: bounds.h }),
      priority: fc.integer({ min: 0, max: 100 }),
      group: fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (raw) => {
        const items = raw.map((r, i) => ({ ...r, id: `i${i}`, color: 0 }));
        const placed = layoutLabels(items, measure, 12, bounds, [{ x: 100, y: 100, w: 20, h: 20 }]);
        for (const p of placed) {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.y).toBeGreaterThanOrEqual(0);
          expect(p.x + p.w).toBeLessThanOrEqual(bounds.w);
          expect(p.y + p.h).toBeLessThanOrEqual(bounds.h);
        }
        for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j])).toBe(false);
      }),
      { numRuns: 200, seed: 5001 },
    );
  });
});
