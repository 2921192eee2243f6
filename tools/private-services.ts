/**
 * Private Redis and PostgreSQL instances a fault test may stop and start (the machine's shared
 * services are never touched): `redis-server` on a free port with no persistence (a restart loses
 * every key, as a Redis without AOF does), and a PostgreSQL cluster made with `initdb` in a
 * temporary folder, run as the `postgres` user (initdb refuses root). See docs/OPERATIONS.md.
 */
import { execFile as execFileCb } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server-process.js";

const execFile = promisify(execFileCb);

export interface PrivateService {
  url: string;
  port: number;
  dir: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it for good and removes its folder. */
  destroy(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "last-stand-redis-"));
  let running = false;
  const svc: PrivateService = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async start() {
      await execFile("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "yes", "--logfile", join(dir, "log")]);
      // daemonized: wait until it answers
      for (let i = 0; ; i++) {
        try {
          if ((await execFile("redis-cli", ["-p", String(port), "ping"])).stdout.trim() === "PONG") break;
        } catch {
          /* not yet */
        }
        if (i > 200) throw new Error(`private redis on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 25));
      }
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      await execFile("redis-cli", ["-p", String(port), "shutdown", "nosave"]).catch(() => {});
    },
    async destroy() {
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await svc.start();
  return svc;
}

const PG_BIN = "/usr/lib/postgresql/15/bin";

export async function privatePostgres(): Promise<PrivateService> {
  if (!existsSync(`${PG_BIN}/initdb`)) throw new Error(`PostgreSQL 15's initdb is not at ${PG_BIN} (apt-get install postgresql-15)`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "last-stand-pg-"));
  chmodSync(dir, 0o755);
  chownSync(dir, ...(await pgIds()));
  const asPostgres = (cmd: string, args: string[]) => execFile("runuser", ["-u", "postgres", "--", `${PG_BIN}/${cmd}`, ...args]);
  await asPostgres("initdb", ["-D", join(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
  let running = false;
  const svc: PrivateService = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async start() {
      const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
      await asPostgres("pg_ctl", ["-D", join(dir, "data"), "-o", opts, "-l", join(dir, "log"), "-w", "start"]);
      running = true;
    },
    async stop() {
      if (!running) return;
      running = false;
      await asPostgres("pg_ctl", ["-D", join(dir, "data"), "-m", "fast", "-w", "stop"]);
    },
    async destroy() {
      await svc.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await svc.start();
  return svc;
}

async function pgIds(): Promise<[number, number]> {
  const [uid, gid] = await Promise.all([execFile("id", ["-u", "postgres"]), execFile("id", ["-g", "postgres"])]);
  return [Number(uid.stdout), Number(gid.stdout)];
}
