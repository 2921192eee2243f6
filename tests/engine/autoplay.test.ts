/** The one bot driver (shared/ai/autoplay.ts) used by the server, the offline client and the tools. */
import { describe, expect, it } from "vitest";
import { autoplay, autoplayStep, apply, createBattle, type BattleState, type Seat } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";

describe("autoplay", () => {
  it("plays one seat's phase to its ready, command by command", () => {
    let s: BattleState = createBattle(loadMapById("last-stand"), 11);
    let n = 0;
    for (let step = autoplayStep(s, "wang"); step; step = autoplayStep(s, "wang")) {
      expect(step.command.seat).toBe("wang");
      s = step.state;
      if (++n > 200) throw new Error("no end");
    }
    expect(s.ready.wang).toBe(true);
    expect(s.ready.takumi).toBe(false);
    expect(autoplayStep(s, "wang")).toBeNull();
  });

  it("a bot plan the rules refuse becomes a ready: the seat never stalls", () => {
    const s = createBattle(loadMapById("last-stand"), 11);
    const unit = s.units.find((u) => u.seat === "wang")!;
    // A plan that cannot be carried out (a move onto the unit's own tile).
    const refusedPlan = { seat: "wang" as Seat, action: { type: "move" as const, unit: unit.id, to: { x: unit.x, y: unit.y, level: unit.level } } };
    expect(apply(s, refusedPlan).ok).toBe(false);
    const step = autoplayStep(s, "wang", () => refusedPlan)!;
    expect(step.refused).toMatchObject({ command: refusedPlan });
    expect(step.command).toEqual({ seat: "wang", action: { type: "ready", ready: true } });
    expect(step.state.ready.wang).toBe(true);
    // Already ready: the fallback is refused too, and the seat simply has nothing to do.
    expect(autoplayStep(step.state, "wang", () => refusedPlan)).toBeNull();
  });

  it("both seats: a whole battle to its end, deterministic", () => {
    const map = loadMapById("last-stand");
    const a = autoplay(createBattle(map, 5), ["takumi", "wang"]);
    const b = autoplay(createBattle(map, 5), ["takumi", "wang"]);
    expect(a.state.phase).toBe("ended");
    expect(a.steps.length).toBe(b.steps.length);
    expect(a.steps.map((x) => x.command)).toEqual(b.steps.map((x) => x.command));
  });

  it("untilPhaseEnds stops when the round turns", () => {
    const s = createBattle(loadMapById("last-stand"), 3);
    const r = autoplay(s, ["takumi", "wang"], { untilPhaseEnds: true });
    expect(r.state.round).toBe(s.round + 1);
    expect(r.state.ready).toEqual({ takumi: false, wang: false });
  });
});
