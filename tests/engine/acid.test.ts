/** Rule module: acid blood (docs/DESIGN.md §6). */
import { describe, it, expect } from "vitest";
import { Terrain } from "../../shared/index.js";
import {
  HIT, TAKUMI, TP1, TP2, WANG, WP1, acidAt, act, corpseAt, endRound, eventsOf, forceRolls, idx, placeCreature,
  put, quiet, refused, setAcid, setCorpse, terrainAt, unit,
} from "./helpers.js";

describe("acid blood: creatures bleed", () => {
  it("a creature hurt but alive leaks acid 1 onto its tile", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 12);
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    expect(unit(state, c.id).hp).toBe(2);
    expect(unit(state, c.id).fate).toBe("active");
    expect(acidAt(state, 8, 12)).toBe(1);
    expect(corpseAt(state, 8, 12)).toBe(0);
    expect(eventsOf(events, "acid")).toEqual([{ type: "acid", at: { x: 8, y: 12, level: 0 }, intensity: 1 }]);
    // the neighbours stay clean
    for (const [x, y] of [[7, 12], [9, 12], [8, 11], [8, 13]]) expect(acidAt(state, x, y)).toBe(0);
  });

  it("a kill leaves a corpse, acid 3 under it and acid 2 on the four neighbours (not the diagonals)", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 12, 0, 3);
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    expect(unit(state, c.id).fate).toBe("dead");
    expect(eventsOf(events, "died")).toHaveLength(1);
    expect(corpseAt(state, 8, 12)).toBe(1);
    expect(acidAt(state, 8, 12)).toBe(3);
    for (const [x, y] of [[7, 12], [9, 12], [8, 11], [8, 13]]) expect(acidAt(state, x, y)).toBe(2);
    for (const [x, y] of [[7, 11], [9, 11], [7, 13], [9, 13]]) expect(acidAt(state, x, y)).toBe(0);
    expect(state.report.kills).toBe(1);
  });

  it("a soldier adjacent to the kill is splashed 2 (armor ignored); his rifle is destroyed only if his tile holds acid", () => {
    const s = quiet("last-stand");
    put(s, TP2, 9, 12); // orthogonal neighbour: his tile gets acid 2
    put(s, TP1, 7, 13); // diagonal neighbour: his tile stays dry
    put(s, WANG, 10, 12); // two tiles away: untouched
    const c = placeCreature(s, "snatcher", 8, 12, 0, 1);
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    const splashes = eventsOf(events, "damaged").filter((e) => e.cause === "splash");
    expect(splashes.map((e) => [e.unit, e.amount]).sort()).toEqual([[TP1, 2], [TP2, 2]]);
    expect(unit(state, TP2).hp).toBe(3);
    expect(unit(state, TP1).hp).toBe(3);
    expect(unit(state, TP2).armor).toBe(1); // a splash burns through armor but does not corrode it
    expect(unit(state, TP2).hasWeapon).toBe(false);
    expect(unit(state, TP1).hasWeapon).toBe(true);
    expect(eventsOf(events, "weaponLost")).toEqual([{ type: "weaponLost", unit: TP2 }]);
    expect(unit(state, WANG).hp).toBe(8);
    expect(state.report.acidDamage).toBe(4);
  });

  it("a soldier who lost his rifle can still move but not shoot", () => {
    const s = quiet("last-stand");
    put(s, TP2, 9, 12);
    const c = placeCreature(s, "snatcher", 8, 12, 0, 1);
    forceRolls(s, HIT);
    let { state } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    expect(unit(state, TP2).hasWeapon).toBe(false);
    const other = placeCreature(state, "snatcher", 12, 12);
    refused(state, "takumi", { type: "shoot", unit: TP2, target: other.id }, "ERR_NO_WEAPON");
    refused(state, "takumi", { type: "reload", unit: TP2 }, "ERR_NO_WEAPON");
    state = act(state, "takumi", { type: "move", unit: TP2, to: { x: 10, y: 13, level: 0 } }).state;
    expect([unit(state, TP2).x, unit(state, TP2).y]).toEqual([10, 13]);
  });
});

