/** The seat state machine on its own (server/seats.ts): no server, no sockets. */
import { describe, expect, it } from "vitest";
import { SeatTable } from "../../../server/seats.js";

const notReady = { takumi: false, wang: false };

describe("seat state machine", () => {
  it("a lone player gets the first seat; the bot holds the other and waits for him to be ready", () => {
    const t = new SeatTable();
    expect(t.join("a", "takumi")).toEqual({ ok: true, value: { role: "takumi", displaced: null } });
    expect(t.holder("wang")).toBe("bot");
    expect(t.botSeats()).toEqual(["wang"]);
    expect(t.botsDue(notReady)).toEqual([]);
    expect(t.botsDue({ takumi: true, wang: false })).toEqual(["wang"]);
    expect(t.botsDue({ takumi: true, wang: true })).toEqual([]);
  });

  it("nobody seated: the bot plays nothing", () => {
    const t = new SeatTable();
    expect(t.botSeats()).toEqual([]);
    expect(t.botsDue({ takumi: true, wang: true })).toEqual([]);
  });

  it("a seat admitted by its key is taken from its owner's older connection; spectators need room", () => {
    const t = new SeatTable();
    t.join("a", "takumi");
    t.drop("a", "takumi");
    expect(t.holder("takumi")).toBe("dropped");
    // the owner's new connection (its key checked before, seat-keys.ts) takes it from the dropped one
    expect(t.join("b", "takumi")).toEqual({ ok: true, value: { role: "takumi", displaced: "a" } });
    expect(t.reconnect("a", "takumi")).toBe(false);
    expect(t.holder("takumi")).toBe("player");
    expect(t.join("c", "spectator", false)).toMatchObject({ ok: false, code: "ERR_ROOM_FULL" });
    expect(t.join("c", "spectator", true)).toEqual({ ok: true, value: { role: "spectator", displaced: null } });
  });

  it("drop → reconnect keeps the seat; leave gives it to the bot", () => {
    const t = new SeatTable();
    t.join("a", "wang");
    expect(t.drop("a", "wang")).toBe(true);
    expect(t.drop("x", "wang")).toBe(false);
    expect(t.reconnect("a", "wang")).toBe(true);
    expect(t.holder("wang")).toBe("player");
    expect(t.leave("a")).toEqual(["wang"]);
    expect(t.holder("wang")).toBe("bot");
    expect(t.sessionOf("wang")).toBeNull();
  });

  it("an open seat is kept for a human: the bot does not play it until the window closes", () => {
    const t = new SeatTable();
    t.join("a", "takumi");
    t.keepOpen("wang");
    expect(t.botsDue({ takumi: true, wang: false })).toEqual([]);
    expect(t.join("b", "wang")).toEqual({ ok: true, value: { role: "wang", displaced: null } });
    t.leave("b");
    t.keepOpen("wang");
    expect(t.closeOpen()).toBe(true);
    expect(t.closeOpen()).toBe(false);
    expect(t.botsDue({ takumi: true, wang: false })).toEqual(["wang"]);
  });

  it("takeover: only the bot's or an open seat, never one's own; the partner commands both", () => {
    const t = new SeatTable();
    t.join("a", "takumi");
    expect(t.takeover("a", "takumi", "takumi")).toMatchObject({ ok: false, code: "ERR_NOT_YOUR_SEAT" });
    expect(t.takeover("a", "spectator", "wang")).toMatchObject({ ok: false });
    expect(t.takeover("a", "takumi", "wang")).toEqual({ ok: true, value: "wang" });
    expect(t.controlled("a")).toEqual(["takumi", "wang"]);
    expect(t.botSeats()).toEqual([]);
    // The owner comes back: a joining player takes the partner's seat back.
    expect(t.join("b", "wang")).toEqual({ ok: true, value: { role: "wang", displaced: null } });
    expect(t.controlled("a")).toEqual(["takumi"]);
    // Leaving frees every seat the session commanded.
    expect(t.takeover("a", "takumi", "wang")).toMatchObject({ ok: false }); // a player holds it
    t.leave("b");
    expect(t.takeover("a", "takumi", "wang")).toMatchObject({ ok: true });
    expect(t.leave("a").sort()).toEqual(["takumi", "wang"]);
  });
});
