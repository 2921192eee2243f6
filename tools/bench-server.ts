/**
 * Server benchmark: N battles, two bot clients each (Takumi and Wang, @colyseus/sdk over real
 * WebSockets on loopback), against ONE server process (server/main.ts started as a child process
 * with a temporary database, unless --url points at a running server), or against a cluster of
 * `--processes N` behind nginx on Redis and PostgreSQL (tools/cluster-lib.ts; a fresh schema and
 * Redis key prefix), the clients knowing only nginx's URL.
 *
 *   npm run bench:server -- [--rooms 200] [--rounds 3] [--think 500] [--map last-stand] [--json]
 *                           [--url http://127.0.0.1:2567] [--processes 2] [--store sqlite|postgres]
 *                           [--warmup 0]
 *
 * `--warmup N` first plays N battles (other seeds) to their last round and leaves them, unmeasured:
 * the figures are then those of a process already running (its code compiled and optimised by V8)
 * rather than of one just started, whose first battles also pay for that warm-up.
 * `--store` picks the single process's store (default sqlite; a cluster always uses PostgreSQL).
 * With `--processes` ≥ 2 the run ends with a failover: process g1 is killed (SIGKILL) and
 * `failoverMs` is the time from the kill to the first accepted command of one of its battles,
 * reopened on another process by a player coming back with the code through nginx.
 *
 * Each client plays a scripted turn (`--policy light`, the default: per round one move, then a
 * reload or overwatch per soldier, then ready; refusals are counted, not timed) or the engine's
 * soldier bot on its own view (`--policy bot`, heavier on the benchmark's own CPU). Within a
 * battle one action is in flight at a time; a client waits `--think` ms (±50%) before each action,
 * and all battles run at once.
 *
 * Prints: rooms, clients, actions, actionLatencyP50Ms / P99Ms (a client sends an action → both
 * clients of the battle hold the patch with that step), bytesPerAction (every frame both clients
 * receive — patches and events — per action, per client), patchBytesPerAction (patches only),
 * joinSnapshotBytes (the full-state frame a client gets on joining, uncompressed) and
 * joinSnapshotWireBytes (the same on the wire: permessage-deflate compresses frames above 1 KB),
 * plus the server's CPU time.
 */
import "../server/prelude.js";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { botCommand, type MapDef, type Seat } from "../shared/index.js";
import { fromWire, type WireState } from "../shared/view/wire.js";
import { loadMapById } from "../server/maps.js";
import { freePort, startServerProcess } from "./server-process.js";
import { startCluster, type Cluster } from "./cluster-lib.js";
import { TEST_DATABASE_URL, TEST_REDIS_URL, freshRedisPrefix, freshSchema, type TestRedis, type TestSchema } from "./services.js";
import { rejoinByCode } from "../client/src/rejoin.js";


function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith("--") ? process.argv[i + 1] : fallback;
}
const JSON_OUT = process.argv.includes("--json");
const PROCESSES = Number(arg("processes", "0"));
/** Default: 200 battles per process. */
const ROOMS = Number(arg("rooms", String(200 * Math.max(1, PROCESSES))));
const ROUNDS = Number(arg("rounds", "3"));
const THINK_MS = Number(arg("think", "500"));
const MAP_ID = arg("map", "last-stand");
const URL_ARG = arg("url", "");
const JOIN_CONCURRENCY = Number(arg("join-concurrency", "8"));
const WARMUP = Number(arg("warmup", "0"));
/** "light": a cheap scripted player (one move, reload or overwatch per soldier, ready) that reads
 *  the Schema directly, so the benchmark's own process does not become the bottleneck; "bot": the
 *  engine's soldier bot on each client's view (costs ~2 ms of client CPU per action). */
const POLICY = arg("policy", "light");
const STORE = PROCESSES > 0 ? "postgres" : arg("store", "sqlite");

// With --json, stdout carries the JSON alone: the SDK's own notices (console.info) go to stderr.
if (process.argv.includes("--json")) console.info = (...a: unknown[]) => console.error(...a);

