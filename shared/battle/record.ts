/**
 * Match records (design section 12): the map, seed, options and the log of commands. Replaying a
 * record applies every command in order and checks the hash after each step where one was kept.
 */
import type { MapDef } from "../map/types.js";
import type { BattleOptions, BattleState, Command, Seat } from "../core/types.js";
import type { StandingOrder } from "../ai/orders.js";
import { RULES_VERSION } from "../rules/table.js";
import { createBattle } from "./setup.js";
import { apply } from "./apply.js";
import { hashState } from "../core/hash.js";

export interface MatchRecord {
  rulesVersion: number;
  map: { id: string; hash: string };
  seed: number;
  options: BattleOptions;
  /** The accepted commands in order; `hash` (optional) is the state hash after that step. */
  log: (Command & { hash?: string })[];
  /** The state hash after the last step. */
  finalHash?: string;
  /** Standing orders given to the bot partner (shared/ai/orders.ts): when the log held `step`
   *  commands, to the bot playing `seat`. Not replayed (the bot's commands are in the log): shown. */
  orders?: { step: number; seat: Seat; order: StandingOrder }[];
}

export interface ReplayStep {
  step: number;
  hash: string;
  /** Present when the record kept a hash for this step and it differs. */
  expected?: string;
}

/** Why a record does not replay: made under other rules, on another map, or a step that does not. */
export type ReplayCode = "ERR_RULES_VERSION" | "ERR_MAP_CHANGED" | "ERR_STEP_REFUSED" | "ERR_HASH_MISMATCH";

export interface ReplayResult {
  state: BattleState;
  hash: string;
  steps: ReplayStep[];
  /** The first problem met: a refused command, a hash that differs, a map or rules mismatch. */
  error: string | null;
  code: ReplayCode | null;
}

/**
 * A record made under another rules version cannot replay here (its hashes and even its commands
 * mean other things): say so plainly, before any step is tried. Null when the versions agree.
 */
export function rulesVersionProblem(record: Pick<MatchRecord, "rulesVersion">): string | null {
  return record.rulesVersion === RULES_VERSION
    ? null
    : `the battle was recorded under rules version ${record.rulesVersion}; this engine plays rules version ${RULES_VERSION} and cannot replay it`;
}

export function newRecord(map: MapDef, seed: number, options: BattleOptions, rulesVersion: number): MatchRecord {
  return { rulesVersion, map: { id: map.id, hash: map.contentHash }, seed, options, log: [] };
}

export function replay(record: MatchRecord, map: MapDef): ReplayResult {
  let state = createBattle(map, record.seed, record.options);
  const steps: ReplayStep[] = [];
  const fail = (code: ReplayCode, error: string): ReplayResult => ({ state, hash: hashState(state), steps, error, code });
  // the rules version first: a record of other rules is refused as such, never as a hash error
  const otherRules = rulesVersionProblem(record);
  if (otherRules) return fail("ERR_RULES_VERSION", otherRules);
  if (record.map.hash !== map.contentHash) return fail("ERR_MAP_CHANGED", `map ${map.id} differs from the record's (hash ${record.map.hash}, have ${map.contentHash})`);
  for (let i = 0; i < record.log.length; i++) {
    const { seat, action, hash: expected } = record.log[i];
    const r = apply(state, { seat, action });
    if (!r.ok) return fail("ERR_STEP_REFUSED", `step ${i + 1}: refused ${r.code}: ${r.message}`);
    state = r.state;
    const hash = hashState(state);
    steps.push(expected && expected !== hash ? { step: i + 1, hash, expected } : { step: i + 1, hash });
    if (expected && expected !== hash) return fail("ERR_HASH_MISMATCH", `step ${i + 1}: hash ${hash}, the record says ${expected}`);
  }
  const hash = hashState(state);
  if (record.finalHash && record.finalHash !== hash) return { state, hash, steps, error: `final hash ${hash}, the record says ${record.finalHash}`, code: "ERR_HASH_MISMATCH" };
  return { state, hash, steps, error: null, code: null };
}
