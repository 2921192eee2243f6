/**
 * Golden replays: recorded bot-vs-creature battles whose hash after every step must not change
 * unless the rules version does. Re-record with `npm run golden` (and bump RULES_VERSION) only
 * when a rule changes on purpose. The manifest keeps the rules version the records were made
 * under and a hash of each file: a record changed by hand, or re-recorded without a bump
 * (`npm run golden` refuses that), fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replay, RULES_VERSION, type MatchRecord } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { GOLDEN, MANIFEST_FILE, goldenFileHash, type GoldenManifest } from "../../tools/golden.js";

describe("golden replays keep their hashes", () => {
  it("the manifest names the current RULES_VERSION and every golden file, unchanged", () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_FILE, "utf8")) as GoldenManifest;
    expect(manifest.rulesVersion, "golden records made under another rules version: re-record with npm run golden").toBe(RULES_VERSION);
    expect(Object.keys(manifest.files).sort()).toEqual(GOLDEN.map((g) => g.name).sort());
    for (const g of GOLDEN) {
      const text = readFileSync(join(import.meta.dirname, `${g.name}.json`), "utf8");
      expect(goldenFileHash(text), `${g.name}.json changed while RULES_VERSION stayed ${RULES_VERSION}: bump it and run npm run golden`).toBe(manifest.files[g.name]);
    }
  });

  for (const g of GOLDEN) {
    it(`${g.name} replays step by step to its recorded hashes`, () => {
      const record = JSON.parse(readFileSync(join(import.meta.dirname, `${g.name}.json`), "utf8")) as MatchRecord;
      expect(record.rulesVersion, "the rules version changed: re-record with npm run golden").toBe(RULES_VERSION);
      // (the acid test box's battle is short: two soldiers fall back by round 4, and the bot keeps
      // no overwatch of its own, so it gives few commands)
      expect(record.log.length).toBeGreaterThan(g.map === "tower-test" ? 10 : 20);
      expect(record.log.every((e) => typeof e.hash === "string")).toBe(true);
      const result = replay(record, loadMapById(record.map.id));
      expect(result.error).toBeNull();
      expect(result.steps).toHaveLength(record.log.length);
      expect(result.hash).toBe(record.finalHash);
      expect(result.state.phase).toBe("ended");
    });
  }

  it("a record of another rules version is refused as such before any step, not as a hash error", () => {
    const record = JSON.parse(readFileSync(join(import.meta.dirname, `${GOLDEN[0].name}.json`), "utf8")) as MatchRecord;
    record.rulesVersion = RULES_VERSION + 1;
    record.log[0].hash = "00000000000000";
    const result = replay(record, loadMapById(record.map.id));
    expect(result.code).toBe("ERR_RULES_VERSION");
    expect(result.error).toMatch(new RegExp(`recorded under rules version ${RULES_VERSION + 1}; this engine plays rules version ${RULES_VERSION}`));
    expect(result.steps).toHaveLength(0);
  });

  it("a record whose log was tampered with is caught at the step that differs", () => {
    const g = GOLDEN[0];
    const record = JSON.parse(readFileSync(join(import.meta.dirname, `${g.name}.json`), "utf8")) as MatchRecord;
    const k = record.log.findIndex((e) => e.action.type === "move");
    const entry = record.log[k];
    if (entry.action.type !== "move") throw new Error("no move in the golden record");
    // move the same soldier to another tile he could reach: the game goes on, but not as recorded
    record.log[k] = { ...entry, action: { ...entry.action, to: { ...entry.action.to, x: entry.action.to.x + 1 } } };
    const result = replay(record, loadMapById(record.map.id));
    expect(result.error).toMatch(new RegExp(`^step ${k + 1}: `));
  });
});
