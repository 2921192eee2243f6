/**
 * The campaign's screens as pure functions of the room's summary (no DOM access here; tested in
 * Node): between two scenes the scene's report, the roll of the fallen, the living, the next
 * briefing and who is ready; at the end why it ended, the scenes played and the roll. Every
 * number comes from the summary the room sends; the client decides nothing.
 */
import type { MapDef, Seat } from "./engine";
import { goalText } from "./panels";
import type { CampaignInfo, CampaignSummary } from "./campaignInfo";
import { esc } from "./dom";
import { CAMPAIGN_WORDS as W, capital, readyText, rounds, SEAT_NAME, sceneTitle, unitName } from "./words";

type Result = CampaignSummary["results"][number];

const place = (s: CampaignSummary, i: number) => s.scenes[i]?.place ?? "";
const title = (s: CampaignSummary, i: number) => sceneTitle(i, s.scenes.length, place(s, i));

/** The scenes with people to save (the trapped, the woman, the runners, the families). */
const SAVES_PEOPLE = new Set(["the-bus", "the-alley", "the-streets", "the-tower"]);

/** One scene's report: won or lost, in how many rounds, and what it cost. */
export function sceneReport(s: CampaignSummary, index: number): string {
  const r: Result | undefined = s.results[index];
  if (!r) return `<section id="scene-report"><h3>${esc(title(s, index))}</h3><p class="hint">${W.noReport}</p></section>`;
  const lost = r.started.length - r.survived.length;
  // how they were lost, as the roll has it (killed, taken, left behind…), in the order they fell
  const how = new Map<string, number>();
  for (const f of s.fallen) if (f.scene === index) how.set(f.how, (how.get(f.how) ?? 0) + 1);
  // each scene's own score: the wall's is the rounds held and the men through the gate;
  // civilians are counted only where the scene has people to save
  const wall = r.map === "the-wall";
  const rows: [string, number, string, string][] = [
    [W.kills, r.report.kills, "kills", ""],
    ...(wall ? [[W.roundsHeld, r.report.roundsHeld ?? r.rounds, "held", ""] as [string, number, string, string]] : []),
    [wall ? W.throughGate : W.gotOut, r.report.extracted, "extracted", ""],
    ...(SAVES_PEOPLE.has(r.map)
      ? [[r.map === "the-bus" ? W.trappedSaved : W.civilians, r.report.civiliansSaved, "civilians", W.civiliansLost(r.report.civiliansDead ?? 0, r.report.civiliansTaken ?? 0)] as [string, number, string, string]]
      : []),
    [W.soldiersLost, lost, "lost", W.lostHow([...how])],
  ];
  return `<section id="scene-report" data-outcome="${esc(r.outcome)}"><h3>${esc(title(s, index))} — <span class="outcome-${r.outcome === "won" ? "won" : "lost"}">${r.outcome === "won" ? W.won : W.lost}</span> in ${esc(rounds(r.rounds))}</h3>
    <table class="totals">${rows.map(([label, n, key, detail]) => `<tr data-key="${key}"><td>${label}</td><td>${n}</td><td class="hint">${detail}</td></tr>`).join("")}</table>
    <p class="hint">${W.cameOut(r.survived.length, r.started.length)}</p></section>`;
}

/** The roll of the fallen, in the order they fell; the ones of `fresh` (a scene index) marked. */
export function rollOfTheFallen(s: CampaignSummary, fresh = -1): string {
  if (!s.fallen.length) return `<section id="roll"><h3>${W.rollTitle}</h3><p class="hint">${W.rollEmpty}</p></section>`;
  return `<section id="roll"><h3>${W.rollTitle}</h3><ol class="roll">${s.fallen
    .map((f) => `<li data-unit="${esc(f.id)}" class="${f.scene === fresh ? "fresh" : ""} ${f.kind === "private" ? "" : "sergeant"}">${esc(f.line)}</li>`)
    .join("")}</ol></section>`;
}

/** The living, with their wounds and armor, as they start the next scene. */
export function livingPanel(s: CampaignSummary): string {
  if (!s.soldiers.length) return `<section id="living"><h3>${W.livingTitle}</h3><p class="hint">${W.livingEmpty}</p></section>`;
  const sorted = [...s.soldiers].sort((a, b) => (a.seat === b.seat ? (a.kind === "private" ? 1 : 0) - (b.kind === "private" ? 1 : 0) || a.id.localeCompare(b.id) : a.seat === "takumi" ? -1 : 1));
  return `<section id="living"><h3>${W.livingTitle}</h3><table class="squad living">${sorted
    .map(
      (u) =>
        `<tr data-unit="${esc(u.id)}"><td><span class="glyph seat-${esc(u.seat)}"></span></td><td>${esc(unitName(null, u.id))}</td><td class="${u.hp < u.maxHp ? "hurt" : ""}">HP ${u.hp}/${u.maxHp}</td><td>Armor ${u.armor}</td></tr>`,
    )
    .join("")}</table></section>`;
}

export type NextMap = Pick<MapDef, "name" | "briefing" | "perimeter" | "maxRounds" | "objective">;

