/**
 * Nothing leaks through a verdict or a vanishing intent (issue 7): a move into the unknown is judged
 * on what the squad sees and ends in an ambush when a hidden creature blocks the way; announced
 * intents stay shown, as last known, when their creature goes out of sight; a drag intent goes
 * when the grab ends.
 */
import { describe, expect, it } from "vitest";
import { apply, botCommand, check, eventsFor, fromWire, legalActions, reachableTiles, toWire, viewFor, type BattleState, type Unit } from "../../shared/index.js";
import {
  HIT, MISS, TAKUMI, TP1, act, endRound, eventsOf, forceRolls, map, placeCreature, put, quiet, refused, replan, unit,
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
