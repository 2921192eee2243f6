/**
 * A server process killed mid-battle (a real child process, SIGKILL) restarts on the same database,
 * restores its battles from the match records, and the battle goes on from the same hash; players
 * rejoin by the same code. Also: a battle whose room closed when idle reopens by its code.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replay, toWire, viewFor } from "../../shared/index.js";
import { hashString } from "../../shared/core/hash.js";
import { SqliteMatchStore } from "../../server/store/index.js";
import { loadMapById } from "../../server/maps.js";
import { freePort, startServerProcess } from "../../tools/server-process.js";
import { TEST_STORE, freshSchema, type TestSchema } from "../services.js";
import { PgMatchStore } from "../../server/store/index.js";
import { expectError, inviteOf, keyOf, getJson, localRoom, quietClient, startServer, waitForState, welcome, wire, type BattleClientRoom } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "last-stand-restart-"));
const children: ChildProcess[] = [];

const schemas = new Map<string, TestSchema>();

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const s of schemas.values()) await s.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `server/main.ts` in a child process (killed after the tests). */
async function startChild(port: number, dbPath: string): Promise<ChildProcess> {
  // LAST_STAND_TEST_STORE=postgres: the child keeps its battles in a schema of its own (one per dbPath).
  if (TEST_STORE === "postgres" && !schemas.has(dbPath)) schemas.set(dbPath, await freshSchema());
  const env: Record<string, string> = schemas.has(dbPath) ? { DATABASE_URL: schemas.get(dbPath)!.url } : {};
  const child = await startServerProcess(port, dbPath, undefined, env);
  children.push(child);
  return child;
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    child.on("exit", () => res());
    child.kill("SIGKILL");
  });
}

