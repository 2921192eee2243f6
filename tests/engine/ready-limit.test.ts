/** A seat may take its ready back RULES.unreadyPerRound times a round; then it is refused. */
import { describe, expect, it } from "vitest";
import { apply, createBattle, hashState, legalActions, RULES, type Action, type BattleState } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";

function must(s: BattleState, seat: "takumi" | "wang", ready: boolean): BattleState {
  const r = apply(s, { seat, action: { type: "ready", ready } });
  if (!r.ok) throw new Error(`${seat} ready ${ready}: ${r.code}`);
  return r.state;
}

describe("ready toggles are bounded", () => {
  it("the limit is per seat and per round, refused with ERR_TOO_MANY_TOGGLES, changing nothing", () => {
    let s = createBattle(loadMapById("last-stand"), 3);
    for (let i = 0; i < RULES.unreadyPerRound; i++) s = must(must(s, "takumi", true), "takumi", false);
    // The other seat has its own count.
    s = must(must(s, "wang", true), "wang", false);
    s = must(s, "takumi", true);
    const r = apply(s, { seat: "takumi", action: { type: "ready", ready: false } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("ERR_TOO_MANY_TOGGLES");
    expect(s.unready).toEqual({ takumi: RULES.unreadyPerRound, wang: 1 });
    // A new round starts the count again (and drops it from the state, so hashes of battles that
    // never took a ready back are unchanged).
    const round = s.round;
    s = must(s, "wang", true);
    expect(s.round).toBe(round + 1);
    expect(s.unready).toBeUndefined();
    s = must(must(s, "takumi", true), "takumi", false);
    expect(s.unready).toEqual({ takumi: 1, wang: 0 });
  });

  it("the count is part of the state's hash", () => {
    const s0 = createBattle(loadMapById("last-stand"), 3);
    const once = must(must(s0, "takumi", true), "takumi", false);
    expect(once.ready).toEqual(s0.ready);
    expect(hashState(once)).not.toBe(hashState(s0));
  });
});

describe("move takebacks are bounded", () => {
  it("a seat may take back RULES.undoPerRound moves a round, then ERR_TOO_MANY_UNDOS changes nothing; a new round counts again", () => {
    let s = createBattle(loadMapById("last-stand"), 3);
    const step = (st: BattleState, action: Action) => {
      const r = apply(st, { seat: "takumi", action });
      if (!r.ok) throw new Error(`${action.type}: ${r.code}`);
      return r.state;
    };
    // a quiet move (one that reveals nothing stays undoable)
    const move = legalActions(s, "takumi").find((a) => a.type === "move" && step(s, a).undo.takumi.length === 1)!;
    expect(move).toBeDefined();
    for (let i = 0; i < RULES.undoPerRound; i++) s = step(step(s, move), { type: "undo" });
    expect(s.undone).toEqual({ takumi: RULES.undoPerRound, wang: 0 });
    const moved = step(s, move);
    const r = apply(moved, { seat: "takumi", action: { type: "undo" } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe("ERR_TOO_MANY_UNDOS");
    expect(hashState(moved)).not.toBe(hashState(s));
    // the next round starts the count again (and drops it from the state)
    const next = must(must(moved, "takumi", true), "wang", true);
    expect(next.undone).toBeUndefined();
  });
});
