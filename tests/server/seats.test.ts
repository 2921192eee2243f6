/**
 * Seats: the soldier bot on a seat nobody holds and handing it to a player who joins; drops and
 * reconnection within the window (the battle waits for nobody); after the window the bot or the
 * partner takes the squad, and the player who comes back gets his seat back; the turn timer; acting
 * after the battle has ended.
 *
 * The reconnection window is a room option here (`reconnectSeconds`, 1–3 s) instead of 60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteOf, keyOf, getJson, expectError, startServer, waitForState, welcome, wire, type BattleClientRoom, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.stop();
});

async function summary(code: string) {
  return (await getJson(srv.url, `/api/battles/${code}`)).body;
}
async function record(code: string) {
  // The stored record (over HTTP it is served only once the battle is over).
  return (await srv.store.getRecord(code))!;
}
function unitOf(room: BattleClientRoom, seat: string): any {
  return Object.values(wire(room).units as Record<string, any>).find((u) => u.seat === seat && u.fate === "active");
}
/** Closes the client's socket the way a lost network does (not a consented leave). */
function dropConnection(room: BattleClientRoom, autoReconnect: boolean) {
  room.reconnection.enabled = autoReconnect;
  room.reconnection.minUptime = 0;
  room.connection.close(4010, "network lost");
}

