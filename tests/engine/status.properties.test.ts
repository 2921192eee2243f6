/**
 * The status table (shared/rules/status.ts), held against the engine row by row over random
 * battles on every map (fast-check, fixed seeds): each refused cell refuses with its code, each
 * cell that says what a status does holds in the events of every command, and every row is met.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  apply, createBattle, exposedSoldiers, legalActions, STATUSES, STATUS_TABLE, statusesOf,
  type Action, type ActionType, type BattleEvent, type BattleState, type Command, type Seat, type Status, type Unit,
} from "../../shared/index.js";
import { statusRefusal } from "../../shared/rules/status.js";
import { map, pickLegal, type MapId } from "./helpers.js";

const MAPS: MapId[] = ["last-stand", "the-alley", "the-streets", "the-tower", "the-bus", "the-wall", "tower-test"];
const SEATS: Seat[] = ["takumi", "wang"];
const UNIT_ACTIONS: ActionType[] = ["move", "shoot", "calledShot", "grenade", "butt", "reload", "overwatch", "holdOn", "revive", "carry", "drop", "withdraw"];

interface Played {
  where: string;
  before: BattleState;
  command: Command;
  events: BattleEvent[];
  after: BattleState;
}

type Step = { seat: Seat; pick: number; ready: boolean };
const stepArb = fc.record({ seat: fc.constantFrom(...SEATS), pick: fc.nat(), ready: fc.boolean() });

/** One random battle: legal actions picked kind first, a ready now and then. */
function play(id: MapId, seed: number, steps: Step[], out: Played[]): void {
  let s = createBattle(map(id), seed);
  for (const [k, st] of steps.entries()) {
    if (s.phase !== "player") return;
    const actions = legalActions(s, st.seat);
    if (!actions.length) continue;
    // a ready a seventh of the time: rounds pass, so grabs, drags, the down and the gone happen
    const action: Action = st.ready && st.pick % 7 === 0 && !s.ready[st.seat] ? { type: "ready", ready: true } : pickLegal(actions, st.pick);
    const command = { seat: st.seat, action };
    const r = apply(s, command);
    if (!r.ok) throw new Error(`${id} seed ${seed} step ${k}: a legal action refused: ${r.code}`);
    out.push({ where: `${id} seed ${seed} step ${k}`, before: s, command, events: r.events, after: r.state });
    s = r.state;
  }
}

let memo: Played[] | null = null;
/** The battles every row is checked on (played once for the file). */
function battles(): Played[] {
  if (memo) return memo;
  const out: Played[] = [];
  MAPS.forEach((id, k) => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(stepArb, { minLength: 60, maxLength: 160 }), (seed, steps) => play(id, seed, steps, out)),
      { numRuns: id === "tower-test" ? 3 : 6, seed: 2001 + k });
  });
  memo = out;
  return out;
}

/** An action of this kind for this soldier, well formed (the status must refuse it whatever its target). */
function candidate(s: BattleState, u: Unit, type: ActionType): Action {
  const creature = s.units.find((c) => c.side === "creature")?.id ?? "c0";
  const comrade = s.units.find((c) => c.side === "squad" && c.id !== u.id)?.id ?? "takumi";
  switch (type) {
    case "move": return { type, unit: u.id, to: { x: Math.min(u.x + 1, s.map.width - 1), y: u.y, level: u.level } };
    case "grenade": return { type, unit: u.id, to: { x: u.x, y: u.y, level: u.level } };
    case "shoot": case "calledShot": case "butt": return { type, unit: u.id, target: creature };
    case "holdOn": case "revive": case "carry": return { type, unit: u.id, comrade };
    case "reload": case "overwatch": case "drop": case "withdraw": return { type, unit: u.id };
    default: throw new Error(type);
  }
}

/** Units named by an event (as actor, victim or one hit). */
function named(e: BattleEvent): string[] {
  const r = e as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const k of ["unit", "victim", "target"]) if (typeof r[k] === "string") out.push(r[k] as string);
  if (e.type === "pounced") out.push(...e.hit);
  if (e.type === "spat" && e.hit) out.push(e.hit);
  return out;
}

/**
 * Walk a command's events keeping who is grabbed and who is down at each moment; call `at` with
 * both sets before each event.
 */
function walk(p: Played, at: (e: BattleEvent, grabbed: Set<string>, down: Set<string>, phase: string) => void): void {
  const grabbed = new Set(p.before.units.filter((u) => u.fate === "active" && u.grabbedBy).map((u) => u.id));
  const down = new Set(p.before.units.filter((u) => u.fate === "active" && u.down > 0).map((u) => u.id));
  let phase = "player";
  for (const e of p.events) {
    at(e, grabbed, down, phase);
    if (e.type === "phase") phase = e.phase;
    if (e.type === "grabbed" && e.hit) grabbed.add(e.victim);
    if (e.type === "freed" || e.type === "taken" || e.type === "died") { grabbed.delete(e.unit); down.delete(e.unit); }
    if (e.type === "down") down.add(e.unit);
    if (e.type === "revived") down.delete(e.unit);
  }
}

