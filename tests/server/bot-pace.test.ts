/**
 * The bot partner waits for its human partner to be ready, then plays its squad one command at a
 * time, LAST_STAND_BOT_DELAY_MS apart (40 ms here), so a person can follow it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, waitForState, wire, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { botDelayMs: 40 } });
});
afterAll(async () => {
  await srv?.stop();
});

describe("the bot partner's pace", () => {
  it("plays after its partner is ready, one command per message, at least the delay apart", async () => {
    const room = await srv.client().create("battle", { seed: 5, seat: "takumi" });
    await waitForState(room, (w) => w.holderTakumi === "player" && w.phase === "player");
    const arrivals: { at: number; step: number }[] = [];
    room.onMessage("events", (m: { step: number }) => arrivals.push({ at: Date.now(), step: m.step }));
    // Nothing happens while Takumi is not ready (well beyond the delay).
    await new Promise((r) => setTimeout(r, 200));
    expect(wire(room).step).toBe(0);
    const round = wire(room).round;
    room.send("ready", { ready: true });
    await waitForState(room, (w) => w.round > round, 20_000, "the bot partner to finish its turn");
    const record = (await srv.store.getRecord(room.roomId))!;
    const botCommands = record.log.filter((c) => c.seat === "wang").length;
    expect(botCommands).toBeGreaterThan(1);
    // Each bot command reached the clients in its own step (no batch), the delay apart at least.
    const steps = arrivals.map((a) => a.step);
    expect(new Set(steps).size).toBe(steps.length);
    expect(record.log.length).toBe(1 + botCommands);
    const bot = arrivals.filter((a) => a.step > 1);
    for (let i = 1; i < bot.length; i++) expect(bot[i].at - bot[i - 1].at).toBeGreaterThanOrEqual(35);
    await room.leave();
  });
});
