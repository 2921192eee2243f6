/** The structured log: JSON lines with fields; client mistakes one line per kind, repeats summarised
 *  once their minute is over. */
import { afterEach, describe, expect, it } from "vitest";
import { flushClientLog, log, logClientMistake, pendingSummaries, roomLog, setClientLogQuiet, tapLog } from "../../../server/logger.js";
import { logFault } from "../../../server/replies.js";

let untap: () => void = () => {};
afterEach(() => {
  flushClientLog(Number.MAX_SAFE_INTEGER);
  untap();
});

function capture(): Record<string, any>[] {
  const lines: Record<string, any>[] = [];
  untap = tapLog((e) => lines.push(e));
  return lines;
}

describe("structured log", () => {
  it("a client's terminal escapes reach the log written out, never obeyed", () => {
    setClientLogQuiet(false);
    const lines = capture();
    logClientMistake("ERR_ESCAPES", 'Unknown message type "\x1b[2J\x1b[31mpwned\u009b0m\x07".');
    expect(lines[0].detail).toBe('Unknown message type "\\x1b[2J\\x1b[31mpwned\\x9b0m\\x07".');
    expect(lines[0].detail).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("a flood of one kind gives one line now and one summary line after the minute", () => {
    setClientLogQuiet(false);
    const lines = capture();
    const t0 = 1_000_000;
    for (let i = 0; i < 500; i++) logClientMistake("ERR_BAD_MESSAGE", `frame ${i}\n    at secret (/srv/app/x.ts:1:1)`, { session: "s1" }, t0 + i);
    logClientMistake("ERR_RATE_LIMITED", "client x", {}, t0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40, kind: "ERR_BAD_MESSAGE", session: "s1", detail: "frame 0 at secret (/srv/app/x.ts:1:1)" });
    expect(typeof lines[0].time).toBe("string");
    flushClientLog(t0 + 30_000);
    expect(lines).toHaveLength(2);
    flushClientLog(t0 + 61_000);
    expect(lines).toHaveLength(3); // the rate-limited kind had no repeats: no summary line
    expect(lines[2]).toMatchObject({ level: 40, kind: "ERR_BAD_MESSAGE", repeats: 499, seconds: 61, last: "frame 499 at secret (/srv/app/x.ts:1:1)" });
    expect(pendingSummaries()).toBe(0);
  });

  it("a server fault is one error line with the room, seat, command number, command and stack", () => {
    const lines = capture();
    logFault("ABCDE", "action", { action: { type: "overwatch", unit: "t1" }, seq: 7 }, new Error("boom"), { seat: "takumi", seq: 7 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, room: "ABCDE", seat: "takumi", seq: 7, where: "action", msg: "ERR_INTERNAL in action: boom" });
    expect(lines[0].command).toContain("overwatch");
    expect(lines[0].err.stack).toContain("boom");
  });

  it("room lines carry the room's code; LAST_STAND_QUIET silences them and the client mistakes", () => {
    const lines = capture();
    const level = log.level;
    log.level = "info"; // whatever LOG_LEVEL the run has
    setClientLogQuiet(false);
    roomLog("QWERT", "join s1 as takumi");
    expect(lines).toEqual([expect.objectContaining({ level: 30, room: "QWERT", msg: "join s1 as takumi" })]);
    setClientLogQuiet(true);
    roomLog("QWERT", "join s2 as wang");
    logClientMistake("ERR_BAD_MESSAGE", "x");
    expect(lines).toHaveLength(1);
    log.error("faults are never silenced");
    expect(lines).toHaveLength(2);
    setClientLogQuiet(false);
    log.level = level;
  });
});
