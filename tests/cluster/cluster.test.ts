/**
 * Two game processes behind nginx, on Redis (RedisPresence + RedisDriver) and PostgreSQL, as real
 * child processes (tools/cluster-lib.ts): a fresh schema and Redis key prefix for this file. Players
 * only know the proxy's URL (or, to pin which process answers, one process's own port).
 *
 * Needs Redis, PostgreSQL and nginx (all on CI): a missing one fails with a message, never skips.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "@colyseus/sdk";
import { replay, squadViewHash } from "../../shared/index.js";
import { PgMatchStore } from "../../server/store/index.js";
import { loadMapById } from "../../server/maps.js";
import { startCluster, type Cluster } from "../../tools/cluster-lib.js";
import { rejoinByCode } from "../../client/src/rejoin.js";
import { TEST_REDIS_URL, freshRedisPrefix, freshSchema, type TestRedis, type TestSchema } from "../services.js";
import { collect, getJson, inviteOf, keyOf, quietClient, sleep, waitForState, wire, type BattleClientRoom } from "../server/helpers.js";

let cluster: Cluster;
let db: TestSchema;
let rd: TestRedis;
let stderr = "";
/** The shared match store, read directly: over HTTP a record is served only once its battle is over. */
let store: PgMatchStore;

/** The stored record of a battle still being fought, replayed: its squad-view hash (what HTTP serves). */
async function storedViewHash(code: string): Promise<{ hash: string; steps: number }> {
  const rec = await store.getRecord(code);
  if (!rec) throw new Error(`no record ${code}`);
  const r = replay(rec, loadMapById(rec.map.id));
  expect(r.error).toBeNull();
  return { hash: squadViewHash(r.state), steps: rec.log.length };
}

beforeAll(async () => {
  db = await freshSchema();
  rd = await freshRedisPrefix();
  store = await PgMatchStore.open({ url: db.url });
  cluster = await startCluster({
    processes: 2,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: rd.prefix,
    databaseUrl: db.url,
    // Rooms nobody is in close after 1 s (reopened by code); a dropped player's seat is held 3 s.
    env: { LAST_STAND_IDLE_SECONDS: "1", LAST_STAND_RECONNECT_SECONDS: "3" },
    onStderr: (name, d) => (stderr += `[${name}] ${d}`),
  });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  await store?.close();
  await db?.drop();
  await rd?.clear();
}, 60_000);

const direct = (i: number) => `http://127.0.0.1:${cluster.nodes[i].port}`;

/** Which process a client's room WebSocket reached: its URL goes through nginx's /gI/ location. */
function nodeOf(room: Room): number {
  const url = String((room as any).connection.transport.ws.url);
  const m = /\/g(\d+)\//.exec(url);
  if (!m) throw new Error(`not a cluster room URL: ${url}`);
  return Number(m[1]) - 1;
}

async function listing(code: string): Promise<{ processId: string } | null> {
  const raw = await rd.redis.hget("roomcaches", code);
  return raw ? JSON.parse(raw) : null;
}

async function processIdOf(i: number): Promise<string> {
  return (await getJson(direct(i), "/health")).body.processId;
}

/** A lone player (the bot plays Wang once he is ready) a step into the battle. */
async function lonePlayer(base: string, seed: number): Promise<BattleClientRoom> {
  const room = await quietClient(base).create("battle", { seed, seat: "takumi" });
  await waitForState(room, (w) => w.phase === "player" && Object.keys(w.units).length > 0, 20_000, "the battle");
  const unit = Object.values(wire(room).units as Record<string, any>).find(
    (u) => u.seat === "takumi" && u.fate === "active" && u.ap > 0 && u.mag > 0 && u.hasWeapon && !u.overwatch,
  );
  if (unit) {
    const step = wire(room).step;
    room.send("action", { action: { type: "overwatch", unit: unit.id } });
    await waitForState(room, (w) => w.step > step, 20_000);
  }
  return room;
}

