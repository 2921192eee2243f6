/**
 * The campaign's screens as pure functions, from summaries of campaigns the engine really plays
 * (two bots, scene after scene): the scene's report, the roll of the fallen in order, the living,
 * the next briefing, who is ready, the end screen with why it ended and the record's link; the
 * summary's JSON read back from the room's fields; the join card's words; the objective line with
 * each scene's countdown, taken from the state.
 */
import { describe, expect, it } from "vitest";
import {
  createBattle, newCampaign, toWire, viewFor,
  type BattleState, type Campaign,
} from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { readCampaign, type CampaignInfo, type CampaignSummary } from "../../client/src/campaignInfo.js";
import { betweenScenes, campaignEnd, livingPanel, nextBriefing, readyPanel, rollOfTheFallen, sceneReport, scenesPlayed } from "../../client/src/campaignPanels.js";
import { objectiveLine } from "../../client/src/objective.js";
import { goalText } from "../../client/src/panels.js";
import { lookupText } from "../../client/src/start.js";
import { sceneTitle } from "../../client/src/words.js";
import { playScene, summaryOf } from "./campaignFixtures.js";


/** Campaigns played scene by scene until `want` holds (seeds tried in order). */
function find(want: (c: Campaign) => boolean, maxScenes = 6): { campaign: Campaign; states: BattleState[] } {
  for (let seed = 1; seed < 400; seed++) {
    let c = newCampaign(seed);
    const states: BattleState[] = [];
    for (let i = 0; i < maxScenes && c.status === "playing"; i++) {
      const r = playScene(c);
      c = r.campaign;
      states.push(r.state);
      if (want(c)) return { campaign: c, states };
    }
  }
  throw new Error("no campaign found");
}

/** HTML's entities back to text. */
const unesc = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const text = (html: string) => unesc(html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim());

