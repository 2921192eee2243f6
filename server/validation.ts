/**
 * Validation of everything a client sends, before the engine sees it (zod). Nothing here decides a
 * rule: it only checks shapes, sizes and that positions lie on the grid; the engine judges the rest.
 */
import { z } from "zod";
import { PHRASE_KEYS, STANDING_ORDERS, type Action, type MapDef, type Pos, type Seat } from "../shared/index.js";
import { ACTION_SHAPES, MAX_ID_LENGTH, type FieldKind } from "../shared/core/actionShape.js";
import { SEATS } from "../shared/core/seats.js";

/** The protocol's refusal codes, beside the engine's: one typed list, in shared/core/errors.ts. */
export { PROTOCOL_ERROR_CODES as SERVER_ERROR_CODES, type ProtocolErrorCode as ServerErrorCode } from "../shared/core/errors.js";
import { ERROR_CODES, PROTOCOL_ERROR_CODES as SERVER_ERROR_CODES, type AnyErrorCode } from "../shared/core/errors.js";

/** Largest accepted message, measured as JSON text. (The WebSocket transport closes the connection
 *  on frames above 4 KB before any of this runs.) */
export const MAX_MESSAGE_BYTES = 1024;

const unitId = z.string().min(1).max(MAX_ID_LENGTH);
/** A coordinate's bound: far past any map, so a number that big is a bad message, not a far tile. */
const MAX_COORD = 1_000_000;
const coord = z.number().int().min(-MAX_COORD).max(MAX_COORD);
const pos = z.strictObject({ x: coord, y: coord, level: coord.optional() });

/** An action as a message carries it: the engine's, with a tile's level optional. */
type WireAction = Action extends infer A ? (A extends { to: Pos } ? Omit<A, "to"> & { to: { x: number; y: number; level?: number } } : A) : never;

