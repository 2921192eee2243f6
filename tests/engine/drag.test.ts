/** Rule module: dragged off the grid (docs/DESIGN.md §8). */
import { describe, it, expect } from "vitest";
import { dragPath, grabChance, hitChance, Terrain, type BattleState, type Unit } from "../../shared/index.js";
import {
  HIT, MISS, TAKUMI, TP1, TP2, WANG, act, endRound, eventsOf, forceRolls, idx, placeCreature, put, quiet, refused,
  replan, setAcid, terrainAt, unit,
} from "./helpers.js";

/** Make `grabber` hold `victim` (as a hit grab leaves them). */
function hold(s: BattleState, grabber: Unit, victimId: string): void {
  grabber.grabbing = victimId;
  unit(s, victimId).grabbedBy = grabber.id;
}

/**
 * A Snatcher at (5, 6) holding takumi-private-1 at (5, 7), beside the manhole at (4, 5); or, with
 * `far`, at (11, 9) holding him at (11, 10), in the middle of the street, 6 tiles from any way out.
 */
function dragged(grabberHp?: number, far = false): { s: BattleState; c: Unit } {
  const s = quiet("last-stand");
  put(s, TP1, far ? 11 : 5, far ? 10 : 7);
  const c = placeCreature(s, "snatcher", far ? 11 : 5, far ? 9 : 6, 0, grabberHp);
  hold(s, c, TP1);
  replan(s);
  return { s, c };
}

describe("drag: the grab", () => {
  it("the grab's chance is the Snatcher's aim 70 less the victim's cover and 15 per point of his armor", () => {
    const s = quiet("last-stand");
    put(s, TP1, 7, 8);
    const open = placeCreature(s, "snatcher", 6, 8);
    expect(grabChance(s, open, unit(s, TP1))).toBe(70 - 15);
    unit(s, TP1).armor = 0; // corroded away: easier prey
    expect(grabChance(s, open, unit(s, TP1))).toBe(70);
    unit(s, TP1).armor = 1;
    put(s, TP1, 3, 8); // standing in rubble: half cover
    put(s, open.id, 2, 8);
    expect(grabChance(s, open, unit(s, TP1))).toBe(70 - 20 - 15);
    put(s, TP1, 8, 8); // rubble at (8, 7) between him and a Snatcher at (7, 7)
    put(s, open.id, 7, 7);
    expect(grabChance(s, open, unit(s, TP1))).toBe(70 - 20 - 15);
  });

  it("a seen Snatcher beside a soldier announces a grab and hits on a roll below 70 - 15 (his armor)", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 6, 8); // beside takumi-private-1 at (7, 8)
    replan(s);
    const intent = s.intents.find((i) => i.unit === c.id)!;
    expect(intent.kind).toBe("grab");
    expect(intent.target).toEqual({ x: 7, y: 8, level: 0 });
    forceRolls(s, (r) => r === 54);
    const { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: TP1, roll: true, hit: true }]);
    expect(unit(state, TP1).grabbedBy).toBe(c.id);
    expect(unit(state, c.id).grabbing).toBe(TP1);
  });

  it("a roll of 55 or more misses: no one is grabbed", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 6, 8);
    replan(s);
    forceRolls(s, (r) => r === 55);
    const { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: TP1, roll: true, hit: false }]);
    expect(unit(state, TP1).grabbedBy).toBeNull();
    expect(unit(state, c.id).grabbing).toBeNull();
  });
});

describe("drag: the grabbed soldier", () => {
  it("cannot move, throw or watch (ERR_GRABBED)", () => {
    const { s } = dragged();
    refused(s, "takumi", { type: "move", unit: TP1, to: { x: 6, y: 8, level: 0 } }, "ERR_GRABBED");
    refused(s, "takumi", { type: "grenade", unit: TP1, to: { x: 5, y: 10, level: 0 } }, "ERR_GRABBED");
    refused(s, "takumi", { type: "overwatch", unit: TP1 }, "ERR_GRABBED");
  });

  it("may shoot or rifle-butt only his grabber (ERR_MUST_TARGET_GRABBER), at -20 aim", () => {
    const { s, c } = dragged();
    const other = placeCreature(s, "snatcher", 6, 8);
    refused(s, "takumi", { type: "shoot", unit: TP1, target: other.id }, "ERR_MUST_TARGET_GRABBER");
    refused(s, "takumi", { type: "butt", unit: TP1, target: other.id }, "ERR_MUST_TARGET_GRABBER");
    const chance = hitChance(s, TP1, c.id);
    expect(chance.parts).toContainEqual({ label: "grabbed", value: -20 });
    expect(chance.chance).toBe(60 - 20);
    forceRolls(s, HIT);
    const { state } = act(s, "takumi", { type: "shoot", unit: TP1, target: c.id });
    expect(unit(state, c.id).hp).toBe(2);
  });
});

