/** Combat (docs/DESIGN.md §5): hit chance and its parts, damage, ammunition, grenades, the rifle butt, overwatch. */
import { describe, it, expect } from "vitest";
import { blastArea, grabChance, hitChance, Terrain } from "../../shared/index.js";
import {
  HIT, MISS, TAKUMI, WANG, WP2, acidAt, act, endRound, eventsOf, forceRolls, placeCreature, put, quiet,
  refused, replan, terrainAt, unit,
} from "./helpers.js";

const labels = (parts: { label: string; value: number }[]) => parts.map((p) => [p.label, p.value]);

describe("hit chance and its parts", () => {
  it("within 3 tiles in the open it is the shooter's aim alone", () => {
    const s = quiet("tower-test");
    put(s, TAKUMI, 1, 1, 1);
    const c = placeCreature(s, "snatcher", 4, 1, 1);
    const h = hitChance(s, TAKUMI, c.id);
    expect(h).toEqual({ chance: 75, parts: [{ label: "aim", value: 75 }] });
  });

  it("-5 per tile beyond 3", () => {
    const s = quiet("tower-test"); // no dust on this map
    put(s, TAKUMI, 1, 1, 1);
    const c = placeCreature(s, "snatcher", 6, 1, 1);
    const h = hitChance(s, TAKUMI, c.id);
    expect(labels(h.parts)).toEqual([["aim", 75], ["distance", -10]]);
    expect(h.chance).toBe(65);
  });

  it("half cover -20: rubble beside the target on the shooter's side, or rubble underfoot", () => {
    const s = quiet("tower-test"); // rubble at (3, 3) on level 1
    put(s, TAKUMI, 1, 3, 1);
    const behind = placeCreature(s, "snatcher", 4, 3, 1);
    expect(labels(hitChance(s, TAKUMI, behind.id).parts)).toEqual([["aim", 75], ["half cover", -20]]);
    expect(hitChance(s, TAKUMI, behind.id).chance).toBe(55);
    put(s, behind.id, 3, 3, 1);
    put(s, TAKUMI, 3, 6, 1);
    expect(hitChance(s, TAKUMI, behind.id).chance).toBe(55);
    // from the other side the rubble is behind him: no cover
    put(s, behind.id, 4, 3, 1);
    put(s, TAKUMI, 6, 3, 1);
    expect(hitChance(s, TAKUMI, behind.id).chance).toBe(75);
  });

  it("full cover -40: a vehicle beside the target on the shooter's side", () => {
    const s = quiet("last-stand"); // the bus fills (9..12, 6..7)
    put(s, TAKUMI, 10, 9);
    const c = placeCreature(s, "snatcher", 13, 7);
    const h = hitChance(s, TAKUMI, c.id);
    expect(labels(h.parts)).toEqual([["aim", 75], ["full cover", -40]]);
    expect(h.chance).toBe(35);
  });

  it("dust -10 only when the target is more than 3 tiles away", () => {
    const s = quiet("last-stand"); // dust everywhere
    const near = placeCreature(s, "snatcher", 8, 12); // takumi at (8, 9): 3 tiles
    const far = placeCreature(s, "snatcher", 4, 13); // 4 tiles
    expect(hitChance(s, TAKUMI, near.id).chance).toBe(75);
    expect(labels(hitChance(s, TAKUMI, far.id).parts)).toEqual([["aim", 75], ["distance", -5], ["dust", -10]]);
    expect(hitChance(s, TAKUMI, far.id).chance).toBe(60);
  });

  it("-20 when the target is on a wall (and a wall gives its climber no cover)", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 14);
    put(s, TAKUMI, 8, 11);
    expect(terrainAt(s, 8, 14)).toBe(Terrain.wall);
    expect(labels(hitChance(s, TAKUMI, c.id).parts)).toEqual([["aim", 75], ["on a wall", -20]]);
  });

  it("-20 when the shooter is grabbed, -25 for a called shot, -10 on overwatch", () => {
    const s = quiet("tower-test");
    put(s, TAKUMI, 1, 1, 1);
    const c = placeCreature(s, "snatcher", 2, 1, 1);
    expect(hitChance(s, TAKUMI, c.id, "calledShot").chance).toBe(50);
    expect(hitChance(s, TAKUMI, c.id, "overwatch").chance).toBe(65);
    expect(labels(hitChance(s, TAKUMI, c.id, "overwatch").parts)).toEqual([["aim", 75], ["overwatch", -10]]);
    unit(s, TAKUMI).grabbedBy = c.id;
    c.grabbing = TAKUMI;
    expect(labels(hitChance(s, TAKUMI, c.id).parts)).toEqual([["aim", 75], ["grabbed", -20]]);
    expect(hitChance(s, TAKUMI, c.id).chance).toBe(55);
  });

  it("the chance is clamped to 5..95", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 14); // on a wall
    unit(s, TAKUMI).aim = 200;
    expect(hitChance(s, TAKUMI, c.id).chance).toBe(95);
    unit(s, TAKUMI).aim = 10;
    const h = hitChance(s, TAKUMI, c.id, "calledShot");
    expect(h.parts.reduce((a, p) => a + p.value, 0)).toBeLessThan(5);
    expect(h.chance).toBe(5);
  });
});

