/**
 * Nothing leaks through a verdict or a vanishing intent: a move into the unknown is judged
 * on what the squad sees and ends in an ambush when a hidden creature blocks the way; announced
 * intents stay shown, as last known, when their creature goes out of sight; a drag intent goes
 * when the grab ends; terrain changed under the fog (a floor melted, rubble blown away) stays as
 * the squad last saw it, in views and verdicts, until seen (a walk onto an unseen hole falls through).
 */
import { describe, expect, it } from "vitest";
import {
  apply, botCommand, check, eventsFor, findPath, fromWire, hashState, legalActions, reachableTiles, toWire, viewFor, Terrain,
  type BattleState, type Unit,
} from "../../shared/index.js";
import { planMove } from "../../shared/actions/move.js";
import {
  HIT, MISS, TAKUMI, TP1, act, endRound, eventsOf, forceRolls, idx, map, placeCreature, put, quiet, refused, replan, setAcid,
  terrainAt, unit,
} from "./helpers.js";

/** Takumi alone at (8, 9) on last-stand (sight 4), a Snatcher 5 tiles east at (13, 9): out of sight. */
function lurking(): { s: BattleState; c: Unit } {
  const s = quiet("last-stand", { keep: [TAKUMI] });
  const c = placeCreature(s, "snatcher", 13, 9);
  replan(s);
  expect(viewFor(s, "takumi").units.some((u) => u.id === c.id)).toBe(false);
  return { s, c };
}

describe("a move into the unknown: the ambush", () => {
  it("a move onto a hidden creature's tile is accepted; he stops on the last free tile, the creature is revealed, the move is final", () => {
    const { s, c } = lurking();
    expect(check(s, { seat: "takumi", action: { type: "move", unit: TAKUMI, to: { x: 13, y: 9, level: 0 } } })).toBeNull();
    // the client offers it too: the tile is free as far as the squad knows
    expect(reachableTiles(s, TAKUMI).some((t) => t.pos.x === 13 && t.pos.y === 9)).toBe(true);
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 13, y: 9, level: 0 } });
    const t = unit(state, TAKUMI);
    expect(Math.max(Math.abs(t.x - 13), Math.abs(t.y - 9))).toBe(1);
    expect(t.ap).toBe(0); // the 5 tiles he set out on cost 2 AP, stopped short or not
    expect(eventsOf(events, "ambush")).toEqual([{ type: "ambush", unit: TAKUMI, by: c.id, at: { x: 13, y: 9, level: 0 } }]);
    const moved = eventsOf(events, "moved")[0];
    expect(moved.path.at(-1)).toEqual({ x: t.x, y: t.y, level: 0 });
    expect(events.indexOf(moved)).toBeLessThan(events.findIndex((e) => e.type === "ambush"));
    expect(viewFor(state, "takumi").units.some((u) => u.id === c.id)).toBe(true);
    expect(eventsFor(s, state, events, "takumi").some((e) => e.type === "ambush")).toBe(true);
    expect(state.undo.takumi).toEqual([]);
    refused(state, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });

  it("a creature in sight still refuses the tile (ERR_OCCUPIED), and blocks the way as before", () => {
    const { s, c } = lurking();
    put(s, c.id, 11, 9);
    replan(s);
    refused(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 11, y: 9, level: 0 } }, "ERR_OCCUPIED");
    expect(reachableTiles(s, TAKUMI).some((t) => t.pos.x === 11 && t.pos.y === 9)).toBe(false);
  });

  it("a hidden creature neither refuses, bends nor prices a route: same verdict, path and cost as on an empty board", () => {
    const { s } = lurking();
    const empty = quiet("last-stand", { keep: [TAKUMI] });
    for (const to of [{ x: 14, y: 9 }, { x: 13, y: 9 }, { x: 12, y: 10 }, { x: 15, y: 8 }]) {
      const action = { type: "move" as const, unit: TAKUMI, to: { ...to, level: 0 } };
      expect(check(s, { seat: "takumi", action })).toEqual(check(empty, { seat: "takumi", action }));
    }
    expect(reachableTiles(s, TAKUMI)).toEqual(reachableTiles(empty, TAKUMI));
  });

  it("the ambush is told to the squad; a walk that meets no one is undoable as before", () => {
    const { s } = lurking();
    const { state } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 6, y: 9, level: 0 } });
    expect(state.undo.takumi).toHaveLength(1);
  });
});

