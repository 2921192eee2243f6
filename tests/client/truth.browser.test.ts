/**
 * Objectives that tell the truth, in a real browser on the-tower: a round that kills two
 * of the five (the tower needs four) says at once that the win is gone and what is left, in the
 * header, the briefing and the log; the death out of the squad's sight is heard by name ("a scream
 * out of sight"), and the counter names the dead. Screenshots go to tests/artifacts/.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { createBattle, type BattleState, type Pos } from "../../shared/index.js";
import { planIntents } from "../../shared/creatures/intents.js";
import { makeCreature } from "../../shared/rules/spawns.js";
import { visibleTiles } from "../../shared/sight/sight.js";
import { tileIndex } from "../../shared/core/grid.js";
import { artifact, frames, loadOffline, newPage, screenshotStats, settled, useEnv, FAST } from "./browser.js";

const env = useEnv();
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

/**
 * Round 1 of the tower: Wang upstairs watches Civilian 1 under a Spitter's aim; on the floor below
 * Takumi sees a Spitter aimed at Civilian 2, who stands beyond his sight. Both at 1 hp. Takumi's
 * seat is ready (the bot makes no move), so Wang's ready plays the round.
 */
function twoDie(): BattleState {
  const s = createBattle({ ...loadMapById("the-tower"), waves: [] }, 3);
  s.units = s.units.filter((u) => u.side !== "creature");
  const put = (id: string, x: number, y: number, level: number) => Object.assign(s.units.find((u) => u.id === id)!, { x, y, level });
  put("wang", 8, 8, 2);
  put("takumi", 8, 1, 1);
  put("civilian-1", 4, 7, 2).hp = 1;
  put("civilian-2", 6, 7, 1).hp = 1;
  const aims: [Pos, Pos][] = [[{ x: 4, y: 5, level: 2 }, { x: 4, y: 7, level: 2 }], [{ x: 6, y: 3, level: 1 }, { x: 6, y: 7, level: 1 }]];
  const spitters = aims.map(([from]) => {
    const c = makeCreature(s, "spitter", { kind: "manhole", ...from });
    s.units.push(c);
    return c;
  });
  const planned = planIntents(s);
  s.intents = spitters.map((c, k) => ({ ...planned.find((i) => i.unit === c.id)!, kind: "spit" as const, moveTo: aims[k][0], target: aims[k][1], area: [aims[k][1]], order: k + 1 }));
  s.ready.takumi = true;
  // the second death is out of the squad's sight, its Spitter in sight
  const mask = visibleTiles(s);
  expect(mask[tileIndex(s.map, 6, 7, 1)]).toBe(0);
  expect(mask[tileIndex(s.map, 6, 3, 1)]).toBe(1);
  return s;
}

describe("the truthful objective in the browser", () => {
  it("the-tower made unwinnable says so that round; the death out of sight is heard by name", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-tower&seat=wang&seed=3&speed=${FAST}`);
    await settled(page, "s.selected === 'wang'");
    await loadOffline(page, twoDie());
    expect(await page.locator("#objective").innerText()).not.toContain("win is gone");
    await page.keyboard.press("e");
    await settled(page, "s.round === 2");
    await frames(page);
    expect(await page.locator("#objective").innerText()).toMatch(/^The win is gone: get out alive/);
    expect(await page.locator("#still-possible").innerText()).toBe(
      "The Tower needed 4 of the 5 saved; 2 are lost (Civilian 1, Civilian 2), so at most 3 can be. What is left: get your soldiers out alive.",
    );
    expect(await page.locator("#civilian-fates").innerText()).toContain("Dead: Civilian 1, Civilian 2");
    const log: string[] = await page.evaluate(() => (window as any).__lastStandDebug.log());
    expect(log).toContain("Civilian 1 dies");
    expect(log).toContain("A scream out of sight: Civilian 2 is dead");
    expect(log.some((l) => l.startsWith("The scene can no longer be won: at most 3 can still be saved, and it needs 4"))).toBe(true);
    // the heard death tells no place: no line names a tile on Civilian 2's floor where he fell
    expect(log.filter((l) => l.includes("Civilian 2") && /\d+,\d+/.test(l))).toEqual([]);
    const shot = await screenshotStats(page, artifact("truth-tower-unwinnable.png"));
    expect(shot.colours).toBeGreaterThan(20);
    await page.close();
  }, 180_000);
});