describe("restart", () => {
  it("a killed server restores its battles: same code, same hash, and the battle goes on", async () => {
    const port = await freePort();
    const dbPath = join(dir, "kill.sqlite");
    const base = `http://127.0.0.1:${port}`;
    let child = await startChild(port, dbPath);

    // A lone player (the bot plays Wang) acts for a while.
    const client = quietClient(base);
    const takumi: BattleClientRoom = await client.create("battle", { seed: 4242, seat: "takumi" });
    const code = takumi.roomId;
    await waitForState(takumi, (w) => w.holderTakumi === "player" && w.phase === "player");
    for (let i = 0; i < 2 && wire(takumi).phase === "player"; i++) {
      const round = wire(takumi).round;
      takumi.send("ready", { ready: true });
      await waitForState(takumi, (w) => w.round > round || w.phase === "ended", 20_000);
    }
    const unit = Object.values(wire(takumi).units as Record<string, any>).find(
      (u) => u.seat === "takumi" && u.fate === "active" && u.ap > 0 && u.mag > 0 && u.hasWeapon && !u.overwatch && !u.grabbedBy,
    );
    if (unit && wire(takumi).phase === "player") {
      const step = wire(takumi).step;
      takumi.send("action", { action: { type: "overwatch", unit: unit.id } });
      await waitForState(takumi, (w) => w.step > step, 20_000);
    }
    const before = (await getJson(base, `/api/battles/${code}`)).body;
    expect(before.step).toBeGreaterThan(3);
    const seenBefore = wire(takumi);

    // Killed without warning.
    takumi.reconnection.enabled = false;
    await killHard(child);

    child = await startChild(port, dbPath);
    const after = (await getJson(base, `/api/battles/${code}`)).body;
    expect(after).toMatchObject({ code, live: true, step: before.step, hash: before.hash, round: before.round });

    // The player rejoins by the same code, into his seat, and sees the same battle.
    // (a stranger with the bare code cannot take it, nor any seat: the key is needed)
    await expect(quietClient(base).joinById(code, { seat: "takumi" })).rejects.toThrow(/ERR_SEAT_KEY/);
    const back: BattleClientRoom = await quietClient(base).joinById(code, { key: await keyOf(takumi) });
    const w = await waitForState(back, (s) => s.step === before.step && s.holderTakumi === "player", 20_000);
    for (const k of ["round", "phase", "units", "intents", "acid", "corpse", "terrain", "visible", "radius", "readyTakumi", "readyWang"]) {
      expect(w[k], k).toEqual(seenBefore[k as keyof typeof seenBefore]);
    }

    // The battle goes on, and the record still replays to the server's hash.
    if (w.phase === "player") {
      const round = w.round;
      back.send("ready", { ready: true });
      await waitForState(back, (s) => s.round > round || s.phase === "ended", 20_000);
    }
    const final = (await getJson(base, `/api/battles/${code}`)).body;
    expect(final.step).toBeGreaterThan(before.step);
    // The battle is not over: its record is not served (it would reveal the hidden creatures)…
    expect((await getJson(base, `/api/matches/${code}/record`)).status).toBe(409);
    // …but the stored one replays to what the squad sees on the server (the summary's view hash).
    // (the store the child keeps its battles in: SQLite, or its PostgreSQL schema)
    const store = schemas.has(dbPath) ? await PgMatchStore.open({ url: schemas.get(dbPath)!.url }) : new SqliteMatchStore(dbPath);
    const record = (await store.getRecord(code))!;
    await store.close();
    const rep = replay(record, loadMapById(record.map.id));
    expect(rep.error).toBeNull();
    expect(hashString(JSON.stringify(toWire(viewFor(rep.state, "spectator"))))).toBe(final.hash);

    await back.leave();
    await killHard(child);
  }, 150_000);

  it("a battle whose room closed when idle reopens by its code", async () => {
    const srv = await startServer({ settings: { idleSeconds: 0.3 } });
    try {
      const takumi = await srv.client().create("battle", { seed: 77, seat: "takumi" });
      const code = takumi.roomId;
      takumi.send("ready", { ready: true });
      await waitForState(takumi, (w) => w.round > 1, 10_000, "the bot to play its turn");
      const before = (await getJson(srv.url, `/api/battles/${code}`)).body;
      await takumi.leave();
      // The idle room closes (a protocol timeout: idleSeconds 0.3 here)…
      for (let i = 0; i < 100 && localRoom(code); i++) await new Promise((r) => setTimeout(r, 50));
      expect(localRoom(code)).toBeUndefined();
      // …and its code opens it again, from the record: by joinOrCreate with the code…
      const key = await keyOf(takumi);
      const back = await srv.client().joinOrCreate("battle", { code: code.toLowerCase(), key });
      expect(back.roomId).toBe(code);
      await waitForState(back, (w) => w.step === before.step && w.code === code);
      expect((await getJson(srv.url, `/api/battles/${code}`)).body).toMatchObject({ code, live: true, step: before.step, hash: before.hash });
      await back.leave();
      while (localRoom(code)) await new Promise((r) => setTimeout(r, 50));
      // …or by the HTTP lookup (many at once open one room), then joinById.
      const many = await Promise.all(Array.from({ length: 5 }, () => getJson(srv.url, `/api/battles/${code}`)));
      for (const m of many) expect(m.body).toMatchObject({ code, live: true, step: before.step });
      const again = (await getJson(srv.url, `/api/battles/${code}`)).body;
      expect(again).toMatchObject({ code, live: true, step: before.step, hash: before.hash });
      const back2 = await srv.client().joinById(code, { key });
      await waitForState(back2, (w) => w.step === before.step);
      await back2.leave();
    } finally {
      await srv.stop();
    }
  });

  it("a reopened co-op battle keeps both seats open for the players' return, then the bot takes the empty one", async () => {
    const srv = await startServer({ settings: { idleSeconds: 0.3 } });
    try {
      const takumi = await srv.client().create("battle", { seed: 78, seat: "takumi", waitForPartner: true, reconnectSeconds: 1.5 });
      const code = takumi.roomId;
      const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
      await waitForState(takumi, (w) => w.holderWang === "player");
      await wang.leave();
      await takumi.leave();
      while (localRoom(code)) await new Promise((r) => setTimeout(r, 50));

      // Reopened: both seats had players, so both wait for them.
      const summary = (await getJson(srv.url, `/api/battles/${code}`)).body;
      expect(summary.seats).toEqual({ takumi: "open", wang: "open" });
      // a stranger with the code only watches: he can neither sit in an open seat nor take it over
      await expect(srv.client().joinById(code, { seat: "wang" })).rejects.toThrow(/ERR_SEAT_KEY/);
      const stranger = await srv.client().joinById(code, {});
      expect((await welcome(stranger)).role).toBe("spectator");
      expect(await expectError(stranger, "takeover", { seat: "wang" })).toMatchObject({ code: "ERR_SPECTATOR" });
      await stranger.leave();
      const back = await srv.client().joinById(code, { key: await keyOf(takumi) });
      const w0 = await waitForState(back, (w) => w.holderTakumi === "player");
      expect(w0.holderWang).toBe("open");
      // Takumi readies: nobody plays Wang's open seat, so the round waits for him.
      const round = w0.round;
      back.send("ready", { ready: true });
      await waitForState(back, (w) => w.readyTakumi === true);
      await srv.room(code).idle();
      expect(wire(back)).toMatchObject({ holderWang: "open", readyWang: false, round });
      // Wang does not come back within the window (1.5 s here): the bot takes his squad and plays
      // it (its partner is ready), and the round turns.
      await waitForState(back, (w) => w.round > round, 10_000, "the bot to take the empty seat");
      expect(wire(back).holderWang).toBe("bot");
      await back.leave();
    } finally {
      await srv.stop();
    }
  });
});
