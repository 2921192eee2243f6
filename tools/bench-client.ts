/**
 * Client benchmark: builds the client, serves it from the game server, and measures in headless
 * Chromium (software WebGL) on `last-stand`:
 *   firstFrameMs  page load (navigation start) to the battle drawn and painted
 *   fps           frames rendered per second while the enemy phase is animated (canvas 1280x720)
 *   bundleKbGz    gzipped size of everything the build emits (JS, CSS, HTML): every chunk summed,
 *                 those a page fetches only when it needs them (start page, replay, report, network) too
 *   firstFrameKbGz  gzipped size of the build's files an offline battle's page fetched by its first frame
 *   fpsCrowded    frames per second while a crowded round is animated: round 10+ of last-stand
 *                 (hard, the first seed that gets there, found with the engine and stored by tools/crowded.ts) with 14+ creatures in sight,
 *                 acid, corpses and intents on the board, its enemy phase played at normal speed
 *   fpsCrowdedPhone      fpsCrowded at 390x844 with touch emulation (a phone held upright)
 *   firstFrameMsSlowCpu  firstFrameMs at 390x844 with Chromium's CPU throttled 4x (a slow phone)
 *
 *   npm run bench:client -- --json      (one JSON line on stdout)
 *   options: --rounds N (enemy phases to animate, default 3), --seed N (default 2)
 */
import "../server/prelude.js";
import { crowdedRound } from "./crowded.js";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { loadavg, tmpdir, cpus } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { buildClient, CHROMIUM, CHROMIUM_ARGS } from "./browser-build.js";
import { createGameServer } from "../server/main.js";

