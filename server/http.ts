/**
 * The HTTP API, on the same port as the game server (express, mounted by Colyseus' transport):
 *   GET /health                 → { ok, rooms, uptimeSeconds }
 *   GET /api/maps               → [{ id, name, width, height }] of the maps offered to players
 *   GET /api/maps/:id           → the map's Tiled JSON (.tmj), for any map that parses (test maps and the drill too)
 *   GET /api/matches/:id/record → the match record (design section 12), once the battle is over
 *                                 (409 ERR_MATCH_IN_PROGRESS before: it holds the seed and the log);
 *                                 a campaign's scene's only once the whole campaign is over
 *   GET /api/battles/:code      → the battle's summary; reopens a stored, unfinished battle whose
 *                                 room is closed, so `client.joinById(code)` works right after.
 *                                 A campaign's adds `campaign: { stage, scene, scenes }`.
 *   GET /api/campaigns/:code/record → the campaign record (its scenes' match records in order),
 *                                 once the campaign has ended (409 ERR_MATCH_IN_PROGRESS before)
 * and, when `staticDir` exists, the built client (index.html for `/` and unknown GET paths).
 * Every error is `{ code, message }` JSON, never a stack trace or a server path (installErrorHandlers).
 */
import express from "express";
import { timingSafeEqual } from "node:crypto";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { matchMaker } from "colyseus";
import { listMaps, loadMapById, mapsDir } from "./maps.js";
import { readFileSync } from "node:fs";
import { normalizeCode } from "./codes.js";
import { services } from "./services.js";
import { clusterAvailable, clusterInfo, processAlive } from "./cluster/index.js";
import { handleStats, loopStats, resetLoopStats, storeStats } from "./metrics.js";
import { errFields, log, logClientMistake } from "./logger.js";
import { isExpired, EXPIRED } from "./match.js";
import { campaignCodeOf, sceneMatchId } from "./campaign-match.js";
import { replayCampaign, SCENES, splitCoded, type CampaignOptions, type CampaignRecord, type MatchRecord } from "../shared/index.js";

type Handler = (req: express.Request, res: express.Response) => Promise<void> | void;

/** An async route whose failures answer 500 ERR_INTERNAL (logged here, never sent). */
function guarded(name: string, fn: Handler): Handler {
  return async (req, res) => {
    try {
      await fn(req, res);
    } catch (err) {
      log.error({ kind: "http", route: name, url: req.originalUrl.slice(0, 100), ...errFields(err) }, `ERR_INTERNAL in ${name}`);
      if (!res.headersSent) res.status(500).json({ code: "ERR_INTERNAL", message: "The server failed to answer that request." });
    }
  };
}

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
    // the public summary: its hash is of the squad's view, not of the full state (whose hash would
    // let a client test guesses about hidden creatures)
    return (await matchMaker.remoteRoomCall(code, "publicSummary", [], 2000)) as Summary;
  } catch {
    return null;
  }
}

/** Opens the room of a stored battle if it is not live anywhere; returns its summary or null. */
export async function openBattle(code: string): Promise<Summary | null> {
  const live = await liveSummary(code);
  if (live) return live;
  const { store } = services();
  const info = await store.findByCode(code);
  const campaign = info ? null : await store.getCampaign(code);
  if (!info && !campaign) return null;
  if (campaign) {
    const p = campaign.progress;
    const ended = { code, roomId: null, matchId: sceneMatchId(code, p.scene), map: SCENES[p.scene].map, step: 0, finished: true, live: false };
    const info = { stage: p.stage, scene: p.scene, scenes: SCENES.length };
    if (p.finished) return { ...ended, outcome: p.stage, campaign: info };
    // the scene being played expired as a battle does: so did the campaign
    const scene = await store.getInfo(ended.matchId);
    if (scene && (scene.outcome === EXPIRED || isExpired(scene))) {
      if (!scene.finished) await store.finishMatch(scene.id, EXPIRED);
      return { ...ended, outcome: EXPIRED, campaign: info };
    }
  }
  if (!info) return openRoom(code);
  if (isExpired(info)) {
    await store.finishMatch(info.id, EXPIRED);
    info.finished = true;
    info.outcome = EXPIRED;
  }
  if (info.finished) {
    const record = await store.getRecord(info.id);
    return {
      code, roomId: null, matchId: info.id, map: info.mapId, step: record?.log.length ?? 0,
      finished: true, outcome: info.outcome, live: false,
    };
  }
  return openRoom(code);
}

