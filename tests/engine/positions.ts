/** Crafted positions the bot's tests share (fixtures, not seeds: a retune of the waves leaves them be). */
import type { BattleState, Unit } from "../../shared/index.js";
import { TAKUMI, WANG, WP1, grip, placeCreature, put, quiet, replan, unit } from "./helpers.js";

/**
 * The alley: Private Wang-1 up by the drains (6,2) in the grip of a Snatcher one hit kills (6,1),
 * its drag due this round; Takumi out of play at the alley's foot (no AP); Wang down the alley at
 * `wangAt` with `wangAp` (on the board: the private is not the last sergeant); the private with
 * 2 AP and `mag` rounds, no spare magazine.
 */
export function alleyGripDue(o: { wangAt: [number, number]; wangAp: number; mag: number }): { s: BattleState; c: Unit } {
  const s = quiet("the-alley", { keep: [TAKUMI, WANG, WP1] });
  put(s, TAKUMI, 3, 16);
  unit(s, TAKUMI).ap = 0;
  put(s, WANG, ...o.wangAt);
  unit(s, WANG).ap = o.wangAp;
  put(s, WP1, 6, 2);
  Object.assign(unit(s, WP1), { ap: 2, mag: o.mag, spareMags: 0 });
  const c = placeCreature(s, "snatcher", 6, 1, 0, 1);
  grip(s, c, WP1);
  replan(s);
  s.intents.find((i) => i.unit === c.id)!.countdown = 1;
  return { s, c };
}

/** alleyGripDue with the private dry (no rounds) and Wang far down the alley (5,14) with no AP. */
export const dryPrivateGripped = () => alleyGripDue({ wangAt: [5, 14], wangAp: 0, mag: 0 });
