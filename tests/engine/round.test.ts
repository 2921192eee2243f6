/** A round (docs/DESIGN.md §4): intents, the player phase, ready, the enemy and environment phases, spawns, undo, refusals. */
import { describe, it, expect } from "vitest";
import { apply, hashState, legalActions, type BattleState, type CreatureKind, type Seat } from "../../shared/index.js";
import {
  HIT, TAKUMI, TP1, TP2, WANG, WP1, WP2, act, endRound, eventsOf, forceRolls, fresh, placeCreature, put, quiet,
  refused, replan, setAcid, unit,
} from "./helpers.js";

const creatures = (s: BattleState) => s.units.filter((u) => u.side === "creature" && u.fate === "active");
const kindsOf = (list: { kind: string }[]) => list.map((u) => u.kind).sort();
const waveKinds = (s: BattleState, round: number): string[] => {
  const out: string[] = [];
  for (const w of s.map.waves) if (w.round === round) for (const c of w.creatures) for (let k = 0; k < c.count; k++) out.push(c.kind);
  return out.sort();
};

describe("round: intents", () => {
  it("every creature announces one intent at the phase start, numbered 1..n in resolution order", () => {
    let s = fresh("last-stand", 3);
    for (let round = 1; round <= 4; round++) {
      const ids = creatures(s).map((c) => c.id).sort();
      expect(s.intents.map((i) => i.unit).sort(), `round ${round}`).toEqual(ids);
      expect(s.intents.map((i) => i.order)).toEqual(ids.map((_, k) => k + 1));
      s = endRound(s).state;
      if (s.phase !== "player") break;
    }
  });

  it("a creature unseen at the phase start only moves: it walks up to a soldier and does not attack", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const c = placeCreature(s, "snatcher", 8, 3); // 6 from takumi at (8, 9)
    replan(s);
    const intent = s.intents.find((i) => i.unit === c.id)!;
    expect(unit(s, c.id).unseenAtPhaseStart).toBe(true);
    expect(intent).toMatchObject({ kind: "move", target: null, area: [] });
    const { state, events } = endRound(s);
    const at = unit(state, c.id);
    expect(Math.max(Math.abs(at.x - 8), Math.abs(at.y - 9))).toBe(1); // beside him now
    expect(eventsOf(events, "grabbed")).toEqual([]);
    expect(unit(state, TAKUMI).grabbedBy).toBeNull();
    // seen now: next round it announces the grab
    expect(state.intents.find((i) => i.unit === c.id)!.kind).toBe("grab");
  });

  it("hidden Leapers and Spitters only move too (no pounce, no spit)", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const le = placeCreature(s, "leaper", 2, 9);
    const sp = placeCreature(s, "spitter", 8, 2);
    replan(s);
    for (const id of [le.id, sp.id]) expect(s.intents.find((i) => i.unit === id)!.kind).toBe("move");
    const { state, events } = endRound(s);
    expect(eventsOf(events, "pounced")).toEqual([]);
    expect(eventsOf(events, "spat")).toEqual([]);
    expect(unit(state, TAKUMI).hp).toBe(6);
    expect(unit(state, WANG).hp).toBe(8);
  });

  it("an attack hits the announced tile: the soldier who moved away is spared, whoever stands there is hit", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const sp = placeCreature(s, "spitter", 8, 5);
    replan(s);
    const intent = s.intents.find((i) => i.unit === sp.id)!;
    expect(intent.kind).toBe("spit");
    const target = intent.target!;
    const victim = s.units.find((u) => u.side === "squad" && u.x === target.x && u.y === target.y)!;
    const other = victim.id === TAKUMI ? WANG : TAKUMI;
    const seatOf = (id: string) => unit(s, id).seat as Seat;
    // the announced victim steps away; his comrade steps onto the tile
    let st = act(s, seatOf(victim.id), { type: "move", unit: victim.id, to: { x: 4, y: 11, level: 0 } }).state;
    st = act(st, seatOf(other), { type: "move", unit: other, to: target }).state;
    const hpBefore = unit(st, other).hp;
    const { state, events } = endRound(st);
    expect(eventsOf(events, "spat")).toEqual([{ type: "spat", unit: sp.id, at: target, hit: other }]);
    expect(unit(state, victim.id).hp).toBe(victim.hp);
    const spit = eventsOf(events, "damaged").filter((e) => e.unit === other && e.cause === "spit");
    expect(spit.map((e) => e.amount)).toEqual([2]);
    expect(unit(state, other).hp).toBeLessThan(hpBefore);
  });

  it("an attack on an empty tile hits no one and still leaves the spit's acid", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const sp = placeCreature(s, "spitter", 8, 5);
    replan(s);
    const target = s.intents.find((i) => i.unit === sp.id)!.target!;
    const victim = s.units.find((u) => u.side === "squad" && u.x === target.x && u.y === target.y)!;
    const st = act(s, victim.seat as Seat, { type: "move", unit: victim.id, to: { x: 4, y: 11, level: 0 } }).state;
    const { state, events } = endRound(st);
    expect(eventsOf(events, "spat")).toEqual([{ type: "spat", unit: sp.id, at: target, hit: null }]);
    expect(eventsOf(events, "damaged").filter((e) => e.cause === "spit")).toEqual([]);
    expect(state.layers.acid[(target.level * state.map.height + target.y) * state.map.width + target.x]).toBe(2);
  });
});

