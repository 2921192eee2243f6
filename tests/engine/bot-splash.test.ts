/**
 * The soldier bot and its friendly acid splash, on crafted positions in the alley: a grabbed man
 * with no rounds left rifle-butts his grabber to death only as the last sergeant on the board, and
 * not when the kill leaves him down (the burst, the blood of his earlier blows, and the acid the
 * burst leaves under him when he has no AP to step off it); a soldier on his last magazine keeps
 * its last round from every shot but a grabber's; with the drag due and nobody to hold on, a
 * comrade whose called shot is poor leaves the grabbed man his own called shot before the kill,
 * and steps to a tile where his called shot is 15% or more rather than kill.
 */
import { describe, expect, it } from "vitest";
import { botCommand, type BattleState } from "../../shared/index.js";
import { hitChanceBetween } from "../../shared/rules/combat.js";
import { TAKUMI, WANG, WP1, grip, placeCreature, put, quiet, removeUnits, replan, unit } from "./helpers.js";
import { alleyGripDue } from "./positions.js";

/** Takumi out of play at the alley's foot; Wang and his first private placed by each test. */
function alley(): BattleState {
  const s = quiet("the-alley", { keep: [TAKUMI, WANG, WP1] });
  put(s, TAKUMI, 3, 16);
  unit(s, TAKUMI).ap = 0;
  return s;
}

/** Wang dry (no rounds, no spares) in the grip of a Snatcher with `grabberHp` just above him
 *  (beside him square-on: its burst leaves acid 2 under him), the drag due; his private far
 *  down the alley with no AP (nobody can hold on); Takumi gone (Wang the last sergeant) unless
 *  `lastSergeant` is false (then Takumi stays, out of play at the alley's foot). */
function dryWangGripped(hp: number, ap: number, grabberHp: number, lastSergeant = true) {
  const s = alley();
  if (lastSergeant) removeUnits(s, TAKUMI);
  put(s, WANG, 6, 2);
  put(s, WP1, 5, 14);
  Object.assign(unit(s, WANG), { hp, ap, mag: 0, spareMags: 0 });
  unit(s, WP1).ap = 0;
  const c = placeCreature(s, "snatcher", 6, 1, 0, grabberHp);
  grip(s, c, WANG);
  replan(s);
  const drag = s.intents.find((i) => i.unit === c.id)!;
  drag.countdown = 1;
  return { s, c };
}