/** The next scene's briefing from its map: its story lines and its goal; null while the map loads. */
export function nextBriefing(s: CampaignSummary, next: NextMap | null): string {
  if (s.next === null) return "";
  const i = s.scenes.findIndex((sc, k) => sc.map === s.next && k >= s.results.length);
  const head = `${W.nextTitle}: ${title(s, i >= 0 ? i : s.results.length)}`;
  const body = next
    ? `<p class="map-name">${esc(next.name)}</p>${next.briefing ? `<p class="story">${esc(next.briefing)}</p>` : ""}<p class="goal">${esc(goalText(next, next.objective.kind))}</p>${s.pursuit > 0 ? `<p class="pursuit">${esc(W.pursuit(s.pursuit))}</p>` : ""}`
    : `<p class="hint">…</p>`;
  return `<section id="next-briefing" data-map="${esc(s.next)}"><h3>${esc(head)}</h3>${body}</section>`;
}

export interface ReadyCtx {
  viewer: Seat | "spectator";
  ready: Record<Seat, boolean>;
  holders: Record<Seat, string>;
}

/** Who is ready to go on, and this page's button (none for a spectator). */
export function readyPanel(c: ReadyCtx): string {
  const seats: Seat[] = ["takumi", "wang"];
  const lines = seats.map((seat) => {
    const you = c.viewer === seat;
    const ready = c.ready[seat] || c.holders[seat] === "bot" || c.holders[seat] === "open" || c.holders[seat] === "";
    return `<li data-seat="${seat}" class="${ready ? "is-ready" : ""}">${ready ? "✔" : "○"} <b>${SEAT_NAME[seat]}</b>: ${esc(readyText(seat, c.holders[seat], c.ready[seat], you, c.viewer === "spectator"))}</li>`;
  });
  const mine = c.viewer !== "spectator" && c.ready[c.viewer];
  const button =
    c.viewer === "spectator"
      ? `<p class="hint">${W.watching}</p>`
      : `<button id="campaign-ready" class="primary ${mine ? "on" : ""}" data-ready="${mine ? "1" : "0"}">${mine ? `✔ ${W.unreadyButton}` : W.readyButton} <kbd>E</kbd></button>`;
  return `<section id="campaign-ready-panel"><ul class="ready-list">${lines.join("")}</ul>${button}</section>`;
}

/** Between two scenes: report, roll, the living, the next briefing, ready. */
export function betweenScenes(info: CampaignInfo, c: ReadyCtx, next: NextMap | null): string {
  const s = info.summary;
  if (!s) return `<div id="campaign-screen" class="modal campaign"><p class="hint">${W.waitingSummary}</p></div>`;
  const ended = info.scene;
  return `<div id="campaign-screen" class="modal campaign" data-stage="report">
    <h2>${W.betweenTitle}</h2>
    <div class="campaign-cols"><div>${sceneReport(s, ended)}${livingPanel(s)}</div><div>${rollOfTheFallen(s, ended)}</div></div>
    ${nextBriefing(s, next)}
    ${readyPanel(c)}
    <p class="buttons"><button id="campaign-full-report">${W.fullReport}</button> <button id="campaign-look">${W.lookAtBoard} <kbd>Esc</kbd></button></p>
  </div>`;
}

/** The scenes played, with their outcome and a link to each one's replay. */
export function scenesPlayed(s: CampaignSummary): string {
  return `<section id="scenes-played"><h3>${W.scenesTitle}</h3><ol class="scenes">${s.scenes
    .map((sc, i) => {
      const r = s.results[i];
      if (!r) return `<li class="unplayed">${esc(capital(sc.place))} — ${W.notReached}</li>`;
      const lost = r.started.length - r.survived.length;
      return `<li data-map="${esc(sc.map)}" class="outcome-${r.outcome === "won" ? "won" : "lost"}">${esc(capital(sc.place))} — ${r.outcome === "won" ? W.won : W.lost} in ${esc(rounds(r.rounds))}, ${lost} lost, ${r.report.extracted} out${r.matchId ? ` · <a href="/?replay=${encodeURIComponent(r.matchId)}">${W.replay}</a>` : ""}</li>`;
    })
    .join("")}</ol></section>`;
}

/** The campaign's end: why, the scenes, the roll of the fallen, who is left, the record. */
export function campaignEnd(info: CampaignInfo, code: string): string {
  const s = info.summary;
  const stage = info.stage === "complete" ? "complete" : "over";
  if (!s) return `<div id="campaign-screen" class="modal campaign" data-stage="${stage}"><h2>${stage === "complete" ? W.complete : W.over}</h2></div>`;
  const why = s.endedBy ? `<p id="ended-by" class="reason">${esc(capital(s.endedBy))}.</p>` : "";
  const last = s.results.length - 1;
  return `<div id="campaign-screen" class="modal campaign" data-stage="${stage}">
    <h2>${stage === "complete" ? W.complete : W.over}</h2>${why}
    <div class="campaign-cols"><div>${scenesPlayed(s)}${livingPanel(s)}</div><div>${rollOfTheFallen(s, last)}</div></div>
    <p class="buttons">${code ? `<a class="button" id="campaign-record" href="/api/campaigns/${encodeURIComponent(code)}/record" download="last-stand-campaign-${esc(code)}.json">${W.record}</a> ` : ""}<a class="button" href="/">${W.newCampaign}</a> <button id="campaign-look">${W.lookAtBoard} <kbd>Esc</kbd></button></p>
  </div>`;
}
