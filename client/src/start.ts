/** The start page: create a battle, join one by code or link, watch, replay a record. */
import { esc } from "./dom";
import { setTestState } from "./teststate";
import type { ViewerSeat } from "./backend";
import { DRILL_URL, howToPlayHtml } from "./guide/howto";
import { drillOffered, guideOn, markDrillOffered } from "./guide/prefs";
import { heldSeat } from "./seatKeys";

export interface StartChoice {
  kind: "create" | "join" | "offline" | "replay-file" | "replay-id";
  map?: string;
  difficulty?: string;
  seat?: ViewerSeat;
  seed?: number;
  code?: string;
  matchId?: string;
  file?: File;
  waitForPartner?: boolean;
  /** The six scenes in story order, one platoon (no map: the scenes are the campaign's). */
  campaign?: boolean;
}

interface MapInfo {
  id: string;
  name: string;
  width: number;
  height: number;
}

async function fetchMaps(): Promise<MapInfo[]> {
  try {
    const res = await fetch("/api/maps");
    if (res.ok) {
      return (await res.json()) as MapInfo[];
    }
  } catch {
    /* server not reachable: offline only */
  }
  return [];
}

export interface BattleLookup {
  seats: Record<string, string>;
  map: string;
  round: number;
  phase: string;
  /** A campaign's stage and scene (absent for a single battle). */
  campaign?: { stage: string; scene: number; scenes: number };
}

/** What the join card says of a battle or a campaign found by its code. */
export function lookupText(b: BattleLookup): string {
  const c = b.campaign;
  if (!c) return `Map ${b.map}, round ${b.round}.`;
  const where = `Campaign, scene ${c.scene + 1} of ${c.scenes} (${b.map})`;
  if (c.stage === "report") return `${where}: between scenes.`;
  if (c.stage === "over" || c.stage === "complete") return `${where}: the campaign is over.`;
  return `${where}, round ${b.round}.`;
}

export async function lookupBattle(code: string): Promise<BattleLookup | null> {
  try {
    const res = await fetch(`/api/battles/${encodeURIComponent(code)}`);
    if (!res.ok) return null;
    return await res.json();
  } catch {
    return null;
  }
}

const HOLDER_TEXT: Record<string, string> = {
  player: "taken by a player",
  dropped: "held for a dropped player",
  bot: "free (the bot plays it)",
  partner: "free (the partner plays it)",
  open: "free (kept open for you)",
  "": "free",
};

