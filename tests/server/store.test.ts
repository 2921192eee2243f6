import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { SqliteMatchStore, PgMatchStore, parseDatabaseUrl, type MatchStore } from "../../server/store/index.js";
import { MIGRATIONS } from "../../server/store/migrations.js";
import { freshSchema } from "../services.js";
import { normalizeCode, randomCode, CODE_ALPHABET } from "../../server/codes.js";

const dirs: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const c of cleanups.splice(0)) await c();
});

const header = { rulesVersion: 1, map: { id: "last-stand", hash: "abc" }, seed: 5, options: { difficulty: "normal" as const, splitVision: false } };

interface Opened {
  store: MatchStore;
  /** A second store on the same data (a restart). */
  reopen(): Promise<MatchStore>;
  /** SQLite: checkpoints the WAL from another connection now, as the store's checkpoint worker does every second. */
  checkpoint?(): void;
}

/** Both stores pass the same tests: SQLite in a temporary file, PostgreSQL in a fresh schema. */
const KINDS: [string, () => Promise<Opened>][] = [
  [
    "SQLite",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "last-stand-store-"));
      dirs.push(dir);
      const path = join(dir, "s.sqlite");
      const checkpoint = () => {
        const db = new Database(path);
        db.pragma("wal_checkpoint(PASSIVE)");
        db.close();
      };
      return { store: new SqliteMatchStore(path), reopen: async () => new SqliteMatchStore(path), checkpoint };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      const schema = await freshSchema();
      const opened: MatchStore[] = [];
      cleanups.push(async () => {
        for (const s of opened) await s.close();
        await schema.drop();
      });
      const open = async () => {
        const s = await PgMatchStore.open({ url: schema.url });
        opened.push(s);
        return s;
      };
      return { store: await open(), reopen: open };
    },
  ],
];

