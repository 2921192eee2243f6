/**
 * What a viewer may see (docs/DESIGN.md §9): viewFor, eventsFor, noise markers, and the wire form
 * (toWire / fromWire) the server syncs.
 */
import { describe, it, expect } from "vitest";
import {
  apply, createBattle, eventsFor, fromWire, tileIndex, toWire, viewFor, visibleTiles,
  type BattleEvent, type BattleState, type BattleView, type Viewer,
} from "../../shared/index.js";
import { placeNoise } from "../../shared/sight/noise.js";
import { playBattle } from "../../tools/play.js";
import {
  HIT, TAKUMI, TP1, WANG, act, endRound, eventsOf, forceRolls, idx, map, placeCreature, put, quiet, replan,
  setAcid, setCorpse, unit, type MapId,
} from "./helpers.js";

const VIEWERS: Viewer[] = ["takumi", "wang", "spectator"];

function maskFor(s: BattleState, viewer: Viewer): Uint8Array {
  return visibleTiles(s, s.options.splitVision && viewer !== "spectator" ? viewer : undefined);
}

/** Everything a view must hold back, checked against the full state it came from. */
function checkView(s: BattleState, v: BattleView, viewer: Viewer): void {
  const mask = maskFor(s, viewer);
  const where = `${viewer} at step ${s.step}`;
  expect(Array.from(v.visible), where).toEqual(Array.from(mask));
  expect([v.rng, v.seed, v.nextUnitId], where).toEqual([0, 0, 0]);
  const shown = new Set<string>();
  for (const u of v.units) {
    shown.add(u.id);
    if (u.side !== "creature") continue;
    expect(u.fate, where).toBe("active");
    expect(mask[idx(s, u.x, u.y, u.level)], `${where}: creature ${u.id} shown on an unseen tile`).toBe(1);
  }
  for (const u of s.units) {
    if (u.side === "squad") expect(shown.has(u.id), where).toBe(true);
    else if (u.fate === "active" && mask[idx(s, u.x, u.y, u.level)] === 1) expect(shown.has(u.id), `${where}: seen ${u.id} missing`).toBe(true);
  }
  // intents: those of creatures in sight; and, marked last known at the creature's place, those
  // announced at the phase start whose creature is out of sight now (shared vision, player phase)
  const split = s.options.splitVision && viewer !== "spectator";
  const byId = new Map(s.units.map((u) => [u.id, u]));
  for (const i of v.intents) {
    const c = byId.get(i.unit)!;
    if (!i.lastKnown) {
      expect(shown.has(i.unit), `${where}: intent of hidden ${i.unit}`).toBe(true);
      expect(i.lastSeen).toBeNull();
      continue;
    }
    expect(shown.has(i.unit), `${where}: ${i.unit} in sight but its intent marked last known`).toBe(false);
    expect([c.unseenAtPhaseStart, s.phase, split], `${where}: last-known intent of ${i.unit} never announced`).toEqual([false, "player", false]);
    expect(i.lastSeen).toEqual({ x: c.x, y: c.y, level: c.level });
  }
  // in the same order, renumbered 1..k (so the numbers don't count hidden creatures)
  const kept = s.intents.filter((i) => {
    const c = byId.get(i.unit);
    if (!c || (i.kind === "drag" && !c.grabbing)) return false;
    if (shown.has(i.unit)) return true;
    return !split && s.phase === "player" && !c.unseenAtPhaseStart && (c.fate === "active" || (c.fate === "dead" && i.diedUnseen === true));
  }).sort((a, b) => a.order - b.order);
  // a lunge named at a soldier no longer on the board is shown at no one
  const named = (victim: string | null) => (victim && byId.get(victim)?.fate === "active" ? victim : null);
  expect(v.intents.map(({ lastKnown: _k, lastSeen: _s, ...i }) => i)).toEqual(kept.map(({ diedUnseen: _d, ...i }, k) => ({ ...i, victim: named(i.victim), order: k + 1 })));
  for (const layer of ["acid", "acidAge", "melt", "corpse"] as const)
    for (let i = 0; i < mask.length; i++)
      if (v.layers[layer][i] !== (mask[i] === 1 ? s.layers[layer][i] : 0)) throw new Error(`${where}: layer ${layer} tile ${i} leaks or lies`);
  // the terrain is the squad's known terrain: the real one on every tile the squad sees, and where
  // it changed unseen (a grenade or acid out of sight) what the squad last saw there
  const squadSees = visibleTiles(s);
  const lastSeen = new Map((s.knownTerrain ?? []).map((k) => [k.tile, k.terrain]));
  for (let i = 0; i < squadSees.length; i++) {
    const told = squadSees[i] === 1 || !lastSeen.has(i) ? s.layers.terrain[i] : lastSeen.get(i);
    if (v.layers.terrain[i] !== told) throw new Error(`${where}: terrain tile ${i} is ${v.layers.terrain[i]}, the squad knows ${told}`);
  }
  const wire = toWire(v);
  expect(Object.keys(wire.units).sort()).toEqual([...shown].sort());
  if (s.phase !== "ended") expect(wire.report).toBe("");
}

