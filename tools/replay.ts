/**
 * npm run replay -- record.json   Replays a match record step by step, checks every kept hash,
 * and prints the final state hash. Exits 1 when a step is refused or a hash differs.
 * npm run replay -- --campaign campaign.json   Replays a campaign record (its scenes in order,
 * through the campaign's rules) and prints the final campaign hash; exits 1 on any problem.
 */
import { readFileSync } from "node:fs";
import { replay, replayCampaign, type CampaignRecord, type MatchRecord } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { orExit, readArgs } from "./args.js";

const args = readArgs();
const campaignFile = args.get("campaign", "");
const file = campaignFile || args.positional[0];
if (!file) {
  console.error("usage: npm run replay -- <record.json> [--json]\n       npm run replay -- --campaign <campaign.json> [--json]");
  process.exit(2);
}

if (campaignFile) {
  const record = orExit(() => JSON.parse(readFileSync(file, "utf8")) as CampaignRecord);
  const result = orExit(() => replayCampaign(record, loadMapById));
  const c = result.campaign;
  const out = { file, scenes: record.scenes.length, status: c.status, endedBy: c.endedBy, fallen: c.fallen.length, hash: result.hash, ok: result.error === null, error: result.error };
  if (args.flag("json")) console.log(JSON.stringify(out));
  else {
    console.log(`${file}: ${out.scenes} scene(s) replayed, campaign ${out.status}${c.endedBy ? ` (${c.endedBy})` : ""}, ${out.fallen} fallen`);
    if (result.error) console.error(`FAILED: ${result.error}`);
    console.log(result.hash);
  }
  process.exit(result.error ? 1 : 0);
}

const record = orExit(() => JSON.parse(readFileSync(file, "utf8")) as MatchRecord);
const result = orExit(() => replay(record, loadMapById(record.map.id)));
const out = {
  file,
  map: record.map.id,
  steps: result.steps.length,
  round: result.state.round,
  outcome: result.state.outcome,
  hash: result.hash,
  ok: result.error === null,
  error: result.error,
};
if (args.flag("json")) console.log(JSON.stringify(out));
else {
  console.log(`${file}: ${out.steps} steps replayed, round ${out.round}, outcome ${out.outcome ?? "ongoing"}`);
  if (result.error) console.error(`FAILED: ${result.error}`);
  console.log(result.hash);
}
process.exit(result.error ? 1 : 0);
