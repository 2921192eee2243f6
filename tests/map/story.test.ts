/** The four story scenes the campaign adds: each has its briefing, its own rule, and plays whole bot battles. */
import { describe, it, expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { createBattle, SCENE_IDS, Terrain, tileIndex } from "../../shared/index.js";
import { scheduledBreakOut } from "../../shared/rules/perimeter.js";
import { playBattle } from "../../tools/play.js";

describe("the story scenes", () => {
  it("the campaign's six scenes are shipped maps, in story order, each with a briefing from the story (the two older maps excepted)", () => {
    expect(SCENE_IDS).toEqual(["the-bus", "the-alley", "last-stand", "the-streets", "the-tower", "the-wall"]);
    for (const id of ["the-bus", "the-streets", "the-tower", "the-wall"]) {
      const m = loadMapById(id);
      expect(m.briefing, id).toMatch(/\w+ \w+ \w+/);
      // every scene starts the same six soldiers, so a campaign carries them by id
      expect(m.soldiers.map((s) => s.kind).sort()).toEqual(["private", "private", "private", "private", "takumi", "wang"]);
    }
  });

  it("the-bus: the power cell burns from round 1 (a burning vehicle), and the countdown is the last round", () => {
    const m = loadMapById("the-bus");
    expect(m.fires).toHaveLength(1);
    const f = m.fires![0];
    const s = createBattle(m, 1);
    const i = tileIndex(m, f.x, f.y, f.level);
    expect(s.layers.terrain[i]).toBe(Terrain.vehicle);
    expect(s.layers.fire[i]).toBe(m.maxRounds);
    expect(m.objective.kind).toBe("reach");
  });

  it("a map without fires starts with none (the rule is inert elsewhere)", () => {
    const s = createBattle(loadMapById("last-stand"), 1);
    expect(s.layers.fire.every((v) => v === 0)).toBe(true);
  });

  it("the-tower: at least three levels, linked by stairs on each, the families upstairs, the way out on the ground", () => {
    const m = loadMapById("the-tower");
    expect(m.levels).toBeGreaterThanOrEqual(3);
    for (let l = 0; l < m.levels; l++) {
      let stairs = 0;
      for (let i = l * m.width * m.height; i < (l + 1) * m.width * m.height; i++) if (m.terrain[i] === Terrain.stairs) stairs++;
      expect(stairs, `level ${l}`).toBeGreaterThan(0);
    }
    // the families on the top floor: grown-ups and children (carried down), at least two to save
    const families = m.civilians ?? [];
    expect(families.length).toBeGreaterThan(0);
    expect(families.every((c) => c.level === m.levels - 1)).toBe(true);
    expect(families.some((c) => c.kind === "child")).toBe(true);
    expect(m.saveAtLeast).toBeGreaterThan(0);
    expect(m.objective.kind).toBe("escape");
    expect(m.soldiers.every((s) => s.level === 0)).toBe(true);
    expect(m.spawns.some((p) => p.level > 0)).toBe(true);
  });

  it("the-streets: people flee along the street (civilians), the way home at the far edge, some of them to save", () => {
    const m = loadMapById("the-streets");
    expect(m.objective.kind).toBe("escape");
    expect((m.civilians ?? []).filter((c) => c.kind === "civilian").length).toBeGreaterThanOrEqual(3);
    expect(m.objective.extract.every((e) => e.x === m.width - 1)).toBe(true);
    expect(m.saveAtLeast).toBeGreaterThan(0);
    expect(m.saveAtLeast).toBeLessThanOrEqual(m.civilians!.length);
  });

  it("the-wall: the gate opens late, and the waves come every round to the end and grow", () => {
    const m = loadMapById("the-wall");
    // the squad must hold the line for the night before the gate opens
    expect(scheduledBreakOut(m)).toBeGreaterThanOrEqual(8);
    expect(m.waves.map((w) => w.round)).toEqual(Array.from({ length: m.maxRounds }, (_, i) => i + 1));
    const sizes = m.waves.map((w) => w.creatures.reduce((n, c) => n + c.count, 0));
    sizes.forEach((n, i) => i > 0 && expect(n).toBeGreaterThanOrEqual(sizes[i - 1]));
    expect(sizes[m.maxRounds - 1]).toBeGreaterThanOrEqual(3 * sizes[0]);
  });

  it.each(["the-bus", "the-streets", "the-tower", "the-wall"])("%s: bots play whole battles to an end, and win some and lose some over 12 seeds", (id) => {
    const m = loadMapById(id);
    const outcomes = new Set<string>();
    let extracted = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const s = playBattle(m, seed).state;
      expect(s.phase).toBe("ended");
      outcomes.add(s.outcome!);
      extracted += s.units.filter((u) => u.side === "squad" && u.fate === "extracted").length;
    }
    // the bot understands the objective: it reaches the goal and gets soldiers out
    expect(extracted).toBeGreaterThan(0);
    expect(outcomes.has("won")).toBe(true);
  });

  it("the bots save civilians: on the-streets runners get across, on the-tower children are carried out", () => {
    let streets = 0, children = 0;
    for (let seed = 1; seed <= 12; seed++) {
      streets += playBattle(loadMapById("the-streets"), seed).state.civiliansSaved;
      const t = playBattle(loadMapById("the-tower"), seed).state;
      children += t.units.filter((u) => u.kind === "child" && u.fate === "extracted").length;
    }
    expect(streets).toBeGreaterThan(0);
    expect(children).toBeGreaterThan(0);
  });
});
