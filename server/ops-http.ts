/**
 * The operator's HTTP windows, beside the game's API:
 *   GET /health      the process lives (always 200 while it answers; figures in server/http.ts)
 *   GET /ready       it can serve: its match store and (in a cluster) Redis answer, and it is not
 *                    stopping → 200 { ok: true, checks }; else 503 { ok: false, checks } (each check
 *                    "ok" or why not). What a proxy's or orchestrator's health check should ask.
 *   GET /metrics     Prometheus text (prom-client, server/metrics.ts); with METRICS_TOKEN set, only
 *                    with `Authorization: Bearer <token>` (else 401)
 *   /colyseus        Colyseus' monitor (@colyseus/monitor), only when MONITOR_PASSWORD is set,
 *                    behind HTTP basic auth (user MONITOR_USER, default "admin"); 404 otherwise
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type express from "express";
import { matchMaker, monitor } from "colyseus";
import { gauge, registry } from "./metrics.js";
import { clusterInfo } from "./cluster/index.js";

export type Check = () => Promise<unknown>;

/** How long a dependency may take to answer a readiness check. */
const CHECK_TIMEOUT_MS = 1000;

let checks: Record<string, Check> = {};

/** Set by createGameServer: the store's ping, and Redis' when clustered. */
export function setReadinessChecks(c: Record<string, Check>): void {
  checks = c;
}

async function runCheck(check: Check): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS))),
    ]);
    return "ok";
  } catch (err) {
    return String((err as Error)?.message ?? err).slice(0, 200);
  } finally {
    clearTimeout(timer);
  }
}

/** Each check's answer ("ok" or the reason), and whether this process is stopping. */
export async function readiness(): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const names = Object.keys(checks);
  const answers = await Promise.all(names.map((n) => runCheck(checks[n])));
  const result: Record<string, string> = Object.fromEntries(names.map((n, i) => [n, answers[i]]));
  if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) result.process = "stopping";
  return { ok: Object.values(result).every((v) => v === "ok"), checks: result };
}

/** Constant-time comparison of a secret (hashed first, so lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const h = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

gauge("laststand_rooms", "Battle rooms this process hosts", () => clusterInfo().rooms);
gauge("laststand_clients", "Clients connected to this process's rooms (players and spectators)", () => matchMaker.stats.local.ccu);
for (const dep of ["store", "redis"]) {
  gauge(`laststand_${dep}_up`, `1 when the ${dep === "store" ? "match store" : "Redis server"} answers a readiness check (absent dependency: 1)`, async () =>
    checks[dep] ? ((await runCheck(checks[dep])) === "ok" ? 1 : 0) : 1,
  );
}

export interface OpsSettings {
  metricsToken: string | null;
  monitorUser: string;
  monitorPassword: string | null;
}

export function opsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): OpsSettings {
  return {
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    monitorUser: env.MONITOR_USER?.trim() || "admin",
    monitorPassword: env.MONITOR_PASSWORD || null,
  };
}

export function configureOpsHttp(app: express.Application, ops: OpsSettings): void {
  app.get("/ready", async (_req, res) => {
    const r = await readiness();
    res.status(r.ok ? 200 : 503).json(r);
  });

  app.get("/metrics", async (req, res) => {
    if (ops.metricsToken) {
      const m = /^Bearer (.+)$/.exec(req.get("authorization") ?? "");
      if (!m || !sameSecret(m[1], ops.metricsToken)) {
        res.status(401).set("WWW-Authenticate", "Bearer").json({ code: "ERR_UNAUTHORIZED", message: "GET /metrics needs the bearer token (METRICS_TOKEN)." });
        return;
      }
    }
    registry.setDefaultLabels({ process: matchMaker.processId });
    res.type(registry.contentType).send(await registry.metrics());
  });

  if (ops.monitorPassword) {
    const password = ops.monitorPassword;
    const basicAuth: express.RequestHandler = (req, res, next) => {
      const m = /^Basic (.+)$/.exec(req.get("authorization") ?? "");
      const [user, ...rest] = m ? Buffer.from(m[1], "base64").toString("utf8").split(":") : [];
      if (m && sameSecret(user, ops.monitorUser) && sameSecret(rest.join(":"), password)) return next();
      res.status(401).set("WWW-Authenticate", 'Basic realm="Last Stand monitor"').json({ code: "ERR_UNAUTHORIZED", message: "The monitor needs its user and password." });
    };
    app.use("/colyseus", basicAuth, monitor() as unknown as express.RequestHandler);
  }
}
