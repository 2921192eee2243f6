import { apply, botCommand, createBattle, type Seat } from "../shared/index.js";
import { bigMap } from "./big-map.js";
const SEATS: Seat[] = ["takumi", "wang"];
const big = bigMap(64, 4);
const worst: { ms: number; what: string }[] = [];
const timed = <T>(what: string, f: () => T): T => { const t = performance.now(); const r = f(); const ms = performance.now() - t; worst.push({ ms, what }); return r; };
let s = timed("create", () => createBattle(big, 1));
for (let n = 0; s.phase === "player" && n < 20_000; n++) {
  for (const seat of SEATS) {
    const c = timed("bot", () => botCommand(s, seat));
    if (!c) continue;
    let r = timed(`apply ${c.action.type} r${s.round}`, () => apply(s, c));
    if (!r.ok) r = timed(`ready r${s.round}`, () => apply(s, { seat, action: { type: "ready", ready: true } }));
    if (r.ok) s = r.state;
    if (s.phase !== "player") break;
  }
}
worst.sort((a, b) => b.ms - a.ms);
console.log(worst.slice(0, 15).map((w) => `${w.ms.toFixed(1)} ${w.what}`).join("\n"), "\ncalls", worst.length, "rounds", s.round);
