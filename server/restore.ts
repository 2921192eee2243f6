/**
 * Reopening a stored battle: its map (checked against the recorded content hash) and its state,
 * rebuilt by the engine's `replay` of the match record (which also checks every recorded hash).
 */
import { replay, type BattleState, type MapDef, type MatchRecord } from "../shared/index.js";
import { loadMapById } from "./maps.js";

export class RestoreError extends Error {}

export function restoreBattle(record: MatchRecord): { map: MapDef; state: BattleState; hash: string } {
  const map = loadMapById(record.map.id);
  if (map.contentHash !== record.map.hash) {
    throw new RestoreError(
      `map "${record.map.id}" changed since the battle started (recorded ${record.map.hash}, now ${map.contentHash})`,
    );
  }
  const result = replay(record, map);
  if (result.error) throw new RestoreError(`replay of the record failed: ${result.error}`);
  return { map, state: result.state, hash: result.hash };
}
