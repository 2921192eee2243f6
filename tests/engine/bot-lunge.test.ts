/**
 * The soldier bot and the Snatcher's lunge (issue 16: fewer grabs, fewer bursts), on crafted
 * positions in the alley: a grab answered by a kill costs the man its burst, so the bot keeps its
 * men off the tile a lunge lands on as off its reach (and leaves a lunge only by a clean way),
 * shoots the
 * lunging Snatcher a hit kills before another target, steps to a gripped man's side to hold on
 * rather than only wound his grabber, and keeps its rounds from overwatch unless told to cover.
 */
import { describe, expect, it } from "vitest";
import { botCommand, type BattleState, type Intent } from "../../shared/index.js";
import { hitChanceBetween } from "../../shared/rules/combat.js";
import { TAKUMI, WANG, WP1, grip, placeCreature, put, quiet, replan, setAcid, unit } from "./helpers.js";

/** Takumi and Wang out of play (no AP) at the alley's foot; Wang's first private free to act. */
function alley(): BattleState {
  const s = quiet("the-alley", { keep: [TAKUMI, WANG, WP1] });
  put(s, TAKUMI, 3, 16);
  unit(s, TAKUMI).ap = 0;
  put(s, WANG, 7, 16);
  unit(s, WANG).ap = 0;
  put(s, WP1, 5, 14);
  return s;
}

/** Is (x, y) in the lunge: its reach, or the tile it lands on? */
function inLunge(i: Intent, p: { x: number; y: number }): boolean {
  return (i.moveTo.x === p.x && i.moveTo.y === p.y) || i.area.some((a) => a.x === p.x && a.y === p.y);
}

describe("the bot and the Snatcher's lunge", () => {
  it("does not step onto the tile a lunging Snatcher lands on", () => {
    const s = alley();
    put(s, WP1, 5, 5);
    const c = placeCreature(s, "snatcher", 5, 1, 0);
    replan(s);
    const lunge = s.intents.find((i) => i.unit === c.id)!;
    expect(lunge).toMatchObject({ kind: "grab", victim: WP1, moveTo: { x: 5, y: 4 } });
    // the landing tile is not in the reach it shows; a man who stands on it moves the Snatcher
    // beside him (it lands on the nearest free tile)
    expect(lunge.area.some((a) => a.x === 5 && a.y === 4)).toBe(false);
    const cmd = botCommand(s, "wang")!.action;
    expect(cmd.type).toBe("move");
    if (cmd.type !== "move") return;
    expect(inLunge(lunge, cmd.to)).toBe(false);
  });

  it("steps out of a lunge only to a clean tile he sees, by a clean way: not through acid", () => {
    /** The private in a Snatcher's lunge; with `acid`, acid on every tile out of its reach (its
     *  landing tile too) from the alley's head to the row below him: a clean tile two rows down. */
    const lunged = (acid: boolean) => {
      const s = alley();
      put(s, WP1, 5, 9);
      const c = placeCreature(s, "snatcher", 5, 5, 0);
      replan(s);
      const lunge = s.intents.find((i) => i.unit === c.id)!;
      if (acid)
        for (let y = 0; y <= 10; y++)
          for (let x = 0; x < s.map.width; x++)
            if (!lunge.area.some((a) => a.x === x && a.y === y) && !(x === c.x && y === c.y)) setAcid(s, x, y, 0, 1);
      return { s, lunge };
    };
    const { s, lunge } = lunged(false);
    expect(lunge).toMatchObject({ kind: "grab", victim: WP1 });
    // a clean tile out of its reach serves: he goes there
    const out = botCommand(s, "wang")!.action;
    expect(out.type).toBe("move");
    if (out.type !== "move") return;
    expect(inLunge(lunge, out.to)).toBe(false);
    // every way out crosses acid: he stays (a grab may miss, the acid does not)
    expect(botCommand(lunged(true).s, "wang")!.action.type).not.toBe("move");
  });

  it("shoots a lunging Snatcher one hit kills before another target it would rather hit", () => {
    const s = alley();
    // the Snatcher lunges at Takumi (no AP: he cannot dodge); a Spitter aims at him too
    put(s, TAKUMI, 3, 9);
    unit(s, TAKUMI).hp = 3;
    put(s, WP1, 4, 12);
    unit(s, WP1).ap = 1;
    const snatcher = placeCreature(s, "snatcher", 4, 6, 0, 2);
    const spitter = placeCreature(s, "spitter", 7, 9, 0, 1);
    replan(s);
    expect(s.intents.find((i) => i.unit === snatcher.id)).toMatchObject({ kind: "grab", victim: TAKUMI });
    expect(s.intents.find((i) => i.unit === spitter.id)?.kind).toBe("spit");
    const p = unit(s, WP1);
    // both die to one hit, the Spitter is the likelier one
    expect(hitChanceBetween(s, p, spitter, "shot").chance).toBeGreaterThan(hitChanceBetween(s, p, snatcher, "shot").chance);
    expect(botCommand(s, "wang")!.action).toEqual({ type: "shoot", unit: WP1, target: snatcher.id });
  });

  it("with the drag due, steps to the gripped man's side to hold on rather than only wound the grabber", () => {
    const s = alley();
    // Takumi in a fresh Snatcher's grip by the drains (one hit does not kill it), the drag due
    put(s, TAKUMI, 6, 2);
    put(s, WP1, 6, 6);
    unit(s, WP1).aim = 40;
    const c = placeCreature(s, "snatcher", 6, 1, 0);
    grip(s, c, TAKUMI);
    replan(s);
    expect(s.intents.find((i) => i.unit === c.id)?.countdown).toBeLessThanOrEqual(1);
    // his called shot is poor: the plain shot would only wound it, freeing nobody this round
    expect(hitChanceBetween(s, unit(s, WP1), c, "calledShot").chance).toBeLessThan(25);
    const cmd = botCommand(s, "wang")!.action;
    expect(cmd.type).toBe("move");
    if (cmd.type !== "move") return;
    expect(Math.max(Math.abs(cmd.to.x - 6), Math.abs(cmd.to.y - 2))).toBe(1);
  });
});
