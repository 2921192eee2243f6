/**
 * Which process holds a battle's room. A battle is live on exactly one process: the room claims its
 * code in onCreate (new or reopened) and releases it once disposed and delisted. With Redis the claim
 * is one atomic script, so two processes racing to reopen a code make one room; a claim held by a
 * process whose heartbeat has expired (SIGKILL) is taken over. Without Redis (one process) the claims
 * live in memory.
 */
import type { Redis } from "ioredis";

export type Claim = { ok: true; tookFrom?: string } | { ok: false; holder: string };

/** Set (with a short expiry) by the first process to find that Redis lost its keys (a restart
 *  without persistence): until it expires, no process reopens a battle whose claim is missing, so
 *  the processes still holding battles have time to claim them again (no battle runs twice). */
export const RECOVERING_KEY = "ls:recovering";

export interface Ownership {
  readonly processId: string;
  /** `fresh`: a newly drawn code (it may be claimed while Redis recovers). */
  claim(code: string, fresh?: boolean): Promise<Claim>;
  /** Releases the claim if this process still holds it. */
  release(code: string): Promise<void>;
  holder(code: string): Promise<string | null>;
  /** Whether that process's heartbeat is alive. */
  alive(processId: string): Promise<boolean>;
  /** After Redis lost its keys: claims again every battle this process holds; returns the codes
   *  another process claimed meanwhile (their rooms here must close). */
  reassert(): Promise<string[]>;
}

export class LocalOwnership implements Ownership {
  private held = new Set<string>();
  constructor(readonly processId: string) {}
  async claim(code: string): Promise<Claim> {
    if (this.held.has(code)) return { ok: false, holder: this.processId };
    this.held.add(code);
    return { ok: true };
  }
  async release(code: string): Promise<void> {
    this.held.delete(code);
  }
  async holder(code: string): Promise<string | null> {
    return this.held.has(code) ? this.processId : null;
  }
  async alive(processId: string): Promise<boolean> {
    return processId === this.processId;
  }
  async reassert(): Promise<string[]> {
    return [];
  }
}

// KEYS: owner key, this process's set of owned codes. ARGV: processId, heartbeat key prefix,
// owned-set key prefix, code, the recovering key's full name ('' for a claim that may not wait).
const CLAIM = `
local cur = redis.call('GET', KEYS[1])
if not cur and ARGV[5] ~= '' and redis.call('EXISTS', ARGV[5]) == 1 then return 'recovering' end
if not cur then
  redis.call('SET', KEYS[1], ARGV[1]); redis.call('SADD', KEYS[2], ARGV[4]); return 'ok'
end
if cur == ARGV[1] then return 'held:' .. cur end
if redis.call('EXISTS', ARGV[2] .. cur) == 0 then
  redis.call('SET', KEYS[1], ARGV[1]); redis.call('SADD', KEYS[2], ARGV[4]); redis.call('SREM', ARGV[3] .. cur, ARGV[4])
  return 'took:' .. cur
end
return 'held:' .. cur`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
redis.call('SREM', KEYS[2], ARGV[2])
return 1`;

export const ownerKey = (code: string) => `ls:owner:${code}`;
export const ownedKey = (processId: string) => `ls:owned:${processId}`;
export const heartbeatKey = (processId: string) => `ls:hb:${processId}`;

export class RedisOwnership implements Ownership {
  /** The codes this process holds (kept here too: Redis may lose them). */
  private held = new Set<string>();
  /** `prefix` is the client's keyPrefix: Lua scripts build key names from ARGV, which it does not prefix. */
  constructor(
    private redis: Redis,
    readonly processId: string,
    private prefix: string,
  ) {}

  /** `fresh`: a new code (no battle can be lost there), claimed even while Redis recovers. */
  async claim(code: string, fresh = false): Promise<Claim> {
    const r = (await this.redis.eval(
      CLAIM,
      2,
      ownerKey(code),
      ownedKey(this.processId),
      this.processId,
      this.prefix + heartbeatKey(""),
      this.prefix + ownedKey(""),
      code,
      fresh ? "" : this.prefix + RECOVERING_KEY,
    )) as string;
    if (r === "recovering") return { ok: false, holder: "recovering" };
    if (r === "ok" || r.startsWith("took:")) this.held.add(code);
    if (r === "ok") return { ok: true };
    if (r.startsWith("took:")) return { ok: true, tookFrom: r.slice(5) };
    return { ok: false, holder: r.slice(5) };
  }

  async release(code: string): Promise<void> {
    this.held.delete(code);
    await this.redis.eval(RELEASE, 2, ownerKey(code), ownedKey(this.processId), this.processId, code);
  }

  async reassert(): Promise<string[]> {
    const lost: string[] = [];
    for (const code of [...this.held]) {
      const r = (await this.redis.eval(CLAIM, 2, ownerKey(code), ownedKey(this.processId), this.processId, this.prefix + heartbeatKey(""), this.prefix + ownedKey(""), code, "")) as string;
      if (r !== "ok" && r !== `held:${this.processId}` && !r.startsWith("took:")) {
        this.held.delete(code);
        lost.push(code);
      }
    }
    return lost;
  }

  async holder(code: string): Promise<string | null> {
    return this.redis.get(ownerKey(code));
  }

  async alive(processId: string): Promise<boolean> {
    return (await this.redis.exists(heartbeatKey(processId))) === 1;
  }
}
