/**
 * Browser test helpers: the real game server started in this process on a free port, serving the
 * client the project built once, and driven through the worker's Chromium (playwright-core).
 * Every browser file sets up with `const env = useEnv();` (build-once.ts does the shared part).
 * Waits are on `window.__lastStand` flags, never on sleeps.
 */
import "../../server/prelude.js";
import { mkdirSync, mkdtempSync, rmSync, existsSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { createGameServer, type GameServer } from "../../server/main.js";
import { buildClient, CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM, ROOT } from "../../tools/browser-build.js";
import { TEST_CHROMIUM_ARGS } from "./build-once.js";

export { buildClient, CHROMIUM, CHROMIUM_ARGS, ROOT };
export const ARTIFACTS = join(ROOT, "tests", "artifacts");

export interface TestEnv {
  game: GameServer;
  url: string;
  /** This file's connection to its worker's Chromium: its contexts are this file's own. */
  browser: Browser;
  dir: string;
  /** The built client the server serves. */
  clientDir: string;
  /** This file's browser contexts, handed out again once their pages are closed (newPage). */
  contexts: PooledContext[];
  stop(): Promise<void>;
}

interface PooledContext {
  key: string;
  ctx: BrowserContext;
  /** Pages being opened in it now (not yet in `ctx.pages()`). */
  opening: number;
}

export interface EnvOptions {
  /** The server's grace for a dropped seat, in seconds (its default otherwise). */
  reconnectSeconds?: number;
  /** The bot partner's delay between its commands, in ms (its default otherwise). */
  botDelayMs?: number;
}

/**
 * The set-up of a browser test file, in one line at its top: `const env = useEnv();`. Before the
 * file's first test the object is filled in (a game server of its own, a connection to its
 * worker's Chromium); after its last, both are stopped and the contexts the file opened are closed.
 */
export function useEnv(opts: EnvOptions = {}): TestEnv {
  const env = {} as TestEnv;
  beforeAll(async () => {
    Object.assign(env, await startEnv(opts));
  }, 120_000);
  afterAll(async () => {
    await env.stop?.();
  });
  return env;
}

/** Starts a game server and opens a browser: its worker's, or one of its own outside the project. */
export async function startEnv(opts: EnvOptions = {}): Promise<TestEnv> {
  const dir = mkdtempSync(join(tmpdir(), "last-stand-browser-"));
  // built once for all the browser tests (build-once.ts); a file run outside the project builds its own
  let outDir = inject("clientDir");
  if (!outDir) {
    outDir = join(dir, "client");
    await buildClient(outDir);
  }
  const game = await createGameServer({
    port: 0,
    host: "127.0.0.1",
    staticDir: outDir,
    dbPath: join(dir, "matches.sqlite"),
    restore: false,
    handleSignals: false,
    // The bot partner plays at once (no pacing delay) unless a test watches its pace, and the tests may create many battles.
    settings: { log: false, botDelayMs: opts.botDelayMs ?? 0, createBurst: 1000, allowSeed: true, lookupBurst: 100_000, ...(opts.reconnectSeconds ? { reconnectSeconds: opts.reconnectSeconds } : {}) },
  });
  const browser = await openBrowser().catch(async (e) => {
    await game.close().catch(() => {});
    throw e;
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    game,
    url: `http://127.0.0.1:${game.port}`,
    browser,
    dir,
    clientDir: outDir,
    contexts: [],
    async stop() {
      // on a connected browser: closes this file's contexts and disconnects, the browser lives on
      await browser.close().catch(() => {});
      await game.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function openBrowser(): Promise<Browser> {
  // this worker's Chromium (build-once.ts launched one per worker)
  const ws = inject("browserWs");
  if (ws?.length) return chromium.connect(ws[(Number(process.env.VITEST_POOL_ID ?? 1) - 1) % ws.length]);
  if (!existsSync(CHROMIUM)) throw new Error(NO_CHROMIUM);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: TEST_CHROMIUM_ARGS });
}

const NOISE = [/favicon/i, /GPU stall/i, /DBus/i, /unexpected operator/i, /Colyseus reconnection/i, /WebSocket connection to .* failed/i, /ERR_INTERNET_DISCONNECTED/i];

/** What a page's browser context emulates beyond its viewport: a phone is `PHONE`. */
export type PageOptions = Pick<BrowserContextOptions, "hasTouch" | "isMobile" | "deviceScaleFactor" | "reducedMotion">;

/** A phone as the tests emulate one: touch, a mobile viewport, three device pixels a CSS pixel. */
export const PHONE: PageOptions = { hasTouch: true, isMobile: true, deviceScaleFactor: 3 };

/** What a browser context of the site keeps between pages, cleared before a context serves a new page. */
const SITE_DATA = "cookies,local_storage,indexeddb,cache_storage,service_workers,file_systems,shared_storage,storage_buckets";

/**
 * A new page of `width`×`height` in a browser context of its own: none of the site's data another
 * page left (cookies, storage, IndexedDB) and no other page open in it, so two pages open at once
 * are two browsers as far as the site can tell (two players, each his own seat's key).
 *
 * The context is one of this file's, handed out again once every page of it is closed (close the
 * page, not its context): its HTTP and compiled-code caches stay warm, so a page loads without
 * fetching and compiling the client anew, and no context is created for it (together about half
 * of a page load's CPU). The site's data is cleared before it serves the next page, as a new
 * context would have none. Service workers are blocked: a page they controlled would be served
 * from their cache; the worker itself is install.browser.test.ts's, in a context of its own.
 */
export async function newPage(env: TestEnv, width = 1400, height = 800, opts: PageOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const key = JSON.stringify(Object.entries(opts).sort());
  const free = env.contexts.find((c) => c.key === key && c.opening === 0 && c.ctx.pages().length === 0);
  if (free) free.opening++;
  const pooled = free ?? (await newPooledContext(env, key, { ...opts, viewport: { width, height } }));
  let page: Page;
  try {
    page = await pooled.ctx.newPage();
    if (free) {
      const cdp = await pooled.ctx.newCDPSession(page);
      await cdp.send("Storage.clearDataForOrigin", { origin: env.url, storageTypes: SITE_DATA });
      await cdp.detach();
      const v = page.viewportSize();
      if (v?.width !== width || v?.height !== height) await page.setViewportSize({ width, height });
    }
  } finally {
    pooled.opening--;
  }
  return { page, errors: watchErrors(page) };
}

async function newPooledContext(env: TestEnv, key: string, options: BrowserContextOptions): Promise<PooledContext> {
  const pooled: PooledContext = { key, ctx: await env.browser.newContext({ ...options, serviceWorkers: "block" }), opening: 1 };
  env.contexts.push(pooled);
  pooled.ctx.on("close", () => {
    const i = env.contexts.indexOf(pooled);
    if (i >= 0) env.contexts.splice(i, 1);
  });
  return pooled;
}

/** Another tab of `page`'s browser context (its site's data shared), of the same size. */
export async function newTab(page: Page): Promise<{ page: Page; errors: string[] }> {
  const tab = await page.context().newPage();
  const v = page.viewportSize();
  if (v) await tab.setViewportSize(v);
  return { page: tab, errors: watchErrors(tab) };
}

/** The page's errors and console errors as they come (the browser's known noise left out). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const t = m.text();
    if (NOISE.some((r) => r.test(t))) return;
    errors.push(`console: ${t}`);
  });
  return errors;
}

/**
 * The `?speed=` of a page whose test does not watch the pace: every tween shorter than a
 * millisecond at this speed ends at once (board.tween), so an enemy phase draws a handful of frames
 * instead of dozens (at ×40, three rounds of last-stand drew 58 frames; at ×1000, 7). Tests about
 * the pace itself (a banner seen mid-phase, Enter hurrying a phase, the bot's pace) set their own.
 */
export const FAST = 1000;

export type LS = Record<string, any>;

export function lastStand(page: Page): Promise<LS> {
  return page.evaluate(() => (window as any).__lastStand ?? {});
}

/** Waits until `predicate(window.__lastStand)` holds in the page. */
export async function waitLS(page: Page, predicate: string, timeout = 20_000): Promise<LS> {
  await page.waitForFunction(`(() => { const s = window.__lastStand; if (!s) return false; return (${predicate}); })()`, null, {
    timeout,
    polling: 50,
  });
  return lastStand(page);
}

export async function tilePoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([tx, ty]) => (window as any).__lastStandDebug.tileCenter(tx, ty), [x, y] as const);
}

export async function clickTile(page: Page, x: number, y: number, button: "left" | "right" = "left"): Promise<void> {
  const p = await tilePoint(page, x, y);
  await page.mouse.move(p.x, p.y);
  await page.mouse.click(p.x, p.y, { button });
}

export async function wireOf(page: Page): Promise<any> {
  return page.evaluate(() => (window as any).__lastStandDebug.wire());
}

export async function legalOf(page: Page): Promise<any[]> {
  return page.evaluate(() => (window as any).__lastStandDebug.legal());
}

/** Fewer distinct colours than this and a screenshot is a blank page or an undrawn canvas. */
export const DRAWN_COLOURS = 20;

/**
 * Saves a screenshot and checks it is "more than a blank canvas": many distinct colours. Counts
 * distinct colours of the page's canvas read back in the page (WebGL preserveDrawingBuffer is off,
 * so we sample the PNG screenshot instead). Every screenshot a test takes goes through here, so
 * none is taken without an assertion; callers ask more of the picture where they know more.
 */
export async function screenshotStats(page: Page, path: string): Promise<{ colours: number; bytes: number }> {
  // one pixel a CSS pixel: on a device scale factor of 3 the full picture is nine times the pixels
  // to encode and count, and shows nothing more (the board draws at resolution 1)
  const png = await page.screenshot({ path, scale: "css" });
  const colours = await page.evaluate(async (b64: string) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext("2d")!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const set = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 7) set.add((d[i] >> 3) * 1024 + (d[i + 1] >> 3) * 32 + (d[i + 2] >> 3));
    return set.size;
  }, png.toString("base64"));
  expect(colours, `${path}: a blank picture`).toBeGreaterThan(DRAWN_COLOURS);
  return { colours, bytes: png.length };
}

