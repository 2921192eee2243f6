/**
 * The soldier bot fights clean (issue 16, shared/ai/clean.ts), on crafted positions in the alley:
 * no kill whose acid splashes a soldier unless it frees one; no move ending in acid when a clean
 * tile serves; a gripped comrade is held on to even when the drag is not due this round.
 */
import { describe, expect, it } from "vitest";
import { botCommand, tileIndex, type BattleState } from "../../shared/index.js";
import { TAKUMI, WANG, WP1, placeCreature, put, quiet, replan, setAcid, unit } from "./helpers.js";

/** Wang at the alley's foot, his first private up the alley with no AP left (he cannot dodge). */
function alley(): BattleState {
  const s = quiet("the-alley", { keep: [TAKUMI, WANG, WP1] });
  put(s, TAKUMI, 3, 16);
  unit(s, TAKUMI).ap = 0;
  put(s, WANG, 5, 14);
  put(s, WP1, 5, 10);
  unit(s, WP1).ap = 0;
  return s;
}

describe("the bot fights clean", () => {
  it("does not kill a creature beside a soldier when the kill saves nobody", () => {
    const s = alley();
    // a wounded Spitter beside the private: one hit kills it, and its burst would splash him
    const c = placeCreature(s, "spitter", 5, 9, 0, 1);
    replan(s);
    const cmd = botCommand(s, "wang")!;
    expect(cmd.action).not.toMatchObject({ target: c.id });
    // the same creature away from everyone is shot
    put(s, WP1, 3, 12);
    replan(s);
    expect(botCommand(s, "wang")!.action).toMatchObject({ type: "shoot", unit: WANG, target: c.id });
  });

  it("kills it when that frees a gripped soldier (a called shot at the arm when it has a fair chance)", () => {
    const s = alley();
    const c = placeCreature(s, "snatcher", 5, 9, 0, 1);
    c.grabbing = WP1;
    unit(s, WP1).grabbedBy = c.id;
    replan(s);
    const cmd = botCommand(s, "wang")!;
    expect(["shoot", "calledShot"]).toContain(cmd.action.type);
    expect(cmd.action).toMatchObject({ unit: WANG, target: c.id });
  });

  it("does not end a move in acid he sees when a clean tile serves (one a step short)", () => {
    const s = alley();
    // breaking out: the street behind (y 17) is the way out, a full move off for Wang; the row
    // where his move would end holds acid
    s.objective = "extract";
    put(s, WANG, 5, 6);
    put(s, WP1, 3, 12);
    put(s, TAKUMI, 1, 16);
    const end = botCommand(s, "wang")!.action;
    expect(end.type).toBe("move");
    if (end.type !== "move") return;
    for (let x = 0; x < s.map.width; x++) setAcid(s, x, end.to.y, 0, 1);
    const cmd = botCommand(s, "wang")!.action;
    expect(cmd.type).toBe("move");
    if (cmd.type !== "move") return;
    expect(s.layers.acid[tileIndex(s.map, cmd.to.x, cmd.to.y, 0)]).toBe(0);
    // still on his way out
    expect(cmd.to.y).toBeGreaterThan(6);
  });

  it("holds on to a gripped comrade beside him whose grabber he cannot shoot, though the drag is rounds away", () => {
    const s = alley();
    put(s, WP1, 5, 13);
    const c = placeCreature(s, "snatcher", 5, 12, 0, 5);
    c.grabbing = WP1;
    unit(s, WP1).grabbedBy = c.id;
    // Wang has no rounds left: he cannot shoot the grabber
    Object.assign(unit(s, WANG), { mag: 0, spareMags: 0 });
    replan(s);
    const drag = s.intents.find((i) => i.unit === c.id);
    expect(drag?.countdown ?? 0).toBeGreaterThan(1);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "holdOn", unit: WANG, comrade: WP1 });
  });
});
