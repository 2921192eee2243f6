/**
 * The HTTP API, on the same port as the game server (express, mounted by Colyseus' transport):
 *   GET /health                 → { ok, rooms, uptimeSeconds }
 *   GET /api/maps               → [{ id, name, width, height }]
 *   GET /api/maps/:id           → the map's Tiled JSON (.tmj), for a map the server lists
 *   GET /api/matches/:id/record → the match record (design section 12)
 *   GET /api/battles/:code      → the battle's summary; reopens a stored, unfinished battle whose
 *                                 room is closed, so `client.joinById(code)` works right after.
 * and, when `staticDir` exists, the built client (index.html for `/` and unknown GET paths).
 */
import express from "express";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { matchMaker } from "@colyseus/core";
import { listMaps, loadMapById, MAPS_DIR } from "./maps.js";
import { readFileSync } from "node:fs";
import { normalizeCode } from "./codes.js";
import { liveRooms } from "./room.js";
import { services } from "./services.js";
import { handleStats, loopStats, resetLoopStats, storeStats } from "./metrics.js";

const startedAt = Date.now();

const openingBattles = new Map<string, Promise<void>>();

/** Opens the room of a stored battle if it is not live; returns its summary or null. */
export async function openBattle(code: string) {
  const live = liveRooms.get(code);
  if (live) return live.summary();
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
  // Concurrent requests for the same closed battle share one opening.
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
    if (!liveRooms.has(code)) throw err;
  }
  return liveRooms.get(code)?.summary() ?? null;
}

export function configureHttp(app: express.Application) {
  app.get("/health", (req, res) => {
    // `?reset=1` restarts the event-loop delay histogram (the benchmark does so when play starts,
    // so that start-up compilation is not counted).
    if (req.query.reset === "1") resetLoopStats();
    res.json({ ok: true, rooms: liveRooms.size, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000), ...handleStats(), ...loopStats(), ...storeStats() });
  });

  app.get("/api/maps", (_req, res) => {
    res.json(listMaps());
  });

  // the client plays any map the server offers: it fetches the file instead of bundling maps/
  app.get("/api/maps/:id", (req, res) => {
    const id = req.params.id;
    if (!listMaps().some((m) => m.id === id)) {
      res.status(404).json({ code: "ERR_UNKNOWN_MAP", message: `There is no map "${String(id).slice(0, 64)}".` });
      return;
    }
    loadMapById(id);
    res.type("application/json").send(readFileSync(join(MAPS_DIR, `${id}.tmj`), "utf8"));
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
      console.error(`[http] reopening ${code} failed`, err);
      // the room's refusal reads "ERR_CODE: message" (ERR_RULES_VERSION, ERR_BAD_MAP, ERR_RESTORE)
      const text = (err as Error).message ?? "";
      const known = /^(ERR_RULES_VERSION|ERR_BAD_MAP|ERR_RESTORE): ([^]*)$/.exec(text);
      res.status(known?.[1] === "ERR_RULES_VERSION" ? 409 : 500).json({ code: known?.[1] ?? "ERR_RESTORE", message: known?.[2] ?? text });
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
