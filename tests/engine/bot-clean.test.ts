/**
 * The soldier bot fights clean (shared/ai/clean.ts), on crafted positions in the alley:
 * no kill whose acid splashes a soldier unless it frees one; no move ending in acid when a clean
 * tile serves; a gripped comrade is held on to even when the drag is not due this round; a grabber
 * is killed (its burst on the man it holds) only when the drag takes him this round; the grabbed
 * man waits for his comrades before he fights it himself; the way out goes round a pool of acid.
 */
import { describe, expect, it } from "vitest";
import { botCommand, tileIndex, type BattleState } from "../../shared/index.js";
import { hitChanceBetween } from "../../shared/rules/combat.js";
import { detourField, detourPath } from "../../shared/ai/route.js";
import { TAKUMI, TP1, WANG, WP1, act, grip, placeCreature, put, quiet, removeUnits, replan, setAcid, unit } from "./helpers.js";

/** Wang at the alley's foot, his first private up the alley with no AP left (he cannot dodge);
 *  `extra` soldiers kept on the board too, where the map puts them. */
function alley(extra: string[] = []): BattleState {
  const s = quiet("the-alley", { keep: [TAKUMI, WANG, WP1, ...extra] });
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
    grip(s, c, WP1);
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
    grip(s, c, WP1);
    // Wang has no rounds left: he cannot shoot the grabber
    Object.assign(unit(s, WANG), { mag: 0, spareMags: 0 });
    replan(s);
    const drag = s.intents.find((i) => i.unit === c.id);
    expect(drag?.countdown ?? 0).toBeGreaterThan(1);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "holdOn", unit: WANG, comrade: WP1 });
  });

  it("does not kill a grabber before the drag is due: with the man held, a called shot or nothing, never the killing shot", () => {
    const s = alley();
    // a wounded Snatcher has the private by the drains: one tile to drag him off
    put(s, WP1, 6, 2);
    put(s, WANG, 6, 6);
    const c = placeCreature(s, "snatcher", 6, 1, 0, 1);
    grip(s, c, WP1);
    replan(s);
    expect(s.intents.find((i) => i.unit === c.id)?.countdown ?? 0).toBeLessThanOrEqual(1);
    // nobody holds him, nobody can (Wang has 1 AP: no step and hold), the drag is due: the shot
    // that frees him, plain or called
    unit(s, WANG).ap = 1;
    expect(botCommand(s, "wang")!.action).toMatchObject({ unit: WANG, target: c.id });
    unit(s, WANG).ap = 2;
    // held by Takumi beside him, the drag halts this round: no killing shot (its burst on him)
    put(s, TAKUMI, 7, 2);
    unit(s, WP1).heldBy = TAKUMI;
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ type: "shoot", target: c.id });
  });

  /** Wang (first of his seat) with no rounds left, in a wounded Snatcher's grip by the drains with
   *  the drag due; his private below him with `privateAp`. Takumi is gone: Wang is the last
   *  sergeant on the board, the one dry man who butts his grabber to death (his being taken loses
   *  the battle). `extra`: soldiers kept besides. */
  function dryWangGripped(privateAp: number, extra: string[] = []) {
    const s = alley(extra);
    removeUnits(s, TAKUMI);
    put(s, WANG, 6, 2);
    put(s, WP1, 6, 6);
    Object.assign(unit(s, WANG), { ap: 2, mag: 0, spareMags: 0 });
    unit(s, WP1).ap = privateAp;
    const c = placeCreature(s, "snatcher", 6, 1, 0, 1);
    grip(s, c, WANG);
    replan(s);
    return { s, c };
  }

  it("a grabbed man with no rounds left waits while a comrade can answer, and butts only a grabber his blows finish", () => {
    const { s, c } = dryWangGripped(2);
    // the private can step to his side and hold on: he answers first, not Wang's butt (its burst on him)
    expect(botCommand(s, "wang")!.action).toMatchObject({ unit: WP1, type: "move" });
    // the private has spent his AP: Wang's butt kills it, the drag being due
    unit(s, WP1).ap = 0;
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
    // a grabber with more hit points than his blows this round: no butt (its blood on him for nothing)
    c.hp = 3;
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ type: "butt" });
  });

  it("with the drag due, nobody to hold on and his called shot poor, steps to where it is fair before the kill", () => {
    const s = alley();
    put(s, WANG, 5, 16);
    const c = placeCreature(s, "snatcher", 5, 9, 0, 1);
    grip(s, c, WP1);
    // a poor shot from afar (7 tiles), a fair one from 3
    unit(s, WANG).aim = 55;
    replan(s);
    const drag = s.intents.find((i) => i.unit === c.id);
    if (drag) drag.countdown = 1;
    expect(hitChanceBetween(s, unit(s, WANG), c, "calledShot").chance).toBeLessThan(15);
    const cmd = botCommand(s, "wang")!.action;
    expect(cmd).toMatchObject({ type: "move", unit: WANG });
    if (cmd.type !== "move") return;
    put(s, WANG, cmd.to.x, cmd.to.y, cmd.to.level);
    unit(s, WANG).ap = 1;
    expect(hitChanceBetween(s, unit(s, WANG), c, "calledShot").chance).toBeGreaterThanOrEqual(30);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "calledShot", unit: WANG, target: c.id });
  });

  it("a grabbed man on his last magazine keeps its rounds for the round the drag is due", () => {
    const s = alley();
    put(s, WANG, 6, 2);
    put(s, WP1, 6, 6);
    Object.assign(unit(s, WANG), { ap: 2, mag: 1, spareMags: 0 });
    unit(s, WP1).ap = 0;
    const c = placeCreature(s, "snatcher", 6, 1, 0, 1);
    grip(s, c, WANG);
    replan(s);
    const drag = s.intents.find((i) => i.unit === c.id)!;
    // the drag a round off yet: no shot at it (a poor called shot would leave him only the butt)
    drag.countdown = 3;
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ target: c.id });
    // with a spare magazine he takes the called shot now
    unit(s, WANG).spareMags = 1;
    expect(botCommand(s, "wang")!.action).toEqual({ type: "calledShot", unit: WANG, target: c.id });
    // the drag due: his last round goes at its arm
    unit(s, WANG).spareMags = 0;
    drag.countdown = 1;
    expect(botCommand(s, "wang")!.action).toEqual({ type: "calledShot", unit: WANG, target: c.id });
  });

  it("with the drag due, steps to the gripped man's side and holds on rather than kill the grabber beside him", () => {
    const s = alley();
    // a wounded Snatcher has the private by the drains, the drag due; Wang (2 AP) a step away
    put(s, WP1, 6, 2);
    put(s, WANG, 6, 6);
    const c = placeCreature(s, "snatcher", 6, 1, 0, 1);
    grip(s, c, WP1);
    replan(s);
    expect(s.intents.find((i) => i.unit === c.id)?.countdown ?? 0).toBeLessThanOrEqual(1);
    const step = botCommand(s, "wang")!.action;
    expect(step.type).toBe("move");
    if (step.type !== "move") return;
    expect(Math.max(Math.abs(step.to.x - 6), Math.abs(step.to.y - 2))).toBe(1);
    const { state } = act(s, "wang", step);
    expect(botCommand(state, "wang")!.action).toEqual({ type: "holdOn", unit: WANG, comrade: WP1 });
  });

  /** Private Wang-1 gripped with the drag due; Wang far down the alley with 1 AP (his called shot
   *  has no fair chance, 5%). Not yet replanned: the caller finishes the position. */
  function dueGripWangFar() {
    const s = alley();
    put(s, WP1, 6, 2);
    put(s, WANG, 6, 9);
    unit(s, WANG).ap = 1;
    const c = placeCreature(s, "snatcher", 6, 1, 0, 1);
    grip(s, c, WP1);
    return { s, c };
  }

  /** dueGripWangFar, with Takumi, of the other seat, beside the gripped man with his AP. */
  function dueGripWithTakumiBeside() {
    const { s, c } = dueGripWangFar();
    put(s, TAKUMI, 7, 3);
    unit(s, TAKUMI).ap = 2;
    replan(s);
    return { s, c };
  }

  it("with the drag due, leaves the gripped man to the partner's soldier beside him: no killing shot", () => {
    const { s, c } = dueGripWithTakumiBeside();
    expect(s.intents.find((i) => i.unit === c.id)?.countdown ?? 0).toBeLessThanOrEqual(1);
    // (the partner seat a bot too: it counts on that seat's hold)
    expect(botCommand(s, "wang", "free", true)!.action).not.toMatchObject({ type: "shoot", target: c.id });
    const takumi = botCommand(s, "takumi", "free", true)!.action;
    expect(takumi).toMatchObject({ unit: TAKUMI });
    expect(["calledShot", "holdOn"]).toContain(takumi.type);
    // his seat has marked ready: nobody will hold, the shot that frees him
    s.ready.takumi = true;
    expect(botCommand(s, "wang", "free", true)!.action).toMatchObject({ unit: WANG, target: c.id });
  });

  it("does not count on a human partner's hold: with the drag due it frees the man itself", () => {
    // Takumi's seat a human's: his man beside the gripped one may not hold on
    const { s, c } = dueGripWithTakumiBeside();
    expect(botCommand(s, "wang", "free", true)!.action).not.toMatchObject({ unit: WANG, target: c.id });
    expect(botCommand(s, "wang")!.action).toMatchObject({ unit: WANG, target: c.id });
  });

  it("a grabbed man with no rounds left does not butt while the partner's soldier beside him can still hold on", () => {
    const { s, c } = dryWangGripped(0, [TP1]);
    put(s, TP1, 7, 3);
    unit(s, TP1).ap = 2;
    replan(s);
    expect(botCommand(s, "wang", "free", true)!.action).not.toMatchObject({ type: "butt" });
    // the partner a human, who may not hold on: the butt
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
    // nobody left to hold him: the butt
    unit(s, TP1).ap = 0;
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
  });

  it("no freeing kill whose burst finishes the man it frees: the dry man does not butt, a comrade takes the called shot", () => {
    // the grabbed man with no rounds left, his grabber's last hit point his blow, nobody to hold on
    const { s, c } = dryWangGripped(0);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
    // at 2 hp the burst downs him in its acid (he stands on a tile beside the corpse): no butt
    unit(s, WANG).hp = 2;
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ type: "butt" });

    // a comrade far down the alley, his called shot poor (5%), the drag due: the killing shot,
    // but not when its burst finishes the man (then the called shot at the arm, however poor)
    const { s: t, c: g } = dueGripWangFar();
    replan(t);
    expect(botCommand(t, "wang")!.action).toEqual({ type: "shoot", unit: WANG, target: g.id });
    unit(t, WP1).hp = 2;
    expect(botCommand(t, "wang")!.action).toEqual({ type: "calledShot", unit: WANG, target: g.id });
  });

  it("keeps its rounds from overwatch unless told to cover (then to its last magazine)", () => {
    const s = alley();
    // nothing in sight, nothing to do, a full set of spare magazines: he does not watch on his own
    Object.assign(unit(s, WANG), { mag: 3, spareMags: 3 });
    expect(botCommand(s, "wang")!.action).toEqual({ type: "ready", ready: true });
    expect(botCommand(s, "wang", "cover")!.action).toEqual({ type: "overwatch", unit: WANG });
    unit(s, WANG).spareMags = 1;
    expect(botCommand(s, "wang", "cover")!.action).toEqual({ type: "overwatch", unit: WANG });
    unit(s, WANG).spareMags = 0;
    expect(botCommand(s, "wang", "cover")!.action).toEqual({ type: "ready", ready: true });
  });

  it("plans its way round a pool of acid it sees, where the cheapest route crosses it", () => {
    const s = alley();
    put(s, WANG, 3, 8);
    // acid across the alley, but for one tile at its east wall
    for (let x = 3; x <= 6; x++) setAcid(s, x, 10, 0, 2);
    const u = unit(s, WANG);
    const occ = new Uint8Array(s.layers.acid.length);
    const seen = new Uint8Array(s.layers.acid.length).fill(1);
    const f = detourField(s, u, occ, seen);
    const path = detourPath(f, tileIndex(s.map, 3, 12, 0));
    expect(path.length).toBeGreaterThan(4);
    expect(path.every((i) => s.layers.acid[i] === 0)).toBe(true);
    // acid under the fog is unknown to it: the straight way
    const blind = detourPath(detourField(s, u, occ, new Uint8Array(s.layers.acid.length)), tileIndex(s.map, 3, 12, 0));
    expect(blind.length).toBe(4);
  });
});
