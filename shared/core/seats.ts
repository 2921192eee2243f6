/** The two seats of the co-op, and the partner's seat seen from either (written once for every layer). */
import type { Seat } from "../map/types.js";

export const SEATS: readonly Seat[] = ["takumi", "wang"];

export function otherSeat(seat: Seat): Seat {
  return seat === "takumi" ? "wang" : "takumi";
}
