/**
 * The game server: Colyseus (room `battle`) and the HTTP API on one port, plus the built client.
 *
 *   npm start                 build the client, then serve everything on PORT (default 2567)
 *   tsx server/main.ts        serve (the client too, when dist/client exists)
 *
 * Environment: PORT, LAST_STAND_DB (SQLite file, default data/last-stand.sqlite),
 * LAST_STAND_RECONNECT_SECONDS (60), LAST_STAND_IDLE_SECONDS (600), LAST_STAND_RATE (20/s),
 * LAST_STAND_BURST (40), LAST_STAND_PING_SECONDS (8), LAST_STAND_QUIET=1 (no room logs). Many processes: REDIS_URL,
 * REDIS_PREFIX, PUBLIC_ADDRESS, DATABASE_URL (server/cluster/config.ts). See docs/PROTOCOL.md.
 *
 * `createGameServer()` is also what server/dev.ts (Vite middleware) and the tests use.
 */
import "./prelude.js";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type express from "express";
import { Redis } from "ioredis";
import { Server, WebSocketTransport, RedisPresence, RedisDriver, matchMaker } from "colyseus";
import { BattleRoom } from "./room.js";
import { configureHttp, installErrorHandlers, openBattle, serveClient } from "./http.js";
import { configureOpsHttp, opsSettingsFromEnv, setReadinessChecks, type OpsSettings } from "./ops-http.js";
import { openStore, type MatchStore } from "./store/index.js";
import { setServices, settingsFromEnv, type ServerSettings } from "./services.js";
import { limitRoomCreation, refuseMatchmakingWhileUnavailable } from "./limits.js";
import { allowedOriginsFromEnv, restrictCors } from "./cors.js";
import type { Clock } from "./bucket.js";
import { isExpired, EXPIRED } from "./match.js";
import { campaignCodeOf } from "./campaign-match.js";
import { setClientLogQuiet, colyseusLogger, log } from "./logger.js";
import { clusterConfigFromEnv, ConfigError, type ClusterConfig } from "./cluster/config.js";
import { LocalOwnership, RedisOwnership } from "./cluster/ownership.js";
import { Heartbeat } from "./cluster/heartbeat.js";
import { CLOSE_DEPLOY, reassertClaims, setCluster, setRedisReady } from "./cluster/index.js";

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
  /** Overrides the environment's REDIS_URL, REDIS_PREFIX, PUBLIC_ADDRESS, DATABASE_URL. */
  cluster?: Partial<ClusterConfig>;
  /** The clock the rate limits and the expiry read (ms; default Date.now): tests move it instead of sleeping. */
  clock?: Clock;
  /** Overrides the environment's METRICS_TOKEN, MONITOR_USER, MONITOR_PASSWORD. */
  ops?: Partial<OpsSettings>;
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
  const config: ClusterConfig = { ...clusterConfigFromEnv(), ...options.cluster };
  if (config.redisUrl && !config.publicAddress) clusterConfigFromEnv({ REDIS_URL: config.redisUrl }); // throws the clear message
  const clustered = config.redisUrl !== null;
  const store =
    options.store ??
    (await openStore(config.databaseUrl, options.dbPath).catch((err: Error) => {
      throw new ConfigError(`cannot open the match store${config.databaseUrl ? " in PostgreSQL (DATABASE_URL)" : ""}: ${err.message}`);
    }));

  // Redis: one connection each for Colyseus' presence and driver and one for our claims and
  // heartbeat. REDIS_PREFIX keeps clusters sharing one Redis (tests) apart.
  let lastRedisError = "";
  const redisFor = () =>
    new Redis(config.redisUrl!, {
      keyPrefix: config.redisPrefix || undefined,
      maxRetriesPerRequest: 3,
      // back within a second of Redis (a restart): claims and listings are written again quickly
      retryStrategy: (times: number) => Math.min(times * 100, 1000),
    })
      .on("error", (err: Error) => {
        // ioredis reconnects by itself; say so once per kind of failure, not on every retry.
        if (err.message !== lastRedisError) log.error({ kind: "redis" }, `redis: ${(lastRedisError = err.message)}`);
      })
      .on("ready", () => {
        if (lastRedisError) log.warn({ kind: "redis" }, "redis answers again");
        lastRedisError = "";
      });
  const ours = clustered ? redisFor() : null;
  let restoreSecret: string | undefined;
  if (ours) {
    try {
      await ours.set("ls:restore-secret", randomBytes(16).toString("hex"), "NX");
      restoreSecret = (await ours.get("ls:restore-secret")) ?? undefined;
    } catch (err) {
      ours.disconnect();
      await store.close();
      throw new ConfigError(`cannot reach Redis at REDIS_URL: ${(err as Error).message}`);
    }
  }
  setServices({ store, settings, restoreSecret, clock: options.clock });
  // GET /ready: the store answers, and Redis when clustered (server/ops-http.ts)
  setReadinessChecks({ store: () => store.ping(), ...(ours ? { redis: () => ours.ping() } : {}) });
  setClientLogQuiet(!settings.log);

  const transport = new WebSocketTransport({
    // Frames above this close the connection before any handler runs (ERR_TOO_LARGE covers 1–4 KB).
    maxPayload: 4 * 1024,
    // No permessage-deflate: with it, a large compressed frame (an events message) delays the
    // frames queued behind it, and Colyseus sends patches as views of its shared encode buffer, so
    // a queued patch could be overwritten before it left (clients saw split/garbled patches).
    perMessageDeflate: false,
    // A connection dead without a close (a cut network) is found after 2–3 pings: every 8 s (not
    // Colyseus' 3 s), as each ping is a write and a read per client, a share of the server's CPU
    // beside a battle's few commands a second; a closed connection is seen at once all the same.
    pingInterval: settings.pingSeconds * 1000,
    pingMaxRetries: 2,
  });
  const driver = clustered ? new RedisDriver(redisFor()) : undefined;
  const server = new Server({
    transport,
    greet: false,
    // Colyseus' own error lines (an undecodable frame…) without a stack each, repeats summarised.
    logger: colyseusLogger,
    gracefullyShutdown: options.handleSignals ?? true,
    ...(clustered
      ? {
          presence: new RedisPresence(redisFor()),
          driver,
          publicAddress: config.publicAddress!,
          // A new or reopened battle lives on the process the player's request reached (a stopping
          // process takes no requests: the proxy sends them to the others).
          selectProcessIdToCreateRoom: async () => matchMaker.processId,
        }
      : {}),
    express: async (app) => {
      configureHttp(app);
      configureOpsHttp(app, { ...opsSettingsFromEnv(), ...options.ops });
      await options.configureApp?.(app);
      if (options.staticDir) serveClient(app, options.staticDir);
      installErrorHandlers(app);
    },
  });
  server.define("battle", BattleRoom);
  restrictCors(allowedOriginsFromEnv());
  await matchMaker.onReady;

  let heartbeat: Heartbeat | null = null;
  let lastClusterLine = "";
  if (ours && driver) {
    setCluster(new RedisOwnership(ours, matchMaker.processId, config.redisPrefix), true);
    const hbMs = Number(process.env.LAST_STAND_HEARTBEAT_MS) || 500;
    heartbeat = new Heartbeat(ours, driver, matchMaker.processId, config.publicAddress!, config.redisPrefix, {
      intervalMs: hbMs,
      // one line per kind of failure, not one a beat while Redis is away
      log: (m) => m !== lastClusterLine && log.warn({ kind: "cluster" }, (lastClusterLine = m)),
      // Taken for dead after a stall: others may reopen our battles, so ours close (clients come back by code).
      onLost: () => {
        log.error({ kind: "cluster" }, "this process missed its heartbeat: closing its rooms");
        void Promise.all(matchMaker.disconnectAll(CLOSE_DEPLOY)).catch(() => {});
      },
      relist: () => matchMaker.restoreMissingRoomCaches(),
      onReset: async () => {
        await reassertClaims();
        await matchMaker.restoreMissingRoomCaches();
        await matchMaker.stats.persist(true);
        if (restoreSecret) await ours.set("ls:restore-secret", restoreSecret, "NX");
      },
    });
    setRedisReady(() => ours.status === "ready");
    // Before listening: Colyseus health-checks every process it finds listed at start (2 s each for
    // dead ones); the sweep removes the dead ones first.
    await heartbeat.start();
  } else {
    setCluster(new LocalOwnership(matchMaker.processId), false);
  }

  // Stopping: take no new connection (the proxy tries the next process; open WebSockets stay until
  // their rooms have finished), so no new battle, join or reopen lands here.
  server.onBeforeShutdown(() => {
    transport.server?.close();
  });
  // On SIGINT/SIGTERM Colyseus closes the rooms (each finishes the command in hand and sends its
  // clients elsewhere, see BattleRoom.onBeforeShutdown); then the heartbeat stops and the store closes.
  server.onShutdown(async () => {
    await heartbeat?.stop();
    ours?.disconnect();
    await store.close();
  });

  const port = options.port ?? Number(process.env.PORT || 2567);
  await server.listen(port, options.host);
  const actualPort = (transport.server!.address() as AddressInfo).port;
  limitRoomCreation(transport.server!, settings, options.clock);
  refuseMatchmakingWhileUnavailable(transport.server!);

  // One process reopens its unfinished battles at start. In a cluster they reopen on demand, on the
  // process a returning player reaches (GET /api/battles/CODE or joinOrCreate with the code).
  const restored: RestoredBattle[] = [];
  if (options.restore ?? !clustered) {
    for (const info of await store.listUnfinished()) {
      // Untouched for LAST_STAND_EXPIRE_SECONDS: recorded as expired, not reopened at every boot.
      if (isExpired(info)) {
        await store.finishMatch(info.id, EXPIRED);
        restored.push({ code: info.code, ok: false, error: EXPIRED });
        continue;
      }
      try {
        // a campaign's scene (CODE-N) reopens as its campaign
        const summary = await openBattle(campaignCodeOf(info.code) ?? info.code);
        restored.push({ code: info.code, ok: true, hash: summary && "hash" in summary ? summary.hash : undefined, step: summary?.step });
      } catch (err) {
        restored.push({ code: info.code, ok: false, error: (err as Error).message });
        log.error({ room: info.code }, `could not restore battle ${info.code}: ${(err as Error).message}`);
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
  let game: GameServer;
  try {
    game = await createGameServer({ staticDir: existsSync(staticDir) ? staticDir : undefined });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log.fatal(`Last Stand server: ${err.message}`);
    process.exit(2);
  }
  const ok = game.restored.filter((r) => r.ok).length;
  if (game.restored.length) log.info({ restored: ok, unfinished: game.restored.length }, `Restored ${ok}/${game.restored.length} unfinished battle(s).`);
  const where = matchMaker.publicAddress ? ` (process ${matchMaker.processId}, public address ${matchMaker.publicAddress})` : "";
  log.info({ port: game.port, processId: matchMaker.processId }, `Last Stand server listening on ${game.url}${where}${existsSync(staticDir) ? "" : " (no client build in dist/client)"}`);
}