describe("shooting", () => {
  it("damage is the rifle's 3 less armor: 3 to a Snatcher, 2 to a Leaper", () => {
    const s = quiet("last-stand");
    const sn = placeCreature(s, "snatcher", 8, 12);
    const le = placeCreature(s, "leaper", 6, 11);
    forceRolls(s, HIT, HIT);
    let r = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: sn.id });
    expect(unit(r.state, sn.id).hp).toBe(2);
    expect(eventsOf(r.events, "shot")[0]).toMatchObject({ hit: true, damage: 3, called: false, overwatch: false });
    r = act(r.state, "takumi", { type: "shoot", unit: TAKUMI, target: le.id });
    expect(unit(r.state, le.id).hp).toBe(4);
    expect(eventsOf(r.events, "shot")[0]).toMatchObject({ hit: true, damage: 2 });
  });

  it("damage is at least 1 however thick the armor", () => {
    const s = quiet("last-stand");
    const le = placeCreature(s, "leaper", 8, 12);
    le.armor = 9;
    forceRolls(s, HIT);
    const r = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: le.id });
    expect(unit(r.state, le.id).hp).toBe(5);
  });

  it("a shot spends 1 AP and one burst, hit or miss, and is counted in the report", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 12);
    forceRolls(s, MISS);
    const r = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    const t = unit(r.state, TAKUMI);
    expect([t.ap, t.mag]).toEqual([1, 2]);
    expect(unit(r.state, c.id).hp).toBe(5);
    expect(r.state.report.shots).toBe(1);
    expect(r.state.report.hits).toBe(0);
  });

  it("an empty magazine clicks: ERR_EMPTY_MAGAZINE", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 12);
    unit(s, TAKUMI).mag = 0;
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id }, "ERR_EMPTY_MAGAZINE");
    refused(s, "takumi", { type: "overwatch", unit: TAKUMI }, "ERR_EMPTY_MAGAZINE");
  });

  it("reload: 1 AP, a spare magazine, a full magazine; refused when full or out of spares", () => {
    const s = quiet("last-stand");
    refused(s, "takumi", { type: "reload", unit: TAKUMI }, "ERR_MAGAZINE_FULL");
    unit(s, TAKUMI).mag = 0;
    const r = act(s, "takumi", { type: "reload", unit: TAKUMI });
    const t = unit(r.state, TAKUMI);
    expect([t.mag, t.spareMags, t.ap]).toEqual([3, 2, 1]);
    expect(eventsOf(r.events, "reloaded")).toEqual([{ type: "reloaded", unit: TAKUMI }]);
    unit(s, TAKUMI).spareMags = 0;
    refused(s, "takumi", { type: "reload", unit: TAKUMI }, "ERR_NO_AMMO");
  });

  it("a target beyond the rifle's 8 tiles is out of range, even when a comrade sees it", () => {
    const s = quiet("last-stand");
    put(s, WANG, 17, 9);
    const c = placeCreature(s, "snatcher", 17, 10); // 9 from takumi at (8, 9), beside wang
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id }, "ERR_OUT_OF_RANGE");
  });

  it("no line of sight through the bus (a comrade sees the target)", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 10, 5);
    const c = placeCreature(s, "snatcher", 10, 9); // takumi-private-2 at (9, 10) sees it
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id }, "ERR_NO_LINE_OF_SIGHT");
  });

  it("a creature no soldier sees cannot be targeted (ERR_NO_TARGET, the same as no creature)", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 1, 2);
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id }, "ERR_NO_TARGET");
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: "c999" }, "ERR_NO_TARGET");
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: WANG }, "ERR_NO_TARGET");
  });
});

