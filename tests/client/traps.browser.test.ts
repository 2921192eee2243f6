/**
 * The traps a newcomer met that a browser can see, each put right and held by a test (Debian Chromium,
 * the offline harness served by the real game server): keys that do what they say, refusals that
 * name their cause, feedback beside the cursor, nothing permanent over the board, the report and
 * replay reachable and readable. Positions are crafted with the engine (a creature placed by the
 * test, its intents announced by the engine). Screenshots go to tests/artifacts/.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { autoplay, createBattle, newRecord, wayOutTiles, DEFAULT_OPTIONS, RULES_VERSION, type BattleState, type MatchRecord } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { clearCreatures, placeCreature, replan } from "../engine/helpers.js";
import { KEYS } from "../../client/src/keys.js";
import { crowdedRound } from "../../tools/crowded.js";
import { labels, legalOf, loadOffline, overlapping, artifact, clickTile, newPage, screenshotStats, useEnv, tilePoint, waitLS, wireOf, settled, frames, editOffline, lastStand, sharedOpening, FAST } from "./browser.js";

const env = useEnv();
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

/** The offline harness of last-stand, seed 2, Takumi's seat; `speed` as the page's ?speed= (none: the player's own pace). */
async function open(opts: { w?: number; h?: number; speed?: number } = {}): Promise<Page> {
  const { page, errors } = await newPage(env, opts.w ?? 1280, opts.h ?? 720);
  pageErrors.push(errors);
  await page.goto(`${env.url}/?offline=1&map=last-stand&seat=takumi&seed=2${opts.speed ? `&speed=${opts.speed}` : ""}`);
  await settled(page, "s.selected === 'takumi'");
  return page;
}

/** The harness's opening position at FAST, one page for the tests below that start from it (sharedOpening). */
const opening = sharedOpening(env, `?offline=1&map=last-stand&seat=takumi&seed=2&speed=${FAST}`, { width: 1280, height: 720, settle: "s.selected === 'takumi'", errors: pageErrors });

/** The harness's battle with no creature but those `craft` places, their intents announced by the engine. */
async function crafted(page: Page, craft: (s: BattleState) => void): Promise<BattleState> {
  const s = createBattle(loadMapById("last-stand"), 2, { difficulty: "normal" });
  clearCreatures(s);
  craft(s);
  replan(s);
  await editOffline(page, `st.units = a.units; st.intents = a.intents; st.noise = []; st.nextUnitId = a.next;`, { units: s.units, intents: s.intents, next: s.nextUnitId });
  return s;
}

const debug = <T>(page: Page, fn: string): Promise<T> => page.evaluate((f) => (window as any).__lastStandDebug[f](), fn);

/** A Snatcher at (8,5): in range and sight of Sergeant Takumi at (8,9). */
const SNATCHER = (s: BattleState) => placeCreature(s, "snatcher", 8, 5).id;