describe("a cluster of two processes behind nginx", () => {
  it("create on A, join through B: one battle, a client from each process, both play; reconnect through B", async () => {
    const takumi = await quietClient(direct(0)).create("battle", { seed: 11, seat: "takumi", waitForPartner: true });
    const code = takumi.roomId;
    expect(nodeOf(takumi)).toBe(0);
    // B's matchmaker finds the room on A (Redis) and sends Wang's WebSocket there (publicAddress).
    const wang = await quietClient(direct(1)).joinById(code, { invite: await inviteOf(takumi) });
    expect(nodeOf(wang)).toBe(0);
    const spectator = await quietClient(cluster.url).joinById(code, { seat: "spectator" });
    await waitForState(takumi, (w) => w.holderWang === "player" && w.spectators === 1);

    const round = wire(takumi).round;
    takumi.send("ready", { ready: true });
    await waitForState(wang, (w) => w.readyTakumi === true);
    wang.send("ready", { ready: true });
    const after = await waitForState(spectator, (w) => w.round > round || w.phase === "ended", 20_000);
    await waitForState(takumi, (w) => w.step === after.step);
    await waitForState(wang, (w) => w.step === after.step);

    // A drop, then the reconnection token presented to B: same session, same seat.
    wang.reconnection.enabled = false;
    const token = wang.reconnectionToken;
    (wang.connection as unknown as { close(code?: number): void }).close(4010);
    await waitForState(takumi, (w) => w.holderWang === "dropped");
    const back = await quietClient(direct(1)).reconnect(token);
    await waitForState(takumi, (w) => w.holderWang === "player");
    expect(back.sessionId).toBe(wang.sessionId);

    // A battle created through B lives on B.
    const other = await quietClient(direct(1)).create("battle", { seed: 12, seat: "takumi" });
    expect(nodeOf(other)).toBe(1);
    for (const r of [takumi, back, spectator, other]) await r.leave();
  }, 60_000);

  it("every HTTP endpoint answers the same from either process and through the proxy", async () => {
    const room = await lonePlayer(direct(1), 13);
    const code = room.roomId;
    const bases = [direct(0), direct(1), cluster.url];
    const summaries = await Promise.all(bases.map((b) => getJson(b, `/api/battles/${code}`)));
    for (const s of summaries) expect(s).toMatchObject({ status: 200, body: { code, live: true, step: wire(room).step } });
    expect(new Set(summaries.map((s) => s.body.hash)).size).toBe(1);
    // the hash served is the squad view's, the same as a replay of the stored log gives
    expect((await storedViewHash(code)).hash).toBe(summaries[0].body.hash);
    for (const b of bases) {
      // the record of a battle still being fought is served by no process
      const rec = await getJson(b, `/api/matches/${code}/record`);
      expect(rec).toMatchObject({ status: 409, body: { code: "ERR_MATCH_IN_PROGRESS" } });
      expect((await getJson(b, "/api/maps")).body.some((m: any) => m.id === "last-stand")).toBe(true);
      expect((await getJson(b, "/api/battles/ZZZZZ")).status).toBe(404);
    }
    const health = await Promise.all([0, 1].map((i) => getJson(direct(i), "/health")));
    expect(health.map((h) => h.body.ok)).toEqual([true, true]);
    expect(health[0].body.processId).not.toBe(health[1].body.processId);
    expect(health.map((h) => h.body.publicAddress)).toEqual(cluster.nodes.map((n) => n.publicAddress));
    await room.leave();
  }, 60_000);

  it("two processes racing to reopen one closed battle make one room", async () => {
    const room = await lonePlayer(direct(0), 14);
    const code = room.roomId;
    const before = (await getJson(cluster.url, `/api/battles/${code}`)).body;
    await room.leave();
    // Nobody is in it: it closes after 1 s, and its listing goes.
    for (let i = 0; i < 100 && (await listing(code)); i++) await sleep(50);
    expect(await listing(code)).toBeNull();

    // Each asks as a client does: a 503 (the room is still being opened, here or by the race's
    // winner, and not listed yet) says "try again in a moment" (docs/PROTOCOL.md), and it does.
    const ask = async (base: string) => {
      for (let tries = 1; ; tries++) {
        const a = await getJson(base, `/api/battles/${code}`);
        if (a.status !== 503 || a.body?.code !== "ERR_UNAVAILABLE" || tries === 10) return a;
        await sleep(1000);
      }
    };
    const asks = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(direct(i % 2))));
    for (const a of asks) expect(a).toMatchObject({ status: 200, body: { code, live: true, step: before.step, hash: before.hash } });
    // One listing, held (claimed) by the process it names.
    const l = await listing(code);
    expect(l).not.toBeNull();
    expect(await rd.redis.get(`ls:owner:${code}`)).toBe(l!.processId);
    const owner = [await processIdOf(0), await processIdOf(1)].indexOf(l!.processId);
    expect(owner).toBeGreaterThanOrEqual(0);
    // Joining through either process lands in that one room.
    const a = await quietClient(direct(0)).joinById(code, { key: await keyOf(room) });
    const b = await quietClient(direct(1)).joinById(code, { seat: "spectator" });
    expect([nodeOf(a), nodeOf(b)]).toEqual([owner, owner]);
    await waitForState(b, (w) => w.step === before.step && w.holderTakumi === "player");
    await a.leave();
    await b.leave();
  }, 60_000);

  it("SIGKILL of the process holding a battle mid-round: its listings are swept, and the battle goes on elsewhere by its code, same hash", async () => {
    const room = await lonePlayer(cluster.url, 15);
    const code = room.roomId;
    const victim = nodeOf(room);
    const survivor = 1 - victim;
    // A second battle on the same process, that nobody comes back to.
    const idle = await quietClient(direct(victim)).create("battle", { seed: 16, seat: "takumi" });
    expect(nodeOf(idle)).toBe(victim);
    const before = (await getJson(cluster.url, `/api/battles/${code}`)).body;
    expect(wire(room).phase).toBe("player");
    const seen = wire(room);
    room.reconnection.enabled = false;
    idle.reconnection.enabled = false;

    await cluster.kill(victim, "SIGKILL");
    const killedAt = Date.now();
    // The dead process's listings are removed by the survivors' sweep, with no client involved.
    while ((await listing(idle.roomId)) && Date.now() - killedAt < 10_000) await sleep(100);
    expect(await listing(idle.roomId)).toBeNull();

    // The player comes back with the code through the proxy: the battle reopens on the survivor.
    const back = await rejoinByCode(quietClient(cluster.url), cluster.url, code, await keyOf(room), { timeoutMs: 30_000 });
    expect(nodeOf(back)).toBe(survivor);
    // on the survivor the seat is still his key's: a stranger with the code cannot take it or Wang's
    for (const seat of ["takumi", "wang"]) await expect(quietClient(cluster.url).joinById(code, { seat })).rejects.toThrow(/ERR_SEAT_KEY/);
    const w = await waitForState(back, (s) => s.step === before.step && s.holderTakumi === "player", 20_000);
    for (const k of ["round", "phase", "units", "intents", "acid", "terrain", "visible", "readyTakumi", "readyWang"]) {
      expect(w[k], k).toEqual(seen[k as keyof typeof seen]);
    }
    expect((await getJson(cluster.url, `/api/battles/${code}`)).body).toMatchObject({ step: before.step, hash: before.hash });
    // …and it goes on: a command is accepted and logged.
    const round = w.round;
    back.send("ready", { ready: true });
    await waitForState(back, (s) => s.round > round || s.phase === "ended", 20_000);
    const final = (await getJson(cluster.url, `/api/battles/${code}`)).body;
    const stored = await storedViewHash(code);
    expect(stored.hash).toBe(final.hash);
    expect(stored.steps).toBeGreaterThan(before.step);
    await back.leave();
    await cluster.restart(victim);
  }, 120_000);

  it("SIGTERM (a deploy) with a command in flight: the process finishes it, its clients come back into their seats on the other process, nothing accepted is lost", async () => {
    const room = await lonePlayer(cluster.url, 17);
    const code = room.roomId;
    const victim = nodeOf(room);
    const errors = collect<{ code: string }>(room, "error");
    let leaveCode = 0;
    room.onLeave((c: number) => (leaveCode = c));
    const step0 = wire(room).step;

    room.send("ready", { ready: true }); // in flight as the process is told to stop
    const stopped = cluster.kill(victim, "SIGTERM");
    // More commands while it stops: each is accepted (logged) or refused, none silently lost.
    for (let i = 0; i < 3; i++) {
      try {
        room.send("ready", { ready: true });
      } catch {
        /* the socket has closed */
      }
    }
    // It takes no new connection (while its rooms finish): a battle created now lands on the other.
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await fetch(`${direct(victim)}/health`).then(() => false, () => true);
      if (!refused) await sleep(20);
    }
    expect(refused).toBe(true);
    const fresh = await quietClient(cluster.url).create("battle", { seed: 18, seat: "takumi" });
    expect(nodeOf(fresh)).toBe(1 - victim);
    await stopped;
    expect(cluster.nodes[victim].child.exitCode).toBe(0);
    for (let i = 0; i < 100 && leaveCode === 0; i++) await sleep(20);
    expect(leaveCode).toBe(4001);
    const lastSeen = wire(room).step;
    // The first command was in the log (it arrived before the room stopped taking commands) or
    // refused in words — never dropped in silence. (tests/server/shutdown.test.ts pins the order.)
    expect(lastSeen > step0 || errors.some((e) => e.code === "ERR_SHUTTING_DOWN")).toBe(true);
    for (const e of errors) expect(["ERR_SHUTTING_DOWN", "ERR_ALREADY_READY", "ERR_WRONG_PHASE"]).toContain(e.code);

    // The client does what client/src/net.ts does on 4001: back by the code, same seat.
    const back = await rejoinByCode(quietClient(cluster.url), cluster.url, code, await keyOf(room), { timeoutMs: 20_000 });
    expect(nodeOf(back)).toBe(1 - victim);
    const w = await waitForState(back, (s) => s.holderTakumi === "player" && s.step >= lastSeen, 20_000);
    // the bot partner may still be playing its turn: compare once the log and the room agree
    let stored = await storedViewHash(code);
    let served = (await getJson(cluster.url, `/api/battles/${code}`)).body;
    for (let i = 0; i < 50 && served.step !== stored.steps; i++) {
      await sleep(100);
      stored = await storedViewHash(code);
      served = (await getJson(cluster.url, `/api/battles/${code}`)).body;
    }
    expect(stored.steps).toBeGreaterThanOrEqual(w.step);
    expect(stored.hash).toBe(served.hash);
    await back.leave();
    await fresh.leave();
    await cluster.restart(victim);
  }, 120_000);

  it("a process refuses to start with REDIS_URL but no PUBLIC_ADDRESS, saying why", async () => {
    const { startServerProcess, freePort } = await import("../../tools/server-process.js");
    const err = await startServerProcess(await freePort(), "/nonexistent/x.sqlite", undefined, {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: rd.prefix,
      PUBLIC_ADDRESS: "",
    }).then(
      (child) => {
        child.kill("SIGKILL");
        return null;
      },
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/PUBLIC_ADDRESS/);
    expect(err?.message).toMatch(/exited \(2\)/);
  }, 60_000);
});