/** Whose row it is: the soldiers', or the civilians' for "trapped". */
const rowSide = (status: Status) => (status === "trapped" ? "civilian" : "squad");

/** Units in `status` before the command. */
const inStatus = (p: Played, status: Status) => p.before.units.filter((u) => u.side === rowSide(status) && statusesOf(u).includes(status === "withdrawn" ? "extracted" : status));

/** The table's action cells for this row, checked on every state the row occurs in. */
function checkActionCells(status: Status, all: Played[]): number {
  let seen = 0;
  for (const p of all) {
    const s = p.after;
    if (s.phase !== "player") continue;
    for (const u of inStatusAfter(s, status)) {
      // a civilian has no seat: every seat not yet ready tries to command him
      for (const seat of u.seat ? [u.seat] : SEATS) {
        if (s.ready[seat]) continue;
        seen++;
        for (const type of UNIT_ACTIONS) {
          const cell = STATUS_TABLE[status].actions[type];
          if (!("refused" in cell)) continue;
          const r = apply(s, { seat, action: candidate(s, u, type) });
          // the first refusing status of his decides (the table's order); this row's code when it is first
          const first = statusRefusal(u, type);
          expect(r.ok, `${p.where}: ${u.id} (${status}) ${type} accepted`).toBe(false);
          if (!r.ok) expect(r.code, `${p.where}: ${u.id} (${statusesOf(u)}) ${type}`).toBe(first?.code ?? cell.refused);
        }
      }
    }
  }
  return seen;
}

function inStatusAfter(s: BattleState, status: Status): Unit[] {
  return s.units.filter((u) => u.side === rowSide(status) && statusesOf(u).includes(status === "withdrawn" ? "extracted" : status));
}