describe("4. keys do what they say", () => {
  it("S chooses no target; the first click aims, the second fires; S again is move; arrows in move mode only point", async () => {
    const page = await opening();
    let c = "";
    await crafted(page, (s) => (c = SNATCHER(s)));
    const step = (await wireOf(page)).step;
    await page.keyboard.press("s");
    let st = await waitLS(page, "s.mode === 'shoot'");
    expect(st.target).toBeFalsy();
    // the first click on the creature aims: nothing is fired
    await clickTile(page, 8, 5);
    st = await waitLS(page, `s.target === "${c}"`);
    expect(st.mode).toBe("shoot");
    expect((await wireOf(page)).step).toBe(step);
    await screenshotStats(page, artifact("traps-aimed.png"));
    // S again: back to move, the target let go
    await page.keyboard.press("s");
    st = await waitLS(page, "s.mode === 'move'");
    expect(st.target).toBeFalsy();
    // the arrows walk the cursor onto the creature in move mode: it is pointed at, not chosen; Enter aims, Enter again fires
    const home = await tilePoint(page, 8, 9);
    await page.mouse.move(home.x, home.y);
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowUp");
    await frames(page);
    st = await lastStand(page);
    expect(st.target).toBeFalsy();
    await page.keyboard.press("Enter");
    st = await waitLS(page, `s.target === "${c}" && s.mode === "shoot"`);
    expect((await wireOf(page)).step).toBe(step);
    await page.keyboard.press("Enter");
    await settled(page, `s.step === ${step + 1}`);
    const w = await wireOf(page);
    expect(w.units.takumi.mag).toBeLessThan(3);
  }, 120_000);

  it("Enter during the enemy phase hurries that phase only; F is the one setting that stays", async () => {
    const page = await open();
    await crafted(page, (s) => void SNATCHER(s));
    expect(await debug<number>(page, "speed")).toBe(1);
    await page.keyboard.press("e");
    await waitLS(page, "s.animating === true", 60_000);
    await page.keyboard.press("Enter");
    expect(await debug<number>(page, "speed")).toBe(4);
    await settled(page, "s.round === 2");
    await page.waitForFunction(() => (window as any).__lastStandDebug.speed() === 1, null, { timeout: 10_000, polling: 50 });
    expect(await page.textContent("#btn-speed")).toBe("×1");
    // F: ×4 until F again
    await page.keyboard.press("f");
    expect(await debug<number>(page, "speed")).toBe(4);
    expect(await page.textContent("#btn-speed")).toBe("×4");
    await page.keyboard.press("f");
    expect(await debug<number>(page, "speed")).toBe(1);
    await page.close();
  }, 180_000);

  it("the help shows every key of the scheme", async () => {
    const page = await opening();
    await page.keyboard.press("?");
    await page.waitForSelector("#help:not([hidden])");
    const kbds = await page.$$eval("#help kbd", (ks) => ks.map((k) => k.textContent!.trim()));
    const text = await page.textContent("#help");
    const shown: Record<string, string> = { " ": "Space", Escape: "Esc", PageUp: "PgUp", PageDown: "PgDn", Enter: "Enter" };
    for (const key of Object.keys(KEYS)) {
      if (key.startsWith("Arrow")) expect(text).toContain("arrows");
      else expect(kbds, `the help shows ${JSON.stringify(key)}`).toContain(shown[key] ?? key.toUpperCase());
    }
    await screenshotStats(page, artifact("traps-help.png"));
  }, 120_000);
});

