/**
 * The campaign record: the campaign's seed and options and its scenes' match records in order.
 * Each scene record replays on its own (`replay` in record.ts: its options carry the roster);
 * replaying the campaign record plays every scene through `endScene` and must reach the same
 * final campaign hash.
 */
import type { MapDef } from "../map/types.js";
import type { MatchRecord } from "../battle/record.js";
import { type Campaign, type CampaignOptions, endScene, hashCampaign, newCampaign } from "./campaign.js";
import { SCENES } from "./scenes.js";

export interface CampaignRecord {
  seed: number;
  options: CampaignOptions;
  scenes: MatchRecord[];
  /** hashCampaign of the campaign after the last scene. */
  finalHash?: string;
}

export function newCampaignRecord(campaign: Campaign): CampaignRecord {
  return { seed: campaign.seed, options: { ...campaign.options }, scenes: [] };
}

export interface CampaignReplay {
  campaign: Campaign;
  hash: string;
  /** The first problem met (a scene that does not replay, a final hash that differs), or null. */
  error: string | null;
}

/** Replays every scene in order; `mapOf` supplies each scene's map by id. */
export function replayCampaign(record: CampaignRecord, mapOf: (id: string) => MapDef): CampaignReplay {
  let campaign = newCampaign(record.seed, record.options);
  for (let i = 0; i < record.scenes.length; i++) {
    const want = SCENES[campaign.scene]?.map;
    if (campaign.status !== "playing" || !want) return { campaign, hash: hashCampaign(campaign), error: `scene ${i + 1}: the campaign was already over` };
    try {
      campaign = endScene(campaign, mapOf(want), record.scenes[i]);
    } catch (e) {
      return { campaign, hash: hashCampaign(campaign), error: `scene ${i + 1} (${want}): ${(e as Error).message}` };
    }
  }
  const hash = hashCampaign(campaign);
  if (record.finalHash && record.finalHash !== hash) return { campaign, hash, error: `final hash ${hash}, the record says ${record.finalHash}` };
  return { campaign, hash, error: null };
}