describe("drag: toward the exit", () => {
  it("announces the path to the nearest way out (a manhole counts) and the rounds left", () => {
    const { s, c } = dragged();
    const intent = s.intents.find((i) => i.unit === c.id)!;
    const path = dragPath(s, c);
    expect(intent.kind).toBe("drag");
    expect(intent.dragPath).toEqual(path);
    expect(path).toEqual([{ x: 4, y: 5, level: 0 }]);
    expect(terrainAt(s, 4, 5)).toBe(Terrain.manhole);
    expect(intent.countdown).toBe(1);
    const far = dragged(undefined, true);
    const farPath = dragPath(far.s, far.c);
    expect(farPath).toHaveLength(6);
    const end = farPath[farPath.length - 1];
    expect([Terrain.exit, Terrain.manhole]).toContain(terrainAt(far.s, end.x, end.y, end.level));
    expect(far.s.intents.find((i) => i.unit === far.c.id)!.countdown).toBe(2);
  });

  it("the grabber moves 5 tiles along it and the victim follows into the tile it left", () => {
    const { s, c } = dragged(undefined, true);
    const path = dragPath(s, c);
    const { state, events } = endRound(s);
    const g = unit(state, c.id), v = unit(state, TP1);
    expect({ x: g.x, y: g.y, level: g.level }).toEqual(path[4]);
    expect({ x: v.x, y: v.y, level: v.level }).toEqual(path[3]);
    // one event a step, so each can be answered (overwatch) and animated in turn
    expect(eventsOf(events, "dragged")).toEqual(path.slice(0, 5).map((p) => ({ type: "dragged", unit: c.id, victim: TP1, path: [p] })));
    expect(v.grabbedBy).toBe(c.id);
    expect(state.report.drags).toBe(1);
  });

  it("a victim dragged across acid is not burned (creatures want live prey)", () => {
    const { s, c } = dragged(undefined, true);
    const path = dragPath(s, c);
    // acid on the tiles he is dragged across, not the one he ends on (standing in acid still burns)
    for (const p of path.slice(0, 3)) setAcid(s, p.x, p.y, p.level, 3);
    const { state, events } = endRound(s);
    expect(eventsOf(events, "damaged").filter((e) => e.unit === TP1 && e.cause === "acid")).toEqual([]);
    expect(unit(state, TP1).armor).toBe(1);
  });

  it("a grabber dragging its victim in sight of a soldier on overwatch draws his shot after its first step", () => {
    const { s, c } = dragged(undefined, true);
    const path = dragPath(s, c);
    const watcher = put(s, TAKUMI, path[0].x + 2, path[0].y);
    watcher.overwatch = true;
    watcher.ap = 0;
    forceRolls(s, HIT);
    const { state, events } = endRound(s);
    const order = events.filter((e) => e.type === "dragged" || e.type === "shot").map((e) => e.type);
    expect(order.slice(0, 2)).toEqual(["dragged", "shot"]);
    expect(eventsOf(events, "shot")[0]).toMatchObject({ unit: TAKUMI, target: c.id, overwatch: true, hit: true });
    expect(unit(state, TAKUMI).overwatch).toBe(false);
    expect(unit(state, c.id).hp).toBeLessThan(unit(s, c.id).hp);
  });

  it("the countdown falls each round; at the exit the soldier is taken (fate taken, counted in the report)", () => {
    let { s, c } = dragged(undefined, true);
    const countdowns: number[] = [];
    let taken: unknown[] = [];
    for (let r = 0; r < 2; r++) {
      const intent = s.intents.find((i) => i.unit === c.id);
      countdowns.push(intent ? intent.countdown : 0);
      const done = endRound(s);
      s = done.state;
      taken = taken.concat(eventsOf(done.events, "taken"));
    }
    expect(countdowns).toEqual([2, 1]);
    expect(taken).toEqual([{ type: "taken", unit: TP1, by: c.id }]);
    expect(unit(s, TP1).fate).toBe("taken");
    expect(unit(s, TP1).grabbedBy).toBeNull();
    expect(s.units.some((u) => u.id === c.id)).toBe(false); // it left the grid with him
    expect(s.report.soldiersTaken).toBe(1);
    expect(s.report.soldiersDead).toBe(0);
    expect(s.report.perRound[1].soldiersLost).toBe(1);
    expect(s.phase).toBe("player");
  });
});

