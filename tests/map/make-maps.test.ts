import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderMaps } from "../../tools/make-maps.js";
import { parseMap } from "../../shared/map/parse.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("tools/make-maps.ts", () => {
  const maps = renderMaps();
  it("builds last-stand, the-alley, tower-test and the four story scenes", () => {
    expect(maps.map((m) => m.id).sort()).toEqual(["last-stand", "the-alley", "the-bus", "the-streets", "the-tower", "the-wall", "tower-test", "drill"].sort());
  });
  it.each(maps.map((m) => [m.id, m.text] as const))("maps/%s.tmj is up to date with the ASCII art (run `npm run maps`)", (id, text) => {
    expect(readFileSync(join(ROOT, "maps", `${id}.tmj`), "utf8")).toBe(text);
    expect(parseMap(`maps/${id}.tmj`, JSON.parse(text)).id).toBe(id);
  });
});
