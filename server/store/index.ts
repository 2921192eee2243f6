/**
 * The match store (store/interface.ts) and how a process opens it: PostgreSQL with DATABASE_URL,
 * else SQLite in a local file.
 */
import type { MatchStore } from "./interface.js";
import { PgMatchStore } from "./postgres.js";
import { SqliteMatchStore, defaultDbPath } from "./sqlite.js";

export * from "./interface.js";
export { PgMatchStore, parseDatabaseUrl, type PgStoreOptions } from "./postgres.js";
export { SqliteMatchStore, defaultDbPath } from "./sqlite.js";

/** Opens the match store the configuration names: PostgreSQL with `databaseUrl`, else SQLite. */
export async function openStore(databaseUrl: string | null, dbPath?: string): Promise<MatchStore> {
  if (databaseUrl) {
    // The same durability as the SQLite default (WAL, synchronous NORMAL) unless asked for more:
    // see PgStoreOptions.synchronousCommit.
    return PgMatchStore.open({ url: databaseUrl, synchronousCommit: process.env.PG_SYNCHRONOUS_COMMIT === "on" });
  }
  return new SqliteMatchStore(dbPath ?? defaultDbPath());
}
