/**
 * Skip: a player who is ready and waits on the bot partner (paced here a minute between its
 * commands, far longer than the test waits) has it play the rest of its turn at once. Nothing due: nothing
 * happens. A spectator may not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, startServer, waitForState, wire, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { botDelayMs: 60_000 } });
});
afterAll(async () => {
  await srv?.stop();
});

describe("skip", () => {
  it("plays the bot partner's turn at once, only when it is due", async () => {
    const room = await srv.client().create("battle", { seed: 5, seat: "takumi" });
    await waitForState(room, (w) => w.holderTakumi === "player" && w.holderWang === "bot" && w.phase === "player");
    const round = wire(room).round;
    // Takumi is not ready: the bot has no turn due, a skip does nothing
    room.send("skip", {});
    await srv.room(room.roomId).idle();
    expect(wire(room).step).toBe(0);
    expect(srv.room(room.roomId).botScheduledForTests()).toBe(false);
    // ready: the bot's commands after its first are a minute apart; the skip has it play its whole turn now
    room.send("ready", { ready: true });
    await waitForState(room, (w) => w.readyTakumi === true);
    expect(srv.room(room.roomId).botScheduledForTests()).toBe(true);
    room.send("skip", {});
    await waitForState(room, (w) => w.round > round && w.phase === "player", 20_000, "the bot's turn played at once");
    const log = (await srv.store.getRecord(room.roomId))!.log;
    const wang = log.filter((c) => c.seat === "wang");
    expect(wang.length).toBeGreaterThan(1);
    expect(wang[wang.length - 1].action).toEqual({ type: "ready", ready: true });
    // nothing more is scheduled: its turn is over
    await srv.room(room.roomId).idle();
    expect(srv.room(room.roomId).botScheduledForTests()).toBe(false);

    const watcher = await srv.client().joinById(room.roomId, {});
    await waitForState(watcher, (w) => w.phase === "player");
    expect((await expectError(watcher, "skip", {})).code).toBe("ERR_SPECTATOR");
    expect((await expectError(room, "skip", { now: true })).code).toBe("ERR_BAD_MESSAGE");
    await watcher.leave();
    await room.leave();
  });
});
