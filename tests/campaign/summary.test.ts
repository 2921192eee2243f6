/**
 * The public campaign summary (shared/campaign/summary.ts): what a room shows of a campaign. It
 * follows the engine's campaign (the living, the roll, the results) and carries no seed or hash.
 */
import { describe, it, expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { SCENES, newCampaign, replay, rollOfTheFallen } from "../../shared/index.js";
import { campaignSummary, sceneFacts } from "../../shared/campaign/summary.js";
import { playCampaign } from "../../tools/play-campaign.js";

describe("the campaign summary", () => {
  it("of a campaign played to its end: the roll in full lines, each scene's report, no next scene, nothing secret", () => {
    const played = playCampaign(17, {}, loadMapById);
    const facts = played.record.scenes.map((rec, i) => sceneFacts(replay(rec, loadMapById(rec.map.id)).state, `ABCDE-${i + 1}`));
    const s = campaignSummary(played.campaign, facts, null);
    expect(s.status).toBe(played.campaign.status);
    expect(s.endedBy).toBe(played.campaign.endedBy);
    expect(s.scene).toBe(played.campaign.results.length - 1);
    expect(s.scenes.map((x) => x.map)).toEqual(SCENES.map((x) => x.map));
    expect(s.next).toBeNull();
    expect(s.fallen.length).toBeGreaterThan(0);
    expect(s.fallen.map((f) => f.line)).toEqual(rollOfTheFallen(played.campaign));
    expect(s.fallen.map((f) => f.id)).toEqual(played.campaign.fallen.map((f) => f.id));
    expect(s.results.map((r) => r.matchId)).toEqual(facts.map((f) => f.matchId));
    for (const [i, r] of s.results.entries()) {
      const state = replay(played.record.scenes[i], loadMapById(r.map)).state;
      expect(r.report.kills).toBe(state.report.kills);
      expect(r.report.extracted).toBe(state.units.filter((u) => u.side === "squad" && u.fate === "extracted").length);
      expect(r.outcome).toBe(played.campaign.results[i].outcome);
    }
    const text = JSON.stringify(s);
    expect(text).not.toMatch(/seed|hash/i);
  });

  it("during a scene: no result yet, the scene played, and the scene after it as next", () => {
    const s = campaignSummary(newCampaign(99), [], 0);
    expect(s).toMatchObject({ scene: 0, status: "playing", results: [], fallen: [], next: SCENES[1].map, endedBy: null });
    expect(s.soldiers).toHaveLength(6);
    // between scenes (after none): the next scene to play
    expect(campaignSummary(newCampaign(99), [], null).next).toBe(SCENES[0].map);
  });
});
