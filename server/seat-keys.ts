/**
 * Seat keys (docs/PROTOCOL.md, "Seats and keys"): a seat belongs to the player who first
 * took it. He gets a key (128 bits from a CSPRNG) that his browser keeps; the battle stores only its
 * SHA-256, beside the record (room options), so the key reclaims the seat after a drop, after the
 * reconnection window, after a restart and on another process. An invite for the free seat is a
 * one-time key derived from its issuer's key (HMAC), so the same link is offered on every visit and
 * nothing but its hash is stored; it stops working once the seat has an owner.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Seat } from "../shared/index.js";
import { SEATS, otherSeat } from "./seats.js";

/** What the battle stores: hashes only. */
export interface SeatKeyHashes {
  keys: Partial<Record<Seat, string>>;
  invites: Partial<Record<Seat, string>>;
}

/** A key or an invite as sent by a client: base64url of 16 bytes. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const newKey = (): string => randomBytes(16).toString("base64url");
export const hashKey = (key: string): string => createHash("sha256").update(key).digest("hex");

function sameHash(a: string | undefined, b: string): boolean {
  return a !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Reads stored hashes (anything malformed is dropped). */
export function readKeyHashes(raw: unknown): SeatKeyHashes {
  const r = (raw ?? {}) as Partial<Record<"keys" | "invites", Record<string, unknown>>>;
  const pick = (o: Record<string, unknown> | undefined) => {
    const out: Partial<Record<Seat, string>> = {};
    for (const s of SEATS) if (typeof o?.[s] === "string" && /^[0-9a-f]{64}$/.test(o[s] as string)) out[s] = o[s] as string;
    return out;
  };
  return { keys: pick(r.keys), invites: pick(r.invites) };
}

export type Access =
  | { ok: true; role: Seat | "spectator"; issued?: string; invite?: string }
  | { ok: false; code: "ERR_SEAT_KEY"; message: string };

export class SeatKeys {
  /** `data` is the battle's stored object (mutated in place; the caller stores it). */
  constructor(private readonly data: SeatKeyHashes) {}

  owned(seat: Seat): boolean {
    return this.data.keys[seat] !== undefined;
  }

  seatOfKey(key: string): Seat | null {
    const h = hashKey(key);
    return SEATS.find((s) => sameHash(this.data.keys[s], h)) ?? null;
  }

  /** The seat an unused invite is for (its seat has no owner yet), or null. */
  seatOfInvite(invite: string): Seat | null {
    const h = hashKey(invite);
    return SEATS.find((s) => !this.owned(s) && sameHash(this.data.invites[s], h)) ?? null;
  }

  /** A new key for `seat`'s first player: its hash is kept, the seat's invite is spent. */
  issue(seat: Seat): string {
    const key = newKey();
    this.data.keys[seat] = hashKey(key);
    delete this.data.invites[seat];
    return key;
  }

  /** The invite an owner of `seat` (holding `key`) offers for the other seat, if nobody owns it:
   *  the same one on every visit (derived from his key), so a link already sent keeps working. */
  inviteFrom(code: string, seat: Seat, key: string): string | undefined {
    const other = otherSeat(seat);
    if (this.owned(other)) return undefined;
    const invite = createHmac("sha256", key).update(`invite:${code}:${other}`).digest().subarray(0, 16).toString("base64url");
    this.data.invites[other] = hashKey(invite);
    return invite;
  }

  /**
   * Who a joining client is. A key takes back its own seat (whoever holds it now); an unused invite
   * takes its seat and gets a key; the battle's creator (`creating`) takes the seat he asks for.
   * Asking for a seat with neither is refused; asking for nothing (the bare code) makes a spectator.
   */
  admit(code: string, o: { seat?: Seat | "spectator"; key?: string; invite?: string }, creating: boolean): Access {
    if (o.key !== undefined) {
      const seat = this.seatOfKey(o.key);
      if (!seat) return { ok: false, code: "ERR_SEAT_KEY", message: "That key holds no seat of this battle." };
      return { ok: true, role: seat, invite: this.inviteFrom(code, seat, o.key) };
    }
    let seat: Seat | null = null;
    if (o.invite !== undefined) {
      seat = this.seatOfInvite(o.invite);
      if (!seat) return { ok: false, code: "ERR_SEAT_KEY", message: "That invite has been used, or is not for this battle." };
    } else if (creating && o.seat !== "spectator") {
      seat = o.seat ?? "takumi";
    } else if (o.seat === "takumi" || o.seat === "wang") {
      return { ok: false, code: "ERR_SEAT_KEY", message: "A seat is taken with its player's key or an invite; the code alone is for watching." };
    }
    if (!seat) return { ok: true, role: "spectator" };
    const issued = this.issue(seat);
    return { ok: true, role: seat, issued, invite: this.inviteFrom(code, seat, issued) };
  }
}