// Built from the engine's one description of each action (shared/core/actionShape.ts); here a
// tile's level may be left out (0), and each field has the wire's bounds.
const FIELD_SCHEMAS = { id: unitId, pos, bool: z.boolean() } as const;
const actionSchema = z.discriminatedUnion(
  "type",
  Object.entries(ACTION_SHAPES).map(([type, shape]) =>
    z.strictObject({ type: z.literal(type), ...Object.fromEntries(Object.entries(shape as Record<string, FieldKind>).map(([f, k]) => [f, FIELD_SCHEMAS[k]])) }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<WireAction>;

const seatField = z.enum(["takumi", "wang"]).optional();
/** The client's sequence number for a command (per seat, increasing; see docs/PROTOCOL.md). */
export const MAX_SEQ = 2 ** 31 - 1;
const seqField = z.number().int().min(1).max(MAX_SEQ).optional();

export const MESSAGE_SCHEMAS = {
  action: z.strictObject({ action: actionSchema, seat: seatField, seq: seqField }),
  ready: z.strictObject({ ready: z.boolean(), seat: seatField, seq: seqField }),
  undo: z.strictObject({ seat: seatField, seq: seqField }),
  ping: z.strictObject({
    x: coord,
    y: coord,
    level: coord.optional(),
    kind: z.enum(["danger", "move", "target"]),
  }),
  select: z.strictObject({ unit: z.union([unitId, z.literal("")]) }),
  /** A quick phrase to the partner: one of a fixed list of keys, never free text. */
  phrase: z.strictObject({ key: z.enum(PHRASE_KEYS) }),
  /** The partner's cursor: a tile, or x = y = -1 for none. */
  pointer: z.strictObject({ x: coord, y: coord, level: coord.optional() }),
  takeover: z.strictObject({ seat: z.enum(["takumi", "wang"]), seq: seqField }),
  /** A standing order to the bot playing the sender's partner seat. */
  order: z.strictObject({ order: z.enum(STANDING_ORDERS) }),
  /** Skip: the bot partner plays the rest of its turn at once instead of at its pace (its partner is ready). */
  skip: z.strictObject({}),
  /** Asks for the partner seat's standing order and the bot partner's plan (answered with `order` and `plan`). */
  partner: z.strictObject({}),
  /** Between a campaign's scenes: ready (or no longer) to go on. */
  campaignReady: z.strictObject({ ready: z.boolean(), seq: seqField }),
} as const;
export type MessageType = keyof typeof MESSAGE_SCHEMAS;
export type Message<T extends MessageType> = z.infer<(typeof MESSAGE_SCHEMAS)[T]>;

export type Checked<T> = { ok: true; value: T } | { ok: false; code: AnyErrorCode; message: string };

function jsonSize(value: unknown): number {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 0 : Buffer.byteLength(text);
  } catch {
    return Infinity;
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid message";
  const where = issue.path.length ? issue.path.join(".") : "message";
  return `${where}: ${issue.message}`;
}

// ---- The commands' quick check ------------------------------------------------------------------
// zod's parse is the largest part of validating a command. The command messages (action, ready,
// undo) are first checked by hand, as strictly as their schema: a message passing this check is one
// the schema accepts, with the same value (tests/server/unit/quick-check.test.ts compares them on
// generated messages). Anything else (a bad message, or an unusual good one) goes through zod, which
// decides, and says why. A message passing it is far under MAX_MESSAGE_BYTES: at most two ids of 32
// characters (6 bytes each written as JSON escapes) and a few bounded numbers.

const FIELD_KINDS = new Map<string, { names: string[]; kinds: FieldKind[] }>(
  Object.entries(ACTION_SHAPES).map(([type, shape]) => {
    const entries = Object.entries(shape as Record<string, FieldKind>);
    return [type, { names: entries.map((e) => e[0]), kinds: entries.map((e) => e[1]) }];
  }),
);

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const isCoord = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= -MAX_COORD && v <= MAX_COORD;
const isId = (v: unknown): v is string => typeof v === "string" && v.length >= 1 && v.length <= MAX_ID_LENGTH;

/** Own keys all among `allowed` (the schema is strict), none undefined. */
function onlyKeys(o: Record<string, unknown>, allowed: readonly string[]): boolean {
  for (const k in o) if (!Object.prototype.hasOwnProperty.call(o, k) || !allowed.includes(k) || o[k] === undefined) return false;
  return true;
}

/** A copy of `a` if it is an action the schema accepts, else null. */
function quickAction(a: unknown): Record<string, unknown> | null {
  if (!isPlain(a) || typeof a.type !== "string") return null;
  const shape = FIELD_KINDS.get(a.type);
  if (!shape || !onlyKeys(a, ["type", ...shape.names])) return null;
  const out: Record<string, unknown> = { type: a.type };
  for (let i = 0; i < shape.names.length; i++) {
    const v = a[shape.names[i]];
    switch (shape.kinds[i]) {
      case "id": if (!isId(v)) return null; out[shape.names[i]] = v; break;
      case "bool": if (typeof v !== "boolean") return null; out[shape.names[i]] = v; break;
      case "pos": {
        if (!isPlain(v) || !onlyKeys(v, ["x", "y", "level"]) || !isCoord(v.x) || !isCoord(v.y) || (v.level !== undefined && !isCoord(v.level))) return null;
        out[shape.names[i]] = v.level === undefined ? { x: v.x, y: v.y } : { x: v.x, y: v.y, level: v.level };
        break;
      }
    }
  }
  return out;
}

const COMMAND_KEYS = { action: ["action", "seat", "seq"], ready: ["ready", "seat", "seq"], undo: ["seat", "seq"] } as const;

/** The message's value if it is a command message (action, ready, undo) its schema accepts, else null. */
export function quickCommand(type: string, payload: unknown): Record<string, unknown> | null {
  if (type !== "action" && type !== "ready" && type !== "undo") return null;
  if (!isPlain(payload) || !onlyKeys(payload, COMMAND_KEYS[type])) return null;
  const out: Record<string, unknown> = {};
  if (type === "action") {
    const a = quickAction(payload.action);
    if (!a) return null;
    out.action = a;
  } else if (type === "ready") {
    if (typeof payload.ready !== "boolean") return null;
    out.ready = payload.ready;
  }
  const { seat, seq } = payload;
  if (seat !== undefined) {
    if (!SEATS.includes(seat as Seat)) return null;
    out.seat = seat;
  }
  if (seq !== undefined) {
    if (typeof seq !== "number" || !Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) return null;
    out.seq = seq;
  }
  return out;
}

/** Checks a message of a known type: size first, then shape. */
export function checkMessage<T extends MessageType>(type: T, payload: unknown): Checked<Message<T>> {
  const quick = quickCommand(type, payload);
  if (quick) return { ok: true, value: quick as Message<T> };
  if (jsonSize(payload) > MAX_MESSAGE_BYTES) {
    return { ok: false, code: "ERR_TOO_LARGE", message: `${SERVER_ERROR_CODES.ERR_TOO_LARGE} (limit ${MAX_MESSAGE_BYTES} bytes)` };
  }
  const parsed = MESSAGE_SCHEMAS[type].safeParse(payload);
  if (!parsed.success) {
    return { ok: false, code: "ERR_BAD_MESSAGE", message: `Bad "${type}" message: ${describe(parsed.error)}` };
  }
  return { ok: true, value: parsed.data as Message<T> };
}

export function onGrid(map: MapDef, p: { x: number; y: number; level?: number }): boolean {
  const level = p.level ?? 0;
  return p.x >= 0 && p.y >= 0 && level >= 0 && p.x < map.width && p.y < map.height && level < map.levels;
}

/** Turns a validated action into the engine's Action (level defaults to 0) and checks its tiles lie on the grid. */
export function toEngineAction(map: MapDef, a: z.infer<typeof actionSchema>): Checked<Action> {
  if (a.type === "move" || a.type === "grenade") {
    if (!onGrid(map, a.to)) {
      return { ok: false, code: "ERR_OFF_GRID", message: ERROR_CODES.ERR_OFF_GRID };
    }
    return { ok: true, value: { type: a.type, unit: a.unit, to: { x: a.to.x, y: a.to.y, level: a.to.level ?? 0 } } };
  }
  return { ok: true, value: a as Action };
}

// ---- Join options -----------------------------------------------------------------------------

export const joinOptionsSchema = z.object({
  map: z.string().max(64).optional(),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  seat: z.enum(["takumi", "wang", "spectator"]).optional(),
  difficulty: z.enum(["easy", "normal", "hard"]).optional(),
  splitVision: z.boolean().optional(),
  /** Turn timer in seconds (0 or absent: none). */
  turnSeconds: z.number().int().min(0).max(3600).optional(),
  /** Seconds a dropped player keeps his seat (default 60; tests use less). */
  reconnectSeconds: z.number().min(0.1).max(3600).optional(),
  /** Join an existing battle by its code (with client.join("battle", { code })). */
  code: z.string().max(16).optional(),
  /** Creating a battle: keep the other seat open for a friend instead of giving it to the bot. */
  waitForPartner: z.boolean().optional(),
  /** Creating a campaign: the six scenes in story order in this room (docs/PROTOCOL.md, "Campaigns"); no `map`. */
  campaign: z.boolean().optional(),
  /** The seat's key (seat-keys.ts): takes back the seat it belongs to. */
  key: z.string().regex(/^[A-Za-z0-9_-]{22}$/).optional(),
  /** An invite for a free seat (one use): the seat, and a key for it. */
  invite: z.string().regex(/^[A-Za-z0-9_-]{22}$/).optional(),
  /** Display name (informational). */
  name: z.string().max(32).optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

export function checkJoinOptions(options: unknown): Checked<JoinOptions> {
  const parsed = joinOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) return { ok: false, code: "ERR_BAD_OPTIONS", message: `Bad join options: ${describe(parsed.error)}` };
  return { ok: true, value: parsed.data };
}
