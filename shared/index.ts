/**
 * The rules engine's public face. Everything a server, client, bot or tool needs is exported here.
 * Pure and deterministic: no I/O, no clock or timer, no randomness but the seeded generator in rng.ts.
 */
export * from "./types.js";
export * from "./errors.js";
export * from "./map/types.js";
export { RULES, RULES_VERSION, SOLDIERS, CREATURES, CIVILIANS, DIFFICULTIES, type Difficulty } from "./rules/table.js";
export { parseMap, MapFormatError } from "./map/parse.js";
export { createBattle } from "./setup.js";
export { apply } from "./apply.js";
export { legalActions } from "./legal.js";
export { reachableTiles, findPath, type ReachableTile } from "./path.js";
export { hitChance, type HitChance } from "./combat.js";
export { visibleTiles, canSee } from "./sight.js";
export { viewFor, eventsFor, type BattleView, type Viewer } from "./view.js";
export { toWire, fromWire, eventsToWire, eventsFromWire, type WireState, type WireUnit, type WireIntent, type WireEvent } from "./wire.js";
export { check, wellFormed } from "./apply.js";
export { blastArea, throwRange } from "./actions/grenade.js";
export { grabChance, dragPath } from "./drag.js";
export { indexOf, posOf, tileIndex, distance } from "./grid.js";
export { newRecord, type ReplayResult } from "./record.js";
export { DEFAULT_OPTIONS } from "./setup.js";
export { hashState } from "./hash.js";
export { squadViewHash } from "./viewHash.js";
export { botCommand } from "./bot.js";
export { autoplay, autoplayStep, type AutoStep } from "./autoplay.js";
export { replay, rulesVersionProblem, type MatchRecord, type ReplayStep, type ReplayCode } from "./record.js";
export { exposedSoldiers } from "./perimeter.js";
export { fireDamageOnEntering } from "./fire.js";
export { moveOf } from "./units.js";
export { isFrozen, frozenAmong, isCivilian, isChild } from "./civilians.js";
export { soldierField, HAZARD_ACID, hazardAcid, tileHazard, type CostField } from "./path.js";
// the campaign: the story's scenes in order, the survivors carried from one to the next
export * from "./campaign/campaign.js";
export { SCENES, SCENE_IDS, type Scene } from "./campaign/scenes.js";
export { newCampaignRecord, replayCampaign, type CampaignRecord, type CampaignReplay } from "./campaign/record.js";
export * from "./campaign/summary.js";
export { PURSUERS_PER_LOSS, MAX_PURSUERS, pursuitAfter } from "./campaign/pursuit.js";
export { waveFor } from "./spawns.js";
export { soldierName } from "./names.js";
