/**
 * PostgreSQL going away or slow under live battles: two game processes behind nginx, on a private
 * PostgreSQL cluster and a private Redis this file starts (tools/private-services.ts), so the
 * database can be stopped and locked; the machine's shared services are never touched.
 *
 * Stopped 10 s: no command is acknowledged unless stored — commands sent during the outage are
 * held (LAST_STAND_STORE_HOLD_SECONDS, 15 s by default) and acknowledged once stored; nothing
 * forks, stalls or crashes; play goes on by itself; every record replays to the clients' state.
 * Slow (a lock held 3 s): the other battles on the process are delayed by no more than their own
 * store writes — the event loop stays free, and a battle whose own rows are not locked plays on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Room } from "@colyseus/sdk";
import { replay, squadViewHash } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { PgMatchStore } from "../../server/store/index.js";
import { startCluster, type Cluster } from "../../tools/cluster-lib.js";
import { privatePostgres, privateRedis, type PrivateService } from "../../tools/private-services.js";
import { getJson, nextMessage, quietClient, until, waitForState, wire, type BattleClientRoom } from "../server/helpers.js";

let cluster: Cluster;
let redis: PrivateService;
let db: PrivateService;
let stderr = "";
const OUTAGE_MS = 10_000;
const LOCK_MS = 3_000;

beforeAll(async () => {
  [redis, db] = await Promise.all([privateRedis(), privatePostgres()]);
  cluster = await startCluster({
    processes: 2,
    redisUrl: redis.url,
    databaseUrl: db.url,
    env: { LAST_STAND_IDLE_SECONDS: "60" },
    onStderr: (name, d) => (stderr += `[${name}] ${d}`),
    onStdout: (name, d) => process.env.FAULT_LOGS && process.stdout.write(`[${name}] ${d}`),
  });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  await Promise.all([redis?.destroy(), db?.destroy()]);
}, 60_000);

const direct = (i: number) => `http://127.0.0.1:${cluster.nodes[i].port}`;
function nodeOf(room: Room): number {
  const m = /\/g(\d+)\//.exec(String((room as any).connection.transport.ws.url));
  return Number(m![1]) - 1;
}

interface Player {
  room: BattleClientRoom;
  acks: { seq: number; ok: boolean; code?: string; at: number }[];
  seq: number;
}

async function lonePlayer(base: string, seed: number): Promise<Player> {
  const room = await quietClient(base).create("battle", { seed, seat: "takumi" });
  await waitForState(room, (w) => w.phase === "player" && w.holderTakumi === "player", 20_000);
  const p: Player = { room, acks: [], seq: 0 };
  room.onMessage("ack", (m: { seq: number; ok: boolean; code?: string }) => p.acks.push({ ...m, at: Date.now() }));
  return p;
}

/** Takumi readies (the bot partner then plays Wang, the creatures move): returns the command's number. */
function ready(p: Player): number {
  p.room.send("ready", { ready: true, seq: ++p.seq });
  return p.seq;
}
const ackOf = (p: Player, seq: number) => p.acks.find((a) => a.seq === seq);

/** The stored record, replayed: the squad view's hash, which the clients hold. */
async function checkRecord(store: PgMatchStore, p: Player): Promise<void> {
  const rec = (await store.getRecord(p.room.roomId))!;
  const r = replay(rec, loadMapById(rec.map.id));
  expect(r.error).toBeNull();
  expect(rec.log.length).toBe(wire(p.room).step);
  const summary = await getJson(cluster.url, `/api/battles/${p.room.roomId}`);
  expect(summary.body).toMatchObject({ live: true, step: rec.log.length, hash: squadViewHash(r.state) });
}

