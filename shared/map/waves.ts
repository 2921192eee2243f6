/** The wave table of a map's `waves` property: which creatures come in which round. */
import type { CreatureKind, Wave } from "./types.js";
import { CREATURE_KINDS } from "./tiled.js";

/**
 * Parses the wave table: `"1: snatcher*2; 2: spitter; 4: snatcher*2, leaper"`.
 * Returns an error string, or the waves sorted by round.
 */
export function parseWaves(text: string, maxRounds: number): Wave[] | string {
  const waves: Wave[] = [];
  const seen = new Set<number>();
  for (const rawEntry of text.split(";")) {
    const entry = rawEntry.trim();
    if (entry === "") continue;
    const m = /^(\d+)\s*:\s*(.*)$/.exec(entry);
    if (!m) return `expected "<round>: <creature>[*<count>], ..." but got "${entry}"`;
    const round = Number(m[1]);
    if (round < 1 || round > maxRounds) return `round ${round} in "${entry}" is outside 1..${maxRounds} (maxRounds)`;
    if (seen.has(round)) return `round ${round} is listed twice`;
    seen.add(round);
    const creatures: { kind: CreatureKind; count: number }[] = [];
    for (const rawPart of m[2].split(",")) {
      const part = rawPart.trim();
      const c = /^([a-z]+)\s*(?:\*\s*(\d+))?$/.exec(part);
      if (!c) return `expected "<creature>" or "<creature>*<count>" but got "${part}" in "${entry}"`;
      const kind = c[1] as CreatureKind;
      if (!CREATURE_KINDS.includes(kind)) {
        return `unknown creature "${c[1]}" in "${entry}" (known: ${CREATURE_KINDS.join(", ")})`;
      }
      const count = c[2] === undefined ? 1 : Number(c[2]);
      if (count < 1 || count > 99) return `count ${count} for ${kind} in "${entry}" is outside 1..99`;
      const same = creatures.find((x) => x.kind === kind);
      if (same) same.count += count;
      else creatures.push({ kind, count });
    }
    waves.push({ round, creatures });
  }
  waves.sort((a, b) => a.round - b.round);
  return waves;
}
