/**
 * Withdraw (shared/actions/withdraw.ts): a soldier on a way out leaves the board alive at any time;
 * the battle ends at the last sergeant off the board, won only with the objective met. The bot
 * falls back from a bad position (shared/ai/botWithdraw.ts). The-alley's ways out: the row y 17.
 */
import { describe, expect, it } from "vitest";
import { botCommand, createBattle, legalActions } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { TAKUMI, TP1, WANG, act, clearCreatures, endRound, eventsOf, fresh, placeCreature, put, quiet, refused, setAcid, unit } from "./helpers.js";

const clearCreaturesOf = (s: ReturnType<typeof fresh>) => (clearCreatures(s), s);

const W = (u: string) => ({ type: "withdraw" as const, unit: u });

describe("withdraw", () => {
  it("before the objective: he is out at once; the last sergeant out ends the battle lost (the squad fell back)", () => {
    const s = quiet("the-alley");
    expect(s.objective).toBe("reach");
    put(s, TAKUMI, 5, 17);
    expect(legalActions(s, "takumi")).toContainEqual(W(TAKUMI));
    const a = act(s, "takumi", W(TAKUMI));
    expect(a.events).toEqual([{ type: "withdrew", unit: TAKUMI }]);
    expect(unit(a.state, TAKUMI)).toMatchObject({ fate: "extracted", ap: 0 });
    expect(a.state.phase).toBe("player");
    put(a.state, WANG, 6, 17);
    const b = act(a.state, "wang", W(WANG));
    expect(b.state.phase).toBe("ended");
    expect(b.state.outcome).toBe("lost");
    expect(eventsOf(b.events, "ended")).toEqual([{ type: "ended", outcome: "lost" }]);
  });

  it("after the objective (the extract stage): the last sergeant out wins it", () => {
    const s = quiet("the-alley");
    s.objective = "extract";
    put(s, TAKUMI, 5, 17);
    put(s, WANG, 6, 17);
    const a = act(s, "takumi", W(TAKUMI)).state;
    const b = act(a, "wang", W(WANG)).state;
    expect(b.phase).toBe("ended");
    expect(b.outcome).toBe("won");
  });

  it("one sergeant fell back, the other met the objective and got out: won", () => {
    const s = quiet("the-alley");
    put(s, TAKUMI, 5, 17);
    const a = act(s, "takumi", W(TAKUMI)).state;
    a.objective = "extract";
    put(a, WANG, 6, 17);
    const b = act(a, "wang", W(WANG)).state;
    expect(b.outcome).toBe("won");
  });

  it("is refused off a way out, in a creature's grip, or with no AP, and is not offered there", () => {
    const s = quiet("the-alley");
    put(s, TAKUMI, 5, 13);
    refused(s, "takumi", W(TAKUMI), "ERR_NOT_ON_WAY_OUT");
    expect(legalActions(s, "takumi")).not.toContainEqual(W(TAKUMI));
    put(s, TAKUMI, 5, 17);
    refused(s, "wang", W(TAKUMI), "ERR_NOT_YOUR_UNIT");
    const c = placeCreature(s, "snatcher", 5, 16);
    unit(s, TAKUMI).grabbedBy = c.id;
    c.grabbing = TAKUMI;
    refused(s, "takumi", W(TAKUMI), "ERR_GRABBED");
    expect(legalActions(s, "takumi")).not.toContainEqual(W(TAKUMI));
    unit(s, TAKUMI).grabbedBy = null;
    c.grabbing = null;
    unit(s, TAKUMI).ap = 0;
    refused(s, "takumi", W(TAKUMI), "ERR_NO_AP");
  });

  it("the comrade he carries goes out with him", () => {
    const s = quiet("the-alley");
    const v = unit(s, TP1);
    put(s, TP1, 5, 16);
    v.hp = 2;
    setAcid(s, 5, 16, 0, 3);
    const down = endRound(s).state;
    setAcid(down, 5, 16, 0, 0);
    expect(unit(down, TP1).down).toBeGreaterThan(0);
    put(down, TAKUMI, 5, 17);
    const carried = act(down, "takumi", { type: "carry", unit: TAKUMI, comrade: TP1 }).state;
    const { state, events } = act(carried, "takumi", W(TAKUMI));
    expect(eventsOf(events, "withdrew").map((e) => e.unit)).toEqual([TAKUMI, TP1]);
    expect(unit(state, TP1).fate).toBe("extracted");
  });
});

describe("withdraw with a child", () => {
  it("a child he carries out is saved", () => {
    const s = createBattle({ ...loadMapById("the-tower"), waves: [] }, 1);
    s.units = s.units.filter((u) => u.side !== "creature");
    s.intents = [];
    put(s, WANG, 2, 6, 2);
    const carried = act(s, "wang", { type: "carry", unit: WANG, comrade: "child-1" }).state;
    // set down by the street door (no rules run): the carrier and the child go together
    put(carried, WANG, 4, 9, 0);
    put(carried, "child-1", 4, 9, 0);
    const saved = carried.civiliansSaved;
    const { state, events } = act(carried, "wang", W(WANG));
    expect(events).toEqual([{ type: "withdrew", unit: WANG }, { type: "extracted", unit: "child-1" }]);
    expect(unit(state, "child-1").fate).toBe("extracted");
    expect(state.civiliansSaved).toBe(saved + 1);
  });
});

describe("the bot falls back", () => {
  it("a sergeant at low hp on a way out withdraws; at full hp he does not", () => {
    const s = quiet("the-alley");
    put(s, TAKUMI, 5, 17);
    expect(botCommand(s, "takumi")?.action).not.toEqual(W(TAKUMI));
    unit(s, TAKUMI).hp = 2;
    expect(botCommand(s, "takumi")?.action).toEqual(W(TAKUMI));
  });

  it("a campaign's scene begun with the two sergeants alone is played, but one creature at close quarters sends them back", () => {
    const roster = [{ id: TAKUMI, hp: 6, armor: 1 }, { id: WANG, hp: 8, armor: 1 }];
    const s = clearCreaturesOf(fresh("the-alley", 1, { roster }));
    expect(s.units.map((u) => u.id)).toEqual([TAKUMI, WANG]);
    put(s, TAKUMI, 5, 17);
    // nothing near: they go on with the scene
    expect(botCommand(s, "takumi")?.action).not.toEqual(W(TAKUMI));
    // a Snatcher two tiles off: too few to take it, he withdraws (he stands on the way out)
    placeCreature(s, "snatcher", 5, 15);
    expect(botCommand(s, "takumi")?.action).toEqual(W(TAKUMI));
    // the full squad of a single battle stands its ground against one
    const single = quiet("the-alley");
    put(single, TAKUMI, 5, 17);
    placeCreature(single, "snatcher", 5, 15);
    expect(botCommand(single, "takumi")?.action).not.toEqual(W(TAKUMI));
  });

  it("a sergeant beset by creatures makes for the way out", () => {
    const s = quiet("the-alley");
    put(s, TAKUMI, 5, 12);
    placeCreature(s, "snatcher", 4, 10);
    placeCreature(s, "snatcher", 6, 10);
    const cmd = botCommand(s, "takumi")!.action;
    expect(cmd.type).toBe("move");
    if (cmd.type === "move") expect(cmd.to.y).toBeGreaterThan(12);
  });
});
