import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, startServer, waitForState, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
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

  it("GET /api/maps lists the maps with name and size", async () => {
    const { status, body } = await getJson(srv.url, "/api/maps");
    expect(status).toBe(200);
    const ls = body.find((m: any) => m.id === "last-stand");
    expect(ls).toMatchObject({ id: "last-stand", name: expect.any(String), width: expect.any(Number), height: expect.any(Number) });
  });

  it("unknown matches and codes are 404", async () => {
    expect((await getJson(srv.url, "/api/matches/ZZZZZ/record")).status).toBe(404);
    expect((await getJson(srv.url, "/api/matches/not-a-code/record")).status).toBe(404);
    expect((await getJson(srv.url, "/api/battles/ZZZZZ")).status).toBe(404);
  });

  it("a created battle has a join code, a summary and a record", async () => {
    const room = await srv.client().create("battle", { map: "last-stand", seed: 7, seat: "takumi" });
    const w = await waitForState(room, (s) => s.code !== "" && s.mapId === "last-stand");
    expect(w.code).toMatch(/^[A-HJKMNP-Z]{5}$/);
    expect(room.roomId).toBe(w.code);
    const summary = await getJson(srv.url, `/api/battles/${w.code.toLowerCase()}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ code: w.code, roomId: w.code, map: "last-stand", live: true });
    const rec = await getJson(srv.url, `/api/matches/${w.code}/record`);
    expect(rec.status).toBe(200);
    expect(rec.body).toMatchObject({ seed: 7, map: { id: "last-stand" } });
    expect(Array.isArray(rec.body.log)).toBe(true);
    await room.leave();
  });

  it("an unknown map is refused at creation", async () => {
    await expect(srv.client().create("battle", { map: "nowhere" })).rejects.toThrow(/ERR_UNKNOWN_MAP/);
  });
});
