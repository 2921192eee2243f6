/**
 * The replay viewer: plays a match record (from the server's record endpoint or a file) with a
 * timeline to scrub back and forth. States come from the engine (createBattle + apply per logged
 * command); the final hash is checked against the engine's own `replay()`.
 */
import * as engine from "./engine";
import type { BattleEvent, BattleState, MapDef, MatchRecord } from "./engine";
import { BoardRenderer, emptyOverlay } from "./board";
import { loadMap } from "./maps";
import { describeEvent } from "./words";
import { renderReport } from "./report";
import { esc } from "./dom";
import { setTestState } from "./teststate";
import { replayWire } from "./replayWire";
import { inForceText, orderNotes, ordersGivenAt, ordersInForce, type OrderNote } from "./replayOrders";

/** The controls' icons drawn in SVG: the media glyphs (⏮ ⏭ ⏸) are missing from many fonts. */
const icon = (d: string) => `<svg class="rp-icon" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="${d}" fill="currentColor"/></svg>`;
export const ICONS = {
  start: icon("M2 2h2v10H2zM12 2v10L5 7z"),
  back: icon("M11 2v10L4 7z"),
  play: icon("M3 2v10l9-5z"),
  pause: icon("M3 2h3v10H3zM8 2h3v10H8z"),
  fwd: icon("M3 2v10l7-5z"),
  end: icon("M2 2v10l7-5zM10 2h2v10h-2z"),
};
/** Replay speeds offered (steps per second at ×1: about two). */
const SPEEDS = [0.5, 1, 2, 4, 8];

interface Frame {
  state: BattleState;
  events: BattleEvent[];
  hash: string;
  label: string;
}

export async function fetchRecord(id: string): Promise<MatchRecord> {
  const res = await fetch(`/api/matches/${encodeURIComponent(id)}/record`);
  if (!res.ok) {
    let msg = `HTTP ${res.status}`;
    try {
      msg = ((await res.json()) as { message?: string }).message ?? msg;
    } catch {
      /* not JSON */
    }
    throw new Error(`Could not load match ${id}: ${msg}`);
  }
  return (await res.json()) as MatchRecord;
}

export class ReplayViewer {
  private frames: Frame[] = [];
  private index = 0;
  private board!: BoardRenderer;
  private resizer: ResizeObserver | null = null;
  private timer = 0;
  private map!: MapDef;
  private engineHash = "";
  private playing = false;
  private speed = 1;
  /** The standing orders given to the bot partner, from the record. */
  private orders: OrderNote[] = [];

  constructor(
    private host: HTMLElement,
    private record: MatchRecord,
  ) {}

  async start(): Promise<void> {
    this.map = await loadMap(this.record.map.id);
    this.orders = orderNotes(this.record);
    this.build();
    const result = engine.replay(this.record, this.map);
    this.engineHash = result.hash;
    let state = engine.createBattle(this.map, this.record.seed, this.record.options);
    this.frames.push({ state, events: [], hash: engine.hashState(state), label: "start" });
    for (const [i, c] of this.record.log.entries()) {
      const r = engine.apply(state, { seat: c.seat, action: c.action });
      if (!r.ok) {
        this.note(`Step ${i + 1} was refused by this engine (${r.code}: ${r.message}); the replay stops there.`);
        break;
      }
      state = r.state;
      const a = c.action;
      const label = `${c.seat}: ${a.type}${"unit" in a ? ` ${a.unit}` : ""}${"to" in a ? ` → ${a.to.x},${a.to.y}` : ""}${"target" in a ? ` → ${a.target}` : ""}${a.type === "ready" ? ` ${a.ready}` : ""}`;
      this.frames.push({ state, events: r.events, hash: engine.hashState(state), label });
    }
    if (result.error) this.note(`Engine replay: ${result.error}`);
    // the canvas fills its host, whose size the layout gives (layout.css), and follows it
    const boardHost = this.host.querySelector<HTMLElement>("#replay-board")!;
    const size = () => ({ w: Math.max(100, boardHost.clientWidth), h: Math.max(100, boardHost.clientHeight) });
    const { w, h } = size();
    this.board = await BoardRenderer.create(boardHost, w, h);
    let last = `${w}x${h}`;
    this.resizer = new ResizeObserver(() => {
      const s = size();
      if (`${s.w}x${s.h}` === last) return;
      last = `${s.w}x${s.h}`;
      this.board?.resize(s.w, s.h);
    });
    this.resizer.observe(boardHost);
    const slider = this.host.querySelector<HTMLInputElement>("#timeline")!;
    slider.max = String(this.frames.length - 1);
    this.show(this.frames.length - 1);
    window.addEventListener("keydown", this.onKey);
  }

  private note(text: string): void {
    const n = this.host.querySelector("#replay-note")!;
    n.textContent = text;
  }

