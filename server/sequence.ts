/**
 * Client sequence numbers (docs/PROTOCOL.md): each seat's holder numbers his commands 1, 2, 3…;
 * a number not above the last one handled for that seat is a duplicate (a resend after a
 * reconnection of a command already handled) and is refused without being applied again. A number
 * more than MAX_SEQ_GAP above the last is refused too (ERR_SEQ_GAP) and not remembered: one wild
 * number (2^31 - 1) must not push the count out of the owner's reach. A seat's new holder (a key
 * issued to its first player) starts a new count. A command without a number is handled as before.
 */
import type { Seat } from "../shared/index.js";
import type { Role } from "./seats.js";

/** How far past the last handled number a client may jump (commands lost in flight, at most a few). */
export const MAX_SEQ_GAP = 1000;

export type SeqCheck = "new" | "duplicate" | "gap";

export class Sequence {
  constructor(private readonly lastSeq: Record<Seat, number> = { takumi: 0, wang: 0 }) {}

  /** "new" (and remembered) when `seq` is next for `role`'s holder, or absent; else why not. */
  accept(role: Role, seq: number | undefined): SeqCheck {
    if (seq === undefined || role === "spectator") return "new";
    if (seq <= this.lastSeq[role]) return "duplicate";
    if (seq > this.lastSeq[role] + MAX_SEQ_GAP) return "gap";
    this.lastSeq[role] = seq;
    return "new";
  }

  /** A new holder of `seat`: his count starts afresh. */
  restart(seat: Seat): void {
    this.lastSeq[seat] = 0;
  }

  last(role: Role): number {
    return role === "spectator" ? 0 : this.lastSeq[role];
  }
}
