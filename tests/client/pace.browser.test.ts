/**
 * The wait between a player's Ready and his next move, over a whole battle of last-stand with the
 * bot partner at its own pace (the server's default) and every animation at ×1: the bot's turn, the
 * enemy phase, the environment. The human's squad is played by the soldier bot on the page's own
 * view (sent as the player's commands, animated fast: only the wait is at ×1), then Ready is
 * clicked. The figures (median, p90, each round's wait) are printed and saved to
 * tests/artifacts/pace.json: reported, not asserted as a timing. Two clocks: the test's (from
 * before its calls to the page that precede the click, until its poll sees the control back: on a
 * loaded machine each call costs a tenth of a second or more), and the page's own (from the Ready
 * button's press to the first frame that gives the control back), what a player waits. Asserted: every round gave the
 * control back, and the battle ended.
 */
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import "../../server/prelude.js";
import { BOT_DELAY_MS } from "../../server/services.js";
import { artifact, lastStand, newPage, useEnv, waitLS } from "./browser.js";

const env = useEnv({ botDelayMs: BOT_DELAY_MS });
const SEED = Number(process.env.PACE_SEED ?? 11);
/** A battle of last-stand lasts about 14 rounds; past this something is wrong. */
const MAX_ROUNDS = 30;
/** The human's own turn plays fast (not measured); the wait after Ready at ×1. */
const FAST = 20;

const debug = (p: Page, code: string): Promise<any> => p.evaluate(`(() => { const d = window.__lastStandDebug; return (${code}); })()`);

/** Takumi has no soldier on the board (all out or lost): his seat is ready by itself each round. */
const IDLE = `!Object.values(window.__lastStandDebug.wire().units).some((u) => u.seat === "takumi" && u.fate === "active")`;
/** The page may act: a player phase, nothing playing, this seat not ready (or the battle over). */
const CONTROL = `!s.animating && (s.phase === "ended" || (s.phase === "player" && (s.readyTakumi === false || ${IDLE})))`;

/** Plays Takumi's squad for the round with the soldier bot on the page's view, one command at a time. */
async function playHumanTurn(p: Page): Promise<void> {
  for (let n = 0; n < 40; n++) {
    const s = await lastStand(p);
    if (s.phase !== "player") return;
    const cmd = await debug(p, `d.botCommand("takumi")`);
    if (!cmd || cmd.action.type === "ready") return;
    const errors = s.errors ?? 0;
    await debug(p, `d.backend.sendAction(${JSON.stringify(cmd.action)})`);
    // the command is in (the step moved) and played, or refused: then Ready
    const after = await waitLS(p, `(s.step > ${s.step} && !s.animating) || (s.errors ?? 0) > ${errors}`, 60_000);
    if ((after.errors ?? 0) > errors) return;
  }
}

/** Clicks Ready (again if the engine asks first: soldiers left behind), until this seat is ready. */
async function clickReady(p: Page, round: number): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await p.click("#btn-ready");
    await p.waitForFunction(() => {
      const s = (window as any).__lastStand;
      return s.readyTakumi === true || !!(window as any).__lastStandDebug.screen.ctl.asking || s.phase !== "player";
    }, null, { timeout: 30_000, polling: 20 });
    const s = await lastStand(p);
    if (s.readyTakumi || s.phase !== "player" || s.round !== round) return;
  }
}

const pct = (xs: number[], q: number) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(v.length * q))];
};

