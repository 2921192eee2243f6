/**
 * Reopening a long battle: the replay of its record runs in slices with event-loop yields between
 * them. Prints the total time, the longest slice (the longest the event loop was held) and the
 * event-loop delay a timer saw meanwhile.
 *   npm run bench:restore [-- --steps 2000 --slice 20 --json]
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadMapById } from "../server/maps.js";
import { restoreBattle } from "../server/restore.js";
import { longRecord } from "./long-record.js";
import { readArgs } from "./args.js";

const args = readArgs();
const steps = args.num("steps", 2000);
const sliceMs = args.num("slice", 20);
const map = loadMapById(args.get("map", "last-stand"));
// seed 2: its battle runs to 2,000 steps (the bots fall back and end some battles sooner)
const record = longRecord(map, 2, steps);

await restoreBattle(record, { sliceMs }); // warm-up (compilation)
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const t0 = performance.now();
const r = await restoreBattle(record, { sliceMs });
const totalMs = performance.now() - t0;
delay.disable();
const out = {
  steps: record.log.length,
  sliceMs,
  totalMs: Math.round(totalMs),
  maxSliceMs: Math.round(r.maxSliceMs * 10) / 10,
  maxSliceCpuMs: Math.round(r.maxSliceCpuMs * 10) / 10,
  loopDelayMaxMs: Math.round((delay.max / 1e6) * 10) / 10,
  hashOk: r.hash === record.finalHash,
};
if (args.flag("json")) console.log(JSON.stringify(out));
else for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(16)} ${v}`);
