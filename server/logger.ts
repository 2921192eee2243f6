/**
 * Logging of what clients get wrong, without flooding: one line per kind of mistake (no stack
 * trace), and repeats of the same kind within a minute summarised in one line when the minute is
 * over. Server faults (ERR_INTERNAL) are logged in full by their callers.
 */
import { printable } from "./printable.js";

const WINDOW_MS = 60_000;

interface Seen {
  first: number;
  repeats: number;
  sample: string;
}

const seen = new Map<string, Seen>();
let timer: NodeJS.Timeout | null = null;
let quiet = false;

export function setClientLogQuiet(q: boolean): void {
  quiet = q;
}

/** Prints the summaries of kinds whose minute is over (run by a timer; tests call it with a clock). */
export function flushClientLog(now: number): void {
  for (const [key, s] of seen) {
    if (now - s.first < WINDOW_MS) continue;
    if (s.repeats > 0 && !quiet) console.warn(`[client] ${key}: ${s.repeats} more in the last ${Math.round((now - s.first) / 1000)} s (last: ${s.sample})`);
    seen.delete(key);
  }
  if (seen.size === 0 && timer) {
    clearInterval(timer);
    timer = null;
  }
}

/** Logs a client mistake of kind `key` (e.g. "ERR_BAD_MESSAGE"), summarising repeats. */
export function logClientMistake(key: string, detail: string, now = Date.now()): void {
  const line = printable(detail.replace(/[ \t\r\n]+/g, " ").slice(0, 200));
  const s = seen.get(key);
  if (s) {
    s.repeats++;
    s.sample = line;
    return;
  }
  seen.set(key, { first: now, repeats: 0, sample: line });
  if (!quiet) console.warn(`[client] ${key}: ${line}`);
  if (!timer) {
    timer = setInterval(() => flushClientLog(Date.now()), WINDOW_MS / 4);
    timer.unref();
  }
}

/** For tests: how many distinct kinds are being summarised now. */
export function pendingSummaries(): number {
  return seen.size;
}

/** Colyseus' logger: its errors are mostly about what a client sent (a frame it cannot decode);
 *  they are logged as one line (no stack), repeats summarised. */
export const colyseusLogger = {
  debug: (..._args: unknown[]) => {},
  trace: (..._args: unknown[]) => {},
  info: (...args: unknown[]) => {
    if (!quiet) console.info(...args);
  },
  warn: (...args: unknown[]) => logClientMistake("colyseus", args.map(String).join(" ").split("\n")[0]),
  error: (...args: unknown[]) => logClientMistake("colyseus", args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ").split("\n")[0]),
};
