/**
 * npm run golden   Records the golden replays in tests/golden/ (bot-vs-creatures battles with a hash
 * after every step). Run it only when the rules change on purpose, and bump RULES_VERSION with it.
 */
import { writeFileSync } from "node:fs";
import { loadMapById } from "../server/maps.js";
import { playBattle } from "./play.js";

export const GOLDEN = [
  { name: "last-stand-seed-7", map: "last-stand", seed: 7, difficulty: "normal" },
  { name: "last-stand-seed-21-hard", map: "last-stand", seed: 21, difficulty: "hard" },
  { name: "the-alley-seed-3", map: "the-alley", seed: 3, difficulty: "normal" },
  { name: "tower-test-seed-5", map: "tower-test", seed: 5, difficulty: "easy" },
] as const;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const g of GOLDEN) {
    const played = playBattle(loadMapById(g.map), g.seed, { difficulty: g.difficulty }, true);
    const file = `tests/golden/${g.name}.json`;
    writeFileSync(file, JSON.stringify(played.record) + "\n");
    console.log(`${file}: ${played.commands} steps, round ${played.state.round}, ${played.state.outcome}, ${played.record!.finalHash}`);
  }
}
