/** Server-side timing of handled messages (validation → engine → store → patch), for /health and the benchmark. */
import { monitorEventLoopDelay } from "node:perf_hooks";

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
let count = 0;

export function recordHandleMs(ms: number): void {
  samples[count % SIZE] = ms;
  count++;
}

export function handleStats(): { handled: number; handleMsP50: number | null; handleMsP99: number | null } {
  const n = Math.min(count, SIZE);
  if (n === 0) return { handled: 0, handleMsP50: null, handleMsP99: null };
  const sorted = Array.from(samples.subarray(0, n)).sort((a, b) => a - b);
  const at = (p: number) => Number(sorted[Math.min(n - 1, Math.ceil(p * n) - 1)].toFixed(3));
  return { handled: count, handleMsP50: at(0.5), handleMsP99: at(0.99) };
}

const storeSamples = new Float64Array(SIZE);
let storeCount = 0;
let storeMax = 0;

export function recordStoreMs(ms: number): void {
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
