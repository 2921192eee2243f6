/**
 * Liveness of the game processes in a cluster. Each process writes `ls:hb:<processId>` with a short
 * expiry and renews it every second; if it is killed (SIGKILL, a lost host) the key expires. Every
 * process also sweeps: a process listed by Colyseus (its room count, or rooms in the driver) whose
 * heartbeat is gone is dead, and its room listings, room count and battle claims are removed at once,
 * instead of waiting for a client's join to time out on them (Colyseus alone leaves them there).
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { MatchMakerDriver } from "colyseus";
import { heartbeatKey, ownedKey, ownerKey, RECOVERING_KEY } from "./ownership.js";

/** A random value written once per Redis dataset: if it changes (or vanishes), Redis lost its keys. */
const EPOCH_KEY = "ls:epoch";
/** How long reopening battles with a missing claim waits after Redis lost its keys (ms): every live
 *  process reconnects (at most 1 s apart, see main.ts) and beats (every intervalMs) within it. */
export const RECOVERY_GRACE_MS = 4000;

export interface HeartbeatOptions {
  /** How often the heartbeat is renewed and dead processes are looked for (ms). */
  intervalMs?: number;
  /** How long a heartbeat lives without renewal (ms): the time to notice a dead process. */
  ttlMs?: number;
  log?: (message: string) => void;
  /** Called when this process finds its own heartbeat expired (it was taken for dead). */
  onLost?: () => void;
  /** Lists again this process's rooms whose listing is missing (Colyseus' restoreMissingRoomCaches). */
  relist?: () => Promise<void>;
  /** Redis lost its keys (restarted without persistence): write again what this process holds. */
  onReset?: () => Promise<void>;
}

// Colyseus' own key: processId → "roomCount,ccu" for every process that has started (core/Stats).
const ROOM_COUNT_KEY = "roomcount";

const RELEASE_DEAD = `
for _, code in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local k = ARGV[2] .. code
  if redis.call('GET', k) == ARGV[1] then redis.call('DEL', k) end
end
redis.call('DEL', KEYS[1])
return 1`;

export class Heartbeat {
  private beatTimer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private ticks = 0;
  private started = false;
  private epoch: string | null = null;
  /** Heartbeats written so far (tests wait on it instead of on the clock). */
  beats = 0;
  readonly intervalMs: number;
  readonly ttlMs: number;

  constructor(
    private redis: Redis,
    private driver: MatchMakerDriver,
    readonly processId: string,
    private address: string,
    private prefix: string,
    private options: HeartbeatOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 500;
    this.ttlMs = options.ttlMs ?? this.intervalMs * 4;
  }

  async start(): Promise<void> {
    await this.redis.set(EPOCH_KEY, randomBytes(8).toString("hex"), "NX");
    this.epoch = await this.redis.get(EPOCH_KEY);
    await this.beat();
    await this.sweep();
    this.beatTimer = setInterval(() => {
      this.beat().catch((err) => this.options.log?.(`heartbeat failed: ${(err as Error).message}`));
      // Every ~5 s: list again any room of ours whose listing went missing (a process we took for
      // dead removes its rooms' listings by id as they close, even one we have since reopened).
      if (this.ticks % 10 === 5) this.options.relist?.().catch(() => {});
      this.sweep().catch((err) => this.options.log?.(`sweep failed: ${(err as Error).message}`));
    }, this.intervalMs);
    this.beatTimer.unref();
  }

  private async beat(): Promise<void> {
    // XX: renew only. If the key had expired (this process stalled longer than the TTL), the others
    // took it for dead and may have reopened its battles: its rooms must not go on in parallel.
    const renewed = await this.redis.set(heartbeatKey(this.processId), this.address, "PX", this.ttlMs, "XX");
    if (renewed === null) {
      // Gone because Redis lost every key (a restart): nobody took us for dead. Say so for all
      // (the first to notice starts a grace period in which no missing claim is taken), and write
      // again our claims and listings.
      const epoch = await this.redis.get(EPOCH_KEY);
      const reset = this.started && epoch !== this.epoch;
      if (reset) {
        if ((await this.redis.set(EPOCH_KEY, randomBytes(8).toString("hex"), "NX")) === "OK") {
          await this.redis.set(RECOVERING_KEY, this.processId, "PX", RECOVERY_GRACE_MS);
        }
        this.epoch = await this.redis.get(EPOCH_KEY);
      }
      await this.redis.set(heartbeatKey(this.processId), this.address, "PX", this.ttlMs);
      if (reset) {
        this.options.log?.("Redis lost its keys (restarted): this process's claims and room listings are written again");
        await this.options.onReset?.();
      } else if (this.started) this.options.onLost?.();
    }
    this.started = true;
    this.beats++;
  }

  /** Removes what dead processes left behind. Returns the process ids swept. */
  async sweep(): Promise<string[]> {
    if (this.sweeping) return [];
    this.sweeping = true;
    try {
      const candidates = new Set(await this.redis.hkeys(ROOM_COUNT_KEY));
      // Listings can outlive the room count (a process killed while shutting down): look at them too,
      // less often (it reads every listing).
      if (this.ticks++ % 10 === 0) for (const room of await this.driver.query({})) candidates.add(room.processId);
      candidates.delete(this.processId);
      const swept: string[] = [];
      for (const pid of candidates) {
        if (!pid || (await this.redis.exists(heartbeatKey(pid)))) continue;
        // One sweeper per dead process.
        if ((await this.redis.set(`ls:sweep:${pid}`, this.processId, "PX", 10_000, "NX")) !== "OK") continue;
        await this.driver.cleanup?.(pid);
        await this.redis.hdel(ROOM_COUNT_KEY, pid);
        await this.redis.eval(RELEASE_DEAD, 1, ownedKey(pid), pid, this.prefix + ownerKey(""));
        swept.push(pid);
        this.options.log?.(`process ${pid} stopped beating: its room listings and battle claims were removed`);
      }
      return swept;
    } finally {
      this.sweeping = false;
    }
  }

  /** Stops beating and removes the heartbeat (a clean stop needs no sweep). */
  async stop(): Promise<void> {
    if (this.beatTimer) clearInterval(this.beatTimer);
    this.beatTimer = null;
    await this.redis.del(heartbeatKey(this.processId)).catch(() => {});
  }
}