describe("grenades", () => {
  it("the blast area is the 3x3 square around the landing tile, cut by the map's edge", () => {
    const s = quiet("last-stand");
    expect(blastArea(s, { x: 8, y: 6, level: 0 })).toHaveLength(9);
    expect(blastArea(s, { x: 0, y: 0, level: 0 })).toHaveLength(4);
    expect(blastArea(s, { x: 21, y: 7, level: 0 })).toHaveLength(6);
  });

  it("3 damage (less armor) to everyone in the area, soldiers too, and rubble is blown away", () => {
    const s = quiet("last-stand");
    const sn = placeCreature(s, "snatcher", 8, 5);
    const le = placeCreature(s, "leaper", 7, 5);
    put(s, WP2, 9, 5);
    const outside = placeCreature(s, "snatcher", 8, 4);
    expect([terrainAt(s, 7, 6), terrainAt(s, 8, 6), terrainAt(s, 8, 7)]).toEqual([Terrain.rubble, Terrain.rubble, Terrain.rubble]);
    const { state, events } = act(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 8, y: 6, level: 0 } });
    expect(unit(state, sn.id).hp).toBe(2);
    expect(unit(state, le.id).hp).toBe(4);
    expect(unit(state, WP2).hp).toBe(3);
    expect(unit(state, outside.id).hp).toBe(5);
    expect([terrainAt(state, 7, 6), terrainAt(state, 8, 6), terrainAt(state, 8, 7)]).toEqual([Terrain.street, Terrain.street, Terrain.street]);
    expect(terrainAt(state, 9, 6)).toBe(Terrain.vehicle); // the bus stays
    expect(unit(state, TAKUMI).grenades).toBe(0);
    expect(unit(state, TAKUMI).ap).toBe(1);
    expect(eventsOf(events, "grenade")[0].tiles).toHaveLength(9);
    refused(state, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 8, y: 6, level: 0 } }, "ERR_NO_GRENADES");
  });

  it("range 5 (Wang throws 2 farther); walls block the throw", () => {
    const s = quiet("last-stand");
    refused(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 2, y: 9, level: 0 } }, "ERR_OUT_OF_RANGE");
    act(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 3, y: 9, level: 0 } });
    act(s, "wang", { type: "grenade", unit: WANG, to: { x: 20, y: 9, level: 0 } });
    refused(s, "wang", { type: "grenade", unit: WANG, to: { x: 21, y: 9, level: 0 } }, "ERR_OUT_OF_RANGE");
    put(s, TAKUMI, 10, 5);
    refused(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 10, y: 9, level: 0 } }, "ERR_NO_LINE_OF_SIGHT");
    refused(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 30, y: 9, level: 0 } }, "ERR_OFF_GRID");
  });
});

describe("the rifle butt", () => {
  it("reaches an adjacent creature only", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 11);
    refused(s, "takumi", { type: "butt", unit: TAKUMI, target: c.id }, "ERR_NOT_ADJACENT");
  });

  it("1 damage (the creature bleeds), and its acid splashes the attacker", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 10);
    const { state, events } = act(s, "takumi", { type: "butt", unit: TAKUMI, target: c.id });
    expect(unit(state, c.id).hp).toBe(4);
    expect(acidAt(state, 8, 10)).toBe(1);
    expect(unit(state, TAKUMI).hp).toBe(5);
    expect(unit(state, TAKUMI).ap).toBe(1);
    expect(eventsOf(events, "butt")).toEqual([{ type: "butt", unit: TAKUMI, target: c.id, damage: 1 }]);
    expect(eventsOf(events, "damaged").filter((e) => e.unit === TAKUMI)).toEqual([
      { type: "damaged", unit: TAKUMI, amount: 1, cause: "splash", hp: 5 },
    ]);
  });

  it("a killing blow splashes him with the death burst (2), not both", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 9, 8, 0, 1); // diagonal to takumi at (8, 9)
    const { state, events } = act(s, "takumi", { type: "butt", unit: TAKUMI, target: c.id });
    expect(unit(state, c.id).fate).toBe("dead");
    expect(eventsOf(events, "damaged").filter((e) => e.unit === TAKUMI).map((e) => e.amount)).toEqual([2]);
    expect(unit(state, TAKUMI).hp).toBe(4);
  });
});

