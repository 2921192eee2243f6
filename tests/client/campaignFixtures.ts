/** A campaign's public summary as the room builds it, for the client's tests (matches `ABCDE-N`). */
import { nextSceneMap, rollOfTheFallen, SCENES, type BattleState, type Campaign } from "../../shared/index.js";
import type { CampaignSummary } from "../../client/src/campaignInfo.js";

export function summaryOf(c: Campaign, states: BattleState[], code = "ABCDE"): CampaignSummary {
  const roll = rollOfTheFallen(c);
  return {
    scene: Math.max(0, c.results.length - 1),
    scenes: SCENES.map((s) => ({ map: s.map, place: s.place })),
    status: c.status,
    endedBy: c.endedBy,
    soldiers: c.soldiers.map((s) => ({ ...s })),
    fallen: c.fallen.map((f, i) => ({ id: f.id, kind: f.kind, seat: f.seat, map: f.map, scene: f.scene, round: f.round, how: f.how, text: f.text, line: roll[i] })),
    results: c.results.map((r, i) => {
      const s = states[i];
      return {
        map: r.map, outcome: r.outcome, rounds: r.rounds, started: [...r.started], survived: [...r.survived], matchId: `${code}-${i + 1}`,
        report: {
          kills: s.report.kills, soldiersDead: s.report.soldiersDead, soldiersTaken: s.report.soldiersTaken, civiliansSaved: s.report.civiliansSaved,
          extracted: s.units.filter((u) => u.side === "squad" && u.fate === "extracted").length,
        },
      };
    }),
    next: nextSceneMap(c),
  };
}
