/**
 * The cluster's own pieces on a real Redis (a fresh key prefix): battle claims (one holder; taken
 * over only from a process whose heartbeat is gone), the sweep of a dead process's listings and
 * claims, and a process noticing that it was taken for dead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { RedisDriver, initializeRoomCache } from "colyseus";
import { RedisOwnership, heartbeatKey, ownerKey, ownedKey } from "../../server/cluster/ownership.js";
import { Heartbeat } from "../../server/cluster/heartbeat.js";
import { TEST_REDIS_URL, freshRedisPrefix, type TestRedis } from "../services.js";
import { sleep, until } from "../server/helpers.js";

let rd: TestRedis;
const clients: Redis[] = [];
function redis(): Redis {
  const r = new Redis(TEST_REDIS_URL, { keyPrefix: rd.prefix });
  clients.push(r);
  return r;
}

beforeAll(async () => {
  rd = await freshRedisPrefix();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await rd.clear();
});

describe("battle claims", () => {
  it("one process holds a battle; another takes it over only once the holder's heartbeat is gone", async () => {
    const a = new RedisOwnership(redis(), "procA", rd.prefix);
    const b = new RedisOwnership(redis(), "procB", rd.prefix);
    await rd.redis.set(heartbeatKey("procA"), "x", "PX", 60_000);
    await rd.redis.set(heartbeatKey("procB"), "x", "PX", 60_000);

    // Racing claims: exactly one wins.
    const race = await Promise.all([a.claim("QWERT"), b.claim("QWERT"), a.claim("QWERT"), b.claim("QWERT")]);
    expect(race.filter((c) => c.ok)).toHaveLength(1);
    const holder = await a.holder("QWERT");
    expect(["procA", "procB"]).toContain(holder);
    const [winner, loser] = holder === "procA" ? [a, b] : [b, a];
    expect(await loser.claim("QWERT")).toEqual({ ok: false, holder });
    // Releasing is the holder's alone.
    await loser.release("QWERT");
    expect(await a.holder("QWERT")).toBe(holder);
    await winner.release("QWERT");
    expect(await a.holder("QWERT")).toBeNull();

    // A holder whose heartbeat expired (killed) is taken over.
    expect(await a.claim("ZXCVB")).toEqual({ ok: true });
    expect(await rd.redis.smembers(ownedKey("procA"))).toContain("ZXCVB");
    await rd.redis.del(heartbeatKey("procA"));
    expect(await a.alive("procA")).toBe(false);
    expect(await b.claim("ZXCVB")).toEqual({ ok: true, tookFrom: "procA" });
    expect(await b.holder("ZXCVB")).toBe("procB");
    expect(await rd.redis.smembers(ownedKey("procA"))).not.toContain("ZXCVB");
    expect(await rd.redis.smembers(ownedKey("procB"))).toContain("ZXCVB");
  });
});

describe("heartbeat and sweep", () => {
  it("removes a dead process's listings, room count and claims at once, and leaves a live one's alone", async () => {
    const driver = new RedisDriver(redis());
    const listing = (roomId: string, processId: string) => initializeRoomCache({ roomId, processId, name: "battle", clients: 0, maxClients: 2 } as any);
    // A dead process (no heartbeat) and a live one, each with a room and a claim.
    await driver.persist(listing("DEADA", "procDead"), true);
    await driver.persist(listing("LIVEA", "procLive"), true);
    await rd.redis.hset("roomcount", "procDead", "1,0", "procLive", "1,0");
    await rd.redis.set(heartbeatKey("procLive"), "x", "PX", 60_000);
    await rd.redis.set(ownerKey("DEADA"), "procDead");
    await rd.redis.sadd(ownedKey("procDead"), "DEADA");
    await rd.redis.set(ownerKey("LIVEA"), "procLive");

    const hb = new Heartbeat(redis(), driver, "procMe", "127.0.0.1:1/g1", rd.prefix, { intervalMs: 100 });
    await hb.start();
    try {
      expect(await driver.findOne({ roomId: "DEADA" })).toBeUndefined();
      expect(await rd.redis.hexists("roomcount", "procDead")).toBe(0);
      expect(await rd.redis.get(ownerKey("DEADA"))).toBeNull();
      expect(await rd.redis.exists(ownedKey("procDead"))).toBe(0);
      expect(await driver.findOne({ roomId: "LIVEA" })).toMatchObject({ processId: "procLive" });
      expect(await rd.redis.get(ownerKey("LIVEA"))).toBe("procLive");
      // Its own heartbeat lives, with a short expiry.
      const ttl = await rd.redis.pttl(heartbeatKey("procMe"));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(400);
      // The live process stops beating: the next sweeps remove it too.
      await rd.redis.del(heartbeatKey("procLive"));
      for (let i = 0; i < 30 && (await driver.findOne({ roomId: "LIVEA" })); i++) await sleep(50);
      expect(await driver.findOne({ roomId: "LIVEA" })).toBeUndefined();
    } finally {
      await hb.stop();
    }
    expect(await rd.redis.exists(heartbeatKey("procMe"))).toBe(0);
  });

  it("a process that finds its heartbeat expired (it stalled) says so once, and beats again", async () => {
    const driver = new RedisDriver(redis());
    let lost = 0;
    // a long life for its key: only the test's delete takes it for expired, never a slow machine's stall
    const hb = new Heartbeat(redis(), driver, "procStall", "127.0.0.1:1/g2", rd.prefix, { intervalMs: 100, ttlMs: 10_000, onLost: () => lost++ });
    await hb.start();
    try {
      // beating on: nothing lost
      await until(() => hb.beats >= 3, "three heartbeats");
      expect(lost).toBe(0);
      await rd.redis.del(heartbeatKey("procStall")); // as if it had expired during a stall
      for (let i = 0; i < 20 && lost === 0; i++) await sleep(50);
      expect(lost).toBe(1);
      // it beats again, and says it once
      const beats = hb.beats;
      await until(() => hb.beats >= beats + 3, "three more heartbeats");
      expect(lost).toBe(1);
      expect(await rd.redis.exists(heartbeatKey("procStall"))).toBe(1);
    } finally {
      await hb.stop();
    }
  });
});
