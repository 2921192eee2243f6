/**
 * The header (one row at 1280 px) and the partner's banner: round and level, phase, objective
 * (its title says why the ring is where it is), the join code, each seat with who holds it and
 * whether it is ready, the Ready button, the turn's clock.
 */
import type { MapDef, Seat, WireState } from "../engine";
import { otherSeat, SEATS } from "../engine";
import type { Backend, RoomInfo, ViewerSeat } from "../backend";
import { PHASE_TEXT, put, ringReason } from "../hud";
import { objectiveLine } from "../objective";
import { SEAT_NAME, sceneTitle } from "../words";
import { esc } from "../dom";
import type { ShellEls } from "./shell";

export interface HeaderCtx {
  wire: WireState;
  map: MapDef;
  info: RoomInfo;
  seat: ViewerSeat;
  kind: Backend["kind"];
  /** The board's level shown (multi-level maps say it beside the round). */
  level: number;
  /** The phase being played back (enemy, environment), or null at the squad's turn. */
  animPhase: string | null;
  takeover(): void;
}

/** Whether a seat has marked ready in this state. */
export const seatReady = (w: WireState, seat: Seat): boolean => (seat === "takumi" ? w.readyTakumi : w.readyWang);

const HOLDER_WORDS: Record<string, string> = { player: "player", dropped: "dropped", bot: "bot", partner: "partner plays", open: "waiting for a player" };

export function renderHeader(els: ShellEls, c: HeaderCtx): void {
  const { wire: w, map: m, info } = c;
  els.round.textContent = `Round ${w.round}/${m.maxRounds}${m.levels > 1 ? ` · L${c.level}` : ""}`;
  els.phase.textContent = c.animPhase ? PHASE_TEXT[c.animPhase] : w.phase === "ended" ? `Over: ${w.outcome || "ended"}` : "Your move";
  els.objective.textContent = objectiveLine(w, m);
  const camp = info.campaign;
  els.scene.hidden = !camp.stage;
  // in a campaign the scene's name stands where the game's title was (one header row at 1280 px)
  els.top.classList.toggle("campaign", !!camp.stage);
  if (camp.stage) els.scene.textContent = sceneTitle(camp.scene, camp.scenes, camp.summary?.scenes[camp.scene]?.place ?? "");
  els.objective.title = m.perimeter ? ringReason(w, m.perimeter.squeezeCorpses, m.perimeter.squeezeEveryRounds) : "";
  renderCode(els, c);
  const enemyTurn = !!c.animPhase;
  const seatHtml = SEATS.map((s) => {
    const holder = info.holders[s];
    const ready = seatReady(w, s);
    const you = c.seat === s ? " (you)" : "";
    const who = HOLDER_WORDS[holder] ?? "empty";
    const state = w.phase === "ended" ? "" : enemyTurn ? " · waits" : ready ? " · ✔ ready" : " · acting";
    return `<span class="pill seat seat-${s} ${ready && !enemyTurn ? "is-ready" : ""}" data-seat="${s}" title="${SEAT_NAME[s]}: ${who}">${SEAT_NAME[s]}${you}${c.seat === s || holder === "player" ? "" : ` (${who})`}${state}</span>`;
  }).join(" ");
  put(els.seats, seatHtml + (info.spectators ? ` <span class="pill">${info.spectators} watching</span>` : ""));
  if (c.seat !== "spectator") renderMine(els, c, c.seat);
}

function renderCode(els: ShellEls, c: HeaderCtx): void {
  const code = c.info.code;
  if (code && c.kind === "online") {
    // "Copy link" gives the friend the free seat (its invite) while there is one; the watch link, a view
    const watch = `${location.origin}/?join=${encodeURIComponent(code)}`;
    const link = c.info.invite ? `${watch}&invite=${encodeURIComponent(c.info.invite)}` : watch;
    const watchButton = c.info.invite ? ` <button id="copy-watch" title="${esc(watch)}">Watch link</button>` : "";
    if (put(els.codeBox, `<span class="pill code">Code <b id="join-code">${esc(code)}</b></span> <button id="copy-link" title="${esc(link)}">Copy link</button>${watchButton}`)) {
      els.codeBox.querySelector("#copy-link")!.addEventListener("click", () => void navigator.clipboard?.writeText(link));
      els.codeBox.querySelector("#copy-watch")?.addEventListener("click", () => void navigator.clipboard?.writeText(watch));
    }
  } else if (c.kind === "offline") put(els.codeBox, `<span class="pill">Offline</span>`);
}

/** The Ready button and the partner's banner (his seat dropped, open, played by the bot, or by you). */
function renderMine(els: ShellEls, c: HeaderCtx, seat: Seat): void {
  const { wire: w, info } = c;
  // between a campaign's scenes the button marks ready to go on
  const mineReady = info.campaign.stage === "report" ? info.campaign.ready[seat] : seatReady(w, seat);
  put(els.btnReady, mineReady ? "Not ready <kbd>E</kbd>" : "Ready <kbd>E</kbd>");
  els.btnReady.classList.toggle("on", mineReady);
  const other = otherSeat(seat);
  const holder = info.holders[other];
  const pb = els.partnerBanner;
  // a squad with no soldier left standing is not offered for takeover
  const otherAlive = Object.values(w.units).some((u) => u.seat === other && u.fate === "active");
  const held = info.reconnectSeconds;
  if (holder === "dropped") {
    put(pb, `${SEAT_NAME[other]} lost the connection. His seat is held${held ? ` for ${held} s` : ""} for him to come back.`);
    pb.classList.add("show");
  } else if ((holder === "bot" || holder === "open") && c.kind === "online" && otherAlive && w.phase !== "ended") {
    const sergeantUp = Object.values(w.units).some((u) => u.seat === other && u.kind === other && u.fate === "active");
    // "late" only for a sergeant dead or taken: one who got out left his privates, he did not fall
    const fell = Object.values(w.units).some((u) => u.seat === other && u.kind === other && (u.fate === "dead" || u.fate === "taken"));
    const whose = sergeantUp ? `${SEAT_NAME[other]}'s squad` : fell ? `the late Sergeant ${SEAT_NAME[other]}'s privates` : `Sergeant ${SEAT_NAME[other]}'s privates (he got out)`;
    const text = `${holder === "bot" ? `The bot commands ${whose}.` : `${SEAT_NAME[other]}'s seat is open: share the code.`} <button id="btn-takeover">${sergeantUp ? "Take his squad over" : "Command his privates"}</button>`;
    if (put(pb, text)) pb.querySelector("#btn-takeover")!.addEventListener("click", () => c.takeover());
    pb.classList.add("show");
  } else if (holder === "partner") {
    put(pb, `You command ${SEAT_NAME[other]}'s squad as well.`);
    pb.classList.add("show");
  } else pb.classList.remove("show");
}

/** The turn's clock (online, at the squad's turn), red in its last ten seconds. */
export function renderTimer(t: HTMLElement, wire: WireState | null, deadline: number, now: number): void {
  if (!deadline || !wire || wire.phase !== "player") {
    t.hidden = true;
    return;
  }
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));
  t.hidden = false;
  t.textContent = `⏱ ${left} s`;
  t.classList.toggle("conn-lost", left <= 10);
}
