/**
 * Which process holds a battle's room. A battle is live on exactly one process: the room claims its
 * code in onCreate (new or reopened) and releases it once disposed and delisted. With Redis the claim
 * is one atomic script, so two processes racing to reopen a code make one room; a claim held by a
 * process whose heartbeat has expired (SIGKILL) is taken over. Without Redis (one process) the claims
 * live in memory.
 */
import type { Redis } from "ioredis";

export type Claim = { ok: true; tookFrom?: string } | { ok: false; holder: string };

export interface Ownership {
  readonly processId: string;
  claim(code: string): Promise<Claim>;
  /** Releases the claim if this process still holds it. */
  release(code: string): Promise<void>;
  holder(code: string): Promise<string | null>;
  /** Whether that process's heartbeat is alive. */
  alive(processId: string): Promise<boolean>;
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
}

// KEYS: owner key, this process's set of owned codes. ARGV: processId, heartbeat key prefix, owned-set key prefix, code.
const CLAIM = `
local cur = redis.call('GET', KEYS[1])
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
  /** `prefix` is the client's keyPrefix: Lua scripts build key names from ARGV, which it does not prefix. */
  constructor(
    private redis: Redis,
    readonly processId: string,
    private prefix: string,
  ) {}

  async claim(code: string): Promise<Claim> {
    const r = (await this.redis.eval(
      CLAIM,
      2,
      ownerKey(code),
      ownedKey(this.processId),
      this.processId,
      this.prefix + heartbeatKey(""),
      this.prefix + ownedKey(""),
      code,
    )) as string;
    if (r === "ok") return { ok: true };
    if (r.startsWith("took:")) return { ok: true, tookFrom: r.slice(5) };
    return { ok: false, holder: r.slice(5) };
  }

  async release(code: string): Promise<void> {
    await this.redis.eval(RELEASE, 2, ownerKey(code), ownedKey(this.processId), this.processId, code);
  }

  async holder(code: string): Promise<string | null> {
    return this.redis.get(ownerKey(code));
  }

  async alive(processId: string): Promise<boolean> {
    return (await this.redis.exists(heartbeatKey(processId))) === 1;
  }
}