describe("drag: freeing the victim", () => {
  it("killing the grabber frees him, and its acid blood splashes him", () => {
    const { s, c } = dragged(1);
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    const v = unit(state, TP1);
    expect(unit(state, c.id).fate).toBe("dead");
    expect(v.grabbedBy).toBeNull();
    expect(v.freed).toBe(true);
    expect(eventsOf(events, "freed").map((e) => e.unit)).toEqual([TP1]);
    expect(v.hp).toBe(5 - 2);
    expect(eventsOf(events, "damaged").filter((e) => e.unit === TP1)).toEqual([
      { type: "damaged", unit: TP1, amount: 2, cause: "splash", hp: 3 },
    ]);
    expect(v.hasWeapon).toBe(false); // (5, 7) is beside the corpse: acid 2 there
  });

  it("a called shot at the arm (-25) frees him without the splash and wounds the grabber", () => {
    const { s, c } = dragged();
    const chance = hitChance(s, TAKUMI, c.id, "calledShot");
    expect(chance.parts).toContainEqual({ label: "called shot", value: -25 });
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id });
    const v = unit(state, TP1), g = unit(state, c.id);
    expect(v.grabbedBy).toBeNull();
    expect(v.freed).toBe(true);
    expect(v.hp).toBe(5);
    expect(v.hasWeapon).toBe(true);
    expect(g.fate).toBe("active");
    expect(g.grabbing).toBeNull();
    expect(g.hp).toBe(4);
    expect(eventsOf(events, "freed")).toEqual([{ type: "freed", unit: TP1, by: TAKUMI }]);
    expect(eventsOf(events, "shot")[0]).toMatchObject({ called: true, hit: true, damage: 1 });
    expect(state.layers.acid[idx(state, 5, 7)]).toBe(0);
  });

  it("a called shot that misses leaves him held", () => {
    const { s, c } = dragged();
    forceRolls(s, MISS);
    const { state } = act(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id });
    expect(unit(state, TP1).grabbedBy).toBe(c.id);
    expect(unit(state, c.id).hp).toBe(5);
  });

  it("a called shot needs a creature holding someone (ERR_NOT_GRABBING)", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 12);
    refused(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id }, "ERR_NOT_GRABBING");
  });

  it("a freed soldier has 1 AP next round, then 2 again", () => {
    const { s, c } = dragged();
    forceRolls(s, HIT);
    let state = act(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id }).state;
    state = endRound(state).state;
    expect(unit(state, TP1).ap).toBe(1);
    expect(unit(state, TAKUMI).ap).toBe(2);
    expect(unit(state, WANG).ap).toBe(2);
    expect(unit(state, TP1).freed).toBe(false);
    // take the Snatcher off the board so the next round is quiet
    state.units = state.units.filter((u) => u.id !== c.id);
    replan(state);
    state = endRound(state).state;
    expect(unit(state, TP1).ap).toBe(2);
  });
});

