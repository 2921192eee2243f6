/**
 * Property tests (fast-check): random mixes of legal actions and garbage commands never break the
 * board's invariants, refusals change nothing, legal actions are never refused, and the log of
 * accepted commands replays to the same hash.
 */
import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  apply, createBattle, hashState, legalActions, replay, RULES, RULES_VERSION, Terrain,
  type BattleState, type Command, type MatchRecord, type Seat,
} from "../../shared/index.js";
import { distance, tileIndex } from "../../shared/core/grid.js";
import { map, pickLegal, type MapId } from "./helpers.js";

type Step =
  | { kind: "legal"; seat: Seat; pick: number }
  | { kind: "ready"; seat: Seat }
  | { kind: "any"; seat: string; action: unknown }
  | { kind: "mutant"; seat: Seat; pick: number; how: number; delta: number };

const SEATS: Seat[] = ["takumi", "wang"];
const IDS = ["takumi", "wang", "takumi-private-1", "takumi-private-2", "wang-private-1", "wang-private-2", "c1", "c2", "c3", "c4", "c7", ""];
const TYPES = ["move", "shoot", "calledShot", "overwatch", "grenade", "butt", "reload", "holdOn", "revive", "carry", "drop", "withdraw", "ready", "undo", "fly", ""];

const posArb = fc.record({ x: fc.integer({ min: -2, max: 24 }), y: fc.integer({ min: -2, max: 19 }), level: fc.integer({ min: -1, max: 2 }) });
const idArb = fc.oneof(fc.constantFrom(...IDS), fc.string({ maxLength: 40 }));
/** Commands of every shape: near-miss actions (wrong ids, tiles off the map, missing fields) and plain junk. */
const anyAction = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constantFrom(...TYPES), unit: idArb, target: idArb, comrade: idArb, to: fc.oneof(posArb, fc.anything()), ready: fc.oneof(fc.boolean(), fc.anything()) }, { requiredKeys: ["type"] }) },
  { weight: 1, arbitrary: fc.anything() },
);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant("legal" as const), seat: fc.constantFrom(...SEATS), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("ready" as const), seat: fc.constantFrom(...SEATS) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("any" as const), seat: fc.constantFrom("takumi", "wang", "spectator", ""), action: anyAction }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("mutant" as const), seat: fc.constantFrom(...SEATS), pick: fc.nat(), how: fc.nat(5), delta: fc.integer({ min: -3, max: 3 }) }) },
);

/** A legal action bent a little: another tile nearby, another unit or target, the other seat. */
function mutate(s: BattleState, step: Extract<Step, { kind: "mutant" }>): Command {
  const actions = legalActions(s, step.seat);
  if (!actions.length) return { seat: step.seat, action: { type: "ready", ready: false } };
  const a = structuredClone(actions[step.pick % actions.length]) as Record<string, unknown> & { type: string };
  const ids = s.units.map((u) => u.id);
  const other = (id: unknown) => ids[(ids.indexOf(String(id)) + Math.abs(step.delta) + 1) % ids.length];
  let seat: Seat = step.seat;
  switch (step.how) {
    case 0: if (a.to) (a.to as { x: number }).x += step.delta; break;
    case 1: if (a.to) (a.to as { y: number }).y += step.delta; break;
    case 2: if ("unit" in a) a.unit = other(a.unit); break;
    case 3: if ("target" in a) a.target = other(a.target); else if ("comrade" in a) a.comrade = other(a.comrade); else if (a.to) (a.to as { level: number }).level += step.delta; break;
    case 4: seat = step.seat === "takumi" ? "wang" : "takumi"; break;
    default: if (a.type === "move") a.type = "grenade"; else if (a.type === "shoot") a.type = "butt"; else if (a.type === "butt") a.type = "calledShot";
      else if (a.type === "holdOn") a.type = "revive"; else if (a.type === "revive") a.type = "carry"; else if (a.type === "carry") a.type = "holdOn";
      else if (a.type === "drop") a.type = "withdraw"; else if (a.type === "withdraw") a.type = "drop";
  }
  return { seat, action: a as unknown as Command["action"] };
}

