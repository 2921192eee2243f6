/**
 * Maps and records fail clearly: creating a battle on a broken map file answers ERR_BAD_MAP naming
 * the file, layer and field (no absolute path); a map whose id differs from its file name is
 * refused; a stored battle of another rules version is refused with ERR_RULES_VERSION (not a hash
 * error), over HTTP and when joining by its code. Runs on a maps folder of its own (LAST_STAND_MAPS).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "last-stand-bad-maps-"));
const mapsDir = join(dir, "maps");
const good = readFileSync(join(ROOT, "maps", "last-stand.tmj"), "utf8");

/** last-stand with its id property set to `id`, and `edit` applied to the JSON. */
function variant(id: string, edit: (j: any) => void = () => {}): string {
  const j = JSON.parse(good);
  j.properties.find((p: { name: string }) => p.name === "id").value = id;
  edit(j);
  return JSON.stringify(j);
}

// the maps folder is read from the environment at each call; put back after the file (its
// process is shared with the project's other files)
const mapsBefore = process.env.LAST_STAND_MAPS;
process.env.LAST_STAND_MAPS = mapsDir;
const { mkdirSync } = await import("node:fs");
mkdirSync(mapsDir);
writeFileSync(join(mapsDir, "last-stand.tmj"), good);
writeFileSync(join(mapsDir, "broken.tmj"), variant("broken", (j) => {
  const units = j.layers.find((l: { name: string }) => l.name === "units");
  units.objects[0].properties = [{ name: "seat", type: "string", value: "general" }];
}));
writeFileSync(join(mapsDir, "renamed.tmj"), variant("last-stand"));
const { startServer, getJson } = await import("./helpers.js");
type TestServer = Awaited<ReturnType<typeof startServer>>;

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ dbPath: join(dir, "matches.sqlite"), restore: false });
});
afterAll(async () => {
  await srv?.close();
  if (mapsBefore === undefined) delete process.env.LAST_STAND_MAPS;
  else process.env.LAST_STAND_MAPS = mapsBefore;
  rmSync(dir, { recursive: true, force: true });
});

describe("maps and records fail clearly", () => {
  it("a battle on a broken map is refused with ERR_BAD_MAP naming the file, layer and field, and no server path", async () => {
    const err = await srv.client().create("battle", { map: "broken" }).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/^ERR_BAD_MAP: maps\/broken\.tmj: layer "units": field "objects\[0\]\.seat"/);
    expect(err?.message).not.toContain(dir);
    // the server lives on: a good map still opens
    const room = await srv.client().create("battle", { map: "last-stand" });
    expect(room.roomId).toMatch(/^[A-Z]{8}$/);
    await room.leave();
  });

  it("a map whose id differs from its file name is refused, and left out of the map list", async () => {
    const err = await srv.client().create("battle", { map: "renamed" }).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/^ERR_BAD_MAP: maps\/renamed\.tmj: map: field "id": the map's id "last-stand" differs from its file name/);
    const list = await getJson(srv.url, "/api/maps");
    expect(list.body.map((m: { id: string }) => m.id)).toEqual(["last-stand"]);
  });

  it("a stored battle of another rules version is refused with ERR_RULES_VERSION, by HTTP and by its code", async () => {
    const room = await srv.client().create("battle", { map: "last-stand", seat: "takumi" });
    const code = room.roomId;
    await room.leave();
    await srv.close();
    const db = new Database(join(dir, "matches.sqlite"));
    db.prepare("UPDATE matches SET rules_version = 0 WHERE code = ?").run(code);
    db.close();
    srv = await startServer({ dbPath: join(dir, "matches.sqlite") });
    const boot = srv.restored.find((r) => r.code === code);
    expect(boot?.ok).toBe(false);
    expect(boot?.error).toMatch(/ERR_RULES_VERSION: the battle was recorded under rules version 0/);
    const http = await getJson(srv.url, `/api/battles/${code}`);
    expect(http.status).toBe(409);
    expect(http.body).toEqual({ code: "ERR_RULES_VERSION", message: expect.stringMatching(/rules version 0; this engine plays rules version \d+/) });
    await expect(srv.client().joinOrCreate("battle", { code })).rejects.toThrow(/ERR_RULES_VERSION/);
  });
});
