/**
 * The battle screen at every size a player brings: a phone upright (390×844) and on its
 * side (844×390), a tablet both ways (768×1024, 1024×768), 1280×720 and 1920×1080, each in
 * Chromium with touch emulation (hasTouch, isMobile, device scale factor 3). At each: the board
 * gets at least 55% of the viewport (upright: the whole width), no two controls or labels overlap,
 * the page never scrolls, and every control of the battle can be reached and hit (the side panel,
 * or an upright screen's bottom sheet, may scroll inside). A screenshot of each goes to
 * tests/artifacts/layout-<w>x<h>.png (and -sheet.png with the sheet up).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifact, frames, newPage, screenshotStats, settled, useEnv, FAST, PHONE } from "./browser.js";
import { box, geometry, SIZES, unreachable } from "./geometry.js";

const env = useEnv();
const pageErrors: string[] = [];

async function touchPage(width: number, height: number): Promise<Page> {
  const { page } = await newPage(env, width, height, PHONE);
  page.on("pageerror", (e) => pageErrors.push(`${width}x${height}: ${e.message}`));
  return page;
}

/** The sheet has stopped sliding (its box is where it was a frame ago). */
async function sheetSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((ok) => {
        const top = () => document.getElementById("side")!.getBoundingClientRect().top;
        const a = top();
        requestAnimationFrame(() => requestAnimationFrame(() => ok(Math.abs(top() - a) < 0.5 && getComputedStyle(document.getElementById("side")!).transitionProperty !== "" )));
      }),
    null,
    { timeout: 10_000, polling: 50 },
  );
}

describe("the battle screen at every size", () => {
  for (const [width, height] of SIZES) {
    it(`${width}×${height}: board ≥ 55%, nothing overlaps, every control reachable`, async () => {
      const page = await touchPage(width, height);
      await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
      await settled(page);
      await frames(page);
      const upright = height > width;

      const canvas = (await box(page, "#board-canvas"))!;
      expect(canvas.w * canvas.h, "the board's share of the screen").toBeGreaterThanOrEqual(0.55 * width * height);
      if (upright) expect(canvas.w).toBeGreaterThanOrEqual(width - 1);
      const g = await geometry(page, "#battle");
      expect(g.pageScrolls, "the page scrolls").toBe(false);
      expect(g.overlaps).toEqual([]);
      expect(g.covered).toEqual([]);
      expect(g.shown).toBeGreaterThan(20);
      // the action bar is on screen whole, with Ready among it
      const bar = (await box(page, "#actions"))!;
      expect(bar.y).toBeGreaterThanOrEqual(0);
      expect(bar.y + bar.h).toBeLessThanOrEqual(height + 0.5);
      // the header's controls are all there to be hit now, without any scrolling
      expect(await unreachable(page, "#top")).toEqual([]);
      expect(await unreachable(page, "#actions")).toEqual([]);
      const shot = await screenshotStats(page, artifact(`layout-${width}x${height}.png`));
      expect(shot.colours).toBeGreaterThan(40);

      if (upright) {
        // the sheet peeks below the board; its handle slides it up, and it scrolls inside
        const side0 = (await box(page, "#side"))!;
        expect(side0.y).toBeGreaterThanOrEqual(canvas.y + canvas.h - 1);
        const h = (await box(page, "#sheet-handle"))!;
        await page.touchscreen.tap(h.x + h.w / 2, h.y + h.h / 2);
        await page.waitForFunction(() => document.getElementById("sheet-handle")!.getAttribute("aria-expanded") === "true", null, { timeout: 5000 });
        // the slide may start a frame after the handle says so: wait for it to be under way, then over
        await page.waitForFunction((y0) => document.getElementById("side")!.getBoundingClientRect().top < y0 - 100, side0.y, { timeout: 10_000, polling: "raf" });
        await sheetSettled(page);
        const side1 = (await box(page, "#side"))!;
        expect(side1.y).toBeLessThan(side0.y - 100);
        const bar1 = (await box(page, "#actions"))!;
        expect(bar1.y).toBeGreaterThanOrEqual(0);
        expect(bar1.y + bar1.h).toBeLessThanOrEqual(height + 0.5);
        const open = await geometry(page, "#battle");
        expect(open.overlaps).toEqual([]);
        expect(open.pageScrolls).toBe(false);
        await screenshotStats(page, artifact(`layout-${width}x${height}-sheet.png`));
      }
      // every control of the side panel (or the sheet) reached by scrolling inside it, not the page
      expect(await unreachable(page, "#side")).toEqual([]);
      if (upright) {
        await page.evaluate(() => document.getElementById("side")!.scrollTo(0, 0));
        const h = (await box(page, "#sheet-handle"))!;
        await page.touchscreen.tap(h.x + h.w / 2, h.y + h.h / 2);
        await page.waitForFunction(() => document.getElementById("sheet-handle")!.getAttribute("aria-expanded") === "false", null, { timeout: 5000 });
        await sheetSettled(page);
      }
      // the canvas still fills the board's room after all of it
      const after = (await box(page, "#board-canvas"))!;
      expect(after.w * after.h).toBeGreaterThanOrEqual(0.55 * width * height);
      await page.close();
    }, 90_000);
  }

  it("no page error was thrown", () => {
    expect(pageErrors).toEqual([]);
  });
});