/** The board's invariants; throws naming the first broken one. */
function checkInvariants(s: BattleState, where: string): void {
  const m = s.map;
  const taken = new Map<number, string>();
  for (const u of s.units) {
    const at = `${where}: ${u.id}`;
    if (u.hp < 0 || u.hp > u.maxHp) throw new Error(`${at} hp ${u.hp} outside 0..${u.maxHp}`);
    if (u.ap < 0 || u.ap > RULES.apPerRound) throw new Error(`${at} ap ${u.ap} outside 0..${RULES.apPerRound}`);
    if (u.side === "squad") {
      if (u.mag < 0 || u.mag > RULES.rifle.magazine || u.spareMags < 0 || u.grenades < 0) throw new Error(`${at} ammunition ${u.mag}/${u.spareMags}/${u.grenades}`);
      if (u.armor < 0) throw new Error(`${at} armor ${u.armor}`);
    }
    if (u.fate === "carried") {
      const by = s.units.find((v) => v.id === u.carriedBy);
      if (!by || by.fate !== "active" || by.carrying !== u.id || distance(by, u) !== 0) throw new Error(`${at} carried by ${u.carriedBy}, who does not carry him here`);
      if (u.side === "squad" && u.down <= 0) throw new Error(`${at} carried but not down`);
      if (u.side === "civilian" && u.kind !== "child") throw new Error(`${at} a grown civilian carried`);
    } else if (u.carriedBy) throw new Error(`${at} (${u.fate}) still marked carried by ${u.carriedBy}`);
    if (u.carrying && u.fate === "active" && !s.units.some((v) => v.id === u.carrying && v.fate === "carried")) throw new Error(`${at} carries ${u.carrying}, who is not carried`);
    if (u.side === "civilian" && (u.seat !== null || u.ap !== 0 || u.down !== 0 || u.grabbing || u.carrying))
      throw new Error(`${at} a civilian with a seat, AP, down, a grip or a burden`);
    if (u.fate !== "active") {
      if (u.fate === "dead" && u.hp !== 0) throw new Error(`${at} dead with hp ${u.hp}`);
      continue;
    }
    if (u.down > 0 && (u.side !== "squad" || u.hp !== 0 || u.ap !== 0)) throw new Error(`${at} down with hp ${u.hp}, ap ${u.ap}`);
    if (u.hp < 1 && u.down === 0) throw new Error(`${at} active with hp ${u.hp}, not down`);
    if (u.x < 0 || u.y < 0 || u.x >= m.width || u.y >= m.height || u.level < 0 || u.level >= m.levels) throw new Error(`${at} off the map`);
    const i = tileIndex(m, u.x, u.y, u.level);
    if (taken.has(i)) throw new Error(`${at} shares (${u.x}, ${u.y}, ${u.level}) with ${taken.get(i)}`);
    taken.set(i, u.id);
    const t = s.layers.terrain[i];
    if (t === Terrain.hole) throw new Error(`${at} stands on a hole`);
    if ((t === Terrain.wall || t === Terrain.vehicle) && u.side !== "creature") throw new Error(`${at} (a soldier) inside a wall or vehicle`);
    if (u.grabbedBy) {
      const g = s.units.find((v) => v.id === u.grabbedBy);
      if (!g || g.fate !== "active" || g.grabbing !== u.id) throw new Error(`${at} held by ${u.grabbedBy}, who does not hold him`);
      if (distance(g, u) !== 1) throw new Error(`${at} held by ${g.id} from ${distance(g, u)} tiles`);
    }
    if (u.heldBy && !u.grabbedBy) throw new Error(`${at} held on to by ${u.heldBy} but not grabbed`);
    if (u.grabbing) {
      const v = s.units.find((w) => w.id === u.grabbing);
      if (!v || v.fate !== "active" || v.grabbedBy !== u.id) throw new Error(`${at} holds ${u.grabbing}, who is not held by it`);
    }
  }
  // the saved are counted once each: on a map with civilians the count is theirs
  if (m.civilians?.length) {
    const out = s.units.filter((u) => u.side === "civilian" && u.fate === "extracted").length;
    if (s.civiliansSaved !== out || s.report.civiliansSaved !== out) throw new Error(`${where}: ${s.civiliansSaved} civilians saved, ${out} out`);
    if (s.units.filter((u) => u.side === "civilian").length !== m.civilians.length) throw new Error(`${where}: a civilian left the state`);
  }
  for (let i = 0; i < s.layers.acid.length; i++) if (s.layers.acid[i] > 3) throw new Error(`${where}: acid ${s.layers.acid[i]} on tile ${i}`);
  // (a map's own fire, the-bus's power cell, may burn longer than a vehicle set alight)
  const maxFire = Math.max(RULES.fire.vehicleRounds, ...(m.fires ?? []).map((f) => f.rounds));
  for (let i = 0; i < s.layers.fire.length; i++) {
    if (s.layers.fire[i] > maxFire) throw new Error(`${where}: fire ${s.layers.fire[i]} on tile ${i}`);
    if (s.layers.fire[i] > 0 && (s.layers.terrain[i] === Terrain.wall || s.layers.terrain[i] === Terrain.hole)) throw new Error(`${where}: fire on a wall or hole, tile ${i}`);
  }
  if (s.phase === "player") {
    // announced at the phase start: a creature killed since keeps its (now void) intent until the next phase
    for (const i of s.intents) {
      const c = s.units.find((u) => u.id === i.unit);
      if (!c || c.side !== "creature") throw new Error(`${where}: an intent for ${i.unit}, no creature on the board`);
    }
    for (const i of s.intents) {
      const c = s.units.find((u) => u.id === i.unit)!;
      // the drag's announcement ends with the grab
      if (i.kind === "drag" && c.fate === "active" && !c.grabbing) throw new Error(`${where}: ${c.id} announces a drag, holding no one`);
    }
    const announced = new Set(s.intents.map((i) => i.unit));
    if (announced.size !== s.intents.length) throw new Error(`${where}: two intents for one creature`);
    for (const u of s.units) if (u.side === "creature" && u.fate === "active" && !announced.has(u.id)) throw new Error(`${where}: ${u.id} announced nothing`);
    const orders = s.intents.map((i) => i.order).sort((a, b) => a - b);
    orders.forEach((o, k) => { if (o !== k + 1) throw new Error(`${where}: intent orders ${orders}`); });
  }
}

