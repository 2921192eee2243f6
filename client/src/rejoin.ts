/**
 * Coming back to a battle by its code after its server process went away: stopped for a deploy
 * (close code 4001) or killed. The battle reopens from its match record on another process when
 * `GET /api/battles/CODE` reaches one (503 while it is still moving), and the player joins it in the
 * same seat, by its key (a spectator without one). Used by the online client (net.ts) and the
 * cluster tests.
 */
import type { Client, Room } from "@colyseus/sdk";

/** The close code a server sends when its process stops (Colyseus' SERVER_SHUTDOWN). */
export const CLOSE_DEPLOY = 4001;

export class BattleGone extends Error {}

export interface RejoinOptions {
  /** Give up after this long (ms, default 60 s). */
  timeoutMs?: number;
  /** Stop trying when this returns true (the player left). */
  cancelled?: () => boolean;
}

/** `base` is the server's HTTP address (the page's own origin in the browser); `key` the seat's key
 *  (docs/PROTOCOL.md, "Seats and keys"), or null to come back as a spectator. */
export async function rejoinByCode(client: Client, base: string, code: string, key: string | null, options: RejoinOptions = {}): Promise<Room> {
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  let delay = 150;
  let last: unknown = null;
  while (Date.now() < until && !options.cancelled?.()) {
    try {
      const res = await fetch(`${base.replace(/\/+$/, "")}/api/battles/${encodeURIComponent(code)}`);
      if (res.status === 404) throw new BattleGone(`There is no battle ${code}.`);
      const body = res.ok ? ((await res.json()) as { live?: boolean; finished?: boolean }) : null;
      if (body?.finished) throw new BattleGone(`Battle ${code} is over.`);
      if (body?.live) return await client.joinById(code, key ? { key } : { seat: "spectator" });
    } catch (err) {
      if (err instanceof BattleGone) throw err;
      last = err;
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(1000, delay * 2);
  }
  throw new Error(`Could not rejoin battle ${code}${last ? `: ${(last as Error).message}` : ""}`);
}
