/**
 * Seat reservations a room grants before the WebSocket arrives (Colyseus reserves a place per
 * matchmaking request, for seatReservationTimeout seconds). They used to count toward maxClients, so
 * re-posting `joinById` kept a battle full without ever connecting, and spectators could fill it so
 * that its own player could not return. Now maxClients is no gate; this is:
 *   - a request carrying a seat's key or an unused invite always gets a place (at most
 *     PENDING_PER_SEAT waiting per seat: its owner's own retries);
 *   - any other (a spectator) gets one only while fewer than PENDING_OTHERS are waiting; once in, the
 *     spectator limit (maxSpectators) applies.
 * Together with the per-address lookup budget (limits.ts) a stranger cannot keep the friend out.
 */
import type { Seat } from "../shared/index.js";

export const PENDING_PER_SEAT = 4;
export const PENDING_OTHERS = 8;

type Kind = Seat | "other";

export class ReservationGate {
  private pending = new Map<string, { kind: Kind; until: number }>();

  /** Whether `sessionId` (a reservation for `kind`, lasting `seconds`) may have a place now. */
  admit(sessionId: string, kind: Kind, seconds: number, now = Date.now()): boolean {
    for (const [id, p] of this.pending) if (p.until <= now) this.pending.delete(id);
    let waiting = 0;
    for (const p of this.pending.values()) if (p.kind === kind) waiting++;
    if (waiting >= (kind === "other" ? PENDING_OTHERS : PENDING_PER_SEAT)) return false;
    this.pending.set(sessionId, { kind, until: now + seconds * 1000 });
    return true;
  }

  /** The reservation was used (joined, or refused at the join). */
  used(sessionId: string): void {
    this.pending.delete(sessionId);
  }
}
