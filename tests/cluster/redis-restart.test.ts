/**
 * Redis restarts under live battles (down 10 s, back with no keys: no persistence). Two game
 * processes behind nginx, on a private Redis and a private PostgreSQL cluster this file starts
 * (tools/private-services.ts); the machine's shared services are never touched.
 *
 * Guarantees: battles in play keep playing on the process that holds them; a creation or a join
 * during the outage gets a clear refusal (ERR_UNAVAILABLE) at once, and works after it; the claims,
 * listings and presence come back without restarting a game process; no listing of a dead process
 * stays; no battle is opened twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import type { Room } from "@colyseus/sdk";
import { startCluster, type Cluster } from "../../tools/cluster-lib.js";
import { privatePostgres, privateRedis, type PrivateService } from "../../tools/private-services.js";
import { getJson, quietClient, until, waitForState, wire, type BattleClientRoom } from "../server/helpers.js";

let cluster: Cluster;
let redis: PrivateService;
let pg: PrivateService;
let stderr = "";
const OUTAGE_MS = 10_000;

beforeAll(async () => {
  [redis, pg] = await Promise.all([privateRedis(), privatePostgres()]);
  cluster = await startCluster({
    processes: 2,
    redisUrl: redis.url,
    databaseUrl: pg.url,
    env: { LAST_STAND_IDLE_SECONDS: "30" },
    onStderr: (name, d) => (stderr += `[${name}] ${d}`),
  });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  await Promise.all([redis?.destroy(), pg?.destroy()]);
}, 60_000);

const direct = (i: number) => `http://127.0.0.1:${cluster.nodes[i].port}`;
function nodeOf(room: Room): number {
  const m = /\/g(\d+)\//.exec(String((room as any).connection.transport.ws.url));
  return Number(m![1]) - 1;
}

/** One round played by a lone player (the bot partner plays Wang once he is ready). */
async function playRound(room: BattleClientRoom, seq: number): Promise<void> {
  const round = wire(room).round;
  const acks: any[] = [];
  const off = room.onMessage("ack", (m) => acks.push(m));
  room.send("ready", { ready: true, seq });
  await waitForState(room, (w) => w.round > round || w.phase === "ended", 20_000, `round ${round} to end`);
  await until(() => acks.some((a) => a.seq === seq), `ack ${seq}`);
  off();
  expect(acks.find((a) => a.seq === seq)).toEqual({ seq, ok: true });
}

async function processIds(): Promise<string[]> {
  return Promise.all([0, 1].map(async (i) => (await getJson(direct(i), "/health")).body.processId));
}

describe("Redis restarts under live battles", () => {
  it("battles play through the outage; matchmaking refuses clearly, then works; claims and listings recover", async () => {
    const t0 = Date.now();
    const a = await quietClient(direct(0)).create("battle", { seed: 41, seat: "takumi" });
    const b = await quietClient(direct(1)).create("battle", { seed: 42, seat: "takumi" });
    expect([nodeOf(a), nodeOf(b)]).toEqual([0, 1]);
    for (const r of [a, b]) await waitForState(r, (w) => w.phase === "player" && w.holderTakumi === "player", 20_000);
    await playRound(a, 1);
    await playRound(b, 1);
    const pids = await processIds();

    await redis.stop();
    const down = Date.now();
    // Battles in play keep playing, on the process that holds them.
    await playRound(a, 2);
    await playRound(b, 2);
    // Creations and joins: a clear refusal, at once (not a hang on Redis' retries).
    const t = Date.now();
    const created = await quietClient(cluster.url).create("battle", { seed: 43, seat: "takumi" }).then(() => "joined", (e: Error) => e.message);
    expect(created).toMatch(/ERR_UNAVAILABLE/);
    const joined = await quietClient(direct(1)).joinById(a.roomId, { seat: "spectator" }).then(() => "joined", (e: Error) => e.message);
    expect(joined).toMatch(/ERR_UNAVAILABLE/);
    expect(Date.now() - t).toBeLessThan(3000);
    // The HTTP lookup of a battle cannot know where it lives: 503, never a reopening elsewhere.
    expect((await getJson(direct(1), `/api/battles/${a.roomId}`)).status).toBe(503);
    for (const i of [0, 1]) {
      expect((await getJson(direct(i), "/health")).status).toBe(200);
      const ready = await getJson(direct(i), "/ready");
      expect(ready.status).toBe(503);
      expect(ready.body.checks.redis).not.toBe("ok");
    }
    // the outage itself: the fault injected lasts OUTAGE_MS
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - down))));
    await redis.start();
    const up = Date.now();

    // Recovery with no game process restarted: ready, claims and listings written again.
    const spy = new Redis(redis.url, { lazyConnect: true });
    await spy.connect();
    await until(async () => (await Promise.all([0, 1].map((i) => getJson(direct(i), "/ready")))).every((r) => r.status === 200), "both processes ready", 15_000);
    await until(async () => (await spy.get(`ls:owner:${a.roomId}`)) === pids[0] && (await spy.get(`ls:owner:${b.roomId}`)) === pids[1], "the claims written again", 15_000);
    await until(async () => {
      const listings = await spy.hgetall("roomcaches");
      return JSON.parse(listings[a.roomId] ?? "{}").processId === pids[0] && JSON.parse(listings[b.roomId] ?? "{}").processId === pids[1];
    }, "the listings written again", 15_000);
    const recovered = Date.now() - up;
    // Only live processes are listed.
    for (const raw of Object.values(await spy.hgetall("roomcaches"))) expect(pids).toContain(JSON.parse(raw).processId);

    // Matchmaking works again: a new battle, a spectator joining A through the other process, and
    // A's summary from either process is the live room (never a second opening).
    const c = await quietClient(cluster.url).create("battle", { seed: 44, seat: "takumi" });
    const spectator = await quietClient(direct(1)).joinById(a.roomId, { seat: "spectator" });
    expect(nodeOf(spectator)).toBe(0);
    await waitForState(spectator, (w) => w.step === wire(a).step);
    for (const i of [0, 1]) expect((await getJson(direct(i), `/api/battles/${a.roomId}`)).body).toMatchObject({ live: true, step: wire(a).step });
    await playRound(a, 3);
    await playRound(b, 3);
    for (const n of cluster.nodes) expect(n.child.exitCode).toBeNull();
    expect(stderr).not.toMatch(/Unhandled|uncaught/i);
    console.log(`redis restart: down ${((up - down) / 1000).toFixed(1)} s; claims, listings and /ready back ${recovered} ms after Redis; test ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    spy.disconnect();
    for (const r of [a, b, c, spectator]) await r.leave();
  }, 90_000);
});
