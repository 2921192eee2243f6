/**
 * The start page leads with playing ("a way in"): "Create battle" above the fold on a
 * laptop and a phone, "How to play" one click away, the drill offered on the first visit only,
 * and no test map offered.
 */
import { describe, expect, it } from "vitest";
import { artifact, newPage, screenshotStats, useEnv, waitLS } from "./browser.js";

const env = useEnv();

describe("the start page", () => {
  for (const [w, h, name] of [[1280, 720, "start-1280"], [390, 844, "start-390"]] as const) {
    it(`at ${w}×${h}: Create battle above the fold, How to play one click away, the drill offered`, async () => {
      const { page, errors } = await newPage(env, w, h);
      await page.goto(`${env.url}/?guide=1`);
      await waitLS(page, "s.startReady");
      const box = (await page.locator("#create-btn").boundingBox())!;
      expect(box.y + box.height, "the Create battle button is above the fold").toBeLessThanOrEqual(h);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(await page.isVisible("#drill-offer")).toBe(true);
      await screenshotStats(page, artifact(`${name}.png`));
      // How to play: one click, every subject the issue names, closed again by its button
      await page.click("#howto-btn");
      expect(await page.isVisible("#howto-dialog")).toBe(true);
      const text = (await page.textContent("#howto-dialog"))!;
      for (const subject of ["The round", "Intents", "Acid", "The ring", "The drag", "Hold on", "Withdraw"]) expect(text).toContain(subject);
      await screenshotStats(page, artifact(`${name}-howto.png`));
      await page.click("#howto-close");
      expect(await page.isVisible("#howto-dialog")).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it("test maps and the drill are not in the map list; the drill's offer, skipped, stays away", async () => {
    const { page, errors } = await newPage(env, 1280, 720);
    await page.goto(`${env.url}/?guide=1`);
    await waitLS(page, "s.startReady");
    const options = await page.$$eval("#create-map option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain("last-stand");
    expect(options).toContain("the-bus");
    expect(options).not.toContain("tower-test");
    expect(options).not.toContain("drill");
    await page.click("#drill-offer-skip");
    expect(await page.isVisible("#drill-offer")).toBe(false);
    await page.reload();
    await waitLS(page, "s.startReady");
    expect((await waitLS(page, "s.startReady")).drillOffer).toBe(false);
    expect(await page.isVisible("#drill-offer")).toBe(false);
    // the drill is still one click away
    expect(await page.getAttribute("#drill-link", "href")).toContain("map=drill");
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
