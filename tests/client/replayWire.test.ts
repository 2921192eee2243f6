/**
 * The replay viewer's picture of a recorded state (client/src/replayWire.ts): a creature killed
 * since it announced its intent has no intent drawn (a dead Snatcher's lunge once was).
 */
import { describe, expect, it } from "vitest";
import { clearCreatures, placeCreature, quiet, replan } from "../engine/helpers.js";
import { replayWire } from "../../client/src/replayWire.js";

describe("the replay's wire", () => {
  it("draws a living creature's intent, not a dead one's", () => {
    const s = quiet("last-stand");
    clearCreatures(s);
    const a = placeCreature(s, "snatcher", 8, 5);
    const b = placeCreature(s, "snatcher", 12, 5);
    replan(s);
    expect(s.intents.map((i) => i.unit).sort()).toEqual([a.id, b.id].sort());
    expect(replayWire(s).intents.map((i) => i.unit).sort()).toEqual([a.id, b.id].sort());
    a.fate = "dead";
    a.hp = 0;
    const w = replayWire(s);
    expect(w.intents.map((i) => i.unit)).toEqual([b.id]);
    // the fog is lifted: every tile visible
    expect(Array.from(w.visible ?? []).every((v) => v === 1)).toBe(true);
  });
});
