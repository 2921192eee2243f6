/**
 * For a test file that plays whole campaigns through the server: `useCampaignMaps()`, called at the
 * top of the file, makes the scenes' maps the crafted ones of tests/fixtures/campaign/ (same ids as
 * the story's), where the outcome follows from walls, ways out and fire, whatever the seed and
 * however the creatures, soldiers and bots are tuned: the bus won in round 1 with the privates left
 * behind, the alley lost with both sergeants killed in its fire, and the campaign over. After the
 * file the story's maps are back (files that share a process must not see the crafted ones).
 */
import { join } from "node:path";
import { afterAll } from "vitest";

export const CAMPAIGN_MAPS = join(import.meta.dirname, "..", "fixtures", "campaign");

export function useCampaignMaps(): void {
  const before = process.env.LAST_STAND_MAPS;
  process.env.LAST_STAND_MAPS = CAMPAIGN_MAPS;
  afterAll(() => {
    if (before === undefined) delete process.env.LAST_STAND_MAPS;
    else process.env.LAST_STAND_MAPS = before;
  });
}
