/**
 * What the room answers a client besides the state: refusals (`error { code, message, seq? }`, and
 * `ack { seq, ok: false, code }` when the command had a sequence number), acknowledgements, and
 * the log line of a server fault. Client mistakes are logged through the rate-limited logger.
 */
import type { Client } from "colyseus";
import { ERROR_CODES } from "../shared/index.js";
import { SERVER_ERROR_CODES } from "./validation.js";
import { errFields, log, logClientMistake } from "./logger.js";

export function errorText(code: string): string {
  return (ERROR_CODES as Record<string, string>)[code] ?? (SERVER_ERROR_CODES as Record<string, string>)[code] ?? code;
}

/** `extra` goes into the ack (ERR_DUPLICATE carries the seat's `lastSeq`, so a client that lost
 *  count can number its next command right). */
export function refuse(client: Client, code: string, message?: string, seq?: number, extra?: Record<string, unknown>): void {
  if (/^ERR_(BAD_|TOO_LARGE|RATE_LIMITED|DUPLICATE)/.test(code)) logClientMistake(code, message ?? "", { session: client.sessionId, ...(seq !== undefined ? { seq } : {}) });
  client.send("error", { code, message: message ?? errorText(code), ...(seq !== undefined ? { seq } : {}) });
  if (seq !== undefined) client.send("ack", { seq, ok: false, code, ...extra });
}

export function acknowledge(client: Client, seq: number | undefined): void {
  if (seq !== undefined) client.send("ack", { seq, ok: true });
}

/** A server fault (ERR_INTERNAL): logged in full, with the room's code, the command, and (when a
 *  client's command) its seat and number. */
export function logFault(code: string, where: string, payload: unknown, err: unknown, fields: { seat?: string; seq?: unknown } = {}): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(payload)?.slice(0, 200);
  } catch {
    text = "(unprintable)";
  }
  const seq = typeof fields.seq === "number" ? fields.seq : undefined;
  log.error({ room: code, where, command: text, ...(fields.seat ? { seat: fields.seat } : {}), ...(seq !== undefined ? { seq } : {}), ...errFields(err) }, `ERR_INTERNAL in ${where}: ${(err as Error)?.message ?? err}`);
}