describe.each(KINDS)("%s match store", (_kind, make) => {
  it("keeps a campaign's progress across reopening; its code is taken for battles too", async () => {
    const { store, reopen } = await make();
    const progress = { scene: 0, stage: "scene", ready: { takumi: false, wang: false, seq: { takumi: 0, wang: 0 } }, scenes: [] as string[], finished: false, finalHash: null };
    await store.createCampaign({ code: "CAMPA", seed: 4000000000, options: { difficulty: "hard", splitVision: false }, roomOptions: { turnSeconds: 5 }, createdAt: 1, progress });
    await store.createMatch({ id: "CAMPA-1", code: "CAMPA-1", record: header, roomOptions: {} });
    expect(await store.codeExists("CAMPA")).toBe(true);
    expect(await store.findByCode("CAMPA")).toBeNull();
    // a campaign never takes a battle's code
    await store.createMatch({ id: "BATTL", code: "BATTL", record: header, roomOptions: {} });
    await expect(store.createCampaign({ code: "BATTL", seed: 1, options: {}, roomOptions: {}, createdAt: 1, progress })).rejects.toThrow();
    await expect(store.createCampaign({ code: "CAMPA", seed: 1, options: {}, roomOptions: {}, createdAt: 1, progress })).rejects.toThrow();
    const later = { scene: 1, stage: "over", ready: { takumi: true, wang: false, seq: { takumi: 7, wang: 2 } }, scenes: ["CAMPA-1", "CAMPA-2"], finished: true, finalHash: "abc" };
    await store.saveCampaign("CAMPA", later);
    await store.close();
    const again = await reopen();
    expect(await again.getCampaign("CAMPA")).toEqual({ code: "CAMPA", seed: 4000000000, options: { difficulty: "hard", splitVision: false }, roomOptions: { turnSeconds: 5 }, createdAt: 1, progress: later });
    expect(await again.getCampaign("NOPEX")).toBeNull();
    expect((await again.listUnfinished()).map((m) => m.code).sort()).toEqual(["BATTL", "CAMPA-1"]);
    await again.close();
  });

  it("keeps a record across reopening", async () => {
    const { store, reopen } = await make();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: { turnSeconds: 0 } });
    await store.appendCommands("ABCDE", 0, [
      { seat: "takumi", action: { type: "ready", ready: true }, hash: "h1" },
      { seat: "wang", action: { type: "undo" }, hash: "h2" },
    ]);
    await store.close();
    const again = await reopen();
    const rec = await again.getRecord("ABCDE");
    expect(rec).toEqual({
      ...header,
      log: [
        { seat: "takumi", action: { type: "ready", ready: true }, hash: "h1" },
        { seat: "wang", action: { type: "undo" }, hash: "h2" },
      ],
      finalHash: "h2",
    });
    expect((await again.listUnfinished()).map((m) => m.code)).toEqual(["ABCDE"]);
    await again.setRoomOptions("ABCDE", { turnSeconds: 30, humanSeats: ["wang"] });
    expect((await again.getInfo("ABCDE"))!.roomOptions).toEqual({ turnSeconds: 30, humanSeats: ["wang"] });
    await again.finishMatch("ABCDE", "won");
    expect(await again.listUnfinished()).toEqual([]);
    expect(await again.findByCode("ABCDE")).toMatchObject({ finished: true, outcome: "won", mapId: "last-stand" });
    expect(await again.codeExists("ABCDE")).toBe(true);
    expect(await again.codeExists("ABCDF")).toBe(false);
    await again.close();
  });

  it("keeps every append in order (1,600 single appends)", async () => {
    const { store, reopen, checkpoint } = await make();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} });
    for (let i = 0; i < 1500; i++) await store.appendCommands("ABCDE", i, [{ seat: "wang", action: { type: "ready", ready: i % 2 === 0 } }]);
    checkpoint?.(); // the appends go on after the WAL was checkpointed from another connection
    for (let i = 1500; i < 1600; i++) await store.appendCommands("ABCDE", i, [{ seat: "wang", action: { type: "ready", ready: i % 2 === 0 } }]);
    await store.close();
    const again = await reopen();
    const rec = await again.getRecord("ABCDE");
    expect(rec!.log).toHaveLength(1600);
    expect(rec!.log[1599]).toEqual({ seat: "wang", action: { type: "ready", ready: false } });
    await again.close();
  });

  it("refuses gaps and duplicates in the log, and duplicate codes", async () => {
    const { store } = await make();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} });
    await expect(store.appendCommands("ABCDE", 1, [{ seat: "takumi", action: { type: "undo" } }])).rejects.toThrow();
    await store.appendCommands("ABCDE", 0, [{ seat: "takumi", action: { type: "undo" } }]);
    await expect(store.appendCommands("ABCDE", 0, [{ seat: "takumi", action: { type: "undo" } }])).rejects.toThrow();
    // after appends the store has seen (SQLite keeps the log's length in memory): a gap still refused
    await expect(store.appendCommands("ABCDE", 2, [{ seat: "takumi", action: { type: "undo" } }])).rejects.toThrow();
    await store.appendCommands("ABCDE", 1, [{ seat: "wang", action: { type: "undo" } }]);
    await expect(store.appendCommands("ABCDE", 1, [{ seat: "wang", action: { type: "undo" } }])).rejects.toThrow();
    await expect(store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} })).rejects.toThrow();
    expect((await store.getRecord("ABCDE"))!.log).toHaveLength(2);
    expect(await store.getRecord("NOPEX")).toBeNull();
    await store.close();
  });

  it("appends of many battles at once: each lands in its own log, and only the bad ones are refused", async () => {
    const { store } = await make();
    const ids = Array.from({ length: 30 }, (_, i) => `M${String(i).padStart(4, "0")}`);
    for (const id of ids) await store.createMatch({ id, code: id, record: header, roomOptions: {} });
    for (let round = 0; round < 5; round++) {
      await Promise.all(ids.map((id, i) => store.appendCommands(id, round, [{ seat: i % 2 ? "wang" : "takumi", action: { type: "ready", ready: round % 2 === 0 }, hash: `${id}-${round}` }])));
    }
    // In one go: good appends, a gap, a duplicate and an unknown match.
    const results = await Promise.allSettled([
      store.appendCommands(ids[0], 5, [{ seat: "takumi", action: { type: "undo" } }, { seat: "wang", action: { type: "undo" } }]),
      store.appendCommands(ids[1], 7, [{ seat: "takumi", action: { type: "undo" } }]),
      store.appendCommands(ids[2], 4, [{ seat: "takumi", action: { type: "undo" } }]),
      store.appendCommands("NOPEX", 0, [{ seat: "takumi", action: { type: "undo" } }]),
      store.appendCommands(ids[3], 5, [{ seat: "wang", action: { type: "undo" } }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected", "fulfilled"]);
    for (const [i, id] of ids.entries()) {
      const log = (await store.getRecord(id))!.log;
      expect(log.length, id).toBe(i === 0 ? 7 : i === 3 ? 6 : 5);
      expect(log[4]).toMatchObject({ hash: `${id}-4` });
    }
    await store.close();
  });

  it("tells the log's length and last hash (an append whose answer was lost is checked so)", async () => {
    const { store } = await make();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} });
    expect(await store.logTail("ABCDE")).toEqual({ length: 0, lastHash: null });
    await store.appendCommands("ABCDE", 0, [{ seat: "takumi", action: { type: "undo" }, hash: "h1" }, { seat: "wang", action: { type: "undo" }, hash: "h2" }]);
    expect(await store.logTail("ABCDE")).toEqual({ length: 2, lastHash: "h2" });
    await store.ping();
    await store.close();
  });

  it("lets exactly one of two racing appends at the same step in", async () => {
    const { store, reopen } = await make();
    const other = await reopen();
    await store.createMatch({ id: "ABCDE", code: "ABCDE", record: header, roomOptions: {} });
    const results = await Promise.allSettled([
      store.appendCommands("ABCDE", 0, [{ seat: "takumi", action: { type: "undo" } }, { seat: "wang", action: { type: "undo" } }]),
      other.appendCommands("ABCDE", 0, [{ seat: "wang", action: { type: "ready", ready: true } }]),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const log = (await store.getRecord("ABCDE"))!.log;
    expect([1, 2]).toContain(log.length);
    await store.close();
    await other.close();
  });
});

describe("one schema for both databases (server/store/migrations.ts)", () => {
  it("gives SQLite and PostgreSQL the same tables and columns, at the same version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "last-stand-store-"));
    dirs.push(dir);
    const path = join(dir, "s.sqlite");
    await new SqliteMatchStore(path).close();
    const lite = new Database(path, { readonly: true });
    const liteTables = Object.fromEntries(
      ["matches", "commands", "campaigns"].map((t) => [t, (lite.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).sort()]),
    );
    expect((lite.prepare("SELECT version FROM schema_version").get() as { version: number }).version).toBe(MIGRATIONS.length);
    lite.close();

    const schema = await freshSchema();
    cleanups.push(() => schema.drop());
    await (await PgMatchStore.open({ url: schema.url })).close();
    const client = new pg.Client({ connectionString: parseDatabaseUrl(schema.url).connectionString, user: "postgres" });
    await client.connect();
    try {
      const cols = await client.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1", [schema.schema]);
      const pgTables: Record<string, string[]> = {};
      for (const r of cols.rows) if (r.table_name !== "schema_version") (pgTables[r.table_name] ??= []).push(r.column_name);
      for (const t in pgTables) pgTables[t].sort();
      expect(pgTables).toEqual(liteTables);
      expect((await client.query(`SELECT version FROM ${schema.schema}.schema_version`)).rows).toEqual([{ version: MIGRATIONS.length }]);
    } finally {
      await client.end();
    }
  });

  it("migrates a SQLite file made before schema versions were counted, keeping its battles", async () => {
    const dir = mkdtempSync(join(tmpdir(), "last-stand-store-"));
    dirs.push(dir);
    const path = join(dir, "old.sqlite");
    // the tables as the first SQLite store made them: no schema_version, no seq/by_seat, no campaigns
    const old = new Database(path);
    old.exec(`
      CREATE TABLE matches (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, map_id TEXT NOT NULL, map_hash TEXT NOT NULL,
        rules_version INTEGER NOT NULL, seed INTEGER NOT NULL, options TEXT NOT NULL, room_options TEXT NOT NULL,
        created_at INTEGER NOT NULL, finished INTEGER NOT NULL DEFAULT 0, outcome TEXT);
      CREATE TABLE commands (match_id TEXT NOT NULL REFERENCES matches(id), idx INTEGER NOT NULL, seat TEXT NOT NULL,
        action TEXT NOT NULL, hash TEXT, PRIMARY KEY (match_id, idx)) WITHOUT ROWID;
      CREATE INDEX matches_unfinished ON matches(finished);
      INSERT INTO matches VALUES ('OLDER', 'OLDER', 'last-stand', 'abc', 1, 5, '{"difficulty":"normal","splitVision":false}', '{}', 1, 0, NULL);
      INSERT INTO commands VALUES ('OLDER', 0, 'takumi', '{"type":"undo"}', 'h1');
    `);
    old.close();
    const store = new SqliteMatchStore(path);
    expect(await store.getRecord("OLDER")).toEqual({ ...header, log: [{ seat: "takumi", action: { type: "undo" }, hash: "h1" }], finalHash: "h1" });
    await store.appendCommands("OLDER", 1, [{ seat: "wang", action: { type: "undo" }, hash: "h2", seq: 3, by: "wang" }]);
    expect((await store.getRecord("OLDER"))!.log[1]).toEqual({ seat: "wang", action: { type: "undo" }, hash: "h2", seq: 3, by: "wang" });
    await store.createCampaign({ code: "CAMPA", seed: 1, options: {}, roomOptions: {}, createdAt: 1, progress: { scene: 0, stage: "scene", ready: {}, scenes: [], finished: false, finalHash: null } });
    await store.close();
  });
});

describe("join codes", () => {
  it("are eight unambiguous letters, typed in any case (five-letter ones of older battles still read)", () => {
    for (let i = 0; i < 200; i++) {
      const c = randomCode();
      expect(c).toMatch(/^[A-Z]{8}$/);
      expect(c).not.toMatch(/[ILO0-9]/);
      for (const ch of c) expect(CODE_ALPHABET).toContain(ch);
    }
    expect(normalizeCode(" abcde ")).toBe("ABCDE");
    expect(normalizeCode("ABCDI")).toBeNull();
    expect(normalizeCode("ABCD")).toBeNull();
    expect(normalizeCode(42)).toBeNull();
  });
});

describe("DATABASE_URL", () => {
  it("takes a schema parameter for the store and refuses a bad one", () => {
    expect(parseDatabaseUrl("postgres://u@h:5432/db?schema=game_1")).toEqual({ connectionString: "postgres://u@h:5432/db", schema: "game_1" });
    expect(parseDatabaseUrl("postgres://u@h/db").schema).toBeNull();
    expect(() => parseDatabaseUrl("postgres://u@h/db?schema=x;drop")).toThrow(/bad schema/);
  });
});
