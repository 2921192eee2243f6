/** Civilians: their run for the way out, freezing, saved, killed, taken; children carried; refusals; secrecy. */
import { describe, expect, it } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { civiliansNeeded, createBattle, legalActions, prospects, viewFor, type BattleState, type MapDef, type RosterEntry } from "../../shared/index.js";
import { newUnit } from "../../shared/core/unitFields.js";
import { planIntents } from "../../shared/creatures/intents.js";
import { civilianRun, isFrozen } from "../../shared/rules/civilians.js";
import { eventsFor } from "../../shared/view/view.js";
import { CIVILIANS } from "../../shared/rules/table.js";
import { HIT, TAKUMI, TP1, WANG, act, endRound, eventsOf, forceRolls, placeCreature, put, refused, unit } from "./helpers.js";

const streetsMap = loadMapById("the-streets");
const towerMap = loadMapById("the-tower");

/** A battle with no creatures and no waves: only the soldiers and the map's civilians. */
function quietOn(map: MapDef, seed = 1): BattleState {
  const s = createBattle({ ...map, waves: [] }, seed);
  s.units = s.units.filter((u) => u.side !== "creature");
  s.intents = [];
  s.noise = [];
  return s;
}

/** Only these civilians stay (by id), the others leave the board. */
function keepCivilians(s: BattleState, ...ids: string[]): void {
  s.units = s.units.filter((u) => u.side !== "civilian" || ids.includes(u.id));
}

describe("civilians on the board", () => {
  it("the map's civilians start as units of their own side, numbered by kind", () => {
    const s = createBattle(towerMap, 1);
    const civ = s.units.filter((u) => u.side === "civilian");
    expect(civ.map((u) => u.id)).toEqual(["civilian-1", "civilian-2", "child-1", "child-2", "child-3"]);
    expect(civ.every((u) => u.seat === null && u.level === 2 && u.fate === "active")).toBe(true);
    expect(unit(s, "child-1")).toMatchObject({ kind: "child", hp: CIVILIANS.child.hp, move: 0 });
    expect(unit(s, "civilian-1")).toMatchObject({ kind: "civilian", hp: CIVILIANS.civilian.hp, move: CIVILIANS.civilian.move });
  });
});