describe("drag: over the ground only", () => {
  /** Play rounds until the victim is taken (or `rounds` pass), checking where he is dragged. */
  function dragAlong(s: BattleState, grabberId: string, victimId: string, rounds: number): BattleState {
    for (let r = 0; r < rounds && unit(s, victimId).fate === "active"; r++) {
      const { state, events } = endRound(s);
      s = state;
      const v = unit(s, victimId);
      if (v.fate !== "active") break;
      const t = terrainAt(s, v.x, v.y, v.level);
      expect(t === Terrain.wall || t === Terrain.vehicle || t === Terrain.hole, `round ${r + 1}: dragged onto terrain ${t} at (${v.x}, ${v.y})`).toBe(false);
      const g = unit(s, grabberId);
      expect(Math.max(Math.abs(g.x - v.x), Math.abs(g.y - v.y)), `round ${r + 1}: held from afar`).toBe(1);
      for (const e of eventsOf(events, "dragged")) expect(e.path.length).toBeLessThanOrEqual(2);
    }
    return s;
  }

  it("the-alley: a grabber beside the alley's wall drags its victim along the street, not up the wall", () => {
    const s = quiet("the-alley");
    put(s, WANG, 2, 15);
    const c = placeCreature(s, "snatcher", 2, 14);
    hold(s, c, WANG);
    replan(s);
    for (const p of s.intents[0].dragPath) expect(terrainAt(s, p.x, p.y, p.level)).not.toBe(Terrain.wall);
    const end = dragAlong(s, c.id, WANG, 12);
    expect(unit(end, WANG).fate).toBe("taken");
  });

  it("a grabber holding on from a wall drops down beside its victim; he is never pulled into the wall", () => {
    const s = quiet("the-alley");
    put(s, WANG, 3, 12);
    const c = placeCreature(s, "snatcher", 2, 12); // on the alley's west wall
    expect(terrainAt(s, 2, 12)).toBe(Terrain.wall);
    hold(s, c, WANG);
    replan(s);
    const end = dragAlong(s, c.id, WANG, 12);
    expect(unit(end, WANG).fate).toBe("taken");
  });

  it("a grabber goes around other creatures: they never end on one tile", () => {
    const s = quiet("last-stand");
    put(s, TP1, 5, 7);
    const c = placeCreature(s, "snatcher", 5, 6);
    hold(s, c, TP1);
    const block = placeCreature(s, "spitter", 5, 4); // on the straight way north
    replan(s);
    for (const p of dragPath(s, c)) expect([p.x, p.y]).not.toEqual([5, 4]);
    s.intents = s.intents.filter((i) => i.unit === c.id); // the spitter stays put
    const { state } = endRound(s);
    const tiles = state.units.filter((u) => u.fate === "active").map((u) => `${u.x},${u.y},${u.level}`);
    expect(new Set(tiles).size).toBe(tiles.length);
    expect(unit(state, block.id).x).toBe(5);
  });
});

describe("exposure: a passing Snatcher never stops on another unit's tile", () => {
  it("it grabs an exposed soldier from a tile of its own, not from over a creature it passes", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG, TP1, TP2] });
    s.perimeter = { cx: 11, cy: 8, level: 0, radius: 5, nextRadius: 5, breakPoint: 1, breakOutRound: 30, broken: false };
    s.map = { ...s.map, perimeter: { cx: 11, cy: 8, level: 0, radius: 5, breakPoint: 1, squeezeCorpses: 4, squeezeEveryRounds: 0 } };
    put(s, TP1, 3, 3); // 8 from the centre: exposed
    const sp = placeCreature(s, "spitter", 3, 4); // beside him, in the Snatcher's way
    const c = placeCreature(s, "snatcher", 5, 6);
    // announced by hand: the Snatcher walks to (2, 3) over the spitter's tile, the spitter stays
    const blank = { target: null, area: [], damage: 0, victim: null, dragPath: [], countdown: 0 };
    s.intents = [
      { unit: c.id, order: 1, kind: "move", moveTo: { x: 2, y: 3, level: 0 }, ...blank },
      { unit: sp.id, order: 2, kind: "move", moveTo: { x: 3, y: 4, level: 0 }, ...blank },
    ];
    const { state, events } = endRound(s);
    const tiles = state.units.filter((u) => u.fate === "active").map((u) => `${u.x},${u.y},${u.level}`);
    expect(new Set(tiles).size).toBe(tiles.length);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: TP1, roll: false, hit: true }]);
    const g = unit(state, c.id);
    expect([g.x, g.y]).not.toEqual([3, 4]);
  });
});
