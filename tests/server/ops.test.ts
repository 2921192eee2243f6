/**
 * The operator's windows over real HTTP: /ready (and 503 when the store does not answer), /metrics
 * in Prometheus text with rooms, clients, commands by type and result, the latency histograms,
 * behind METRICS_TOKEN; Colyseus' monitor at /colyseus behind basic auth, absent without a password.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, until, waitForState, type BattleClientRoom, type TestServer } from "./helpers.js";

const TOKEN = "t0ken-for-the-test";
const PASSWORD = "s3cret pass";
let srv: TestServer;
let bare: TestServer;

beforeAll(async () => {
  srv = await startServer({ ops: { metricsToken: TOKEN, monitorUser: "admin", monitorPassword: PASSWORD } });
}, 60_000);
afterAll(async () => {
  await srv?.stop();
  await bare?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(srv.url + path, { headers });
const bearer = { authorization: `Bearer ${TOKEN}` };

/** One sample's value from Prometheus text, e.g. value(text, 'laststand_commands_total{type="ready",result="ok"') */
function value(text: string, prefix: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : null;
}

describe("operator HTTP", () => {
  it("/health and /ready answer 200 while the store answers; /ready says which checks passed", async () => {
    expect((await get("/health")).status).toBe(200);
    const r = await get("/ready");
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true, checks: { store: "ok" } });
  });

  it("/metrics needs the bearer token, then counts rooms, clients, commands by type and result, and latencies", async () => {
    expect((await get("/metrics")).status).toBe(401);
    expect((await get("/metrics", { authorization: "Bearer wrong" })).status).toBe(401);

    const room: BattleClientRoom = await srv.client().create("battle", { seed: 5, seat: "takumi", waitForPartner: true });
    await waitForState(room, (w) => w.phase === "player" && w.holderTakumi === "player");
    const acks: unknown[] = [];
    room.onMessage("ack", (m) => acks.push(m));
    room.send("ready", { ready: true, seq: 1 });
    room.send("ready", { ready: true, seq: 1 }); // a duplicate: refused
    room.send("action", { action: { type: "move", unit: "nobody", to: { x: 0, y: 0 } }, seq: 2 }); // the engine refuses it
    await until(() => acks.length === 3, "three acks");
    await srv.room(room.roomId).idle();
    const engineCode = (acks[2] as { code: string }).code;

    const res = await get("/metrics", bearer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(value(text, "laststand_rooms{")).toBeGreaterThanOrEqual(1);
    expect(value(text, "laststand_clients{")).toBeGreaterThanOrEqual(1);
    expect(value(text, 'laststand_commands_total{type="ready",result="ok"')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'laststand_commands_total{type="ready",result="ERR_DUPLICATE"')).toBeGreaterThanOrEqual(1);
    expect(value(text, `laststand_commands_total{type="action",result="${engineCode}"`)).toBeGreaterThanOrEqual(1);
    expect(value(text, "laststand_command_seconds_count{")).toBeGreaterThanOrEqual(3);
    expect(value(text, "laststand_store_append_seconds_count{")).toBeGreaterThanOrEqual(1);
    expect(value(text, "laststand_battles_created_total{")).toBeGreaterThanOrEqual(1);
    expect(value(text, "laststand_store_up{")).toBe(1);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{process="[^"]+"\} /m);
    expect(text).toMatch(/^laststand_reconnections_total\{process="[^"]+"\} \d+/m);
    expect(text).toMatch(/^laststand_battles_reopened_total\{process="[^"]+"\} \d+/m);
    await room.leave();
  });

  it("the monitor is behind basic auth at /colyseus", async () => {
    const denied = await get("/colyseus/api");
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toMatch(/^Basic/);
    const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}` });
    expect((await get("/colyseus/api", basic("admin", "nope"))).status).toBe(401);
    const ok = await get("/colyseus/api", basic("admin", PASSWORD));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { rooms: unknown[]; columns: string[] };
    expect(Array.isArray(body.rooms)).toBe(true);
    expect((await get("/colyseus/", basic("admin", PASSWORD))).status).toBe(200);
  });

  it("without settings: /metrics is open, the monitor is not mounted; /ready is 503 once the store stops answering", async () => {
    await srv.stop();
    bare = await startServer({ ops: { metricsToken: null, monitorPassword: null } });
    expect((await fetch(bare.url + "/metrics")).status).toBe(200);
    expect((await fetch(bare.url + "/colyseus/api")).status).toBe(404);
    const ping = bare.store.ping.bind(bare.store);
    bare.store.ping = () => Promise.reject(new Error("database is locked"));
    const r = await fetch(bare.url + "/ready");
    expect(r.status).toBe(503);
    expect(await r.json()).toEqual({ ok: false, checks: { store: "database is locked" } });
    expect((await fetch(bare.url + "/health")).status).toBe(200); // alive, only not ready
    bare.store.ping = ping;
    expect((await fetch(bare.url + "/ready")).status).toBe(200);
  });
});