describe("the civilian AI", () => {
  it("runs toward the way out in the environment phase, along a path, up to his move", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-3");
    put(s, "civilian-3", 10, 4);
    const { state, events } = endRound(s);
    const moved = eventsOf(events, "moved").filter((e) => e.unit === "civilian-3");
    expect(moved).toHaveLength(1);
    const c = unit(state, "civilian-3");
    // five tiles nearer the far edge (extraction at x 23), step by step
    expect(c.x).toBe(15);
    expect(moved[0].path).toHaveLength(5);
    expect(moved[0].path[4]).toEqual({ x: c.x, y: c.y, level: 0 });
  });

  it("freezes while a creature stands beside him, and stops short when he runs up beside one", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-3", "civilian-4");
    put(s, "civilian-3", 10, 4);
    put(s, "civilian-4", 12, 6);
    placeCreature(s, "snatcher", 11, 4);
    placeCreature(s, "spitter", 16, 6);
    expect(isFrozen(s, unit(s, "civilian-3"))).toBe(true);
    expect(civilianRun(s, unit(s, "civilian-3"))).toEqual([]);
    // civilian-4 runs right and stops on the first tile beside the spitter
    const run = civilianRun(s, unit(s, "civilian-4"));
    expect(run.length).toBeGreaterThan(0);
    expect(run.length).toBeLessThan(5);
  });

  it("is saved when he gets out: fate extracted, counted in the state and the report", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-5");
    put(s, "civilian-5", 20, 3);
    const { state, events } = endRound(s);
    expect(unit(state, "civilian-5").fate).toBe("extracted");
    expect(state.civiliansSaved).toBe(1);
    expect(state.report.civiliansSaved).toBe(1);
    expect(events).toContainEqual({ type: "extracted", unit: "civilian-5" });
  });

  it("dies at 0 hp (no kill counted, no burst of acid)", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-1");
    put(s, "civilian-1", 4, 4);
    put(s, TAKUMI, 2, 4);
    const c = unit(s, "civilian-1");
    c.hp = 1;
    const sp = placeCreature(s, "spitter", 5, 6);
    s.intents = planIntents(s);
    const spit = s.intents.find((i) => i.unit === sp.id)!;
    expect(spit.kind).toBe("spit");
    // aimed at him by hand (the plan may prefer the soldier): whoever stands there is hit
    s.intents = [{ ...spit, target: { x: 4, y: 4, level: 0 }, area: [{ x: 4, y: 4, level: 0 }] }];
    const { state, events } = endRound(s);
    expect(events).toContainEqual({ type: "died", unit: "civilian-1", at: { x: 4, y: 4, level: 0 } });
    expect(unit(state, "civilian-1").fate).toBe("dead");
    expect(state.report.kills).toBe(0);
    expect(state.report.soldiersDead).toBe(0);
  });

  it("creatures hunt civilians as prey: a Snatcher in sight announces a grab on the civilian nearest it", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-1");
    put(s, "civilian-1", 6, 5);
    const c = placeCreature(s, "snatcher", 6, 2);
    s.intents = planIntents(s);
    const grab = s.intents.find((i) => i.unit === c.id)!;
    expect(grab.kind).toBe("grab");
    expect(grab.victim).toBe("civilian-1");
  });

  it("a grabbed civilian is dragged to an exit and taken: lost, not a soldier taken", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-1");
    put(s, "civilian-1", 5, 3);
    const c = placeCreature(s, "snatcher", 5, 2);
    forceRolls(s, HIT);
    s.intents = planIntents(s);
    expect(s.intents.find((i) => i.unit === c.id)!.victim).toBe("civilian-1");
    let { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")[0]).toMatchObject({ unit: c.id, victim: "civilian-1", hit: true });
    expect(unit(state, "civilian-1").grabbedBy).toBe(c.id);
    // the civilian does not run while held; the drag goes on round by round to the alley mouth
    for (let k = 0; k < 4 && unit(state, "civilian-1").fate === "active"; k++) ({ state, events } = endRound(state));
    expect(unit(state, "civilian-1").fate).toBe("taken");
    expect(state.report.soldiersTaken).toBe(0);
    expect(state.civiliansSaved).toBe(0);
  });
});

describe("children", () => {
  /** The tower with Wang on the top floor beside child-1 (1, 7, 2). */
  function upstairs(): BattleState {
    const s = quietOn(towerMap);
    put(s, WANG, 2, 6, 2);
    return s;
  }

  it("wait where they are: a child does not run", () => {
    const s = upstairs();
    const { state } = endRound(s);
    expect(unit(state, "child-1")).toMatchObject({ x: 1, y: 7, level: 2, fate: "active" });
  });

  it("a soldier beside a child carries him (1 AP); Wang at full speed", () => {
    const s = upstairs();
    expect(legalActions(s, "wang")).toContainEqual({ type: "carry", unit: WANG, comrade: "child-1" });
    const { state, events } = act(s, "wang", { type: "carry", unit: WANG, comrade: "child-1" });
    expect(events).toEqual([{ type: "carried", unit: "child-1", by: WANG }]);
    expect(unit(state, "child-1")).toMatchObject({ fate: "carried", carriedBy: WANG });
    expect(unit(state, WANG).carrying).toBe("child-1");
    // the carried child is in the view of every seat (he is with the squad)
    expect(viewFor(state, "takumi").units.some((u) => u.id === "child-1")).toBe(true);
  });

  it("is saved when his carrier gets out", () => {
    const s = upstairs();
    const carried = act(s, "wang", { type: "carry", unit: WANG, comrade: "child-1" }).state;
    // set down by the street door (no rules run): the carrier and the child go together
    put(carried, WANG, 4, 9, 0);
    put(carried, "child-1", 4, 9, 0);
    const { state, events } = endRound(carried);
    expect(unit(state, WANG).fate).toBe("extracted");
    expect(unit(state, "child-1").fate).toBe("extracted");
    expect(events).toContainEqual({ type: "extracted", unit: "child-1" });
    expect(state.civiliansSaved).toBeGreaterThanOrEqual(1);
  });

  it("a carrier who goes down drops the child beside him", () => {
    const s = upstairs();
    const carried = act(s, "wang", { type: "carry", unit: WANG, comrade: "child-1" }).state;
    const w = unit(carried, WANG);
    w.hp = 1;
    const sp = placeCreature(carried, "spitter", 4, 7, 2);
    carried.intents = planIntents(carried);
    const spit = carried.intents.find((i) => i.unit === sp.id)!;
    carried.intents = [{ ...spit, kind: "spit", target: { x: w.x, y: w.y, level: 2 }, area: [{ x: w.x, y: w.y, level: 2 }] }];
    const { state, events } = endRound(carried);
    expect(eventsOf(events, "dropped")[0]).toMatchObject({ unit: "child-1", by: WANG });
    expect(unit(state, "child-1").fate).toBe("active");
  });
});

