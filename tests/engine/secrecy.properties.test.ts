/**
 * No verdict of the engine depends on what the squad cannot see, as a property: for random
 * states, a twin that differs only in the fog (hidden creatures and civilians moved or removed, creatures added; acid and
 * corpses under the fog; terrain changed out of the squad's sight: a floor melted to a hole above
 * the ground, rubble blown to street) gives the seat the same view; then every action gets the same verdict and
 * code and every accepted move the same path and cost, the legal action lists and the bot's choice
 * are the same, and the view alone (also as the client rebuilds it from the wire) gives the same
 * verdicts: what the client previews is what the server rules.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  apply, botCommand, check, fromWire, legalActions, toWire, viewFor, visibleTiles, Terrain,
  type Action, type BattleState, type Command, type Seat, type Unit,
} from "../../shared/index.js";
import { planMove } from "../../shared/actions/move.js";
import { distance, posOf, tileIndex } from "../../shared/core/grid.js";
import { makeCreature } from "../../shared/rules/spawns.js";
import { endRound, fresh, type MapId } from "./helpers.js";

const SEATS: Seat[] = ["takumi", "wang"];
const KINDS = ["snatcher", "leaper", "spitter"] as const;

interface FogEdit {
  how: number;
  pick: number;
  to: number;
}

/**
 * A battle played some way in: random legal actions, rounds ended now and then. `down`: on
 * tower-test the squad starts downstairs, so the floor above lies under the fog.
 */
function played(id: MapId, seed: number, split: boolean, steps: number[], down = false): BattleState {
  let s = fresh(id, seed, { splitVision: split });
  // (each onto the nearest free floor below him: two units on one tile is no state the engine ever
  // makes, and the order of the units list would then decide which one blocks a route)
  if (down && id === "tower-test") {
    const m = s.map;
    const free = (x: number, y: number) =>
      s.layers.terrain[tileIndex(m, x, y, 0)] !== Terrain.wall && !s.units.some((v) => v.fate === "active" && v.x === x && v.y === y && v.level === 0);
    for (const u of s.units) {
      if (u.side !== "squad") continue;
      let best: { x: number; y: number } | null = null;
      for (let y = 0; y < m.height; y++)
        for (let x = 0; x < m.width; x++)
          if (free(x, y) && (!best || Math.abs(x - u.x) + Math.abs(y - u.y) < Math.abs(best.x - u.x) + Math.abs(best.y - u.y))) best = { x, y };
      if (best) Object.assign(u, best, { level: 0 });
    }
  }
  for (const step of steps) {
    if (s.phase !== "player") break;
    if (step % 9 === 0) {
      s = endRound(s).state;
      continue;
    }
    const seat = SEATS[step % 2];
    const actions = legalActions(s, seat).filter((a) => a.type !== "ready");
    if (!actions.length) continue;
    const r = apply(s, { seat, action: actions[step % actions.length] });
    if (r.ok) s = r.state;
  }
  return s;
}

/**
 * A copy of `s` that differs only where `seat` cannot see: creatures out of his sight that were
 * never announced to him are moved or removed, new ones stand in the fog near his soldiers, and
 * acid and corpses lie on tiles he cannot see.
 */
