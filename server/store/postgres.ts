/**
 * The match store in PostgreSQL (`DATABASE_URL=postgres://…`), for many game processes sharing one
 * log. Tables: store/migrations.ts (run at start under an advisory lock); rows: store/rows.ts.
 *
 * Driver: `pg` (node-postgres) rather than `postgres` (postgres.js): both ran here at the same speed,
 * `pg` is the one most operators already run and monitor, has a plain `Pool` with explicit sizing
 * and typed results (@types/pg), and no tagged-template query language to learn.
 *
 * Documents are `json` (not `jsonb`), so a command reads back exactly as it was logged. An append is
 * one statement: `INSERT … SELECT … FROM unnest(…)` guarded by the log's length, so a gap inserts
 * nothing (and throws here) and a duplicate index violates the primary key — two processes can
 * never both write step n of a battle. Appends of many battles pending at once share one such
 * statement.
 */
import pg from "pg";
import type { MatchRecord } from "../../shared/index.js";
import type { CampaignProgress, CampaignRow, LoggedCommand, LogTail, MatchInfo, MatchStore, NewMatch } from "./interface.js";
import { MIGRATIONS, SCHEMA_VERSION_TABLE, postgresDialect, stepSql, tooNew } from "./migrations.js";
import { CAMPAIGN_COLUMNS, MATCH_COLUMNS, campaignValues, commandValues, matchValues, progressValues, toCampaign, toInfo, toLogEntry, toRecord } from "./rows.js";
import { log } from "../logger.js";

type Raw = Record<string, unknown>;

interface PendingAppend {
  id: string;
  index: number;
  commands: LoggedCommand[];
  resolve: () => void;
  reject: (err: Error) => void;
}

const MAX_BATCHES_IN_FLIGHT = 2;
const MIGRATION_LOCK = 7312001;
const JSON_OID = 114;

/** JSON columns come back as the text that was written (store/rows.ts parses them for both stores). */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === JSON_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

const params = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(", ");

export interface PgStoreOptions {
  /** `postgres://user@host:port/db`; `?schema=name` keeps the tables in that schema (created if missing). */
  url: string;
  /** Pool size (default 8, env PG_POOL_SIZE). */
  poolSize?: number;
  /**
   * false: `synchronous_commit = off` for our sessions. A commit returns once PostgreSQL has the
   * row, before its WAL is flushed to disk: a game process killed at any moment loses nothing, and
   * only a crash of the database host can lose the last ~0.6 s — the same guarantee as the SQLite
   * store (WAL with synchronous NORMAL). On a busy disk the flush is the whole tail of the append
   * latency (README, "Speed"). true: flushed before every acknowledgement. The server passes
   * PG_SYNCHRONOUS_COMMIT=on → true; default false. The pool's own default here is true.
   */
  synchronousCommit?: boolean;
}

/** Splits our own `schema` parameter off the URL (pg would pass unknown parameters to the server). */
export function parseDatabaseUrl(url: string): { connectionString: string; schema: string | null } {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`DATABASE_URL: bad schema name "${schema}"`);
  return { connectionString: u.toString(), schema };
}

export class PgMatchStore implements MatchStore {
  private constructor(
    readonly pool: pg.Pool,
    readonly schema: string | null,
  ) {}

  /** Connects, creates the schema if asked, and migrates the tables. */
  static async open(options: PgStoreOptions): Promise<PgMatchStore> {
    const { connectionString, schema } = parseDatabaseUrl(options.url);
    const base: pg.PoolConfig = {
      connectionString,
      max: options.poolSize ?? (Number(process.env.PG_POOL_SIZE) || 8),
      // `new pg.Client()` reads $USER for the role, which may be unset: default to postgres.
      user: new URL(connectionString).username || process.env.PGUSER || "postgres",
      types: TYPES,
    };
    const serverOptions = [
      ...(schema ? [`-c search_path=${schema}`] : []),
      ...(options.synchronousCommit === false ? ["-c synchronous_commit=off"] : []),
    ];
    if (serverOptions.length) base.options = serverOptions.join(" ");
    const pool = new pg.Pool(base);
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on("error", (err) => log.error({ kind: "store" }, `postgres: ${err.message}`));
    const store = new PgMatchStore(pool, schema);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
    return store;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // One process migrates at a time (many start together in a cluster).
      await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        if (this.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await client.query(SCHEMA_VERSION_TABLE);
        const rows = (await client.query<{ version: number }>("SELECT version FROM schema_version")).rows;
        let version = rows[0]?.version ?? 0;
        if (rows.length === 0) await client.query("INSERT INTO schema_version (version) VALUES (0)");
        if (version > MIGRATIONS.length) throw tooNew(version);
        for (; version < MIGRATIONS.length; version++) {
          await client.query("BEGIN");
          for (const step of MIGRATIONS[version].steps) await client.query(stepSql(postgresDialect, step));
          await client.query("UPDATE schema_version SET version = $1", [version + 1]);
          await client.query("COMMIT");
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
      }
    } finally {
      client.release();
    }
  }