export async function showStart(host: HTMLElement, onChoice: (c: StartChoice) => void, opts: { code?: string; error?: string } = {}): Promise<void> {
  const maps = await fetchMaps();
  const mapOptions = maps
    .map((m) => `<option value="${esc(m.id)}" ${m.id === "last-stand" ? "selected" : ""}>${esc(m.name)}${m.width ? ` (${m.width}×${m.height})` : ""}</option>`)
    .join("");
  // the drill is offered on the first visit (and is always one click away in the header)
  const offer = guideOn() && !drillOffered();
  host.innerHTML = `<div id="start">
    <header class="start-head">
      <h1>LAST STAND</h1>
      <nav class="start-nav"><button id="howto-btn" type="button">How to play</button> <a id="drill-link" class="button" href="${DRILL_URL}">The drill</a></nav>
    </header>
    <p class="tagline">Two sergeants, one platoon, a ring of rifles in the dust. Hold the circle.</p>
    ${opts.error ? `<p class="error-line" role="alert">${esc(opts.error)}</p>` : ""}
    ${offer ? `<div id="drill-offer" class="offer" role="note"><span>First time? The drill teaches the game in five minutes, by doing.</span> <a id="drill-offer-play" class="button primary" href="${DRILL_URL}">Play the drill</a> <button id="drill-offer-skip" type="button">Skip</button></div>` : ""}
    <div class="cards">
      <form id="create-form" class="card">
        <h2>Create a battle</h2>
        <fieldset><legend>Play</legend>
          <label><input type="radio" name="play" value="battle" checked> One battle, on the map you choose</label>
          <label><input type="radio" name="play" value="campaign"> The campaign: six scenes in the story's order, one platoon; the fallen stay gone</label>
        </fieldset>
        <label id="create-map-label">Map <select id="create-map" name="map">${mapOptions}</select></label>
        <button id="create-btn" class="primary big" type="submit">Create battle</button>
        <label>Difficulty <select id="create-difficulty" name="difficulty">
          <option value="easy">easy</option><option value="normal" selected>normal</option><option value="hard">hard</option></select></label>
        <fieldset><legend>Your seat</legend>
          <label><input type="radio" name="seat" value="takumi" checked> Sergeant Takumi <small>(the better shot)</small></label>
          <label><input type="radio" name="seat" value="wang"> Sergeant Wang <small>(throws farther, carries)</small></label>
        </fieldset>
        <label>Seed <input id="create-seed" name="seed" type="number" min="0" placeholder="random"></label>
        <fieldset><legend>Partner</legend>
          <label><input type="radio" name="partner" value="bot" checked> Play alone: the bot commands the other squad (a friend may still join and take it)</label>
          <label><input type="radio" name="partner" value="wait"> Wait for a friend: keep his seat open</label>
        </fieldset>
        <p class="hint">Your partner joins with the code or the link you get.</p>
      </form>
      <form id="join-form" class="card">
        <h2>Join a battle</h2>
        <label>Code <input id="join-code-input" name="code" autocomplete="off" placeholder="ABCDEFGH" value="${esc(opts.code ?? "")}" maxlength="16"></label>
        <div id="join-seats" aria-live="polite"></div>
        <fieldset><legend>Seat</legend>
          <label><input type="radio" name="jseat" value="wang" checked> Sergeant Wang</label>
          <label><input type="radio" name="jseat" value="takumi"> Sergeant Takumi</label>
          <label><input type="radio" name="jseat" value="spectator"> Watch as a spectator</label>
        </fieldset>
        <button id="join-btn" class="primary" type="submit">Join</button>
      </form>
      <div class="card">
        <h2>Replays &amp; practice</h2>
        <form id="replay-form"><label>Match id <input id="replay-id" placeholder="ABCDE"></label> <button type="submit">Watch replay</button></form>
        <label>Or a record file <input id="replay-file" type="file" accept=".json,application/json"></label>
        <p><a id="offline-link" href="/?offline=1">Offline practice (no server; the bot is your partner)</a></p>
      </div>
    </div>
    <dialog id="howto-dialog" aria-labelledby="howto-title">
      <h2 id="howto-title" tabindex="-1" autofocus>How to play</h2>
      ${howToPlayHtml()}
      <p class="howto-foot"><a class="button primary" href="${DRILL_URL}">Learn it by doing: the drill</a> <button id="howto-close" type="button">Close</button></p>
    </dialog>
  </div>`;
  const $ = <T extends HTMLElement>(id: string) => host.querySelector<T>(`#${id}`)!;
  // a player who goes straight to a battle has turned the drill's offer down (it stays in the header)
  const offerDeclined = () => {
    if (offer) markDrillOffered("skipped");
  };
  $("create-form").addEventListener("submit", (e) => {
    e.preventDefault();
    offerDeclined();
    const f = new FormData(e.target as HTMLFormElement);
    const seedText = String(f.get("seed") ?? "");
    const campaign = f.get("play") === "campaign";
    onChoice({
      kind: "create",
      ...(campaign ? { campaign: true } : { map: String(f.get("map")) }),
      difficulty: String(f.get("difficulty")),
      seat: String(f.get("seat")) as ViewerSeat,
      seed: seedText ? Number(seedText) : undefined,
      waitForPartner: f.get("partner") === "wait",
    });
  });
  // a campaign's maps are its scenes: no map to choose
  const playChanged = () => {
    const campaign = host.querySelector<HTMLInputElement>("input[name=play]:checked")?.value === "campaign";
    $("create-map-label").hidden = campaign;
    $("create-btn").textContent = campaign ? "Start the campaign" : "Create battle";
  };
  host.querySelectorAll<HTMLInputElement>("input[name=play]").forEach((r) => r.addEventListener("change", playChanged));
  const codeInput = $<HTMLInputElement>("join-code-input");
  const seatsBox = $("join-seats");
  let lookupTimer = 0;
  const lookup = async () => {
    const code = codeInput.value.trim().toUpperCase();
    // looked up once whole (lookups are budgeted per address): eight letters, or five for older battles
    if (code.length !== 8 && code.length !== 5) {
      seatsBox.innerHTML = "";
      return;
    }
    const b = await lookupBattle(code);
    if (!b) {
      seatsBox.innerHTML = `<p class="error-line">No battle with the code ${esc(code)}.</p>`;
      return;
    }
    seatsBox.innerHTML = `<p id="join-what">${esc(lookupText(b))}</p><ul class="seat-list">${(["takumi", "wang"] as const)
      .map((s) => `<li data-seat="${s}">${s === "takumi" ? "Takumi" : "Wang"}: ${esc(HOLDER_TEXT[b.seats[s]] ?? b.seats[s])}</li>`)
      .join("")}</ul>`;
    // A seat is this browser's only with its key (kept since it first took it); else the code watches
    // and a seat needs the invite link (docs/PROTOCOL.md, "Seats and keys").
    const held = heldSeat(code)?.key;
    if (!held) seatsBox.insertAdjacentHTML("beforeend", `<p class="hint" id="join-watch-hint">The code lets you watch. To play, open the invite link your partner sends ("Copy link").</p>`);
    // (with the key, joining takes his own seat whichever is picked here, unless he picks watching)
    const free = (["wang", "takumi"] as const).find((s) => b.seats[s] !== "player" && b.seats[s] !== "dropped");
    const pick = held ? (free ?? "wang") : "spectator";
    host.querySelector<HTMLInputElement>(`input[name=jseat][value=${pick}]`)!.checked = true;
  };
  codeInput.addEventListener("input", () => {
    clearTimeout(lookupTimer);
    lookupTimer = window.setTimeout(lookup, 250);
  });
  if (opts.code) void lookup();
  $("join-form").addEventListener("submit", (e) => {
    e.preventDefault();
    offerDeclined();
    const f = new FormData(e.target as HTMLFormElement);
    const code = String(f.get("code") ?? "").trim().toUpperCase();
    if (!code) return;
    onChoice({ kind: "join", code, seat: String(f.get("jseat")) as ViewerSeat });
  });
  $("replay-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const id = $<HTMLInputElement>("replay-id").value.trim().toUpperCase();
    if (id) onChoice({ kind: "replay-id", matchId: id });
  });
  $<HTMLInputElement>("replay-file").addEventListener("change", (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) onChoice({ kind: "replay-file", file });
  });
  const howto = $<HTMLDialogElement>("howto-dialog");
  $("howto-btn").addEventListener("click", () => howto.showModal());
  $("howto-close").addEventListener("click", () => howto.close());
  // a click on the backdrop closes it too
  howto.addEventListener("click", (e) => {
    if (e.target === howto) howto.close();
  });
  $("drill-link").addEventListener("click", () => markDrillOffered("played"));
  if (offer) {
    $("drill-offer-play").addEventListener("click", () => markDrillOffered("played"));
    $("drill-offer-skip").addEventListener("click", () => {
      markDrillOffered("skipped");
      $("drill-offer").remove();
    });
  }
  setTestState({ ready: false, page: "start", startReady: true, phase: "start", drillOffer: offer });
}
