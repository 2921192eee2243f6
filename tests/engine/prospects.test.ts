/**
 * Objectives that tell the truth: the engine says at once when the scene can no longer be
 * won and what is still possible; every civilian's fate is told by name, a death or a taking out of
 * sight heard without where or by what; the scene's own score; no lunge shown at a soldier gone.
 */
import { describe, expect, it } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { createBattle, prospects, toWire, fromWire, viewFor, type BattleEvent, type BattleState, type MapDef } from "../../shared/index.js";
import { planIntents } from "../../shared/creatures/intents.js";
import { eventsFor } from "../../shared/view/view.js";
import { visibleTiles } from "../../shared/sight/sight.js";
import { tileIndex } from "../../shared/core/grid.js";
import { TAKUMI, TP1, WANG, act, endRound, eventsOf, placeCreature, put, unit } from "./helpers.js";

const towerMap = loadMapById("the-tower");

/** The tower with no creatures and no waves: the soldiers and the five of the families. */
function quietTower(seed = 1): BattleState {
  const s = createBattle({ ...towerMap, waves: [] }, seed);
  s.units = s.units.filter((u) => u.side !== "creature");
  s.intents = [];
  s.noise = [];
  return s;
}

/** A spitter aimed by hand at a tile (whoever stands there is hit), placed at `from`. */
function spitAt(s: BattleState, from: { x: number; y: number; level: number }, at: { x: number; y: number; level: number }): void {
  const sp = placeCreature(s, "spitter", from.x, from.y, from.level);
  const planned = planIntents(s).find((i) => i.unit === sp.id)!;
  s.intents = [...s.intents.filter((i) => i.unit !== sp.id), { ...planned, kind: "spit", moveTo: { ...from }, target: at, area: [at], order: s.intents.length + 1 }];
}

describe("what is still possible", () => {
  it("the tower needs 4 of 5: with two dead the engine says so that round, and what is left is getting out", () => {
    const s = quietTower();
    // Takumi upstairs watching the two grown-ups, each under a Spitter's aim
    put(s, TAKUMI, 8, 8, 2);
    put(s, "civilian-1", 4, 7, 2);
    put(s, "civilian-2", 7, 7, 2);
    unit(s, "civilian-1").hp = 1;
    unit(s, "civilian-2").hp = 1;
    spitAt(s, { x: 4, y: 5, level: 2 }, { x: 4, y: 7, level: 2 });
    spitAt(s, { x: 7, y: 5, level: 2 }, { x: 7, y: 7, level: 2 });
    expect(prospects(s)).toMatchObject({ winnable: true, cause: null, left: "win", need: 4, canStillSave: 5 });
    const { state, events } = endRound(s);
    expect(state.phase).toBe("player");
    expect(unit(state, "civilian-1").fate).toBe("dead");
    expect(unit(state, "civilian-2").fate).toBe("dead");
    expect(eventsOf(events, "objectiveLost")).toEqual([{ type: "objectiveLost", cause: "civilians", need: 4, canStillSave: 3 }]);
    const p = prospects(state);
    expect(p).toMatchObject({ winnable: false, cause: "civilians", left: "getOut", need: 4, saved: 0, canStillSave: 3 });
    expect(p.civilians.dead).toEqual(["civilian-1", "civilian-2"]);
    expect(p.civilians.left).toEqual(["civilian-3", "child-1", "child-2", "child-3"].filter((id) => state.units.some((u) => u.id === id)));
    // said once: the next round brings no second word
    expect(eventsOf(endRound(state).events, "objectiveLost")).toEqual([]);
    // the viewer's state (as the client rebuilds it from the wire) answers the same
    const seen = prospects(fromWire(toWire(viewFor(state, TAKUMI)), state.map));
    expect(seen).toMatchObject({ winnable: false, cause: "civilians", left: "getOut", canStillSave: 3 });
    expect(seen.civilians.dead).toEqual(["civilian-1", "civilian-2"]);
  });

  it("one lost of five leaves the tower winnable: no word", () => {
    const s = quietTower();
    put(s, TAKUMI, 8, 8, 2);
    put(s, "civilian-1", 4, 7, 2);
    unit(s, "civilian-1").hp = 1;
    spitAt(s, { x: 4, y: 5, level: 2 }, { x: 4, y: 7, level: 2 });
    const { state, events } = endRound(s);
    expect(unit(state, "civilian-1").fate).toBe("dead");
    expect(eventsOf(events, "objectiveLost")).toEqual([]);
    expect(prospects(state)).toMatchObject({ winnable: true, canStillSave: 4 });
  });

  it("the report's why: a sergeant who withdrew before the objective fell back, not 'had not broken out'", () => {
    const s = createBattle({ ...loadMapById("the-alley"), waves: [] }, 1);
    s.units = s.units.filter((u) => u.side !== "creature");
    s.intents = [];
    // both sergeants on the street's extraction row (y 17) before the woman is reached
    put(s, TAKUMI, 3, 17);
    put(s, WANG, 5, 17);
    let st = act(s, "takumi", { type: "withdraw", unit: TAKUMI }).state;
    st = act(st, "wang", { type: "withdraw", unit: WANG }).state;
    expect(st.outcome).toBe("lost");
    expect(prospects(st)).toMatchObject({ winnable: false, cause: "fellBack", left: "nothing" });
  });

  it("the wall's score: rounds held (rounds finished on the board) and soldiers through the gate", () => {
    const wall = loadMapById("the-wall");
    const s = createBattle({ ...wall, waves: [] }, 1);
    s.units = s.units.filter((u) => u.side !== "creature");
    s.intents = [];
    expect(prospects(s)).toMatchObject({ roundsHeld: 0, through: 0 });
    let st = s;
    for (let k = 0; k < 3; k++) st = endRound(st).state;
    expect(prospects(st)).toMatchObject({ roundsHeld: 3, through: 0 });
  });
});

