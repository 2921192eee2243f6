import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { settingsFromEnv } from "../../server/services.js";
import { getJson, startServer, waitForState, wire, type BattleClientRoom, type TestServer } from "./helpers.js";

/** A lone player readies every round (the bot partner plays Wang) until the battle ends. */
async function playToEnd(room: BattleClientRoom) {
  for (let i = 0; i < 200 && wire(room).phase !== "ended"; i++) {
    const round = wire(room).round;
    room.send("ready", { ready: true });
    await waitForState(room, (w) => w.round > round || w.phase === "ended", 20_000, "the round to turn");
  }
  expect(wire(room).phase).toBe("ended");
}

let srv: TestServer;
const clientDir = mkdtempSync(join(tmpdir(), "last-stand-client-"));
beforeAll(async () => {
  writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Last Stand</title>");
  writeFileSync(join(clientDir, "app.js"), "console.log(1)");
  srv = await startServer({ staticDir: clientDir });
});
afterAll(async () => {
  await srv?.stop();
});

describe("HTTP API", () => {
  it("GET /health answers", async () => {
    const { status, body } = await getJson(srv.url, "/health");
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
  });

  it("GET /health?reset=1 is the operator's: from this machine, not through a proxy, or with his token", async () => {
    expect((await fetch(`${srv.url}/health?reset=1`)).status).toBe(200);
    const proxied = await fetch(`${srv.url}/health?reset=1`, { headers: { "x-forwarded-for": "203.0.113.5" } });
    expect(proxied.status).toBe(403);
    expect(await proxied.json()).toMatchObject({ code: "ERR_FORBIDDEN" });
    process.env.LAST_STAND_OPERATOR_TOKEN = "t0ken-of-the-operator";
    try {
      const withToken = await fetch(`${srv.url}/health?reset=1`, { headers: { "x-forwarded-for": "203.0.113.5", authorization: "Bearer t0ken-of-the-operator" } });
      expect(withToken.status).toBe(200);
      const wrong = await fetch(`${srv.url}/health?reset=1`, { headers: { "x-forwarded-for": "203.0.113.5", authorization: "Bearer t0ken-of-the-operatoR" } });
      expect(wrong.status).toBe(403);
    } finally {
      delete process.env.LAST_STAND_OPERATOR_TOKEN;
    }
  });

  it("answers cross-origin requests only for the game's own origin (and configured ones)", async () => {
    const host = new URL(srv.url).host;
    for (const path of ["/api/maps", "/health"]) {
      const foreign = await fetch(srv.url + path, { headers: { origin: "https://evil.example" } });
      expect(foreign.headers.get("access-control-allow-origin"), path).toBeNull();
      expect(foreign.headers.get("access-control-allow-credentials"), path).toBeNull();
      const own = await fetch(srv.url + path, { headers: { origin: `http://${host}` } });
      expect(own.headers.get("access-control-allow-origin"), path).toBe(`http://${host}`);
    }
    const pre = await fetch(`${srv.url}/matchmake/joinById/ABCDEFGH`, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("serves the built client, and index.html for the join link", async () => {
    for (const path of ["/", "/?join=ABCDE", "/some/deep/link"]) {
      const res = await fetch(srv.url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain("<title>Last Stand</title>");
    }
    expect(await (await fetch(srv.url + "/app.js")).text()).toBe("console.log(1)");
  });

  it("GET /api/maps lists the maps with name and size", async () => {
    const { status, body } = await getJson(srv.url, "/api/maps");
    expect(status).toBe(200);
    const ls = body.find((m: any) => m.id === "last-stand");
    expect(ls).toMatchObject({ id: "last-stand", name: expect.any(String), width: expect.any(Number), height: expect.any(Number) });
  });

  it("test maps and the drill are not offered in the list, yet are served by id", async () => {
    const ids = (await getJson(srv.url, "/api/maps")).body.map((m: { id: string }) => m.id);
    expect(ids).toContain("the-bus");
    for (const hidden of ["tower-test", "drill"]) {
      expect(ids, hidden).not.toContain(hidden);
      const res = await fetch(`${srv.url}/api/maps/${hidden}`);
      expect(res.status, hidden).toBe(200);
      expect((await res.json()).layers, hidden).toBeDefined();
    }
  });

  it("unknown matches and codes are 404", async () => {
    expect((await getJson(srv.url, "/api/matches/ZZZZZ/record")).status).toBe(404);
    expect((await getJson(srv.url, "/api/matches/not-a-code/record")).status).toBe(404);
    expect((await getJson(srv.url, "/api/battles/ZZZZZ")).status).toBe(404);
  });

  it("a created battle has a join code, a summary and a record", async () => {
    const room = await srv.client().create("battle", { map: "last-stand", seed: 7, seat: "takumi" });
    const w = await waitForState(room, (s) => s.code !== "" && s.mapId === "last-stand");
    expect(w.code).toMatch(/^[A-HJKMNP-Z]{8}$/);
    expect(room.roomId).toBe(w.code);
    const summary = await getJson(srv.url, `/api/battles/${w.code.toLowerCase()}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ code: w.code, roomId: w.code, map: "last-stand", live: true });
    // The record of a battle still being fought would reveal the seed and every hidden creature.
    const rec = await getJson(srv.url, `/api/matches/${w.code}/record`);
    expect(rec.status).toBe(409);
    expect(rec.body).toEqual({ code: "ERR_MATCH_IN_PROGRESS", message: expect.any(String) });
    expect(JSON.stringify(rec.body)).not.toContain("seed");
    // The summary's hash is of the squad's view, not of the full state.
    const full = srv.room(w.code).summary().hash;
    expect(summary.body.hash).toMatch(/^[0-9a-f]{14}$/);
    expect(summary.body.hash).not.toBe(full);
    await room.leave();
  });

  it("errors are { code, message } JSON: no stack trace, no server path, 404s too", async () => {
    const cases: [string, number, string][] = [
      ["/api/battles/%E0%A4%A", 400, "ERR_BAD_REQUEST"],
      ["/api/matches/%E0%A4%A/record", 400, "ERR_BAD_REQUEST"],
      ["/api/nothing-here", 404, "ERR_NOT_FOUND"],
      ["/api/battles/", 404, "ERR_NOT_FOUND"],
      ["/matchmake/joinById/x", 404, "ERR_NOT_FOUND"],
      ["/api/battles/ABCDE/extra", 404, "ERR_NOT_FOUND"],
    ];
    for (const [path, status, code] of cases) {
      const res = await fetch(srv.url + path);
      const text = await res.text();
      expect(res.status, path).toBe(status);
      expect(res.headers.get("content-type"), path).toMatch(/application\/json/);
      expect(JSON.parse(text), path).toEqual({ code, message: expect.any(String) });
      expect(text, path).not.toMatch(/\bat \w|node_modules|\/work\/|\.ts\b|Error:/);
    }
    // A body express cannot parse on a route that reads none, and a method with no route.
    const post = await fetch(srv.url + "/api/maps", { method: "POST", headers: { "content-type": "application/json" }, body: "{bad" });
    expect(post.status).toBe(404);
    expect(await post.json()).toMatchObject({ code: "ERR_NOT_FOUND" });
  });

  it("an unknown map is refused at creation", async () => {
    await expect(srv.client().create("battle", { map: "nowhere" })).rejects.toThrow(/ERR_UNKNOWN_MAP/);
  });

  it("npm run replay reproduces a record's hash", async () => {
    const room = await srv.client().create("battle", { map: "last-stand", seed: 31, seat: "takumi" });
    await waitForState(room, (w) => w.holderTakumi === "player" && w.phase === "player");
    await playToEnd(room);
    // Finished: the record is served (the replay viewer and this tool read it).
    const { status, body: record } = await getJson(srv.url, `/api/matches/${room.roomId}/record`);
    expect(status).toBe(200);
    expect(record).toMatchObject({ seed: 31, map: { id: "last-stand" } });
    const summary = { hash: srv.room(room.roomId).summary().hash };
    expect(record.finalHash).toBe(summary.hash);
    const file = join(srv.dir, "record.json");
    writeFileSync(file, JSON.stringify(record));
    const out = execFileSync(process.execPath, ["--import", "tsx", "tools/replay.ts", file], {
      cwd: resolve(import.meta.dirname, "../.."),
      encoding: "utf8",
    });
    expect(out.trim().split("\n").pop()).toBe(summary.hash);
    await room.leave();
  });

  it("a dropped player keeps his seat 60 s by default", () => {
    expect(settingsFromEnv({}).reconnectSeconds).toBe(60);
    expect(settingsFromEnv({ LAST_STAND_RECONNECT_SECONDS: "2" }).reconnectSeconds).toBe(2);
  });
});
