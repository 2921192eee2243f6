/**
 * The match store in a local SQLite file (better-sqlite3, WAL): the default, needing nothing
 * installed; one process only. Tables: store/migrations.ts; rows: store/rows.ts.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { dirname, resolve } from "node:path";
import type { MatchRecord } from "../../shared/index.js";
import type { CampaignProgress, CampaignRow, LoggedCommand, LogTail, MatchInfo, MatchStore, NewMatch } from "./interface.js";
import { MIGRATIONS, SCHEMA_VERSION_TABLE, sqliteDialect, stepSql, tooNew } from "./migrations.js";
import { CAMPAIGN_COLUMNS, MATCH_COLUMNS, campaignValues, commandValues, matchValues, progressValues, toCampaign, toInfo, toLogEntry, toRecord } from "./rows.js";
import { errFields, log } from "../logger.js";

type Raw = Record<string, unknown>;

/** The default store path: `LAST_STAND_DB`, else `data/last-stand.sqlite` under the working directory. */
export function defaultDbPath(): string {
  return resolve(process.env.LAST_STAND_DB || "data/last-stand.sqlite");
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export class SqliteMatchStore implements MatchStore {
  private db: Database.Database;
  private checkpointer: Worker | null = null;
  private stmts: Record<
    | "insertMatch" | "insertCommand" | "logTail" | "finish" | "setRoomOptions" | "byId" | "byCode" | "commands" | "unfinished"
    | "insertCampaign" | "campaign" | "saveCampaign" | "ping",
    Database.Statement
  >;
  private appendMany: (id: string, index: number, commands: LoggedCommand[]) => void;
  /** Each match's log length after this process's last append to it (no query per append). */
  private lengths = new Map<string, number>();

  constructor(readonly path: string = defaultDbPath()) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL: a committed append survives the process being killed (SIGKILL) at any moment.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    if (path !== ":memory:") this.startCheckpointer(path);
    this.migrate();
    const prepare = (sql: string) => this.db.prepare(sql);
    this.stmts = {
      insertMatch: prepare(`INSERT INTO matches (${MATCH_COLUMNS.join(", ")}) VALUES (${placeholders(MATCH_COLUMNS.length)})`),
      insertCommand: prepare(`INSERT INTO commands (match_id, idx, seat, action, hash, seq, by_seat) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      // The log's length (indices are dense from 0): MAX uses the primary key, COUNT would scan.
      logTail: prepare(`SELECT idx, hash FROM commands WHERE match_id = ? ORDER BY idx DESC LIMIT 1`),
      finish: prepare(`UPDATE matches SET finished = 1, outcome = ? WHERE id = ?`),
      setRoomOptions: prepare(`UPDATE matches SET room_options = ? WHERE id = ?`),
      byId: prepare(`SELECT * FROM matches WHERE id = ?`),
      byCode: prepare(`SELECT * FROM matches WHERE code = ?`),
      commands: prepare(`SELECT seat, action, hash, seq, by_seat FROM commands WHERE match_id = ? ORDER BY idx`),
      unfinished: prepare(`SELECT * FROM matches WHERE NOT finished ORDER BY created_at`),
      insertCampaign: prepare(`INSERT INTO campaigns (${CAMPAIGN_COLUMNS.join(", ")}) VALUES (${placeholders(CAMPAIGN_COLUMNS.length)})`),
      campaign: prepare(`SELECT * FROM campaigns WHERE code = ?`),
      saveCampaign: prepare(`UPDATE campaigns SET scene = ?, stage = ?, ready = ?, scenes = ?, finished = ?, final_hash = ? WHERE code = ?`),
      ping: prepare(`SELECT 1`),
    };
    this.appendMany = this.db.transaction((id: string, index: number, commands: LoggedCommand[]) => {
      // The log's length, read once per match and then kept here: this process is the file's only
      // writer (see above), and an append that throws rolls back and leaves it unchanged.
      const n = this.lengths.get(id) ?? this.tail(id).length;
      if (n !== index) throw new Error(`match ${id}: append at ${index} but the log has ${n} entries`);
      let i = index;
      for (const c of commands) this.stmts.insertCommand.run(id, i++, ...commandValues(c));
    });
  }

  /** Brings the file's tables to the latest version (store/migrations.ts), in one transaction. */
  private migrate(): void {
    this.db.transaction(() => {
      this.db.exec(SCHEMA_VERSION_TABLE);
      const row = this.db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
      if (!row) this.db.prepare("INSERT INTO schema_version (version) VALUES (0)").run();
      let version = row?.version ?? 0;
      if (version > MIGRATIONS.length) throw tooNew(version);
      for (; version < MIGRATIONS.length; version++) {
        for (const step of MIGRATIONS[version].steps) {
          // SQLite has no ADD COLUMN IF NOT EXISTS: a file made before versions were counted may have it.
          if (step.kind === "addColumn" && this.hasColumn(step.table, step.column.name)) continue;
          this.db.exec(stepSql(sqliteDialect, step));
        }
      }
      this.db.prepare("UPDATE schema_version SET version = ?").run(MIGRATIONS.length);
    })();
  }

  private hasColumn(table: string, column: string): boolean {
    return (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
  }

  private startCheckpointer(path: string): void {
    this.db.pragma("wal_autocheckpoint = 0");
    this.checkpointer = new Worker(new URL("./checkpoint-worker.mjs", import.meta.url), {
      workerData: { path, module: createRequire(import.meta.url).resolve("better-sqlite3"), everyMs: 1000 },
    });
    this.checkpointer.on("message", (m) => log.error({ kind: "store" }, `checkpoint: ${m}`));
    this.checkpointer.on("error", (err) => log.error({ kind: "store", ...errFields(err) }, "checkpoint worker failed"));
    this.checkpointer.unref();
  }

  private tail(id: string): LogTail {
    const last = this.stmts.logTail.get(id) as { idx: number; hash: string | null } | undefined;
    return last ? { length: last.idx + 1, lastHash: last.hash } : { length: 0, lastHash: null };
  }

  async createMatch(m: NewMatch): Promise<void> {
    this.stmts.insertMatch.run(...matchValues(m, Date.now()));
  }

  async appendCommands(id: string, index: number, commands: LoggedCommand[]): Promise<void> {
    if (commands.length === 0) return;
    try {
      // One row at the length already known: one INSERT, its own transaction (SQLite commits each
      // statement as it ends, as durably as BEGIN…COMMIT: the wrapper's two more statements cost
      // more than the row). A row already at that index (another writer) fails on the primary key.
      if (commands.length === 1 && this.lengths.get(id) === index) this.stmts.insertCommand.run(id, index, ...commandValues(commands[0]));
      else this.appendMany(id, index, commands);
    } catch (err) {
      this.lengths.delete(id); // read again from the file next time
      throw err;
    }
    if (this.lengths.size >= 10_000) this.lengths.clear(); // bounded: a match not kept is read again
    this.lengths.set(id, index + commands.length);
  }

  async logTail(id: string): Promise<LogTail> {
    return this.tail(id);
  }

  async finishMatch(id: string, outcome: string): Promise<void> {
    this.lengths.delete(id);
    this.stmts.finish.run(outcome, id);
  }

  async setRoomOptions(id: string, roomOptions: Record<string, unknown>): Promise<void> {
    this.stmts.setRoomOptions.run(JSON.stringify(roomOptions), id);
  }

  async getInfo(id: string): Promise<MatchInfo | null> {
    const row = this.stmts.byId.get(id) as Raw | undefined;
    return row ? toInfo(row) : null;
  }

  async findByCode(code: string): Promise<MatchInfo | null> {
    const row = this.stmts.byCode.get(code) as Raw | undefined;
    return row ? toInfo(row) : null;
  }

  async codeExists(code: string): Promise<boolean> {
    return this.stmts.byCode.get(code) !== undefined || this.stmts.campaign.get(code) !== undefined;
  }

  async createCampaign(c: CampaignRow): Promise<void> {
    if (this.stmts.byCode.get(c.code) !== undefined) throw new Error(`code ${c.code} is a battle's`);
    this.stmts.insertCampaign.run(...campaignValues(c));
  }

  async getCampaign(code: string): Promise<CampaignRow | null> {
    const row = this.stmts.campaign.get(code) as Raw | undefined;
    return row ? toCampaign(row) : null;
  }

  async saveCampaign(code: string, p: CampaignProgress): Promise<void> {
    this.stmts.saveCampaign.run(...progressValues(p), code);
  }

  async getRecord(id: string): Promise<MatchRecord | null> {
    const row = this.stmts.byId.get(id) as Raw | undefined;
    return row ? toRecord(row, (this.stmts.commands.all(id) as Raw[]).map(toLogEntry)) : null;
  }

  async listUnfinished(): Promise<MatchInfo[]> {
    return (this.stmts.unfinished.all() as Raw[]).map(toInfo);
  }

  async ping(): Promise<void> {
    this.stmts.ping.get();
  }

  async close(): Promise<void> {
    if (this.checkpointer) {
      const worker = this.checkpointer;
      this.checkpointer = null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage("close");
      });
    }
    if (this.db.open) this.db.close();
  }
}