describe("announced intents never vanish", () => {
  /** Takumi alone at (8, 9); a Spitter in sight at (11, 9) announces its attack. */
  function announced(): { s: BattleState; c: Unit } {
    const s = quiet("last-stand", { keep: [TAKUMI] });
    const c = placeCreature(s, "spitter", 11, 9);
    replan(s);
    const i = s.intents.find((x) => x.unit === c.id)!;
    expect(i.kind).toBe("spit");
    expect(c.unseenAtPhaseStart).toBe(false);
    return { s, c };
  }

  it("a creature that goes out of sight keeps its intent in the view and on the wire, marked last known at its last place", () => {
    const { s, c } = announced();
    const before = viewFor(s, "takumi").intents.find((i) => i.unit === c.id)!;
    expect(before.lastKnown).toBe(false);
    const { state } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 4, y: 9, level: 0 } });
    const v = viewFor(state, "takumi");
    expect(v.units.some((u) => u.id === c.id)).toBe(false);
    const after = v.intents.find((i) => i.unit === c.id)!;
    expect(after).toMatchObject({ kind: "spit", lastKnown: true, lastSeen: { x: 11, y: 9, level: 0 }, target: before.target, order: 1 });
    // nothing else of the creature: no unit, no hit points
    const wire = toWire(v);
    expect(wire.units[c.id]).toBeUndefined();
    expect(wire.intents[0]).toMatchObject({ unit: c.id, lastKnown: true, lastSeen: 9 * map("last-stand").width + 11 });
    expect(fromWire(wire, state.map).intents[0]).toMatchObject({ lastKnown: true, lastSeen: { x: 11, y: 9, level: 0 } });
  });

  it("a grenade that kills it out of sight does not make its intent vanish (that would tell the kill)", () => {
    const { s, c } = announced();
    c.hp = 1;
    let state = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 6, y: 9, level: 0 } }).state;
    expect(viewFor(state, "takumi").units.some((u) => u.id === c.id)).toBe(false);
    state = act(state, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 11, y: 9, level: 0 } }).state;
    expect(unit(state, c.id).fate).toBe("dead");
    expect(viewFor(state, "takumi").intents.find((i) => i.unit === c.id)).toMatchObject({ lastKnown: true });
  });

  it("one killed in sight loses its intent, and it does not come back when he walks away", () => {
    const { s, c } = announced();
    c.hp = 1;
    forceRolls(s, HIT);
    let state = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id }).state;
    expect(unit(state, c.id).fate).toBe("dead");
    expect(viewFor(state, "takumi").intents).toEqual([]);
    state = act(state, "takumi", { type: "move", unit: TAKUMI, to: { x: 5, y: 9, level: 0 } }).state;
    expect(viewFor(state, "takumi").intents).toEqual([]);
  });

  it("the warning was given: the last-known attack still lands in the enemy phase", () => {
    const { s, c } = announced();
    const target = s.intents.find((i) => i.unit === c.id)!.target!;
    expect(target).toEqual({ x: 8, y: 9, level: 0 });
    const { state } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 4, y: 9, level: 0 } });
    const { events } = endRound(state);
    expect(eventsOf(events, "spat").map((e) => e.unit)).toEqual([c.id]);
  });

  it("a drag intent goes from the view when the grab ends (called shot), and stays while it holds", () => {
    const s = quiet("last-stand");
    put(s, TP1, 5, 7);
    const c = placeCreature(s, "snatcher", 5, 6);
    c.grabbing = TP1;
    unit(s, TP1).grabbedBy = c.id;
    replan(s);
    expect(viewFor(s, "takumi").intents.map((i) => i.kind)).toEqual(["drag"]);
    forceRolls(s, MISS);
    const missed = act(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id }).state;
    expect(viewFor(missed, "takumi").intents.map((i) => i.kind)).toEqual(["drag"]);
    forceRolls(s, HIT);
    const freed = act(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id }).state;
    expect(unit(freed, c.id).fate).toBe("active");
    // the drag is gone with the grab (the engine leaves the grabber a plain, harmless stay)
    expect(viewFor(freed, "takumi").intents.filter((i) => i.kind === "drag" || i.damage > 0)).toEqual([]);
    expect(toWire(viewFor(freed, "wang")).intents.filter((i) => i.kind === "drag" || i.dragPath.length > 0)).toEqual([]);
  });
});

it("apply never reads what the seat cannot see: the same move from two boards that differ only in the fog", () => {
  const a = lurking().s;
  const b = quiet("last-stand", { keep: [TAKUMI] });
  placeCreature(b, "leaper", 16, 12);
  replan(b);
  const move = { type: "move" as const, unit: TAKUMI, to: { x: 13, y: 9, level: 0 } };
  const ra = apply(a, { seat: "takumi", action: move }), rb = apply(b, { seat: "takumi", action: move });
  expect(ra.ok && rb.ok).toBe(true);
  if (ra.ok && rb.ok) expect(unit(ra.state, TAKUMI).ap).toBe(unit(rb.state, TAKUMI).ap);
});

