/**
 * Room creation limited per client address: every matchmaking request that may create a battle
 * (`create`, `joinOrCreate`) takes a token from its address's bucket (LAST_STAND_CREATE_PER_MINUTE
 * sustained, LAST_STAND_CREATE_BURST at once); without one it is answered
 * `429 { code: "ERR_TOO_MANY_ROOMS", message }` before Colyseus sees it.
 *
 * Colyseus answers /matchmake/ itself, ahead of express, so this wraps the HTTP server's request
 * listeners. The address is the socket's peer; X-Real-IP / X-Forwarded-For only with
 * LAST_STAND_TRUST_PROXY=1 (behind a proxy that sets them; otherwise anyone could pick his own).
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { KeyedBuckets, type Clock } from "./bucket.js";
import type { ServerSettings } from "./services.js";
import { SERVER_ERROR_CODES } from "./validation.js";
import { logClientMistake } from "./logger.js";
import { clusterAvailable } from "./cluster/index.js";

const CREATING = /^\/matchmake\/(create|joinOrCreate)\//;

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers["x-real-ip"] ?? req.headers["x-forwarded-for"];
    const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

export function limitRoomCreation(http: HttpServer, settings: ServerSettings, now: Clock = Date.now): void {
  const buckets = new KeyedBuckets(settings.createPerMinute / 60, settings.createBurst, now);
  const listeners = http.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners("request");
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && CREATING.test(req.url ?? "")) {
      const address = clientAddress(req, settings.trustProxy);
      if (!buckets.take(address)) {
        logClientMistake("ERR_TOO_MANY_ROOMS", address, { address });
        const body = JSON.stringify({ code: "ERR_TOO_MANY_ROOMS", message: `ERR_TOO_MANY_ROOMS: ${SERVER_ERROR_CODES.ERR_TOO_MANY_ROOMS}` });
        res.writeHead(429, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "retry-after": "60" });
        res.end(body);
        return;
      }
    }
    for (const l of listeners) l.call(http, req, res);
  });
}

/**
 * While Redis does not answer (clustered), matchmaking cannot know where rooms live: creations and
 * joins are answered `503 { code: "ERR_UNAVAILABLE" }` at once (Retry-After: 2) instead of hanging
 * on Redis' retries. Battles in play are not touched: their WebSockets do not pass through here.
 */
export function refuseMatchmakingWhileUnavailable(http: HttpServer): void {
  const listeners = http.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners("request");
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && (req.url ?? "").startsWith("/matchmake/") && !clusterAvailable()) {
      const body = JSON.stringify({ code: "ERR_UNAVAILABLE", message: "ERR_UNAVAILABLE: the game servers cannot reach each other right now (Redis); try again in a moment." });
      res.writeHead(503, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "retry-after": "2" });
      res.end(body);
      return;
    }
    for (const l of listeners) l.call(http, req, res);
  });
}