describe("refusals", () => {
  it("soldiers may not shoot or rifle-butt a civilian", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-1");
    put(s, "civilian-1", 3, 3);
    put(s, TAKUMI, 2, 3);
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: "civilian-1" }, "ERR_NO_TARGET");
    refused(s, "takumi", { type: "butt", unit: TAKUMI, target: "civilian-1" }, "ERR_NO_TARGET");
    refused(s, "takumi", { type: "calledShot", unit: TAKUMI, target: "civilian-1" }, "ERR_NO_TARGET");
    expect(legalActions(s, "takumi").some((a) => "target" in a && a.target === "civilian-1")).toBe(false);
  });

  it("a child is carried only from beside him; a grown civilian is not carried; a hidden child is unknown", () => {
    const s = quietOn(towerMap);
    put(s, WANG, 4, 6, 2);
    refused(s, "wang", { type: "carry", unit: WANG, comrade: "child-1" }, "ERR_NOT_BESIDE");
    put(s, WANG, 3, 7, 2);
    refused(s, "wang", { type: "carry", unit: WANG, comrade: "civilian-1" }, "ERR_NOT_CARRIABLE");
    // from the lobby: no one upstairs sees the children
    const below = quietOn(towerMap);
    put(below, TP1, 1, 7, 1);
    refused(below, "takumi", { type: "carry", unit: TP1, comrade: "child-1" }, "ERR_NO_UNIT");
  });
});

describe("secrecy", () => {
  it("civilians out of the squad's sight are hidden from the view, their runs and deaths from the events", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-1", "civilian-5");
    put(s, "civilian-1", 4, 4);
    put(s, "civilian-5", 18, 5);
    const view = viewFor(s, "takumi");
    expect(view.units.some((u) => u.id === "civilian-1")).toBe(true);
    expect(view.units.some((u) => u.id === "civilian-5")).toBe(false);
    const { state, events } = endRound(s);
    expect(events.some((e) => "unit" in e && e.unit === "civilian-5")).toBe(true);
    const told = eventsFor(s, state, events, "takumi");
    expect(told.some((e) => "unit" in e && e.unit === "civilian-5")).toBe(false);
    expect(told.some((e) => e.type === "moved" && e.unit === "civilian-1")).toBe(true);
  });

  it("a soldier ordered onto a tile where a civilian stands under the fog stops short of him, the move final", () => {
    const s = quietOn(streetsMap);
    keepCivilians(s, "civilian-1");
    put(s, TAKUMI, 2, 4);
    put(s, "civilian-1", 10, 4);
    expect(viewFor(s, "takumi").units.some((u) => u.id === "civilian-1")).toBe(false);
    const { state } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 10, y: 4, level: 0 } });
    const t = unit(state, TAKUMI);
    expect(t.x === 10 && t.y === 4).toBe(false);
    expect(t.x).toBeGreaterThan(2);
    expect(unit(state, "civilian-1")).toMatchObject({ x: 10, y: 4 });
    expect(state.undo.takumi).toHaveLength(0);
  });
});