describe("PostgreSQL faults under live battles", () => {
  it("stopped 10 s: commands are held, none acknowledged before it is stored; play goes on by itself; records replay", async () => {
    const t0 = Date.now();
    const players = [await lonePlayer(direct(0), 51), await lonePlayer(direct(1), 52), await lonePlayer(direct(0), 53)];
    expect(players.map((p) => nodeOf(p.room))).toEqual([0, 1, 0]);
    for (const p of players) {
      const round = wire(p.room).round;
      const s = ready(p);
      await until(() => ackOf(p, s) !== undefined, "an ack before the outage", 20_000);
      expect(ackOf(p, s)).toMatchObject({ ok: true });
      // the bot partner and the creatures have played: the battle waits for Takumi again
      await waitForState(p.room, (w) => w.round > round && w.phase === "player" && !w.readyWang, 20_000, "the round to turn");
    }
    const before = players.map((p) => ({ round: wire(p.room).round, step: wire(p.room).step }));

    await db.stop();
    const down = Date.now();
    const sent = players.map((p) => ready(p));
    // /health lives, /ready says why not
    for (const i of [0, 1]) {
      expect((await getJson(direct(i), "/health")).status).toBe(200);
      const r = await getJson(direct(i), "/ready");
      expect(r.status).toBe(503);
      expect(r.body.checks.store).not.toBe("ok");
    }
    // the outage itself: the fault injected lasts OUTAGE_MS
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - down))));
    // nothing acknowledged, nothing applied while nothing could be stored
    players.forEach((p, i) => {
      expect(ackOf(p, sent[i])).toBeUndefined();
      expect(wire(p.room).step).toBe(before[i].step);
    });
    await db.start();
    const up = Date.now();

    // held commands are stored and acknowledged; the bot plays; the rounds turn by themselves
    for (const [i, p] of players.entries()) {
      await until(() => ackOf(p, sent[i]) !== undefined, `the held command of battle ${i}`, 20_000);
      expect(ackOf(p, sent[i])).toMatchObject({ ok: true });
      await waitForState(p.room, (w) => w.round > before[i].round || w.phase === "ended", 20_000, "the round to turn");
    }
    const resumed = Math.max(...players.map((p, i) => ackOf(p, sent[i])!.at)) - up;
    // and the next command plays at once
    for (const p of players) {
      const s = ready(p);
      await until(() => ackOf(p, s) !== undefined, "a command after the outage", 20_000);
      expect(ackOf(p, s)).toMatchObject({ ok: true });
    }
    for (const i of [0, 1]) expect((await getJson(direct(i), "/ready")).status).toBe(200);
    for (const n of cluster.nodes) expect(n.child.exitCode).toBeNull();

    const store = await PgMatchStore.open({ url: db.url });
    try {
      for (const p of players) {
        await waitForState(p.room, () => true);
        await until(async () => (await store.logTail(p.room.roomId)).length === wire(p.room).step, "the clients' step stored");
        await checkRecord(store, p);
      }
    } finally {
      await store.close();
    }
    console.log(`postgres outage: down ${((up - down) / 1000).toFixed(1)} s; held commands acknowledged ${resumed} ms after it returned; test ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const p of players) await p.room.leave();
  }, 90_000);

  it("slow (a lock held 3 s): the event loop stays free, and a battle whose rows are not locked plays on", async () => {
    const t0 = Date.now();
    const [x, y] = [await lonePlayer(direct(0), 61), await lonePlayer(direct(0), 62)];
    const locker = new pg.Client({ connectionString: db.url, user: "postgres" });
    await locker.connect();
    try {
      // 1. The whole commands table locked against writes: every battle's writes wait for it, and
      // nothing else does — the process answers HTTP and the side channel at once.
      await locker.query("SET lock_timeout = '5s'");
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE commands IN SHARE MODE");
      const locked = Date.now();
      const sx = ready(x);
      const sy = ready(y);
      let slowest = 0;
      while (Date.now() - locked < LOCK_MS) {
        const t = Date.now();
        expect((await getJson(direct(0), "/health")).status).toBe(200);
        const ping = nextMessage(y.room, "ping");
        y.room.send("ping", { x: 1, y: 1, kind: "move" });
        await ping;
        slowest = Math.max(slowest, Date.now() - t);
        // a probe every 100 ms: within the player's message budget (LAST_STAND_RATE)
        await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - t))));
      }
      expect(ackOf(x, sx)).toBeUndefined();
      expect(ackOf(y, sy)).toBeUndefined();
      await locker.query("COMMIT");
      const released = Date.now();
      await until(() => ackOf(x, sx) !== undefined && ackOf(y, sy) !== undefined, "both acks after the lock");
      expect(ackOf(x, sx)).toMatchObject({ ok: true });
      expect(ackOf(y, sy)).toMatchObject({ ok: true });
      expect(slowest).toBeLessThan(500);

      // 2. One battle's rows locked (its match row, which every append of its own checks): the
      // other battle on the same process is acknowledged at once; the locked one once released.
      for (const p of [x, y]) await waitForState(p.room, (w) => w.readyTakumi === false && w.phase === "player", 20_000);
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM matches WHERE id = $1 FOR UPDATE", [x.room.roomId]);
      const rowLocked = Date.now();
      const sx2 = ready(x);
      await new Promise((r) => setTimeout(r, 100)); // x's append is in flight first
      const sy2 = ready(y);
      await until(() => ackOf(y, sy2) !== undefined, "the other battle's ack", LOCK_MS);
      const yWait = ackOf(y, sy2)!.at - rowLocked;
      expect(ackOf(y, sy2)).toMatchObject({ ok: true });
      expect(ackOf(x, sx2)).toBeUndefined();
      expect(yWait).toBeLessThan(1500);
      await new Promise((r) => setTimeout(r, Math.max(0, LOCK_MS - (Date.now() - rowLocked)))); // the lock's length, injected
      await locker.query("COMMIT");
      await until(() => ackOf(x, sx2) !== undefined, "the locked battle's ack after release");
      expect(ackOf(x, sx2)).toMatchObject({ ok: true });
      console.log(`postgres slow: longest /health + ping round trip under a table lock ${slowest} ms; acks ${ackOf(x, sx)!.at - released}/${ackOf(y, sy)!.at - released} ms after release; unlocked battle acked ${yWait} ms into a row lock on another; test ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } finally {
      await locker.end();
    }
    const store = await PgMatchStore.open({ url: db.url });
    try {
      for (const p of [x, y]) {
        await until(async () => (await store.logTail(p.room.roomId)).length === wire(p.room).step, "the clients' step stored");
        await checkRecord(store, p);
      }
    } finally {
      await store.close();
    }
    for (const p of [x, y]) await p.room.leave();
  }, 60_000);
});