describe("every civilian's fate is told, never where", () => {
  /**
   * Civilian 1 dies on the top floor beyond Takumi's sight (he stands by the stairs, 6 rows up),
   * spat at by a Spitter he sees (out of sight a creature only moves).
   */
  function deathUpstairs(at: { x: number; y: number }, from: { x: number; y: number }): { before: BattleState; after: BattleState; events: BattleEvent[] } {
    const s = quietTower();
    put(s, TAKUMI, 8, 1, 2);
    put(s, "civilian-1", at.x, at.y, 2);
    unit(s, "civilian-1").hp = 1;
    spitAt(s, { ...from, level: 2 }, { ...at, level: 2 });
    const mask = visibleTiles(s);
    expect(mask[tileIndex(s.map, from.x, from.y, 2)]).toBe(1);
    expect(mask[tileIndex(s.map, at.x, at.y, 2)]).toBe(0);
    const { state, events } = endRound(s);
    expect(unit(state, "civilian-1").fate).toBe("dead");
    return { before: s, after: state, events };
  }

  it("a death out of sight is heard: who and what, with no place and no creature", () => {
    const { before, after, events } = deathUpstairs({ x: 5, y: 7 }, { x: 5, y: 3 });
    const told = eventsFor(before, after, events, TAKUMI);
    expect(told.filter((e) => e.type === "died")).toEqual([]);
    const heard = told.filter((e) => e.type === "heard");
    expect(heard).toEqual([{ type: "heard", civilian: "civilian-1", fate: "dead" }]);
    expect(Object.keys(heard[0]).sort()).toEqual(["civilian", "fate", "type"]);
    // the view counts him dead, at his start tile (the map's), whatever befell him where
    const v = viewFor(after, TAKUMI).units.find((u) => u.id === "civilian-1")!;
    const start = towerMap.civilians![0];
    expect(v).toMatchObject({ fate: "dead", x: start.x, y: start.y, level: start.level, grabbedBy: null });
  });

  it("secrecy: a death elsewhere in the fog, by another creature, is heard the same and viewed the same", () => {
    const a = deathUpstairs({ x: 5, y: 7 }, { x: 5, y: 3 });
    const b = deathUpstairs({ x: 7, y: 7 }, { x: 7, y: 3 });
    const heard = (r: typeof a) => eventsFor(r.before, r.after, r.events, TAKUMI).filter((e) => e.type === "heard" || e.type === "objectiveLost");
    expect(heard(b)).toEqual(heard(a));
    const civ = (r: typeof a) => viewFor(r.after, TAKUMI).units.find((u) => u.id === "civilian-1");
    expect(civ(b)).toEqual(civ(a));
  });

  it("a taking out of sight is heard without the creature's name", () => {
    const { before, after } = deathUpstairs({ x: 5, y: 7 }, { x: 5, y: 3 });
    const taken = structuredClone(after) as BattleState;
    taken.map = after.map;
    unit(taken, "civilian-1").fate = "taken";
    const told = eventsFor(before, taken, [{ type: "taken", unit: "civilian-1", by: "c99" }], WANG);
    expect(told).toEqual([{ type: "heard", civilian: "civilian-1", fate: "taken" }]);
  });

  it("a lunge named at a soldier who withdrew is shown at no one (the Snatcher lunges at whoever is in reach)", () => {
    const wall: MapDef = { ...loadMapById("the-wall"), waves: [] };
    const s = createBattle(wall, 1);
    s.units = s.units.filter((u) => u.side !== "creature");
    s.intents = [];
    s.objective = "extract";
    s.perimeter = null;
    put(s, TP1, 9, 0);
    const c = placeCreature(s, "snatcher", 9, 2);
    s.intents = planIntents(s);
    expect(s.intents.find((i) => i.unit === c.id)!.victim).toBe(TP1);
    const { state } = act(s, "takumi", { type: "withdraw", unit: TP1 });
    const shown = viewFor(state, TAKUMI).intents.find((i) => i.unit === c.id)!;
    expect(shown.victim).toBeNull();
  });
});