describe("the win", () => {
  it("a map with saveAtLeast is lost when the sergeants get out with fewer civilians saved", () => {
    const s = quietOn(streetsMap);
    expect(s.objective).toBe("extract");
    s.units = s.units.filter((u) => u.id === TAKUMI || u.id === WANG || u.side === "civilian");
    put(s, TAKUMI, 23, 3);
    put(s, WANG, 23, 4);
    const { state } = endRound(s);
    expect(state.civiliansSaved).toBeLessThan(streetsMap.saveAtLeast!);
    expect(state.outcome).toBe("lost");
  });

  it("and won when enough are out", () => {
    const s = quietOn(streetsMap);
    s.units = s.units.filter((u) => u.id === TAKUMI || u.id === WANG || u.side === "civilian");
    put(s, TAKUMI, 23, 3);
    put(s, WANG, 23, 4);
    put(s, "civilian-1", 21, 6);
    put(s, "civilian-2", 22, 7);
    const { state } = endRound(s);
    expect(state.civiliansSaved).toBeGreaterThanOrEqual(streetsMap.saveAtLeast!);
    expect(state.outcome).toBe("won");
  });

  /** The tower as a campaign's squad that arrives two strong plays it: the sergeants alone, no creatures. */
  function towerForTwo(): BattleState {
    const roster: RosterEntry[] = [{ id: TAKUMI, hp: 6, armor: 1 }, { id: WANG, hp: 8, armor: 1 }];
    const s = createBattle({ ...towerMap, waves: [] }, 1, { roster });
    s.units = s.units.filter((u) => u.side !== "creature");
    s.intents = [];
    return s;
  }

  /** Each sergeant lifts a child on the families' floor and is set down at the street door (no rules run between). */
  function childrenCarriedToTheDoor(s: BattleState): BattleState {
    put(s, TAKUMI, 2, 6, 2);
    put(s, WANG, 3, 7, 2);
    let state = act(s, "takumi", { type: "carry", unit: TAKUMI, comrade: "child-1" }).state;
    state = act(state, "wang", { type: "carry", unit: WANG, comrade: "child-2" }).state;
    put(state, TAKUMI, 4, 9, 0);
    put(state, "child-1", 4, 9, 0);
    put(state, WANG, 5, 9, 0);
    put(state, "child-2", 5, 9, 0);
    return state;
  }

  it("a scene needs no more civilians saved than the soldiers who started it", () => {
    expect(towerMap.saveAtLeast).toBe(4);
    expect(civiliansNeeded(createBattle(towerMap, 1))).toBe(4);
    const two = towerForTwo();
    expect(two.units.filter((u) => u.side === "squad").map((u) => u.id)).toEqual([TAKUMI, WANG]);
    expect(civiliansNeeded(two)).toBe(2);
    // a soldier lost on the way still counts: he started the scene
    unit(two, WANG).fate = "dead";
    expect(civiliansNeeded(two)).toBe(2);
    // a map that needs no more than the squad is unchanged, and one that needs none needs none
    expect(civiliansNeeded({ ...two, map: streetsMap })).toBe(streetsMap.saveAtLeast);
    expect(civiliansNeeded(createBattle(loadMapById("last-stand"), 1))).toBe(0);
  });

  it("the two sergeants alone win the tower with a child each carried out; the whole squad needs four", () => {
    const two = childrenCarriedToTheDoor(towerForTwo());
    expect(prospects(viewFor(two, "takumi")).need).toBe(2);
    const { state } = endRound(two);
    expect(state.civiliansSaved).toBe(2);
    expect(state.outcome).toBe("won");
    // the same two children carried out by the sergeants of a squad that started six strong: too few
    const six = quietOn(towerMap);
    const { state: sixEnd } = endRound(childrenCarriedToTheDoor(six));
    expect(sixEnd.civiliansSaved).toBe(2);
    // the sergeants out, the privates still on the board: the scene is over, lost
    expect(sixEnd.outcome).toBe("lost");
    expect(prospects(sixEnd).need).toBe(4);
  });

  it("a civilian unit never counts as a soldier", () => {
    const u = newUnit({ id: "civilian-9", kind: "civilian", side: "civilian" });
    expect(u.seat).toBeNull();
  });
});
