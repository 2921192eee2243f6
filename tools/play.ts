/** Bot-vs-creatures battles for the command-line tools: both seats played by the soldier bot. */
import { autoplay, createBattle, hashState, newRecord, RULES_VERSION } from "../shared/index.js";
import type { BattleOptions, BattleState, MapDef, MatchRecord } from "../shared/index.js";
import { ConductTracker, type Conduct } from "./conduct.js";

export interface PlayedBattle {
  state: BattleState;
  commands: number;
  /** Withdraw commands the bots gave (soldiers who left from a way out by their own action). */
  withdrawals: number;
  record?: MatchRecord;
  /** How the bots conducted themselves (tools/conduct.ts). */
  conduct: Conduct;
}

/** A hard cap on commands, so a bot bug can never hang a tool. */
const MAX_COMMANDS = 20_000;

export function playBattle(map: MapDef, seed: number, options: Partial<BattleOptions> = {}, keepRecord = false): PlayedBattle {
  const first = createBattle(map, seed, options);
  const record = keepRecord ? newRecord(map, seed, first.options, RULES_VERSION) : undefined;
  const { state, steps } = autoplay(first, ["takumi", "wang"], { max: MAX_COMMANDS });
  if (record) {
    for (const step of steps) record.log.push({ ...step.command, hash: hashState(step.state) });
    record.finalHash = hashState(state);
  }
  const withdrawals = steps.filter((st) => st.command.action.type === "withdraw").length;
  const tracker = new ConductTracker(new Set(first.units.filter((u) => u.side === "squad").map((u) => u.id)));
  for (const step of steps) tracker.step(step.command, step.events, step.state);
  return { state, commands: steps.length, withdrawals, record, conduct: tracker.end(state) };
}
