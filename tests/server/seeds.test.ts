/**
 * Nothing lets a player foresee a battle: on a server as run in production a creator
 * cannot choose the seed (with it the engine run locally shows every hidden creature); a battle's
 * seed is drawn from the CSPRNG, and a campaign's scenes' seeds are drawn apart, none derivable from
 * the campaign's seed or from another scene's record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sceneSeed } from "../../shared/campaign/campaign.js";
import { SCENES } from "../../shared/index.js";
import { getJson, startServer, waitForState, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { allowSeed: false } });
});
afterAll(async () => {
  await srv?.stop();
});

describe("seeds", () => {
  it("a chosen seed is refused unless the operator allows it", async () => {
    await expect(srv.client().create("battle", { seed: 5, seat: "takumi" })).rejects.toThrow(/ERR_BAD_OPTIONS: this server draws every battle's seed itself/);
    await expect(srv.client().create("battle", { campaign: true, seed: 5, seat: "takumi" })).rejects.toThrow(/ERR_BAD_OPTIONS/);
  });

  it("a campaign's scene seeds are drawn apart: none derives from the campaign's seed", async () => {
    const takumi = await srv.client().create("battle", { campaign: true, seat: "takumi" });
    const code = takumi.roomId;
    await waitForState(takumi, (w) => w.campaignStage === "scene");
    const row = (await srv.store.getCampaign(code))!;
    const seeds = (row.options as { sceneSeeds?: number[] }).sceneSeeds!;
    expect(seeds).toHaveLength(SCENES.length);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
    // scene 1 is played on its drawn seed; the seeds the campaign's own would give are not used
    const scene1 = (await srv.store.getRecord(`${code}-1`))!;
    expect(scene1.seed).toBe(seeds[0]);
    for (let i = 0; i < SCENES.length; i++) expect(seeds[i]).not.toBe(sceneSeed({ seed: row.seed }, i));
    // the scene's record (which holds its seed and options) does not carry the others' seeds
    expect(JSON.stringify(scene1)).not.toContain(String(seeds[1]));
    // nor is it served while the campaign goes on
    expect((await getJson(srv.url, `/api/matches/${code}-1/record`)).status).toBe(409);
    await takumi.leave();
  });
});