describe("2. refusals say the true reason", () => {
  it("an empty magazine, no AP left, a lost rifle, nothing to undo: each named, nothing sent", async () => {
    const page = await opening();
    await crafted(page, (s) => void SNATCHER(s));
    const step = (await wireOf(page)).step;
    const refusal = async (key: string, code: string): Promise<string> => {
      const e0 = ((await lastStand(page)).errors as number) ?? 0;
      await page.keyboard.press(key);
      const st = await waitLS(page, `(s.errors ?? 0) > ${e0}`);
      expect(st.error.code).toBe(code);
      expect(await page.textContent("#error-box")).toContain(st.error.message);
      return st.error.message;
    };
    // the magazine is empty: S says so (not "no target")
    await editOffline(page, `st.units.find((u) => u.id === "takumi").mag = 0;`);
    expect(await refusal("s", "ERR_EMPTY_MAGAZINE")).toMatch(/^Sergeant Takumi's magazine is empty: reload first/);
    expect(await page.textContent("#no-target")).toMatch(/magazine is empty/);
    await page.keyboard.press("m");
    // no AP left: S, R and O each say so
    await editOffline(page, `const u = st.units.find((u) => u.id === "takumi"); u.mag = 3; u.ap = 0;`);
    expect(await refusal("s", "ERR_NO_AP")).toBe("Sergeant Takumi has no action points left this round.");
    await page.keyboard.press("m");
    expect(await refusal("o", "ERR_NO_AP")).toMatch(/no action points left/);
    // the rifle lost: S says so
    await editOffline(page, `const u = st.units.find((u) => u.id === "takumi"); u.ap = 2; u.hasWeapon = false;`);
    expect(await refusal("s", "ERR_NO_WEAPON")).toMatch(/lost his rifle/);
    await page.keyboard.press("m");
    // nothing to undo: why not
    expect(await refusal("u", "ERR_NOTHING_TO_UNDO")).toMatch(/^There is no move to undo: only moves can be taken back/);
    expect((await wireOf(page)).step).toBe(step);
    await screenshotStats(page, artifact("traps-refusal.png"));
  }, 120_000);
});

/** The page box of a selector. */
const box = async (page: Page, sel: string) => (await page.locator(sel).boundingBox())!;

/** Is the box on screen at 1280×720, on the board, and within `tiles` tiles of the tile's centre? */
async function besideTile(page: Page, sel: string, x: number, y: number, tiles = 5): Promise<void> {
  const b = await box(page, sel);
  const board = await box(page, "#board-host");
  expect(b.x).toBeGreaterThanOrEqual(board.x - 1);
  expect(b.y).toBeGreaterThanOrEqual(board.y - 1);
  expect(b.x + b.width).toBeLessThanOrEqual(Math.min(1280, board.x + board.width) + 1);
  expect(b.y + b.height).toBeLessThanOrEqual(Math.min(720, board.y + board.height) + 1);
  const c = await tilePoint(page, x, y);
  const t = await tilePoint(page, x + 1, y);
  const size = t.x - c.x;
  const dx = Math.max(b.x - c.x, 0, c.x - (b.x + b.width));
  const dy = Math.max(b.y - c.y, 0, c.y - (b.y + b.height));
  expect(Math.hypot(dx, dy), `${sel} within ${tiles} tiles of ${x},${y}`).toBeLessThan(tiles * size);
}

async function hover(page: Page, x: number, y: number): Promise<void> {
  const p = await tilePoint(page, x, y);
  await page.mouse.move(p.x, p.y);
  await frames(page);
}

describe("3. feedback where the eye is (1280×720)", () => {
  it("the hit chance with its parts, the route's hazards and a refusal: beside the cursor, on the board, above the fold", async () => {
    const page = await opening();
    let c = "";
    await crafted(page, (s) => (c = SNATCHER(s)));
    await page.keyboard.press("s");
    await clickTile(page, 8, 5);
    await waitLS(page, `s.target === "${c}"`);
    await page.waitForSelector("#card-parts");
    await besideTile(page, "#card-parts", 8, 5);
    // the same chance as the engine's, in the same words as the side panel's breakdown
    expect(await page.textContent("#card-chance")).toBe(await page.textContent("#hit-chance"));
    expect(await page.textContent("#cursor-card")).toMatch(/On a hit:/);
    await screenshotStats(page, artifact("traps-card-aim.png"));

    // a route over acid: its cost beside the cursor
    await page.keyboard.press("m");
    await editOffline(page, `st.layers.acid[8 * st.map.width + 8] = 2;`);
    await hover(page, 8, 8);
    await page.waitForSelector("#cursor-card:not([hidden])");
    expect(await page.textContent("#cursor-card")).toMatch(/acid/i);
    await besideTile(page, "#cursor-card", 8, 8);
    await screenshotStats(page, artifact("traps-card-route.png"));

    // a refusal where the cursor is
    await editOffline(page, `st.units.find((u) => u.id === "takumi").mag = 0;`);
    await hover(page, 10, 7);
    await page.keyboard.press("s");
    await waitLS(page, "s.error && s.error.code === 'ERR_EMPTY_MAGAZINE'");
    await frames(page);
    await besideTile(page, "#error-box", 10, 7);
    await screenshotStats(page, artifact("traps-card-refusal.png"));
  }, 120_000);
});

describe("choices that hurt ask first", () => {
  it("a move onto acid asks, naming the cost; Esc lets it go; the same click again moves", async () => {
    const page = await opening();
    await crafted(page, () => {});
    await editOffline(page, `st.layers.acid[8 * st.map.width + 8] = 2;`);
    const step = (await wireOf(page)).step;
    await clickTile(page, 8, 8);
    await page.waitForSelector("#card-ask");
    expect(await page.textContent("#card-ask")).toMatch(/Sergeant Takumi takes \d+ acid/);
    await besideTile(page, "#card-ask", 8, 8);
    expect((await wireOf(page)).step).toBe(step);
    await screenshotStats(page, artifact("traps-ask-move.png"));
    await page.keyboard.press("Escape");
    await page.waitForSelector("#card-ask", { state: "detached" });
    await clickTile(page, 8, 8);
    await page.waitForSelector("#card-ask");
    await clickTile(page, 8, 8);
    await settled(page, `s.step === ${step + 1}`);
    const w = await wireOf(page);
    expect([w.units.takumi.x, w.units.takumi.y]).toEqual([8, 8]);
    // a safe move is one click
    await clickTile(page, 9, 8);
    await settled(page, `s.step === ${step + 2}`);
  }, 120_000);
});

/** Do two page boxes overlap? */
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

describe("6. nothing permanent covers the board", () => {
  it("the bot's notice sits in the side panel, off the board; a banner stays over the board, not the side panel", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?speed=${FAST}`);
    await waitLS(page, "s.startReady");
    await page.check("input[name=partner][value=bot]");
    await page.click("#create-btn");
    await waitLS(page, `s.ready && s.holders && s.holders.wang === "bot"`);
    await page.waitForSelector("#partner-banner.show");
    expect(await page.textContent("#partner-banner")).toContain("The bot commands Wang's squad");
    const canvas = await box(page, "#board-host canvas:last-of-type");
    expect(overlaps(await box(page, "#partner-banner"), canvas)).toBe(false);
    expect(overlaps(await box(page, "#partner-banner"), await box(page, "#side"))).toBe(true);
    // the longest banner the battle raises stays inside the board's area
    await page.evaluate(() => (window as any).__lastStandDebug.screen.shell.banner("Private Takumi-2 was taken", 0));
    const banner = await box(page, "#banner");
    const board = await box(page, "#board-host");
    expect(banner.x).toBeGreaterThanOrEqual(board.x);
    expect(banner.x + banner.width).toBeLessThanOrEqual(board.x + board.width);
    expect(overlaps(banner, await box(page, "#side"))).toBe(false);
    await screenshotStats(page, artifact("traps-nothing-covers.png"));
    await page.close();
  }, 120_000);
});

describe("8. small traps", () => {
  it("a drag a comrade holds is shown halted, not 'gone in 1'; Revive reads as off with no one to revive; the legend tells of corpse vapour", async () => {
    const page = await opening();
    let c = "";
    // a Snatcher at (6,8) holds Private Takumi-1 (7,8); Sergeant Takumi (8,9), beside him, holds on
    await crafted(page, (s) => {
      const sn = placeCreature(s, "snatcher", 6, 8);
      c = sn.id;
      sn.grabbing = "takumi-private-1";
      const v = s.units.find((u) => u.id === "takumi-private-1")!;
      v.grabbedBy = sn.id;
      v.heldBy = "takumi";
    });
    const w = await wireOf(page);
    expect(w.intents.find((i: any) => i.unit === c)?.dragPath?.length).toBeGreaterThan(0);
    await page.mouse.move(2, 2);
    await frames(page);
    const panel = await page.textContent("#intent-panel");
    expect(panel).toContain("drag halted: Sergeant Takumi holds on");
    expect(panel).not.toMatch(/gone in/);
    const tags: { text: string }[] = await page.evaluate(() => (window as any).__lastStandDebug.labels());
    expect(tags.some((t) => t.text === "DRAG HALTED · HELD")).toBe(true);
    expect(tags.some((t) => t.text.includes("GONE IN"))).toBe(false);
    // with no hold, the countdown is back
    await editOffline(page, `st.units.find((u) => u.id === "takumi-private-1").heldBy = null;`);
    expect(await page.textContent("#intent-panel")).toMatch(/drag: gone in \d/);
    // no one is down: Revive is not offered, and reads as off
    const revive = page.locator("#actions button[data-act=revive]");
    expect(await revive.getAttribute("aria-disabled")).toBe("true");
    expect(await revive.evaluate((b) => Number(getComputedStyle(b).opacity))).toBeLessThan(0.5);
    // the legend names corpse vapour
    expect(await page.textContent("#legend-vapour")).toMatch(/vapour: 2\+ on or beside a soldier burn him 1/);
  }, 120_000);
});

describe("7. the report and the replay", () => {
  it("the report closed with Esc comes back from the header's Report", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    // a battle of two rounds, then lost (both sergeants dead at the next ready): the report opens
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&autoplay=2&speed=${FAST}`);
    await waitLS(page, "s.autoplayDone === true", 60_000);
    await settled(page);
    await editOffline(page, `for (const u of st.units) if (u.id === "takumi" || u.id === "wang") { u.hp = 0; u.fate = "dead"; }`);
    await page.keyboard.press("e");
    await waitLS(page, "s.report === true", 30_000);
    await page.keyboard.press("Escape");
    expect(await page.$eval("#report-host", (el) => (el as HTMLElement).hidden)).toBe(true);
    await page.waitForSelector("#btn-report:not([hidden])");
    await page.click("#btn-report");
    await page.waitForSelector("#report-host:not([hidden]) #report-chart");
    await screenshotStats(page, artifact("traps-report-again.png"));
    await page.close();
  }, 180_000);

  it("the replay: drawn controls (no missing glyphs), a speed control, no state hash shown", async () => {
    // a record of two rounds, the bot playing both seats
    const map = loadMapById("last-stand");
    const s = createBattle(map, 2, DEFAULT_OPTIONS);
    const record: MatchRecord = newRecord(map, 2, DEFAULT_OPTIONS, RULES_VERSION);
    let st = s;
    for (let r = 0; r < 2 && st.phase !== "ended"; r++) {
      const out = autoplay(st, ["takumi", "wang"], { untilPhaseEnds: true });
      for (const step of out.steps) record.log.push(step.command);
      st = out.state;
    }
    expect(record.log.length).toBeGreaterThan(3);
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/`);
    await waitLS(page, "s.startReady");
    await page.setInputFiles("#replay-file", { name: "record.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(record)) });
    await waitLS(page, "s.ready && s.replay");
    // every control is an SVG icon (or words), never a media glyph a font may lack
    const controls = await page.textContent("#replay-controls");
    expect(controls).not.toMatch(/[\u23EE\u23ED\u23F8\u25B6\u25C0]/);
    for (const id of ["rp-start", "rp-back", "rp-play", "rp-fwd", "rp-end"]) {
      const b = await box(page, `#${id} svg`);
      expect(b.width, id).toBeGreaterThan(8);
    }
    // no hash on the page: a player reads whether the replay matches, in words
    const text = (await page.textContent("#replay")) ?? "";
    expect(text).not.toMatch(/\b[0-9a-f]{8,}\b/);
    expect(await page.textContent("#hash-ok")).toContain("matches the battle as it was played");
    // the speed: the select and the + / - keys
    await page.selectOption("#rp-speed", "4");
    await waitLS(page, "s.replaySpeed === 4");
    await page.keyboard.press("-");
    await waitLS(page, "s.replaySpeed === 2");
    await screenshotStats(page, artifact("traps-replay.png"));
    await page.close();
  }, 120_000);
});

