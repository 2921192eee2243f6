/**
 * The trapped on the-bus in a real browser: they are the engine's units, not paint. Out of sight
 * they are not on the wire (nor in the tile panel); in sight each is a unit the tile panel names,
 * tagged TRAPPED on the board; a soldier stepping onto the door frees them, and they run for the
 * way out and are saved. The position is crafted with the engine's own state (no creature on the
 * board, so nothing but the rule decides). Screenshots go to tests/artifacts/.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { loadMapById } from "../../server/maps.js";
import { artifact, clickTile, editOffline, frames, labels, newPage, screenshotStats, settled, tilePoint, useEnv, wireOf, FAST } from "./browser.js";

const env = useEnv();
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

const TRAPPED = ["civilian-1", "civilian-2", "civilian-3"];

/** The tile panel's text once the mouse rests on (x, y). */
async function hover(page: Page, x: number, y: number): Promise<string> {
  const p = await tilePoint(page, x, y);
  await page.mouse.move(p.x, p.y);
  await frames(page);
  return page.locator("#tile-panel").innerText();
}

describe("the trapped on the bus", () => {
  it("are units: hidden out of sight, named in the tile panel and tagged TRAPPED in sight, freed and saved when a soldier reaches the door", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-bus&seat=takumi&seed=2&speed=${FAST}`);
    await settled(page, "s.selected === 'takumi'");
    const map = loadMapById("the-bus");
    const starts = map.civilians!;
    expect(starts.every((c) => c.trapped)).toBe(true);
    // no creature on the board and none to come: only the rule moves anyone
    await editOffline(page, `st.units = st.units.filter((u) => u.side !== "creature"); st.intents = []; st.noise = []; st.map = { ...st.map, waves: [] };`);

    // out of the squad's sight: not on the wire, the tile panel names no one there
    let w = await wireOf(page);
    for (const id of TRAPPED) expect(w.units[id], `${id} sent while out of sight`).toBeUndefined();
    expect(await hover(page, starts[0].x, starts[0].y)).not.toMatch(/Civilian/);

    // Takumi comes up beside the door: now the squad sees them, each a unit of the engine
    await editOffline(page, `const t = st.units.find((u) => u.id === "takumi"); t.x = 3; t.y = 7; t.ap = 2;`);
    w = await wireOf(page);
    for (const id of TRAPPED) expect(w.units[id]).toMatchObject({ side: "civilian", fate: "active", trapped: true });
    for (const [k, c] of starts.entries()) {
      const text = await hover(page, c.x, c.y);
      expect(text).toContain(`Civilian ${k + 1} — HP`);
      expect(text).toMatch(/trapped at the jammed door/);
      expect(await page.locator("#tile-unit").getAttribute("data-unit")).toBe(`civilian-${k + 1}`);
    }
    const tags = await labels(page);
    for (const id of TRAPPED) expect(tags.find((b) => b.id === `st:${id}`)?.text, `${id} not tagged`).toContain("TRAPPED");
    expect((await page.evaluate(() => (window as any).__lastStandDebug.bus()))?.shut).toBe(true);
    await screenshotStats(page, artifact("trapped-bus.png"));

    // Takumi steps onto the door (the rescue point): the door gives, no one is trapped any more
    const r = map.objective.rescue!;
    const step = w.step;
    await clickTile(page, r.x, r.y);
    await settled(page, `s.step > ${step}`);
    w = await wireOf(page);
    expect(w.units.takumi).toMatchObject({ x: r.x, y: r.y });
    for (const id of TRAPPED) expect(w.units[id].trapped).toBe(false);
    await frames(page);
    expect((await labels(page)).some((b) => b.text.includes("TRAPPED"))).toBe(false);
    expect((await page.evaluate(() => (window as any).__lastStandDebug.bus()))?.shut).toBe(false);

    // the round ends: they run for the way out beside them and are saved (the side panel counts them)
    await page.keyboard.press("e");
    await page.waitForFunction(() => {
      const u = (window as any).__lastStandDebug.wire().units;
      return ["civilian-1", "civilian-2", "civilian-3"].every((id) => !u[id] || u[id].fate === "extracted");
    }, null, { timeout: 30_000, polling: 100 });
    await screenshotStats(page, artifact("trapped-bus-freed.png"));
    await page.close();
  }, 180_000);
});
