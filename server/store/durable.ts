/**
 * Writes that outlive a database outage. An append is acknowledged only once stored; when the
 * database does not answer (PostgreSQL restarting, a broken connection) the append is held and
 * tried again until it is stored or `holdMs` has passed, and then refused (StoreUnavailable →
 * ERR_UNAVAILABLE to the client, nothing applied). An append whose answer was lost (the connection
 * broke after the commit) is found in the log by its length and last hash, and counts as stored:
 * never written twice, never lost. A database that refuses writes (SQLite read-only or disk full)
 * is refused at once: waiting would not heal it.
 */
import type { LoggedCommand, MatchStore } from "./interface.js";
import { log } from "../logger.js";
import { count } from "../metrics.js";

/** When the current outage began (null: the store answers): logged once as it begins and ends. */
let outageSince: number | null = null;

function holding(err: unknown): void {
  if (outageSince !== null) return;
  outageSince = Date.now();
  log.error({ kind: "store", err: { message: String((err as Error)?.message ?? err), code: (err as { code?: unknown })?.code } }, "the match store does not answer: holding writes (commands wait, unacknowledged)");
}

function answered(): void {
  if (outageSince === null) return;
  log.warn({ kind: "store", seconds: Number(((Date.now() - outageSince) / 1000).toFixed(1)) }, "the match store answers again: held writes stored");
  outageSince = null;
}

/** The store cannot take the write now; nothing was stored. */
export class StoreUnavailable extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/** Connection-level failures (worth holding for): PostgreSQL stopping, starting, unreachable. */
const RETRY_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P02", "57P03", "53300"]);
const RETRY_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable/i;
/** The database answers but refuses writes (SQLite): a clear refusal, not a wait. */
const REFUSE_CODE = /^SQLITE_(READONLY|FULL|IOERR|CANTOPEN|BUSY|LOCKED|PERM)/;

export function faultKind(err: unknown): "retry" | "refuse" | "bug" {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = String(e?.code ?? "");
  if (REFUSE_CODE.test(code)) return "refuse";
  if (RETRY_CODES.has(code) || code.startsWith("08") || RETRY_MESSAGE.test(String(e?.message ?? ""))) return "retry";
  return "bug";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HoldOptions {
  holdMs: number;
}

/**
 * Appends `commands` at `index` of match `id`, holding through an outage (see above). Throws
 * StoreUnavailable (nothing stored) or the store's own error (a bug: a gap, a second writer).
 */
export async function appendDurably(store: MatchStore, id: string, index: number, commands: LoggedCommand[], o: HoldOptions): Promise<void> {
  const deadline = Date.now() + o.holdMs;
  let delay = 50;
  for (;;) {
    let failure: unknown;
    try {
      await store.appendCommands(id, index, commands);
      return answered();
    } catch (err) {
      failure = err;
      count.storeFailure();
    }
    // Stored after all (the answer was lost)? Or did the log move on without it (another writer)?
    const tail = await store.logTail(id).catch(() => null);
    const last = commands[commands.length - 1];
    if (tail && tail.length === index + commands.length && (last.hash === undefined || tail.lastHash === last.hash)) return answered();
    if (tail && tail.length !== index) throw failure;
    // an unknown failure while the database does not even answer a read: an outage
    const kind = faultKind(failure) === "bug" && !tail ? "retry" : faultKind(failure);
    if (kind === "bug") throw failure;
    if (kind === "refuse") throw new StoreUnavailable(`the match store refuses writes: ${(failure as Error)?.message ?? failure}`, failure);
    if (Date.now() + delay > deadline) throw new StoreUnavailable(`the match store did not answer for ${Math.round(o.holdMs / 1000)} s: ${(failure as Error)?.message ?? failure}`, failure);
    holding(failure);
    await sleep(delay);
    delay = Math.min(delay * 2, 500);
  }
}

/** Runs a store write that is not an append (finishing a match…), holding through an outage the same way. */
export async function writeDurably(fn: () => Promise<void>, o: HoldOptions): Promise<void> {
  const deadline = Date.now() + o.holdMs;
  let delay = 50;
  for (;;) {
    try {
      await fn();
      return answered();
    } catch (err) {
      count.storeFailure();
      const kind = faultKind(err);
      if (kind === "bug") throw err;
      if (kind === "refuse" || Date.now() + delay > deadline) throw new StoreUnavailable(`the match store cannot take the write: ${(err as Error)?.message ?? err}`, err);
      holding(err);
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
  }
}
