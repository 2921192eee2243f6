/** Client mistakes are logged one line per kind, repeats summarised once their minute is over. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushClientLog, logClientMistake, pendingSummaries, setClientLogQuiet } from "../../../server/logger.js";

afterEach(() => {
  flushClientLog(Number.MAX_SAFE_INTEGER);
  vi.restoreAllMocks();
});

describe("rate-limited client log", () => {
  it("a client's terminal escapes reach the log written out, never obeyed", () => {
    setClientLogQuiet(false);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    logClientMistake("ERR_BAD_MESSAGE", 'Unknown message type "\x1b[2J\x1b[31mpwned\u009b0m\x07".');
    const line = String(warn.mock.calls[0][0]);
    expect(line).toBe('[client] ERR_BAD_MESSAGE: Unknown message type "\\x1b[2J\\x1b[31mpwned\\x9b0m\\x07".');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("a flood of one kind gives one line now and one summary line after the minute", () => {
    setClientLogQuiet(false);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const t0 = 1_000_000;
    for (let i = 0; i < 500; i++) logClientMistake("ERR_BAD_MESSAGE", `frame ${i}\n    at secret (/srv/app/x.ts:1:1)`, t0 + i);
    logClientMistake("ERR_RATE_LIMITED", "client x", t0);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0][0])).toBe("[client] ERR_BAD_MESSAGE: frame 0 at secret (/srv/app/x.ts:1:1)");
    flushClientLog(t0 + 30_000);
    expect(warn).toHaveBeenCalledTimes(2);
    flushClientLog(t0 + 61_000);
    expect(warn).toHaveBeenCalledTimes(3); // the rate-limited kind had no repeats: no summary line
    expect(String(warn.mock.calls[2][0])).toMatch(/^\[client\] ERR_BAD_MESSAGE: 499 more in the last 61 s \(last: frame 499/);
    expect(pendingSummaries()).toBe(0);
  });
});
