/**
 * What the process measures: timing of handled messages (validation → engine → store → patch) and
 * of store appends, as percentiles for /health and the benchmark, and the same (with rooms, clients,
 * commands by type and result, reconnections, reopenings, Node's own figures) as Prometheus metrics
 * for `GET /metrics` (prom-client; server/ops-http.ts serves them).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const registry = new Registry();
// process CPU and memory, heap, GC, and the event loop's delay (nodejs_eventloop_lag_* seconds)
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

/** Seconds buckets from 0.5 ms to 10 s (a store append held through an outage lands at the top). */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const commands = new Counter({
  name: "laststand_commands_total",
  help: "Commands clients sent (action, ready, undo, takeover, campaignReady) by type and result: ok or the refusal's code",
  labelNames: ["type", "result"] as const,
  registers: [registry],
});
const commandSeconds = new Histogram({
  name: "laststand_command_seconds",
  help: "Server time to handle one command: validation, engine, store append, patch",
  buckets: BUCKETS,
  registers: [registry],
});
const storeSeconds = new Histogram({
  name: "laststand_store_append_seconds",
  help: "Time to append a step's commands to the match store (before any acknowledgement), retries included",
  buckets: BUCKETS,
  registers: [registry],
});
const storeFailures = new Counter({
  name: "laststand_store_append_failures_total",
  help: "Store appends that failed (each retry counts); the command was held or refused, never acknowledged",
  registers: [registry],
});
const reconnections = new Counter({ name: "laststand_reconnections_total", help: "Clients back in their seat with their reconnection token", registers: [registry] });
const reopened = new Counter({
  name: "laststand_battles_reopened_total",
  help: "Battles reopened from the store (after an idle close, a restart, or another process's failure or deploy)",
  registers: [registry],
});
const created = new Counter({ name: "laststand_battles_created_total", help: "New battles and campaigns", registers: [registry] });

/** Figures read when scraped (rooms, clients, whether the store and Redis answer). */
export function gauge(name: string, help: string, collect: () => number | Promise<number>, labelNames: string[] = []): Gauge {
  return new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.set(await collect());
    },
  });
}

export const count = {
  command: (type: string, result: string) => commands.inc({ type, result }),
  storeFailure: () => storeFailures.inc(),
  reconnection: () => reconnections.inc(),
  reopened: () => reopened.inc(),
  created: () => created.inc(),
};

/** The event loop's delay (how long a ready callback waited): high values mean the process was busy or starved. */
const RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
loopDelay.enable();

export function loopStats(): { loopDelayMsP50: number; loopDelayMsP99: number; loopDelayMsMax: number } {
  // The histogram holds the sampling timer's whole interval: the delay is what exceeds the resolution.
  const ms = (ns: number) => Number(Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(2));
  return { loopDelayMsP50: ms(loopDelay.percentile(50)), loopDelayMsP99: ms(loopDelay.percentile(99)), loopDelayMsMax: ms(loopDelay.max) };
}

export function resetLoopStats(): void {
  loopDelay.reset();
}

const SIZE = 4096;
const samples = new Float64Array(SIZE);
let handled = 0;

export function recordHandleMs(ms: number): void {
  commandSeconds.observe(ms / 1000);
  samples[handled % SIZE] = ms;
  handled++;
}

export function handleStats(): { handled: number; handleMsP50: number | null; handleMsP99: number | null } {
  const n = Math.min(handled, SIZE);
  if (n === 0) return { handled: 0, handleMsP50: null, handleMsP99: null };
  const sorted = Array.from(samples.subarray(0, n)).sort((a, b) => a - b);
  const at = (p: number) => Number(sorted[Math.min(n - 1, Math.ceil(p * n) - 1)].toFixed(3));
  return { handled, handleMsP50: at(0.5), handleMsP99: at(0.99) };
}

const storeSamples = new Float64Array(SIZE);
let storeCount = 0;
let storeMax = 0;

export function recordStoreMs(ms: number): void {
  storeSeconds.observe(ms / 1000);
  storeSamples[storeCount % SIZE] = ms;
  storeCount++;
  if (ms > storeMax) storeMax = ms;
}

/** Time to append a step's commands to the store (the write that comes before any acknowledgement). */
export function storeStats(): { storeMsP99: number | null; storeMsMax: number | null } {
  const n = Math.min(storeCount, SIZE);
  if (n === 0) return { storeMsP99: null, storeMsMax: null };
  const sorted = Array.from(storeSamples.subarray(0, n)).sort((a, b) => a - b);
  return { storeMsP99: Number(sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)].toFixed(3)), storeMsMax: Number(storeMax.toFixed(3)) };
}