describe("1. ways out drawn as the engine has them", () => {
  it("on every map, the tiles drawn as ways out are the engine's wayOutTiles, on every level", async () => {
    const ids: string[] = ((await (await fetch(`${env.url}/api/maps`)).json()) as any[]).map((m) => (typeof m === "string" ? m : m.id));
    expect(ids).toContain("the-bus");
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    for (const id of ids) {
      const map = loadMapById(id as any);
      const s = createBattle(map, 2, DEFAULT_OPTIONS);
      const want = new Map<number, number[]>();
      for (const p of wayOutTiles(s)) {
        const i = p.level * map.width * map.height + p.y * map.width + p.x;
        want.set(p.level, [...(want.get(p.level) ?? []), i]);
      }
      await page.goto(`${env.url}/?offline=1&map=${id}&seat=takumi&seed=2&speed=${FAST}`);
      await settled(page);
      // from the ground up (a map may open on a soldier's upper floor)
      for (let i = 1; i < map.levels; i++) await page.keyboard.press("PageDown");
      for (let level = 0; level < map.levels; level++) {
        if (level > 0) await page.keyboard.press("PageUp");
        await page
          .waitForFunction((lv) => (window as any).__lastStandDebug.waysOut()[lv] !== undefined, level, { timeout: 10_000, polling: 50 })
          .catch(async () => {
            throw new Error(`${id} level ${level}: not drawn (${JSON.stringify(await page.evaluate(() => Object.keys((window as any).__lastStandDebug.waysOut())))})`);
          });
        const drawn: number[] = await page.evaluate((lv) => (window as any).__lastStandDebug.waysOut()[lv], level);
        expect([...drawn].sort((a, b) => a - b), `${id} level ${level}`).toEqual((want.get(level) ?? []).sort((a, b) => a - b));
      }
      if (id === "the-bus") await screenshotStats(page, artifact("traps-the-bus.png"));
    }
    await page.close();
  }, 240_000);
});