it("the soldier bot plays from its seat's view: a hidden creature beside a seen one draws no grenade", () => {
  const board = (withHidden: boolean) => {
    const s = quiet("last-stand", { keep: [TAKUMI] });
    placeCreature(s, "snatcher", 12, 9); // in sight, 4 east
    placeCreature(s, "snatcher", 4, 9); // in sight, 4 west
    if (withHidden) placeCreature(s, "snatcher", 13, 9); // 5 east: out of sight, beside the first
    replan(s);
    s.intents = []; // nothing announced: he is not threatened, so his choice is about targets alone
    return s;
  };
  const hidden = board(true);
  expect(viewFor(hidden, "takumi").units.filter((u) => u.side === "creature")).toHaveLength(2);
  const choice = botCommand(hidden, "takumi");
  expect(choice).toEqual(botCommand(board(false), "takumi"));
  expect(choice?.action.type).not.toBe("grenade");
});

it("with split vision the ambush is told to the ambushed soldier's seat and to spectators, not to a partner who does not see the tile", () => {
  const s = quiet("last-stand", { keep: [TAKUMI, "wang"] });
  s.options = { ...s.options, splitVision: true };
  put(s, "wang", 2, 3);
  const c = placeCreature(s, "snatcher", 13, 9);
  replan(s);
  const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 13, y: 9, level: 0 } });
  const told = (viewer: "takumi" | "wang" | "spectator") => eventsFor(s, state, events, viewer).some((e) => e.type === "ambush");
  expect([told("takumi"), told("spectator"), told("wang")]).toEqual([true, true, false]);
  expect(viewFor(state, "wang").units.some((u) => u.id === c.id)).toBe(false);
});

it("the client never offers an undo the engine would refuse: the wire carries who goes back where", () => {
  const s = quiet("last-stand", { keep: [TAKUMI, "wang"] });
  let state = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 6, y: 9, level: 0 } }).state;
  const before = fromWire(toWire(viewFor(state, "spectator")), state.map);
  expect(legalActions(before, "takumi")).toContainEqual({ type: "undo" });
  // Wang steps onto the tile Takumi left: Takumi's undo is refused now
  state = act(state, "wang", { type: "move", unit: "wang", to: { x: 8, y: 9, level: 0 } }).state;
  refused(state, "takumi", { type: "undo" }, "ERR_OCCUPIED");
  const client = fromWire(toWire(viewFor(state, "spectator")), state.map);
  expect(legalActions(client, "takumi")).not.toContainEqual({ type: "undo" });
  expect(check(client, { seat: "takumi", action: { type: "undo" } })?.code).toBe("ERR_OCCUPIED");
});

