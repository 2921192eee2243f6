/**
 * The server's log: pino, one JSON object a line on stdout (level, time, pid, msg, and fields such
 * as `room` (the battle's code), `seat`, `seq` (the client's command number), `kind`). `npm run dev`
 * prints it pretty (pino-pretty). LOG_LEVEL sets the level (default info).
 *
 * What clients get wrong never floods it: one line per kind of mistake (no stack trace), repeats of
 * the same kind within a minute counted and summarised in one line when the minute is over. Server
 * faults (ERR_INTERNAL) are logged in full by their callers, with the room, seat and command.
 */
import pino, { type Logger, type DestinationStream } from "pino";
import { printable } from "./printable.js";

const WINDOW_MS = 60_000;

/** Lines go to stdout (or the pretty printer), and to any tap a test installed. */
const taps = new Set<(line: string) => void>();
let out: DestinationStream = pino.destination({ dest: 1, sync: true });
const sink: DestinationStream = {
  write(line: string) {
    for (const t of taps) t(line);
    out.write(line);
  },
};

function create(level: string): Logger {
  return pino({ level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, sink);
}

/** The process's logger (a live binding: configureLogger replaces it). */
export let log: Logger = create(process.env.LOG_LEVEL || "info");

/** Dev: pretty lines on stdout (pino-pretty, loaded only when asked for). */
export async function configureLogger(options: { pretty?: boolean; level?: string }): Promise<void> {
  if (options.pretty) {
    const pretty = (await import("pino-pretty")).default;
    out = pretty({ colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname", sync: true });
  }
  log = create(options.level ?? log.level);
}

/** For tests: every line written from now on, parsed, until the returned function is called. */
export function tapLog(fn: (entry: Record<string, unknown>) => void): () => void {
  const t = (line: string) => fn(JSON.parse(line) as Record<string, unknown>);
  taps.add(t);
  return () => taps.delete(t);
}

/** A log line's text with no line breaks (no stack trace from a client's frame) and bounded. */
const oneLine = (s: string) => printable(s.replace(/\s+/g, " ").slice(0, 200));

interface Seen {
  first: number;
  repeats: number;
  sample: string;
  fields: Record<string, unknown>;
}

const seen = new Map<string, Seen>();
let timer: NodeJS.Timeout | null = null;
let quiet = false;

/** LAST_STAND_QUIET=1: client mistakes and room lines are not logged (tests, benchmarks). */
export function setClientLogQuiet(q: boolean): void {
  quiet = q;
}

/** Prints the summaries of kinds whose minute is over (run by a timer; tests call it with a clock). */
export function flushClientLog(now: number): void {
  for (const [kind, s] of seen) {
    if (now - s.first < WINDOW_MS) continue;
    if (s.repeats > 0 && !quiet) {
      const seconds = Math.round((now - s.first) / 1000);
      log.warn({ kind, repeats: s.repeats, seconds, last: s.sample, ...s.fields }, `client mistake ${kind}: ${s.repeats} more in the last ${seconds} s`);
    }
    seen.delete(kind);
  }
  if (seen.size === 0 && timer) {
    clearInterval(timer);
    timer = null;
  }
}

/** Logs a client mistake of kind `kind` (e.g. "ERR_BAD_MESSAGE"), summarising repeats. */
export function logClientMistake(kind: string, detail: string, fields: Record<string, unknown> = {}, now = Date.now()): void {
  const line = oneLine(detail);
  const s = seen.get(kind);
  if (s) {
    s.repeats++;
    s.sample = line;
    s.fields = fields;
    return;
  }
  seen.set(kind, { first: now, repeats: 0, sample: line, fields });
  if (!quiet) log.warn({ kind, detail: line, ...fields }, `client mistake ${kind}`);
  if (!timer) {
    timer = setInterval(() => flushClientLog(Date.now()), WINDOW_MS / 4);
    timer.unref();
  }
}

/** For tests: how many distinct kinds are being summarised now. */
export function pendingSummaries(): number {
  return seen.size;
}

/** A room's lines (join, drop, leave…): info, off under LAST_STAND_QUIET. */
export function roomLog(room: string, message: string, fields: Record<string, unknown> = {}): void {
  if (!quiet) log.info({ room, ...fields }, message);
}

/** Colyseus' logger: its errors are mostly about what a client sent (a frame it cannot decode);
 *  they are logged as one line (no stack), repeats summarised. */
export const colyseusLogger = {
  debug: (..._args: unknown[]) => {},
  trace: (..._args: unknown[]) => {},
  info: (...args: unknown[]) => {
    if (!quiet) log.info({ kind: "colyseus" }, oneLine(args.map(String).join(" ")));
  },
  warn: (...args: unknown[]) => logClientMistake("colyseus", args.map(String).join(" ").split("\n")[0]),
  error: (...args: unknown[]) => logClientMistake("colyseus", args.map((a) => (a instanceof Error ? a.message : String(a))).join(" ").split("\n")[0]),
};

/** An error as log fields: its message and stack (pino's serializer), never sent to a client. */
export function errFields(err: unknown): Record<string, unknown> {
  return { err: err instanceof Error ? err : new Error(String(err)) };
}