describe("1. the bus", () => {
  it("the wreck beside the rescue is drawn as a bus, its door facing the rescue point, shut until reached", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-bus&seat=takumi&seed=2&speed=${FAST}`);
    await settled(page);
    const map = loadMapById("the-bus");
    const r = map.objective.rescue!;
    const bus = await debug<any>(page, "bus");
    expect(bus).not.toBeNull();
    // the whole wreck: every tile of the box is a vehicle
    for (let y = bus.box.y; y < bus.box.y + bus.box.h; y++)
      for (let x = bus.box.x; x < bus.box.x + bus.box.w; x++) expect(map.terrain[y * map.width + x], `${x},${y}`).toBe(3);
    // its door on the tile nearest the rescue point, on the side that faces it
    expect(Math.max(Math.abs(bus.door.x - r.x), Math.abs(bus.door.y - r.y))).toBe(1);
    expect(bus.door.side).toBe(r.y > bus.box.y + bus.box.h - 1 ? "s" : r.y < bus.box.y ? "n" : r.x < bus.box.x ? "w" : "e");
    expect(bus.shut).toBe(true);
    await screenshotStats(page, artifact("traps-bus.png"));
    // reached: the door forced (the trapped themselves are units: trapped.browser.test.ts)
    await editOffline(page, `st.objective = "extract";`);
    await page.waitForFunction(() => (window as any).__lastStandDebug.bus()?.shut === false, null, { timeout: 10_000, polling: 50 });
    await page.close();
  }, 120_000);
});

describe("5. the peak round stays readable", () => {
  it("last-stand at round 10: each order number on its creature's tile, no REACH tags, no overlap, the list named as the board", async () => {
    const crowd = crowdedRound(8, 10);
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=${crowd.seed}&difficulty=hard&speed=${FAST}`);
    await settled(page);
    await loadOffline(page, crowd.state);
    await settled(page);
    await page.mouse.move(2, 2);
    await frames(page);
    const w = await wireOf(page);
    expect(w.round).toBeGreaterThanOrEqual(10);
    expect(w.intents.length).toBeGreaterThan(3);
    const tags = await labels(page);
    expect(overlapping(tags)).toEqual([]);
    expect(tags.some((t) => t.text.includes("REACH"))).toBe(false);
    const width = loadMapById("last-stand").width;
    for (const it of w.intents) {
      const u = w.units[it.unit];
      const at = u ? { x: u.x, y: u.y } : { x: it.lastSeen % width, y: Math.floor(it.lastSeen / width) };
      const badge = tags.find((t) => t.id === `order:${it.unit}`);
      expect(badge, `the order badge of ${it.unit}`).toBeTruthy();
      expect(badge!.text).toBe(String(it.order));
      const c = await tilePoint(page, at.x, at.y);
      const half = ((await tilePoint(page, at.x + 1, at.y)).x - c.x) / 2;
      expect(badge!.x, `${it.unit}'s badge within its tile`).toBeGreaterThanOrEqual(c.x - half - 0.5);
      expect(badge!.x + badge!.w).toBeLessThanOrEqual(c.x + half + 0.5);
      expect(badge!.y).toBeGreaterThanOrEqual(c.y - half - 0.5);
      expect(badge!.y + badge!.h).toBeLessThanOrEqual(c.y + half + 0.5);
      // the list names it as the board does: its order number, the board's own attack tag, no coordinates
      const li = (await page.textContent(`#intent-panel li[data-unit="${it.unit}"]`)) ?? "";
      expect(li.startsWith(`${it.order}.`), li).toBe(true);
      expect(li).not.toMatch(/\d+,\d+/);
      if (it.kind === "grab" && it.victim) expect(li).toContain("LUNGE → ");
    }
    await screenshotStats(page, artifact("traps-peak-round.png"));
    await page.close();
  }, 180_000);
});

