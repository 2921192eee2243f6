/** The room's clients: each one's role and its two message budgets (token buckets). */
import type { Role } from "./seats.js";
import { TokenBucket, type Clock } from "./bucket.js";
import type { ServerSettings } from "./services.js";

/** Pointer updates a client may send per second (burst as many); the rest are dropped silently. */
export const POINTER_RATE = 15;

export interface ClientInfo {
  role: Role;
  messages: TokenBucket;
  /** Pointer updates have their own, lossy budget. */
  pointer: TokenBucket;
}

export class ClientBook {
  private info = new Map<string, ClientInfo>();

  add(sessionId: string, role: Role, settings: ServerSettings, now: Clock = Date.now): void {
    this.info.set(sessionId, {
      role,
      messages: new TokenBucket(settings.ratePerSecond, settings.rateBurst, now),
      pointer: new TokenBucket(POINTER_RATE, POINTER_RATE, now),
    });
  }

  get(sessionId: string): ClientInfo | undefined {
    return this.info.get(sessionId);
  }

  delete(sessionId: string): void {
    this.info.delete(sessionId);
  }

  spectators(): number {
    let n = 0;
    for (const i of this.info.values()) if (i.role === "spectator") n++;
    return n;
  }
}
