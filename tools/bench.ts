/**
 * npm run bench -- [--json] [--games 200]
 * The engine's speed on one core, printed as figures (a benchmark, not a test):
 *  - applyPerSec: apply() of legal actions on last-stand mid-battle states (round 5–8);
 *  - legalActionsPerSec: legalActions() on the same states;
 *  - battleMsMedian: one full bot-vs-creatures battle (median);
 *  - simGamesPerSec: battles per second over a run of --games;
 *  - botPlanMs (median) and botPlanMsP99: the bot's whole plan for a seat's squad for the round
 *    (shared/ai/plan.ts, from the seat's view) on last-stand mid-battle states (rounds 3–10), wall
 *    time; botPlanCpuMs and botPlanCpuMsP99 the same plans' CPU time (on a loaded machine the wall
 *    time's tail is mostly the waits for a core); botPlanWorstBestMs the costliest position's best
 *    of its three runs (the plan's own worst case);
 *  - worstCallMs, maxRssMb: one whole bot battle on the largest map the format allows in practice
 *    (64×64, 4 levels, vision 16; generated, see tools/big-map.ts): the slowest single engine call
 *    (apply or botCommand) and the peak resident memory of the process that plays it, its own
 *    (tools/bench-big.ts: the earlier figures' runs leave their heap reserved in this one).
 * With `--against REF`, today's figures beside those of commit REF's engine, run alternately in
 * one run (tools/bench-against.ts).
 */
import { apply, botCommand, createBattle, legalActions, planRound, type BattleState, type Command, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { playBattle } from "./play.js";
import { readArgs } from "./args.js";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = readArgs();
if (args.get("against", "")) {
  // side by side with another commit's engine (tools/bench-against.ts), then nothing else
  const { benchAgainst } = await import("./bench-against.js");
  benchAgainst(args.get("against", ""), args.num("rounds", 2), args.get("games", "") ? ["--games", args.get("games", "")] : []);
  process.exit(0);
}
const map = loadMapById("last-stand");
const SEATS: Seat[] = ["takumi", "wang"];

/** Play the bots until the given round and return that state (a mid-battle position). */
function midBattle(seed: number, round: number): BattleState {
  let s = createBattle(map, seed);
  while (s.phase === "player" && s.round < round) {
    for (const seat of SEATS) {
      const c = botCommand(s, seat);
      if (!c) continue;
      const r = apply(s, c);
      if (r.ok) s = r.state;
      else {
        const ready = apply(s, { seat, action: { type: "ready", ready: true } });
        if (ready.ok) s = ready.state;
      }
    }
  }
  return s;
}

function timeLoop(minMs: number, body: () => number): number {
  // warm up, then count operations for at least minMs
  body();
  let ops = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    ops += body();
    t = performance.now();
  }
  return (ops * 1000) / (t - t0);
}

const states: BattleState[] = [];
for (let seed = 1; states.length < 6 && seed < 40; seed++) {
  const s = midBattle(seed, 5 + (seed % 4));
  if (s.phase === "player") states.push(s);
}
const work: { s: BattleState; commands: Command[] }[] = states.map((s) => ({
  s,
  commands: SEATS.flatMap((seat) => legalActions(s, seat).map((action) => ({ seat, action }))),
}));

const applyPerSec = timeLoop(3000, () => {
  let n = 0;
  for (const { s, commands } of work) for (const c of commands) { apply(s, c); n++; }
  return n;
});
const legalActionsPerSec = timeLoop(2000, () => {
  let n = 0;
  for (const { s } of work) for (const seat of SEATS) { legalActions(s, seat); n++; }
  return n;
});

// the bot's plan, as the server makes it on every command of its human: many positions, each timed
const planStates: BattleState[] = [];
for (let seed = 1; planStates.length < 60 && seed < 200; seed++) {
  const s = midBattle(seed, 3 + (seed % 8));
  if (s.phase === "player") planStates.push(s);
}
for (const s of planStates.slice(0, 10)) planRound(s, "wang");
const planTimes: number[] = [], planCpu: number[] = [];
// each position's best time of the three: what the plan costs there, without the machine's load
const planBest = new Array<number>(planStates.length * SEATS.length).fill(Infinity);
for (let rep = 0; rep < 3; rep++)
  planStates.forEach((s, i) =>
    SEATS.forEach((seat, j) => {
      const c0 = process.cpuUsage();
      const t = performance.now();
      planRound(s, seat);
      const ms = performance.now() - t;
      const c = process.cpuUsage(c0);
      planTimes.push(ms);
      planCpu.push((c.user + c.system) / 1000);
      planBest[i * SEATS.length + j] = Math.min(planBest[i * SEATS.length + j], ms);
    }),
  );
planTimes.sort((a, b) => a - b);
planCpu.sort((a, b) => a - b);

const games = args.num("games", 200);
// warm the JIT up first, as a long-running server or simulator would be
for (let g = 0; g < 20; g++) playBattle(map, 900 + g);
const times: number[] = [];
const t0 = performance.now();
for (let g = 0; g < games; g++) {
  const t = performance.now();
  playBattle(map, 1000 + g);
  times.push(performance.now() - t);
}
const total = performance.now() - t0;

/** One bot battle on the big map, in a process of its own (tools/bench-big.ts): the slowest engine call and that process's peak memory. */
function bigBattle(): { worstCallMs: number; maxRssMb: number; rounds: number } {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL("./bench-big.ts", import.meta.url))], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!);
}
const big = bigBattle();
times.sort((a, b) => a - b);
const r1 = (x: number) => Math.round(x * 10) / 10;
const out = {
  map: map.id,
  states: work.length,
  actionsPerState: r1(work.reduce((n, w) => n + w.commands.length, 0) / work.length),
  applyPerSec: Math.round(applyPerSec),
  legalActionsPerSec: Math.round(legalActionsPerSec),
  battleMsMedian: r1(times[Math.floor(times.length / 2)]),
  battleMsP90: r1(times[Math.floor(times.length * 0.9)]),
  simGamesPerSec: r1((games * 1000) / total),
  botPlanMs: Math.round(planTimes[Math.floor(planTimes.length / 2)] * 100) / 100,
  botPlanMsP99: Math.round(planTimes[Math.floor(planTimes.length * 0.99)] * 100) / 100,
  botPlanStates: planStates.length,
  // the same plans' CPU time (the process's, GC threads included): a loaded machine's waits left out
  botPlanCpuMs: Math.round(planCpu[Math.floor(planCpu.length / 2)] * 100) / 100,
  botPlanCpuMsP99: Math.round(planCpu[Math.floor(planCpu.length * 0.99)] * 100) / 100,
  // the costliest position's best of three (wall): the worst case of the plan itself
  botPlanWorstBestMs: Math.round(Math.max(...planBest) * 100) / 100,
  games,
  bigMap: "64x64x4",
  bigMapRounds: big.rounds,
  worstCallMs: r1(big.worstCallMs),
  maxRssMb: Math.round(big.maxRssMb),
  node: process.version,
};
if (args.flag("json")) console.log(JSON.stringify(out));
else for (const [k, v] of Object.entries(out)) console.log(`${k.padEnd(20)} ${v}`);