describe("the pace of a battle with the bot partner", () => {
  it("gives the control back after every Ready, over a whole battle at ×1 (the wait reported)", async () => {
    const { page: p, errors } = await newPage(env, 1280, 720);
    await p.goto(`${env.url}/`);
    await waitLS(p, "s.startReady");
    await p.fill("#create-seed", String(SEED));
    await p.check("input[name=seat][value=takumi]");
    await p.click("#create-btn");
    await waitLS(p, `s.ready && s.code && s.phase === "player" && s.holders && s.holders.wang === "bot"`, 30_000);
    const rounds: { round: number; waitMs: number; pageWaitMs: number; botTurnMs: number; botCommands: number; frameMs: number; animMs: Record<string, number>; trace: string[] }[] = [];
    // the page's frames: on a loaded machine they come slowly, and every animation waits on them
    await p.evaluate(() => {
      const w = window as any;
      w.__frames = 0;
      const tick = () => {
        w.__frames++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    let s = await lastStand(p);
    const code = s.code;
    while (s.phase === "player" && s.round <= MAX_ROUNDS) {
      const round = s.round;
      await debug(p, `d.setSpeed(${FAST})`);
      await playHumanTurn(p);
      await waitLS(p, `!s.animating`, 60_000);
      s = await lastStand(p);
      if (s.phase !== "player") break;
      await debug(p, `d.setSpeed(1)`);
      if (s.readyTakumi) {
        // nobody of Takumi's left on the board: the round goes on without him (not a wait of his)
        s = await waitLS(p, `(s.round > ${round} || s.phase === "ended") && ${CONTROL}`, 180_000);
        continue;
      }
      const t0 = Date.now();
      const pageT0: number = await p.evaluate(() => performance.now());
      const anim0: Record<string, number> = await debug(p, `d.animMs()`);
      const frames0: number = await p.evaluate(() => (window as any).__frames);
      // the page's clock: the press of Ready, and the first frame after it that gives the control back
      await p.evaluate((done: string) => {
        const w = window as any;
        w.__readyAt = w.__controlAt = 0;
        document.getElementById("btn-ready")!.addEventListener("pointerdown", () => (w.__readyAt ||= performance.now()), { once: true });
        const watch = () => {
          const s = w.__lastStand;
          if (w.__readyAt && new Function("s", `return ${done}`)(s)) w.__controlAt = performance.now();
          else requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      }, `(s.round > ${round} || s.phase === "ended") && ${CONTROL}`);
      await clickReady(p, round);
      s = await waitLS(p, `(s.round > ${round} || s.phase === "ended") && ${CONTROL}`, 180_000);
      const waitMs = Date.now() - t0;
      await p.waitForFunction(() => (window as any).__controlAt > 0, null, { timeout: 10_000, polling: 20 });
      const pageWaitMs = Math.round(await p.evaluate(() => (window as any).__controlAt - (window as any).__readyAt));
      // the bot's turn: from Ready until the enemy phase began to play
      const botTurnMs = s.enemyAt > pageT0 ? Math.round(s.enemyAt - pageT0) : 0;
      // where the wait went: the ms each event kind played this round
      const anim1: Record<string, number> = await debug(p, `d.animMs()`);
      const animMs = Object.fromEntries(Object.entries(anim1).map(([k, v]) => [k, Math.round(v - (anim0[k] ?? 0))]).filter(([, v]) => (v as number) > 0));
      // the mean time between the page's frames during the wait (16.7 ms at 60 per second)
      const frameMs = Math.round((waitMs / Math.max(1, (await p.evaluate(() => (window as any).__frames)) - frames0)) * 10) / 10;
      // what played when in the wait (ms from Ready): where the seconds went, event by event
      const trace: { t: number; what: string; ms?: number }[] = await debug(p, `d.trace(${pageT0})`);
      const pageEnd: number = await p.evaluate(() => performance.now());
      trace.push({ t: Math.round(pageEnd), what: "control" });
      rounds.push({ round, waitMs, pageWaitMs, botTurnMs, botCommands: 0, frameMs, animMs, trace: trace.map((e) => `${Math.round(e.t - pageT0)} ${e.what}${e.ms === undefined ? "" : ` ${e.ms}`}`) });
      console.log(`round ${round}: ready → next control ${waitMs} ms (on the page's clock ${pageWaitMs} ms; the bot's turn ${botTurnMs} ms; a frame every ${frameMs} ms)`);
    }
    expect(s.phase, "the battle ended").toBe("ended");
    // the bot's commands each round, from the record (what it had to show in the wait)
    const record = await (await import("../../server/services.js")).services().store.getRecord(code);
    let r = 1;
    for (const c of record!.log) {
      if (c.seat === "wang" && c.action.type !== "ready") {
        const row = rounds.find((x) => x.round === r);
        if (row) row.botCommands++;
      }
      if (c.seat === "wang" && c.action.type === "ready") r++;
    }
    const waits = rounds.map((x) => x.waitMs);
    const out = {
      map: "last-stand",
      seed: SEED,
      speed: 1,
      botDelayMs: BOT_DELAY_MS,
      rounds: rounds.length,
      outcome: s.outcome,
      medianMs: pct(waits, 0.5),
      p90Ms: pct(waits, 0.9),
      pageMedianMs: pct(rounds.map((x) => x.pageWaitMs), 0.5),
      pageP90Ms: pct(rounds.map((x) => x.pageWaitMs), 0.9),
      botTurnMedianMs: pct(rounds.map((x) => x.botTurnMs), 0.5),
      frameMsMedian: pct(rounds.map((x) => x.frameMs), 0.5),
      // every round's animation by event kind, summed (ms)
      animMs: rounds.reduce((t, x) => {
        for (const [k, v] of Object.entries(x.animMs)) t[k] = (t[k] ?? 0) + v;
        return t;
      }, {} as Record<string, number>),
      maxMs: Math.max(...waits),
      perRound: rounds,
      load: (await import("node:os")).loadavg().map((x) => Math.round(x * 10) / 10),
    };
    writeFileSync(artifact("pace.json"), JSON.stringify(out, null, 2));
    console.log(`ready → next control at ×1 on last-stand (seed ${SEED}, ${rounds.length} rounds, load ${out.load.join(" ")}, a frame every ${out.frameMsMedian} ms): median ${out.medianMs} ms, p90 ${out.p90Ms} ms, max ${out.maxMs} ms; on the page's clock median ${out.pageMedianMs} ms, p90 ${out.pageP90Ms} ms`);
    expect(rounds.length).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  }, 1_800_000);
});
