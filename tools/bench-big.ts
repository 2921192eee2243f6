/**
 * One whole bot battle on the largest map the format allows in practice (64×64, 4 levels, vision
 * 16; generated, tools/big-map.ts): the slowest single engine call (apply or botCommand) and the
 * process's peak resident memory. Run in a process of its own by tools/bench.ts, so the memory is
 * this battle's (the bench's earlier figures leave ~200 MB of V8 heap reserved behind them), after
 * twenty last-stand battles to warm the JIT as a long-running server would be.
 *   npx tsx tools/bench-big.ts   → one JSON line { worstCallMs, maxRssMb, rounds }
 */
import { apply, botCommand, createBattle, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { bigMap } from "./big-map.js";
import { playBattle } from "./play.js";

const SEATS: Seat[] = ["takumi", "wang"];

export function bigBattle(seed: number): { worstCallMs: number; maxRssMb: number; rounds: number } {
  const big = bigMap(64, 4);
  let worst = 0, rss = process.memoryUsage().rss;
  const timed = <T>(f: () => T): T => {
    const t = performance.now();
    const r = f();
    worst = Math.max(worst, performance.now() - t);
    return r;
  };
  let s = timed(() => createBattle(big, seed));
  for (let n = 0; s.phase === "player" && n < 20_000; n++) {
    for (const seat of SEATS) {
      const c = timed(() => botCommand(s, seat));
      if (!c) continue;
      let r = timed(() => apply(s, c));
      if (!r.ok) r = timed(() => apply(s, { seat, action: { type: "ready", ready: true } }));
      if (r.ok) s = r.state;
      rss = Math.max(rss, process.memoryUsage().rss);
      if (s.phase !== "player") break;
    }
  }
  return { worstCallMs: worst, maxRssMb: rss / 2 ** 20, rounds: s.round };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("bench-big.ts")) {
  const lastStand = loadMapById("last-stand");
  for (let g = 0; g < 20; g++) playBattle(lastStand, 900 + g);
  console.log(JSON.stringify(bigBattle(1)));
}
