/**
 * The soldier bot and its friendly acid splash, on crafted positions in the alley: a grabbed man
 * with no rounds left does not rifle-butt his grabber to death when the kill leaves him down (the
 * burst, the blood of his earlier blows, and the acid the burst leaves under him when he has no AP
 * to step off it), and a soldier on his last magazine keeps its last round from every shot but a
 * grabber's (grabbed, a round is a called shot at its arm; a dry man has only the butt).
 */
import { describe, expect, it } from "vitest";
import { botCommand, type BattleState } from "../../shared/index.js";
import { hitChanceBetween } from "../../shared/rules/combat.js";
import { TAKUMI, WANG, WP1, grip, placeCreature, put, quiet, replan, unit } from "./helpers.js";

/** Takumi out of play at the alley's foot; Wang and his first private placed by each test. */
function alley(): BattleState {
  const s = quiet("the-alley", { keep: [TAKUMI, WANG, WP1] });
  put(s, TAKUMI, 3, 16);
  unit(s, TAKUMI).ap = 0;
  return s;
}

/** Wang dry (no rounds, no spares) in the grip of a Snatcher with `grabberHp` just above him
 *  (beside him square-on: its burst leaves acid 2 under him), the drag due; his private far
 *  down the alley with no AP (nobody can hold on). */
function dryWangGripped(hp: number, ap: number, grabberHp: number) {
  const s = alley();
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
});
