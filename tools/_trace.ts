import { createBattle, autoplay } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
const map = loadMapById(process.argv[2]);
const seed = Number(process.argv[3] ?? 201);
const first = createBattle(map, seed, {});
const { steps, state } = autoplay(first, ["takumi", "wang"], { max: 20000 });
let round = 0;
for (const st of steps) {
  const s = st.state;
  if (s.round !== round) {
    round = s.round;
    const civ = s.units.filter((u) => u.side === "civilian").map((u) => `${u.id}@${u.x},${u.y},${u.level}:${u.fate}:${u.hp}`).join(" ");
    const sq = s.units.filter((u) => u.side === "squad").map((u) => `${u.id.replace("-private-","p")}@${u.x},${u.y},${u.level}:${u.fate[0]}${u.hp}`).join(" ");
    const cr = s.units.filter((u) => u.side === "creature").map((u) => `${u.kind[0]}${u.x},${u.y},${u.level}`).join(" ");
    console.log(`R${round} saved=${s.civiliansSaved} obj=${s.objective}\n  ${civ}\n  ${sq}\n  ${cr}`);
  }
  for (const e of st.events) if (["died","taken","extracted","carried","grabbed"].includes(e.type) && JSON.stringify(e).match(/civilian|child/)) console.log("   ", JSON.stringify(e));
}
console.log(state.outcome, state.round, state.civiliansSaved);
