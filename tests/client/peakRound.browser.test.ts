/**
 * The peak round (the busiest round of a stored crowded last-stand battle) shows all that happens,
 * on a desktop and on a phone: its tags clear of the header and of each other (1280×720), a
 * banner never over a tag or a word floating over a unit (the enemy phase and the next round's
 * banner, watched frame by frame), the side panel's texts at WCAG AA contrast (4.5:1), and a tag
 * with two threats on one tile whole on a phone's screen. Screenshots: tests/artifacts/peak-*.png.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { crowdedRound } from "../../tools/crowded.js";
import { loadMapById } from "../../server/maps.js";
import { artifact, frames, labels, loadOffline, newPage, overlapping, screenshotStats, settled, useEnv, waitLS, wireOf, PHONE } from "./browser.js";

const env = useEnv();

async function peakPage(w: number, h: number, which: [number, number] = [8, 10], speed = 60): Promise<{ page: Page; errors: string[]; round: number }> {
  const phone = w < 800;
  const { page } = await newPage(env, w, h, phone ? PHONE : {});
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const crowd = crowdedRound(...which);
  await page.goto(`${env.url}/?offline=1&map=last-stand&seed=${crowd.seed}&difficulty=hard&speed=${speed}`);
  await settled(page);
  await loadOffline(page, crowd.state);
  await settled(page);
  if (!phone) await page.mouse.move(2, 2);
  await frames(page);
  return { page, errors, round: crowd.state.round };
}

const rectOf = (page: Page, sel: string) =>
  page.evaluate((s) => {
    const r = document.querySelector(s)!.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  }, sel);

/**
 * Watches every painted frame (checked after the frame's callbacks ran) until stopped: the banner
 * while it shows, against the tags shown and the words floating over the board.
 */
const WATCH = `(() => {
  const d = window.__lastStandDebug, board = d.screen.board, canvas = board.app.canvas;
  const out = { frames: 0, shown: 0, hits: [] };
  window.__bannerWatch = out;
  const ov = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
  const check = () => {
    if (out.stop) return;
    out.frames++;
    const ban = document.getElementById("banner");
    const op = Number(getComputedStyle(ban).opacity);
    if (op > 0.05) {
      out.shown++;
      const r = ban.getBoundingClientRect();
      const b = { x: r.left, y: r.top, w: r.width, h: r.height };
      const cr = canvas.getBoundingClientRect();
      const sx = cr.width / board.app.renderer.width;
      const things = [];
      if (board.labelLayer.visible) for (const t of d.labels()) things.push({ what: "tag " + t.text, ...t });
      for (const c of board.fxLayer.children) if (typeof c.text === "string" && c.visible && c.alpha > 0.3) {
        const g = c.getBounds();
        things.push({ what: "float " + c.text, x: cr.left + g.x * sx, y: cr.top + g.y * sx, w: g.width * sx, h: g.height * sx });
      }
      for (const t of things) if (ov(b, t)) out.hits.push(ban.textContent + " over " + t.what);
    }
    requestAnimationFrame(() => setTimeout(check, 0));
  };
  requestAnimationFrame(() => setTimeout(check, 0));
})()`;

/** WCAG contrast of every text shown under `root` against its own background (opacity and translucent layers blended in). */
const CONTRAST = `((root) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m[3] ?? 1 }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const blend = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a) });
  const bgOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
    let out = parse(getComputedStyle(document.body).backgroundColor);
    for (const l of layers.reverse()) out = blend(l, out);
    return out;
  };
  const out = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const r = el.getBoundingClientRect();
    if (!r.width || !el.checkVisibility({ visibilityProperty: true })) continue;
    // a control that is off (disabled, aria-disabled) is exempt (WCAG 1.4.3: inactive components)
    if (el.closest("[aria-disabled=true],:disabled")) continue;
    const bg = bgOf(el);
    let op = 1;
    for (let e = el; e; e = e.parentElement) op *= Number(getComputedStyle(e).opacity);
    const c = parse(getComputedStyle(el).color);
    const fg = blend({ ...c, a: c.a * op }, bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push({ ratio: (hi + 0.05) / (lo + 0.05), text: n.textContent.trim().slice(0, 40), where: el.closest("section")?.id ?? el.tagName, fg: getComputedStyle(el).color });
  }
  return out;
})`;