describe("acid blood: burning soldiers", () => {
  it("entering an acid tile burns by its intensity (armor ignored) and corrodes armor by 1", () => {
    const s = quiet("last-stand");
    setAcid(s, 8, 8, 0, 2);
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 8, level: 0 } });
    const t = unit(state, TAKUMI);
    expect(t.hp).toBe(6 - 2);
    expect(t.armor).toBe(0);
    expect(eventsOf(events, "corroded")).toEqual([{ type: "corroded", unit: TAKUMI, armor: 0 }]);
    expect(eventsOf(events, "damaged")).toEqual([{ type: "damaged", unit: TAKUMI, amount: 2, cause: "acid", hp: 4 }]);
  });

  it("armor corrodes no lower than 0, and the burn still deals the full intensity", () => {
    const s = quiet("last-stand");
    unit(s, TAKUMI).armor = 0;
    setAcid(s, 8, 8, 0, 3);
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 8, level: 0 } });
    expect(unit(state, TAKUMI).armor).toBe(0);
    expect(unit(state, TAKUMI).hp).toBe(3);
    expect(eventsOf(events, "corroded")).toEqual([]);
  });

  it("every acid tile entered along a path burns", () => {
    const s = quiet("last-stand");
    for (let x = 0; x < s.map.width; x++) setAcid(s, x, 11, 0, 1);
    const { state } = act(s, "takumi", { type: "move", unit: TP2, to: { x: 9, y: 12, level: 0 } });
    const p = unit(state, TP2);
    expect([p.x, p.y]).toEqual([9, 12]);
    expect(p.hp).toBe(5 - 1);
    expect(p.armor).toBe(0);
  });

  it("a soldier standing in acid at the end of the environment phase burns and corrodes", () => {
    const s = quiet("last-stand");
    const w = unit(s, WP1);
    setAcid(s, w.x, w.y, 0, 2);
    const { state, events } = endRound(s);
    expect(unit(state, WP1).hp).toBe(5 - 2);
    expect(unit(state, WP1).armor).toBe(0);
    expect(eventsOf(events, "damaged").filter((e) => e.unit === WP1)).toEqual([
      { type: "damaged", unit: WP1, amount: 2, cause: "acid", hp: 3 },
    ]);
    expect(state.report.acidDamage).toBe(2);
    // the soldiers on dry tiles are untouched
    expect(unit(state, TAKUMI).hp).toBe(6);
  });

  it("creatures are never hurt by acid", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 20, 2);
    for (let y = 0; y < s.map.height; y++) for (let x = 15; x < s.map.width; x++) setAcid(s, x, y, 0, 3);
    const { state } = endRound(s);
    expect(unit(state, c.id).hp).toBe(5);
  });
});

describe("acid blood: fading and vapour", () => {
  it("intensity falls by 1 every 2 rounds and is gone at 0", () => {
    let s = quiet("last-stand");
    setAcid(s, 2, 2, 0, 3);
    setAcid(s, 2, 13, 0, 1);
    const seen: number[][] = [];
    for (let round = 1; round <= 6; round++) {
      s = endRound(s).state;
      seen.push([acidAt(s, 2, 2), acidAt(s, 2, 13)]);
    }
    expect(seen).toEqual([[3, 1], [2, 0], [2, 0], [1, 0], [1, 0], [0, 0]]);
  });

  it("vapour: a soldier next to 2 or more corpses at the end of a round takes 1", () => {
    const s = quiet("last-stand");
    setCorpse(s, 6, 7, 0, 1); // beside takumi-private-1 at (7, 8)
    setCorpse(s, 6, 9, 0, 1);
    const { state, events } = endRound(s);
    expect(unit(state, TP1).hp).toBe(4);
    expect(eventsOf(events, "damaged").filter((e) => e.cause === "vapour")).toEqual([
      { type: "damaged", unit: TP1, amount: 1, cause: "vapour", hp: 4 },
    ]);
    expect(unit(state, TP1).armor).toBe(1);
  });

  it("vapour: one corpse beside, or corpses two tiles away, do nothing", () => {
    const s = quiet("last-stand");
    setCorpse(s, 6, 7, 0, 1); // one beside takumi-private-1 at (7, 8)
    setCorpse(s, 16, 8, 0, 1); // two tiles from wang-private-1 at (14, 8)
    setCorpse(s, 16, 10, 0, 1);
    const { state, events } = endRound(s);
    expect(eventsOf(events, "damaged").filter((e) => e.cause === "vapour")).toEqual([]);
    expect(unit(state, TP1).hp).toBe(5);
    expect(unit(state, WP1).hp).toBe(5);
  });
});

