/** A campaign's public summary as the room builds it, for the client's tests (matches `ABCDE-N`). */
import {
  autoplay, campaignSummary, endScene, hashState, nextSceneMap, sceneFacts, sceneRecord, startScene,
  type BattleState, type Campaign, type CampaignSummary,
} from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";

/** `states[i]`: the final state of scene i. */
export function summaryOf(c: Campaign, states: BattleState[], code = "ABCDE"): CampaignSummary {
  return campaignSummary(c, states.map((s, i) => sceneFacts(s, `${code}-${i + 1}`)), null);
}

/** Plays the campaign's next scene with two bots; the campaign after it and the scene's final state. */
export function playScene(c: Campaign): { campaign: Campaign; state: BattleState } {
  const map = loadMapById(nextSceneMap(c)!);
  const first = startScene(c, map);
  const rec = sceneRecord(c, first);
  const { state, steps } = autoplay(first, ["takumi", "wang"], { max: 20_000 });
  for (const s of steps) rec.log.push(s.command);
  rec.finalHash = hashState(state);
  return { campaign: endScene(c, map, rec), state };
}
