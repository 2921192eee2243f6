/**
 * The engine's previews name every unit as the board and the lists do (client/src/intentWords.ts,
 * words.ts): a creature by its order badge ("Snatcher 1", never an id or "(order 1)"), a civilian
 * as "Civilian 2". Crafted positions, the engine's own previews.
 */
import { describe, expect, it } from "vitest";
import { createBattle, previewAction, toWire, viewFor, type BattleState } from "../../shared/index.js";
import { creatureName, tagName } from "../../client/src/intentWords.js";
import { unitName } from "../../client/src/words.js";
import { planLine } from "../../client/src/partner/planWords.js";
import { TAKUMI, TP1, TP2, map, placeCreature, put, quiet, removeUnits, replan } from "../engine/helpers.js";

const wire = (s: BattleState) => toWire(viewFor(s, "takumi"));

describe("previews name things as the board does", () => {
  it("a move under a spit: the Spitter by its order badge, as the list names it", () => {
    const s = quiet("last-stand");
    put(s, TP1, 8, 8);
    const c = placeCreature(s, "spitter", 8, 11);
    replan(s);
    const spit = s.intents.find((i) => i.unit === c.id)!;
    expect(spit.kind).toBe("spit");
    const shown = creatureName(wire(s), c.id);
    expect(shown).toBe(`Spitter ${spit.order}`);
    // someone else steps onto the spat tile
    const to = spit.target!;
    removeUnits(s, TP1);
    put(s, TP2, to.x + 1, to.y);
    const p = previewAction(s, "takumi", { type: "move", unit: TP2, to });
    const texts = p.consequences.map((x) => x.text).join(" | ");
    expect(texts).toContain(`ends where ${shown} will spit`);
    expect(texts).not.toMatch(/\(order \d+\)|\bc\d+\b|the Spitter/);
  });

  it("a kill: the creature that dies is named as the board named it", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 9, 12);
    const c = placeCreature(s, "snatcher", 8, 12, 0, 1);
    replan(s);
    const shown = creatureName(wire(s), c.id);
    const p = previewAction(s, "takumi", { type: "butt", unit: TAKUMI, target: c.id });
    expect(p.consequences.find((x) => x.kind === "dies")?.text).toBe(`${shown} dies`);
  });

  it("a civilian caught in a blast: named as the tile panel and the tags name him", () => {
    const s = createBattle({ ...map("the-bus"), waves: [] }, 1);
    s.units = s.units.filter((u) => u.side !== "creature");
    s.intents = [];
    put(s, TAKUMI, 4, 7);
    const p = previewAction(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 1, y: 6, level: 0 } });
    const hurt = p.consequences.find((x) => x.unit === "civilian-1" && x.kind === "damage");
    expect(hurt?.text.startsWith(`${unitName(wire(s), "civilian-1")} takes`)).toBe(true);
    expect(tagName(wire(s), "civilian-1")).toBe("CIVILIAN 1");
  });

  it("the partner's plan and the log name a creature by its badge too, not by its number", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 9, 12);
    // a creature numbered far from its place in the order: a badge of 1 against the number 47
    const c = placeCreature(s, "snatcher", 8, 12, 0, 1);
    c.id = "c47";
    replan(s);
    const it = s.intents.find((i) => i.unit === c.id)!;
    expect(c.id.replace(/^c/, "")).not.toBe(String(it.order));
    const w = wire(s);
    expect(unitName(w, c.id)).toBe(`Snatcher ${it.order}`);
    expect(unitName(w, c.id)).toBe(creatureName(w, c.id));
    expect(planLine(w, { unit: TAKUMI, action: { type: "shoot", unit: TAKUMI, target: c.id }, chance: 55 } as never)).toBe(`Takumi will shoot Snatcher ${it.order} (55%)`);
  });
});