/** The cells that say what a status does (and the row's own rules), one check per row. */
const STEP_CHECKS: Record<Status, (p: Played) => void> = {
  down: (p) => {
    // the down never act; a soldier who goes down stops (no step after his "down")
    const a = p.command.action;
    if ("unit" in a) expect(p.before.units.find((u) => u.id === a.unit)?.down, `${p.where}: a down soldier acted`).toBe(0);
    const fell = new Set<string>();
    for (const e of p.events) {
      if (e.type === "down") fell.add(e.unit);
      if (e.type === "revived") fell.delete(e.unit);
      if (e.type === "moved") expect(fell.has(e.unit), `${p.where}: ${e.unit} walked on after going down`).toBe(false);
    }
    // extracted: the down stay (unless carried out)
    walk(p, (e, _g, down) => {
      if (e.type === "extracted" && down.has(e.unit)) {
        const carried = p.before.units.find((u) => u.id === e.unit)?.fate === "carried";
        expect(carried, `${p.where}: ${e.unit} got out while down`).toBe(true);
      }
    });
  },
  grabbed: (p) => walk(p, (e, grabbed, _d, phase) => {
    // spared by spit and sweep; not burned dragged across acid; never extracted; never exposed
    if (e.type === "spat" && e.hit) expect(grabbed.has(e.hit), `${p.where}: spat at grabbed ${e.hit}`).toBe(false);
    if (e.type === "pounced") for (const h of e.hit) expect(grabbed.has(h), `${p.where}: swept grabbed ${h}`).toBe(false);
    if (phase === "enemy" && e.type === "damaged" && e.cause === "acid") expect(grabbed.has(e.unit), `${p.where}: ${e.unit} burned while dragged`).toBe(false);
    if (e.type === "extracted") expect(grabbed.has(e.unit), `${p.where}: grabbed ${e.unit} extracted`).toBe(false);
  }),
  held: (p) => walk(p, (e, grabbed, down) => {
    if (e.type !== "tugged") return;
    // the drag halts; the holder is on his feet and free
    expect(p.events.some((x) => x.type === "dragged" && x.victim === e.victim), `${p.where}: ${e.victim} held and dragged`).toBe(false);
    expect(down.has(e.by) || grabbed.has(e.by), `${p.where}: ${e.by} held on while down or grabbed`).toBe(false);
  }),
  carried: (p) => {
    for (const u of inStatus(p, "carried")) {
      const dropped = p.events.some((e) => e.type === "dropped" && e.unit === u.id);
      if (dropped) continue;
      expect(p.events.some((e) => e.type === "damaged" && e.unit === u.id), `${p.where}: carried ${u.id} hurt`).toBe(false);
    }
  },
  carrying: (p) => {
    // grabbed, a carrier sets his man down first; his man gets out with him
    walk(p, (e) => {
      if (e.type !== "grabbed" || !e.hit) return;
      const carrier = p.before.units.find((u) => u.id === e.victim);
      if (carrier?.carrying) expect(p.after.units.find((u) => u.id === e.victim)?.carrying ?? null, `${p.where}: grabbed still carrying`).toBe(null);
    });
    for (const e of p.events)
      if ((e.type === "withdrew" || e.type === "extracted")) {
        const by = p.before.units.find((u) => u.id === e.unit);
        const man = by?.carrying ? p.after.units.find((u) => u.id === by.carrying) : undefined;
        if (man && by && by.fate === "active") expect(man.fate, `${p.where}: ${man.id} left behind by his carrier`).toBe("extracted");
      }
  },
  burning: (p) => {
    // a mark, no rule: a burned soldier's actions are judged as anyone's (none of his refusals comes from it)
    const a = p.command.action;
    if ("unit" in a) {
      const u = p.before.units.find((x) => x.id === a.unit);
      if (u?.burned) expect(statusRefusal({ ...u, burned: false }, a.type)).toBe(statusRefusal(u, a.type));
    }
  },
  trapped: (p) => {
    // he stays where he is until a soldier reaches the rescue (every trapped man freed, then he may
    // run); no creature goes for him meanwhile; never saved while trapped
    const trapped = new Set(inStatus(p, "trapped").map((u) => u.id));
    for (const it of p.before.intents) expect(trapped.has(it.victim ?? ""), `${p.where}: an intent names trapped ${it.victim}`).toBe(false);
    let rescued = false;
    for (const e of p.events) {
      if (e.type === "rescued") rescued = true;
      if (rescued) continue;
      if (e.type === "grabbed") expect(trapped.has(e.victim), `${p.where}: lunge at trapped ${e.victim}`).toBe(false);
      if (e.type === "moved") expect(trapped.has(e.unit), `${p.where}: trapped ${e.unit} moved`).toBe(false);
      if (e.type === "extracted") expect(trapped.has(e.unit), `${p.where}: trapped ${e.unit} got out`).toBe(false);
    }
    const after = p.after.units.filter((u) => u.trapped && u.fate === "active");
    // the rescue frees them all; a trapped man still trapped stands where he stood
    if (rescued || p.after.objective !== "reach") expect(after.map((u) => u.id), `${p.where}: trapped after the rescue`).toEqual([]);
    for (const u of after) {
      const was = p.before.units.find((b) => b.id === u.id)!;
      expect([u.x, u.y, u.level], `${p.where}: trapped ${u.id} moved`).toEqual([was.x, was.y, was.level]);
    }
  },
  withdrawn: (p) => offBoard(p, "withdrawn"),
  extracted: (p) => offBoard(p, "extracted"),
  taken: (p) => offBoard(p, "taken"),
  dead: (p) => offBoard(p, "dead"),
};

/** Off the board: no event names him again. */
function offBoard(p: Played, status: Status): void {
  const gone = new Set(inStatus(p, status).map((u) => u.id));
  for (const e of p.events) for (const id of named(e)) expect(gone.has(id), `${p.where}: ${status} ${id} in ${e.type}`).toBe(false);
}

describe("status table: every row holds over random battles on every map", () => {
  it("the table has a row for every status and a cell for every action and phase step", () => {
    for (const st of STATUSES) {
      const row = STATUS_TABLE[st];
      expect(Object.keys(row.actions).sort()).toEqual([...UNIT_ACTIONS, "ready", "undo"].sort());
      expect(Object.keys(row.steps).sort()).toEqual(["dragged", "extracted", "pounced", "splashed", "spatAt", "squeezed"].sort());
    }
  });

  for (const status of STATUSES) {
    it(`${status}: its refused cells refuse with their code, and what it does holds`, () => {
      const all = battles();
      const seen = checkActionCells(status, all);
      for (const p of all) STEP_CHECKS[status](p);
      // the row is met at all (else the check above proved nothing)
      const met = all.some((p) => inStatusAfter(p.after, status).length > 0);
      expect(met, `no battle put a soldier in status ${status}`).toBe(true);
      const refuses = Object.values(STATUS_TABLE[status].actions).some((c) => "refused" in c);
      if (refuses) expect(seen, `no ${status} soldier was ever asked to act`).toBeGreaterThan(0);
    }, 240_000);
  }

  it("squeezed: a grabbed soldier is never exposed", () => {
    for (const p of battles()) {
      if (p.after.phase !== "player") continue;
      const exposed = new Set(exposedSoldiers(p.after));
      for (const u of p.after.units) if (u.grabbedBy) expect(exposed.has(u.id), `${p.where}: grabbed ${u.id} exposed`).toBe(false);
    }
  }, 240_000);
});