  async createMatch(m: NewMatch): Promise<void> {
    await this.pool.query({
      name: "ls_insert_match",
      text: `INSERT INTO matches (${MATCH_COLUMNS.join(", ")}) VALUES (${params(MATCH_COLUMNS.length)})`,
      values: matchValues(m, Date.now()),
    });
  }

  /**
   * Appends wait here and go out together: one statement (one round trip, one commit) carries every
   * battle's pending append. On a busy machine each round trip costs a scheduling wait of the
   * PostgreSQL backend and of this process; batching pays it once per batch, not once per room.
   * Two batches may be in flight; a battle has at most one append in flight.
   */
  private pending: PendingAppend[] = [];
  private inFlight = 0;
  private inFlightIds = new Set<string>();

  appendCommands(id: string, index: number, commands: LoggedCommand[]): Promise<void> {
    if (commands.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.pending.push({ id, index, commands, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < MAX_BATCHES_IN_FLIGHT && this.pending.length > 0) {
      const batch: PendingAppend[] = [];
      const rest: PendingAppend[] = [];
      const ids = new Set<string>();
      for (const p of this.pending) {
        if (ids.has(p.id) || this.inFlightIds.has(p.id)) rest.push(p);
        else {
          ids.add(p.id);
          batch.push(p);
        }
      }
      this.pending = rest;
      if (batch.length === 0) return;
      this.inFlight++;
      for (const id of ids) this.inFlightIds.add(id);
      void this.writeBatch(batch).finally(() => {
        this.inFlight--;
        for (const id of ids) this.inFlightIds.delete(id);
        this.flush();
      });
    }
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    if (batch.length > 1) {
      const rows = batch.flatMap((p) => p.commands.map((c, k) => [p.id, p.index + k, ...commandValues(c)] as const));
      const column = (i: number) => rows.map((r) => r[i]);
      try {
        // Each battle's rows go in only if they start at its log's end (a gap or a replayed step
        // inserts nothing for that battle); a duplicate violates the primary key and fails the batch.
        const res = await this.pool.query<{ match_id: string; n: string }>({
          name: "ls_append_batch",
          text: `WITH input AS (
                   SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[]) AS t(match_id, idx, seat, action, hash, seq, by_seat)
                 ), ok AS (
                   SELECT match_id FROM input GROUP BY match_id
                   HAVING MIN(idx) = (SELECT COALESCE(MAX(c.idx) + 1, 0) FROM commands c WHERE c.match_id = input.match_id)
                 ), ins AS (
                   INSERT INTO commands (match_id, idx, seat, action, hash, seq, by_seat)
                   SELECT i.match_id, i.idx, i.seat, i.action::json, i.hash, i.seq, i.by_seat FROM input i JOIN ok USING (match_id)
                   RETURNING match_id
                 )
                 SELECT match_id, count(*) AS n FROM ins GROUP BY match_id`,
          values: [0, 1, 2, 3, 4, 5, 6].map(column),
        });
        const inserted = new Map(res.rows.map((r) => [r.match_id, Number(r.n)]));
        for (const p of batch) {
          if (inserted.get(p.id) === p.commands.length) p.resolve();
          else p.reject(new Error(`match ${p.id}: append at ${p.index} does not follow the log's end`));
        }
        return;
      } catch {
        // A duplicate or an unknown match failed the whole batch: each append on its own says which.
      }
    }
    await Promise.all(batch.map((p) => this.appendOne(p.id, p.index, p.commands).then(p.resolve, p.reject)));
  }

  private async appendOne(id: string, index: number, commands: LoggedCommand[]): Promise<void> {
    const values = commands.map(commandValues);
    const column = (i: number) => values.map((v) => v[i]);
    const res = await this.pool.query({
      name: "ls_append",
      text: `INSERT INTO commands (match_id, idx, seat, action, hash, seq, by_seat)
             SELECT $1, $2 + t.n - 1, t.seat, t.action::json, t.hash, t.seq, t.by_seat
             FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::text[]) WITH ORDINALITY AS t(seat, action, hash, seq, by_seat, n)
             WHERE (SELECT COALESCE(MAX(idx) + 1, 0) FROM commands WHERE match_id = $1) = $2`,
      values: [id, index, ...[0, 1, 2, 3, 4].map(column)],
    });
    if (res.rowCount !== commands.length) throw new Error(`match ${id}: append at ${index} does not follow the log's end`);
  }

  async logTail(id: string): Promise<LogTail> {
    const row = (
      await this.pool.query<{ idx: number; hash: string | null }>({
        name: "ls_log_tail",
        text: "SELECT idx, hash FROM commands WHERE match_id = $1 ORDER BY idx DESC LIMIT 1",
        values: [id],
      })
    ).rows[0];
    return row ? { length: row.idx + 1, lastHash: row.hash } : { length: 0, lastHash: null };
  }

  async finishMatch(id: string, outcome: string): Promise<void> {
    await this.pool.query({ name: "ls_finish", text: "UPDATE matches SET finished = TRUE, outcome = $1 WHERE id = $2", values: [outcome, id] });
  }

  async setRoomOptions(id: string, roomOptions: Record<string, unknown>): Promise<void> {
    await this.pool.query({ name: "ls_room_options", text: "UPDATE matches SET room_options = $1 WHERE id = $2", values: [JSON.stringify(roomOptions), id] });
  }

  private async matchRow(id: string): Promise<Raw | undefined> {
    return (await this.pool.query<Raw>({ name: "ls_by_id", text: "SELECT * FROM matches WHERE id = $1", values: [id] })).rows[0];
  }

  async getInfo(id: string): Promise<MatchInfo | null> {
    const row = await this.matchRow(id);
    return row ? toInfo(row) : null;
  }

  async findByCode(code: string): Promise<MatchInfo | null> {
    const row = (await this.pool.query<Raw>({ name: "ls_by_code", text: "SELECT * FROM matches WHERE code = $1", values: [code] })).rows[0];
    return row ? toInfo(row) : null;
  }

  async codeExists(code: string): Promise<boolean> {
    const text = "SELECT 1 FROM matches WHERE code = $1 UNION ALL SELECT 1 FROM campaigns WHERE code = $1";
    return (await this.pool.query({ name: "ls_code_exists2", text, values: [code] })).rowCount! > 0;
  }

  async createCampaign(c: CampaignRow): Promise<void> {
    // never over a battle's code (the campaigns table's key only guards against other campaigns)
    const res = await this.pool.query({
      name: "ls_insert_campaign",
      text: `INSERT INTO campaigns (${CAMPAIGN_COLUMNS.join(", ")})
             SELECT ${params(CAMPAIGN_COLUMNS.length)} WHERE NOT EXISTS (SELECT 1 FROM matches WHERE code = $1)`,
      values: campaignValues(c),
    });
    if (res.rowCount !== 1) throw new Error(`code ${c.code} is a battle's`);
  }

  async getCampaign(code: string): Promise<CampaignRow | null> {
    const row = (await this.pool.query<Raw>({ name: "ls_campaign", text: "SELECT * FROM campaigns WHERE code = $1", values: [code] })).rows[0];
    return row ? toCampaign(row) : null;
  }

  async saveCampaign(code: string, p: CampaignProgress): Promise<void> {
    await this.pool.query({
      name: "ls_save_campaign",
      text: "UPDATE campaigns SET scene = $1, stage = $2, ready = $3, scenes = $4, finished = $5, final_hash = $6 WHERE code = $7",
      values: [...progressValues(p), code],
    });
  }

  async getRecord(id: string): Promise<MatchRecord | null> {
    const row = await this.matchRow(id);
    if (!row) return null;
    const rows = (
      await this.pool.query<Raw>({
        name: "ls_commands",
        text: "SELECT seat, action, hash, seq, by_seat FROM commands WHERE match_id = $1 ORDER BY idx",
        values: [id],
      })
    ).rows;
    return toRecord(row, rows.map(toLogEntry));
  }

  async listUnfinished(): Promise<MatchInfo[]> {
    return (await this.pool.query<Raw>("SELECT * FROM matches WHERE NOT finished ORDER BY created_at")).rows.map(toInfo);
  }

  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
