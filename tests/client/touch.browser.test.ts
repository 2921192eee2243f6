/**
 * Touch on a phone held upright (390×844, hasTouch, isMobile, device scale factor 3), driven with
 * real touch events (CDP Input.dispatchTouchEvent): a pinch zooms about the fingers, two fingers
 * pan, one finger drags the camera (a fling decelerates after the finger leaves), the map stays
 * clamped to the canvas, and none of it is taken for a tap; then tap to select, tap to preview,
 * tap again to move. Screenshot: tests/artifacts/touch-phone-zoomed.png.
 */
import { describe, expect, it } from "vitest";
import type { CDPSession, Page } from "playwright-core";
import { artifact, frames, lastStand, newPage, screenshotStats, settled, useEnv, tilePoint, waitLS, wireOf, FAST, PHONE } from "./browser.js";
import { box } from "./geometry.js";

const env = useEnv();
const pageErrors: string[] = [];

type Pt = { x: number; y: number };

/** Fingers from `from` to `to` (one point per finger) in `steps` moves, then lifted. */
async function gesture(cdp: CDPSession, page: Page, from: Pt[], to: Pt[], steps = 8, wait = true): Promise<void> {
  const at = (k: number) => from.map((p, i) => ({ x: p.x + (to[i].x - p.x) * k, y: p.y + (to[i].y - p.y) * k, id: i }));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(0) });
  for (let s = 1; s <= steps; s++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(s / steps) });
    if (wait) await frames(page);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

const zoom = (page: Page): Promise<number> => page.evaluate(() => (window as any).__lastStandDebug.zoom());

/** The camera has come to rest (a tile's centre is where it was a few frames ago). */
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
}

describe("touch on a phone", () => {
  it("pinch zooms, two fingers pan, a fling decelerates and stays clamped; none of it is a tap", async () => {
    const { page } = await newPage(env, 390, 844, PHONE);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
    await settled(page);
    const cdp = await page.context().newCDPSession(page);
    const canvas = (await box(page, "#board-canvas"))!;
    const mid = { x: canvas.x + canvas.w / 2, y: canvas.y + canvas.h / 2 };
    // an upright phone starts closer than the whole map (tiles a finger can take), on the squad
    const z0 = await zoom(page);
    expect(z0).toBeGreaterThan(1.3);
    const s0 = await lastStand(page);

    // pinch out about the middle: the zoom grows with the fingers' spread
    await gesture(cdp, page, [{ x: mid.x - 30, y: mid.y }, { x: mid.x + 30, y: mid.y }], [{ x: mid.x - 120, y: mid.y }, { x: mid.x + 120, y: mid.y }]);
    await still(page);
    const z = await zoom(page);
    expect(z).toBeGreaterThan(z0 + 0.5);
    expect(z).toBeLessThanOrEqual(4);

    // one finger flung: the board goes on moving after the finger leaves, then rests
    const before = await tilePoint(page, 11, 8);
    // (from the middle, so no edge stops it); the browser's own synthetic touch gesture, its
    // moves at the screen's rate (not one CDP round trip each)
    await cdp.send("Input.synthesizeScrollGesture", { x: mid.x + 60, y: mid.y, xDistance: -120, yDistance: 0, speed: 1200, gestureSourceType: "touch", preventFling: true });
    await still(page);
    const rest = await tilePoint(page, 11, 8);
    // the finger went 120 px: the board, further
    expect(before.x - rest.x, `deceleration carries the board on: ${before.x} → ${rest.x}`).toBeGreaterThan(124);
    expect(Math.abs(rest.y - before.y)).toBeLessThan(4);

    // two fingers moved together pan the board by as much
    const t0 = await tilePoint(page, 11, 8);
    // (back the way the fling went: the clamp cannot stop it there)
    await gesture(cdp, page, [{ x: mid.x - 40, y: mid.y }, { x: mid.x + 40, y: mid.y }], [{ x: mid.x + 20, y: mid.y + 30 }, { x: mid.x + 100, y: mid.y + 30 }], 6);
    await still(page);
    const t1 = await tilePoint(page, 11, 8);
    expect(t1.x - t0.x).toBeGreaterThan(30);
    expect(Math.abs(await zoom(page) - z)).toBeLessThan(0.3);

    // flung far past the map's corner: clamped, the corner tile stays inside the canvas
    for (let i = 0; i < 6; i++) await gesture(cdp, page, [{ x: mid.x - 100, y: mid.y - 150 }], [{ x: mid.x + 150, y: mid.y + 250 }], 4);
    await still(page);
    const corner = await tilePoint(page, 0, 0);
    expect(corner.x).toBeGreaterThan(canvas.x);
    expect(corner.y).toBeGreaterThan(canvas.y);
    const shot = await screenshotStats(page, artifact("touch-phone-zoomed.png"));
    expect(shot.colours).toBeGreaterThan(40);

    // at rest the board's ticker sleeps: no frame is drawn while nothing moves
    const idle = await page.evaluate(
      () =>
        new Promise<number>((ok) => {
          const d = (window as any).__lastStandDebug;
          const f0 = d.frames();
          let n = 0;
          const tick = () => (++n < 20 ? requestAnimationFrame(tick) : ok(d.frames() - f0));
          requestAnimationFrame(tick);
        }),
    );
    expect(idle).toBeLessThanOrEqual(1);

    // nothing of it was a tap: no selection change, nothing sent
    const s1 = await lastStand(page);
    expect(s1.step).toBe(s0.step);
    expect(s1.selected).toBe(s0.selected);
    await page.close();
  }, 90_000);

  it("tap a soldier to select him, a tile to preview, the same tile again to move", async () => {
    const { page } = await newPage(env, 390, 844, PHONE);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
    await settled(page);
    const cdp = await page.context().newCDPSession(page);
    const tap = async (p: Pt) => {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: p.x, y: p.y }] });
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };
    const w0 = await wireOf(page);
    const p1 = w0.units["takumi-private-1"];
    await tap(await tilePoint(page, p1.x, p1.y));
    await waitLS(page, "s.selected === 'takumi-private-1'", 5000);
    const to = { x: p1.x, y: p1.y - 1 };
    const tp = await tilePoint(page, to.x, to.y);
    await tap(tp);
    await waitLS(page, `s.cursor && s.cursor.x === ${to.x} && s.cursor.y === ${to.y}`, 5000);
    await frames(page);
    expect((await lastStand(page)).step).toBe(0);
    await tap(tp);
    await waitLS(page, "!s.animating && s.step >= 1", 20_000);
    const w1 = await wireOf(page);
    expect({ x: w1.units["takumi-private-1"].x, y: w1.units["takumi-private-1"].y }).toEqual(to);
    await page.close();
  }, 60_000);

  it("no page error was thrown", () => {
    expect(pageErrors).toEqual([]);
  });
});