describe("seats", () => {
  it("a lone player gets the bot as partner, and a second player takes the bot's seat", async () => {
    const takumi = await srv.client().create("battle", { seed: 5, seat: "takumi" });
    const code = takumi.roomId;
    // The bot partner waits for Takumi: nothing of Wang's is played before he is ready.
    await waitForState(takumi, (w) => w.holderTakumi === "player" && w.holderWang === "bot");
    await srv.room(code).idle();
    expect(wire(takumi).readyWang).toBe(false);
    expect((await record(code)).log.some((c: any) => c.seat === "wang")).toBe(false);
    // Takumi readies: then the bot plays Wang's squad and marks him ready, which turns the round.
    const round0 = wire(takumi).round;
    takumi.send("ready", { ready: true });
    await waitForState(takumi, (w) => w.round > round0, 10_000, "the bot to play wang");
    const rec1 = await record(code);
    const takumiReady = rec1.log.findIndex((c: any) => c.seat === "takumi" && c.action.type === "ready");
    const wangFirst = rec1.log.findIndex((c: any) => c.seat === "wang");
    expect(takumiReady).toBeGreaterThanOrEqual(0);
    expect(wangFirst).toBeGreaterThan(takumiReady);
    expect(rec1.log[rec1.log.length - 1]).toMatchObject({ seat: "wang", action: { type: "ready", ready: true } });

    // A passer-by with the code only watches; the bot's seat goes to the friend Takumi invites.
    const passerBy = await srv.client().joinById(code, {});
    expect((await welcome(passerBy)).role).toBe("spectator");
    expect((await summary(code)).seats).toEqual({ takumi: "player", wang: "bot" });
    await passerBy.leave();
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    expect((await welcome(wang)).role).toBe("wang");
    await waitForState(takumi, (w) => w.holderWang === "player");
    expect((await summary(code)).seats).toEqual({ takumi: "player", wang: "player" });

    // Takumi readies: the bot no longer plays Wang, so the round waits for Wang himself.
    const round = wire(takumi).round;
    takumi.send("ready", { ready: true });
    await waitForState(takumi, (w) => w.readyTakumi === true);
    await srv.room(code).idle();
    expect(wire(takumi).round).toBe(round);
    expect(wire(takumi).readyWang).toBe(false);
    wang.send("ready", { ready: true });
    await waitForState(takumi, (w) => w.round > round);
    const rec2 = await record(code);
    expect(rec2.log[rec2.log.length - 1]).toMatchObject({ seat: "wang", action: { type: "ready", ready: true } });
    await wang.leave();
    await takumi.leave();
  });

  it("a dropped player keeps his seat, the battle goes on, and he reconnects into it", async () => {
    const takumi = await srv.client().create("battle", { seed: 11, seat: "takumi", waitForPartner: true, reconnectSeconds: 20 });
    const code = takumi.roomId;
    const client = srv.client();
    const wang = await client.joinById(code, { invite: await inviteOf(takumi) });
    await waitForState(takumi, (w) => w.holderWang === "player");
    const token = wang.reconnectionToken;

    dropConnection(wang, false);
    await waitForState(takumi, (w) => w.holderWang === "dropped", 5000, "wang dropped");

    // Nobody waits for him: Takumi acts, and the bot does not touch Wang's squad.
    const stepBefore = wire(takumi).step;
    takumi.send("ready", { ready: true });
    await waitForState(takumi, (w) => w.step === stepBefore + 1 && w.readyTakumi);
    expect(wire(takumi).readyWang).toBe(false);
    // His seat is held: nobody else can take it, not with its invite again either.
    await expect(srv.client().joinById(code, { seat: "wang" })).rejects.toThrow(/ERR_SEAT_KEY/);
    await expect(srv.client().joinById(code, { invite: await inviteOf(takumi) })).rejects.toThrow(/ERR_SEAT_KEY/);

    // He comes back with the SDK's reconnection and finds the same battle, in his seat.
    const back = await client.reconnect(token);
    await waitForState(back, (w) => w.step === stepBefore + 1);
    await waitForState(takumi, (w) => w.holderWang === "player");
    expect(back.sessionId).toBe(wang.sessionId);
    back.send("ready", { ready: true });
    await waitForState(takumi, (w) => w.round === 2, 5000, "round 2");
    await waitForState(back, (w) => w.round === 2);
    expect(wire(back).step).toBe(wire(takumi).step);
    await back.leave();
    await takumi.leave();
  });

  it("the SDK reconnects by itself after a network drop", async () => {
    const takumi = await srv.client().create("battle", { seed: 12, seat: "takumi", waitForPartner: true, reconnectSeconds: 20 });
    const code = takumi.roomId;
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    await waitForState(takumi, (w) => w.holderWang === "player");
    const reconnected = new Promise<void>((resolve) => wang.onReconnect(() => resolve()));
    dropConnection(wang, true);
    await reconnected;
    await waitForState(takumi, (w) => w.holderWang === "player");
    // The same Room object works again.
    const err = await expectError(wang, "undo", {});
    expect(err.code).toBe("ERR_NOTHING_TO_UNDO");
    await wang.leave();
    await takumi.leave();
  });

  it("after the window the bot plays his squad, the partner may take it over, and he gets it back", async () => {
    const takumi = await srv.client().create("battle", { seed: 13, seat: "takumi", waitForPartner: true, reconnectSeconds: 1 });
    const code = takumi.roomId;
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    const wangKey = await keyOf(wang); // his browser keeps it
    await waitForState(takumi, (w) => w.holderWang === "player");
    dropConnection(wang, false);
    await waitForState(takumi, (w) => w.holderWang === "dropped", 5000, "wang dropped");

    // The 1 s window runs out: the bot takes Wang's squad (and waits for Takumi to be ready).
    await waitForState(takumi, (w) => w.holderWang === "bot", 10_000, "the bot to take over");
    expect(wire(takumi).readyWang).toBe(false);

    // Takumi takes his partner's squad over instead, and commands it.
    takumi.send("takeover", { seat: "wang" });
    await waitForState(takumi, (w) => w.holderWang === "partner");
    const step = wire(takumi).step;
    takumi.send("ready", { ready: true, seat: "wang" });
    await waitForState(takumi, (w) => w.step === step + 1 && w.readyWang === true);
    const wangUnit = unitOf(takumi, "wang");
    takumi.send("ready", { ready: false, seat: "wang" });
    await waitForState(takumi, (w) => w.step === step + 2 && w.readyWang === false);
    const rec = await record(code);
    expect(rec.log.slice(-2).map((c: any) => c.seat)).toEqual(["wang", "wang"]);

    // A stranger cannot have it, by seat or by the spent invite; Wang comes back later with a new
    // connection and his key: he gets his seat back.
    await expect(srv.client().joinById(code, { seat: "wang" })).rejects.toThrow(/ERR_SEAT_KEY/);
    await expect(srv.client().joinById(code, { invite: await inviteOf(takumi) })).rejects.toThrow(/ERR_SEAT_KEY/);
    const back = await srv.client().joinById(code, { key: wangKey });
    await waitForState(takumi, (w) => w.holderWang === "player");
    await expect(expectError(takumi, "action", { action: { type: "reload", unit: wangUnit.id }, seat: "wang" })).resolves.toMatchObject({
      code: "ERR_NOT_YOUR_SEAT",
    });
    back.send("ready", { ready: true });
    await waitForState(takumi, (w) => w.readyWang === true);
    await back.leave();
    await takumi.leave();
  });

  it("pings and selections reach both players and the spectators", async () => {
    const takumi = await srv.client().create("battle", { seed: 17, seat: "takumi", waitForPartner: true });
    const code = takumi.roomId;
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    const spectator = await srv.client().joinById(code, { seat: "spectator" });
    await waitForState(spectator, (w) => w.holderWang === "player");
    const got = Promise.all([wang, spectator, takumi].map((r) => new Promise((res) => r.onMessage("ping", res))));
    takumi.send("ping", { x: 3, y: 4, kind: "danger" });
    for (const p of (await got) as any[]) expect(p).toEqual({ seat: "takumi", x: 3, y: 4, level: 0, kind: "danger" });
    const unit = unitOf(wang, "wang").id;
    wang.send("select", { unit });
    await waitForState(takumi, (w) => w.selectWang === unit);
    await waitForState(spectator, (w) => w.selectWang === unit);
    // The cursor goes to everyone but its owner.
    const pointers = Promise.all([wang, spectator].map((r) => new Promise((res) => r.onMessage("pointer", res))));
    let own = 0;
    takumi.onMessage("pointer", () => own++);
    takumi.send("pointer", { x: 5, y: 6 });
    for (const p of (await pointers) as any[]) expect(p).toEqual({ seat: "takumi", x: 5, y: 6, level: 0 });
    const none = new Promise((res) => wang.onMessage("pointer", res));
    takumi.send("pointer", { x: -1, y: -1 });
    expect(await none).toEqual({ seat: "takumi" });
    expect(own).toBe(0);
    expect(wire(takumi).step).toBe(0); // not part of the battle
    for (const r of [wang, spectator, takumi]) await r.leave();
  });

  it("the turn timer ends the player phase as if both were ready", async () => {
    const takumi = await srv.client().create("battle", { seed: 21, seat: "takumi", waitForPartner: true, turnSeconds: 1 });
    const w0 = await waitForState(takumi, (w) => w.turnDeadline > 0);
    expect(w0.turnSeconds).toBe(1);
    // Nobody readies; the timer does (both seats, recorded in the log).
    await waitForState(takumi, (w) => w.round === 2, 10_000, "the timer to end round 1");
    const rec = await record(takumi.roomId);
    expect(rec.log.map((c: any) => c.action)).toEqual([
      { type: "ready", ready: true },
      { type: "ready", ready: true },
    ]);
    await takumi.leave();
  });

  it("acting after the battle has ended is refused", async () => {
    const takumi = await srv.client().create("battle", { seed: 3, seat: "takumi", map: "last-stand" });
    await waitForState(takumi, (w) => w.mapId === "last-stand");
    for (let i = 0; i < 200 && wire(takumi).phase !== "ended"; i++) {
      const round = wire(takumi).round;
      takumi.send("ready", { ready: true });
      await waitForState(takumi, (w) => w.round > round || w.phase === "ended", 10_000, `round ${round} to end`);
    }
    expect(wire(takumi).phase).toBe("ended");
    const err = await expectError(takumi, "ready", { ready: true });
    expect(err.code).toBe("ERR_WRONG_PHASE");
    const s = await summary(takumi.roomId);
    expect(s.phase).toBe("ended");
    await takumi.leave();
  });
});
