/**
 * Prints the perft-style counts of tests/perft for its stored positions (recount after a deliberate
 * rule change). `--freeze <name> <map> <seed> <bot commands>` stores a new position: a battle
 * played that far by the bot, kept as a fixture so a later change to the bot cannot move it.
 */
import { apply, botCommand, createBattle, legalActions, type BattleState, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";
import { POSITIONS, reach, countByType, perft2, saveFixture } from "./perft-positions.js";
import { readArgs } from "./args.js";

const args = readArgs();
const name = args.get("freeze", "");
if (name) {
  const [mapId, seed, commands] = args.positional;
  let s: BattleState = createBattle(loadMapById(mapId), Number(seed));
  for (let played = 0; played < Number(commands) && s.phase === "player"; ) {
    for (const seat of ["takumi", "wang"] as Seat[]) {
      const c = played < Number(commands) ? botCommand(s, seat) : null;
      if (!c) continue;
      const r = apply(s, c);
      if (!r.ok) throw new Error(`the bot's command was refused (${r.code})`);
      s = r.state;
      played++;
    }
  }
  saveFixture(name, s);
  console.log(`stored "${name}": ${mapId}, round ${s.round}, step ${s.step}; add it to POSITIONS and EXPECTED`);
} else {
  for (const name of POSITIONS) {
    const s = reach(name);
    const t0 = performance.now();
    const deep = name === "tower-test start" || name === "last-stand start";
    console.log(JSON.stringify({ name, round: s.round, takumi: countByType(legalActions(s, "takumi")), wang: countByType(legalActions(s, "wang")), perft2: deep ? { takumi: perft2(s, "takumi") } : undefined }), (performance.now() - t0).toFixed(0) + "ms");
  }
}
