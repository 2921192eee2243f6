/**
 * npm run golden   Records the golden replays in tests/golden/ (bot-vs-creatures battles with a hash
 * after every step) and their manifest (the rules version and a hash of each file). Run it only when
 * the rules change on purpose: it refuses to change a golden record unless RULES_VERSION was bumped
 * since the manifest was written, so a rule change cannot slip through under the old version.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashString } from "../shared/core/hash.js";
import { RULES_VERSION } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { playBattle } from "./play.js";

export const GOLDEN = [
  { name: "last-stand-seed-7", map: "last-stand", seed: 7, difficulty: "normal" },
  { name: "last-stand-seed-21-hard", map: "last-stand", seed: 21, difficulty: "hard" },
  { name: "the-alley-seed-3", map: "the-alley", seed: 3, difficulty: "normal" },
  { name: "tower-test-seed-5", map: "tower-test", seed: 5, difficulty: "easy" },
] as const;

export const GOLDEN_DIR = join(import.meta.dirname, "..", "tests", "golden");
export const MANIFEST_FILE = join(GOLDEN_DIR, "manifest.json");

/** The rules version the golden records were made under, and a hash of each record's text. */
export interface GoldenManifest {
  rulesVersion: number;
  files: Record<string, string>;
}

export function goldenFileHash(text: string): string {
  return hashString(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const old: GoldenManifest | null = existsSync(MANIFEST_FILE) ? JSON.parse(readFileSync(MANIFEST_FILE, "utf8")) : null;
  const texts = GOLDEN.map((g) => {
    const played = playBattle(loadMapById(g.map), g.seed, { difficulty: g.difficulty }, true);
    console.log(`${g.name}: ${played.commands} steps, round ${played.state.round}, ${played.state.outcome}, ${played.record!.finalHash}`);
    return { g, text: JSON.stringify(played.record) + "\n" };
  });
  const manifest: GoldenManifest = { rulesVersion: RULES_VERSION, files: Object.fromEntries(texts.map(({ g, text }) => [g.name, goldenFileHash(text)])) };
  const changed = texts.filter(({ g, text }) => old?.files[g.name] !== goldenFileHash(text)).map(({ g }) => g.name);
  if (old && old.rulesVersion === RULES_VERSION && changed.length) {
    console.error(`npm run golden: ${changed.join(", ")} would change under the same RULES_VERSION ${RULES_VERSION}; bump RULES_VERSION in shared/rules/table.ts if the rules changed on purpose (nothing written)`);
    process.exit(1);
  }
  for (const { g, text } of texts) writeFileSync(join(GOLDEN_DIR, `${g.name}.json`), text);
  writeFileSync(MANIFEST_FILE, JSON.stringify(manifest, null, 2) + "\n");
  console.log(changed.length ? `re-recorded under rules version ${RULES_VERSION}: ${changed.join(", ")}` : "no golden record changed");
}
