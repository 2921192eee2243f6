/**
 * The bot partner waits for its human partner to be ready, then plays its squad one command at a
 * time, LAST_STAND_BOT_DELAY_MS apart (40 ms here; the delay itself on fake timers), so a person can follow it;
 * its ready goes with its last command.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BotPartner, FIRST_COMMAND_MS } from "../../server/bot-partner.js";
import { startServer, waitForState, wire, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { botDelayMs: 40 } });
});
afterAll(async () => {
  await srv?.stop();
});

describe("the bot partner's pace", () => {
  it("plays after its partner is ready, one command per message", async () => {
    const room = await srv.client().create("battle", { seed: 5, seat: "takumi" });
    await waitForState(room, (w) => w.holderTakumi === "player" && w.phase === "player");
    const arrivals: { at: number; step: number }[] = [];
    room.onMessage("events", (m: { step: number }) => arrivals.push({ at: Date.now(), step: m.step }));
    // Nothing happens while Takumi is not ready: the room is idle and no bot turn is scheduled.
    await srv.room(room.roomId).idle();
    expect(srv.room(room.roomId).botScheduledForTests()).toBe(false);
    expect(wire(room).step).toBe(0);
    const round = wire(room).round;
    room.send("ready", { ready: true });
    await waitForState(room, (w) => w.round > round, 20_000, "the bot partner to finish its turn");
    const record = (await srv.store.getRecord(room.roomId))!;
    const botCommands = record.log.filter((c) => c.seat === "wang").length;
    expect(botCommands).toBeGreaterThan(1);
    // Each bot command reached the clients in its own step (no batch; its ready rides with its last).
    const steps = arrivals.map((a) => a.step);
    expect(new Set(steps).size).toBe(steps.length);
    expect(record.log.length).toBe(1 + botCommands);
    await room.leave();
  });

  it("plays its first command soon after the partner's ready, waits the delay before each next, and forgets a turn no longer due", () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const bot = new BotPartner(700, () => runs++);
      bot.wake(true);
      bot.wake(true); // already scheduled: once
      vi.advanceTimersByTime(FIRST_COMMAND_MS - 1);
      expect(runs).toBe(0);
      vi.advanceTimersByTime(1);
      expect(runs).toBe(1);
      // its next command, the whole delay later
      bot.wake(true);
      vi.advanceTimersByTime(699);
      expect(runs).toBe(1);
      vi.advanceTimersByTime(1);
      expect(runs).toBe(2);
      bot.wake(true);
      vi.advanceTimersByTime(300);
      bot.wake(false); // the partner took his ready back
      vi.advanceTimersByTime(1000);
      expect(runs).toBe(2);
      // ready again: a new turn, its first command soon
      bot.wake(true);
      vi.advanceTimersByTime(FIRST_COMMAND_MS);
      expect(runs).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
