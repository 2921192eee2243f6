/**
 * Process-wide services the rooms use (Colyseus' matchmaker is a per-process singleton too): the
 * match store and the server's settings. Set once by createGameServer().
 */
import { randomBytes } from "node:crypto";
import type { MatchStore } from "./store/index.js";
import type { Clock } from "./bucket.js";

/**
 * The bot partner's pace by default: ms between its commands (the whole-battle pace test measures
 * with it). The client plays each command's events in full before the next, so this bounds only
 * the quick ones (a step, a reload); a person follows them at this pace.
 */
export const BOT_DELAY_MS = 200;

export interface ServerSettings {
  /** Seconds a dropped player keeps his seat (design: 60). Env LAST_STAND_RECONNECT_SECONDS. */
  reconnectSeconds: number;
  /** Seconds an empty room (no client, no seat held) stays up before it is disposed; its battle can
   *  be reopened by its code afterwards. Env LAST_STAND_IDLE_SECONDS. */
  /** Seconds between the WebSocket pings that find connections dead without a close (a client
   *  that misses two in a row is dropped). Env LAST_STAND_PING_SECONDS (8; Colyseus' default is 3). */
  pingSeconds: number;
  idleSeconds: number;
  /** Per-client rate limit: sustained messages per second and burst. Env LAST_STAND_RATE / LAST_STAND_BURST. */
  ratePerSecond: number;
  rateBurst: number;
  /** Hard cap (Colyseus maxMessagesPerSecond): above it the client is disconnected. */
  hardMessagesPerSecond: number;
  /** Most commands the bot may play in a row after one state change (a guard against a looping bot). */
  maxBotCommands: number;
  /** Milliseconds between the bot partner's commands (a pace a person can follow; tests use 0).
   *  Env LAST_STAND_BOT_DELAY_MS. */
  botDelayMs: number;
  /** Spectators a battle admits beside its two seats (room maxClients = 2 + this). Env LAST_STAND_MAX_SPECTATORS. */
  maxSpectators: number;
  /** Battles one client address may create: per minute (sustained) and burst. Env LAST_STAND_CREATE_PER_MINUTE / LAST_STAND_CREATE_BURST. */
  createPerMinute: number;
  createBurst: number;
  /** Battles one client address may look up by code (GET /api/battles/CODE, joinById): per minute
   *  (sustained) and burst. Env LAST_STAND_LOOKUP_PER_MINUTE / LAST_STAND_LOOKUP_BURST (docs/PROTOCOL.md, "Limits"). */
  lookupPerMinute: number;
  lookupBurst: number;
  /** Seconds an unfinished battle may stay untouched before it expires (recorded as "expired",
   *  no longer reopened). Env LAST_STAND_EXPIRE_SECONDS. */
  expireSeconds: number;
  /** Take the client address from X-Forwarded-For / X-Real-IP (only behind a proxy you run). Env LAST_STAND_TRUST_PROXY=1. */
  trustProxy: boolean;
  /** Milliseconds a store write is held (retried) while the database does not answer, before the
   *  command is refused with ERR_UNAVAILABLE. Env LAST_STAND_STORE_HOLD_SECONDS (default 15). */
  storeHoldMs: number;
  /** Let a creator choose the battle's (or campaign's) `seed`: practice and tests only, since with it
   *  the engine run locally shows every hidden creature. Env LAST_STAND_ALLOW_SEED=1 (off by default). */
  allowSeed: boolean;
  /** Seconds a matchmaking reservation waits for its WebSocket (Colyseus' seatReservationTimeout): a
   *  new battle whose creator never connects closes then, unstored. Env LAST_STAND_RESERVATION_SECONDS. */
  reservationSeconds: number;
  /** Log to the console. */
  log: boolean;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const num = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return env[name] !== undefined && env[name] !== "" && Number.isFinite(v) && v > 0 ? v : fallback;
  };
  const nonNegative = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return env[name] !== undefined && env[name] !== "" && Number.isFinite(v) && v >= 0 ? v : fallback;
  };
  return {
    reconnectSeconds: num("LAST_STAND_RECONNECT_SECONDS", 60),
    idleSeconds: num("LAST_STAND_IDLE_SECONDS", 600),
    ratePerSecond: num("LAST_STAND_RATE", 20),
    rateBurst: num("LAST_STAND_BURST", 40),
    hardMessagesPerSecond: num("LAST_STAND_HARD_RATE", 200),
    maxBotCommands: num("LAST_STAND_MAX_BOT_COMMANDS", 400),
    botDelayMs: nonNegative("LAST_STAND_BOT_DELAY_MS", BOT_DELAY_MS),
    maxSpectators: nonNegative("LAST_STAND_MAX_SPECTATORS", 8),
    createPerMinute: num("LAST_STAND_CREATE_PER_MINUTE", 10),
    createBurst: num("LAST_STAND_CREATE_BURST", 10),
    lookupPerMinute: num("LAST_STAND_LOOKUP_PER_MINUTE", 10),
    lookupBurst: num("LAST_STAND_LOOKUP_BURST", 20),
    expireSeconds: num("LAST_STAND_EXPIRE_SECONDS", 7 * 24 * 3600),
    trustProxy: env.LAST_STAND_TRUST_PROXY === "1",
    storeHoldMs: nonNegative("LAST_STAND_STORE_HOLD_SECONDS", 15) * 1000,
    allowSeed: env.LAST_STAND_ALLOW_SEED === "1",
    reservationSeconds: num("LAST_STAND_RESERVATION_SECONDS", 15),
    pingSeconds: num("LAST_STAND_PING_SECONDS", 8),
    log: env.LAST_STAND_QUIET !== "1",
  };
}

export interface Services {
  store: MatchStore;
  settings: ServerSettings;
  /** Secret that marks a room creation as a restore from the store (clients cannot forge it). */
  restoreSecret: string;
  /** The clock the rate limits and the expiry read (ms); tests move it by hand instead of sleeping. */
  clock: Clock;
}

let current: Services | null = null;

export function setServices(s: Omit<Services, "restoreSecret" | "clock"> & { restoreSecret?: string; clock?: Clock }): Services {
  // In a cluster every process shares one secret (kept in Redis): a restore may be routed to another.
  current = { ...s, restoreSecret: s.restoreSecret ?? randomBytes(16).toString("hex"), clock: s.clock ?? Date.now };
  return current;
}

export function services(): Services {
  if (!current) throw new Error("server services are not set up: call createGameServer() first");
  return current;
}
