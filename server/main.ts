/**
 * The game server: Colyseus (room `battle`) and the HTTP API on one port, plus the built client.
 *
 *   npm start                 build the client, then serve everything on PORT (default 2567)
 *   tsx server/main.ts        serve (the client too, when dist/client exists)
 *
 * Environment: PORT, LAST_STAND_DB (SQLite file, default data/last-stand.sqlite),
 * LAST_STAND_RECONNECT_SECONDS (60), LAST_STAND_IDLE_SECONDS (600), LAST_STAND_RATE (20/s),
 * LAST_STAND_BURST (40), LAST_STAND_QUIET=1 (no room logs). See docs/PROTOCOL.md.
 *
 * `createGameServer()` is also what server/dev.ts (Vite middleware) and the tests use.
 */
import "./prelude.js";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type express from "express";
import { Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { BattleRoom, liveRooms } from "./room.js";
import { configureHttp, installErrorHandlers, openBattle, serveClient } from "./http.js";
import { SqliteMatchStore, defaultDbPath, type MatchStore } from "./store.js";
import { setServices, settingsFromEnv, type ServerSettings } from "./services.js";
import { limitRoomCreation } from "./limits.js";
import { isExpired, EXPIRED } from "./match.js";
import { setClientLogQuiet, colyseusLogger } from "./logger.js";

export interface GameServerOptions {
  /** 0 picks a free port. Default: PORT or 2567. */
  port?: number;
  host?: string;
  /** Folder of the built client to serve (served only if it holds index.html). */
  staticDir?: string;
  /** Called with the express app after the API routes and before the static client (dev: Vite middleware). */
  configureApp?: (app: express.Application) => void | Promise<void>;
  /** SQLite file (default LAST_STAND_DB or data/last-stand.sqlite); ignored when `store` is given. */
  dbPath?: string;
  store?: MatchStore;
  settings?: Partial<ServerSettings>;
  /** Reopen unfinished battles from the store at start (default true). */
  restore?: boolean;
  /** Let Colyseus handle SIGINT/SIGTERM (default true; tests pass false). */
  handleSignals?: boolean;
}

export interface RestoredBattle {
  code: string;
  ok: boolean;
  hash?: string;
  step?: number;
  error?: string;
}

export interface GameServer {
  server: Server;
  port: number;
  url: string;
  store: MatchStore;
  restored: RestoredBattle[];
  close(): Promise<void>;
}

export async function createGameServer(options: GameServerOptions = {}): Promise<GameServer> {
  const settings: ServerSettings = { ...settingsFromEnv(), ...options.settings };
  const store = options.store ?? new SqliteMatchStore(options.dbPath ?? defaultDbPath());
  setServices({ store, settings });
  setClientLogQuiet(!settings.log);

  const transport = new WebSocketTransport({
    // Frames above this close the connection before any handler runs (ERR_TOO_LARGE covers 1–4 KB).
    maxPayload: 4 * 1024,
    // No permessage-deflate: with it, a large compressed frame (an events message) delays the
    // frames queued behind it, and Colyseus sends patches as views of its shared encode buffer, so
    // a queued patch could be overwritten before it left (clients saw split/garbled patches).
    perMessageDeflate: false,
  });
  const server = new Server({
    transport,
    greet: false,
    // Colyseus' own error lines (an undecodable frame…) without a stack each, repeats summarised.
    logger: colyseusLogger,
    gracefullyShutdown: options.handleSignals ?? true,
    express: async (app) => {
      configureHttp(app);
      await options.configureApp?.(app);
      if (options.staticDir) serveClient(app, options.staticDir);
      installErrorHandlers(app);
    },
  });
  server.define("battle", BattleRoom);
  // On SIGINT/SIGTERM Colyseus closes the rooms (their battles stay unfinished in the store and are
  // restored on the next start); then the store is closed.
  server.onShutdown(() => store.close());

  const port = options.port ?? Number(process.env.PORT || 2567);
  await server.listen(port, options.host);
  const actualPort = (transport.server!.address() as AddressInfo).port;
  limitRoomCreation(transport.server!, settings);

  const restored: RestoredBattle[] = [];
  if (options.restore ?? true) {
    for (const info of await store.listUnfinished()) {
      // Untouched for LAST_STAND_EXPIRE_SECONDS: recorded as expired, not reopened at every boot.
      if (isExpired(info)) {
        await store.finishMatch(info.id, EXPIRED);
        restored.push({ code: info.code, ok: false, error: EXPIRED });
        continue;
      }
      try {
        const summary = await openBattle(info.code);
        restored.push({ code: info.code, ok: true, hash: summary && "hash" in summary ? summary.hash : undefined, step: summary?.step });
      } catch (err) {
        restored.push({ code: info.code, ok: false, error: (err as Error).message });
        console.error(`[server] could not restore battle ${info.code}: ${(err as Error).message}`);
      }
    }
  }

  let closed = false;
  return {
    server,
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    store,
    restored,
    async close() {
      if (closed) return;
      closed = true;
      await server.gracefullyShutdown(false);
      liveRooms.clear();
      await store.close();
    },
  };
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return resolve(entry) === fileURLToPath(import.meta.url) || resolve(entry) === fileURLToPath(import.meta.url).replace(/\.ts$/, "");
  } catch {
    return false;
  }
}

if (isMain()) {
  const staticDir = resolve("dist/client");
  const game = await createGameServer({ staticDir: existsSync(staticDir) ? staticDir : undefined });
  const ok = game.restored.filter((r) => r.ok).length;
  if (game.restored.length) console.log(`Restored ${ok}/${game.restored.length} unfinished battle(s).`);
  console.log(`Last Stand server listening on ${game.url}${existsSync(staticDir) ? "" : " (no client build in dist/client)"}`);
}
