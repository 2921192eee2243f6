/** Token buckets with an injected clock: no sleeping. */
import { describe, expect, it } from "vitest";
import { KeyedBuckets, TokenBucket } from "../../../server/bucket.js";

describe("token bucket", () => {
  it("allows a burst, then the sustained rate", () => {
    let now = 1000;
    const b = new TokenBucket(2, 3, () => now);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    now += 499;
    expect(b.take()).toBe(false);
    now += 1;
    expect(b.take()).toBe(true);
    now += 10_000; // refills to the burst, no more
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });

  it("a clock going backwards gives nothing", () => {
    let now = 5000;
    const b = new TokenBucket(1, 1, () => now);
    expect(b.take()).toBe(true);
    now -= 3000;
    expect(b.take()).toBe(false);
  });

  it("keyed buckets are independent per key", () => {
    let now = 0;
    const k = new KeyedBuckets(10 / 60, 2, () => now);
    expect([k.take("a"), k.take("a"), k.take("a")]).toEqual([true, true, false]);
    expect(k.take("b")).toBe(true);
    now += 6000;
    expect(k.take("a")).toBe(true);
  });
});
