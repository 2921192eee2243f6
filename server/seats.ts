/**
 * Who holds each seat: a pure state machine, no Colyseus in it (unit-tested on its own).
 *
 *   open ──join──▶ player ──drop──▶ dropped ──reconnect──▶ player
 *   bot  ──join──▶ player ──leave─▶ bot        (a dropped player whose window ran out leaves too)
 *   bot/open ──takeover by the partner──▶ partner ──join of a player──▶ player
 *   player/dropped ──join with the seat's key (a new connection of its owner)──▶ player
 *
 * Who may join a seat is decided before (seat-keys.ts): its key, an invite, or creating the battle.
 *   open ──reopen window over──▶ bot
 *
 * `open` is a seat kept for a human (a friend invited, or a player expected back after a restart):
 * the bot does not play it.
 */
import type { Seat } from "../shared/index.js";

import { SEATS } from "../shared/core/seats.js";

export { SEATS };
export { otherSeat } from "../shared/core/seats.js";
export type Holder = "player" | "dropped" | "bot" | "partner" | "open";
export type Role = Seat | "spectator";

interface SeatState {
  holder: Holder;
  /** Session of the human commanding the seat (its owner, or the partner who took it over). */
  sessionId: string | null;
}

export type SeatResult<T> = { ok: true; value: T } | { ok: false; code: "ERR_SEAT_TAKEN" | "ERR_NOT_YOUR_SEAT" | "ERR_ROOM_FULL"; message: string };

export class SeatTable {
  private seats: Record<Seat, SeatState> = {
    takumi: { holder: "bot", sessionId: null },
    wang: { holder: "bot", sessionId: null },
  };

  holder(seat: Seat): Holder {
    return this.seats[seat].holder;
  }

  sessionOf(seat: Seat): string | null {
    return this.seats[seat].sessionId;
  }

  /** Keeps a seat for a human (a friend invited, a player expected back). */
  keepOpen(seat: Seat): void {
    this.seats[seat] = { holder: "open", sessionId: null };
  }

  /**
   * A client joins as `role`, already admitted (seat-keys.ts: a seat's key or invite, or the
   * creator): a seat is always his, whoever holds it now. `spectatorRoom`: whether the battle admits
   * one more spectator. Returns the session the seat was taken from if it was his own earlier
   * connection (dropped, or open in another tab): that one is a spectator from now on.
   */
  join(sessionId: string, role: Role, spectatorRoom = true): SeatResult<{ role: Role; displaced: string | null }> {
    if (role === "spectator") {
      if (!spectatorRoom) return { ok: false, code: "ERR_ROOM_FULL", message: "That battle has no room for another spectator." };
      return { ok: true, value: { role, displaced: null } };
    }
    const before = this.seats[role];
    const displaced = (before.holder === "player" || before.holder === "dropped") && before.sessionId !== sessionId ? before.sessionId : null;
    this.seats[role] = { holder: "player", sessionId };
    return { ok: true, value: { role, displaced } };
  }

  /** The connection of `sessionId` dropped: its own seat waits for it. True if a seat changed. */
  drop(sessionId: string, role: Role): boolean {
    if (role === "spectator" || this.seats[role].sessionId !== sessionId) return false;
    this.seats[role].holder = "dropped";
    return true;
  }

  reconnect(sessionId: string, role: Role): boolean {
    if (role === "spectator" || this.seats[role].sessionId !== sessionId) return false;
    this.seats[role].holder = "player";
    return true;
  }

  /** `sessionId` left for good: every seat it commanded goes to the bot. Returns those seats. */
  leave(sessionId: string): Seat[] {
    const freed: Seat[] = [];
    for (const seat of SEATS) {
      if (this.seats[seat].sessionId === sessionId) {
        this.seats[seat] = { holder: "bot", sessionId: null };
        freed.push(seat);
      }
    }
    return freed;
  }

  /** A seated player takes over the other squad (the bot's, or a seat kept open). */
  takeover(sessionId: string, role: Role, seat: Seat): SeatResult<Seat> {
    const s = this.seats[seat];
    if (role === "spectator" || seat === role || (s.holder !== "bot" && s.holder !== "open")) {
      return { ok: false, code: "ERR_NOT_YOUR_SEAT", message: `The ${seat} seat is not free to take over (${s.holder}).` };
    }
    this.seats[seat] = { holder: "partner", sessionId };
    return { ok: true, value: seat };
  }

  /** The reopen window is over: seats still kept open go to the bot. True if any did. */
  closeOpen(): boolean {
    let changed = false;
    for (const seat of SEATS) {
      if (this.seats[seat].holder === "open") {
        this.seats[seat] = { holder: "bot", sessionId: null };
        changed = true;
      }
    }
    return changed;
  }

  /** The seats `sessionId` commands now: his own, and one he took over. */
  controlled(sessionId: string): Seat[] {
    return SEATS.filter((s) => this.seats[s].sessionId === sessionId && (this.seats[s].holder === "player" || this.seats[s].holder === "partner"));
  }

  /** Seats a human commands (present or not). */
  humanSeats(): Seat[] {
    return SEATS.filter((s) => this.seats[s].holder !== "bot" && this.seats[s].holder !== "open");
  }

  /** Seats the soldier bot plays: no human commands them, and some human is seated. */
  botSeats(): Seat[] {
    const humanSeated = SEATS.some((s) => this.seats[s].holder === "player" || this.seats[s].holder === "partner");
    return humanSeated ? SEATS.filter((s) => this.seats[s].holder === "bot") : [];
  }

  /**
   * Seats the bot plays now: the bot partner waits until every seat a present human commands is
   * marked ready (it plays after its partner, at a pace he can follow), or at the turn timer.
   */
  botsDue(ready: Record<Seat, boolean>): Seat[] {
    const waiting = SEATS.some((s) => (this.seats[s].holder === "player" || this.seats[s].holder === "partner") && !ready[s]);
    return waiting ? [] : this.botSeats().filter((s) => !ready[s]);
  }

  anyDropped(): boolean {
    return SEATS.some((s) => this.seats[s].holder === "dropped");
  }
}
