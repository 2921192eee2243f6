import { describe, expect, it } from "vitest";
import type { Client, Room } from "colyseus";
import { SocketBatch, ownFrames } from "../../../server/socket-batch.js";

/** A client whose socket records what is written, and whether it was corked then. */
function fakeClient(log: string[], name: string) {
  let corked = 0;
  const socket = {
    cork: () => void corked++,
    uncork: () => {
      corked--;
      if (corked === 0) log.push(`${name}:flush`);
    },
  };
  const client = { ref: { _socket: socket } } as unknown as Client;
  return { client, send: (frame: string) => log.push(`${name}:${frame}${corked > 0 ? "(held)" : ""}`) };
}

describe("SocketBatch", () => {
  it("holds a step's frames to each client and lets them go in one write when it ends", () => {
    const log: string[] = [];
    const [a, b] = [fakeClient(log, "a"), fakeClient(log, "b")];
    new SocketBatch().run([a.client, b.client], () => {
      a.send("events");
      b.send("events");
      a.send("patch");
      a.send("ack");
    });
    expect(log).toEqual(["a:events(held)", "b:events(held)", "a:patch(held)", "a:ack(held)", "a:flush", "b:flush"]);
  });

  it("uncorks even when the step throws, and leaves a client without a socket alone", () => {
    const log: string[] = [];
    const a = fakeClient(log, "a");
    const bare = {} as Client;
    expect(() => new SocketBatch().run([a.client, bare], () => { a.send("x"); throw new Error("boom"); })).toThrow("boom");
    expect(log).toEqual(["a:x(held)", "a:flush"]);
  });
});

describe("ownFrames", () => {
  it("sends patches and full states as copies: the encoder's reused buffer may change under a held frame", () => {
    const shared = new Uint8Array(16);
    const ser = {
      encoder: { encode: () => (shared.fill(1, 0, 4), shared.subarray(0, 4)) },
      getFullState: () => (shared.fill(2, 0, 8), shared.subarray(0, 8)),
    };
    const room = { _serializer: ser } as unknown as Room;
    expect(ownFrames(room)).toBe(true);
    const patch = ser.encoder.encode();
    const full = ser.getFullState();
    expect([...patch]).toEqual([1, 1, 1, 1]);
    expect([...full]).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(patch.buffer).not.toBe(shared.buffer);
  });

  it("changes nothing, and says so, for a serializer it does not know", () => {
    expect(ownFrames({ _serializer: {} } as unknown as Room)).toBe(false);
  });
});
