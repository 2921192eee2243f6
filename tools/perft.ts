/** Prints the perft-style counts of tests/perft for the fixed positions (recount after a deliberate rule change). */
import { legalActions } from "../shared/index.js";
import { POSITIONS, reach, countByType, perft2 } from "../tests/perft/positions.js";
for (const p of POSITIONS) {
  const s = reach(p);
  const t0 = performance.now();
  console.log(JSON.stringify({ name: p.name, round: s.round, takumi: countByType(legalActions(s, "takumi")), wang: countByType(legalActions(s, "wang")), perft2: p.map === "tower-test" || p.name === "last-stand start" ? { takumi: perft2(s, "takumi") } : undefined }), (performance.now() - t0).toFixed(0) + "ms");
}