describe("between two scenes", () => {
  // after the first scene, still playing, with someone on the roll
  const { campaign, states } = find((c) => c.status === "playing" && c.fallen.length > 0, 1);
  const s = summaryOf(campaign, states);

  it("the scene's report: won or lost, rounds, kills, losses, who got out, from the summary", () => {
    const r = s.results[0];
    const html = sceneReport(s, 0);
    expect(text(html)).toContain(`Scene 1 of 6 · At the bus — ${r.outcome} in ${r.rounds} round`);
    expect(html).toContain(`<tr data-key="kills"><td>Creatures killed</td><td>${r.report.kills}</td>`);
    expect(html).toContain(`<tr data-key="extracted"><td>Got out</td><td>${r.report.extracted}</td>`);
    // the bus's people are the trapped: saved, and how the others were lost
    const lostCiv = [r.report.civiliansDead ? `dead ${r.report.civiliansDead}` : "", r.report.civiliansTaken ? `taken ${r.report.civiliansTaken}` : ""].filter(Boolean).join(" · ");
    expect(r.report.civiliansDead).toBeTypeOf("number");
    expect(html).toContain(`<tr data-key="civilians"><td>The trapped saved</td><td>${r.report.civiliansSaved}</td><td class="hint">${lostCiv}</td></tr>`);
    const lost = r.started.length - r.survived.length;
    expect(lost).toBe(campaign.fallen.length);
    const hows = [...new Set(campaign.fallen.map((f) => f.how))];
    const by = hows.map((how) => `${how} ${campaign.fallen.filter((f) => f.how === how).length}`).join(" · ");
    expect(html).toContain(`<tr data-key="lost"><td>Soldiers lost</td><td>${lost}</td><td class="hint">${by}</td></tr>`);
    expect(by).toMatch(/^(killed|taken|left behind) \d/);
    expect(text(html)).toContain(`${r.survived.length} of ${r.started.length} came out of it.`);
  });

  it("the roll of the fallen: every line in order, this scene's marked", () => {
    const html = rollOfTheFallen(s, 0);
    const items = [...html.matchAll(/<li data-unit="([^"]+)" class="([^"]*)">([^<]*)<\/li>/g)];
    expect(items.map((m) => unesc(m[3]))).toEqual(s.fallen.map((f) => f.line));
    expect(items.map((m) => m[1])).toEqual(campaign.fallen.map((f) => f.id));
    expect(items.every((m) => m[2].includes("fresh"))).toBe(true);
    expect(unesc(items[0][3])).toMatch(/^(Sergeant \w+|Private (Takumi|Wang)-\d): (killed|taken|left behind) .*at the bus, round \d+$/);
    // marked only for the scene asked
    expect(rollOfTheFallen(s, 3)).not.toContain("fresh");
    expect(text(rollOfTheFallen({ ...s, fallen: [] }))).toBe("The roll of the fallen No one has fallen yet.");
  });

  it("the living with their hp and armor; the fallen are not among them", () => {
    const html = livingPanel(s);
    for (const u of campaign.soldiers) expect(html).toMatch(new RegExp(`<tr data-unit="${u.id}">.*?HP ${u.hp}/${u.maxHp}</td><td>Armor ${u.armor}</td>`));
    for (const f of campaign.fallen) expect(html).not.toContain(`data-unit="${f.id}"`);
    expect(text(html)).toContain("Sergeant Takumi");
  });

  it("the next briefing: the next scene's title, its map's name and story lines", () => {
    const alley = loadMapById("the-alley");
    const html = nextBriefing(s, alley);
    expect(s.next).toBe("the-alley");
    expect(html).toContain(`data-map="the-alley"`);
    expect(text(html)).toContain("Next: Scene 2 of 6 · In the alley");
    expect(text(html)).toContain(alley.name);
    // and its goal
    expect(text(html)).toContain(goalText(alley, alley.objective.kind));
    const bus = loadMapById("the-bus");
    expect(bus.briefing).toBeTruthy();
    expect(text(nextBriefing(s, bus))).toContain(bus.briefing!);
    // while the map loads: the title alone
    expect(text(nextBriefing(s, null))).toBe("Next: Scene 2 of 6 · In the alley …");
  });

  it("the next briefing warns of the creatures that followed a squad that fell back", () => {
    const alley = loadMapById("the-alley");
    expect(text(nextBriefing({ ...s, pursuit: 0 }, alley))).not.toContain("followed you");
    expect(text(nextBriefing({ ...s, pursuit: 4 }, alley))).toContain("They followed you: 4 more Snatchers");
  });

  it("ready: the button for a player, the partner's state, none for a spectator", () => {
    const mine = readyPanel({ viewer: "takumi", ready: { takumi: false, wang: true }, holders: { takumi: "player", wang: "player" } });
    expect(mine).toContain(`<button id="campaign-ready" class="primary " data-ready="0">Ready — go on`);
    expect(text(mine)).toContain("✔ Wang : Wang is ready.");
    expect(text(mine)).toContain("○ Takumi : Mark ready to go on.");
    const marked = readyPanel({ viewer: "takumi", ready: { takumi: true, wang: false }, holders: { takumi: "player", wang: "player" } });
    expect(marked).toContain(`data-ready="1"`);
    expect(text(marked)).toContain("Waiting for Wang.");
    const bot = readyPanel({ viewer: "takumi", ready: { takumi: false, wang: false }, holders: { takumi: "player", wang: "bot" } });
    expect(bot).toContain(`<li data-seat="wang" class="is-ready">`);
    expect(text(bot)).toContain("The bot commands Wang's squad: it goes on when you do.");
    const watch = readyPanel({ viewer: "spectator", ready: { takumi: true, wang: false }, holders: { takumi: "player", wang: "player" } });
    expect(watch).not.toContain("campaign-ready\"");
    expect(text(watch)).toContain("You are watching");
    expect(text(watch)).toContain("○ Wang : Waiting for Wang.");
    const watchBot = readyPanel({ viewer: "spectator", ready: { takumi: false, wang: false }, holders: { takumi: "player", wang: "bot" } });
    expect(text(watchBot)).toContain("✔ Wang : The bot commands Wang's squad: it goes on with the other.");
  });

  it("the whole screen from the room's fields: report, roll, living, briefing, ready", () => {
    const info = readCampaign({ campaignStage: "report", campaignScene: 0, campaignScenes: 6, campaignReadyTakumi: false, campaignReadyWang: true, campaign: JSON.stringify(s) });
    expect(info).toMatchObject({ stage: "report", scene: 0, scenes: 6, ready: { takumi: false, wang: true } });
    expect(info.summary).toEqual(s);
    const html = betweenScenes(info, { viewer: "wang", ready: info.ready, holders: { takumi: "player", wang: "player" } }, loadMapById("the-alley"));
    for (const id of ["scene-report", "roll", "living", "next-briefing", "campaign-ready-panel", "campaign-ready", "campaign-look"]) expect(html).toContain(`id="${id}"`);
    expect(html.indexOf(`id="scene-report"`)).toBeLessThan(html.indexOf(`id="next-briefing"`));
    // a battle's fields: no campaign
    expect(readCampaign({ campaignStage: "", campaign: "" })).toMatchObject({ stage: "", summary: null });
    expect(readCampaign({ campaignStage: "report", campaign: "{broken" }).summary).toBeNull();
  });
});

