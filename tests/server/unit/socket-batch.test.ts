import { describe, expect, it } from "vitest";
import type { Client } from "colyseus";
import { SocketBatch } from "../../../server/socket-batch.js";

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

  it("lets a held patch go before a second patch is encoded (the encode buffer is reused)", () => {
    const log: string[] = [];
    const a = fakeClient(log, "a");
    const batch = new SocketBatch();
    batch.run([a.client], () => {
      batch.beforePatch();
      a.send("patch1");
      batch.beforePatch();
      a.send("patch2");
    });
    expect(log).toEqual(["a:patch1(held)", "a:flush", "a:patch2(held)", "a:flush"]);
  });

  it("uncorks even when the step throws, and leaves a client without a socket alone", () => {
    const log: string[] = [];
    const a = fakeClient(log, "a");
    const bare = {} as Client;
    expect(() => new SocketBatch().run([a.client, bare], () => { a.send("x"); throw new Error("boom"); })).toThrow("boom");
    expect(log).toEqual(["a:x(held)", "a:flush"]);
  });
});