/** No event a viewer receives names a creature he never saw or a tile he did not see. */
function checkEvents(before: BattleState, after: BattleState, events: BattleEvent[], viewer: Viewer): void {
  const out = eventsFor(before, after, events, viewer);
  const a = maskFor(before, viewer), b = maskFor(after, viewer);
  const seenTile = (p: { x: number; y: number; level: number }) => a[idx(after, p.x, p.y, p.level)] === 1 || b[idx(after, p.x, p.y, p.level)] === 1;
  const creatures = new Set([...before.units, ...after.units].filter((u) => u.side === "creature").map((u) => u.id));
  const known = new Set([...viewFor(before, viewer).units, ...viewFor(after, viewer).units].map((u) => u.id));
  const placesOf = (e: BattleEvent) => (e.type === "moved" || e.type === "dragged" ? e.path : "at" in e ? [e.at] : e.type === "pounced" ? [e.to] : []);
  // a creature seen at some moment of the command (its walk or death in sight) counts as seen
  for (const e of events) if ("unit" in e && creatures.has((e as { unit: string }).unit) && placesOf(e).some(seenTile)) known.add((e as { unit: string }).unit);
  for (const e of out) {
    const where = `${viewer}, step ${after.step}: ${JSON.stringify(e)}`;
    const places = e.type === "moved" || e.type === "dragged" ? e.path : "at" in e ? [e.at] : e.type === "pounced" ? [e.to] : [];
    const inSight = places.some(seenTile);
    // a creature never seen before or after may be named only by something that happened in sight
    for (const key of ["unit", "target", "victim", "by"] as const) {
      const id = (e as Record<string, unknown>)[key];
      if (typeof id === "string" && creatures.has(id) && !known.has(id) && !inSight) throw new Error(`${where} names hidden ${id}`);
    }
    // a creature's walk is trimmed to the tiles in sight; blood and melting only show in sight
    const creatureEvent = "unit" in e && creatures.has((e as { unit: string }).unit);
    if (e.type === "moved" && creatureEvent) for (const p of places) expect(seenTile(p), where).toBe(true);
    else if ((creatureEvent || e.type === "acid" || e.type === "melted") && places.length) expect(inSight, where).toBe(true);
  }
}

/** Every (before, after, events) of a bot-played battle, from its record. */
function playedSteps(id: MapId, seed: number, splitVision: boolean): { before: BattleState; after: BattleState; events: BattleEvent[] }[] {
  const m = map(id);
  const { record } = playBattle(m, seed, { splitVision }, true);
  let s = createBattle(m, seed, { splitVision });
  const out: { before: BattleState; after: BattleState; events: BattleEvent[] }[] = [];
  for (const c of record!.log) {
    const r = apply(s, { seat: c.seat, action: c.action });
    if (!r.ok) throw new Error(`replay refused ${r.code}`);
    out.push({ before: s, after: r.state, events: r.events });
    s = r.state;
  }
  return out;
}

