/**
 * The replay shows the standing orders the record keeps: each at the frame it was given (the log's
 * length then), in its player's words, and the order in force at every frame.
 */
import { describe, expect, it } from "vitest";
import { inForceText, orderNotes, ordersGivenAt, ordersInForce } from "../../client/src/replayOrders.js";
import type { MatchRecord } from "../../shared/index.js";

const record: Pick<MatchRecord, "orders"> = {
  orders: [
    { step: 0, seat: "wang", order: "cover" },
    { step: 3, seat: "wang", order: "hold" },
    { step: 3, seat: "wang", order: "fallBack" },
    { step: 5, seat: "takumi", order: "follow" },
    { step: 7, seat: "wang", order: "free" },
    // not of this client's shape: left out
    { step: 4, seat: "nobody" as never, order: "cover" },
    { step: 4, seat: "wang", order: "dance" as never },
  ],
};

describe("the replay's standing orders", () => {
  const notes = orderNotes(record);

  it("words each order as its player said it, leaving out what it cannot read", () => {
    expect(notes.map((n) => n.text)).toEqual([
      'Takumi: "Wang, cover me"',
      'Takumi: "Wang, hold position"',
      'Takumi: "Wang, fall back to a way out"',
      'Wang: "Takumi, follow me"',
      'Takumi: "Wang, use your own judgment"',
    ]);
    expect(notes[3]).toMatchObject({ seat: "takumi", by: "wang", order: "follow", step: 5 });
  });

  it("shows an order at the frame it was given, and only there", () => {
    expect(ordersGivenAt(notes, 0).map((n) => n.order)).toEqual(["cover"]);
    expect(ordersGivenAt(notes, 1)).toEqual([]);
    expect(ordersGivenAt(notes, 3).map((n) => n.order)).toEqual(["hold", "fallBack"]);
    expect(ordersGivenAt(notes, 4)).toEqual([]);
  });

  it("keeps the order in force until changed", () => {
    expect(ordersInForce(notes, 0)).toEqual({ wang: "cover" });
    expect(ordersInForce(notes, 2)).toEqual({ wang: "cover" });
    expect(ordersInForce(notes, 3)).toEqual({ wang: "fallBack" });
    expect(ordersInForce(notes, 6)).toEqual({ wang: "fallBack", takumi: "follow" });
    expect(inForceText(ordersInForce(notes, 6))).toBe("Wang's orders: Fall back to a way out · Takumi's orders: Follow me");
    // back to his own judgment: nothing to say for Wang
    expect(inForceText(ordersInForce(notes, 7))).toBe("Takumi's orders: Follow me");
  });

  it("a record without orders shows none", () => {
    expect(orderNotes({})).toEqual([]);
    expect(inForceText(ordersInForce([], 10))).toBe("");
  });
});