describe("the peak round shows all that happens", () => {
  it("1280×720: the tags at the board's top rows sit clear below the header, none over another", async () => {
    const { page, errors } = await peakPage(1280, 720);
    const top = await rectOf(page, "#top");
    const tags = await labels(page);
    expect(tags.length).toBeGreaterThan(10);
    expect(overlapping(tags)).toEqual([]);
    // a clear gap under the header: no tag flush against it (hidden under its edge)
    const tight = tags.filter((t) => t.y < top.y + top.h + 6).map((t) => `${t.text} @${Math.round(t.y - top.y - top.h)}px`);
    expect(tight, "tags within 6 px of the header").toEqual([]);
    await screenshotStats(page, artifact("peak-tags-1280x720.png"));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  for (const [w, h] of [[1280, 720], [390, 844]] as const) {
    it(`${w}×${h}: through the enemy phase and the next round's banner, no banner is over a tag or a floating word`, async () => {
      const { page, errors, round } = await peakPage(w, h, [8, 10], 1);
      await page.evaluate(WATCH);
      await page.keyboard.press("e");
      await waitLS(page, "s.animating === true && s.phase === 'enemy'", 60_000);
      await settled(page, `s.round === ${round + 1}`);
      // the new round's banner runs its time out
      await page.waitForFunction(() => Number(getComputedStyle(document.getElementById("banner")!).opacity) === 0, null, { timeout: 10_000, polling: 50 });
      const watched = await page.evaluate(() => {
        const o = (window as any).__bannerWatch;
        o.stop = true;
        return o;
      });
      expect(watched.shown, "frames with a banner up").toBeGreaterThan(20);
      expect([...new Set(watched.hits)]).toEqual([]);
      await screenshotStats(page, artifact(`peak-next-round-${w}x${h}.png`));
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  }

  it("the side panel's texts (the partner's plan among them) meet WCAG AA contrast, 4.5:1, at 1280×720 and in a phone's sheet", async () => {
    for (const [w, h] of [[1280, 720], [390, 844]] as const) {
      const { page, errors } = await peakPage(w, h);
      const texts: { ratio: number; text: string; where: string; fg: string }[] = await page.evaluate(`${CONTRAST}("#side")`);
      expect(texts.filter((t) => t.where === "partner-plan").length, "the partner's plan is shown").toBeGreaterThan(4);
      const poor = texts.filter((t) => t.ratio < 4.5).map((t) => `${t.ratio.toFixed(2)} "${t.text}" in ${t.where} (${t.fg})`);
      expect(poor, `${w}×${h}`).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it("390×844 zoomed in: the tag of two threats on one tile is whole on the screen and names both", async () => {
    const { page, errors } = await peakPage(390, 844, [10, 8]);
    const wire = await wireOf(page);
    // the tile two creatures attack (the engine's intents), brought into the middle and zoomed in on
    const byTile = new Map<number, string[]>();
    for (const it of wire.intents) if (it.target >= 0) byTile.set(it.target, [...(byTile.get(it.target) ?? []), it.unit]);
    const pair = [...byTile.entries()].find(([, us]) => us.length === 2);
    expect(pair, "a tile two creatures attack").toBeTruthy();
    const width = loadMapById("last-stand").width;
    const [tile, units] = pair!;
    await page.evaluate(([x, y]) => (window as any).__lastStandDebug.screen.board.showTile(x, y), [tile % width, Math.floor(tile / width)]);
    for (let i = 0; i < 2; i++) await page.keyboard.press("+");
    await page.evaluate(([x, y]) => (window as any).__lastStandDebug.screen.board.showTile(x, y), [tile % width, Math.floor(tile / width)]);
    await frames(page);
    await frames(page);
    const canvas = await page.evaluate(() => {
      const r = document.getElementById("board-canvas")!.getBoundingClientRect();
      return { x: Math.max(0, r.left), y: Math.max(0, r.top), w: Math.min(innerWidth, r.right) - Math.max(0, r.left), h: Math.min(innerHeight, r.bottom) - Math.max(0, r.top) };
    });
    const tags = await labels(page);
    const tag = tags.find((t) => units.some((u) => t.id === `atk:${u}`));
    expect(tag, `the tag of ${units.join(" and ")} (${tags.map((t) => t.text).join(" | ")})`).toBeTruthy();
    // both threats in it, a line each or on one line, and no "+n" standing in for one
    expect(tag!.text.split(/\n| · /).length).toBe(2);
    expect(tag!.text).not.toMatch(/\+\d+$/);
    expect(tag!.x).toBeGreaterThanOrEqual(canvas.x - 0.5);
    expect(tag!.x + tag!.w).toBeLessThanOrEqual(canvas.x + canvas.w + 0.5);
    expect(tag!.y).toBeGreaterThanOrEqual(canvas.y - 0.5);
    expect(tag!.y + tag!.h).toBeLessThanOrEqual(canvas.y + canvas.h + 0.5);
    expect(overlapping(tags)).toEqual([]);
    await screenshotStats(page, artifact("peak-two-threats-390x844.png"));
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
