/**
 * The public summary of a campaign, as a room shows it between scenes (and during one): the scenes
 * in order, the living, the roll of the fallen, each finished scene's result and report, and the
 * next scene's map. Pure. It never carries the campaign's seed, the scenes' seeds or final hashes,
 * or anything of a scene being played (only finished scenes are in `results`).
 */
import type { BattleState, Report } from "../core/types.js";
import { roundsHeld } from "../rules/prospects.js";
import type { Campaign, CampaignStatus, FallenHow } from "./campaign.js";
import { nextSceneMap, rollOfTheFallen } from "./campaign.js";
import type { SoldierKind, Seat } from "../map/types.js";
import { SCENES } from "./scenes.js";

/** What a finished scene's battle adds to its result: its match id and its report's figures. */
export interface SceneFacts {
  matchId: string;
  report: SceneReport;
}

export interface SceneReport {
  kills: number;
  soldiersDead: number;
  soldiersTaken: number;
  civiliansSaved: number;
  /** The civilians killed and dragged off (the trapped at the bus, the runners, the families); absent in older summaries. */
  civiliansDead?: number;
  civiliansTaken?: number;
  /** Soldiers who got out by the way out. */
  extracted: number;
  /** Rounds the squad finished on the board (the wall's score, with `extracted`); absent in older summaries. */
  roundsHeld?: number;
}

export interface CampaignSummary {
  /** The scene being played, or (between scenes) the one just ended; 0-based. */
  scene: number;
  scenes: { map: string; place: string }[];
  status: CampaignStatus;
  endedBy: string | null;
  soldiers: { id: string; kind: SoldierKind; seat: Seat; hp: number; maxHp: number; armor: number }[];
  fallen: { id: string; kind: SoldierKind; seat: Seat; map: string; scene: number; round: number; how: FallenHow; text: string; line: string }[];
  results: {
    map: string; outcome: "won" | "lost"; rounds: number; started: string[]; survived: string[]; matchId: string; report: SceneReport;
  }[];
  /** The map id of the next scene (null when none follows; during a scene, the one after it). */
  next: string | null;
  /** The Snatchers following the squad (pursuit.ts): between scenes into the next scene, during a
   *  scene in this one; 0 after a scene won. */
  pursuit: number;
}

/** The figures of a finished scene's battle that the summary shows. */
export function sceneFacts(state: BattleState, matchId: string): SceneFacts {
  const r: Report = state.report;
  const extracted = state.units.filter((u) => u.side === "squad" && u.fate === "extracted").length;
  const civilians = (fate: string) => state.units.filter((u) => u.side === "civilian" && u.fate === fate).length;
  return {
    matchId,
    report: {
      kills: r.kills, soldiersDead: r.soldiersDead, soldiersTaken: r.soldiersTaken, civiliansSaved: r.civiliansSaved,
      civiliansDead: civilians("dead"), civiliansTaken: civilians("taken"), extracted, roundsHeld: roundsHeld(state),
    },
  };
}

/**
 * `playing`: the index of the scene being played now, or null between scenes and after the end
 * (then `scene` is the one just ended). `facts[i]` belongs to `campaign.results[i]`.
 */
export function campaignSummary(campaign: Campaign, facts: readonly SceneFacts[], playing: number | null): CampaignSummary {
  const roll = rollOfTheFallen(campaign);
  return {
    scene: playing ?? Math.max(0, campaign.results.length - 1),
    scenes: SCENES.map((s) => ({ map: s.map, place: s.place })),
    status: campaign.status,
    endedBy: campaign.endedBy,
    soldiers: campaign.soldiers.map((s) => ({ id: s.id, kind: s.kind, seat: s.seat, hp: s.hp, maxHp: s.maxHp, armor: s.armor })),
    fallen: campaign.fallen.map((f, i) => ({ id: f.id, kind: f.kind, seat: f.seat, map: f.map, scene: f.scene, round: f.round, how: f.how, text: f.text, line: roll[i] })),
    results: campaign.results.map((r, i) => ({
      map: r.map, outcome: r.outcome, rounds: r.rounds, started: [...r.started], survived: [...r.survived],
      matchId: facts[i]?.matchId ?? "",
      report: facts[i]?.report ?? { kills: 0, soldiersDead: 0, soldiersTaken: 0, civiliansSaved: 0, extracted: 0 },
    })),
    // during a scene: the one after it, should the campaign go on
    next: playing === null ? nextSceneMap(campaign) : SCENES[playing + 1]?.map ?? null,
    pursuit: campaign.pursuit ?? 0,
  };
}
