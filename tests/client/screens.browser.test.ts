/**
 * The screens around the battle at every size the battle screen is tested at (layout.browser.test.ts),
 * with touch emulation: the start page (a document: it may scroll down, never sideways), the
 * after-action report (a modal that scrolls inside, over a page that never scrolls) and the replay
 * viewer (its board at least half the width and a third of the height). At each, no two controls
 * or labels overlap and every control can be reached and hit. Screenshots:
 * tests/artifacts/{start,report,replay}-<w>x<h>.png.
 */
import { describe, expect, it } from "vitest";
import { artifact, editOffline, frames, newPage, newTab, screenshotStats, settled, useEnv, waitLS, FAST, PHONE } from "./browser.js";
import { box, geometry, SIZES, unreachable } from "./geometry.js";

const env = useEnv();
const pageErrors: string[] = [];

describe("the screens around the battle at every size", () => {
  for (const [width, height] of SIZES) {
    it(`${width}×${height}: start page, report and replay`, async () => {
      const onError = (e: Error) => pageErrors.push(`${width}x${height}: ${e.message}`);
      // the start page: kept open in its tab for the replay below (loaded once, not twice)
      const { page: home } = await newPage(env, width, height, PHONE);
      home.on("pageerror", onError);
      await home.goto(`${env.url}/`);
      await waitLS(home, "s.startReady");
      const start = await geometry(home, "#start");
      expect(start.overlaps).toEqual([]);
      expect(start.covered).toEqual([]);
      expect(await home.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await unreachable(home, "#start", true)).toEqual([]);
      await home.evaluate(() => scrollTo(0, 0));
      await screenshotStats(home, artifact(`start-${width}x${height}.png`));

      // a battle played a step (in a second tab), its record kept for the replay, then lost: the report
      let page = (await newTab(home)).page;
      page.on("pageerror", onError);
      await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
      await settled(page);
      await page.keyboard.press("o");
      await waitLS(page, "s.step >= 1 && !s.animating");
      const record = await page.evaluate(() => JSON.stringify((window as any).__offline.record()));
      await editOffline(page, `for (const u of st.units) if (u.id === "takumi" || u.id === "wang") { u.hp = 0; u.fate = "dead"; }`);
      await page.keyboard.press("e");
      await waitLS(page, "s.report === true", 30_000);
      await frames(page);
      const rep = await geometry(page, "#report-host");
      expect(rep.overlaps).toEqual([]);
      expect(rep.covered).toEqual([]);
      expect(rep.pageScrolls).toBe(false);
      expect(await unreachable(page, "#report-host")).toEqual([]);
      const modal = (await box(page, "#report-host .modal"))!;
      expect(modal.x).toBeGreaterThanOrEqual(0);
      expect(modal.x + modal.w).toBeLessThanOrEqual(width + 0.5);
      await page.evaluate(() => document.querySelector("#report-host .modal")!.scrollTo(0, 0));
      await screenshotStats(page, artifact(`report-${width}x${height}.png`));

      // the replay of that record, from a file chosen on the start page (its tab, the battle's closed)
      await page.close();
      page = home;
      await page.bringToFront();
      await waitLS(page, "s.startReady");
      await page.setInputFiles("#replay-file", { name: "record.json", mimeType: "application/json", buffer: Buffer.from(record) });
      await waitLS(page, "s.ready && s.replay");
      await frames(page);
      const canvas = (await box(page, "#replay-board canvas#board-canvas"))!;
      expect(canvas.w).toBeGreaterThanOrEqual(width * 0.5);
      expect(canvas.h).toBeGreaterThanOrEqual(height * 0.33);
      const rp = await geometry(page, "#replay");
      expect(rp.overlaps).toEqual([]);
      expect(rp.covered).toEqual([]);
      expect(rp.pageScrolls).toBe(false);
      expect(await unreachable(page, "#replay")).toEqual([]);
      await page.evaluate(() => document.getElementById("replay")!.scrollTo(0, 0));
      await screenshotStats(page, artifact(`replay-${width}x${height}.png`));
      await home.close();
    }, 120_000);
  }

  it("no page error was thrown", () => {
    expect(pageErrors).toEqual([]);
  });
});
