/**
 * The match store: every battle's match record (design section 12), appended to before an action is
 * acknowledged. One interface, so a server database (Postgres) can follow; the default is SQLite in
 * a local file (better-sqlite3), which needs nothing installed.
 *
 * Methods return promises so that an asynchronous database fits the same interface; the SQLite
 * implementation does its work synchronously and returns resolved promises.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { dirname, resolve } from "node:path";
import type { BattleOptions, Command, MatchRecord } from "../shared/index.js";

/** What the server keeps about a battle beside its record. */
export interface MatchInfo {
  id: string;
  code: string;
  mapId: string;
  /** Room options that are not part of the rules (turn timer, reconnection window…), as JSON-able data. */
  roomOptions: Record<string, unknown>;
  createdAt: number;
  finished: boolean;
  outcome: string | null;
}

/** A logged command; `seq` and `by` are the client sequence number and the seat of the client that
 *  sent it (absent for the bot's and the turn timer's commands), kept so a restart still knows the
 *  last number each seat's client had acknowledged. */
export type LoggedCommand = Command & { hash?: string; seq?: number; by?: Command["seat"] };

export interface NewMatch {
  id: string;
  code: string;
  record: Omit<MatchRecord, "log">;
  roomOptions: Record<string, unknown>;
}

/** A campaign (shared/campaign): its seed and options, and how far it got. Each scene is a match of
 *  its own (id `CODE-N`); the campaign's state is derived by replaying the finished scenes' records
 *  (`scenes`, in order), so the progress kept here is only what no record says. */
export interface CampaignRow {
  code: string;
  seed: number;
  options: Record<string, unknown>;
  roomOptions: Record<string, unknown>;
  createdAt: number;
  progress: CampaignProgress;
}

export interface CampaignProgress {
  /** 0-based index of the scene being played, or (between scenes, after the end) the last played. */
  scene: number;
  /** "scene" | "report" | "over" | "complete". */
  stage: string;
  /** Who marked ready between scenes, and the last client sequence numbers seen (a restart keeps them). */
  ready: Record<string, unknown>;
  /** Match ids of the finished scenes, in order. */
  scenes: string[];
  finished: boolean;
  /** hashCampaign once the campaign has ended (null before). */
  finalHash: string | null;
}

export interface MatchStore {
  /** Creates the match with an empty log. Throws if the id or code is already used. */
  createMatch(match: NewMatch): Promise<void>;
  /** Appends commands (one transaction) starting at log position `index` (0-based); refuses
   *  (throws) a gap or a duplicate. `hash` is the state hash after that step, kept in the record. */
  appendCommands(id: string, index: number, commands: LoggedCommand[]): Promise<void>;
  finishMatch(id: string, outcome: string): Promise<void>;
  /** Replaces the match's room options (e.g. which seats humans have held). */
  setRoomOptions(id: string, roomOptions: Record<string, unknown>): Promise<void>;
  getRecord(id: string): Promise<MatchRecord | null>;
  getInfo(id: string): Promise<MatchInfo | null>;
  findByCode(code: string): Promise<MatchInfo | null>;
  codeExists(code: string): Promise<boolean>;
  listUnfinished(): Promise<MatchInfo[]>;
  /** Creates a campaign (its code must be free among matches and campaigns). */
  createCampaign(campaign: CampaignRow): Promise<void>;
  getCampaign(code: string): Promise<CampaignRow | null>;
  saveCampaign(code: string, progress: CampaignProgress): Promise<void>;
  close(): Promise<void>;
}

interface MatchRow {
  id: string;
  code: string;
  map_id: string;
  map_hash: string;
  rules_version: number;
  seed: number;
  options: string;
  room_options: string;
  created_at: number;
  finished: number;
  outcome: string | null;
}

interface CampaignDbRow {
  code: string;
  seed: number;
  options: string;
  room_options: string;
  created_at: number;
  scene: number;
  stage: string;
  ready: string;
  scenes: string;
  finished: number;
  final_hash: string | null;
}

function toCampaign(row: CampaignDbRow): CampaignRow {
  return {
    code: row.code, seed: row.seed, options: JSON.parse(row.options), roomOptions: JSON.parse(row.room_options), createdAt: row.created_at,
    progress: { scene: row.scene, stage: row.stage, ready: JSON.parse(row.ready), scenes: JSON.parse(row.scenes), finished: row.finished === 1, finalHash: row.final_hash },
  };
}

function toInfo(row: MatchRow): MatchInfo {
  return {
    id: row.id,
    code: row.code,
    mapId: row.map_id,
    roomOptions: JSON.parse(row.room_options),
    createdAt: row.created_at,
    finished: row.finished === 1,
    outcome: row.outcome,
  };
}