/** Opens the room of a stored, unfinished battle or campaign here (one opening per code). */
async function openRoom(code: string): Promise<Summary> {
  const { restoreSecret } = services();
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
    // Another process claimed it first (a race, or it is still listing its room): wait below for
    // its listing, as for a room already open. Redis away, or the other process dying: the client
    // asks again (503).
    const message = (err as Error).message;
    if (/ERR_UNAVAILABLE/.test(message)) {
      if (!clusterAvailable()) throw new BattleUnavailable(message);
    } else if (!/already open/.test(message)) throw err;
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

/** A request of the server's operator: from this machine without a proxy's headers, or bearing
 *  LAST_STAND_OPERATOR_TOKEN (compared in constant time). */
export function operatorRequest(req: express.Request): boolean {
  const token = process.env.LAST_STAND_OPERATOR_TOKEN;
  const given = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
  if (token && given && given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token))) return true;
  const local = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(req.socket.remoteAddress ?? "");
  return local && !req.headers["x-forwarded-for"] && !req.headers["x-real-ip"];
}

export function configureHttp(app: express.Application) {
  app.get("/health", (req, res) => {
    // `?reset=1` restarts the event-loop delay histogram (the benchmark does so when play starts,
    // so that start-up compilation is not counted).
    if (req.query.reset === "1") {
      // the operator's: from this machine (not through a proxy) or with LAST_STAND_OPERATOR_TOKEN
      if (!operatorRequest(req)) {
        res.status(403).json({ code: "ERR_FORBIDDEN", message: "Only the operator may reset the figures." });
        return;
      }
      resetLoopStats();
    }
    const { rooms, processId, publicAddress } = clusterInfo();
    res.json({ ok: true, rooms, processId, publicAddress, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), ...handleStats(), ...loopStats(), ...storeStats() });
  });

  // what the start page offers: a chosen seed only where the operator allows it (LAST_STAND_ALLOW_SEED)
  app.get("/api/settings", guarded("settings", (_req, res) => {
    res.json({ allowSeed: services().settings.allowSeed });
  }));

  app.get("/api/maps", guarded("maps", (_req, res) => {
    res.json(listMaps());
  }));

  // the client plays any map the server offers: it fetches the file instead of bundling maps/
  app.get("/api/maps/:id", guarded("map", (req, res) => {
    const id = String(req.params.id);
    // test maps and the drill are not listed, but are served by id (the drill and the tests open them)
    if (!listMaps({ all: true }).some((m) => m.id === id)) {
      res.status(404).json({ code: "ERR_UNKNOWN_MAP", message: `There is no map "${id.slice(0, 64)}".` });
      return;
    }
    loadMapById(id);
    res.type("application/json").send(readFileSync(join(mapsDir(), `${id}.tmj`), "utf8"));
  }));

  app.get("/api/matches/:id/record", guarded("record", async (req, res) => {
    // a battle's code, or a campaign's scene: CODE-N
    const raw = String(req.params.id).trim().toUpperCase();
    const id = normalizeCode(raw) ?? (campaignCodeOf(raw) ? raw : null);
    const { store } = services();
    const info = id ? await store.getInfo(id) : null;
    const record = info ? await store.getRecord(info.id) : null;
    if (!info || !record) {
      res.status(404).json({ code: "ERR_UNKNOWN_CODE", message: "There is no match with that id." });
      return;
    }
    // The record holds the seed and every command: replaying it would locate every hidden creature
    // and predict every roll. Served only once the battle is over.
    // A campaign's scene record waits for the campaign's end: its commands and seed would tell of the
    // scenes still to come (the survivors, and with a derived seed, the next scene's creatures).
    const campaign = id && campaignCodeOf(id) ? await store.getCampaign(campaignCodeOf(id)!) : null;
    if (!info.finished || (campaign && !campaign.progress.finished)) {
      res.status(409).json({ code: "ERR_MATCH_IN_PROGRESS", message: "That battle is still being fought: its record is served once it is over." });
      return;
    }
    // the standing orders given to the bot partner, kept beside the log (a replay shows them)
    const orders = (info.roomOptions as { orders?: unknown }).orders;
    res.json(Array.isArray(orders) && orders.length ? { ...record, orders } : record);
  }));

  // The campaign record: the seed and every scene's commands, so only once the campaign has ended.
  app.get("/api/campaigns/:code/record", guarded("campaign record", async (req, res) => {
    const code = normalizeCode(String(req.params.code));
    const { store } = services();
    const row = code ? await store.getCampaign(code) : null;
    if (!row) {
      res.status(404).json({ code: "ERR_UNKNOWN_CODE", message: "There is no campaign with that code." });
      return;
    }
    if (!row.progress.finished) {
      res.status(409).json({ code: "ERR_MATCH_IN_PROGRESS", message: "That campaign is still being fought: its record is served once it is over." });
      return;
    }
    const scenes: MatchRecord[] = [];
    for (const id of row.progress.scenes) scenes.push((await store.getRecord(id))!);
    const record: CampaignRecord = { seed: row.seed, options: row.options as unknown as CampaignOptions, scenes };
    record.finalHash = row.progress.finalHash ?? replayCampaign(record, loadMapById).hash;
    res.json(record);
  }));

  app.get("/api/battles/:code", guarded("battle", async (req, res) => {
    const code = normalizeCode(String(req.params.code));
    let summary: Awaited<ReturnType<typeof openBattle>>;
    try {
      summary = code ? await openBattle(code) : null;
    } catch (err) {
      // Redis does not answer: where the battle lives cannot be known now (never reopened twice)
      if (err instanceof BattleUnavailable || !clusterAvailable()) {
        res.status(503).set("Retry-After", "1").json({ code: "ERR_UNAVAILABLE", message: "The battle is moving to another server; try again in a moment." });
        return;
      }
      // Details (replay errors, hashes) go to the log, not to the client.
      log.error({ kind: "http", room: code, ...errFields(err) }, `reopening ${code} failed: ${(err as Error)?.message ?? err}`);
      // the room's refusal reads "ERR_CODE: message"; a battle of other rules is said as such
      const known = splitCoded((err as Error)?.message ?? "");
      // which rules the record was made under is no secret; replay details are
      if (known?.code === "ERR_RULES_VERSION") res.status(409).json({ code: "ERR_RULES_VERSION", message: known.words });
      else res.status(500).json({ code: known?.code === "ERR_BAD_MAP" ? "ERR_BAD_MAP" : "ERR_RESTORE", message: "That battle could not be reopened." });
      return;
    }
    if (!summary) {
      res.status(404).json({ code: "ERR_UNKNOWN_CODE", message: "There is no battle with that code." });
      return;
    }
    res.json(summary);
  }));

}

