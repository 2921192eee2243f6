/**
 * The soldier bot plays its sergeants as a campaign needs (losing one ends it): the last sergeant
 * on the board (his getting out ends the battle) waits beside the way out for a comrade on his
 * way, and a fallen sergeant is revived before a fallen private.
 */
import { describe, expect, it } from "vitest";
import { botCommand, type BattleState } from "../../shared/index.js";
import { TAKUMI, TP1, TP2, WANG, put, quiet, unit } from "./helpers.js";

/** The alley, breaking out with the woman: the street behind (y 17) is the way out. */
function breakingOut(): BattleState {
  const s = quiet("the-alley", { keep: [TAKUMI, TP1, WANG] });
  s.objective = "extract";
  put(s, TAKUMI, 5, 14);
  put(s, WANG, 5, 6);
  return s;
}

function takumiMovesTo(s: BattleState): { x: number; y: number } {
  const cmd = botCommand(s, "takumi")!;
  expect(cmd.action.type).toBe("move");
  if (cmd.action.type !== "move") throw new Error("not a move");
  return cmd.action.to;
}

describe("the bot's sergeants", () => {
  it("the last sergeant on the board waits beside the way out for a comrade close behind", () => {
    const s = breakingOut();
    unit(s, WANG).fate = "extracted";
    put(s, TP1, 6, 13);
    const to = takumiMovesTo(s);
    // beside the way out, not on it (standing on it he would get out and end the battle)
    expect(to.y).toBe(16);
  });

  it("he goes out when no comrade is near enough to make it, and so does a sergeant who is not the last", () => {
    const s = breakingOut();
    unit(s, WANG).fate = "extracted";
    put(s, TP1, 6, 9);
    expect(takumiMovesTo(s).y).toBe(17);
    const t = breakingOut();
    put(t, TP1, 6, 13);
    expect(takumiMovesTo(t).y).toBe(17);
  });

  it("a fallen sergeant is revived before a fallen private", () => {
    const s = quiet("the-alley", { keep: [TAKUMI, TP1, TP2, WANG] });
    // Takumi's first private stands between Wang and his own comrade, both down
    put(s, TP1, 5, 10);
    put(s, WANG, 4, 10);
    put(s, TP2, 6, 10);
    put(s, TAKUMI, 5, 14);
    for (const id of [WANG, TP2]) Object.assign(unit(s, id), { down: 1, hp: 0, ap: 0 });
    // Takumi, far off, has nothing to do: his private, beside both, picks whom to revive
    unit(s, TAKUMI).ap = 0;
    expect(botCommand(s, "takumi")!.action).toEqual({ type: "revive", unit: TP1, comrade: WANG });
  });
});