describe("viewFor", () => {
  it("drops hidden creatures, their intents and the layers under the fog; zeroes the generator and seed", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const seenC = placeCreature(s, "snatcher", 8, 12); // 3 from takumi
    const hidden = placeCreature(s, "leaper", 1, 2);
    setAcid(s, 1, 2, 0, 3);
    setCorpse(s, 1, 3, 0, 1);
    setAcid(s, 8, 11, 0, 2);
    replan(s);
    const v = viewFor(s, "takumi");
    expect(v.units.map((u) => u.id)).toContain(seenC.id);
    expect(v.units.map((u) => u.id)).not.toContain(hidden.id);
    expect(v.intents.map((i) => i.unit)).toEqual([seenC.id]);
    expect(v.layers.acid[idx(s, 1, 2)]).toBe(0);
    expect(v.layers.corpse[idx(s, 1, 3)]).toBe(0);
    expect(v.layers.acid[idx(s, 8, 11)]).toBe(2);
    expect([v.rng, v.seed]).toEqual([0, 0]);
    checkView(s, v, "takumi");
  });

  it("with split vision each seat sees only through its own soldiers; a spectator sees the squad's whole view", () => {
    const s = quiet("last-stand");
    s.options = { ...s.options, splitVision: true };
    const c = placeCreature(s, "snatcher", 3, 9); // 4 from takumi-private-1 at (7, 8), far from wang's men
    replan(s);
    expect(viewFor(s, "takumi").units.map((u) => u.id)).toContain(c.id);
    expect(viewFor(s, "wang").units.map((u) => u.id)).not.toContain(c.id);
    expect(viewFor(s, "spectator").units.map((u) => u.id)).toContain(c.id);
    for (const viewer of VIEWERS) checkView(s, viewFor(s, viewer), viewer);
  });

  for (const [id, seed, split] of [["last-stand", 11, false], ["last-stand", 12, true], ["the-alley", 13, false], ["tower-test", 14, false]] as const) {
    it(`holds back everything hidden at every step of a played battle (${id}, seed ${seed}${split ? ", split vision" : ""})`, () => {
      const steps = playedSteps(id, seed, split);
      expect(steps.length).toBeGreaterThan(10);
      for (const { before, after, events } of steps)
        for (const viewer of VIEWERS) {
          checkView(after, viewFor(after, viewer), viewer);
          checkEvents(before, after, events, viewer);
        }
    });
  }
});

describe("eventsFor", () => {
  it("a grenade into the fog: the throw is shown, the hidden creature's wound and blood are not", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const c = placeCreature(s, "snatcher", 3, 9); // 5 from takumi: hidden
    replan(s);
    const { state, events } = act(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 3, y: 9, level: 0 } });
    expect(unit(state, c.id).hp).toBe(2);
    expect(eventsOf(events, "damaged").map((e) => e.unit)).toEqual([c.id]);
    expect(eventsOf(events, "acid")).toHaveLength(1);
    const out = eventsFor(s, state, events, "takumi");
    expect(out.map((e) => e.type)).toEqual(["grenade"]);
  });

  it("a hidden creature's walk is trimmed to the tiles in sight, or dropped", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const far = placeCreature(s, "snatcher", 20, 1);
    replan(s);
    const { state, events } = endRound(s);
    const raw = eventsOf(events, "moved").filter((e) => e.unit === far.id);
    expect(raw).toHaveLength(1);
    const mask = visibleTiles(state);
    const unseen = raw[0].path.filter((p) => mask[idx(state, p.x, p.y, p.level)] === 0 && visibleTiles(s)[idx(s, p.x, p.y, p.level)] === 0);
    expect(unseen.length).toBeGreaterThan(0);
    const out = eventsOf(eventsFor(s, state, events, "wang"), "moved").filter((e) => e.unit === far.id);
    const shownPath = out.flatMap((e) => e.path);
    expect(shownPath.length).toBe(raw[0].path.length - unseen.length);
    for (const p of unseen) expect(shownPath).not.toContainEqual(p);
  });

  it("a seen creature's shot, wound and death are all shown", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const c = placeCreature(s, "snatcher", 8, 12, 0, 3);
    replan(s);
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    expect(eventsFor(s, state, events, "wang")).toEqual(events);
  });
});

describe("noise markers", () => {
  it("a hidden creature within 8 tiles of a soldier makes one marker on a tile next to it, never on it", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const c = placeCreature(s, "snatcher", 2, 9); // 6 from takumi: hidden, heard
    for (let rng = 1; rng <= 100; rng++) {
      s.rng = rng;
      const marks = placeNoise(s, visibleTiles(s));
      expect(marks).toHaveLength(1);
      expect(Math.max(Math.abs(marks[0].x - c.x), Math.abs(marks[0].y - c.y))).toBe(1);
    }
  });

  it("at the map's edge and corners the marker still never sits on the creature", () => {
    const cases = [[0, 9, 6, 9], [21, 9, 15, 9], [0, 15, 6, 11], [21, 0, 15, 4], [10, 15, 10, 9], [10, 0, 10, 5], [0, 0, 6, 4], [21, 15, 15, 11]];
    for (const [x, y, wx, wy] of cases) {
      const s = quiet("last-stand", { keep: [WANG] });
      put(s, WANG, wx, wy); // 5 or 6 tiles away: he hears it but cannot see it
      const c = placeCreature(s, "snatcher", x, y);
      const mask = visibleTiles(s);
      expect(mask[idx(s, x, y)]).toBe(0);
      for (let rng = 1; rng <= 200; rng++) {
        s.rng = rng;
        const marks = placeNoise(s, mask);
        expect(marks).toHaveLength(1);
        const d = Math.max(Math.abs(marks[0].x - c.x), Math.abs(marks[0].y - c.y));
        expect(d, `creature at (${x}, ${y}), marker at (${marks[0].x}, ${marks[0].y})`).toBe(1);
      }
    }
  });

  it("no marker for a creature beyond 8 tiles, nor for one in sight", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    placeCreature(s, "snatcher", 21, 0); // 9 from wang at (13, 9)
    placeCreature(s, "snatcher", 8, 12); // in sight
    expect(placeNoise(s, visibleTiles(s))).toEqual([]);
  });

  it("the player phase announces markers for the hidden creatures it hears", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    s.map = { ...s.map, waves: [{ round: 2, creatures: [{ kind: "snatcher", count: 1 }] }], spawns: [{ kind: "edge", x: 0, y: 4, level: 0 }] };
    const { state } = endRound(s);
    expect(state.units.filter((u) => u.side === "creature")).toHaveLength(1);
    expect(state.noise).toHaveLength(1);
    expect(Math.max(Math.abs(state.noise[0].x - 0), Math.abs(state.noise[0].y - 4))).toBe(1);
  });
});

