import { apply, botCommand, createBattle, legalActions, type BattleState, type Command, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
const map = loadMapById("last-stand");
const SEATS: Seat[] = ["takumi", "wang"];
function midBattle(seed: number, round: number): BattleState {
  let s = createBattle(map, seed);
  while (s.phase === "player" && s.round < round) {
    for (const seat of SEATS) {
      const c = botCommand(s, seat);
      if (!c) continue;
      const r = apply(s, c);
      if (r.ok) s = r.state;
      else { const ready = apply(s, { seat, action: { type: "ready", ready: true } }); if (ready.ok) s = ready.state; }
    }
  }
  return s;
}
const states: BattleState[] = [];
for (let seed = 1; states.length < 6 && seed < 40; seed++) { const s = midBattle(seed, 5 + (seed % 4)); if (s.phase === "player") states.push(s); }
const work = states.map((s) => ({ s, commands: SEATS.flatMap((seat) => legalActions(s, seat).map((action) => ({ seat, action }) as Command)) }));
const t0 = performance.now(); let n = 0;
while (performance.now() - t0 < Number(process.env.MS ?? 8000)) for (const { s, commands } of work) for (const c of commands) { apply(s, c); n++; }
console.log("applyPerSec", Math.round(n * 1000 / (performance.now() - t0)));
const byType: Record<string, number> = {};
for (const { s, commands } of work) for (const c of commands) { const t = performance.now(); for (let i = 0; i < 5; i++) apply(s, c); byType[c.action.type] = (byType[c.action.type] ?? 0) + performance.now() - t; }
console.log(byType);