describe("previews: the engine's preview of the action in full", () => {
  it("a rifle-butt kill beside two soldiers: the card names the splash on each before the blow", async () => {
    const page = await opening();
    let c = "";
    // a wounded Snatcher (1 hp) at (7,9), beside Sergeant Takumi (8,9) and Private Takumi-1 (7,8)
    await crafted(page, (s) => (c = placeCreature(s, "snatcher", 7, 9, 0, 1).id));
    const step = (await wireOf(page)).step;
    await page.keyboard.press("b");
    await clickTile(page, 7, 9);
    await waitLS(page, `s.target === "${c}" && s.mode === "butt"`);
    await page.waitForSelector("#cursor-card:not([hidden]) h4");
    const card = (await page.textContent("#cursor-card")) ?? "";
    expect(card).toMatch(/Snatcher 1 dies/);
    expect(card).toMatch(/Sergeant Takumi takes \d+ acid splash/);
    expect(card).toMatch(/Private Takumi-1 takes \d+ acid splash/);
    expect((await wireOf(page)).step).toBe(step);
    await besideTile(page, "#cursor-card", 7, 9);
    await screenshotStats(page, artifact("traps-preview-butt.png"));
  }, 120_000);

  it("hovering Withdraw or Ready shows what it does, by the engine", async () => {
    const page = await opening();
    await crafted(page, (s) => void SNATCHER(s));
    await page.hover("#actions button[data-act=ready]");
    await page.waitForSelector("#cursor-card:not([hidden]) h4");
    expect(await page.textContent("#cursor-card h4")).toMatch(/Ready/);
    expect(await page.textContent("#cursor-card")).toMatch(/Takumi-1 stands where Snatcher 1 will lunge/);
    await screenshotStats(page, artifact("traps-preview-ready.png"));
  }, 120_000);
});

