/** A campaign's public summary as the room builds it, for the client's tests (matches `ABCDE-N`). */
import { campaignSummary, sceneFacts, type BattleState, type Campaign, type CampaignSummary } from "../../shared/index.js";

/** `states[i]`: the final state of scene i. */
export function summaryOf(c: Campaign, states: BattleState[], code = "ABCDE"): CampaignSummary {
  return campaignSummary(c, states.map((s, i) => sceneFacts(s, `${code}-${i + 1}`)), null);
}
