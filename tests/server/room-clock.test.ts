/**
 * A battle room runs no 60 Hz clock interval (server/room-clock.ts): Colyseus makes one per room
 * that sends its own patches, thousands of timer callbacks a second with hundreds of battles. The
 * clock still reads the time where Colyseus reads it: a message's arrival (the hard per-second
 * message limit counts from it) and a patch.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { nextMessage, startServer, until, waitForState, type BattleClientRoom, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { hardMessagesPerSecond: 5 } });
});
afterAll(async () => {
  await srv?.stop();
});

const TICK_MS = 1000 / 60;

describe("the room's clock", () => {
  it("no interval ticks it: the one Colyseus makes as the room is made is cleared", async () => {
    const made = vi.spyOn(globalThis, "setInterval");
    try {
      const room: BattleClientRoom = await srv.client().create("battle", { seed: 5, seat: "takumi" });
      await waitForState(room, (w) => w.phase === "player");
      const ticks = made.mock.calls.map((c, i) => ({ delay: c[1], handle: made.mock.results[i].value as { _destroyed?: boolean } })).filter((t) => t.delay === TICK_MS);
      // Colyseus made its interval (the spy saw it), and it no longer runs
      expect(ticks.length).toBeGreaterThan(0);
      for (const t of ticks) expect(t.handle._destroyed).toBe(true);
      await room.leave();
    } finally {
      made.mockRestore();
    }
  });

  it("reads the time as a message arrives, and the hard message limit still counts a second's messages", async () => {
    const room: BattleClientRoom = await srv.client().create("battle", { seed: 6, seat: "takumi" });
    await waitForState(room, (w) => w.phase === "player");
    const server = srv.room(room.roomId) as unknown as { clock: { currentTime: number } };
    const before = server.clock.currentTime;
    // the clock reads milliseconds: a ping sent in the same one as the last tick could not move it
    await until(() => Date.now() > before, "a millisecond past the clock's last reading");
    // a ping is relayed (no patch ticks the clock): only the message's arrival can
    const echoed = nextMessage(room, "ping");
    room.send("ping", { x: 1, y: 1, kind: "move" });
    await echoed;
    expect(server.clock.currentTime).toBeGreaterThan(before);
    // over 5 messages within the second: Colyseus closes the connection (it counts by the clock)
    (room as unknown as { reconnection: { enabled: boolean } }).reconnection.enabled = false;
    const clients = (srv.room(room.roomId) as unknown as { clients: unknown[] }).clients;
    expect(clients.length).toBe(1);
    for (let i = 0; i < 12; i++) room.send("ping", { x: 1, y: 1, kind: "move" });
    await until(() => clients.length === 0, "the client closed by the hard limit");
  });
});
