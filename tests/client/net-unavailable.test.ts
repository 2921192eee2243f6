/**
 * The online client and ERR_UNAVAILABLE (the server could not store the command: its database is
 * away): the command was not played, the player is told so as a note, and it goes again by itself
 * with a new number a moment later — as after a reconnection. A fake room stands for the SDK's.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { OnlineBackend } from "../../client/src/net.js";
import { refusalText } from "../../client/src/words.js";

function fakeRoom() {
  const handlers = new Map<string, (m: any) => void>();
  const sent: { type: string; payload: any }[] = [];
  const noop = () => () => {};
  const room = {
    reconnection: {},
    onStateChange: noop,
    onDrop: noop,
    onReconnect: noop,
    onLeave: noop,
    onMessage: (type: string, fn: (m: any) => void) => {
      handlers.set(type, fn);
      return () => handlers.delete(type);
    },
    send: (type: string, payload: any) => sent.push({ type, payload }),
  };
  return { room, sent, deliver: (type: string, m: any) => handlers.get(type)?.(m) };
}

afterEach(() => vi.useRealTimers());

describe("ERR_UNAVAILABLE", () => {
  it("is a note, not a refusal, and the command goes again with a new number", () => {
    vi.useFakeTimers();
    const f = fakeRoom();
    const b = new OnlineBackend({} as never, f.room as never, "takumi", { id: "m" } as never, 4);
    const notes: string[] = [];
    const errors: string[] = [];
    b.setHandlers({ notice: (code: string) => notes.push(code), error: (code: string) => errors.push(code), pending: () => {}, connection: () => {}, state: () => {}, events: () => {} } as never);
    // (the client also asks for the partner's plan once it listens: not a command)
    const commands = () => f.sent.filter((m) => m.type !== "partner");
    b.sendReady(true);
    expect(commands()).toEqual([{ type: "ready", payload: { ready: true, seq: 5 } }]);
    f.deliver("error", { code: "ERR_UNAVAILABLE", message: "x", seq: 5 });
    f.deliver("ack", { seq: 5, ok: false, code: "ERR_UNAVAILABLE" });
    expect(notes).toEqual(["ERR_UNAVAILABLE"]);
    expect(errors).toEqual([]);
    expect(b.pendingCount).toBe(0);
    vi.advanceTimersByTime(1999);
    expect(commands()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(commands()[1]).toEqual({ type: "ready", payload: { ready: true, seq: 6 } });
    expect(b.pendingCount).toBe(1);
    expect(refusalText("ERR_UNAVAILABLE", "server words")).toMatch(/not played.*sent again/);
  });
});