/** The fields of an action that the rules read (garbage may carry others). */
function essence(a: Command["action"]): unknown {
  switch (a.type) {
    case "move": case "grenade": return { type: a.type, unit: a.unit, to: { x: a.to.x, y: a.to.y, level: a.to.level } };
    case "shoot": case "calledShot": case "butt": return { type: a.type, unit: a.unit, target: a.target };
    case "overwatch": case "reload": return { type: a.type, unit: a.unit };
    case "holdOn": case "revive": case "carry": return { type: a.type, unit: a.unit, comrade: a.comrade };
    case "drop": case "withdraw": return { type: a.type, unit: a.unit };
    case "ready": return { type: a.type, ready: a.ready };
    case "undo": return { type: a.type };
  }
}

/** How often each kind was played, over every run of this file (the last test checks none is missing). */
const played = new Map<string, number>();

/** Is an accepted action among those legalActions lists (so previews and perft counts miss nothing)? */
function isListed(actions: Command["action"][], a: Command["action"]): boolean {
  const want = JSON.stringify(essence(a));
  return actions.some((b) => JSON.stringify(essence(b)) === want);
}

function run(id: MapId, seed: number, steps: Step[]): void {
  const m = map(id);
  let s = createBattle(m, seed);
  const log: Command[] = [];
  checkInvariants(s, "start");
  let hash = hashState(s);
  for (const [k, step] of steps.entries()) {
    if (s.phase !== "player") break;
    const where = `step ${k + 1} (${step.kind})`;
    let command: Command;
    if (step.kind === "legal") {
      const actions = legalActions(s, step.seat);
      // (a seat that has taken its ready back too often this round has nothing to do but wait)
      if (!actions.length) continue;
      command = { seat: step.seat, action: pickLegal(actions, step.pick) };
    } else if (step.kind === "ready") {
      if (s.ready[step.seat]) continue;
      command = { seat: step.seat, action: { type: "ready", ready: true } };
    }
    else if (step.kind === "mutant") command = mutate(s, step);
    else command = { seat: step.seat as Seat, action: step.action as Command["action"] };
    const r = apply(s, command);
    if (hashState(s) !== hash) throw new Error(`${where}: apply changed the state it was given (${JSON.stringify(command)})`);
    if (!r.ok) {
      if (step.kind === "legal" || step.kind === "ready") throw new Error(`${where}: a legal command was refused: ${r.code} ${r.message} ${JSON.stringify(command)}`);
      continue;
    }
    if ((step.kind === "any" || step.kind === "mutant") && !isListed(legalActions(s, command.seat), command.action))
      throw new Error(`${where}: accepted but not among the legal actions: ${JSON.stringify(command)}`);
    played.set(command.action.type, (played.get(command.action.type) ?? 0) + 1);
    log.push(structuredClone(command));
    s = r.state;
    hash = hashState(s);
    if (s.step !== log.length) throw new Error(`${where}: step counter ${s.step}, log ${log.length}`);
    checkInvariants(s, where);
  }
  const record: MatchRecord = { rulesVersion: RULES_VERSION, map: { id: m.id, hash: m.contentHash }, seed, options: s.options, log };
  const back = replay(JSON.parse(JSON.stringify(record)), m);
  if (back.error) throw new Error(`replay: ${back.error}`);
  if (back.hash !== hash) throw new Error(`replay hash ${back.hash}, played ${hash}`);
}