describe("choices that lose soldiers ask first", () => {
  it("the bus: the last sergeant withdrawing asks first, naming each soldier left behind; W again confirms", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    pageErrors.push(errors);
    await page.goto(`${env.url}/?offline=1&map=the-bus&seat=takumi&seed=2&speed=${FAST}`);
    await settled(page, "s.selected === 'takumi'");
    // Sergeant Wang is already out; Sergeant Takumi stands on a way out (the east column)
    await editOffline(page, `const w = st.units.find((u) => u.id === "wang"); w.fate = "extracted";
      const t = st.units.find((u) => u.id === "takumi"); t.x = 15; t.y = 5; t.ap = 2;`);
    expect(await legalOf(page)).toContainEqual({ type: "withdraw", unit: "takumi" });
    const step = (await wireOf(page)).step;
    await page.keyboard.press("w");
    await page.waitForSelector("#card-ask");
    const ask = (await page.textContent("#card-ask")) ?? "";
    expect(ask).toMatch(/Private Takumi-1 will be left behind/);
    expect(ask).toMatch(/Private Wang-2 will be left behind/);
    expect((await wireOf(page)).step).toBe(step);
    await besideTile(page, "#card-ask", 15, 5);
    await screenshotStats(page, artifact("traps-ask-withdraw.png"));
    await page.keyboard.press("w");
    await waitLS(page, `s.step === ${step + 1}`, 60_000);
    expect((await wireOf(page)).units.takumi.fate).toBe("extracted");
    await page.close();
  }, 120_000);
});
