/**
 * Reopening a stored battle: its map (checked against the recorded content hash) and its state,
 * rebuilt by the engine's `replay` of the match record.
 */
import { replay, hashState, type BattleState, type MapDef, type MatchRecord } from "../shared/index.js";
import { loadMapById } from "./maps.js";

export class RestoreError extends Error {}

export function restoreBattle(record: MatchRecord): { map: MapDef; state: BattleState; hash: string } {
  const map = loadMapById(record.map.id);
  if (map.contentHash !== record.map.hash) {
    throw new RestoreError(
      `map "${record.map.id}" changed since the battle started (recorded ${record.map.hash}, now ${map.contentHash})`,
    );
  }
  const result = replay(record, map) as unknown;
  const state = finalState(result);
  return { map, state, hash: hashState(state) };
}

/** The last state of a replay, whatever its exact shape (`{ state }`, `{ steps }` or an array of steps). */
function finalState(result: unknown): BattleState {
  const r = result as Record<string, unknown>;
  if (r && typeof r === "object" && "state" in r && r.state) return r.state as BattleState;
  if (r && typeof r === "object" && "final" in r && r.final) return r.final as BattleState;
  const steps = Array.isArray(result) ? result : (r?.steps as unknown[] | undefined);
  if (Array.isArray(steps) && steps.length > 0) {
    const last = steps[steps.length - 1] as Record<string, unknown>;
    return ((last.state as BattleState) ?? (last as unknown as BattleState));
  }
  throw new RestoreError("replay returned no state");
}