describe("overwatch", () => {
  it("spends all remaining AP", () => {
    const s = quiet("last-stand");
    const { state, events } = act(s, "takumi", { type: "overwatch", unit: TAKUMI });
    expect(unit(state, TAKUMI).ap).toBe(0);
    expect(unit(state, TAKUMI).overwatch).toBe(true);
    expect(eventsOf(events, "overwatch")).toEqual([{ type: "overwatch", unit: TAKUMI }]);
    refused(state, "takumi", { type: "overwatch", unit: TAKUMI }, "ERR_NO_AP");
    unit(state, TAKUMI).ap = 1;
    refused(state, "takumi", { type: "overwatch", unit: TAKUMI }, "ERR_ALREADY_ON_OVERWATCH");
  });

  it("fires once, at -10 aim, at the first creature that moves in sight and range", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const c = placeCreature(s, "snatcher", 2, 9); // 6 from takumi: hidden in the dust
    replan(s);
    const st = act(s, "takumi", { type: "overwatch", unit: TAKUMI }).state;
    forceRolls(st, MISS);
    const { state, events } = endRound(st);
    const shots = eventsOf(events, "shot");
    expect(shots).toHaveLength(1);
    expect(shots[0]).toMatchObject({ unit: TAKUMI, target: c.id, overwatch: true, hit: false });
    // seen at 4 tiles in the dust: 75 - 5 (distance) - 10 (dust) - 10 (overwatch)
    expect(shots[0].chance).toBe(50);
    // the walk up to the shot is told first, then the shot, then the rest of the walk
    const order = events.filter((e) => (e.type === "moved" && e.unit === c.id) || e.type === "shot").map((e) => e.type);
    expect(order).toEqual(["moved", "shot", "moved"]);
    const walked = eventsOf(events, "moved").filter((e) => e.unit === c.id).flatMap((e) => e.path);
    expect(walked.length).toBeGreaterThan(2); // it kept moving after the shot
    const shotFrom = eventsOf(events, "moved").find((e) => e.unit === c.id)!.path.at(-1)!;
    expect(Math.max(Math.abs(shotFrom.x - 8), Math.abs(shotFrom.y - 9))).toBe(4); // fired as it came into sight
    expect(unit(state, TAKUMI).mag).toBe(2);
  });
});

describe("cover comes from between", () => {
  it("the attacker's own tile is never the target's cover (point-blank from rubble)", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 3, 8); // standing in rubble
    expect(terrainAt(s, 3, 8)).toBe(Terrain.rubble);
    const c = placeCreature(s, "snatcher", 4, 8); // in the open, right beside him
    expect(labels(hitChance(s, TAKUMI, c.id).parts)).toEqual([["aim", 75]]);
  });

  it("a Snatcher clinging to a wall beside a soldier in the open grabs at its full 70, less his armor", () => {
    const s = quiet("the-alley");
    put(s, TAKUMI, 3, 10);
    const c = placeCreature(s, "snatcher", 2, 10); // on the alley's west wall
    expect(terrainAt(s, 2, 10)).toBe(Terrain.wall);
    expect(grabChance(s, c, unit(s, TAKUMI))).toBe(70 - 15);
  });

  it("rubble between still covers a target beside the shooter's tile", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 1, 8);
    const c = placeCreature(s, "snatcher", 4, 8); // rubble at (3, 8) between them
    expect(labels(hitChance(s, TAKUMI, c.id).parts)).toEqual([["aim", 75], ["half cover", -20]]);
  });
});
