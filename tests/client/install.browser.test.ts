/**
 * The installable app: the web app manifest and its icons (a phone can add the game to its home
 * screen), the service worker registered and precaching the client's files (a second visit opens
 * even with no network), and the battles still on the live server (nothing of /api or the
 * matchmaker cached; offline, they fail instead of answering from a cache).
 */
import { describe, expect, it } from "vitest";
import { settled, useEnv } from "./browser.js";

const env = useEnv();

/** A PNG's width and height, from its header. */
function pngSize(b: Buffer): [number, number] {
  expect(b.subarray(1, 4).toString()).toBe("PNG");
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe("installable", () => {
  it("the manifest names the game, opens standalone, and its icons are the sizes it says", async () => {
    const res = await fetch(`${env.url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    const m = (await res.json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
    expect(m.name).toBe("Last Stand");
    expect(m.display).toBe("standalone");
    expect(m.start_url).toBe("/");
    const sizes = new Set<string>();
    for (const icon of m.icons) {
      const r = await fetch(`${env.url}/${icon.src}`);
      expect(r.status, icon.src).toBe(200);
      expect(r.headers.get("content-type")).toContain("image/png");
      const [w, h] = pngSize(Buffer.from(await r.arrayBuffer()));
      expect(`${w}x${h}`).toBe(icon.sizes);
      sizes.add(icon.sizes);
    }
    // what Chrome asks of an installable app's icons
    expect(sizes).toContain("192x192");
    expect(sizes).toContain("512x512");
    expect(m.icons.some((i) => i.purpose === "maskable")).toBe(true);
  });

  it("the service worker precaches the client: a second visit opens offline; battles never come from its cache", async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.url}/`);
    expect(await page.getAttribute("link[rel=manifest]", "href")).toBe("/manifest.webmanifest");
    const reg = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.ready;
      return { scope: r.scope, script: r.active?.scriptURL ?? "" };
    });
    expect(reg.scope).toBe(`${env.url}/`);
    expect(reg.script).toBe(`${env.url}/sw.js`);
    // the page is controlled (clientsClaim), and the precache holds the page, its script and style
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20_000 });
    const cached = await page.evaluate(async () => {
      const out: string[] = [];
      for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
      return out;
    });
    expect(cached.some((u) => u.startsWith("/index.html"))).toBe(true);
    expect(cached.some((u) => /^\/assets\/index-.*\.js/.test(u))).toBe(true);
    expect(cached.some((u) => /^\/assets\/index-.*\.css/.test(u))).toBe(true);

    // a battle in the page fetches its map from the server; none of it lands in a cache
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2`);
    await settled(page);
    const after = await page.evaluate(async () => {
      const out: string[] = [];
      for (const k of await caches.keys()) for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname);
      return out;
    });
    expect(after.filter((u) => /^\/(api|matchmake)/.test(u))).toEqual([]);

    // no network: the start page still opens (from the service worker's cache) ...
    await ctx.setOffline(true);
    await page.goto(`${env.url}/`);
    await page.waitForSelector("#start", { timeout: 20_000 });
    // ... and the server's API does not answer from any cache
    const api = await page.evaluate(() => fetch("/api/maps").then((r) => `status ${r.status}`, (e) => `failed: ${e.name}`));
    expect(api).toMatch(/^failed/);
    await ctx.setOffline(false);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 90_000);
});
