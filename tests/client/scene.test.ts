/**
 * A scene's truth in words, read from the engine on a seat's view: the win gone said at
 * once with what is left, every civilian's fate by name, why the scene ended in its own terms, and
 * the report's score per map.
 */
import { describe, expect, it } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { createBattle, toWire, viewFor, type BattleState, type MapDef } from "../../shared/index.js";
import { objectiveLine } from "../../client/src/objective.js";
import { briefing, type PanelCtx } from "../../client/src/panels.js";
import { civiliansHtml, dusty, endReasonFor, prospectsOf, scoreRows } from "../../client/src/scene.js";
import { act } from "../engine/helpers.js";
import { sceneReport } from "../../client/src/campaignPanels.js";
import { sceneFacts, type CampaignSummary } from "../../shared/index.js";

const wire = (s: BattleState) => toWire(viewFor(s, "takumi"));
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();

function quiet(id: string): BattleState {
  const s = createBattle({ ...loadMapById(id), waves: [] }, 1);
  s.units = s.units.filter((u) => u.side !== "creature");
  s.intents = [];
  return s;
}

function ctx(s: BattleState): PanelCtx {
  return { wire: wire(s), map: s.map, view: null, selected: null, target: null, mode: "move", cursor: null, playing: false, mine: new Set(), ringNote: "" };
}

describe("the scene's words", () => {
  it("the tower made unwinnable says so in the header and the briefing, and what is left", () => {
    const s = quiet("the-tower");
    expect(objectiveLine(wire(s), s.map)).not.toMatch(/win is gone/);
    expect(text(briefing(ctx(s)))).not.toMatch(/What is left/);
    for (const id of ["civilian-1", "civilian-2"]) s.units.find((u) => u.id === id)!.fate = "dead";
    expect(objectiveLine(wire(s), s.map)).toMatch(/^The win is gone: get out alive · /);
    const b = text(briefing(ctx(s)));
    expect(b).toContain("Civilians saved: 0 of 5 (at least 4 to win; the children are carried: K beside one). Dead: Civilian 1, Civilian 2 · Still out there: 3.");
    expect(b).toContain("The Tower needed 4 of the 5 saved; 2 are lost (Civilian 1, Civilian 2), so at most 3 can be. What is left: get your soldiers out alive.");
  });

  it("the streets: every fate by name; no children to carry, and no dust, spoken of", () => {
    const s = quiet("the-streets");
    const fates = ["extracted", "dead", "taken"] as const;
    fates.forEach((f, k) => (s.units.find((u) => u.id === `civilian-${k + 1}`)!.fate = f));
    s.civiliansSaved = 1;
    const w = wire(s);
    const html = text(civiliansHtml(w, s.map, prospectsOf(w, s.map)!));
    expect(html).toBe("Civilians saved: 1 of 5 (at least 2 to win). Saved: Civilian 1 · Dead: Civilian 2 · Taken: Civilian 3 · Still out there: 2.");
    expect(dusty(s.map)).toBe(false);
    expect(dusty(loadMapById("the-wall"))).toBe(true);
  });

  it("a squad that withdrew before the woman was reached fell back: the report says so, not 'had not broken out'", () => {
    let s = quiet("the-alley");
    Object.assign(s.units.find((u) => u.id === "takumi")!, { x: 3, y: 17 });
    Object.assign(s.units.find((u) => u.id === "wang")!, { x: 5, y: 17 });
    s = act(s, "takumi", { type: "withdraw", unit: "takumi" }).state;
    s = act(s, "wang", { type: "withdraw", unit: "wang" }).state;
    expect(s.outcome).toBe("lost");
    expect(endReasonFor(wire(s), s.map)).toBe("The sergeants fell back before the survivors were reached.");
  });

  it("the wall's report: rounds held and soldiers through the gate, not civilians saved", () => {
    const m: MapDef = loadMapById("the-wall");
    const s = quiet("the-wall");
    s.round = 9;
    s.phase = "ended";
    s.outcome = "won";
    s.report.rounds = 9;
    for (const id of ["wang", "takumi-private-1"]) s.units.find((u) => u.id === id)!.fate = "extracted";
    expect(scoreRows(wire(s), m, s.report)).toEqual([["Rounds held", "9 of 20"], ["Through the gate", "2"]]);
    expect(endReasonFor(wire(s), m)).toBe("Sergeant Wang got out.");
  });

  it("the campaign's facts count the trapped's fates: saved, dead, taken", () => {
    const s = quiet("the-bus");
    const fate = (id: string, f: "dead" | "taken") => (s.units.find((u) => u.id === id)!.fate = f);
    fate("civilian-1", "dead");
    fate("civilian-2", "taken");
    fate("civilian-3", "taken");
    expect(sceneFacts(s, "M-2").report).toMatchObject({ civiliansSaved: 0, civiliansDead: 1, civiliansTaken: 2 });
  });

  it("the campaign's scene report: the wall's rounds held and men through the gate, no civilians row; the bus keeps its civilians", () => {
    const s = quiet("the-wall");
    s.round = 9;
    s.phase = "ended";
    s.outcome = "won";
    s.report.rounds = 9;
    for (const id of ["wang", "takumi"]) s.units.find((u) => u.id === id)!.fate = "extracted";
    const facts = sceneFacts(s, "M-1");
    expect(facts.report.roundsHeld).toBe(9);
    const result = { map: "the-wall", outcome: "won" as const, rounds: 9, started: ["takumi", "wang"], survived: ["takumi", "wang"], matchId: "M-1", report: facts.report };
    const summary = { scene: 0, scenes: [{ map: "the-wall", place: "on the wall" }], status: "complete", endedBy: null, soldiers: [], fallen: [], results: [result], next: null, pursuit: 0 } as unknown as CampaignSummary;
    const html = sceneReport(summary, 0);
    expect(html).toContain(`<tr data-key="held"><td>Rounds held</td><td>9</td>`);
    expect(html).toContain(`<tr data-key="extracted"><td>Through the gate</td><td>2</td>`);
    expect(html).not.toContain("Civilians saved");
    // the bus's people are the trapped: how many were saved, and how the others were lost
    const busReport = { ...facts.report, civiliansSaved: 1, civiliansDead: 1, civiliansTaken: 1 };
    const bus = sceneReport({ ...summary, scenes: [{ map: "the-bus", place: "at the bus" }], results: [{ ...result, map: "the-bus", report: busReport }] }, 0);
    expect(bus).toContain(`<tr data-key="civilians"><td>The trapped saved</td><td>1</td><td class="hint">dead 1 · taken 1</td></tr>`);
    expect(bus).not.toContain("Rounds held");
  });
});