describe("the wire form", () => {
  function roundTrip(s: BattleState, viewer: Viewer): void {
    const v = viewFor(s, viewer);
    const w = JSON.parse(JSON.stringify(toWire(v)));
    const back = fromWire(w, s.map);
    const byId = (list: { id: string }[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(back.units)).toEqual(byId(v.units));
    expect(back.intents).toEqual(v.intents);
    expect(back.noise).toEqual(v.noise);
    expect(Array.from(back.layers.acid)).toEqual(Array.from(v.layers.acid));
    expect(Array.from(back.layers.corpse)).toEqual(Array.from(v.layers.corpse));
    expect(Array.from(back.layers.terrain)).toEqual(Array.from(v.layers.terrain));
    expect(Array.from(back.layers.fire)).toEqual(Array.from(v.layers.fire));
    expect(Array.from(back.visible)).toEqual(Array.from(v.visible));
    expect(back.perimeter).toEqual(v.perimeter);
    expect([back.round, back.phase, back.outcome, back.objective, back.step, back.ready, back.viewer])
      .toEqual([v.round, v.phase, v.outcome, v.objective, v.step, v.ready, v.viewer]);
    expect([back.undo.takumi.length, back.undo.wang.length]).toEqual([v.undo.takumi.length, v.undo.wang.length]);
    expect(toWire(back)).toEqual(w);
  }

  it("round-trips units, intents (a drag path and countdown too), layers and the perimeter", () => {
    const s = quiet("last-stand", { perimeter: true });
    put(s, TP1, 5, 7);
    const c = placeCreature(s, "snatcher", 5, 6);
    c.grabbing = TP1;
    unit(s, TP1).grabbedBy = c.id;
    placeCreature(s, "spitter", 8, 5);
    setAcid(s, 8, 11, 0, 2);
    setCorpse(s, 8, 12, 0, 1);
    s.layers.fire[tileIndex(s.map, 9, 11, 0)] = 3; // a burning tile in sight (the wire sends it as a pair)
    replan(s);
    expect(s.intents.some((i) => i.kind === "drag" && i.dragPath.length > 0)).toBe(true);
    const moved = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 11, level: 0 } }).state;
    for (const viewer of VIEWERS) roundTrip(moved, viewer);
  });

  it("round-trips every step of a played battle, the ended one included", () => {
    const steps = playedSteps("tower-test", 21, false);
    for (const { after } of steps) roundTrip(after, "takumi");
    const last = steps[steps.length - 1].after;
    expect(last.phase).toBe("ended");
    expect(JSON.parse(toWire(viewFor(last, "wang")).report)).toEqual(last.report);
  });
});

describe("eventsFor: a creature felled as it comes into sight", () => {
  it("the overwatch shot and the wound are shown with the death", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const c = placeCreature(s, "snatcher", 2, 9, 0, 1); // hidden, 6 from takumi
    replan(s);
    const st = act(s, "takumi", { type: "overwatch", unit: TAKUMI }).state;
    forceRolls(st, HIT);
    const { state, events } = endRound(st);
    expect(eventsOf(events, "died").map((e) => e.unit)).toEqual([c.id]);
    expect(state.units.some((u) => u.id === c.id)).toBe(false);
    const shown = eventsFor(st, state, events, "takumi");
    const about = shown.filter((e) => ("unit" in e && e.unit === c.id) || (e.type === "shot" && e.target === c.id));
    expect(about.map((e) => e.type)).toEqual(["moved", "shot", "damaged", "died"]);
  });
});