export function artifact(name: string): string {
  return join(ARTIFACTS, name);
}

export function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export { readdirSync };

/** A tag on the board as the page laid it out (its scene box). */
export type Box = { id: string; text: string; color: number; x: number; y: number; w: number; h: number };

/** Every tag the board shows now (`__lastStandDebug.labels()`). */
export const labels = (page: Page): Promise<Box[]> => page.evaluate(() => (window as any).__lastStandDebug.labels());

/** The pairs of tags whose boxes overlap (by more than half a pixel), by their texts. */
export function overlapping(bs: Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < bs.length; i++)
    for (let j = i + 1; j < bs.length; j++) {
      const a = bs[i];
      const b = bs[j];
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5) out.push(`${a.text} × ${b.text}`);
    }
  return out;
}

/** The offline harness has settled on a player phase (and `extra`, an expression of the debug state `s`). */
export const settled = (page: Page, extra = "true") => waitLS(page, `s.ready && !s.animating && s.phase === "player" && (${extra})`, 60_000);

/** Two animation frames: the panels and the board are redrawn on the next one. */
export const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/**
 * Loads a whole battle made in Node with the engine into the offline harness (its map stays the
 * page's): each field replaced, typed layers copied into the page's own. Then it settles.
 */
export async function loadOffline(page: Page, state: object): Promise<void> {
  const plain = JSON.parse(JSON.stringify({ ...state, map: undefined }, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)));
  await editOffline(
    page,
    `const put = (dst, src) => {
       for (const k of Object.keys(src)) {
         const v = src[k];
         if (ArrayBuffer.isView(dst[k])) dst[k].set(v);
         else if (v && typeof v === "object" && !Array.isArray(v) && dst[k] && typeof dst[k] === "object" && !Array.isArray(dst[k])) put(dst[k], v);
         else dst[k] = v;
       }
     };
     for (const k of Object.keys(st)) if (k !== "map" && !(k in a)) delete st[k];
     put(st, a);`,
    plain,
  );
}

