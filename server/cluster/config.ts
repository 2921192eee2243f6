/**
 * How this process is deployed, from the environment (docs/PROTOCOL.md, "Running many processes"):
 *
 *   REDIS_URL         redis://host:port[/db] → Colyseus' RedisPresence + RedisDriver (many processes)
 *   REDIS_PREFIX      prefix of every Redis key this cluster writes (default none; tests use one each)
 *   PUBLIC_ADDRESS    host[:port][/path] where players' WebSockets reach THIS process (required with
 *                     REDIS_URL: seat reservations send clients there)
 *   DATABASE_URL      postgres://… → the match store in PostgreSQL (else SQLite, LAST_STAND_DB)
 */
export interface ClusterConfig {
  redisUrl: string | null;
  redisPrefix: string;
  publicAddress: string | null;
  databaseUrl: string | null;
}

export class ConfigError extends Error {}

export function clusterConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ClusterConfig {
  const get = (name: string) => (env[name] ?? "").trim() || null;
  const redisUrl = get("REDIS_URL");
  const publicAddress = get("PUBLIC_ADDRESS");
  const databaseUrl = get("DATABASE_URL");
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  if (redisUrl && !publicAddress) {
    throw new ConfigError(
      "REDIS_URL is set but PUBLIC_ADDRESS is not. With many processes each one needs the address where " +
        "players' WebSockets reach it through the proxy, e.g. PUBLIC_ADDRESS=game.example.com/g1 (see docs/PROTOCOL.md).",
    );
  }
  if (publicAddress && /^[a-z]+:\/\//i.test(publicAddress)) {
    throw new ConfigError(`PUBLIC_ADDRESS is host[:port][/path] without a scheme (got "${publicAddress}")`);
  }
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must be a postgres:// URL (got "${databaseUrl.replace(/:[^:@/]*@/, ":***@")}")`);
  }
  return { redisUrl, redisPrefix: get("REDIS_PREFIX") ?? "", publicAddress: publicAddress?.replace(/\/+$/, "") ?? null, databaseUrl };
}
