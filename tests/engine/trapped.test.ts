/**
 * The trapped: civilians held at the bus's jammed door (the-bus) until a soldier reaches the door
 * (the rescue point); then they run for the way out like any civilian, and are saved, killed or
 * taken as any civilian is. Crafted fixtures, no seed's luck.
 */
import { describe, expect, it } from "vitest";
import { createBattle, viewFor, type BattleState } from "../../shared/index.js";
import { planIntents } from "../../shared/creatures/intents.js";
import { statusesOf } from "../../shared/rules/status.js";
import { HIT, TAKUMI, act, endRound, eventsOf, forceRolls, map, placeCreature, put, refused, unit } from "./helpers.js";

const TRAPPED = ["civilian-1", "civilian-2", "civilian-3"];

/** The-bus with no creatures and no waves: the soldiers and the trapped. */
function quietBus(): BattleState {
  const s = createBattle({ ...map("the-bus"), waves: [] }, 1);
  s.units = s.units.filter((u) => u.side !== "creature");
  s.intents = [];
  s.noise = [];
  return s;
}

describe("the trapped at the bus's door", () => {
  it("start as civilians on the board, trapped, beside the rescue point", () => {
    const s = quietBus();
    const rescue = s.map.objective.rescue!;
    for (const id of TRAPPED) {
      const c = unit(s, id);
      expect(c).toMatchObject({ side: "civilian", kind: "civilian", fate: "active", trapped: true, seat: null });
      expect(Math.max(Math.abs(c.x - rescue.x), Math.abs(c.y - rescue.y))).toBe(1);
      expect(statusesOf(c)).toContain("trapped");
    }
  });

  it("do not run while the door holds, round after round", () => {
    let s = quietBus();
    const at = TRAPPED.map((id) => ({ ...unit(s, id) }));
    for (let k = 0; k < 3; k++) {
      const { state, events } = endRound(s);
      expect(eventsOf(events, "moved").filter((e) => TRAPPED.includes(e.unit))).toEqual([]);
      s = state;
    }
    for (const was of at) expect(unit(s, was.id)).toMatchObject({ x: was.x, y: was.y, trapped: true, fate: "active" });
    expect(s.civiliansSaved).toBe(0);
  });

  it("are freed when a soldier reaches the door, run for the way out beside them and are saved", () => {
    const s = quietBus();
    put(s, TAKUMI, 3, 7);
    const moved = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 2, y: 6, level: 0 } });
    expect(eventsOf(moved.events, "rescued")).toHaveLength(1);
    expect(moved.state.objective).toBe("extract");
    for (const id of TRAPPED) expect(unit(moved.state, id).trapped).toBe(false);
    const { state, events } = endRound(moved.state);
    for (const id of TRAPPED) {
      expect(unit(state, id).fate).toBe("extracted");
      expect(events).toContainEqual({ type: "extracted", unit: id });
    }
    // each counts himself (the rescue point is not counted as one more)
    expect(state.civiliansSaved).toBe(3);
    expect(state.report.civiliansSaved).toBe(3);
  });

  it("are no creature's prey while the door holds: a Snatcher beside them announces no lunge and takes no one; freed, they are prey", () => {
    const s = quietBus();
    const c = placeCreature(s, "snatcher", 2, 8);
    // the squad sees them (a creature out of sight only moves), out of the Snatcher's reach
    put(s, TAKUMI, 5, 9);
    forceRolls(s, HIT, HIT, HIT);
    s.intents = planIntents(s);
    const it = s.intents.find((i) => i.unit === c.id)!;
    expect(TRAPPED).not.toContain(it.victim);
    const { state, events } = endRound(s);
    for (const e of eventsOf(events, "grabbed")) expect(TRAPPED).not.toContain(e.victim);
    for (const id of TRAPPED) expect(unit(state, id)).toMatchObject({ trapped: true, fate: "active", grabbedBy: null });
    // the door forced: the same Snatcher now names one of them
    const freed = quietBus();
    placeCreature(freed, "snatcher", 2, 8);
    put(freed, TAKUMI, 5, 9);
    for (const u of freed.units) if (u.trapped) u.trapped = false;
    const named = planIntents(freed).find((i) => i.kind === "grab")?.victim;
    expect(TRAPPED).toContain(named);
  });

  it("run out past a soldier standing on the way out: the way out is theirs too", () => {
    const s = quietBus();
    put(s, TAKUMI, 3, 6);
    // privates stand on both tiles of the way out beside the door
    put(s, "takumi-private-1", 0, 6);
    put(s, "takumi-private-2", 0, 7);
    const moved = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 2, y: 6, level: 0 } });
    const { state } = endRound(moved.state);
    for (const id of TRAPPED) expect(unit(state, id).fate, id).toBe("extracted");
  });

  it("nobody commands them: any order naming one is refused", () => {
    const s = quietBus();
    refused(s, "takumi", { type: "move", unit: "civilian-1", to: { x: 0, y: 6, level: 0 } }, "ERR_NO_UNIT");
    refused(s, "wang", { type: "withdraw", unit: "civilian-2" }, "ERR_NO_UNIT");
  });

  it("out of the squad's sight they are not in its view; in sight they are, marked trapped", () => {
    const s = quietBus();
    const far = viewFor(s, "takumi");
    for (const id of TRAPPED) expect(far.units.some((u) => u.id === id)).toBe(false);
    put(s, TAKUMI, 4, 7);
    const near = viewFor(s, "takumi");
    for (const id of TRAPPED) expect(near.units.find((u) => u.id === id)).toMatchObject({ trapped: true });
  });
});
