/**
 * Test helpers: a real listening game server (in this process, on a free port, with a temporary
 * SQLite file) and real @colyseus/sdk clients over WebSockets.
 */
import "../../server/prelude.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { createGameServer, type GameServer, type GameServerOptions } from "../../server/main.js";
import { matchMaker } from "colyseus";
import type { BattleRoom } from "../../server/room.js";
import type { WireState } from "../../shared/view/wire.js";
import { PgMatchStore } from "../../server/store/index.js";
import { TEST_STORE, freshSchema, type TestSchema } from "../services.js";

/** An SDK client whose rooms quietly accept message types a test does not listen to. */
class QuietClient extends Client {
  /** Handlers go on as the Room object is made, before it connects: a message that follows the
   *  join in the same TCP segment (the welcome) would otherwise arrive before any handler. */
  protected override createRoom<T>(roomName: string, rootSchema?: any): Room<any, T> {
    const r = super.createRoom<T>(roomName, rootSchema);
    r.onMessage("*", () => {});
    // the first welcome is kept for welcome(room): it carries the seat's key and the invite
    welcomes.set(r, new Promise((resolve) => {
      const off = r.onMessage("welcome", (m: Welcome) => {
        off();
        resolve(m);
      });
    }));
    return r;
  }
  private quiet<T>(room: T): T {
    return room;
  }
  override async create(...args: Parameters<Client["create"]>) {
    return this.quiet(await super.create(...args));
  }
  override async joinById(...args: Parameters<Client["joinById"]>) {
    return this.quiet(await super.joinById(...args));
  }
  override async joinOrCreate(...args: Parameters<Client["joinOrCreate"]>) {
    return this.quiet(await super.joinOrCreate(...args));
  }
  override async reconnect(...args: Parameters<Client["reconnect"]>) {
    return this.quiet(await super.reconnect(...args));
  }
}

/** What the server says on join (docs/PROTOCOL.md): the role, and for a seat's player its key when
 *  just issued and the invite for the other seat while nobody owns it. */
export interface Welcome {
  role: string;
  lastSeq: number;
  key?: string;
  invite?: string;
}
const welcomes = new WeakMap<object, Promise<Welcome>>();

/** The first welcome of a room joined through a test client. */
export function welcome(room: unknown): Promise<Welcome> {
  const w = welcomes.get(room as object);
  if (!w) throw new Error("not a room of a test client");
  return w;
}

/** The invite the room's player was given for the free seat (fails if he was given none). */
export async function inviteOf(room: unknown): Promise<string> {
  const { invite } = await welcome(room);
  if (!invite) throw new Error("no invite in the welcome");
  return invite;
}

/** The seat key the room's player was given (fails if none was issued). */
export async function keyOf(room: unknown): Promise<string> {
  const { key } = await welcome(room);
  if (!key) throw new Error("no key in the welcome");
  return key;
}

export function quietClient(base: string): Client {
  return new QuietClient(base) as Client;
}

export interface TestServer extends GameServer {
  dir: string;
  dbPath: string;
  client(): Client;
  room(code: string): BattleRoom;
  stop(): Promise<void>;
  /** Another server on this one's match store (its SQLite file, or its PostgreSQL schema): a restart. */
  restart(options?: GameServerOptions): Promise<TestServer>;
}

/**
 * The game servers started here and not yet closed. The server project's files share their
 * worker's process (and Colyseus' matchmaker, one per process): each file closes the servers it
 * started, and setup.ts fails a file that leaves one running, after closing it.
 */
export const liveServers = new Set<{ close(): Promise<void> }>();

export async function startServer(options: GameServerOptions = {}, reuse: TestSchema | null = null): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "last-stand-test-"));
  const dbPath = options.dbPath ?? join(dir, "matches.sqlite");
  // LAST_STAND_TEST_STORE=postgres: the same suite on PostgreSQL, a fresh schema per server.
  let schema: TestSchema | null = reuse;
  if (TEST_STORE === "postgres" && !options.store && (reuse || !options.dbPath)) {
    schema ??= await freshSchema();
    options = { ...options, store: await PgMatchStore.open({ url: schema.url }) };
  }
  const game = await createGameServer({
    port: 0,
    host: "127.0.0.1",
    dbPath,
    handleSignals: false,
    ...options,
    // tests choose their battles' seeds (a practice server's setting)
    settings: { log: false, botDelayMs: 0, createBurst: 1000, allowSeed: true, lookupBurst: 100_000, ...options.settings },
  });
  const live = {
    async close() {
      liveServers.delete(live);
      await game.close();
    },
  };
  liveServers.add(live);
  return {
    ...game,
    close: live.close,
    dir,
    dbPath,
    client: () => new QuietClient(`http://127.0.0.1:${game.port}`) as Client,
    room(code: string) {
      const r = localRoom(code);
      if (!r) throw new Error(`no live room ${code}`);
      return r;
    },
    async stop() {
      await live.close();
      await schema?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: (more: GameServerOptions = {}) => startServer({ dbPath, ...more }, schema),
  };
}

/** The battle's room if this process hosts it (Colyseus' own table of local rooms). */
export function localRoom(code: string): BattleRoom | undefined {
  return matchMaker.getLocalRoomById(code) as BattleRoom | undefined;
}

export type BattleClientRoom = Room<any>;

export function wire(room: BattleClientRoom): WireState & Record<string, any> {
  return room.state.toJSON() as WireState & Record<string, any>;
}

/** Resolves when `predicate(room)` holds after some state change (or already holds). */
export function waitForState(
  room: BattleClientRoom,
  predicate: (w: WireState & Record<string, any>) => boolean,
  timeoutMs = 10_000,
  what = "state",
): Promise<WireState & Record<string, any>> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!room.state) return false;
      const w = wire(room);
      if (predicate(w)) {
        done();
        resolve(w);
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}; state: step=${room.state?.step} round=${room.state?.round}`));
    }, timeoutMs);
    const listener = () => void check();
    room.onStateChange(listener);
    const done = () => {
      clearTimeout(timer);
      room.onStateChange.remove(listener);
    };
    check();
  });
}

/** Collects every message of `type` a room receives. */
export function collect<T = any>(room: BattleClientRoom, type: string): T[] {
  const out: T[] = [];
  room.onMessage(type, (m: T) => out.push(m));
  return out;
}

/** Resolves with the next message of `type` (with a timeout). */
export function nextMessage<T = any>(room: BattleClientRoom, type: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    let off: (() => void) | undefined;
    const timer = setTimeout(() => {
      off?.();
      reject(new Error(`timed out waiting for a "${type}" message`));
    }, timeoutMs);
    off = room.onMessage(type, (m: T) => {
      clearTimeout(timer);
      off?.();
      resolve(m);
    });
  });
}

/** Sends a message and resolves with the error it draws. */
export async function expectError(room: BattleClientRoom, type: string, payload: unknown): Promise<{ code: string; message: string }> {
  const p = nextMessage<{ code: string; message: string }>(room, "error");
  room.send(type, payload as any);
  return p;
}

export function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `cond()` holds (checked every few milliseconds); fails naming `what` after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export async function getJson(base: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path);
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}
