/**
 * (In the cluster suite with the other dependency faults, though it is one process.)
 * The single process on SQLite, its database file turning read-only or its disk full: the player
 * gets a clear refusal (ERR_UNAVAILABLE, nothing applied, nothing acknowledged), the operator a log
 * line, the process keeps serving, and nothing acknowledged is lost — the record replays to what
 * the client sees once the file takes writes again.
 *
 * Read-only is SQLite's own `query_only` switch on the server's connection (root ignores file
 * modes, so chmod would not do it); a full disk is a file whose size is capped (`max_page_count`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { replay, squadViewHash } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { tapLog } from "../../server/logger.js";
import { SqliteMatchStore } from "../../server/store/index.js";
import { appendDurably, StoreUnavailable } from "../../server/store/durable.js";
import { collect, getJson, startServer, until, waitForState, wire, type BattleClientRoom, type TestServer } from "../server/helpers.js";

let srv: TestServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "last-stand-sqlite-faults-"));
  // an explicit file: SQLite even when the suite runs on PostgreSQL
  srv = await startServer({ dbPath: join(dir, "m.sqlite") });
});
afterAll(async () => {
  await srv?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const dbOf = (store: unknown) => (store as { db: Database.Database }).db;

describe("SQLite refusing writes", () => {
  it("read-only: the command is refused with ERR_UNAVAILABLE and logged; once writable, the resent command plays and the record replays", async () => {
    const room: BattleClientRoom = await srv.client().create("battle", { seed: 31, seat: "takumi", waitForPartner: true });
    await waitForState(room, (w) => w.phase === "player" && w.holderTakumi === "player");
    const acks = collect(room, "ack");
    const errors = collect(room, "error");
    const lines: Record<string, any>[] = [];
    const untap = tapLog((e) => lines.push(e));
    const before = srv.room(room.roomId).summary();

    dbOf(srv.store).pragma("query_only = ON");
    room.send("ready", { ready: true, seq: 1 });
    await until(() => acks.length === 1, "the refusal");
    expect(acks[0]).toEqual({ seq: 1, ok: false, code: "ERR_UNAVAILABLE" });
    expect(errors[0]).toMatchObject({ code: "ERR_UNAVAILABLE", seq: 1, message: expect.stringMatching(/not played/) });
    await srv.room(room.roomId).idle();
    expect(srv.room(room.roomId).summary()).toMatchObject({ step: before.step, hash: before.hash });
    expect(wire(room).readyTakumi).toBe(false);
    const line = lines.find((l) => l.kind === "store" && l.room === room.roomId);
    expect(line).toMatchObject({ level: 40, seat: "takumi", seq: 1 });
    expect(line!.msg).toMatch(/ERR_UNAVAILABLE.*refuses writes.*readonly/i);
    expect((await getJson(srv.url, "/health")).status).toBe(200);
    untap();

    // writable again: the client sends it again (a new number: a refusal uses its number up)
    dbOf(srv.store).pragma("query_only = OFF");
    room.send("ready", { ready: true, seq: 2 });
    await until(() => acks.length === 2, "the ack");
    expect(acks[1]).toEqual({ seq: 2, ok: true });
    await srv.room(room.roomId).idle();
    const rec = (await srv.store.getRecord(room.roomId))!;
    expect(rec.log).toHaveLength(before.step + 1);
    const r = replay(rec, loadMapById(rec.map.id));
    expect(r.error).toBeNull();
    expect(squadViewHash(r.state)).toBe(srv.room(room.roomId).viewHash());
    await room.leave();
  });

  it("disk full: an append that does not fit is refused as unavailable (StoreUnavailable), the log stays as it was", async () => {
    const store = new SqliteMatchStore(join(dir, "full.sqlite"));
    try {
      await store.createMatch({ id: "FULLA", code: "FULLA", record: { rulesVersion: 1, map: { id: "m", hash: "h" }, seed: 1, options: {} } as never, roomOptions: {} });
      const db = dbOf(store);
      db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
      let stored = 0;
      let failure: unknown = null;
      const big = "x".repeat(900);
      for (let i = 0; i < 200 && !failure; i++) {
        try {
          await appendDurably(store, "FULLA", stored, [{ seat: "takumi", action: { type: "ready", ready: true }, hash: `${big}${i}` }], { holdMs: 5000 });
          stored++;
        } catch (err) {
          failure = err;
        }
      }
      expect(failure).toBeInstanceOf(StoreUnavailable);
      expect(String((failure as Error).message)).toMatch(/refuses writes.*full/i);
      expect((await store.logTail("FULLA")).length).toBe(stored);
    } finally {
      await store.close();
    }
  });
});
