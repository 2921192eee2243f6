/**
 * The HTTP API, on the same port as the game server (express, mounted by Colyseus' transport):
 *   GET /health                 → { ok, rooms, uptimeSeconds }
 *   GET /api/maps               → [{ id, name, width, height }]
 *   GET /api/matches/:id/record → the match record (design section 12)
 *   GET /api/battles/:code      → the battle's summary; reopens a stored, unfinished battle whose
 *                                 room is closed, so `client.joinById(code)` works right after.
 * and, when `staticDir` exists, the built client (index.html for `/` and unknown GET paths).
 */
import express from "express";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { matchMaker } from "colyseus";
import { listMaps } from "./maps.js";
import { normalizeCode } from "./codes.js";
import { services } from "./services.js";
import { clusterInfo, processAlive } from "./cluster/index.js";
import { handleStats, loopStats, resetLoopStats, storeStats } from "./metrics.js";

const startedAt = Date.now();

/** Requests on this process for the same closed battle share one opening (not a registry: the
 *  room's claim decides, across processes). */
const openingBattles = new Map<string, Promise<void>>();

/** A battle that is live but whose process does not answer yet (it is moving): the client retries. */
export class BattleUnavailable extends Error {}

type Summary = Record<string, unknown> & { code: string; step: number; hash?: string };

/** The live room's summary, from whichever process holds it (the matchmaker's listing), or null. */
async function liveSummary(code: string): Promise<Summary | null> {
  const listing = await matchMaker.getRoomById(code);
  // A listing of a process whose heartbeat is gone is stale (SIGKILL): the battle reopens here.
  if (!listing || !(await processAlive(listing.processId))) return null;
  try {
    return (await matchMaker.remoteRoomCall(code, "summary", [], 2000)) as Summary;
  } catch {
    return null;
  }
}

/** Opens the room of a stored battle if it is not live anywhere; returns its summary or null. */
export async function openBattle(code: string): Promise<Summary | null> {
  const live = await liveSummary(code);
  if (live) return live;
  const { store, restoreSecret } = services();
  const info = await store.findByCode(code);
  if (!info) return null;
  if (info.finished) {
    const record = await store.getRecord(info.id);
    return {
      code, roomId: null, matchId: info.id, map: info.mapId, step: record?.log.length ?? 0,
      finished: true, outcome: info.outcome, live: false,
    };
  }
  // This process is stopping: the battle must open elsewhere (the client asks again).
  if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) throw new BattleUnavailable(`this process is stopping`);
  let pending = openingBattles.get(code);
  if (!pending) {
    pending = matchMaker
      .createRoom("battle", { __restore: { secret: restoreSecret, code } })
      .then(() => undefined)
      .finally(() => openingBattles.delete(code));
    openingBattles.set(code, pending);
  }
  try {
    await pending;
  } catch (err) {
    // Another process claimed it first (a race, or it is still listing its room), or that process
    // is dying and its heartbeat has not expired yet: the client asks again (503).
    if (!/already open/.test((err as Error).message)) throw err;
  }
  // The room is being listed (here or on the winner of a race): wait a little for it, then 503.
  const until = Date.now() + 2500;
  while (Date.now() < until) {
    const summary = await liveSummary(code);
    if (summary) return summary;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new BattleUnavailable(`battle ${code} is held by a process that does not answer yet`);
}

export function configureHttp(app: express.Application) {
  app.get("/health", (req, res) => {
    // `?reset=1` restarts the event-loop delay histogram (the benchmark does so when play starts,
    // so that start-up compilation is not counted).
    if (req.query.reset === "1") resetLoopStats();
    const { rooms, processId, publicAddress } = clusterInfo();
    res.json({ ok: true, rooms, processId, publicAddress, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), ...handleStats(), ...loopStats(), ...storeStats() });
  });

  app.get("/api/maps", (_req, res) => {
    res.json(listMaps());
  });

  app.get("/api/matches/:id/record", async (req, res) => {
    const id = normalizeCode(req.params.id);
    const record = id ? await services().store.getRecord(id) : null;
    if (!record) {
      res.status(404).json({ code: "ERR_UNKNOWN_CODE", message: "There is no match with that id." });
      return;
    }
    res.json(record);
  });

  app.get("/api/battles/:code", async (req, res) => {
    const code = normalizeCode(req.params.code);
    try {
      const summary = code ? await openBattle(code) : null;
      if (!summary) {
        res.status(404).json({ code: "ERR_UNKNOWN_CODE", message: "There is no battle with that code." });
        return;
      }
      res.json(summary);
    } catch (err) {
      if (err instanceof BattleUnavailable) {
        res.status(503).set("Retry-After", "1").json({ code: "ERR_UNAVAILABLE", message: "The battle is moving to another server; try again in a moment." });
        return;
      }
      console.error(`[http] reopening ${code} failed`, err);
      res.status(500).json({ code: "ERR_RESTORE", message: (err as Error).message });
    }
  });

}

/** Serves the built client from `staticDir` (if it holds index.html). */
export function serveClient(app: express.Application, staticDir: string) {
  if (existsSync(join(staticDir, "index.html"))) {
    const root = resolve(staticDir);
    app.use(express.static(root, { index: "index.html" }));
    // The client reads `/?join=CODE`; any other GET that is not an API path gets the app too.
    app.get(/^\/(?!api\/|matchmake\/|health$).*/, (_req, res) => {
      res.sendFile(join(root, "index.html"));
    });
  }
}