/** The default store path: `LAST_STAND_DB`, else `data/last-stand.sqlite` under the working directory. */
export function defaultDbPath(): string {
  return resolve(process.env.LAST_STAND_DB || "data/last-stand.sqlite");
}

/**
 * Checkpoints the WAL from a worker thread, with its own connection. SQLite's automatic checkpoint
 * runs inside a commit and fsyncs: on a busy disk that blocked the event loop (and every room) for
 * up to 0.6 s. Commits only append to the WAL (synchronous = NORMAL); the fsyncs happen here.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m === "close") { clearInterval(timer); try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} db.close(); process.exit(0); }
});
`;

export class SqliteMatchStore implements MatchStore {
  private db: Database.Database;
  private checkpointer: Worker | null = null;
  private stmts: {
    insertMatch: Database.Statement;
    insertCommand: Database.Statement;
    countCommands: Database.Statement;
    finish: Database.Statement;
    setRoomOptions: Database.Statement;
    byId: Database.Statement;
    byCode: Database.Statement;
    commands: Database.Statement;
    unfinished: Database.Statement;
    insertCampaign: Database.Statement;
    campaign: Database.Statement;
    saveCampaign: Database.Statement;
  };
  private appendMany: (id: string, index: number, commands: LoggedCommand[]) => void;

  constructor(readonly path: string = defaultDbPath()) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // WAL: a committed append survives the process being killed (SIGKILL) at any moment.
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    if (path !== ":memory:") {
      this.db.pragma("wal_autocheckpoint = 0");
      this.checkpointer = new Worker(CHECKPOINT_WORKER, {
        eval: true,
        workerData: { path, module: createRequire(import.meta.url).resolve("better-sqlite3"), everyMs: 1000 },
      });
      this.checkpointer.on("message", (m) => console.error(`[store] checkpoint: ${m}`));
      this.checkpointer.on("error", (err) => console.error(`[store] checkpoint worker failed`, err));
      this.checkpointer.unref();
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS matches (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        map_id TEXT NOT NULL,
        map_hash TEXT NOT NULL,
        rules_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        options TEXT NOT NULL,
        room_options TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        finished INTEGER NOT NULL DEFAULT 0,
        outcome TEXT
      );
      CREATE TABLE IF NOT EXISTS commands (
        match_id TEXT NOT NULL REFERENCES matches(id),
        idx INTEGER NOT NULL,
        seat TEXT NOT NULL,
        action TEXT NOT NULL,
        hash TEXT,
        PRIMARY KEY (match_id, idx)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS matches_unfinished ON matches(finished);
      CREATE TABLE IF NOT EXISTS campaigns (
        code TEXT PRIMARY KEY,
        seed INTEGER NOT NULL,
        options TEXT NOT NULL,
        room_options TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        scene INTEGER NOT NULL DEFAULT 0,
        stage TEXT NOT NULL,
        ready TEXT NOT NULL,
        scenes TEXT NOT NULL,
        finished INTEGER NOT NULL DEFAULT 0,
        final_hash TEXT
      );
    `);
    // Files made before client sequence numbers: add their columns.
    const columns = (this.db.prepare(`PRAGMA table_info(commands)`).all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes("seq")) this.db.exec(`ALTER TABLE commands ADD COLUMN seq INTEGER; ALTER TABLE commands ADD COLUMN by_seat TEXT;`);
    this.stmts = {
      insertMatch: this.db.prepare(
        `INSERT INTO matches (id, code, map_id, map_hash, rules_version, seed, options, room_options, created_at)
         VALUES (@id, @code, @map_id, @map_hash, @rules_version, @seed, @options, @room_options, @created_at)`,
      ),
      insertCommand: this.db.prepare(`INSERT INTO commands (match_id, idx, seat, action, hash, seq, by_seat) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      // The log's length (indices are dense from 0): MAX uses the primary key, COUNT would scan.
      countCommands: this.db.prepare(`SELECT COALESCE(MAX(idx) + 1, 0) AS n FROM commands WHERE match_id = ?`),
      finish: this.db.prepare(`UPDATE matches SET finished = 1, outcome = ? WHERE id = ?`),
      setRoomOptions: this.db.prepare(`UPDATE matches SET room_options = ? WHERE id = ?`),
      byId: this.db.prepare(`SELECT * FROM matches WHERE id = ?`),
      byCode: this.db.prepare(`SELECT * FROM matches WHERE code = ?`),
      commands: this.db.prepare(`SELECT seat, action, hash, seq, by_seat FROM commands WHERE match_id = ? ORDER BY idx`),
      unfinished: this.db.prepare(`SELECT * FROM matches WHERE finished = 0 ORDER BY created_at`),
      insertCampaign: this.db.prepare(
        `INSERT INTO campaigns (code, seed, options, room_options, created_at, scene, stage, ready, scenes, finished, final_hash)
         VALUES (@code, @seed, @options, @room_options, @created_at, @scene, @stage, @ready, @scenes, @finished, @final_hash)`,
      ),
      campaign: this.db.prepare(`SELECT * FROM campaigns WHERE code = ?`),
      saveCampaign: this.db.prepare(`UPDATE campaigns SET scene = ?, stage = ?, ready = ?, scenes = ?, finished = ?, final_hash = ? WHERE code = ?`),
    };
    this.appendMany = this.db.transaction((id: string, index: number, commands: LoggedCommand[]) => {
      const { n } = this.stmts.countCommands.get(id) as { n: number };
      if (n !== index) throw new Error(`match ${id}: append at ${index} but the log has ${n} entries`);
      let i = index;
      for (const c of commands) this.stmts.insertCommand.run(id, i++, c.seat, JSON.stringify(c.action), c.hash ?? null, c.seq ?? null, c.by ?? null);
    });
  }

  async createMatch(m: NewMatch): Promise<void> {
    this.stmts.insertMatch.run({
      id: m.id,
      code: m.code,
      map_id: m.record.map.id,
      map_hash: m.record.map.hash,
      rules_version: m.record.rulesVersion,
      seed: m.record.seed,
      options: JSON.stringify(m.record.options),
      room_options: JSON.stringify(m.roomOptions),
      created_at: Date.now(),
    });
  }

  async appendCommands(id: string, index: number, commands: LoggedCommand[]): Promise<void> {
    if (commands.length === 0) return;
    this.appendMany(id, index, commands);
  }

  async finishMatch(id: string, outcome: string): Promise<void> {
    this.stmts.finish.run(outcome, id);
  }

  async setRoomOptions(id: string, roomOptions: Record<string, unknown>): Promise<void> {
    this.stmts.setRoomOptions.run(JSON.stringify(roomOptions), id);
  }

  async getInfo(id: string): Promise<MatchInfo | null> {
    const row = this.stmts.byId.get(id) as MatchRow | undefined;
    return row ? toInfo(row) : null;
  }

  async findByCode(code: string): Promise<MatchInfo | null> {
    const row = this.stmts.byCode.get(code) as MatchRow | undefined;
    return row ? toInfo(row) : null;
  }

  async codeExists(code: string): Promise<boolean> {
    return this.stmts.byCode.get(code) !== undefined || this.stmts.campaign.get(code) !== undefined;
  }

  async createCampaign(c: CampaignRow): Promise<void> {
    if (this.stmts.byCode.get(c.code) !== undefined) throw new Error(`code ${c.code} is a battle's`);
    const p = c.progress;
    this.stmts.insertCampaign.run({
      code: c.code, seed: c.seed, options: JSON.stringify(c.options), room_options: JSON.stringify(c.roomOptions), created_at: c.createdAt,
      scene: p.scene, stage: p.stage, ready: JSON.stringify(p.ready), scenes: JSON.stringify(p.scenes), finished: p.finished ? 1 : 0, final_hash: p.finalHash,
    });
  }

  async getCampaign(code: string): Promise<CampaignRow | null> {
    const row = this.stmts.campaign.get(code) as CampaignDbRow | undefined;
    return row ? toCampaign(row) : null;
  }

  async saveCampaign(code: string, p: CampaignProgress): Promise<void> {
    this.stmts.saveCampaign.run(p.scene, p.stage, JSON.stringify(p.ready), JSON.stringify(p.scenes), p.finished ? 1 : 0, p.finalHash, code);
  }

  async getRecord(id: string): Promise<MatchRecord | null> {
    const row = this.stmts.byId.get(id) as MatchRow | undefined;
    if (!row) return null;
    type Row = { seat: string; action: string; hash: string | null; seq: number | null; by_seat: string | null };
    const log = (this.stmts.commands.all(id) as Row[]).map((c) => {
      const entry: Record<string, unknown> = { seat: c.seat, action: JSON.parse(c.action) };
      if (c.hash) entry.hash = c.hash;
      if (c.seq !== null) entry.seq = c.seq;
      if (c.by_seat !== null) entry.by = c.by_seat;
      return entry;
    }) as unknown as LoggedCommand[];
    const record: MatchRecord = {
      rulesVersion: row.rules_version,
      map: { id: row.map_id, hash: row.map_hash },
      seed: row.seed,
      options: JSON.parse(row.options) as BattleOptions,
      log,
    };
    const last = log[log.length - 1];
    if (last?.hash) record.finalHash = last.hash;
    return record;
  }

  async listUnfinished(): Promise<MatchInfo[]> {
    return (this.stmts.unfinished.all() as MatchRow[]).map(toInfo);
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
