/** Bot campaigns for the command-line tools and the tests: both seats played by the soldier bot, scene after scene. */
import { autoplay, endScene, hashCampaign, hashState, newCampaign, newCampaignRecord, nextSceneMap, sceneRecord, startScene } from "../shared/index.js";
import type { Campaign, CampaignOptions, CampaignRecord, MapDef } from "../shared/index.js";

/** A hard cap on commands a scene, so a bot bug can never hang a tool. */
const MAX_COMMANDS = 20_000;

export interface PlayedCampaign {
  campaign: Campaign;
  record: CampaignRecord;
  /** The soldiers who started each scene played, in order. */
  startedPerScene: number[];
}

export function playCampaign(seed: number, options: Partial<CampaignOptions>, mapOf: (id: string) => MapDef): PlayedCampaign {
  let campaign = newCampaign(seed, options);
  const record = newCampaignRecord(campaign);
  const startedPerScene: number[] = [];
  for (let id = nextSceneMap(campaign); id !== null; id = nextSceneMap(campaign)) {
    const map = mapOf(id);
    const first = startScene(campaign, map);
    startedPerScene.push(first.units.filter((u) => u.side === "squad").length);
    const scene = sceneRecord(campaign, first);
    const { state, steps } = autoplay(first, ["takumi", "wang"], { max: MAX_COMMANDS });
    for (const step of steps) scene.log.push(step.command);
    scene.finalHash = hashState(state);
    record.scenes.push(scene);
    campaign = endScene(campaign, map, scene);
  }
  record.finalHash = hashCampaign(campaign);
  return { campaign, record, startedPerScene };
}