/** Sets a position up in the offline harness (`editForTest`: `src` is a function body of `st` and `a`), then waits for it to settle. */
export async function editOffline(page: Page, src: string, arg: unknown = null): Promise<void> {
  await page.evaluate(([code, a]) => (window as any).__offline.editForTest((st: any) => new Function("st", "a", code)(st, a)), [src, arg] as const);
  await settled(page);
  await frames(page);
}

/** What a page freshly opened on the offline harness shows around the board (nothing open, nothing chosen). */
export const atRest = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).__lastStand;
    const shown = (sel: string) => {
      const el = document.querySelector<HTMLElement>(sel);
      return !!el && !el.hidden && el.getClientRects().length > 0 && (el.textContent ?? "").trim() !== "";
    };
    return {
      selected: s.selected, target: s.target ?? null, cursor: s.cursor ?? null, mode: s.mode, waypoints: s.waypoints, error: s.error ?? null,
      help: shown("#help"), report: shown("#report-host"), card: shown("#cursor-card"), ask: !!document.querySelector("#card-ask"), refusal: shown("#error-box"),
    };
  });

/**
 * One page of the offline harness at `query` (`?offline=1&…`), loaded once for the file's tests
 * that start from its opening position (a page load boots Pixi: most of such a test's time); call
 * it at the file's top level. Each call of the function it returns gives the page back as loaded:
 * Escape until nothing is open or chosen, the battle put back as it was at load (the page's own
 * copy, taken then), the error the page last told of forgotten, the log read from here on
 * (`logSince`); then checked to show what the page showed when it was loaded (what `settle` waited
 * for, nothing open over the board, the opening battle's wire). The page is closed after the file.
 */