/**
 * Last in the chain: unknown paths answer 404 JSON, and any error (a URL express cannot decode, a
 * body it cannot parse, a route that threw) answers `{ code, message }` JSON with no stack trace
 * or server path; the client's mistakes are logged one line each, repeats summarised.
 */
export function installErrorHandlers(app: express.Application) {
  app.use((req: express.Request, res: express.Response) => {
    res.status(404).json({ code: "ERR_NOT_FOUND", message: "There is nothing here." });
  });
  app.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = Number((err as { status?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      logClientMistake(`http ${status}`, `${req.method} ${req.originalUrl.slice(0, 100)}: ${(err as Error)?.message ?? ""}`, { status });
      if (!res.headersSent) res.status(status).json({ code: status === 404 ? "ERR_NOT_FOUND" : "ERR_BAD_REQUEST", message: "The server could not read that request." });
      return;
    }
    log.error({ kind: "http", method: req.method, url: req.originalUrl.slice(0, 100), ...errFields(err) }, "ERR_INTERNAL");
    if (!res.headersSent) res.status(500).json({ code: "ERR_INTERNAL", message: "The server failed to answer that request." });
  });
}

/** Serves the built client from `staticDir` (if it holds index.html). */
export function serveClient(app: express.Application, staticDir: string) {
  if (existsSync(join(staticDir, "index.html"))) {
    const root = resolve(staticDir);
    app.use(express.static(root, { index: "index.html" }));
    // The client reads `/?join=CODE`; any other GET that is not an API path gets the app too.
    app.get(/^\/(?!api\/|matchmake\/|health$|ready$|metrics$|colyseus(\/|$)).*/, (_req, res) => {
      res.sendFile(join(root, "index.html"));
    });
  }
}
