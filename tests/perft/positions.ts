/** Fixed positions for the perft-style counts: a map, a seed, and how many bot commands to play first. */
import { apply, botCommand, createBattle, legalActions, type Action, type BattleState, type Seat } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";

export interface Position {
  name: string;
  map: string;
  seed: number;
  /** Bot commands played from the start (both seats in turn) to reach the position. */
  botCommands: number;
}

export const POSITIONS: Position[] = [
  { name: "last-stand start", map: "last-stand", seed: 1, botCommands: 0 },
  { name: "last-stand round 4", map: "last-stand", seed: 1, botCommands: 40 },
  { name: "last-stand round 8", map: "last-stand", seed: 2, botCommands: 92 },
  { name: "the-alley start", map: "the-alley", seed: 1, botCommands: 0 },
  { name: "tower-test start", map: "tower-test", seed: 2, botCommands: 0 },
];

export function reach(p: Position): BattleState {
  let s = createBattle(loadMapById(p.map), p.seed);
  let played = 0;
  while (played < p.botCommands && s.phase === "player") {
    for (const seat of ["takumi", "wang"] as Seat[]) {
      const c = botCommand(s, seat);
      if (!c || played >= p.botCommands) continue;
      const r = apply(s, c);
      if (!r.ok) throw new Error(`${p.name}: the bot's command was refused (${r.code})`);
      s = r.state;
      played++;
    }
  }
  return s;
}

/** Legal actions by type, e.g. { move: 160, shoot: 3, ... }. */
export function countByType(actions: Action[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of actions) out[a.type] = (out[a.type] ?? 0) + 1;
  return out;
}

/** Depth-2 perft for one seat: the seat's legal actions after each of its legal actions, summed. */
export function perft2(s: BattleState, seat: Seat): number {
  let n = 0;
  for (const a of legalActions(s, seat)) {
    const r = apply(s, { seat, action: a });
    if (!r.ok) throw new Error(`a legal action was refused: ${JSON.stringify(a)} ${r.code}`);
    n += legalActions(r.state, seat).length;
  }
  return n;
}
