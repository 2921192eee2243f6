/** Server-side timing of handled messages (validation → engine → store → patch), for /health and the benchmark. */
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
