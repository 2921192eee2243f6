/**
 * The bot plans in the open (shared/ai/plan.ts): the round's plan from the seat's view is
 * deterministic, tells nothing the seat cannot see, changes with a standing order, and is what the
 * bot then plays until the dice or a reveal change the board.
 */
import { describe, expect, it } from "vitest";
import { autoplayStep, botCommand, planOnView, planRound, viewFor, visibleTiles, type BattleState, type Seat } from "../../shared/index.js";
import { visibleCreatureIds } from "../../shared/sight/sight.js";
import { fresh, placeCreature } from "./helpers.js";

/** Takumi's bot plays his part of the round; Wang's seat is then to plan (as alone with the bot). */
function wangToPlan(seed: number): BattleState {
  let s = fresh("last-stand", seed);
  for (let n = 0; n < 40; n++) {
    const step = autoplayStep(s, "takumi");
    if (!step) break;
    s = step.state;
    if (s.ready.takumi) break;
  }
  return s;
}

const seen = (s: BattleState, seat: Seat) => [...visibleCreatureIds(s, visibleTiles(s, s.options.splitVision ? seat : undefined))].sort().join();

describe("the bot's plan", () => {
  it("is deterministic and made from the seat's view alone (a creature out of sight changes nothing)", () => {
    const s = wangToPlan(3);
    const plan = planRound(s, "wang");
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(planRound(s, "wang")).toEqual(plan);
    expect(planOnView(viewFor(s, "wang"), "wang")).toEqual(plan);
    // a Snatcher in a far corner, out of everyone's sight
    const hidden = placeCreature({ ...s, units: [...s.units] } as BattleState, "snatcher", 0, 0);
    const t = { ...s, units: [...s.units, hidden] };
    expect(visibleTiles(t)[0]).toBe(0);
    expect(planRound(t, "wang")).toEqual(plan);
  });

  it("names each shot with its hit chance and each move with its route", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planRound(wangToPlan(seed), "wang");
      for (const st of plan.steps) {
        if (st.action.type === "shoot" || st.action.type === "calledShot") {
          expect(st.chance).toBeGreaterThanOrEqual(5);
          expect(st.target).toBe(st.action.target);
        }
        if (st.action.type === "move") expect(st.path?.at(-1)).toEqual(st.action.to);
      }
    }
  });

  it("is what the bot then plays, until a roll or a reveal changes the board", () => {
    let compared = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      let s = wangToPlan(seed);
      const plan = planRound(s, "wang");
      for (const planned of plan.steps) {
        const before = seen(s, "wang");
        const step = autoplayStep(s, "wang")!;
        expect(step.command.action).toEqual(planned.action);
        compared++;
        s = step.state;
        const rolled = ["shoot", "calledShot", "grenade", "butt"].includes(planned.action.type);
        if (rolled || seen(s, "wang") !== before || s.phase !== "player") break;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it("changes with a standing order (holding: no more steps than free), and the bot plays by it", () => {
    let differed = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const s = wangToPlan(seed);
      const free = planRound(s, "wang");
      const hold = planRound(s, "wang", "hold");
      expect(hold.order).toBe("hold");
      const moves = (p: typeof free) => p.steps.filter((st) => st.action.type === "move").length;
      expect(moves(hold)).toBeLessThanOrEqual(moves(free));
      if (JSON.stringify(hold.steps) !== JSON.stringify(free.steps)) differed++;
      // the bot's next command follows the order too
      expect(botCommand(s, "wang", "hold")?.action).toEqual(hold.steps[0]?.action ?? { type: "ready", ready: true });
    }
    expect(differed).toBeGreaterThan(0);
  });
});