describe("the campaign's end", () => {
  it("over: why it ended, every scene played with its outcome, the roll, the record's link", () => {
    const { campaign, states } = find((c) => c.status === "over" && c.results.length >= 2);
    const s = summaryOf(campaign, states);
    const info: CampaignInfo = { stage: "over", scene: s.scene, scenes: 6, ready: { takumi: false, wang: false }, summary: s };
    const html = campaignEnd(info, "ABCDE");
    expect(text(html)).toContain("The campaign is over");
    expect(campaign.endedBy).toBeTruthy();
    expect(html).toContain(`<p id="ended-by" class="reason">${campaign.endedBy!.charAt(0).toUpperCase()}`);
    expect(html).toContain(`href="/api/campaigns/ABCDE/record"`);
    const played = [...scenesPlayed(s).matchAll(/<li data-map="([^"]+)" class="outcome-(won|lost)">/g)].map((m) => [m[1], m[2]]);
    expect(played).toEqual(campaign.results.map((r) => [r.map, r.outcome]));
    expect(scenesPlayed(s)).toContain(`href="/?replay=ABCDE-1"`);
    expect((scenesPlayed(s).match(/not reached/g) ?? []).length).toBe(6 - campaign.results.length);
    const roll = [...html.matchAll(/<li data-unit="[^"]+" class="[^"]*">([^<]*)<\/li>/g)].map((m) => unesc(m[1]));
    expect(roll).toEqual(s.fallen.map((f) => f.line));
  });

  it("complete: the last night's title", () => {
    const s: CampaignSummary = { ...summaryOf(newCampaign(1), []), status: "complete", endedBy: "the squad held at the wall", next: null };
    const html = campaignEnd({ stage: "complete", scene: 5, scenes: 6, ready: { takumi: false, wang: false }, summary: s }, "ABCDE");
    expect(text(html)).toContain("The last night is over The squad held at the wall.");
  });
});

describe("the header and the join card", () => {
  it("the scene's title", () => {
    expect(sceneTitle(1, 6, "in the alley")).toBe("Scene 2 of 6 · In the alley");
  });

  it("a code's lookup says campaign, scene and stage", () => {
    expect(lookupText({ seats: {}, map: "the-alley", round: 3, phase: "player", campaign: { stage: "scene", scene: 1, scenes: 6 } })).toBe("Campaign, scene 2 of 6 (the-alley), round 3.");
    expect(lookupText({ seats: {}, map: "the-bus", round: 6, phase: "ended", campaign: { stage: "report", scene: 0, scenes: 6 } })).toBe("Campaign, scene 1 of 6 (the-bus): between scenes.");
    expect(lookupText({ seats: {}, map: "last-stand", round: 2, phase: "player" })).toBe("Map last-stand, round 2.");
  });
});

describe("the objective line, from the state", () => {
  const wire = (s: BattleState) => toWire(viewFor(s, "takumi"));
  const battle = (id: string) => createBattle(loadMapById(id), 1, { difficulty: "normal", splitVision: false });

  it("the bus: the power cell's countdown to the map's last round", () => {
    const s = battle("the-bus");
    expect(objectiveLine(wire(s), s.map)).toBe(`Reach them · the cell blows in ${s.map.maxRounds} rounds`);
    s.round = s.map.maxRounds - 1;
    expect(objectiveLine(wire(s), s.map)).toBe("Reach them · the cell blows in 2 rounds");
    s.round = s.map.maxRounds;
    expect(objectiveLine(wire(s), s.map)).toBe("Reach them · the cell blows at the end of this round");
  });

  it("the alley: rounds left; once out, how many are out", () => {
    const s = battle("the-alley");
    expect(objectiveLine(wire(s), s.map)).toBe(`Reach them · ${s.map.maxRounds} rounds left`);
    s.objective = "extract";
    s.round = 4;
    s.units.find((u) => u.id === "wang-private-1")!.fate = "extracted";
    expect(objectiveLine(wire(s), s.map)).toBe(`Break out · ${s.map.maxRounds - 3} rounds left · 1 out`);
  });

  it("the last stand: the ring and the break-out's countdown", () => {
    const s = battle("last-stand");
    const p = s.perimeter!;
    expect(objectiveLine(wire(s), s.map)).toBe(`Hold the line · ring ${p.radius}${p.nextRadius !== p.radius ? `→${p.nextRadius}` : ""} · break-out in ${p.breakOutRound - 1}`);
  });

  it("the wall: rounds held and how many went through the gate", () => {
    const s = battle("the-wall");
    expect(objectiveLine(wire(s), s.map)).toMatch(/^Hold the line · ring \d+(→\d+)? · break-out in \d+ · held 0 rounds · 0 through the gate$/);
    s.round = 8;
    s.objective = "extract";
    s.perimeter!.broken = true;
    for (const id of ["takumi-private-1", "wang"]) s.units.find((u) => u.id === id)!.fate = "extracted";
    expect(objectiveLine(wire(s), s.map)).toBe(`Break out · ${s.map.maxRounds - 7} rounds left · held 7 rounds · 2 through the gate`);
  });
});