describe("terrain under the fog: the squad knows what it last saw", () => {
  const at = (s: BattleState, x: number, y: number, level: number) => idx(s, x, y, level);
  /** tower-test with the squad downstairs (level 0): nobody sees the floor of level 1. */
  function downstairs(): BattleState {
    const s = quiet("tower-test");
    for (const u of s.units) if (u.side === "squad") u.level = 0;
    return s;
  }
  /** Acid 3 held one round already on (x, y, 1): the floor melts at the end of the round. */
  function melting(s: BattleState, x: number, y: number): BattleState {
    setAcid(s, x, y, 1, 3);
    s.layers.melt[at(s, x, y, 1)] = 1;
    return endRound(s).state;
  }

  it("a floor melted in sight shows; one melted out of sight does not (view and wire) until a soldier sees it", () => {
    const lit = melting(quiet("tower-test"), 2, 5);
    expect(terrainAt(lit, 2, 5, 1)).toBe(Terrain.hole);
    expect(lit.knownTerrain).toBeUndefined();
    expect(viewFor(lit, "takumi").layers.terrain[at(lit, 2, 5, 1)]).toBe(Terrain.hole);

    let s = melting(downstairs(), 2, 5);
    const i = at(s, 2, 5, 1);
    expect(terrainAt(s, 2, 5, 1)).toBe(Terrain.hole);
    expect(s.knownTerrain).toEqual([{ tile: i, terrain: Terrain.street }]);
    for (const viewer of ["takumi", "wang", "spectator"] as const) {
      const view = viewFor(s, viewer);
      expect(view.layers.terrain[i]).toBe(Terrain.street);
      expect(view.knownTerrain).toBeUndefined();
      expect(toWire(view).terrain[i]).toBe(Terrain.street);
    }
    // Takumi climbs the stairs: level 1 comes into sight, and the hole with it
    put(s, TAKUMI, 6, 5, 0);
    s = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 6, y: 6, level: 1 } }).state;
    expect(s.knownTerrain).toBeUndefined();
    expect(viewFor(s, "wang").layers.terrain[i]).toBe(Terrain.hole);
    expect(toWire(viewFor(s, "spectator")).terrain[i]).toBe(Terrain.hole);
  });

  it("a known-terrain list changes the state's hash; none leaves it as before", () => {
    const s = downstairs();
    const h = hashState(s);
    expect(hashState({ ...s, knownTerrain: [] })).toBe(h);
    expect(hashState({ ...s, knownTerrain: [{ tile: at(s, 2, 5, 1), terrain: Terrain.street }] })).not.toBe(h);
  });

  it("a walk onto a floor melted under the fog is accepted as the squad knows it; he falls through, hurt, and the move is final", () => {
    const s = melting(downstairs(), 5, 5);
    const intact = endRound(downstairs()).state;
    put(s, TAKUMI, 6, 5, 0);
    put(intact, TAKUMI, 6, 5, 0);
    const to = { x: 5, y: 5, level: 1 };
    const move = { type: "move" as const, unit: TAKUMI, to };
    // the same verdict, path, cost and previews as on the board where the floor still stands
    expect(check(s, { seat: "takumi", action: move })).toBeNull();
    expect(planMove(s, "takumi", move)).toEqual(planMove(intact, "takumi", move));
    expect(reachableTiles(s, TAKUMI)).toEqual(reachableTiles(intact, TAKUMI));
    expect(legalActions(s, "takumi")).toEqual(legalActions(intact, "takumi"));
    const before = unit(s, TAKUMI);
    const plan = planMove(s, "takumi", move) as { ap: number };
    const { state, events } = act(s, "takumi", move);
    const t = unit(state, TAKUMI);
    expect([t.x, t.y, t.level]).toEqual([5, 5, 0]);
    expect(t.ap).toBe(before.ap - plan.ap);
    expect(eventsOf(events, "moved")[0].path.at(-1)).toEqual(to);
    expect(eventsOf(events, "fell")).toEqual([{ type: "fell", unit: TAKUMI, to: { x: 5, y: 5, level: 0 } }]);
    expect(eventsOf(events, "damaged").filter((e) => e.cause === "fall")).toEqual([
      { type: "damaged", unit: TAKUMI, amount: 2, cause: "fall", hp: before.hp - 2 },
    ]);
    // the squad saw him fall: the hole is known now, and the move cannot be taken back
    expect(state.knownTerrain).toBeUndefined();
    expect(viewFor(state, "takumi").layers.terrain[at(s, 5, 5, 1)]).toBe(Terrain.hole);
    expect(state.undo.takumi).toEqual([]);
    refused(state, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });

  it("a walk onto a known hole is still refused (ERR_BLOCKED)", () => {
    const s = melting(quiet("tower-test"), 5, 5);
    refused(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 5, y: 5, level: 1 } }, "ERR_BLOCKED");
  });

  it("rubble blown away under the fog still prices routes as rubble; he walks it, charged as planned", () => {
    const intact = quiet("last-stand", { keep: [TAKUMI] });
    const s = quiet("last-stand", { keep: [TAKUMI] });
    const i = at(s, 13, 10, 0);
    expect(viewFor(s, "takumi").visible[i]).toBe(0);
    expect(terrainAt(s, 13, 10, 0)).toBe(Terrain.rubble);
    // as a grenade out of sight leaves it: the real floor is street, the squad still knows rubble
    s.layers = { ...s.layers, terrain: s.layers.terrain.slice() };
    s.layers.terrain[i] = Terrain.street;
    s.knownTerrain = [{ tile: i, terrain: Terrain.rubble }];
    expect(viewFor(s, "takumi").layers.terrain[i]).toBe(Terrain.rubble);
    expect(reachableTiles(s, TAKUMI)).toEqual(reachableTiles(intact, TAKUMI));
    expect(findPath(s, TAKUMI, { x: 13, y: 10, level: 0 })).toEqual(findPath(intact, TAKUMI, { x: 13, y: 10, level: 0 }));
    expect(botCommand(s, "takumi")).toEqual(botCommand(intact, "takumi"));
    const move = { type: "move" as const, unit: TAKUMI, to: { x: 13, y: 10, level: 0 } };
    const plan = planMove(s, "takumi", move);
    expect(plan).toEqual(planMove(intact, "takumi", move));
    const { state } = act(s, "takumi", move);
    const t = unit(state, TAKUMI);
    expect([t.x, t.y, t.level]).toEqual([13, 10, 0]);
    expect(t.ap).toBe(unit(s, TAKUMI).ap - (plan as { ap: number }).ap);
    // now he stands on it: the squad knows it is street
    expect(state.knownTerrain).toBeUndefined();
    expect(viewFor(state, "takumi").layers.terrain[i]).toBe(Terrain.street);
  });
});