const log = (...a: unknown[]) => {
  if (!JSON_OUT) console.log(...a);
  else console.error(...a);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const PROTO_ROOM_DATA = 13;
const PROTO_ROOM_STATE = 14;
const PROTO_ROOM_STATE_PATCH = 15;

interface Meter {
  frames: number;
  bytes: number;
  patchBytes: number;
  snapshotBytes: number;
  snapshotWireBytes: number;
}

/** Counts the frames a room receives (wraps the connection's message handler). */
function meter(room: Room<any>, m: Meter) {
  const events = (room as any).connection.events;
  const original = events.onmessage;
  const socket = () => (room as any).connection.transport?.ws?._socket;
  const wireStart = socket()?.bytesRead ?? 0;
  events.onmessage = (ev: MessageEvent) => {
    const data = ev.data as ArrayBuffer;
    const n = data.byteLength;
    const code = new Uint8Array(data)[0] & 0x3f;
    if (code === PROTO_ROOM_STATE && m.snapshotBytes === 0) {
      m.snapshotBytes = n;
      m.snapshotWireBytes = (socket()?.bytesRead ?? 0) - wireStart;
    } else {
      m.frames++;
      m.bytes += n;
      if (code === PROTO_ROOM_STATE_PATCH) m.patchBytes += n;
    }
    void PROTO_ROOM_DATA;
    return original(ev);
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

interface Battle {
  code: string;
  rooms: Record<Seat, Room<any>>;
  meters: Meter[];
  /** Takumi's seat key (docs/PROTOCOL.md, "Seats and keys"): the failover rejoins with it. */
  key: string;
}

type Welcome = { role: string; key?: string; invite?: string };

/** A client whose rooms keep their first `welcome` (the seat's key, the invite), caught as the Room is
 *  made: in Node it can arrive in the same read as the join, before a handler set after the await. */
class KeyedClient extends Client {
  protected override createRoom<T>(roomName: string, rootSchema?: any): Room<any, T> {
    const r = super.createRoom<T>(roomName, rootSchema);
    (r as unknown as { welcome: Promise<Welcome> }).welcome = new Promise((res) => r.onMessage("welcome", (m: Welcome) => res(m)));
    return r;
  }
}
const welcomeOf = (r: Room<any>) => (r as unknown as { welcome: Promise<Welcome> }).welcome;

/** The load generator is one address opening every battle: lift the per-address creation limit. */
const LOAD_GENERATOR_ENV = { LAST_STAND_CREATE_PER_MINUTE: "1000000", LAST_STAND_CREATE_BURST: "1000000" };

async function openBattle(base: string, map: MapDef, seed: number): Promise<Battle> {
  const mt: Meter = { frames: 0, bytes: 0, patchBytes: 0, snapshotBytes: 0, snapshotWireBytes: 0 };
  const mw: Meter = { frames: 0, bytes: 0, patchBytes: 0, snapshotBytes: 0, snapshotWireBytes: 0 };
  const takumi = await new KeyedClient(base).create("battle", { map: map.id, seed, seat: "takumi", waitForPartner: true });
  meter(takumi, mt);
  const { key, invite } = await welcomeOf(takumi);
  const wang = await new KeyedClient(base).joinById(takumi.roomId, { invite });
  meter(wang, mw);
  for (const r of [takumi, wang]) {
    r.onMessage("events", () => {});
    r.onMessage("error", () => {});
    r.onMessage("ping", () => {});
    r.onMessage("ack", () => {});
  }
  return { code: takumi.roomId, rooms: { takumi, wang }, meters: [mt, mw], key: key! };
}

function waitStep(room: Room<any>, step: number, timeoutMs = 30_000): Promise<void> {
  return new Promise((res, rej) => {
    if ((room.state?.step ?? -1) >= step) return res();
    const timer = setTimeout(() => {
      room.onStateChange.remove(check);
      rej(new Error(`step ${step} never reached (at ${room.state?.step})`));
    }, timeoutMs);
    const check = () => {
      if ((room.state?.step ?? -1) >= step) {
        clearTimeout(timer);
        room.onStateChange.remove(check);
        res();
      }
    };
    room.onStateChange(check);
  });
}

/** Sends one message and resolves with its latency (ms) once both clients hold the new step, or null if refused. */
const byType = new Map<string, number[]>();

function timedSend(b: Battle, seat: Seat, type: string, payload: unknown): Promise<number | null> {
  const room = b.rooms[seat];
  const kind = type === "action" ? (payload as { action: { type: string } }).action.type : type;
  const resolvesRound = kind === "ready" && (seat === "takumi" ? room.state.readyWang : room.state.readyTakumi);
  const key = resolvesRound ? "ready (ends the round)" : kind;
  const target = (room.state.step as number) + 1;
  const t0 = performance.now();
  return new Promise((res, rej) => {
    let settled = false;
    const offErr = room.onMessage("error", () => {
      if (settled) return;
      settled = true;
      offErr();
      res(null);
    });
    Promise.all([waitStep(b.rooms.takumi, target), waitStep(b.rooms.wang, target)]).then(
      () => {
        if (settled) return;
        settled = true;
        offErr();
        const ms = performance.now() - t0;
        if (!byType.has(key)) byType.set(key, []);
        byType.get(key)!.push(ms);
        res(ms);
      },
      (err) => {
        if (settled) return;
        settled = true;
        offErr();
        rej(err);
      },
    );
    room.send(type, payload as any);
  });
}

async function play(b: Battle, map: MapDef, latencies: number[], counts: { actions: number; refused: number }) {
  const st = () => b.rooms.takumi.state as any;
  await waitStep(b.rooms.wang, 0);
  const startRound = st().round as number;
  let turn = 0;
  const record = (latency: number | null) => {
    if (latency === null) counts.refused++;
    else {
      latencies.push(latency);
      counts.actions++;
    }
  };
  while (st().phase === "player" && st().round < startRound + ROUNDS) {
    for (const seat of ["takumi", "wang"] as Seat[]) {
      const room = b.rooms[seat];
      if (POLICY === "bot") {
        for (let guard = 0; guard < 40; guard++) {
          const state = room.state.toJSON() as WireState;
          if (state.phase !== "player") return;
          if (seat === "takumi" ? state.readyTakumi : state.readyWang) break;
          const cmd = botCommand(fromWire(state, map), seat);
          await sleep(THINK_MS * (0.5 + Math.random()));
          const isReady = !cmd || cmd.action.type === "ready";
          const latency = isReady
            ? await timedSend(b, seat, "ready", { ready: true })
            : await timedSend(b, seat, "action", { action: cmd!.action });
          record(latency);
          if (latency === null) {
            record(await timedSend(b, seat, "ready", { ready: true }));
            break;
          }
          if (isReady) break;
        }
        continue;
      }
      // Light policy: read the Schema directly (no engine work on the client).
      if (room.state.phase !== "player") return;
      const mine = () =>
        [...(room.state.units as Map<string, any>).values()].filter((u) => u.seat === seat && u.fate === "active" && !u.grabbedBy);
      const first = mine().find((u) => u.ap > 0);
      if (first) {
        const dirs = [[1, 0], [0, 1], [-1, 0], [0, -1]];
        const [dx, dy] = dirs[turn++ % 4];
        const to = { x: first.x + dx, y: first.y + dy, level: first.level };
        if (to.x >= 0 && to.y >= 0 && to.x < map.width && to.y < map.height) {
          await sleep(THINK_MS * (0.5 + Math.random()));
          record(await timedSend(b, seat, "action", { action: { type: "move", unit: first.id, to } }));
        }
      }
      for (const u of mine()) {
        if (room.state.phase !== "player" || u.ap <= 0 || !u.hasWeapon) continue;
        const action =
          u.mag < 3 && u.spareMags > 0 ? { type: "reload", unit: u.id } : u.mag > 0 && !u.overwatch ? { type: "overwatch", unit: u.id } : null;
        if (!action) continue;
        await sleep(THINK_MS * (0.5 + Math.random()));
        record(await timedSend(b, seat, "action", { action }));
      }
      if (room.state.phase !== "player") return;
      if (!(seat === "takumi" ? room.state.readyTakumi : room.state.readyWang)) {
        await sleep(THINK_MS * (0.5 + Math.random()));
        record(await timedSend(b, seat, "ready", { ready: true }));
      }
    }
  }
}

/** Which cluster process a client's room reached (its WebSocket goes through nginx's /gI/). */
function nodeOf(room: Room<any>): number {
  const m = /\/g(\d+)\//.exec(String((room as any).connection.transport.ws.url));
  return m ? Number(m[1]) - 1 : -1;
}

/**
 * SIGKILL of process g1, then a player of one of its battles comes back with the code through
 * nginx (as client/src/net.ts does) and plays: the time to the first accepted command.
 */
async function failover(cluster: Cluster, battles: Battle[]): Promise<Record<string, unknown>> {
  const onVictim = battles.filter((b) => nodeOf(b.rooms.takumi) === 0);
  const target = onVictim.find((b) => b.rooms.takumi.state.phase === "player") ?? onVictim[0];
  if (!target) return { failoverMs: null, failoverNote: "no battle on g1" };
  for (const b of onVictim) for (const r of Object.values(b.rooms)) r.reconnection.enabled = false;
  const victimPid = cluster.nodes[0].child.pid;
  const killed = cluster.kill(0, "SIGKILL");
  const t0 = performance.now();
  await killed;
  const client = new Client(cluster.url);
  const room = await rejoinByCode(client, cluster.url, target.code, target.key, { timeoutMs: 30_000 });
  room.onMessage("*", () => {});
  const rejoinMs = performance.now() - t0;
  await waitStep(room, 0);
  const step = room.state.step as number;
  let accepted = false;
  for (let i = 0; i < 20 && !accepted; i++) {
    const errored = new Promise<boolean>((res) => {
      const off = room.onMessage("error", () => {
        off();
        res(false);
      });
    });
    // A command every battle accepts: ready (or un-ready) for Takumi.
    room.send("ready", { ready: !room.state.readyTakumi });
    accepted = await Promise.race([waitStep(room, step + 1, 10_000).then(() => true, () => false), errored]);
  }
  const failoverMs = performance.now() - t0;
  log(`failover: g1 (pid ${victimPid}) killed; battle ${target.code} rejoined after ${rejoinMs.toFixed(0)} ms, first command accepted after ${failoverMs.toFixed(0)} ms`);
  await room.leave().catch(() => {});
  return {
    failoverMs: accepted ? Math.round(failoverMs) : null,
    failoverRejoinMs: Math.round(rejoinMs),
    battlesOnKilledProcess: onVictim.length,
  };
}

async function main() {
  const map = loadMapById(MAP_ID);
  let child: ChildProcess | null = null;
  let dir: string | null = null;
  let base = URL_ARG;
  let cluster: Cluster | null = null;
  let schema: TestSchema | null = null;
  let redis: TestRedis | null = null;
  /** Each game process's own address (for /health) and pid (for CPU time). */
  let servers: { base: string; pid?: number }[] = [];
  if (!base && PROCESSES > 0) {
    schema = await freshSchema();
    redis = await freshRedisPrefix();
    cluster = await startCluster({
      processes: PROCESSES,
      redisUrl: TEST_REDIS_URL,
      redisPrefix: redis.prefix,
      databaseUrl: schema.url,
      env: LOAD_GENERATOR_ENV,
      onStderr: (_n, d) => {
        if (!JSON_OUT) process.stderr.write(d);
      },
    });
    base = cluster.url;
    servers = cluster.nodes.map((n) => ({ base: `http://127.0.0.1:${n.port}`, pid: n.child.pid }));
  } else if (!base) {
    dir = mkdtempSync(join(tmpdir(), "last-stand-bench-"));
    if (STORE === "postgres") schema = await freshSchema();
    const port = await freePort();
    child = await startServerProcess(
      port,
      join(dir, "bench.sqlite"),
      (d) => {
        if (!JSON_OUT) process.stderr.write(d);
      },
      { ...LOAD_GENERATOR_ENV, ...(schema ? { DATABASE_URL: schema.url } : {}) },
    );
    base = `http://127.0.0.1:${port}`;
    servers = [{ base, pid: child.pid }];
  } else {
    servers = [{ base }];
  }
  log(`bench: ${ROOMS} battles on ${MAP_ID}, ${ROUNDS} rounds, think ${THINK_MS} ms, policy ${POLICY}, server ${base}, ${PROCESSES || 1} process(es), store ${STORE}`);

  /** Opens `n` battles (seeds from `seed0`), `JOIN_CONCURRENCY` joins at a time. */
  const openAll = async (n: number, seed0: number) => {
    const opened: Battle[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(JOIN_CONCURRENCY, n) }, async () => {
        while (next < n) opened.push(await openBattle(base, map, seed0 + next++));
      }),
    );
    return opened;
  };
  // the game processes alone (not nginx): the cost of a command on the server
  const gameCpu = () => {
    const all = servers.map((s) => cpuSeconds(s.pid));
    return all.some((c) => c === null) ? null : (all as number[]).reduce((a, b) => a + b, 0);
  };
  if (WARMUP > 0) {
    const warm = await openAll(WARMUP, 100_000);
    await Promise.allSettled(warm.map((b) => play(b, map, [], { actions: 0, refused: 0 })));
    byType.clear(); // the latencies by action are the measured battles' alone
    for (const b of warm) for (const r of Object.values(b.rooms)) r.reconnection.enabled = false;
    await Promise.race([Promise.allSettled(warm.flatMap((b) => Object.values(b.rooms).map((r) => r.leave()))), sleep(5000)]);
    // the rooms answer the leaving (the partner left behind has his plan made, the bot may play a
    // turn): measured battles start once the game processes' CPU has stopped climbing (≤ 10 s)
    for (let i = 0, last = gameCpu(); i < 20 && last !== null; i++) {
      await sleep(500);
      const now = gameCpu();
      if (now === null || now - last < 0.02) break;
      last = now;
    }
    log(`warmed up: ${WARMUP} battles played and left`);
  }
  const t0 = performance.now();
  const battles = await openAll(ROOMS, 1000);
  const joinSeconds = (performance.now() - t0) / 1000;
  log(`joined ${battles.length * 2} clients in ${joinSeconds.toFixed(1)} s`);

  for (const s of servers) await fetch(`${s.base}/health?reset=1`).catch(() => undefined);
  const serverCpu = () => {
    const all = servers.map((s) => cpuSeconds(s.pid));
    if (cluster) all.push(cpuSeconds(cluster.nginx.pid));
    return all.some((c) => c === null) ? null : (all as number[]).reduce((a, b) => a + b, 0);
  };
  const game0 = gameCpu();
  const cpu0 = serverCpu();
  const own0 = process.cpuUsage();
  const benchLoop = monitorEventLoopDelay({ resolution: 10 });
  benchLoop.enable();
  const latencies: number[] = [];
  const counts = { actions: 0, refused: 0 };
  const tPlay = performance.now();
  const results = await Promise.allSettled(battles.map((b) => play(b, map, latencies, counts)));
  const playSeconds = (performance.now() - tPlay) / 1000;
  const cpu1 = serverCpu();
  const game1 = gameCpu();
  const own1 = process.cpuUsage(own0);
  const failures = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
  for (const f of failures.slice(0, 3)) log(`battle failed: ${f.reason}`);

  const sorted = latencies.slice().sort((a, b) => a - b);
  const meters = battles.flatMap((b) => b.meters);
  const totalBytes = meters.reduce((s, m) => s + m.bytes, 0);
  const patchBytes = meters.reduce((s, m) => s + m.patchBytes, 0);
  const snapshots = meters.map((m) => m.snapshotBytes).filter((n) => n > 0);
  const snapshotsWire = meters.map((m) => m.snapshotWireBytes).filter((n) => n > 0);
  const perClientAction = (n: number) => (counts.actions > 0 ? n / meters.length / counts.actions * battles.length : NaN);

  const result = {
    map: MAP_ID,
    rooms: battles.length,
    clients: battles.length * 2,
    rounds: ROUNDS,
    thinkMs: THINK_MS,
    actions: counts.actions,
    refused: counts.refused,
    failedBattles: failures.length,
    actionsPerSecond: Math.round(counts.actions / playSeconds),
    actionLatencyP50Ms: Number(percentile(sorted, 50).toFixed(2)),
    actionLatencyP99Ms: Number(percentile(sorted, 99).toFixed(2)),
    actionLatencyMaxMs: Number((sorted[sorted.length - 1] ?? NaN).toFixed(2)),
    // Bytes one client receives per action of its battle (patches + events messages).
    bytesPerAction: Math.round(perClientAction(totalBytes)),
    patchBytesPerAction: Math.round(perClientAction(patchBytes)),
    joinSnapshotBytes: Math.max(...snapshots),
    joinSnapshotWireBytes: snapshotsWire.length ? Math.max(...snapshotsWire) : null,
    joinSeconds: Number(joinSeconds.toFixed(1)),
    playSeconds: Number(playSeconds.toFixed(1)),
    serverCpuSeconds: cpu0 !== null && cpu1 !== null ? Number((cpu1 - cpu0).toFixed(2)) : null,
    // game-process CPU time over the commands they handled (applied and refused): what a process costs a command
    serverCpuMsPerCommand: game0 !== null && game1 !== null && counts.actions + counts.refused > 0 ? Number((((game1 - game0) * 1000) / (counts.actions + counts.refused)).toFixed(3)) : null,
    serverCpuShare: cpu0 !== null && cpu1 !== null ? Number(((cpu1 - cpu0) / playSeconds).toFixed(2)) : null,
    // The benchmark's own process (400 clients decoding patches): if near 1, it, not the server, limits the latency.
    clientCpuShare: Number(((own1.user + own1.system) / 1e6 / playSeconds).toFixed(2)),
    policy: POLICY,
    processes: PROCESSES || 1,
    store: STORE,
    warmupBattles: WARMUP,
    loadAverage: (await import("node:os")).loadavg().map((n) => Number(n.toFixed(2))),
  };

  try {
    // With several processes: the worst of them.
    const healths: Record<string, number>[] = [];
    for (const s of servers) healths.push((await (await fetch(`${s.base}/health`)).json()) as Record<string, number>);
    const worst = (k: string) => Math.max(...healths.map((h) => Number(h[k] ?? NaN)));
    // Time the server spent handling one message (validate → engine → store → patch), without the network or client.
    (result as Record<string, unknown>).serverHandleMsP50 = worst("handleMsP50");
    (result as Record<string, unknown>).serverHandleMsP99 = worst("handleMsP99");
    // Event-loop delay in the server process and in this benchmark process, during play.
    (result as Record<string, unknown>).serverLoopDelayMsP99 = worst("loopDelayMsP99");
    (result as Record<string, unknown>).serverLoopDelayMsMax = worst("loopDelayMsMax");
    (result as Record<string, unknown>).serverStoreMsP99 = worst("storeMsP99");
    (result as Record<string, unknown>).serverStoreMsMax = worst("storeMsMax");
    if (healths.length > 1) (result as Record<string, unknown>).roomsPerProcess = healths.map((h) => h.rooms);
  } catch {
    /* an older server */
  }
  // The histogram holds the sampling timer's whole interval (10 ms): the delay is what exceeds it.
  (result as Record<string, unknown>).benchLoopDelayMsP99 = Number(Math.max(0, benchLoop.percentile(99) / 1e6 - 10).toFixed(2));
  (result as Record<string, unknown>).benchLoopDelayMsMax = Number(Math.max(0, benchLoop.max / 1e6 - 10).toFixed(2));
  const latencyByAction: Record<string, { n: number; p50: number; p99: number }> = {};
  for (const [k, v] of byType) {
    v.sort((a, b) => a - b);
    latencyByAction[k] = { n: v.length, p50: Number(percentile(v, 50).toFixed(2)), p99: Number(percentile(v, 99).toFixed(2)) };
  }
  (result as Record<string, unknown>).latencyByAction = latencyByAction;
  if (cluster && cluster.nodes.length >= 2) Object.assign(result, await failover(cluster, battles));
  if (JSON_OUT) console.log(JSON.stringify(result, null, 2));
  else console.table(result);

  for (const b of battles) for (const r of Object.values(b.rooms)) r.reconnection.enabled = false;
  await Promise.race([Promise.allSettled(battles.flatMap((b) => Object.values(b.rooms).map((r) => r.leave()))), sleep(5000)]);
  if (child) {
    child.removeAllListeners("exit");
    // a profiled server (LAST_STAND_SERVER_NODE_ARGS="--cpu-prof …") writes its profile only on a clean exit
    if (process.env.LAST_STAND_SERVER_NODE_ARGS) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(20_000)]);
    }
    child.kill("SIGKILL");
  }
  if (cluster) await cluster.stop();
  await schema?.drop();
  await redis?.clear();
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.exit(failures.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
