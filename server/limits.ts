/**
 * Per-address budgets on the HTTP requests a stranger could repeat to spoil battles (docs/PROTOCOL.md,
 * "Limits"), answered before Colyseus or express sees them:
 *   - creating (`create`, `joinOrCreate`): LAST_STAND_CREATE_PER_MINUTE sustained, LAST_STAND_CREATE_BURST
 *     at once → 429 ERR_TOO_MANY_ROOMS;
 *   - finding a battle by its code (`GET /api/battles/CODE`, `joinById`, `join`):
 *     LAST_STAND_LOOKUP_PER_MINUTE sustained, LAST_STAND_LOOKUP_BURST at once → 429 ERR_TOO_MANY_LOOKUPS.
 *     With 8-letter codes this budget makes guessing a live battle's code a matter of years.
 *
 * Colyseus answers /matchmake/ itself, ahead of express, so this wraps the HTTP server's request
 * listeners. The address is the socket's peer; X-Real-IP / X-Forwarded-For only with
 * LAST_STAND_TRUST_PROXY=1 (behind a proxy that sets them; otherwise anyone could pick his own). An
 * IPv6 address counts by its /64 (one subscriber holds a whole /64).
 */
import { isIPv6 } from "node:net";
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { KeyedBuckets, type Clock } from "./bucket.js";
import type { ServerSettings } from "./services.js";
import { SERVER_ERROR_CODES } from "./validation.js";
import { logClientMistake } from "./logger.js";
import { clusterAvailable } from "./cluster/index.js";

const CREATING = /^\/matchmake\/(create|joinOrCreate)\//;
const LOOKING_UP = /^\/matchmake\/(joinById|join)\//;
const LOOKUP_GET = /^\/api\/battles\//;

/** The address a budget is kept for: an IPv4 address, or an IPv6 address's /64 ("2001:db8:0:1::/64"). */
export function budgetKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g || "0", 16).toString(16)).join(":")}::/64`;
}

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers["x-real-ip"] ?? req.headers["x-forwarded-for"];
    const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();
    if (first) return budgetKey(first);
  }
  return budgetKey(req.socket.remoteAddress ?? "unknown");
}

function refuse(res: ServerResponse, code: "ERR_TOO_MANY_ROOMS" | "ERR_TOO_MANY_LOOKUPS", retryAfter: number) {
  const body = JSON.stringify({ code, message: `${code}: ${SERVER_ERROR_CODES[code]}` });
  res.writeHead(429, { "content-type": "application/json", "content-length": Buffer.byteLength(body), "retry-after": String(retryAfter) });
  res.end(body);
}

export function limitRoomCreation(http: HttpServer, settings: ServerSettings, now: Clock = Date.now): void {
  const creating = new KeyedBuckets(settings.createPerMinute / 60, settings.createBurst, now);
  const lookups = new KeyedBuckets(settings.lookupPerMinute / 60, settings.lookupBurst, now);
  const listeners = http.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  http.removeAllListeners("request");
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "";
    const creates = req.method === "POST" && CREATING.test(url);
    const looks = (req.method === "POST" && LOOKING_UP.test(url)) || (req.method === "GET" && LOOKUP_GET.test(url));
    if (creates || looks) {
      const address = clientAddress(req, settings.trustProxy);
      const code = creates ? "ERR_TOO_MANY_ROOMS" : "ERR_TOO_MANY_LOOKUPS";
      if (!(creates ? creating : lookups).take(address)) {
        logClientMistake(code, address, { address });
        return refuse(res, code, creates ? 60 : Math.ceil(60 / settings.lookupPerMinute));
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
