/**
 * Floors you can follow, in a real browser on the-tower (three floors): with soldiers
 * and creatures on every floor, the strip of floors shows each floor's soldiers and every intent
 * on a floor other than the one shown, named with its floor; a click on a floor shows it; the
 * view follows the selected soldier; on an upright phone the floors are a bar on the board's top
 * edge, seen at a glance with the sheet down, and a tap on one shows it. Screenshots go to tests/artifacts/.
 */
import { afterAll, describe, expect, it } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { createBattle, type BattleState } from "../../shared/index.js";
import { planIntents } from "../../shared/creatures/intents.js";
import { makeCreature } from "../../shared/rules/spawns.js";
import { geometry } from "./geometry.js";
import { artifact, frames, loadOffline, newPage, screenshotStats, settled, useEnv, waitLS, wireOf, FAST, PHONE } from "./browser.js";

const env = useEnv();
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

/** The tower with a soldier and creatures on each floor, the creatures' intents announced by the engine. */
function threeFloors(): BattleState {
  const s = createBattle({ ...loadMapById("the-tower"), waves: [] }, 3);
  s.units = s.units.filter((u) => u.side !== "creature");
  const place = (id: string, x: number, y: number, level: number) => Object.assign(s.units.find((u) => u.id === id)!, { x, y, level });
  place("wang", 4, 6, 0);
  place("takumi", 5, 6, 1);
  place("takumi-private-1", 6, 6, 2);
  for (const [kind, x, y, level] of [["snatcher", 4, 3, 0], ["leaper", 7, 3, 1], ["spitter", 2, 6, 1], ["snatcher", 6, 3, 2]] as const)
    s.units.push(makeCreature(s, kind, { kind: "manhole", x, y, level }));
  s.intents = planIntents(s);
  return s;
}