describe("properties: random play keeps the board sound", () => {
  const MAPS: [MapId, number, number][] = [
    ["last-stand", 1001, 30], ["the-alley", 1002, 40], ["the-streets", 1003, 20], ["the-tower", 1004, 20],
    ["the-bus", 1005, 20], ["the-wall", 1006, 20], ["tower-test", 1007, 10],
  ];
  for (const [id, fcSeed, numRuns] of MAPS) {
    it(`${id}: one unit per tile, hp/ap in bounds, no soldier in walls, refusals change nothing, the log replays`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(stepArb, { minLength: 1, maxLength: 150, size: "max" }), (seed, steps) => run(id, seed, steps)),
        { numRuns, seed: fcSeed },
      );
      // a property's hundreds of battles: seconds on a quiet machine, many more on a loaded one
    }, 240_000);
  }

  it("the runs above played every kind of action (hold on, revive, carry, drop and withdraw too)", () => {
    const kinds = ["move", "shoot", "calledShot", "overwatch", "grenade", "butt", "reload", "holdOn", "revive", "carry", "drop", "withdraw", "ready", "undo"];
    expect(kinds.filter((k) => !played.get(k))).toEqual([]);
  });

  it("essence tells actions apart: a withdraw is listed only for its own soldier", () => {
    const listed: Command["action"][] = [{ type: "withdraw", unit: "takumi" }];
    expect(isListed(listed, { type: "withdraw", unit: "takumi" })).toBe(true);
    expect(isListed(listed, { type: "withdraw", unit: "wang" })).toBe(false);
    expect(isListed(listed, { type: "drop", unit: "takumi" })).toBe(false);
  });

  it("garbage alone never changes a fresh state", () => {
    const s = createBattle(map("last-stand"), 3);
    const hash = hashState(s);
    fc.assert(
      fc.property(fc.constantFrom("takumi", "wang", "spectator", "", null), anyAction, (seat, action) => {
        const r = apply(s, { seat: seat as Seat, action: action as Command["action"] });
        expect(hashState(s)).toBe(hash);
        if (!r.ok) expect(typeof r.code).toBe("string");
      }),
      { numRuns: 500, seed: 1003 },
    );
  });
});
