/**
 * Skip to the end (X, or the Skip button over the board): the enemy phase and the bot partner's turn can be
 * watched at ×1 or shown at their end state at once. Offline: X during the enemy phase's ×1
 * animation ends it at once, the board's sprites where the state has its units. Online, against
 * a bot partner paced far slower than the test could wait out (10 s between its commands): X just after
 * Ready has the server play the bot's turn at once, and the page shows the server's state; the
 * order given the bot before it ("cover me", key 7) is said in the replay at the step it was given.
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import "../../server/prelude.js";
import { replay, squadViewHash } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { newPage, settled, useEnv, waitLS } from "./browser.js";

const BOT_DELAY_MS = 10_000;
const env = useEnv({ botDelayMs: BOT_DELAY_MS });
const pageErrors: string[][] = [];

afterAll(() => {
  for (const e of pageErrors) expect(e).toEqual([]);
});

async function page(): Promise<Page> {
  const { page, errors } = await newPage(env, 1280, 720);
  pageErrors.push(errors);
  return page;
}

type Tile = { x: number; y: number; visible: boolean };

/** The board's sprites stand where the shown state has its units (active ones on the floor shown). */
async function spritesMatchState(p: Page): Promise<void> {
  const { sprites, units } = await p.evaluate(() => {
    const d = (window as any).__lastStandDebug;
    return { sprites: d.spriteTiles() as Record<string, Tile>, units: d.wire().units as Record<string, { x: number; y: number; level: number; fate: string }> };
  });
  const onBoard = Object.entries(units).filter(([, u]) => u.fate === "active" && u.level === 0);
  expect(onBoard.length).toBeGreaterThan(0);
  for (const [id, u] of onBoard) {
    expect(sprites[id], `a sprite for ${id}`).toBeTruthy();
    expect({ id, x: sprites[id].x, y: sprites[id].y }).toEqual({ id, x: u.x, y: u.y });
  }
}

describe("skip to the end", () => {
  it("X during the enemy phase at ×1 shows its end at once (offline)", async () => {
    const p = await page();
    await p.goto(`${env.url}/?offline=1&map=last-stand&seat=takumi&seed=2`);
    await settled(p, "s.selected === 'takumi'");
    // nothing to skip in the player's own phase: the key does nothing, the button is not offered
    expect(await p.isHidden("#btn-skip")).toBe(true);
    await p.keyboard.press("x");
    expect((await waitLS(p, "true")).skips ?? 0).toBe(0);
    const round = (await waitLS(p, "true")).round;
    await p.keyboard.press("e");
    // the bot's turn and the enemy phase play at ×1; skipped while they play
    await waitLS(p, `s.animating === true`, 30_000);
    expect(await p.evaluate(() => (window as any).__lastStandDebug.speed())).toBe(1);
    await p.waitForSelector("#btn-skip:not([hidden])");
    const t0 = Date.now();
    await p.keyboard.press("x");
    // (the page itself computes the bot's turn and the enemy phase: over 30 s at a load of 38 on two cores)
    const s = await waitLS(p, `s.round === ${round + 1} && s.phase === "player" && !s.animating && s.skipping === false`, 90_000);
    const ms = Date.now() - t0;
    // the board is the backend's last state, every sprite at its unit's tile
    const { shown, latest } = await p.evaluate(() => ({ shown: (window as any).__lastStandDebug.wire(), latest: (window as any).__offline.wire }));
    expect(shown.step).toBe(latest.step);
    expect(shown.round).toBe(latest.round);
    expect(await p.textContent("#round")).toContain(String(round + 1));
    await spritesMatchState(p);
    // the animation the skip cut was longer than the wait for the end
    expect(s.skippedMs).toBeGreaterThan(0);
    console.log(`offline skip: control back ${ms} ms after X; ${s.skippedMs} ms of ×1 animation not played`);
    // a skip lasts until the next move is the player's: the next round plays at ×1 again
    expect(await p.evaluate(() => (window as any).__lastStandDebug.speed())).toBe(1);
    expect(await p.isHidden("#btn-skip")).toBe(true);
    await p.close();
  }, 120_000);

  it("X after Ready plays the bot partner's turn at once, and the page shows the server's state (online)", async () => {
    const p = await page();
    await p.goto(`${env.url}/`);
    await waitLS(p, "s.startReady");
    await p.fill("#create-seed", "5");
    await p.check("input[name=seat][value=takumi]");
    await p.click("#create-btn");
    const s0 = await waitLS(p, `s.ready && s.code && s.phase === "player" && s.holders && s.holders.wang === "bot"`, 30_000);
    // a standing order first: the replay says it later
    await p.keyboard.press("7");
    await waitLS(p, `s.partnerOrder === "cover"`);
    await p.click("#btn-ready");
    await waitLS(p, `s.readyTakumi === true`);
    // the bot partner's turn is under way (10 s between its commands): the skip is offered
    await p.waitForSelector("#btn-skip:not([hidden])");
    const t0 = Date.now();
    await p.click("#btn-skip");
    const s = await waitLS(p, `s.round === ${s0.round + 1} && s.phase === "player" && !s.animating && s.skipping === false`, 60_000);
    const ms = Date.now() - t0;
    const record = await (await import("../../server/services.js")).services().store.getRecord(s0.code);
    const wang = record!.log.filter((c) => c.seat === "wang");
    // two commands or more before its ready: at its pace the second alone would have come 10 s after the first
    expect(wang.length).toBeGreaterThan(2);
    expect(ms).toBeLessThan(BOT_DELAY_MS);
    expect(wang[wang.length - 1].action).toEqual({ type: "ready", ready: true });
    // what the page shows is the server's battle as the squad sees it
    const state = replay(record!, loadMapById("last-stand")).state;
    expect(state.round).toBe(s0.round + 1);
    expect(s.viewHash).toBe(squadViewHash(state));
    await spritesMatchState(p);
    // the replay of this battle (the record with the orders kept beside it, as served once a battle
    // is over; this one goes on, so it is opened as a file) says the order at the step it was
    // given, before any command, and it stays in force
    const { store } = (await import("../../server/services.js")).services();
    const orders = ((await store.getInfo(s0.code))!.roomOptions as { orders?: unknown[] }).orders;
    expect(orders).toEqual([{ step: 0, seat: "wang", order: "cover" }]);
    const file = join(env.dir, "record.json");
    writeFileSync(file, JSON.stringify({ ...record, orders }));
    await p.goto(`${env.url}/`);
    await waitLS(p, "s.startReady");
    await p.setInputFiles("#replay-file", file);
    const end = await waitLS(p, `s.replay && s.replay.index === s.replay.steps`, 30_000);
    expect(end.replay.orders).toEqual([]);
    expect(end.replay.inForce).toBe("Wang's orders: Cover me");
    expect(await p.textContent("#rp-order")).toBe("Wang's orders: Cover me");
    await p.keyboard.press("Home");
    const start = await waitLS(p, `s.replay && s.replay.index === 0`);
    expect(start.replay.orders).toEqual(['Takumi: "Wang, cover me"']);
    expect(await p.textContent("#rp-orders")).toBe('Takumi: "Wang, cover me"');
    console.log(`online skip: control back ${ms} ms after Skip (the bot's ${wang.length} commands at ${BOT_DELAY_MS} ms each skipped)`);
    await p.close();
  }, 120_000);
});
