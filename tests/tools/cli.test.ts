/**
 * The command-line tools, run as a user runs them (separate processes): the simulator prints the
 * same summary for the same arguments in any process, its record replays with `npm run replay`
 * to the hash it recorded, and a broken record is refused with a non-zero exit.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { playCampaign } from "../../tools/play-campaign.js";
import { loadMapById } from "../../server/maps.js";

const ROOT = join(import.meta.dirname, "..", "..");
/** Runs a tool as `npm run` does (a process of its own); its exit status and what it printed. */
function tsx(script: string, args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "tools", script), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

// Each tool's process compiles the tools first: over a minute at a load of 30 on two cores. The
// processes a test needs run side by side.
describe("npm run sim / npm run replay", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "last-stand-cli-"));
  const record = join(dir, "record.json");
  const args = ["--map", "last-stand", "--seed", "5", "--games", "4", "--json"];
  // the record every replay test reads, made here rather than by another test
  let b: Awaited<ReturnType<typeof tsx>>;
  beforeAll(async () => {
    b = await tsx("sim.ts", [...args, "--record", record]);
  }, 180_000);

  it("the simulator prints one JSON summary, the same in two processes", async () => {
    const [a, other] = await Promise.all([tsx("sim.ts", args), tsx("sim.ts", ["--map", "last-stand", "--seed", "6", "--games", "4", "--json"])]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const summary = JSON.parse(a.stdout);
    expect(summary).toMatchObject({ map: "last-stand", games: 4, seed: 5 });
    expect(summary.wins + summary.losses).toBe(4);
    for (const k of ["winRate", "meanRounds", "soldiersDead", "soldiersTaken", "acidDamage", "hash"]) expect(summary).toHaveProperty(k);
    expect(b.stdout).toBe(a.stdout);
    expect(other.status, other.stderr).toBe(0);
    expect(other.stdout).not.toBe(a.stdout);
  });

  it("the recorded game replays step by step to its final hash", async () => {
    const rec = JSON.parse(readFileSync(record, "utf8"));
    expect(rec.log.length).toBeGreaterThan(10);
    const [r, plain] = await Promise.all([tsx("replay.ts", [record, "--json"]), tsx("replay.ts", [record])]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.steps).toBe(rec.log.length);
    expect(out.hash).toBe(rec.finalHash);
    // the plain form ends with the hash alone on its line
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout.trim().split("\n").at(-1)).toBe(rec.finalHash);
  });

  it("a broken map: npm run sim prints the one line naming file, layer and field, and exits 1 without a stack trace", async () => {
    const maps = join(dir, "maps");
    mkdirSync(maps);
    const j = JSON.parse(readFileSync(join(ROOT, "maps", "the-alley.tmj"), "utf8"));
    j.properties.find((p: { name: string }) => p.name === "id").value = "broken";
    j.layers.find((l: { name: string }) => l.name === "terrain").data[5] = 999;
    writeFileSync(join(maps, "broken.tmj"), JSON.stringify(j));
    // and a map whose id is not its file name, the same way
    writeFileSync(join(maps, "renamed.tmj"), readFileSync(join(ROOT, "maps", "the-alley.tmj"), "utf8"));
    const [r, renamed] = await Promise.all([
      tsx("sim.ts", ["--map", "broken", "--games", "1"], { LAST_STAND_MAPS: maps }),
      tsx("sim.ts", ["--map", "renamed", "--games", "1"], { LAST_STAND_MAPS: maps }),
    ]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^maps\/broken\.tmj: layer "terrain": field "data\[5\]": unknown gid 999/)]);
    expect(renamed.status).toBe(1);
    expect(renamed.stderr.trim()).toMatch(/^maps\/renamed\.tmj: map: field "id": the map's id "the-alley" differs from its file name \(expected "renamed"\)$/);
  });

  it("a record with a forged step fails with exit 1 and names the step", async () => {
    const rec = JSON.parse(readFileSync(record, "utf8"));
    rec.log[3].hash = "00000000000000";
    const forged = join(dir, "forged.json");
    writeFileSync(forged, JSON.stringify(rec));
    const r = await tsx("replay.ts", [forged]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/step 4: hash/);
  });

  it("a campaign record replays with --campaign to its final hash; a forged one fails with exit 1", async () => {
    const played = playCampaign(17, {}, loadMapById);
    const file = join(dir, "campaign.json");
    writeFileSync(file, JSON.stringify(played.record));
    const forged = join(dir, "campaign-forged.json");
    writeFileSync(forged, JSON.stringify({ ...played.record, scenes: [{ ...played.record.scenes[0], finalHash: "00000000000000" }, ...played.record.scenes.slice(1)] }));
    const [r, bad] = await Promise.all([tsx("replay.ts", ["--campaign", file, "--json"]), tsx("replay.ts", ["--campaign", forged])]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, error: null, scenes: played.record.scenes.length, status: played.campaign.status, hash: played.record.finalHash });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/FAILED: scene 1 \(the-bus\)/);
  });
});