describe("the bot and its friendly splash", () => {
  it("a dry grabbed man butts his grabber to death only when he is still on his feet at the round's end", () => {
    // one blow kills it, and he keeps an AP to step off the acid: 4 hp less the burst's 2 leaves 2
    let { s, c } = dryWangGripped(4, 2, 1);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
    // his last AP on the blow: the burst's 2 and the acid 2 left under him at the round's end take his 4
    ({ s, c } = dryWangGripped(4, 1, 1));
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ type: "butt" });
    // with 5 hp he stands it (1 left): the butt
    ({ s, c } = dryWangGripped(5, 1, 1));
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
    // two blows: the first one's blood on the stock (1), the burst (2), the acid (2) take 5 hp
    ({ s, c } = dryWangGripped(5, 2, 2));
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ type: "butt" });
    ({ s, c } = dryWangGripped(6, 2, 2));
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
  });

  it("a dry grabbed man lets the drag take him rather than butt his grabber to death, unless he is the last sergeant", () => {
    const { s, c } = dryWangGripped(8, 2, 1);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "butt", unit: WANG, target: c.id });
    // the other sergeant on the board: no butt
    const { s: t, c: g } = dryWangGripped(8, 2, 1, false);
    expect(botCommand(t, "wang")!.action).not.toMatchObject({ type: "butt" });
    // a private in Wang's place: no butt either
    put(t, WANG, 5, 14);
    unit(t, WANG).ap = 0;
    put(t, WP1, 6, 2);
    Object.assign(unit(t, WP1), { ap: 2, mag: 0, spareMags: 0 });
    grip(t, g, WP1);
    unit(t, WANG).grabbedBy = null;
    replan(t);
    t.intents.find((i) => i.unit === g.id)!.countdown = 1;
    expect(botCommand(t, "wang")!.action).not.toMatchObject({ type: "butt" });
  });

  it("keeps the last round of his last magazine from every shot but a grabber's", () => {
    const s = alley();
    // Wang at the alley's foot with 2 AP; a Spitter in the open 3 tiles up the alley, nobody
    // beside it, its intent not shown (nothing to step out of)
    put(s, WANG, 5, 14);
    put(s, WP1, 3, 15);
    unit(s, WP1).ap = 0;
    const spitter = placeCreature(s, "spitter", 5, 11, 0);
    s.intents = [];
    expect(hitChanceBetween(s, unit(s, WANG), spitter, "shot").chance).toBeGreaterThanOrEqual(60);
    // two rounds left of his last magazine: a good shot is taken
    Object.assign(unit(s, WANG), { mag: 2, spareMags: 0 });
    expect(botCommand(s, "wang")!.action).toEqual({ type: "shoot", unit: WANG, target: spitter.id });
    // his last round is kept: no shot at it
    unit(s, WANG).mag = 1;
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ target: spitter.id });
    // ... and goes at the arm of a Snatcher that holds his private
    put(s, WP1, 7, 10);
    const snatcher = placeCreature(s, "snatcher", 6, 11, 0);
    grip(s, snatcher, WP1);
    expect(hitChanceBetween(s, unit(s, WANG), snatcher, "calledShot").chance).toBeGreaterThanOrEqual(25);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "calledShot", unit: WANG, target: snatcher.id });
  });

  /** Private Wang-1 gripped by the drains with the drag due (the Snatcher one hit kills) and a
   *  round in his rifle; Wang far down the alley with `wangAp`; Takumi out of play. */
  function dueGripPrivateArmed(wangAp: number) {
    const { s, c } = alleyGripDue({ wangAt: [6, 9], wangAp, mag: 1 });
    unit(s, WANG).aim = 55;
    return { s, c };
  }

  it("with the drag due and his own called shot poor, leaves the gripped man his called shot before the kill", () => {
    const { s, c } = dueGripPrivateArmed(1);
    expect(hitChanceBetween(s, unit(s, WANG), c, "calledShot").chance).toBeLessThan(15);
    expect(hitChanceBetween(s, unit(s, WP1), c, "calledShot").chance).toBeGreaterThanOrEqual(15);
    // Wang does not shoot it (a hit kills it, its burst on the private)
    expect(botCommand(s, "wang")!.action).not.toMatchObject({ unit: WANG, target: c.id });
    // the private takes his own called shot (Wang's AP gone elsewhere)
    unit(s, WANG).ap = 0;
    expect(botCommand(s, "wang")!.action).toEqual({ type: "calledShot", unit: WP1, target: c.id });
    // his rifle empty: Wang's killing shot frees him
    unit(s, WANG).ap = 1;
    unit(s, WP1).mag = 0;
    expect(botCommand(s, "wang")!.action).toEqual({ type: "shoot", unit: WANG, target: c.id });
  });

  it("with the drag due and nobody to hold on, steps to where his called shot is 15% or more, though under 30%", () => {
    // private Wang-1 gripped up the alley (no AP), the drag due; Wang at its foot (2 AP), too far
    // to hold on, and a poor shot (aim 45: a called shot 20% at best, from 3 tiles)
    const s = alley();
    put(s, WP1, 5, 10);
    unit(s, WP1).ap = 0;
    put(s, WANG, 5, 16);
    unit(s, WANG).aim = 45;
    const c = placeCreature(s, "snatcher", 5, 9, 0, 1);
    grip(s, c, WP1);
    replan(s);
    s.intents.find((i) => i.unit === c.id)!.countdown = 1;
    expect(hitChanceBetween(s, unit(s, WANG), c, "calledShot").chance).toBeLessThan(15);
    const cmd = botCommand(s, "wang")!.action;
    expect(cmd).toMatchObject({ type: "move", unit: WANG });
    if (cmd.type !== "move") return;
    put(s, WANG, cmd.to.x, cmd.to.y, cmd.to.level);
    unit(s, WANG).ap = 1;
    const chance = hitChanceBetween(s, unit(s, WANG), c, "calledShot").chance;
    expect(chance).toBeGreaterThanOrEqual(15);
    expect(chance).toBeLessThan(30);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "calledShot", unit: WANG, target: c.id });
  });
});
