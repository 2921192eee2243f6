/**
 * The command-line tools, run as a user runs them (separate processes): the simulator prints the
 * same summary for the same arguments in any process, its record replays with `npm run replay`
 * to the hash it recorded, and a broken record is refused with a non-zero exit.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { playCampaign } from "../../tools/play-campaign.js";
import { loadMapById } from "../../server/maps.js";

const ROOT = join(import.meta.dirname, "..", "..");
const tsx = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "tools", script), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });

describe("npm run sim / npm run replay", () => {
  const dir = mkdtempSync(join(tmpdir(), "last-stand-cli-"));
  const record = join(dir, "record.json");
  const args = ["--map", "last-stand", "--seed", "5", "--games", "4", "--json"];
  // the record every replay test reads, made here rather than by another test
  let b: ReturnType<typeof tsx>;
  beforeAll(() => {
    b = tsx("sim.ts", [...args, "--record", record]);
  });

  it("the simulator prints one JSON summary, the same in two processes", () => {
    const a = tsx("sim.ts", args);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const summary = JSON.parse(a.stdout);
    expect(summary).toMatchObject({ map: "last-stand", games: 4, seed: 5 });
    expect(summary.wins + summary.losses).toBe(4);
    for (const k of ["winRate", "meanRounds", "soldiersDead", "soldiersTaken", "acidDamage", "hash"]) expect(summary).toHaveProperty(k);
    expect(b.stdout).toBe(a.stdout);
    expect(tsx("sim.ts", ["--map", "last-stand", "--seed", "6", "--games", "4", "--json"]).stdout).not.toBe(a.stdout);
  });

  it("the recorded game replays step by step to its final hash", () => {
    const rec = JSON.parse(readFileSync(record, "utf8"));
    expect(rec.log.length).toBeGreaterThan(10);
    const r = tsx("replay.ts", [record, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.steps).toBe(rec.log.length);
    expect(out.hash).toBe(rec.finalHash);
    // the plain form ends with the hash alone on its line
    const plain = execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "tools", "replay.ts"), record], { cwd: ROOT, encoding: "utf8" });
    expect(plain.trim().split("\n").at(-1)).toBe(rec.finalHash);
  });

  it("a broken map: npm run sim prints the one line naming file, layer and field, and exits 1 without a stack trace", () => {
    const maps = join(dir, "maps");
    mkdirSync(maps);
    const j = JSON.parse(readFileSync(join(ROOT, "maps", "the-alley.tmj"), "utf8"));
    j.properties.find((p: { name: string }) => p.name === "id").value = "broken";
    j.layers.find((l: { name: string }) => l.name === "terrain").data[5] = 999;
    writeFileSync(join(maps, "broken.tmj"), JSON.stringify(j));
    const r = tsx("sim.ts", ["--map", "broken", "--games", "1"], { LAST_STAND_MAPS: maps });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^maps\/broken\.tmj: layer "terrain": field "data\[5\]": unknown gid 999/)]);
    // a map whose id is not its file name, the same way
    writeFileSync(join(maps, "renamed.tmj"), readFileSync(join(ROOT, "maps", "the-alley.tmj"), "utf8"));
    const renamed = tsx("sim.ts", ["--map", "renamed", "--games", "1"], { LAST_STAND_MAPS: maps });
    expect(renamed.status).toBe(1);
    expect(renamed.stderr.trim()).toMatch(/^maps\/renamed\.tmj: map: field "id": the map's id "the-alley" differs from its file name \(expected "renamed"\)$/);
  });

  it("a record with a forged step fails with exit 1 and names the step", () => {
    const rec = JSON.parse(readFileSync(record, "utf8"));
    rec.log[3].hash = "00000000000000";
    const forged = join(dir, "forged.json");
    writeFileSync(forged, JSON.stringify(rec));
    const r = tsx("replay.ts", [forged]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/step 4: hash/);
  });

  it("a campaign record replays with --campaign to its final hash; a forged one fails with exit 1", () => {
    const played = playCampaign(17, {}, loadMapById);
    const file = join(dir, "campaign.json");
    writeFileSync(file, JSON.stringify(played.record));
    const r = tsx("replay.ts", ["--campaign", file, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, error: null, scenes: played.record.scenes.length, status: played.campaign.status, hash: played.record.finalHash });
    played.record.scenes[0].finalHash = "00000000000000";
    writeFileSync(file, JSON.stringify(played.record));
    const bad = tsx("replay.ts", ["--campaign", file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/FAILED: scene 1 \(the-bus\)/);
  });
});
