/** Bot-vs-creatures battles for the command-line tools: both seats played by the soldier bot. */
import { apply, botCommand, createBattle, hashState, newRecord, RULES_VERSION } from "../shared/index.js";
import type { BattleOptions, BattleState, Command, MapDef, MatchRecord } from "../shared/index.js";

export interface PlayedBattle {
  state: BattleState;
  commands: number;
  record?: MatchRecord;
}

/** A hard cap on commands, so a bot bug can never hang a tool. */
const MAX_COMMANDS = 20_000;

export function playBattle(map: MapDef, seed: number, options: Partial<BattleOptions> = {}, keepRecord = false): PlayedBattle {
  let s = createBattle(map, seed, options);
  const record = keepRecord ? newRecord(map, seed, s.options, RULES_VERSION) : undefined;
  let commands = 0;
  while (s.phase === "player" && commands < MAX_COMMANDS) {
    let acted = false;
    for (const seat of ["takumi", "wang"] as const) {
      const c = botCommand(s, seat);
      if (!c) continue;
      let r = apply(s, c);
      let done: Command = c;
      if (!r.ok) {
        // a bot's plan the rules refuse: it gives up for this round rather than loop
        done = { seat, action: { type: "ready", ready: true } };
        r = apply(s, done);
        if (!r.ok) continue;
      }
      s = r.state;
      commands++;
      acted = true;
      record?.log.push({ ...done, hash: hashState(s) });
      if (s.phase !== "player") break;
    }
    if (!acted) break;
  }
  if (record) record.finalHash = hashState(s);
  return { state: s, commands, record };
}
