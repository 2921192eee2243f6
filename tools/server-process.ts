/**
 * The game server as a real child process (`server/main.ts` under tsx), for the restart test, the
 * cluster (tools/cluster-lib.ts) and the server benchmark: a free loopback port, a database file,
 * and a promise that resolves once the server prints that it is listening.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on("error", rej);
  });
}

/** Starts the server on `port` with the SQLite file `dbPath` (ignored when `env` sets DATABASE_URL);
 *  `onStderr` sees what it writes there; `env` adds to (or overrides) the environment. */
export function startServerProcess(
  port: number,
  dbPath: string,
  onStderr?: (chunk: Buffer) => void,
  env: Record<string, string> = {},
  /** Sees what it writes on stdout (its JSON log). */
  onStdout?: (chunk: Buffer) => void,
): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    // LAST_STAND_SERVER_NODE_ARGS: extra node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p" to profile it)
    const nodeArgs = (process.env.LAST_STAND_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), LAST_STAND_DB: dbPath, LAST_STAND_QUIET: "1", LAST_STAND_BOT_DELAY_MS: process.env.LAST_STAND_BOT_DELAY_MS ?? "0", LAST_STAND_ALLOW_SEED: "1", LAST_STAND_LOOKUP_BURST: "100000",
        // its "listening on" line (below) is an info line, whatever LOG_LEVEL the caller runs with
        LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL"); // not left running behind a caller that gave up on it
      rej(new Error(`server did not start:\n${out}`));
    }, 120_000); // tsx compiles the server first: over a minute on a machine loaded 20 times over
    child.stdout!.on("data", (d: Buffer) => {
      onStdout?.(d);
      if (out.includes("listening on")) return; // started: the log is not kept here
      out += d.toString();
      if (out.includes("listening on")) {
        clearTimeout(timer);
        res(child);
      }
    });
    child.stderr!.on("data", (d: Buffer) => {
      out += d.toString();
      onStderr?.(d);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!out.includes("listening on")) rej(new Error(`server exited (${code ?? signal}):\n${out}`));
    });
  });
}
