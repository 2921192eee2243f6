/**
 * Tags kept in sight on a phone held upright (390×844, touch): its closer camera shows a part of
 * the board, and a tag whose anchor lies near that part's edge is laid out whole inside it, not cut
 * by the canvas's edge ("NGE → TAKUMI"). Laid out again when a finger pans the board and when it
 * zooms. On the crowded round of last-stand (tools/crowded.ts), the most tags a round shows.
 * Screenshot: tests/artifacts/phone-labels.png.
 */
import { describe, expect, it } from "vitest";
import type { CDPSession, Page } from "playwright-core";
import { crowdedRound } from "../../tools/crowded.js";
import { artifact, frames, labels, loadOffline, newPage, overlapping, screenshotStats, settled, useEnv, type Box, FAST, PHONE } from "./browser.js";

const env = useEnv();

type Rect = { x: number; y: number; w: number; h: number };

/** The canvas's part of the page the phone shows (the canvas within the window). */
const visibleCanvas = (page: Page): Promise<Rect> =>
  page.evaluate(() => {
    const r = document.getElementById("board-canvas")!.getBoundingClientRect();
    const x0 = Math.max(0, r.left), y0 = Math.max(0, r.top);
    const x1 = Math.min(window.innerWidth, r.right), y1 = Math.min(window.innerHeight, r.bottom);
    return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  });

/** The tags not wholly inside `r` (half a pixel of rounding allowed), by text and box. */
const outside = (tags: Box[], r: Rect) =>
  tags.filter((b) => b.x < r.x - 0.5 || b.y < r.y - 0.5 || b.x + b.w > r.x + r.w + 0.5 || b.y + b.h > r.y + r.h + 0.5).map((b) => `${b.text} @${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${Math.round(b.h)}`);

/** One finger from `a` to `b`: the camera pans. */
async function drag(cdp: CDPSession, page: Page, a: { x: number; y: number }, b: { x: number; y: number }): Promise<void> {
  const steps = 6;
  const at = (k: number) => [{ x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, id: 0 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0) });
  for (let s = 1; s <= steps; s++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(s / steps) });
    await frames(page);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** The camera has come to rest (a fling decelerates), and the tags of its last move are laid out. */
async function still(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((ok) => {
        const d = (window as any).__lastStandDebug;
        const a = d.tileCenter(0, 0);
        let n = 0;
        const tick = () => (++n < 6 ? requestAnimationFrame(tick) : ok(Math.abs(d.tileCenter(0, 0).x - a.x) < 0.1 && Math.abs(d.tileCenter(0, 0).y - a.y) < 0.1));
        requestAnimationFrame(tick);
      }),
    null,
    { timeout: 10_000, polling: 50 },
  );
  await frames(page);
}

describe("tags on a phone held upright", () => {
  it("lie inside the part of the board in sight, and stay inside when the board pans and zooms", async () => {
    const { page } = await newPage(env, 390, 844, PHONE);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const crowd = crowdedRound(10, 8);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=${crowd.seed}&difficulty=hard&speed=${FAST}`);
    await settled(page);
    await loadOffline(page, crowd.state);
    await settled(page);
    await frames(page);
    // the closer camera of an upright phone: a part of the board in sight, not all of it
    const zoom = await page.evaluate(() => (window as any).__lastStandDebug.zoom());
    expect(zoom).toBeGreaterThan(1.3);
    const view = await visibleCanvas(page);
    expect(view.w).toBeGreaterThan(300);

    const check = async (when: string) => {
      const tags = await labels(page);
      expect(tags.length, `${when}: tags shown`).toBeGreaterThan(3);
      expect(outside(tags, view), `${when}: tags cut by the canvas's edge`).toEqual([]);
      expect(overlapping(tags), `${when}: tags overlapping`).toEqual([]);
      return tags;
    };
    const first = await check("as the round opens");
    await screenshotStats(page, artifact("phone-labels.png"));

    // a finger pans the board (the tags are laid out again in what it shows then)
    const cdp = await page.context().newCDPSession(page);
    const mid = { x: view.x + view.w / 2, y: view.y + view.h / 2 };
    await drag(cdp, page, mid, { x: mid.x + 140, y: mid.y + 60 });
    await still(page);
    const panned = await check("after a pan");
    expect(panned.map((b) => `${b.id}@${Math.round(b.x)},${Math.round(b.y)}`)).not.toEqual(first.map((b) => `${b.id}@${Math.round(b.x)},${Math.round(b.y)}`));
    await drag(cdp, page, mid, { x: mid.x - 260, y: mid.y - 120 });
    await still(page);
    await check("after a pan the other way");

    // and zooms in (the key's zoom, about the canvas's middle)
    await page.keyboard.press("+");
    await still(page);
    expect(await page.evaluate(() => (window as any).__lastStandDebug.zoom())).toBeGreaterThan(zoom);
    await check("zoomed in");
    await screenshotStats(page, artifact("phone-labels-zoomed.png"));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