describe("round: the Leaper's pounce", () => {
  it("a seen Leaper announces its landing tile and the 8 tiles its tail sweeps; it lands there and hurts every soldier beside it", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const le = placeCreature(s, "leaper", 8, 5); // 4 from takumi at (8, 9): seen
    replan(s);
    const intent = s.intents.find((i) => i.unit === le.id)!;
    expect(intent.kind).toBe("pounce");
    expect(intent.target).toEqual(intent.moveTo);
    expect(intent.area).toHaveLength(8);
    for (const p of intent.area) expect(Math.max(Math.abs(p.x - intent.moveTo.x), Math.abs(p.y - intent.moveTo.y))).toBe(1);
    expect(intent.area).toContainEqual({ x: 8, y: 9, level: 0 });
    const { state, events } = endRound(s);
    const l = unit(state, le.id);
    expect({ x: l.x, y: l.y, level: l.level }).toEqual(intent.moveTo);
    expect(eventsOf(events, "pounced")).toEqual([{ type: "pounced", unit: le.id, to: intent.moveTo, hit: [TAKUMI] }]);
    const sweep = eventsOf(events, "damaged").filter((e) => e.cause === "sweep");
    expect(sweep.map((e) => e.unit)).toEqual([TAKUMI]);
    // the tail's 3, less his armor 1 (armor counts against it, so corroded armor tells)
    expect(intent.damage).toBe(3);
    expect(sweep[0].amount).toBe(2);
    expect(unit(state, TAKUMI).armor).toBe(1);
    expect(unit(state, WANG).hp).toBe(8);
  });

  it("the sweep hits the announced area: a soldier who stepped out of it is spared", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const le = placeCreature(s, "leaper", 8, 5);
    replan(s);
    const st = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 4, y: 12, level: 0 } }).state;
    const { state, events } = endRound(st);
    expect(eventsOf(events, "pounced")).toEqual([{ type: "pounced", unit: le.id, to: s.intents[0].moveTo, hit: [] }]);
    expect(unit(state, TAKUMI).hp).toBe(6);
  });
});

