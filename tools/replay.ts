/**
 * npm run replay -- record.json   Replays a match record step by step, checks every kept hash,
 * and prints the final state hash. Exits 1 when a step is refused or a hash differs.
 */
import { readFileSync } from "node:fs";
import { replay, type MatchRecord } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { orExit, readArgs } from "./args.js";

const args = readArgs();
const file = args.positional[0];
if (!file) {
  console.error("usage: npm run replay -- <record.json> [--json]");
  process.exit(2);
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
