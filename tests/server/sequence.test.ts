/**
 * Nothing lost or applied twice: commands carry a client sequence number, the server acknowledges
 * each one it applies or refuses, refuses a repeated number as ERR_DUPLICATE without applying it,
 * and remembers the last number across a room closing and reopening (it is kept in the log). The
 * online client (client/src/net.ts) keeps a command pending until acknowledged and sends it again
 * after a reconnection: cut mid-send, the command is applied exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OnlineBackend } from "../../client/src/net.js";
import type { BackendHandlers } from "../../client/src/backend.js";
import { loadMapById } from "../../server/maps.js";
import { localRoom } from "./helpers.js";
import { MAX_SEQ_GAP } from "../../server/sequence.js";
import { inviteOf, keyOf, welcome, collect, getJson, nextMessage, startServer, waitForState, wire, type BattleClientRoom, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { idleSeconds: 0.2 } });
});
afterAll(async () => {
  await srv?.stop();
});

function soldiers(room: { state: any }) {
  return Object.values(room.state.toJSON().units as Record<string, any>).filter((u) => u.seat === "takumi" && u.fate === "active");
}
const stored = async (code: string) => (await srv.store.getRecord(code))!.log as any[];

describe("sequence numbers", () => {
  it("acks what it applies or refuses; a repeated number is ERR_DUPLICATE and applies nothing", async () => {
    const room: BattleClientRoom = await srv.client().create("battle", { seed: 41, seat: "takumi" });
    // the creator's welcome: his seat, its count, its key and the invite for the free seat
    expect(await welcome(room)).toEqual({ role: "takumi", lastSeq: 0, key: expect.stringMatching(/^[\w-]{22}$/), invite: expect.stringMatching(/^[\w-]{22}$/) });
    await waitForState(room, (w) => w.phase === "player" && w.holderTakumi === "player");
    const acks = collect(room, "ack");
    const unit = soldiers(room)[0].id;
    room.send("action", { action: { type: "overwatch", unit }, seq: 1 });
    await waitForState(room, (w) => w.step === 1);
    await srv.room(room.roomId).idle();
    expect(acks).toEqual([{ seq: 1, ok: true }]);
    // The same number again: refused, not applied.
    const dup = nextMessage(room, "error");
    room.send("action", { action: { type: "overwatch", unit }, seq: 1 });
    expect(await dup).toMatchObject({ code: "ERR_DUPLICATE", seq: 1 });
    // An engine refusal is acknowledged too (ok: false, with its code) and uses up its number.
    const refused = nextMessage(room, "error");
    room.send("undo", { seq: 2 });
    expect(await refused).toMatchObject({ code: "ERR_NOTHING_TO_UNDO", seq: 2 });
    await srv.room(room.roomId).idle();
    expect(acks).toEqual([
      { seq: 1, ok: true },
      { seq: 1, ok: false, code: "ERR_DUPLICATE", lastSeq: 1 },
      { seq: 2, ok: false, code: "ERR_NOTHING_TO_UNDO" },
    ]);
    // Bad numbers are bad messages.
    for (const seq of [0, -1, 1.5, "3", 2 ** 31]) {
      const e = nextMessage(room, "error");
      room.send("ready", { ready: true, seq });
      expect((await e as any).code, String(seq)).toBe("ERR_BAD_MESSAGE");
    }
    expect(wire(room).step).toBe(1);
    const log = await stored(room.roomId);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ seat: "takumi", seq: 1, by: "takumi" });
    await room.leave();
  });

  it("the last number survives the room closing and reopening (it is kept in the log)", async () => {
    const room: BattleClientRoom = await srv.client().create("battle", { seed: 42, seat: "takumi" });
    const code = room.roomId;
    await waitForState(room, (w) => w.phase === "player" && w.holderTakumi === "player");
    room.send("action", { action: { type: "overwatch", unit: soldiers(room)[0].id }, seq: 7 });
    await waitForState(room, (w) => w.step === 1);
    await room.leave();
    while (localRoom(code)) await new Promise((r) => setTimeout(r, 25));
    expect((await getJson(srv.url, `/api/battles/${code}`)).body).toMatchObject({ live: true, step: 1 });
    const back = await srv.client().joinById(code, { key: await keyOf(room) });
    expect(await welcome(back)).toMatchObject({ role: "takumi", lastSeq: 7 });
    const dup = nextMessage(back, "error");
    back.send("action", { action: { type: "overwatch", unit: soldiers(back)[0]?.id ?? "x" }, seq: 7 });
    expect(await dup).toMatchObject({ code: "ERR_DUPLICATE" });
    expect(srv.room(code).summary().step).toBe(1);
    await back.leave();
  });

  it("a poisoned number (2^31 - 1, a jump past the documented gap) is refused and leaves the count in the owner's reach, across a reopening", async () => {
    const takumi: BattleClientRoom = await srv.client().create("battle", { seed: 45, seat: "takumi", waitForPartner: true });
    const code = takumi.roomId;
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    const wangKey = await keyOf(wang);
    // a new holder starts a new count
    expect(await welcome(wang)).toMatchObject({ role: "wang", lastSeq: 0 });
    await waitForState(takumi, (w) => w.phase === "player" && w.holderWang === "player");
    for (const [room, seq] of [[wang, 2 ** 31 - 1], [wang, 1 + MAX_SEQ_GAP + 1], [takumi, 2 ** 31 - 1]] as const) {
      const e = nextMessage(room, "error");
      room.send("ready", { ready: true, seq });
      expect(await e).toMatchObject({ code: "ERR_SEQ_GAP", seq });
    }
    expect(wire(takumi).step).toBe(0);
    // the owner's own next numbers still go through (a jump within the gap too)
    wang.send("ready", { ready: true, seq: 1 });
    await waitForState(takumi, (w) => w.readyWang === true);
    wang.send("ready", { ready: false, seq: 1 + MAX_SEQ_GAP });
    await waitForState(takumi, (w) => w.readyWang === false);
    // and after the room closes and reopens, his count is what he sent, not the wild number
    wang.reconnection.enabled = takumi.reconnection.enabled = false;
    await wang.leave();
    await takumi.leave();
    while (localRoom(code)) await new Promise((r) => setTimeout(r, 25));
    await getJson(srv.url, `/api/battles/${code}`);
    const back = await srv.client().joinById(code, { key: wangKey });
    expect(await welcome(back)).toMatchObject({ role: "wang", lastSeq: 1 + MAX_SEQ_GAP });
    await back.leave();
  });

  it("a client that lost count (a reloaded page that missed its welcome) is told the last number and renumbers", async () => {
    const room: BattleClientRoom = await srv.client().create("battle", { seed: 44, seat: "takumi" });
    await waitForState(room, (w) => w.phase === "player" && w.holderTakumi === "player");
    const unit = soldiers(room)[0].id;
    room.send("action", { action: { type: "overwatch", unit }, seq: 3 });
    await waitForState(room, (w) => w.step === 1);
    // A backend on this connection that believes no command was sent yet.
    const b = new OnlineBackend(srv.client(), room as never, "takumi", loadMapById("last-stand"), 0);
    const errors: string[] = [];
    b.setHandlers({ state() {}, events() {}, error: (c) => void errors.push(c), ping() {}, pointer() {}, connection() {} });
    b.sendReady(true);
    await until(() => b.pendingCount === 0, "the ready renumbered and acknowledged");
    await srv.room(room.roomId).idle();
    const log = await stored(room.roomId);
    expect(log.filter((c) => c.seat === "takumi").map((c) => [c.seq, c.action.type])).toEqual([
      [3, "overwatch"],
      [4, "ready"],
    ]);
    expect(errors).toEqual([]);
    await room.leave();
  });

  async function openBackend() {
    const statuses: string[] = [];
    const errors: string[] = [];
    const b = await OnlineBackend.open(srv.client(), { create: { seed: 43 }, seat: "takumi" }, async (id) => loadMapById(id));
    const h: BackendHandlers = {
      state() {},
      events() {},
      error: (code) => void errors.push(code),
      ping() {},
      pointer() {},
      connection: (s) => void statuses.push(s),
    };
    b.setHandlers(h);
    await waitForState(b.room as BattleClientRoom, (w) => w.phase === "player" && w.holderTakumi === "player");
    return { b, statuses, errors };
  }

  async function until(cond: () => boolean, what: string, ms = 10_000) {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("cut right after sending: the command arrives once; the client drops it from pending after the reconnection", async () => {
    const { b, statuses, errors } = await openBackend();
    const code = b.room.roomId;
    const unit = soldiers(b.room)[0].id;
    b.sendAction({ type: "overwatch", unit });
    expect(b.pendingCount).toBe(1);
    // The frame is on its way; the socket closes right behind it (as a network failure would).
    (b.room.connection as unknown as { close(code?: number, reason?: string): void }).close(4010, "cut");
    await until(() => statuses.includes("dropped"), "the drop");
    await until(() => statuses.lastIndexOf("connected") > statuses.indexOf("dropped") && b.pendingCount === 0, "the reconnection and the ack");
    await srv.room(code).idle();
    const log = await stored(code);
    expect(log.filter((c) => c.action.type === "overwatch")).toHaveLength(1);
    expect(log.filter((c) => c.seq === 1)).toHaveLength(1);
    expect(errors).toEqual([]);
    b.leave();
  });

  it("sent into a connection that is silently dying: kept pending, sent again after the reconnection, applied once", async () => {
    const { b, statuses, errors } = await openBackend();
    const code = b.room.roomId;
    const unit = soldiers(b.room)[0].id;
    const conn = b.room.connection as unknown as { close(code?: number, reason?: string): void; transport: { ws: { send(d: unknown): void } } };
    // The link is dying: the socket still looks open, but what is sent never arrives.
    conn.transport.ws.send = () => {};
    b.sendAction({ type: "overwatch", unit });
    b.sendReady(true);
    expect(b.pendingCount).toBe(2);
    // nothing left the page (its socket swallows the frames): the room, idle, is where it was
    await srv.room(code).idle();
    expect(srv.room(code).summary().step).toBe(0);
    conn.close(4010, "cut");
    await until(() => statuses.includes("dropped"), "the drop");
    await until(() => b.pendingCount === 0, "both commands acknowledged after the reconnection");
    await srv.room(code).idle();
    const log = await stored(code);
    // Each applied exactly once, in order (the bot partner then played its turn).
    expect(log.filter((c) => c.seq !== undefined).map((c) => [c.seq, c.action.type])).toEqual([
      [1, "overwatch"],
      [2, "ready"],
    ]);
    expect(errors).toEqual([]);
    b.leave();
  });
});
