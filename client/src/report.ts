/** The after-action report: totals and a per-round chart (SVG), from the engine's Report. */
import type { MapDef, Report, RoundStats, WireState } from "./engine";
import { scoreRows } from "./scene";
import { esc } from "./dom";

export function parseReport(w: WireState): Report | null {
  if (!w.report) return null;
  try {
    return JSON.parse(w.report) as Report;
  } catch {
    return null;
  }
}

export function chartSvg(rows: RoundStats[], width = 560, height = 220): string {
  if (!rows.length) return `<p class="hint">No rounds recorded.</p>`;
  const pad = { l: 34, r: 12, t: 14, b: 30 };
  const iw = width - pad.l - pad.r;
  const ih = height - pad.t - pad.b;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.kills, r.soldiersLost, r.creaturesOnBoard, r.radius ?? 0, r.hits, r.shots)));
  const bw = iw / rows.length;
  const y = (v: number) => pad.t + ih - (v / max) * ih;
  let s = `<svg id="report-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Per-round chart">`;
  for (let v = 0; v <= max; v += Math.max(1, Math.ceil(max / 5))) {
    s += `<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="#333"/><text x="${pad.l - 6}" y="${y(v) + 4}" text-anchor="end" fill="#aaa" font-size="10">${v}</text>`;
  }
  rows.forEach((r, i) => {
    const x = pad.l + i * bw;
    const w = Math.max(2, bw / 3 - 2);
    s += `<rect x="${x + 2}" y="${y(r.kills)}" width="${w}" height="${pad.t + ih - y(r.kills)}" fill="#4cd964"><title>round ${r.round}: ${r.kills} kills</title></rect>`;
    s += `<rect x="${x + 2 + w + 1}" y="${y(r.soldiersLost)}" width="${w}" height="${pad.t + ih - y(r.soldiersLost)}" fill="#ff3b30" stroke="#fff" stroke-dasharray="2 2"><title>round ${r.round}: ${r.soldiersLost} soldiers lost</title></rect>`;
    s += `<text x="${x + bw / 2}" y="${height - 12}" text-anchor="middle" fill="#aaa" font-size="10">${r.round}</text>`;
  });
  const line = (f: (r: RoundStats) => number, color: string, marker: "circle" | "square", dash = "") => {
    const pts = rows.map((r, i) => [pad.l + i * bw + bw / 2, y(f(r))]);
    let out = `<polyline fill="none" stroke="${color}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ""} points="${pts.map((p) => p.join(",")).join(" ")}"/>`;
    for (const [px, py] of pts) out += marker === "circle" ? `<circle cx="${px}" cy="${py}" r="3" fill="${color}"/>` : `<rect x="${px - 3}" y="${py - 3}" width="6" height="6" fill="${color}"/>`;
    return out;
  };
  s += line((r) => r.creaturesOnBoard, "#e5484d", "circle");
  if (rows.some((r) => r.radius !== null)) s += line((r) => r.radius ?? 0, "#ffd23f", "square", "5 3");
  s += `<text x="${width / 2}" y="${height - 1}" text-anchor="middle" fill="#888" font-size="10">round</text></svg>`;
  // the legend's swatches are drawn with the chart's own strokes, fills and markers
  const sw = (inner: string) => `<svg width="26" height="12" aria-hidden="true">${inner}</svg>`;
  s += `<div class="chart-legend">
    <span data-key="kills">${sw(`<rect x="8" y="1" width="10" height="10" fill="#4cd964"/>`)}kills (bar)</span>
    <span data-key="lost">${sw(`<rect x="8" y="1" width="10" height="10" fill="#ff3b30" stroke="#fff" stroke-dasharray="2 2"/>`)}soldiers lost (dashed bar)</span>
    <span data-key="creatures">${sw(`<line x1="1" x2="25" y1="6" y2="6" stroke="#e5484d" stroke-width="2"/><circle cx="13" cy="6" r="3" fill="#e5484d"/>`)}creatures on the board</span>
    ${rows.some((r) => r.radius !== null) ? `<span data-key="radius">${sw(`<line x1="1" x2="25" y1="6" y2="6" stroke="#ffd23f" stroke-width="2" stroke-dasharray="5 3"/><rect x="10" y="3" width="6" height="6" fill="#ffd23f"/>`)}ring radius</span>` : ""}
  </div>`;
  return s;
}

export function renderReport(host: HTMLElement, w: WireState, opts: { matchId?: string; onClose?: () => void; reason?: string; map?: MapDef }): void {
  const r = parseReport(w);
  const outcome = w.outcome === "won" ? "Victory" : w.outcome === "lost" ? "Defeat" : "Battle over";
  const acc = r && r.shots ? Math.round((100 * r.hits) / r.shots) : 0;
  host.innerHTML = `<div id="report" class="modal">
    <h2>After-action report — ${esc(outcome)}</h2>
    ${opts.reason ? `<p id="end-reason" class="reason">${esc(opts.reason)}</p>` : ""}
    ${
      r
        ? `<table class="totals">
      <tr><td>Rounds</td><td id="rep-rounds">${r.rounds}</td><td>Kills</td><td>${r.kills}</td></tr>
      <tr><td>Soldiers dead</td><td>${r.soldiersDead}</td><td>Soldiers taken</td><td>${r.soldiersTaken}</td></tr>
      <tr><td>Acid damage</td><td>${r.acidDamage}</td><td>Shots · hits</td><td>${r.shots} · ${r.hits} (${acc}%)</td></tr>
    </table>
    ${opts.map ? `<table class="totals" id="rep-score">${scoreRows(w, opts.map, r).map(([k, v]) => `<tr><td>${esc(k)}</td><td colspan="3">${esc(v)}</td></tr>`).join("")}</table>` : `<table class="totals"><tr><td>Civilians saved</td><td>${r.civiliansSaved}</td></tr></table>`}
    <h3>Per round</h3>${chartSvg(r.perRound ?? [])}`
        : `<p>The server sent no report.</p>`
    }
    <p class="buttons">
      ${opts.matchId ? `<a class="button" id="watch-replay" href="/?replay=${encodeURIComponent(opts.matchId)}">Watch the replay</a> <a class="button" id="download-record" href="/api/matches/${encodeURIComponent(opts.matchId)}/record" download="last-stand-${esc(opts.matchId)}.json">Download the record</a>` : ""}
      <a class="button" href="/">New battle</a>
      ${opts.onClose ? `<button id="close-report">Look at the board <kbd>Esc</kbd></button>` : ""}
    </p></div>`;
  host.querySelector("#close-report")?.addEventListener("click", () => opts.onClose?.());
}