describe("round: ready", () => {
  it("each seat marks ready on its own; the phase waits for both", () => {
    const s = quiet("last-stand");
    const { state, events } = act(s, "takumi", { type: "ready", ready: true });
    expect(state.ready).toEqual({ takumi: true, wang: false });
    expect(state.phase).toBe("player");
    expect(state.round).toBe(1);
    expect(events).toEqual([{ type: "ready", seat: "takumi", ready: true }]);
    refused(state, "takumi", { type: "ready", ready: true }, "ERR_ALREADY_READY");
    const back = act(state, "takumi", { type: "ready", ready: false }).state;
    expect(back.ready).toEqual({ takumi: false, wang: false });
    refused(back, "takumi", { type: "ready", ready: false }, "ERR_NOT_READY");
  });

  it("both ready: the enemy and environment phases resolve and round 2 begins with fresh AP", () => {
    let s = quiet("last-stand");
    s = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 11, level: 0 } }).state;
    s = act(s, "wang", { type: "overwatch", unit: WANG }).state;
    expect(unit(s, TAKUMI).ap).toBe(1);
    expect(unit(s, WANG).ap).toBe(0);
    s = act(s, "wang", { type: "ready", ready: true }).state;
    const { state, events } = act(s, "takumi", { type: "ready", ready: true });
    expect(state.round).toBe(2);
    expect(state.phase).toBe("player");
    expect(state.ready).toEqual({ takumi: false, wang: false });
    for (const u of state.units.filter((v) => v.side === "squad")) {
      expect(u.ap, u.id).toBe(2);
      expect(u.overwatch, u.id).toBe(false);
    }
    expect(eventsOf(events, "phase").map((e) => [e.phase, e.round])).toEqual([["enemy", 1], ["environment", 1], ["player", 2]]);
    expect(state.report.perRound.map((r) => r.round)).toEqual([1]);
  });

  it("a seat with no soldier left counts as ready: the other seat's ready alone ends the phase", () => {
    let s = quiet("last-stand");
    for (const id of [WANG, WP1, WP2]) unit(s, id).fate = "dead";
    s = endRound(s).state;
    expect(s.ready.wang).toBe(true);
    const r = act(s, "takumi", { type: "ready", ready: true });
    expect(r.state.round).toBe(3);
  });

  it("the battle is lost when no sergeant is left", () => {
    const s = quiet("last-stand");
    unit(s, TAKUMI).fate = "dead";
    const w = unit(s, WANG);
    w.hp = 2;
    setAcid(s, w.x, w.y, 0, 3);
    // at 0 hp he is down, not dead: the battle goes on until he bleeds out (no one is left to revive him)
    const first = endRound(s);
    expect(unit(first.state, WANG).fate).toBe("active");
    expect(unit(first.state, WANG).down).toBeGreaterThan(0);
    expect(first.state.phase).toBe("player");
    const { state, events } = endRound(first.state);
    expect(unit(state, WANG).fate).toBe("dead");
    expect(state.phase).toBe("ended");
    expect(state.outcome).toBe("lost");
    expect(eventsOf(events, "ended")).toEqual([{ type: "ended", outcome: "lost" }]);
    refused(state, "takumi", { type: "ready", ready: false }, "ERR_WRONG_PHASE");
  });
});

describe("round: spawns", () => {
  it("the first wave of the map's table is on the board at the start, each creature on a spawn point", () => {
    const s = fresh("last-stand", 5);
    expect(kindsOf(creatures(s))).toEqual(waveKinds(s, 1));
    const allowed: Record<CreatureKind, string[]> = { snatcher: ["manhole", "edge"], spitter: ["manhole", "edge"], leaper: ["rooftop", "edge"] };
    for (const c of creatures(s)) {
      const p = s.map.spawns.find((q) => q.x === c.x && q.y === c.y && q.level === c.level);
      expect(p, c.id).toBeDefined();
      expect(allowed[c.kind as CreatureKind]).toContain(p!.kind);
    }
  });

  it("at the end of round 1 the wave for round 2 arrives", () => {
    const s = quiet("last-stand", { waves: true });
    const { state, events } = endRound(s);
    expect(kindsOf(eventsOf(events, "spawned"))).toEqual(waveKinds(s, 2));
    expect(kindsOf(creatures(state))).toEqual(waveKinds(s, 2));
  });

  it("difficulty scales the wave (hard brings at least as many, easy at least one of each)", () => {
    const easy = creatures(fresh("last-stand", 2, { difficulty: "easy" })).length;
    const normal = creatures(fresh("last-stand", 2, { difficulty: "normal" })).length;
    const hard = creatures(fresh("last-stand", 2, { difficulty: "hard" })).length;
    expect(easy).toBeLessThanOrEqual(normal);
    expect(hard).toBeGreaterThan(normal);
    expect(new Set(kindsOf(creatures(fresh("last-stand", 2, { difficulty: "easy" }))))).toEqual(new Set(waveKinds(fresh("last-stand"), 1)));
  });

  it("a soldier standing on a spawn point blocks it and takes 1 (once per wave)", () => {
    const s = quiet("last-stand");
    s.map = { ...s.map, spawns: [{ kind: "manhole", x: 8, y: 12, level: 0 }], waves: [{ round: 2, creatures: [{ kind: "snatcher", count: 2 }] }] };
    put(s, TP2, 8, 12);
    const { state, events } = endRound(s);
    expect(eventsOf(events, "spawned")).toEqual([]);
    expect(creatures(state)).toEqual([]);
    expect(eventsOf(events, "damaged")).toEqual([{ type: "damaged", unit: TP2, amount: 1, cause: "spawn", hp: 4 }]);
  });
});

