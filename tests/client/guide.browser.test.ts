/**
 * The guide in a real battle: every scene opens on its briefing screen (objective and
 * clock; a click or any key dismisses it and does nothing else), offline and online, a campaign's
 * scene named; first-time tips from the battle's events, dismissed and remembered.
 * Screenshots: tests/artifacts/guide-*.png.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifact, lastStand, newPage, screenshotStats, useEnv, waitLS, wireOf, FAST } from "./browser.js";

const env = useEnv();

const settled = (page: Page) => waitLS(page, "s.ready && !s.animating && s.phase === 'player'", 30_000);

/** The private steps into strong acid with 1 hp left: burned (acid) and down. */
async function burnThePrivate(page: Page): Promise<number> {
  const step = (await lastStand(page)).step as number;
  await page.evaluate(() => {
    const b = (window as any).__offline;
    b.editForTest((s: any) => {
      const u = s.units.find((v: any) => v.id === "takumi-private-1");
      u.hp = 1;
      s.layers.acid[u.y * s.map.width + (u.x - 1)] = 3;
    });
    const u = b.battle.units.find((v: any) => v.id === "takumi-private-1");
    (window as any).__lastStandDebug.backend.sendAction({ type: "move", unit: u.id, to: { x: u.x - 1, y: u.y, level: 0 } });
  });
  await waitLS(page, `s.step > ${step} && !s.animating`, 20_000);
  return step + 1;
}

describe("the briefing screen", () => {
  for (const [w, h] of [[1280, 720], [390, 844]] as const) {
    it(`at ${w}×${h}: the bus opens on its briefing; a key dismisses it and does nothing else`, async () => {
      const { page, errors } = await newPage(env, w, h);
      await page.goto(`${env.url}/?offline=1&map=the-bus&seed=3&guide=1`);
      await waitLS(page, "s.briefing === 'the-bus' && s.ready", 30_000);
      expect(await page.textContent("#brief-objective")).toContain("Reach the survivors");
      expect(await page.textContent("#brief-clock")).toContain("round 1 of 10");
      await screenshotStats(page, artifact(`guide-briefing-bus-${w}.png`));
      // E (ready) while the briefing is up only dismisses it
      await page.keyboard.press("e");
      await waitLS(page, "!s.briefing");
      expect(await page.isVisible("#brief-screen")).toBe(false);
      const wire = await wireOf(page);
      expect(wire.readyTakumi).toBe(false);
      expect((await lastStand(page)).step).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it("online: a battle created from the start page opens on its briefing, and a campaign names its scene", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    await page.goto(`${env.url}/?guide=1&speed=${FAST}`);
    await waitLS(page, "s.startReady");
    await page.click("#drill-offer-skip");
    await page.selectOption("#create-map", "last-stand");
    await page.click("#create-btn");
    await waitLS(page, "s.briefing === 'last-stand' && s.ready", 30_000);
    expect(await page.textContent("#brief-clock")).toMatch(/break-out in \d+/);
    await page.click("#brief-screen");
    await waitLS(page, "!s.briefing");
    await page.goto(`${env.url}/?guide=1&speed=${FAST}`);
    await waitLS(page, "s.startReady");
    await page.check("input[name=play][value=campaign]");
    await page.click("#create-btn");
    await waitLS(page, "s.briefing === 'the-bus' && s.ready", 30_000);
    expect(await page.textContent("#brief-screen")).toContain("Scene 1 of 6");
    await screenshotStats(page, artifact("guide-briefing-campaign.png"));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});

describe("first-time tips", () => {
  it("acid and a soldier down: each tip once, after the animation, dismissed; remembered after a reload", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&guide=1&speed=${FAST}`);
    await waitLS(page, "s.briefing === 'last-stand' && s.ready", 30_000);
    await page.keyboard.press("Enter");
    await settled(page);
    await burnThePrivate(page);
    await waitLS(page, "s.tip === 'acid'");
    expect(await page.textContent("#tip-card")).toContain("Acid burns");
    await screenshotStats(page, artifact("guide-tip.png"));
    await page.click("#tip-ok");
    await waitLS(page, "s.tip === 'down'");
    expect(await page.textContent("#tip-card")).toContain("is down");
    await page.click("#tip-ok");
    await waitLS(page, "!s.tip");
    const seen = JSON.parse((await page.evaluate(() => localStorage.getItem("lastStand.tipsSeen")))!);
    expect(seen).toEqual(expect.arrayContaining(["acid", "down"]));
    // the same again after a reload: no tip
    await page.reload();
    await waitLS(page, "s.briefing === 'last-stand' && s.ready", 30_000);
    await page.keyboard.press("Enter");
    await settled(page);
    await burnThePrivate(page);
    await settled(page);
    const s = await lastStand(page);
    expect(s.tip ?? null).toBeNull();
    expect(s.tipsShown ?? []).toEqual([]);
    expect(await page.isVisible("#tip-card")).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("off by default in a page driven by automation (other tests click the board at once)", async () => {
    const { page } = await newPage(env, 1280, 720);
    await page.goto(`${env.url}/?offline=1&map=the-bus&seed=3`);
    await settled(page);
    expect((await lastStand(page)).briefing ?? null).toBeNull();
    expect(await page.isVisible("#brief-screen")).toBe(false);
    await page.close();
  }, 60_000);
});
