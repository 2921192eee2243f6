/**
 * The campaign's between-scenes screen (the scene's report, the roll of the fallen, the living, the
 * next briefing, ready) at every size the battle screen is tested at (layout.browser.test.ts), with
 * touch emulation: a summary of a first scene the engine really played (two bots, someone fallen),
 * shown over an offline battle as the room would send it. At each size: no two controls or labels
 * overlap, every control can be reached (inside the screen's own scroll) and hit, the page never
 * scrolls. Screenshots: tests/artifacts/campaign-between-<w>x<h>.png.
 */
import { describe, expect, it } from "vitest";
import { newCampaign, type BattleState } from "../../shared/index.js";
import type { CampaignInfo } from "../../client/src/campaignInfo.js";
import { artifact, frames, newPage, screenshotStats, settled, useEnv, waitLS, FAST, PHONE } from "./browser.js";
import { box, geometry, SIZES, unreachable } from "./geometry.js";
import { playScene, summaryOf } from "./campaignFixtures.js";

const env = useEnv();
const pageErrors: string[] = [];

/** A campaign's first scene played by two bots, for the first seed that goes on with someone fallen. */
function afterFirstScene(): CampaignInfo {
  for (let seed = 1; seed < 200; seed++) {
    const { campaign: after, state } = playScene(newCampaign(seed));
    if (after.status !== "playing" || after.fallen.length === 0) continue;
    const summary = summaryOf(after, [state as BattleState]);
    return { stage: "report", scene: 0, scenes: summary.scenes.length, ready: { takumi: false, wang: true }, summary };
  }
  throw new Error("no campaign goes on after its first scene with someone fallen");
}
const BETWEEN = afterFirstScene();

describe("the between-scenes screen at every size", () => {
  it("the summary is worth laying out: a roll of the fallen and a next scene", () => {
    expect(BETWEEN.summary!.fallen.length).toBeGreaterThan(0);
    expect(BETWEEN.summary!.next).toBeTruthy();
  });

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: nothing overlaps, every control reachable without scrolling the page`, async () => {
      const { page } = await newPage(env, width, height, PHONE);
      page.on("pageerror", (e) => pageErrors.push(`${width}x${height}: ${e.message}`));
      await page.goto(`${env.url}/?offline=1&map=last-stand&seed=2&speed=${FAST}`);
      await settled(page);
      // the room's word that the scene ended: its stage, ready flags and summary
      await page.evaluate((info) => {
        const o = (window as any).__offline;
        o.info = { ...o.info, campaign: info };
        o.editForTest(() => {});
      }, BETWEEN);
      // the screen is up with the next scene's briefing (its map fetched)
      await waitLS(page, `s.campaignScreen === "report" && s.campaignNext === ${JSON.stringify(BETWEEN.summary!.next)}`);
      await frames(page);
      const g = await geometry(page, "#campaign-host");
      expect(g.shown).toBeGreaterThan(3);
      expect(g.overlaps).toEqual([]);
      expect(g.covered).toEqual([]);
      expect(g.pageScrolls).toBe(false);
      expect(await unreachable(page, "#campaign-host")).toEqual([]);
      // the screen fits the viewport's width; its ready button is there for the player
      const modal = (await box(page, "#campaign-host .modal"))!;
      expect(modal.x).toBeGreaterThanOrEqual(0);
      expect(modal.x + modal.w).toBeLessThanOrEqual(width + 0.5);
      expect(await page.locator("#campaign-ready").isVisible()).toBe(true);
      await page.evaluate(() => document.querySelector("#campaign-host .modal")!.scrollTo(0, 0));
      await screenshotStats(page, artifact(`campaign-between-${width}x${height}.png`));
      await page.close();
    }, 120_000);
  }

  it("no page error was thrown", () => {
    expect(pageErrors).toEqual([]);
  });
});