describe("round: undo", () => {
  it("undo puts the moved soldier back as he was (place and AP), last move first", () => {
    const s = quiet("last-stand");
    const before = structuredClone(unit(s, TAKUMI));
    let st = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 11, level: 0 } }).state;
    st = act(st, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 13, level: 0 } }).state;
    expect(unit(st, TAKUMI).ap).toBe(0);
    let r = act(st, "takumi", { type: "undo" });
    expect(r.events).toEqual([{ type: "undone", unit: TAKUMI }]);
    expect([unit(r.state, TAKUMI).y, unit(r.state, TAKUMI).ap]).toEqual([11, 1]);
    r = act(r.state, "takumi", { type: "undo" });
    expect(unit(r.state, TAKUMI)).toEqual(before);
    refused(r.state, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });

  it("each seat undoes only its own moves", () => {
    const s = quiet("last-stand");
    let st = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 11, level: 0 } }).state;
    refused(st, "wang", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
    st = act(st, "wang", { type: "move", unit: WP1, to: { x: 16, y: 8, level: 0 } }).state;
    st = act(st, "wang", { type: "undo" }).state;
    expect([unit(st, WP1).x, unit(st, TAKUMI).y]).toEqual([14, 11]);
  });

  it("a roll makes moves final: after a shot nothing can be undone", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 14);
    let st = act(s, "takumi", { type: "move", unit: TP1, to: { x: 6, y: 10, level: 0 } }).state;
    st = act(st, "wang", { type: "move", unit: WP1, to: { x: 16, y: 8, level: 0 } }).state;
    forceRolls(st, HIT);
    st = act(st, "takumi", { type: "shoot", unit: TAKUMI, target: c.id }).state;
    refused(st, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
    refused(st, "wang", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });

  it("a move that reveals a creature is final", () => {
    const s = quiet("last-stand");
    placeCreature(s, "snatcher", 8, 2); // 6 from takumi, 6 from takumi-private-1: hidden
    replan(s);
    const st = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 7, y: 6, level: 0 } }).state;
    refused(st, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });

  it("a move that burns in acid is final", () => {
    const s = quiet("last-stand");
    setAcid(s, 8, 10, 0, 1);
    const st = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 10, level: 0 } }).state;
    refused(st, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });

  it("undo is refused (ERR_OCCUPIED) when someone now stands where he was", () => {
    const s = quiet("last-stand");
    let st = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 11, level: 0 } }).state;
    st = act(st, "wang", { type: "move", unit: WP2, to: { x: 8, y: 9, level: 0 } }).state;
    refused(st, "takumi", { type: "undo" }, "ERR_OCCUPIED");
  });
});