const argv = process.argv.slice(2);
const json = argv.includes("--json");
const opt = (name: string, dflt: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const rounds = opt("rounds", 3);
const seed = opt("seed", 2);
const log = (...a: unknown[]) => {
  if (!json) console.log(...a);
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const dir = mkdtempSync(join(tmpdir(), "last-stand-bench-"));
const outDir = join(dir, "client");
log("building the client…");
await buildClient(outDir);
const files = walk(outDir).filter((f) => /\.(js|css|html)$/.test(f));
const gzOf = new Map(files.map((f) => [f.slice(outDir.length).replace(/\\/g, "/"), gzipSync(readFileSync(f), { level: 9 }).length]));
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const bundleKbGz = kb([...gzOf.values()].reduce((a, b) => a + b, 0));

const game = await createGameServer({ port: 0, host: "127.0.0.1", staticDir: outDir, dbPath: join(dir, "bench.sqlite"), restore: false, handleSignals: false, settings: { log: false, allowSeed: true, lookupBurst: 100_000 } });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  // The board's canvas fills what the header and the side panel leave: about 1280x720 here.
  const page = await browser.newPage({ viewport: { width: 1600, height: 754 } });
  await page.goto(`http://127.0.0.1:${game.port}/?offline=1&map=last-stand&seed=${seed}`);
  await page.waitForFunction(() => (window as any).__lastStand?.firstFrameAt, null, { timeout: 60_000, polling: 20 });
  const firstFrameMs = Math.round(await page.evaluate(() => (window as any).__lastStand.firstFrameAt));
  const renderer = await page.evaluate(() => (window as any).__lastStandDebug.renderer());
  log(`first frame ${firstFrameMs} ms (${renderer})`);

  let frames = 0;
  let ms = 0;
  for (let r = 0; r < rounds; r++) {
    const s = await page.evaluate(() => (window as any).__lastStand);
    if (s.phase !== "player" || s.outcome) break;
    // End the phase (the bot plays Wang) and time the animation from its start to its end.
    await page.keyboard.press("e");
    await page.waitForFunction(() => (window as any).__lastStand.animating, null, { timeout: 30_000, polling: 10 });
    const start = await page.evaluate(() => ({ f: (window as any).__lastStandDebug.frames(), t: performance.now() }));
    await page.waitForFunction(() => !(window as any).__lastStand.animating, null, { timeout: 120_000, polling: 50 });
    const end = await page.evaluate(() => ({ f: (window as any).__lastStandDebug.frames(), t: performance.now() }));
    frames += end.f - start.f;
    ms += end.t - start.t;
    log(`round ${r + 1}: ${end.f - start.f} frames in ${Math.round(end.t - start.t)} ms`);
  }
  const fps = ms > 0 ? Math.round((frames / ms) * 10000) / 10 : 0;

  // A crowded round: autoplay to round 10 at high speed, then time one enemy phase at speed 1.
  const crowd = await browser.newPage({ viewport: { width: 1600, height: 754 } });
  const crowded = crowdedRound(14, 10);
  await crowd.goto(`http://127.0.0.1:${game.port}/?offline=1&map=last-stand&seed=${crowded.seed}&difficulty=hard&autoplay=${crowded.rounds}&speed=200`);
  await crowd.waitForFunction(() => (window as any).__lastStand?.autoplayDone && !(window as any).__lastStand.animating, null, { timeout: 180_000, polling: 50 });
  const scene = await crowd.evaluate(() => {
    const w = (window as any).__lastStandDebug.wire();
    const units = Object.values(w.units) as { side: string; fate: string }[];
    return { round: w.round, creatures: units.filter((u) => u.side === "creature" && u.fate === "active").length, intents: w.intents.length, acid: w.acid.filter((a: number) => a > 0).length, corpses: w.corpse.filter((c: number) => c > 0).length };
  });
  await crowd.evaluate(() => (window as any).__lastStandDebug.setSpeed(1));
  // the pointer over a creature: its intent focused, the others dimmed, tags laid out
  await crowd.mouse.move(830, 440);
  await crowd.keyboard.press("e");
  await crowd.waitForFunction(() => (window as any).__lastStand.animating, null, { timeout: 30_000, polling: 10 });
  const c0 = await crowd.evaluate(() => ({ f: (window as any).__lastStandDebug.frames(), t: performance.now() }));
  await crowd.waitForFunction(() => !(window as any).__lastStand.animating, null, { timeout: 180_000, polling: 50 });
  const c1 = await crowd.evaluate(() => ({ f: (window as any).__lastStandDebug.frames(), t: performance.now() }));
  const fpsCrowded = c1.t > c0.t ? Math.round(((c1.f - c0.f) / (c1.t - c0.t)) * 10000) / 10 : 0;
  log(`crowded round ${scene.round}: ${scene.creatures} creatures, ${scene.intents} intents, ${scene.acid} acid tiles, ${scene.corpses} corpse tiles; ${c1.f - c0.f} frames in ${Math.round(c1.t - c0.t)} ms`);

  // The phone: the same crowded round upright at 390x844 with touch emulation, a finger resting
  // on the board; then the first frame with the CPU throttled 4x (a slow phone's CPU).
  const phoneCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 });
  const phone = await phoneCtx.newPage();
  await phone.goto(`http://127.0.0.1:${game.port}/?offline=1&map=last-stand&seed=${crowded.seed}&difficulty=hard&autoplay=${crowded.rounds}&speed=200`);
  await phone.waitForFunction(() => (window as any).__lastStand?.autoplayDone && !(window as any).__lastStand.animating, null, { timeout: 180_000, polling: 50 });
  await phone.evaluate(() => (window as any).__lastStandDebug.setSpeed(1));
  await phone.keyboard.press("e");
  await phone.waitForFunction(() => (window as any).__lastStand.animating, null, { timeout: 30_000, polling: 10 });
  const p0 = await phone.evaluate(() => ({ f: (window as any).__lastStandDebug.frames(), t: performance.now() }));
  await phone.waitForFunction(() => !(window as any).__lastStand.animating, null, { timeout: 180_000, polling: 50 });
  const p1 = await phone.evaluate(() => ({ f: (window as any).__lastStandDebug.frames(), t: performance.now() }));
  const fpsCrowdedPhone = p1.t > p0.t ? Math.round(((p1.f - p0.f) / (p1.t - p0.t)) * 10000) / 10 : 0;
  log(`phone crowded: ${p1.f - p0.f} frames in ${Math.round(p1.t - p0.t)} ms`);
  const slow = await phoneCtx.newPage();
  const cdp = await phoneCtx.newCDPSession(slow);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await slow.goto(`http://127.0.0.1:${game.port}/?offline=1&map=last-stand&seed=${seed}`);
  await slow.waitForFunction(() => (window as any).__lastStand?.firstFrameAt, null, { timeout: 120_000, polling: 50 });
  const firstFrameMsSlowCpu = Math.round(await slow.evaluate(() => (window as any).__lastStand.firstFrameAt));
  // the build's files this page fetched by then (the page itself, its entry and the chunks the battle needs)
  const fetched = await slow.evaluate(() => ["/index.html", ...performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)]);
  const firstFrameKbGz = kb([...new Set(fetched)].reduce((n, p) => n + (gzOf.get(p) ?? 0), 0));
  log(`phone first frame, CPU 4x slower: ${firstFrameMsSlowCpu} ms`);
  await phoneCtx.close();

  const result = { firstFrameMs, fps, fpsCrowded, fpsCrowdedPhone, firstFrameMsSlowCpu, crowded: { ...scene, animatedMs: Math.round(c1.t - c0.t) }, bundleKbGz, firstFrameKbGz, canvas: renderer, animatedMs: Math.round(ms), frames, cpus: cpus().length, loadAvg1m: Math.round(loadavg()[0] * 10) / 10 };
  console.log(json ? JSON.stringify(result) : result);
} finally {
  await browser.close();
  await game.close();
  rmSync(dir, { recursive: true, force: true });
}
