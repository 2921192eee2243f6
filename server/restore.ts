/**
 * Reopening a stored battle: its map (checked against the recorded content hash) and its state,
 * rebuilt by the engine's `replay` of the match record (which also checks every recorded hash).
 */
import { replay, rulesVersionProblem, MapFormatError, type BattleState, type MapDef, type MatchRecord } from "../shared/index.js";
import { loadMapById } from "./maps.js";

/** Why a stored battle cannot be reopened; `code` is what a client is told. */
export class RestoreError extends Error {
  constructor(message: string, readonly code: "ERR_RESTORE" | "ERR_RULES_VERSION" | "ERR_BAD_MAP" = "ERR_RESTORE") {
    super(message);
  }
}

export function restoreBattle(record: MatchRecord): { map: MapDef; state: BattleState; hash: string } {
  // checked before the map is even read: a battle of other rules is refused as such
  const otherRules = rulesVersionProblem(record);
  if (otherRules) throw new RestoreError(otherRules, "ERR_RULES_VERSION");
  let map: MapDef;
  try {
    map = loadMapById(record.map.id);
  } catch (err) {
    if (err instanceof MapFormatError) throw new RestoreError(err.message, "ERR_BAD_MAP");
    throw err;
  }
  if (map.contentHash !== record.map.hash) {
    throw new RestoreError(
      `map "${record.map.id}" changed since the battle started (recorded ${record.map.hash}, now ${map.contentHash})`,
    );
  }
  const result = replay(record, map);
  if (result.error) throw new RestoreError(`replay of the record failed: ${result.error}`, result.code === "ERR_RULES_VERSION" ? "ERR_RULES_VERSION" : "ERR_RESTORE");
  return { map, state: result.state, hash: result.hash };
}
