/**
 * Standing orders a player gives the bot playing his partner's seat (docs/DESIGN.md §11),
 * kept until changed. "free": the bot's own judgment. "hold": no step forward (it still dodges an
 * announced attack and answers a comrade beside it). "cover": holds and keeps its AP for
 * overwatch unless a shot is good. "follow": keeps near the ordering player's sergeant. "fallBack":
 * goes to a way out and withdraws.
 */
export const STANDING_ORDERS = ["free", "hold", "cover", "follow", "fallBack"] as const;
export type StandingOrder = (typeof STANDING_ORDERS)[number];

export function isStandingOrder(x: unknown): x is StandingOrder {
  return typeof x === "string" && (STANDING_ORDERS as readonly string[]).includes(x);
}