  private build(): void {
    this.host.innerHTML = `<div id="replay">
      <header id="top"><span class="title">LAST STAND — replay</span>
        <span class="pill">Map ${esc(this.record.map.id)}</span><span class="pill">Seed ${this.record.seed}</span>
        <span class="pill">${this.record.log.length} commands</span>
        <span class="pill" id="replay-round"></span><span class="pill" id="rp-order" hidden></span><span class="grow"></span><a class="button" href="/">Start page</a></header>
      <div id="replay-board"></div>
      <div id="replay-controls">
        <button id="rp-start" title="To the start (Home)" aria-label="To the start">${ICONS.start}</button><button id="rp-back" title="Step back (←)" aria-label="Step back">${ICONS.back}</button>
        <button id="rp-play" title="Play / pause (Space)">${ICONS.play} Play</button><button id="rp-fwd" title="Step forward (→)" aria-label="Step forward">${ICONS.fwd}</button>
        <button id="rp-end" title="To the end (End)" aria-label="To the end">${ICONS.end}</button>
        <input type="range" id="timeline" min="0" max="0" value="0" aria-label="Timeline">
        <span id="rp-pos" class="pill"></span>
        <label class="pill">Speed <select id="rp-speed" title="Replay speed (- and +)">${SPEEDS.map((v) => `<option value="${v}" ${v === 1 ? "selected" : ""}>×${v}</option>`).join("")}</select></label>
      </div>
      <p id="rp-label"></p>
      <p id="rp-orders" class="rp-orders" aria-live="polite"></p>
      <p class="checked"><span id="hash-ok"></span></p>
      <p id="replay-note" class="warn"></p>
      <div id="replay-report"></div>
    </div>`;
    const $ = (id: string) => this.host.querySelector<HTMLElement>(`#${id}`)!;
    $("rp-start").onclick = () => this.show(0);
    $("rp-end").onclick = () => this.show(this.frames.length - 1);
    $("rp-back").onclick = () => this.show(this.index - 1);
    $("rp-fwd").onclick = () => void this.stepForward();
    $("rp-play").onclick = () => this.togglePlay();
    ($("timeline") as HTMLInputElement).oninput = (e) => this.show(Number((e.target as HTMLInputElement).value));
    ($("rp-speed") as HTMLSelectElement).onchange = (e) => this.setSpeed(Number((e.target as HTMLSelectElement).value));
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowLeft") this.show(this.index - 1);
    else if (e.key === "ArrowRight") void this.stepForward();
    else if (e.key === " ") this.togglePlay();
    else if (e.key === "Home") this.show(0);
    else if (e.key === "End") this.show(this.frames.length - 1);
    else if (e.key === "+" || e.key === "=" || e.key === "-") this.stepSpeed(e.key === "-" ? -1 : 1);
    else return;
    e.preventDefault();
  };

  private setSpeed(v: number): void {
    this.speed = SPEEDS.includes(v) ? v : 1;
    this.host.querySelector<HTMLSelectElement>("#rp-speed")!.value = String(this.speed);
    setTestState({ replaySpeed: this.speed });
  }

  private stepSpeed(dir: 1 | -1): void {
    const i = SPEEDS.indexOf(this.speed);
    this.setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i + dir))]);
  }

  private playButton(): void {
    this.host.querySelector("#rp-play")!.innerHTML = this.playing ? `${ICONS.pause} Pause` : `${ICONS.play} Play`;
  }

  private togglePlay(): void {
    this.playing = !this.playing;
    this.playButton();
    if (this.playing) {
      if (this.index >= this.frames.length - 1) this.show(0);
      void this.loop();
    }
  }

  private async loop(): Promise<void> {
    while (this.playing && this.index < this.frames.length - 1) {
      await this.stepForward();
      await new Promise((r) => (this.timer = window.setTimeout(r, 250 / this.speed)));
    }
    this.playing = false;
    this.playButton();
  }

  private async stepForward(): Promise<void> {
    if (this.index >= this.frames.length - 1) return;
    const next = this.frames[this.index + 1];
    if (next.events.length) {
      this.board.speed = 2 * this.speed;
      await this.board.animate(next.events);
    }
    this.show(this.index + 1);
  }

  private show(i: number): void {
    if (!this.frames.length) return;
    this.index = Math.max(0, Math.min(this.frames.length - 1, i));
    const f = this.frames[this.index];
    const wire = replayWire(f.state);
    this.board.setScene(this.map, wire, "spectator");
    this.board.setOverlay(emptyOverlay());
    (this.host.querySelector("#timeline") as HTMLInputElement).value = String(this.index);
    this.host.querySelector("#rp-pos")!.textContent = `step ${this.index} / ${this.frames.length - 1}`;
    this.host.querySelector("#replay-round")!.textContent = `Round ${f.state.round}${f.state.outcome ? ` · ${f.state.outcome}` : ""}`;
    this.host.querySelector("#rp-label")!.textContent =
      `${f.label}${f.events.length ? " — " + f.events.map((e) => describeEvent(e, wire)).filter(Boolean).slice(0, 6).join("; ") : ""}`;
    // the standing orders: said at the step they were given, the one in force in the header
    const given = ordersGivenAt(this.orders, this.index);
    this.host.querySelector("#rp-orders")!.textContent = given.map((n) => n.text).join(" · ");
    const force = inForceText(ordersInForce(this.orders, this.index));
    const pill = this.host.querySelector<HTMLElement>("#rp-order")!;
    pill.textContent = force;
    pill.hidden = !force;
    const last = this.frames[this.frames.length - 1];
    const ok = last.hash === this.engineHash;
    // checked, not shown: a player reads whether the replay is the battle as played, never a hash
    this.host.querySelector("#hash-ok")!.textContent = ok ? "✔ This replay matches the battle as it was played." : "✘ This replay differs from the battle as it was played.";
    const rep = this.host.querySelector<HTMLElement>("#replay-report")!;
    if (f.state.phase === "ended" && this.index === this.frames.length - 1) renderReport(rep, wire, { map: this.map });
    else rep.innerHTML = "";
    setTestState({
      ready: true,
      seat: "spectator",
      round: f.state.round,
      phase: f.state.phase,
      replay: { index: this.index, steps: this.frames.length - 1, hash: f.hash, finalHash: last.hash, engineHash: this.engineHash, orders: given.map((n) => n.text), inForce: force },
    });
  }

  destroy(): void {
    clearTimeout(this.timer);
    window.removeEventListener("keydown", this.onKey);
    this.resizer?.disconnect();
    this.board?.destroy();
  }
}