function twin(s: BattleState, seat: Seat, edits: FogEdit[]): BattleState {
  const { map, ...rest } = s;
  const t = { ...structuredClone(rest), map } as BattleState;
  const mask = visibleTiles(t, t.options.splitVision ? seat : undefined);
  const soldiers = t.units.filter((u) => u.side === "squad" && u.fate === "active");
  const occupied = new Set(t.units.filter((u) => u.fate === "active").map((u) => tileIndex(map, u.x, u.y, u.level)));
  // hidden tiles a creature could stand on, nearest to a soldier first (where they matter most)
  const free: number[] = [];
  for (let i = 0; i < mask.length; i++)
    if (mask[i] === 0 && !occupied.has(i) && t.layers.terrain[i] !== Terrain.hole) free.push(i);
  const near = (i: number) => soldiers.reduce((m, u) => Math.min(m, distance(posOf(map, i), u)), Infinity);
  free.sort((a, b) => near(a) - near(b) || a - b);
  const pool = free.slice(0, 24);
  // (civilians under the fog too: moved or removed, they tell the seat nothing)
  const movable = (u: Unit) =>
    (u.side === "creature" && u.fate === "active" && !u.grabbing && mask[tileIndex(map, u.x, u.y, u.level)] === 0 && (u.unseenAtPhaseStart || t.phase !== "player")) ||
    (u.side === "civilian" && u.fate === "active" && !u.grabbedBy && mask[tileIndex(map, u.x, u.y, u.level)] === 0);
  // tiles whose terrain may change where the whole squad cannot see (known terrain is the squad's)
  const squadSees = visibleTiles(t);
  const changeable: number[] = [];
  for (let i = 0; i < squadSees.length; i++) {
    const here = t.layers.terrain[i];
    const upper = i >= map.width * map.height;
    if (squadSees[i] === 0 && !occupied.has(i) && (here === Terrain.rubble || (upper && (here === Terrain.street || here === Terrain.rubble)))) changeable.push(i);
  }
  changeable.sort((a, b) => near(a) - near(b) || a - b);
  let added = 0;
  // every twin has its terrain changed at least once (where the map allows)
  for (const e of [{ ...edits[0], how: 4 }, ...edits]) {
    if (e.how === 4) {
      if (!changeable.length) continue;
      const i = changeable[e.to % changeable.length];
      if (occupied.has(i)) continue;
      const real = t.layers.terrain[i];
      const upper = i >= map.width * map.height;
      const next = upper && (real !== Terrain.rubble || e.pick % 2 === 0) ? Terrain.hole : Terrain.street;
      if (next === real) continue;
      t.layers = { ...t.layers, terrain: t.layers.terrain.slice() };
      t.layers.terrain[i] = next;
      if (!t.knownTerrain?.some((k) => k.tile === i))
        t.knownTerrain = [...(t.knownTerrain ?? []), { tile: i, terrain: real }].sort((a, b) => a.tile - b.tile);
      // no creature is put on a hole later
      occupied.add(i);
      continue;
    }
    const hidden = t.units.filter(movable);
    const spot = pool.length ? pool[e.to % pool.length] : -1;
    if (e.how === 3 && spot >= 0) {
      // acid and corpses under the fog (layers are values: write a copy)
      t.layers = { ...t.layers, acid: t.layers.acid.slice(), corpse: t.layers.corpse.slice() };
      t.layers.acid[spot] = 1 + (e.pick % 3);
      t.layers.corpse[spot] = e.pick % 2;
      continue;
    }
    if (spot >= 0 && occupied.has(spot)) continue;
    if (e.how === 0 && hidden.length) {
      const c = hidden[e.pick % hidden.length];
      t.units = t.units.filter((u) => u !== c);
      t.intents = t.intents.filter((i) => i.unit !== c.id);
      occupied.delete(tileIndex(map, c.x, c.y, c.level));
    } else if (e.how === 1 && hidden.length && spot >= 0) {
      const c = hidden[e.pick % hidden.length];
      occupied.delete(tileIndex(map, c.x, c.y, c.level));
      Object.assign(c, posOf(map, spot));
      occupied.add(spot);
    } else if (spot >= 0) {
      const p = posOf(map, spot);
      const c = makeCreature(t, KINDS[e.pick % 3], { kind: "manhole", ...p });
      c.id = `fog-${added++}`;
      c.unseenAtPhaseStart = true;
      t.units.push(c);
      occupied.add(spot);
    }
  }
  return t;
}

/** Actions worth judging: onto and around every creature (both boards), a spread of tiles, every target. */
function probes(s: BattleState, t: BattleState, seat: Seat, extra: number[]): Action[] {
  const map = s.map;
  const tiles = new Set<number>();
  for (const st of [s, t])
    for (const c of st.units)
      if (c.side === "creature" && c.fate === "active")
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++)
            if (c.x + dx >= 0 && c.y + dy >= 0 && c.x + dx < map.width && c.y + dy < map.height) tiles.add(tileIndex(map, c.x + dx, c.y + dy, c.level));
  const n = map.width * map.height * map.levels;
  for (const k of extra) tiles.add(k % n);
  // and around every tile whose terrain the squad does not know
  for (const st of [s, t])
    for (const k of st.knownTerrain ?? []) {
      const p = posOf(map, k.tile);
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++)
          if (p.x + dx >= 0 && p.y + dy >= 0 && p.x + dx < map.width && p.y + dy < map.height) tiles.add(tileIndex(map, p.x + dx, p.y + dy, p.level));
    }
  const targets = new Set([...s.units, ...t.units].filter((u) => u.side !== "squad").map((u) => u.id));
  const civilians = [...new Set([...s.units, ...t.units].filter((u) => u.side === "civilian").map((u) => u.id))];
  targets.add("c999");
  const out: Action[] = [{ type: "ready", ready: true }, { type: "ready", ready: false }, { type: "undo" }];
  for (const u of s.units) {
    if (u.side !== "squad") continue;
    // the other seat's soldiers once (ERR_NOT_YOUR_UNIT), the seat's own fully
    const own = u.seat === seat;
    for (const i of own ? tiles : [...tiles].slice(0, 1)) {
      out.push({ type: "move", unit: u.id, to: posOf(map, i) });
      if (own) out.push({ type: "grenade", unit: u.id, to: posOf(map, i) });
    }
    if (!own) continue;
    for (const target of targets) for (const type of ["shoot", "calledShot", "butt"] as const) out.push({ type, unit: u.id, target });
    out.push({ type: "overwatch", unit: u.id }, { type: "reload", unit: u.id });
    for (const comrade of civilians) out.push({ type: "carry", unit: u.id, comrade });
  }
  return out;
}

