/**
 * The bot partner plans in the open, in a real browser against the real server: a lone
 * Takumi sees Wang's plan for the round before he is ready (its steps in words on the partner
 * panel, and why a soldier with no step does nothing; ghost routes on the board), a standing
 * order given by key changes it, and what the bot then plays is the plan's first step.
 * Screenshots at 1280×720 and 390×844 under tests/artifacts/.
 */
import { describe, expect, it } from "vitest";
import "../../server/prelude.js";
import type { Page } from "playwright-core";
import { artifact, labels, newPage, screenshotStats, useEnv, waitLS } from "./browser.js";
import { SEAT_COLOUR } from "../../client/src/seatColours.js";

const env = useEnv();

describe("the bot partner's plan in the browser", () => {
  it("is shown before the human is ready, changes with an order, and is what the bot plays", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    await page.goto(`${env.url}/?speed=6`);
    await waitLS(page, "s.startReady");
    await page.fill("#create-seed", "5");
    await page.check("input[name=seat][value=takumi]");
    await page.click("#create-btn");
    await waitLS(page, `s.ready && s.code && s.phase === "player"`, 30_000);
    const s = await waitLS(page, `s.partnerPlan && s.partnerPlan.steps.length > 0`, 30_000).catch(async (e) => {
      throw new Error(`${e}; page state ${JSON.stringify(await page.evaluate(() => (window as any).__lastStand))}; backend ${await page.evaluate(() => { const b = (window as any).__lastStandDebug.backend; return JSON.stringify({ kind: b.kind, plan: !!b.lastPlan, order: b.lastOrder, keys: Object.keys(b) }); })}; errors ${errors.join(" | ")}`);
    });
    const plan = s.partnerPlan;
    expect(plan.seat).toBe("wang");
    expect(plan.round).toBe(s.round);
    // the partner panel says it in words, one line a step, under Wang's name
    await page.waitForSelector("#partner-plan .plan-steps li");
    expect(await page.textContent("#partner-plan h3")).toContain("Wang's plan");
    const lines = await page.$$eval("#partner-plan .plan-steps li", (ls) => ls.map((l) => l.textContent ?? ""));
    expect(lines.length).toBe(plan.steps.length);
    for (const l of lines) expect(l).toMatch(/will|holds on/);
    // each of his soldiers with no step is said too, with why (planWords idleLine)
    const idle = await page.$$eval("#partner-plan .plan-idle li", (ls) => ls.map((l) => l.textContent ?? ""));
    expect(idle.length).toBe(plan.idle.length);
    for (const l of idle) expect(l).toMatch(/^(Wang|Private Wang-\d+): [a-z]/);
    const shot = await screenshotStats(page, artifact("partner-plan-1280.png"));
    expect(shot.colours).toBeGreaterThan(20);

    // the order to hold, by its key: told back by the server, and the plan made under it shown
    await page.keyboard.press("6");
    await waitLS(page, `s.partnerOrder === "hold" && s.partnerPlan.order === "hold"`);
    // the panel is rewritten on the next animation frame, after the state the page reports
    await page.waitForSelector('#partner-plan button[data-order="hold"].on', { timeout: 10_000 });
    expect(await page.getAttribute('#partner-plan button[data-order="hold"]', "class")).toContain("on");
    await page.keyboard.press("0");
    const free = await waitLS(page, `s.partnerOrder === "free" && s.partnerPlan.order === "free"`);
    expect(free.partnerPlan.steps).toEqual(plan.steps);

    // narrow screen: the panel is still there
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector("#partner-plan .plan-steps li");
    const narrow = await screenshotStats(page, artifact("partner-plan-390.png"));
    expect(narrow.colours).toBeGreaterThan(20);

    // ready: the bot plays, and its first command is the plan's first step
    const round = s.round;
    await page.keyboard.press("e");
    await waitLS(page, `s.round > ${round} && s.phase === "player"`, 60_000);
    const record = await (await import("../../server/services.js")).services().store.getRecord(s.code);
    const first = record!.log.find((c) => c.seat === "wang")!;
    expect(first.action).toEqual(plan.steps[0].action);
    expect(errors).toEqual([]);
  }, 120_000);

  it("is drawn in the partner seat's colour, the one of his pill, whichever seat the bot holds, never the creatures' intents'", async () => {
    for (const [mine, partner] of [["wang", "takumi"], ["takumi", "wang"]] as const) {
      const { page, errors } = await newPage(env, 1280, 720);
      await page.goto(`${env.url}/?speed=6`);
      await waitLS(page, "s.startReady");
      await page.fill("#create-seed", "5");
      await page.check(`input[name=seat][value=${mine}]`);
      await page.click("#create-btn");
      await waitLS(page, `s.ready && s.code && s.phase === "player" && s.partnerPlan && s.partnerPlan.seat === "${partner}" && s.partnerPlan.steps.length > 0`, 30_000);
      // the plan's tags on the board (its ghost routes and targets are drawn in the same colour, planDraw.ts)
      await page.waitForFunction(() => (window as any).__lastStandDebug.labels().some((b: any) => b.id.startsWith("plan:")), null, { polling: 50, timeout: 10_000 });
      const all = await labels(page);
      const tags = all.filter((b) => b.id.startsWith("plan:"));
      expect(tags.length).toBeGreaterThan(0);
      for (const t of tags) expect(t.color.toString(16), `${t.text} in ${partner}'s colour`).toBe(SEAT_COLOUR[partner].toString(16));
      // the creatures' intents (attacks, their order, drags) are tagged in colours of their own
      const intents = all.filter((b) => /^(atk|order|drag|lost):/.test(b.id));
      for (const t of intents) expect(t.color, `${t.text}: a creature's intent in the partner's colour`).not.toBe(SEAT_COLOUR[partner]);
      // the seat pill and the partner panel's heading: the same colour, from the one definition
      const css = await cssOf(page, `.pill.seat-${partner}`, "borderTopColor");
      expect(css).toBe(rgb(SEAT_COLOUR[partner]));
      await page.waitForSelector("#partner-plan h3");
      expect(await cssOf(page, "#partner-plan h3", "color")).toBe(rgb(SEAT_COLOUR[partner]));
      await screenshotStats(page, artifact(`partner-plan-colour-${partner}.png`));
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});

const rgb = (c: number) => `rgb(${(c >> 16) & 255}, ${(c >> 8) & 255}, ${c & 255})`;
const cssOf = (page: Page, sel: string, prop: string) => page.$eval(sel, (e, p) => (getComputedStyle(e) as any)[p] as string, prop);
