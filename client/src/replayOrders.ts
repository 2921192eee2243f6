/**
 * The standing orders in a replay: the match record keeps each order given to the bot partner with
 * the log's length when it was given (`orders: [{ step, seat, order }]`, `seat` the bot's). The
 * replay shows an order at the frame it was given (the state after that many commands, before the
 * next), in the words its player said it — `Takumi: "Wang, cover me"` — and the order in force
 * for each bot seat at every frame. Pure: tested in Node.
 */
import type { MatchRecord, Seat, StandingOrder } from "./engine";
import { SEAT_NAME } from "./words";
import { ORDER_NAME, ORDER_SAID } from "./partner/planWords";

export interface OrderNote {
  /** The frame it was given at (the log's length then). */
  step: number;
  /** The seat the bot plays, and the player who gave the order (the other seat). */
  seat: Seat;
  by: Seat;
  order: StandingOrder;
  /** `Takumi: "Wang, cover me"`. */
  text: string;
}

const other = (s: Seat): Seat => (s === "takumi" ? "wang" : "takumi");

/** The record's orders in the order given, worded; entries of a shape this client does not know are left out. */
export function orderNotes(record: Pick<MatchRecord, "orders">): OrderNote[] {
  const out: OrderNote[] = [];
  for (const o of record.orders ?? []) {
    if (!o || (o.seat !== "takumi" && o.seat !== "wang") || !(o.order in ORDER_SAID) || !Number.isInteger(o.step)) continue;
    const by = other(o.seat);
    out.push({ step: o.step, seat: o.seat, by, order: o.order, text: `${SEAT_NAME[by]}: "${SEAT_NAME[o.seat]}, ${ORDER_SAID[o.order]}"` });
  }
  return out;
}

/** The orders given at frame `index` (several if the player changed his mind before the next command). */
export function ordersGivenAt(notes: OrderNote[], index: number): OrderNote[] {
  return notes.filter((n) => n.step === index);
}

/** The order each bot seat is under at frame `index` (seats never ordered: absent, the bot's own judgment). */
export function ordersInForce(notes: OrderNote[], index: number): Partial<Record<Seat, StandingOrder>> {
  const out: Partial<Record<Seat, StandingOrder>> = {};
  for (const n of notes) if (n.step <= index) out[n.seat] = n.order;
  return out;
}

/** "Wang's orders: Cover me" for each seat under an order other than his own judgment. */
export function inForceText(inForce: Partial<Record<Seat, StandingOrder>>): string {
  return (Object.entries(inForce) as [Seat, StandingOrder][])
    .filter(([, o]) => o !== "free")
    .map(([seat, o]) => `${SEAT_NAME[seat]}'s orders: ${ORDER_NAME[o]}`)
    .join(" · ");
}