function verdict(s: BattleState, c: Command): unknown {
  const refusal = check(s, c);
  if (refusal) return refusal;
  if (c.action.type !== "move") return "ok";
  // an accepted move: the path and its cost, as the squad knows the board
  return planMove(s, c.seat, c.action);
}

/** The property over these maps: returns how often the fog differed and how many verdicts were compared. */
function twinsAgree(maps: MapId[], numRuns: number, seed: number) {
  let compared = 0, fogged = 0, holes = 0, rubble = 0, civilians = 0;
  fc.assert(
    fc.property(
      fc.constantFrom(...maps),
      fc.integer({ min: 0, max: 0xffff }),
      fc.boolean(),
      fc.constantFrom(...SEATS),
      fc.array(fc.nat(), { maxLength: 40 }),
      fc.array(fc.record({ how: fc.nat(4), pick: fc.nat(), to: fc.nat() }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 12 }),
      fc.boolean(),
      (id, battleSeed, split, seat, steps, edits, extra, down) => {
        const s = played(id, battleSeed, split, steps, down);
        const t = twin(s, seat, edits);
        // the twins are indistinguishable to the seat: if not, the generator is wrong, not the engine
        expect(viewFor(t, seat)).toEqual(viewFor(s, seat));
        const view = viewFor(s, seat);
        if (JSON.stringify(t.units) !== JSON.stringify(s.units)) fogged++;
        const civ = (st: BattleState) => JSON.stringify(st.units.filter((u) => u.side === "civilian"));
        if (civ(t) !== civ(s)) civilians++;
        for (const k of t.knownTerrain ?? []) {
          if (t.layers.terrain[k.tile] === Terrain.hole) holes++;
          else rubble++;
        }
        for (const action of probes(s, t, seat, extra)) {
          const c: Command = { seat, action };
          const want = verdict(s, c);
          expect(verdict(t, c), `${JSON.stringify(action)} on the twin`).toEqual(want);
          expect(verdict(view, c), `${JSON.stringify(action)} on the seat's view`).toEqual(want);
          compared++;
        }
        expect(legalActions(t, seat)).toEqual(legalActions(s, seat));
        expect(legalActions(view, seat)).toEqual(legalActions(s, seat));
        // and what the client rebuilds from the wire offers exactly that (its units come sorted by id)
        const sorted = (actions: Action[]) => actions.map((a) => JSON.stringify(a)).sort();
        expect(sorted(legalActions(fromWire(toWire(view), s.map), seat))).toEqual(sorted(legalActions(s, seat)));
        // the soldier bot (a lone player's partner) plays from the seat's view too
        expect(botCommand(t, seat)).toEqual(botCommand(s, seat));
      },
    ),
    { numRuns, seed },
  );
  return { compared, fogged, holes, rubble, civilians };
}

describe("secrecy: no verdict depends on what the squad cannot see", () => {
  const maps: MapId[] = ["last-stand", "the-alley", "tower-test"];
  it("two states with the same squad view give every action the same verdict, code, path and cost", () => {
    const { fogged, holes, rubble, compared } = twinsAgree(maps, 60, 7007);
    // the property was not vacuous: the fog did differ, and many actions were judged
    expect(fogged).toBeGreaterThan(40);
    // and terrain changed under the fog: holes above the ground, rubble blown away
    expect(holes).toBeGreaterThan(5);
    expect(rubble).toBeGreaterThan(5);
    expect(compared).toBeGreaterThan(5000);
  }, 240_000);

  it("civilians under the fog (moved, removed) change no verdict either (the-streets, the-tower)", () => {
    const { fogged, civilians, compared } = twinsAgree(["the-streets", "the-tower"], 30, 1101);
    expect(fogged).toBeGreaterThan(15);
    expect(civilians).toBeGreaterThan(5);
    expect(compared).toBeGreaterThan(2000);
  }, 240_000);

  it("on the bus (fire and its smoke) and at the wall (the ring every round) as well", () => {
    const { fogged, compared } = twinsAgree(["the-bus", "the-wall"], 30, 1202);
    expect(fogged).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(1000);
  }, 240_000);
});
