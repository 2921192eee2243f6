/**
 * The rules engine's public face. Everything a server, client, bot or tool needs is exported here.
 * Pure and deterministic: no I/O, no clock or timer, no randomness but the seeded generator in rng.ts.
 */
export * from "./core/types.js";
export * from "./core/errors.js";
export * from "./map/types.js";
export { RULES, RULES_VERSION, SOLDIERS, CREATURES, CIVILIANS, DIFFICULTIES, type Difficulty } from "./rules/table.js";
export { parseMap, MapFormatError } from "./map/parse.js";
export { createBattle } from "./battle/setup.js";
export { apply } from "./battle/apply.js";
export { legalActions } from "./battle/legal.js";
export { reachableTiles, findPath, type ReachableTile } from "./movement/path.js";
export { hitChance, type HitChance } from "./rules/combat.js";
export { visibleTiles, canSee } from "./sight/sight.js";
export { viewFor, eventsFor, type BattleView, type Viewer } from "./view/view.js";
export { toWire, fromWire, eventsToWire, eventsFromWire, type WireState, type WireUnit, type WireIntent, type WireEvent } from "./view/wire.js";
export { check, wellFormed } from "./battle/apply.js";
export { blastArea, throwRange } from "./actions/grenade.js";
export { grabChance, dragPath } from "./rules/drag.js";
export { indexOf, posOf, tileIndex, distance } from "./core/grid.js";
export { newRecord, type ReplayResult } from "./battle/record.js";
export { DEFAULT_OPTIONS } from "./battle/setup.js";
export { hashState } from "./core/hash.js";
export { squadViewHash } from "./view/viewHash.js";
export { botCommand } from "./ai/bot.js";
export { planRound, planOnView, planDiverged, IDLE_WHYS, type BotPlan, type PlanStep, type PlanIdle, type IdleWhy } from "./ai/plan.js";
export { STANDING_ORDERS, isStandingOrder, type StandingOrder } from "./ai/orders.js";
export { PHRASE_KEYS, isPhraseKey, type PhraseKey } from "./talk/phrases.js";
export { autoplay, autoplayStep, type AutoStep } from "./ai/autoplay.js";
export { replay, rulesVersionProblem, type MatchRecord, type ReplayStep, type ReplayCode } from "./battle/record.js";
export { exposedSoldiers } from "./rules/perimeter.js";
export { fireDamageOnEntering } from "./rules/fire.js";
export { moveOf } from "./core/units.js";
export { isFrozen, frozenAmong, isCivilian, isChild, civiliansNeeded } from "./rules/civilians.js";
export { soldierField, HAZARD_ACID, hazardAcid, tileHazard, type CostField } from "./movement/path.js";
// the campaign: the story's scenes in order, the survivors carried from one to the next
export * from "./campaign/campaign.js";
export { SCENES, SCENE_IDS, type Scene } from "./campaign/scenes.js";
export { newCampaignRecord, replayCampaign, type CampaignRecord, type CampaignReplay } from "./campaign/record.js";
export * from "./campaign/summary.js";
export { PURSUERS_PER_LOSS, MAX_PURSUERS, pursuitAfter } from "./campaign/pursuit.js";
export { waveFor } from "./rules/spawns.js";
export { soldierName, civilianName, creatureName, creatureKindName } from "./core/names.js";
// what an action does before it is committed: its consequences, whether it asks first, why it is refused
export { previewAction, askFirst } from "./preview/preview.js";
export { whyNot } from "./preview/whyNot.js";
export { unitName } from "./preview/names.js";
export { leavingAtRoundEnd } from "./preview/roundEnd.js";
export type { ActionPreview, AskFirst, Consequence, ConsequenceKind, Refused } from "./preview/types.js";
export { wayOutTiles, dragExitTiles, waysOut } from "./rules/waysOut.js";
export { isExtraction } from "./rules/objectives.js";
export { STATUSES, STATUS_TABLE, statusesOf, type Status, type StatusRow, type Verdict as StatusVerdict } from "./rules/status.js";
export { prospects, civilianFates, roundsHeld, stillWinnable, type Prospects, type LostCause, type CivilianFates } from "./rules/prospects.js";
// the drill: the first battle that teaches (steps checked by the engine)
export * from "./drill/index.js";