describe("round: refusals", () => {
  it("every refusal carries its documented code and leaves the state deep-equal and hash-equal", () => {
    const s = quiet("last-stand");
    const far = placeCreature(s, "snatcher", 17, 10);
    put(s, WANG, 17, 9);
    replan(s);
    const m = (unitId: string, x: number, y: number, level = 0) => ({ type: "move", unit: unitId, to: { x, y, level } });
    refused(s, "takumi", m(WANG, 16, 9), "ERR_NOT_YOUR_UNIT");
    refused(s, "wang", { type: "reload", unit: TAKUMI }, "ERR_NOT_YOUR_UNIT");
    refused(s, "takumi", m("nobody", 1, 1), "ERR_NO_UNIT");
    refused(s, "takumi", m(far.id, 1, 1), "ERR_NO_UNIT");
    refused(s, "takumi", m(TAKUMI, -1, 0), "ERR_OFF_GRID");
    refused(s, "takumi", m(TAKUMI, 8, 9, 1), "ERR_OFF_GRID");
    refused(s, "takumi", m(TAKUMI, 8, 14), "ERR_BLOCKED");
    refused(s, "takumi", m(TAKUMI, 10, 6), "ERR_BLOCKED");
    refused(s, "takumi", m(TAKUMI, 7, 8), "ERR_OCCUPIED");
    refused(s, "takumi", m(TAKUMI, 20, 2), "ERR_UNREACHABLE");
    refused(s, "takumi", { type: "shoot", unit: TAKUMI, target: far.id }, "ERR_OUT_OF_RANGE");
    refused(s, "takumi", { type: "butt", unit: TAKUMI, target: far.id }, "ERR_NOT_ADJACENT");
    refused(s, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
    refused(s, "takumi", { type: "ready", ready: false }, "ERR_NOT_READY");
    for (const bad of [null, undefined, 7, "move", {}, { type: "fly" }, { type: "move", unit: 3, to: { x: 1, y: 1, level: 0 } },
      { type: "move", unit: TAKUMI, to: { x: 1.5, y: 1, level: 0 } }, { type: "move", unit: TAKUMI, to: { x: 1, y: 1 } },
      { type: "shoot", unit: TAKUMI }, { type: "ready", ready: "yes" }, { type: "move", unit: "x".repeat(33), to: { x: 1, y: 1, level: 0 } }])
      refused(s, "takumi", bad, "ERR_BAD_ACTION");
    refused(s, "spectator" as Seat, { type: "ready", ready: true }, "ERR_BAD_ACTION");

    unit(s, TAKUMI).ap = 0;
    refused(s, "takumi", m(TAKUMI, 8, 10), "ERR_NO_AP");
    refused(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 8, y: 12, level: 0 } }, "ERR_NO_AP");
    unit(s, TP1).fate = "dead";
    refused(s, "takumi", m(TP1, 6, 8), "ERR_UNIT_GONE");
    s.phase = "ended";
    refused(s, "wang", m(WP1, 14, 7), "ERR_WRONG_PHASE");
    refused(s, "wang", { type: "ready", ready: true }, "ERR_WRONG_PHASE");
    refused(s, "wang", { type: "undo" }, "ERR_WRONG_PHASE");
  });

  it("an accepted command never changes the state it was given", () => {
    const s = fresh("last-stand", 9);
    const hash = hashState(s);
    const copy = structuredClone(s);
    for (const seat of ["takumi", "wang"] as const) apply(s, { seat, action: { type: "ready", ready: true } });
    const r = apply(s, { seat: "takumi", action: { type: "move", unit: TP1, to: { x: 6, y: 10, level: 0 } } });
    expect(r.ok).toBe(true);
    expect(hashState(s)).toBe(hash);
    expect(s).toEqual(copy);
  });
});

describe("round: objectives", () => {
  it("the-alley: reaching the woman saves her (state and report) and turns the objective to extract", () => {
    const s = quiet("the-alley");
    expect(s.objective).toBe("reach");
    const rescue = s.map.objective.rescue!;
    put(s, TAKUMI, rescue.x, rescue.y + 2, rescue.level);
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: rescue });
    expect(state.objective).toBe("extract");
    expect(state.civiliansSaved).toBe(1);
    expect(state.report.civiliansSaved).toBe(1);
    expect(eventsOf(events, "rescued")).toHaveLength(1);
    expect(eventsOf(events, "objective")).toEqual([{ type: "objective", stage: "extract" }]);
    refused(state, "takumi", { type: "undo" }, "ERR_NOTHING_TO_UNDO");
  });
});

describe("round: ready", () => {
  it("a seat marked ready can't act or undo until it takes it back; its only legal action is to unready", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, WANG] });
    const moved = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 10, level: 0 } }).state;
    const ready = act(moved, "takumi", { type: "ready", ready: true }).state;
    refused(ready, "takumi", { type: "move", unit: TAKUMI, to: { x: 8, y: 11, level: 0 } }, "ERR_SEAT_READY");
    refused(ready, "takumi", { type: "undo" }, "ERR_SEAT_READY");
    expect(legalActions(ready, "takumi")).toEqual([{ type: "ready", ready: false }]);
    // his partner is not held back
    expect(act(ready, "wang", { type: "overwatch", unit: WANG }).state.units.find((u) => u.id === WANG)!.overwatch).toBe(true);
    const back = act(ready, "takumi", { type: "ready", ready: false }).state;
    expect(act(back, "takumi", { type: "undo" }).events).toContainEqual({ type: "undone", unit: TAKUMI });
  });
});
