/**
 * `npm run cluster -- --processes 2 [--port 8080] [--listen 127.0.0.1] [--public-host HOST]`
 *
 * Starts N game processes and nginx in front of them (tools/cluster-lib.ts), prints the one URL
 * players open, and stops everything on Ctrl-C. Needs Redis (REDIS_URL, default
 * redis://127.0.0.1:6379) and PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
 * and Debian's nginx. REDIS_PREFIX (default "ls-cluster:") separates it from other users of that Redis.
 */
import { startCluster } from "./cluster-lib.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith("--") ? process.argv[i + 1] : fallback;
}

const processes = Number(arg("processes", "2"));
if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
  console.error("--processes must be an integer from 1 to 64");
  process.exit(2);
}
const cluster = await startCluster({
  processes,
  port: Number(arg("port", "8080")),
  listen: arg("listen", "127.0.0.1"),
  publicHost: arg("public-host", "") || undefined,
  redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
  redisPrefix: process.env.REDIS_PREFIX ?? "ls-cluster:",
  databaseUrl: process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres",
  onStderr: (name, d) => process.stderr.write(d.toString().replace(/^(?=.)/gm, `[${name}] `)),
}).catch((err) => {
  console.error(`cluster: ${(err as Error).message}`);
  process.exit(1);
});

for (const n of cluster.nodes) console.log(`  ${n.name}: 127.0.0.1:${n.port} (pid ${n.child.pid}), public address ${n.publicAddress}`);
console.log(`  nginx: pid ${cluster.nginx.pid}, config ${cluster.dir}/nginx.conf`);
console.log(`Last Stand cluster: ${processes} process(es) behind nginx. Players open ${cluster.url}`);
console.log("Ctrl-C stops it.");

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping (each process finishes its commands and hands its players on)…");
  await cluster.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const n of cluster.nodes) {
  n.child.on("exit", (code, signal) => {
    if (!stopping) console.error(`[${n.name}] exited (${code ?? signal})`);
  });
}