describe("acid blood: melting through (tower-test)", () => {
  it("acid 3 held for 2 rounds on level 1 melts a hole; acid (intensity - 1) drips to level 0", () => {
    let s = quiet("tower-test");
    setAcid(s, 5, 2, 1, 3);
    expect(terrainAt(s, 5, 2, 1)).toBe(Terrain.street);
    s = endRound(s).state;
    expect(terrainAt(s, 5, 2, 1)).toBe(Terrain.street);
    expect(s.layers.melt[idx(s, 5, 2, 1)]).toBe(1);
    const r = endRound(s);
    s = r.state;
    expect(terrainAt(s, 5, 2, 1)).toBe(Terrain.hole);
    expect(acidAt(s, 5, 2, 1)).toBe(0);
    expect(acidAt(s, 5, 2, 0)).toBe(2);
    expect(eventsOf(r.events, "melted")).toEqual([{ type: "melted", at: { x: 5, y: 2, level: 1 } }]);
  });

  it("acid 3 on level 0 never melts", () => {
    let s = quiet("tower-test");
    setAcid(s, 2, 5, 0, 3);
    s = endRound(endRound(endRound(s).state).state).state;
    expect(terrainAt(s, 2, 5, 0)).toBe(Terrain.street);
  });

  it("acid that fades below 3 before the second round does not melt", () => {
    let s = quiet("tower-test");
    setAcid(s, 5, 2, 1, 3, 1); // it has aged: it falls to 2 at the end of this round
    s = endRound(endRound(s).state).state;
    expect(terrainAt(s, 5, 2, 1)).toBe(Terrain.street);
  });

  it("a unit on the melting tile falls one level and takes 2", () => {
    const s = quiet("tower-test");
    put(s, WANG, 5, 2, 1);
    setAcid(s, 5, 2, 1, 3);
    s.layers.melt[idx(s, 5, 2, 1)] = 1; // held one round already
    const { state, events } = endRound(s);
    const w = unit(state, WANG);
    expect([w.x, w.y, w.level]).toEqual([5, 2, 0]);
    // the acid burned him first (3, armor ignored), then the fall (2)
    expect(w.hp).toBe(8 - 3 - 2);
    expect(eventsOf(events, "fell")).toEqual([{ type: "fell", unit: WANG, to: { x: 5, y: 2, level: 0 } }]);
    expect(eventsOf(events, "damaged").filter((e) => e.cause === "fall")).toEqual([
      { type: "damaged", unit: WANG, amount: 2, cause: "fall", hp: 3 },
    ]);
    expect(acidAt(state, 5, 2, 0)).toBe(2);
  });

  it("falling onto someone below: both take 2 and the faller lands on the nearest free tile", () => {
    const s = quiet("tower-test");
    put(s, WANG, 5, 2, 1);
    put(s, TAKUMI, 5, 2, 0);
    setAcid(s, 5, 2, 1, 3);
    s.layers.melt[idx(s, 5, 2, 1)] = 1;
    const { state, events } = endRound(s);
    const w = unit(state, WANG), t = unit(state, TAKUMI);
    expect(w.level).toBe(0);
    expect(Math.max(Math.abs(w.x - 5), Math.abs(w.y - 2))).toBe(1);
    expect([t.x, t.y, t.level]).toEqual([5, 2, 0]);
    expect(eventsOf(events, "damaged").filter((e) => e.cause === "fall").map((e) => [e.unit, e.amount]).sort()).toEqual([[TAKUMI, 2], [WANG, 2]]);
  });

  it("a held soldier who falls through is torn from his grabber (who stays above)", () => {
    const s = quiet("tower-test");
    put(s, WANG, 5, 2, 1);
    put(s, TAKUMI, 1, 6, 1);
    const c = placeCreature(s, "snatcher", 6, 2, 1);
    c.grabbing = WANG;
    unit(s, WANG).grabbedBy = c.id;
    setAcid(s, 5, 2, 1, 3);
    s.layers.melt[idx(s, 5, 2, 1)] = 1;
    s.intents = [];
    let { state } = endRound(s);
    expect(unit(state, WANG).level).toBe(0);
    expect(unit(state, WANG).grabbedBy).toBeNull();
    expect(unit(state, c.id).grabbing).toBeNull();
    expect(unit(state, c.id).level).toBe(1);
    // and the next round he is not hauled back up through the floor
    state = endRound(state).state;
    expect(unit(state, WANG).level).toBe(0);
  });
});
