/**
 * The real services the tests and the cluster benchmark need: PostgreSQL (a fresh schema per test) and Redis (a fresh key
 * prefix per test). They run on every development and CI machine; when one is missing the test
 * fails with a clear message, it never skips. Override with LAST_STAND_TEST_DATABASE_URL and
 * LAST_STAND_TEST_REDIS_URL.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";

export const TEST_DATABASE_URL = process.env.LAST_STAND_TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
export const TEST_REDIS_URL = process.env.LAST_STAND_TEST_REDIS_URL || "redis://127.0.0.1:6379";

/** `LAST_STAND_TEST_STORE=postgres` runs the server suite on PostgreSQL instead of SQLite. */
export const TEST_STORE: "sqlite" | "postgres" = process.env.LAST_STAND_TEST_STORE === "postgres" ? "postgres" : "sqlite";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(TEST_DATABASE_URL);
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, user: u.username || "postgres", connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`This test needs PostgreSQL at ${TEST_DATABASE_URL} (LAST_STAND_TEST_DATABASE_URL): ${(err as Error).message}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestSchema {
  schema: string;
  /** DATABASE_URL for the store, with `?schema=`. */
  url: string;
  drop(): Promise<void>;
}

/** A new, empty schema in the test database. */
export async function freshSchema(): Promise<TestSchema> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  const u = new URL(TEST_DATABASE_URL);
  u.searchParams.set("schema", schema);
  return { schema, url: u.toString(), drop: () => admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined) };
}

export interface TestRedis {
  prefix: string;
  /** A client with the prefix (to look at what the cluster wrote). */
  redis: Redis;
  /** Deletes every key under the prefix and closes the client. */
  clear(): Promise<void>;
}

export async function freshRedisPrefix(): Promise<TestRedis> {
  const prefix = `lstest:${randomBytes(5).toString("hex")}:`;
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: prefix, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new Error(`This test needs Redis at ${TEST_REDIS_URL} (LAST_STAND_TEST_REDIS_URL): ${(err as Error).message}`);
  }
  return {
    prefix,
    redis,
    async clear() {
      // SCAN sees full key names; the prefixed client would prefix them again, so DEL without it.
      const raw = redis.duplicate({ keyPrefix: "" });
      let cursor = "0";
      do {
        const [next, keys] = await raw.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
        cursor = next;
        if (keys.length) await raw.del(...keys);
      } while (cursor !== "0");
      raw.disconnect();
      redis.disconnect();
    },
  };
}
