/**
 * Every eye, every hand: the colour-blind setting (kept across visits) gives the sides, acid,
 * fire, the line and an attack key glyphs that differ in shape, not only in tint (their ink masks
 * compared; with normal colours the two sides' glyphs are one shape, so the comparison can fail);
 * the battle played from the keyboard alone (F6 between the board and the buttons, a visible
 * focus, Tab along the buttons, arrows and Enter to move, S and T to aim, Enter to fire); and
 * prefers-reduced-motion honoured (short transitions, no fling).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifact, frames, lastStand, newPage, screenshotStats, settled, useEnv, waitLS, wireOf, FAST } from "./browser.js";

const env = useEnv();
const pageErrors: string[] = [];

const KEYS = ["takumi", "wang", "acid", "fire", "ring", "intent"];

/** Each key glyph's ink (pixels unlike the panel behind it) on a 12×12 grid. */
async function masks(page: Page): Promise<Record<string, boolean[]>> {
  await page.evaluate(() => ((document.getElementById("legend") as HTMLDetailsElement).open = true));
  await frames(page);
  const out: Record<string, boolean[]> = {};
  for (const k of KEYS) {
    const el = (await page.$(`#legend-keys [data-key=${k}]`))!;
    await el.scrollIntoViewIfNeeded();
    const png = await el.screenshot();
    out[k] = await page.evaluate(async (b64: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const N = 12;
      const c = document.createElement("canvas");
      c.width = c.height = N;
      const g = c.getContext("2d")!;
      g.fillStyle = "#181b1f";
      g.fillRect(0, 0, N, N);
      g.drawImage(img, 0, 0, N, N);
      const d = g.getImageData(0, 0, N, N).data;
      const ink: boolean[] = [];
      for (let i = 0; i < N * N; i++) ink.push(Math.abs(d[i * 4] - 0x18) + Math.abs(d[i * 4 + 1] - 0x1b) + Math.abs(d[i * 4 + 2] - 0x1f) > 60);
      return ink;
    }, png.toString("base64"));
  }
  return out;
}

/** The share of cells where two masks differ. */
const differ = (a: boolean[], b: boolean[]) => a.filter((v, i) => v !== b[i]).length / a.length;

describe("every eye, every hand", () => {
  it("colour-blind colours: the key glyphs differ in shape; the setting is kept across visits", async () => {
    const { page } = await newPage(env, 1280, 720);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2`);
    await settled(page);
    // normal colours: the two sides' glyphs are the same disc in two tints
    const normal = await masks(page);
    expect(differ(normal.takumi, normal.wang)).toBeLessThan(0.05);

    await page.selectOption("#set-palette", "deuteranopia");
    expect(await page.evaluate(() => document.documentElement.dataset.palette)).toBe("deuteranopia");
    await page.reload();
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.dataset.palette)).toBe("deuteranopia");
    expect(await page.inputValue("#set-palette")).toBe("deuteranopia");
    const cb = await masks(page);
    for (let i = 0; i < KEYS.length; i++)
      for (let j = i + 1; j < KEYS.length; j++) expect(differ(cb[KEYS[i]], cb[KEYS[j]]), `${KEYS[i]} × ${KEYS[j]}`).toBeGreaterThan(0.1);
    await screenshotStats(page, artifact("colour-blind-1280.png"));
    await page.selectOption("#set-palette", "protanopia");
    await page.selectOption("#set-text", "large");
    await page.reload();
    await settled(page);
    expect(await page.evaluate(() => ({ ...document.documentElement.dataset }))).toMatchObject({ palette: "protanopia", text: "large" });
    await page.close();
  }, 90_000);

  it("the keyboard alone: F6 to the buttons with a visible focus, Tab along them, back to the board, move and fire by keys", async () => {
    const { page } = await newPage(env, 1280, 720);
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
    await settled(page, "s.selected === 'takumi'");
    await page.keyboard.press("F6");
    const first = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const cs = getComputedStyle(a);
      return { act: a.dataset.act, outline: cs.outlineStyle, width: parseFloat(cs.outlineWidth) };
    });
    expect(first.act).toBe("move");
    expect(first.outline).not.toBe("none");
    expect(first.width).toBeGreaterThanOrEqual(2);
    // Tab walks the buttons in their order (the selection stays)
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.act)).toBe("shoot");
    expect((await lastStand(page)).selected).toBe("takumi");
    await screenshotStats(page, artifact("keyboard-focus.png"));
    // back to the board: Tab is the next soldier there, arrows move the cursor, Enter moves him
    await page.keyboard.press("F6");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("board-host");
    await page.keyboard.press("Tab");
    await waitLS(page, "s.selected && s.selected !== 'takumi'");
    await page.keyboard.press("Shift+Tab");
    await waitLS(page, "s.selected === 'takumi'");
    const w0 = await wireOf(page);
    const t0 = w0.units.find ? w0.units.find((u: any) => u.id === "takumi") : w0.units.takumi;
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("Enter");
    await waitLS(page, "s.step >= 1 && !s.animating", 30_000);
    const w1 = await wireOf(page);
    const t1 = w1.units.find ? w1.units.find((u: any) => u.id === "takumi") : w1.units.takumi;
    expect({ x: t1.x, y: t1.y }).toEqual({ x: t0.x, y: t0.y - 1 });
    // a screen reader hears the log: a polite live region whose new lines are the event's words
    expect(await page.getAttribute("#log", "aria-live")).toBe("polite");
    expect(await page.getAttribute("#log", "role")).toBe("log");
    await page.waitForFunction(() => /Takumi/.test(document.querySelector("#log li:last-child")?.textContent ?? ""), null, { timeout: 10_000 });
    // S aims, T picks a target, Enter fires (or the engine says why not, in words)
    await page.keyboard.press("s");
    await page.keyboard.press("t");
    const aimed = await lastStand(page);
    if (aimed.target) {
      await page.keyboard.press("Enter");
      await waitLS(page, "s.step >= 2 && !s.animating", 30_000);
    } else expect(aimed.error?.message ?? (await page.textContent("#target-panel"))).toBeTruthy();
    await page.close();
  }, 90_000);

  it("prefers-reduced-motion: short transitions and no fling", async () => {
    const { page } = await newPage(env, 390, 844, { hasTouch: true, isMobile: true, reducedMotion: "reduce" });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2`);
    await settled(page);
    const t = await page.evaluate(() => ["side", "banner"].map((id) => parseFloat(getComputedStyle(document.getElementById(id)!).transitionDuration)));
    for (const d of t) expect(d).toBeLessThanOrEqual(0.05);
    const fling = await page.evaluate(() => !!(window as any).__lastStandDebug.screen.board.camera.viewport.plugins.get("decelerate"));
    expect(fling).toBe(false);
    await page.close();
  }, 60_000);

  it("no page error was thrown", () => {
    expect(pageErrors).toEqual([]);
  });
});
