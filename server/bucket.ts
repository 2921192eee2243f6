/**
 * A token bucket: `rate` tokens a second, at most `burst` saved up. The clock is injected so tests
 * can move time by hand instead of sleeping.
 */
export type Clock = () => number;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: Clock = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely (an entry that can be forgotten). */
  full(): boolean {
    const t = this.now();
    return this.tokens + (Math.max(0, t - this.last) / 1000) * this.rate >= this.burst;
  }
}

/** One bucket per key (a client address), forgetting buckets that have refilled. */
export class KeyedBuckets {
  private buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: Clock = Date.now,
  ) {}

  take(key: string): boolean {
    if (this.buckets.size > 10_000) for (const [k, b] of this.buckets) if (b.full()) this.buckets.delete(k);
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(this.rate, this.burst, this.now)));
    return b.take();
  }
}