describe("floors in the browser", () => {
  it("the-tower: every intent and soldier on another floor is in the strip, named with its floor; a click shows the floor", async () => {
    const state = threeFloors();
    const floorsWithIntents = new Set(state.intents.map((i) => state.units.find((u) => u.id === i.unit)!.level));
    // the position is worth testing only if the intents are on several floors
    expect(floorsWithIntents.size).toBe(3);
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-tower&seat=wang&seed=3&speed=${FAST}`);
    await settled(page, "s.selected === 'wang'");
    await loadOffline(page, state);
    await frames(page);
    const w = await wireOf(page);
    const shown = 0; // Wang is selected, on the ground floor
    const intents = (w.intents as { unit: string; order: number }[]).map((i) => ({ ...i, level: w.units[i.unit]?.level }));
    expect(intents.filter((i) => i.level !== shown).length).toBeGreaterThanOrEqual(2);
    const strip = page.locator("#floor-strip");
    const items = await strip.locator("li.f-intent").allInnerTexts();
    for (const it of intents) {
      // "#2 Leaper 7 (L1) pounce → …": its order, and its floor beside its creature
      const line = items.find((t) => t.startsWith(`#${it.order} `));
      expect(line, `intent ${it.order} of ${it.unit} in the strip`).toBeDefined();
      expect(line).toContain(`(L${it.level})`);
      const floorRow = strip.locator(`.floor[data-level="${it.level}"] li.f-intent`, { hasText: `#${it.order} ` });
      expect(await floorRow.count()).toBe(1);
    }
    // the soldiers on the other floors, each with his floor
    expect(await strip.locator('.floor[data-level="1"] .f-soldier').allInnerTexts()).toEqual(["Sergeant Takumi L1"]);
    expect(await strip.locator('.floor[data-level="2"] .f-soldier').allInnerTexts()).toEqual(["Private Takumi-1 L2"]);
    // the intent list names the floor too
    const listed = await page.locator("#intent-panel li").allInnerTexts();
    for (const it of intents) expect(listed.some((t) => t.startsWith(`${it.order}.`) && t.includes(`(L${it.level})`))).toBe(true);
    expect(await page.locator("#floor-strip .floor.cur").getAttribute("data-level")).toBe("0");
    const shot = await screenshotStats(page, artifact("floors-strip-1280.png"));
    expect(shot.colours).toBeGreaterThan(20);
    // a click on the top floor shows it (the header says L2), and the strip marks it
    await strip.locator('button.f-btn[data-level="2"]').click();
    await waitLS(page, "true");
    await frames(page);
    expect(await page.locator("#floor-strip .floor.cur").getAttribute("data-level")).toBe("2");
    expect(await page.locator("#round").innerText()).toContain("L2");
    await screenshotStats(page, artifact("floors-top-1280.png"));
    await page.close();
  }, 180_000);

  it("the view follows the selected soldier: selecting Takumi upstairs shows his floor", async () => {
    const state = threeFloors();
    const { page, errors } = await newPage(env, 390, 844);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-tower&seat=takumi&seed=3&speed=${FAST}`);
    await settled(page, "s.selected === 'takumi'");
    await loadOffline(page, state);
    await frames(page);
    // Takumi stands on L1: his floor is shown and named in his panel and the squad list
    expect(await page.locator("#round").innerText()).toContain("L1");
    expect(await page.locator("#unit-floor").innerText()).toBe("L1");
    expect(await page.locator('#squad-panel tr[data-unit="takumi-private-1"]').innerText()).toContain("L2");
    await screenshotStats(page, artifact("floors-phone-390.png"));
    await page.close();
  }, 180_000);

  it("an upright phone: the floors are a bar on the board's edge, over the board and clear of the sheet; a tap shows a floor", async () => {
    const state = threeFloors();
    const { page } = await newPage(env, 390, 844, PHONE);
    const errors: string[] = [];
    pageErrors.push(errors);
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(`${env.url}/?offline=1&map=the-tower&seat=wang&seed=3&speed=${FAST}`);
    await settled(page, "s.selected === 'wang'");
    await loadOffline(page, state);
    await frames(page);
    // the sheet is down: the strip inside it is out of sight, the bar is not
    expect(await page.locator("#battle").evaluate((e) => e.classList.contains("sheet-open"))).toBe(false);
    const bar = await page.evaluate(() => {
      const r = (sel: string) => {
        const b = document.querySelector(sel)!.getBoundingClientRect();
        return { l: b.left, t: b.top, r: b.right, b: b.bottom };
      };
      const btns = [...document.querySelectorAll<HTMLElement>("#floor-bar .fb-btn")].map((e) => {
        const b = e.getBoundingClientRect();
        const hit = document.elementFromPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2);
        return { level: e.dataset.level, text: e.innerText.replace(/\s+/g, " "), title: e.title, cur: e.classList.contains("cur"), box: { l: b.left, t: b.top, r: b.right, b: b.bottom }, hit: !!hit && e.contains(hit) };
      });
      return { board: r("#board-host"), sheet: r("#side"), btns };
    });
    expect(bar.btns.map((b) => b.level)).toEqual(["2", "1", "0"]);
    expect(bar.btns.map((b) => b.cur)).toEqual([false, false, true]);
    for (const b of bar.btns) {
      // on the board, above the peeking sheet, nothing over it
      expect(b.box.l).toBeGreaterThanOrEqual(bar.board.l);
      expect(b.box.r).toBeLessThanOrEqual(bar.board.r);
      expect(b.box.t).toBeGreaterThanOrEqual(bar.board.t);
      expect(b.box.b).toBeLessThanOrEqual(Math.min(bar.board.b, bar.sheet.t));
      expect(b.hit, `floor ${b.level} can be hit`).toBe(true);
      // big enough for a finger
      expect(b.box.b - b.box.t).toBeGreaterThanOrEqual(32);
    }
    // each floor's soldiers and the intents Wang's page shows there: soldiers on each, intents on two floors at least
    const w = await wireOf(page);
    const units = Object.values(w.units) as { side: string; fate: string; level: number }[];
    const soldiersOn = (lv: number) => units.filter((u) => u.side === "squad" && u.fate === "active" && u.level === lv).length;
    // as many as the strip in the sheet lists on that floor
    const listed: number[] = [];
    for (const lv of [0, 1, 2]) listed[lv] = await page.locator(`#floor-strip .floor[data-level="${lv}"] li.f-intent`).count();
    const intentsOn = (lv: number) => listed[lv];
    for (const b of bar.btns) {
      const lv = Number(b.level);
      expect(b.text).toContain(`L${lv}`);
      expect(b.title).toBe(`Show floor ${lv}: ${soldiersOn(lv)} soldier${soldiersOn(lv) === 1 ? "" : "s"}, ${intentsOn(lv)} intent${intentsOn(lv) === 1 ? "" : "s"}`);
    }
    expect([0, 1, 2].map(soldiersOn).every((n) => n >= 1)).toBe(true);
    expect([0, 1, 2].filter((lv) => intentsOn(lv) > 0).length).toBeGreaterThanOrEqual(2);
    const g = await geometry(page);
    expect(g.overlaps).toEqual([]);
    expect(g.covered).toEqual([]);
    await screenshotStats(page, artifact("floors-bar-390.png"));
    // a tap on the top floor shows it: the header says L2 and the bar marks it
    await page.locator('#floor-bar .fb-btn[data-level="2"]').tap();
    await page.waitForFunction(() => document.querySelector("#floor-bar .fb-btn.cur")?.getAttribute("data-level") === "2", null, { timeout: 10_000 });
    expect(await page.locator("#round").innerText()).toContain("L2");
    await page.close();
  }, 180_000);
});
