/** Store writes held through an outage (server/store/durable.ts), on a fake store whose answers
 *  the test scripts: nothing is refused that may have been stored, nothing is written twice. */
import { describe, expect, it } from "vitest";
import { appendDurably, faultKind, StoreUnavailable } from "../../../server/store/durable.js";
import type { LoggedCommand, LogTail, MatchStore } from "../../../server/store/interface.js";

const err = (code: string, message = code) => Object.assign(new Error(message), { code });
const cmd: LoggedCommand = { seat: "takumi", action: { type: "ready", ready: true }, hash: "h1" };

/** `appends` and `tails`: what each successive call does (a value, or an error to throw). */
function fakeStore(appends: (Error | "ok" | "stored-but-lost")[], tails: (Error | LogTail)[]) {
  const calls = { append: 0, tail: 0 };
  let length = 0;
  const store = {
    async appendCommands(_id: string, _index: number, c: LoggedCommand[]) {
      const a = appends[Math.min(calls.append++, appends.length - 1)];
      if (a === "ok") return void (length += c.length);
      if (a === "stored-but-lost") {
        length += c.length;
        throw err("ECONNRESET");
      }
      throw a;
    },
    async logTail(): Promise<LogTail> {
      const t = tails[Math.min(calls.tail++, tails.length - 1)];
      if (t instanceof Error) throw t;
      return t;
    },
  } as unknown as MatchStore;
  return { store, calls, length: () => length };
}

describe("appendDurably", () => {
  it("an append whose answer was lost is found in the log and not written again", async () => {
    const f = fakeStore(["stored-but-lost"], [{ length: 1, lastHash: "h1" }]);
    await appendDurably(f.store, "M", 0, [cmd], { holdMs: 1000 });
    expect(f.calls.append).toBe(1);
    expect(f.length()).toBe(1);
  });

  it("held while the database refuses connections, stored once it answers", async () => {
    const down = err("ECONNREFUSED");
    const f = fakeStore([down, down, down, "ok"], [down, down, { length: 0, lastHash: null }]);
    await appendDurably(f.store, "M", 0, [cmd], { holdMs: 10_000 });
    expect(f.calls.append).toBe(4);
    expect(f.length()).toBe(1);
  });

  it("past the hold, refused only once the log says it is not stored; held while nothing answers", async () => {
    const down = err("ECONNREFUSED");
    const tails: (Error | LogTail)[] = [down, down, down, down, { length: 0, lastHash: null }];
    const f = fakeStore([down], tails);
    await expect(appendDurably(f.store, "M", 0, [cmd], { holdMs: 0 })).rejects.toBeInstanceOf(StoreUnavailable);
    expect(f.calls.tail).toBe(5); // the unanswered tails kept it held past the (zero) hold
  });

  it("a database that refuses writes is refused at once; a log that moved on is a fault, not an outage", async () => {
    const ro = fakeStore([err("SQLITE_READONLY", "attempt to write a readonly database")], [{ length: 0, lastHash: null }]);
    await expect(appendDurably(ro.store, "M", 0, [cmd], { holdMs: 60_000 })).rejects.toThrow(/refuses writes.*readonly/);
    const moved = fakeStore([err("23505", "duplicate key")], [{ length: 2, lastHash: "other" }]);
    await expect(appendDurably(moved.store, "M", 0, [cmd], { holdMs: 60_000 })).rejects.toThrow(/duplicate key/);
    expect(faultKind(err("57P01"))).toBe("retry");
    expect(faultKind(err("25006"))).toBe("refuse");
    expect(faultKind(new Error("match X: append at 3 does not follow the log's end"))).toBe("bug");
  });
});