export function sharedOpening(env: TestEnv, query: string, opts: { width?: number; height?: number; settle?: string; errors: string[][] }): () => Promise<Page> {
  let shared: { page: Page; rest: Awaited<ReturnType<typeof atRest>>; wire: unknown } | null = null;
  afterAll(async () => {
    await shared?.page.close();
  });
  const settle = opts.settle ?? "true";
  return async () => {
    if (!shared) {
      const { page, errors } = await newPage(env, opts.width ?? 1400, opts.height ?? 800);
      opts.errors.push(errors);
      await page.goto(`${env.url}/${query}`);
      await settled(page, settle);
      await page.evaluate(() => {
        const { map: _map, ...st } = (window as any).__offline.battle;
        (window as any).__opening = structuredClone(st);
      });
      shared = { page, rest: await atRest(page), wire: await wireOf(page) };
      return page;
    }
    const { page, rest, wire } = shared;
    await page.mouse.move(2, 2);
    for (let i = 0; i < 12; i++) {
      const now = await atRest(page);
      if (!now.help && !now.report && !now.ask && !now.target && now.mode === "move" && !now.waypoints && !now.selected && !now.cursor) break;
      await page.keyboard.press("Escape");
      await frames(page);
    }
    await page.evaluate(() => {
      const s = (window as any).__lastStand;
      (window as any).__lastStand = { ...s, error: undefined };
      (window as any).__logMark = (window as any).__lastStandDebug.log().length;
    });
    await editOffline(
      page,
      `const o = structuredClone(window.__opening);
       for (const k of Object.keys(st)) if (k !== "map" && !(k in o)) delete st[k];
       Object.assign(st, o);`,
    );
    await settled(page, settle);
    expect(await atRest(page), "the shared page back at rest").toEqual(rest);
    expect(await wireOf(page), "the shared page back on the opening battle").toEqual(wire);
    return page;
  };
}

/** The battle log's lines since the page was last handed out (by `sharedOpening`; all of it otherwise). */
export const logSince = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__lastStandDebug.log().slice((window as any).__logMark ?? 0));
