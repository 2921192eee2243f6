/**
 * Client sequence numbers (docs/PROTOCOL.md): each seat's client numbers its commands 1, 2, 3…;
 * a number not above the last one handled for that seat is a duplicate (a resend after a
 * reconnection of a command already handled) and is refused without being applied again.
 * A command without a number is handled as before (tools, old clients).
 */
import type { Seat } from "../shared/index.js";
import type { Role } from "./seats.js";

export class Sequence {
  constructor(private readonly lastSeq: Record<Seat, number> = { takumi: 0, wang: 0 }) {}

  /** True (and remembered) when `seq` is new for `role`'s client, or absent. */
  accept(role: Role, seq: number | undefined): boolean {
    if (seq === undefined || role === "spectator") return true;
    if (seq <= this.lastSeq[role]) return false;
    this.lastSeq[role] = seq;
    return true;
  }

  last(role: Role): number {
    return role === "spectator" ? 0 : this.lastSeq[role];
  }
}
