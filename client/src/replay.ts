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
  private timer = 0;
  private map!: MapDef;
  private engineHash = "";
  private playing = false;

  constructor(
    private host: HTMLElement,
    private record: MatchRecord,
  ) {}

  async start(): Promise<void> {
    this.map = await loadMap(this.record.map.id);
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
    const { w, h } = { w: Math.min(1280, window.innerWidth - 40), h: Math.min(640, window.innerHeight - 200) };
    this.board = await BoardRenderer.create(this.host.querySelector("#replay-board")!, w, h);
    const slider = this.host.querySelector<HTMLInputElement>("#timeline")!;
    slider.max = String(this.frames.length - 1);
    this.host.querySelector("#final-hash")!.textContent = this.frames[this.frames.length - 1].hash;
    this.host.querySelector("#engine-hash")!.textContent = this.engineHash;
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
        <span class="pill" id="replay-round"></span><span class="grow"></span><a class="button" href="/">Start page</a></header>
      <div id="replay-board"></div>
      <div id="replay-controls">
        <button id="rp-start" title="Home">⏮</button><button id="rp-back" title="Step back (←)">◀</button>
        <button id="rp-play" title="Play / pause (Space)">▶ Play</button><button id="rp-fwd" title="Step forward (→)">▶</button>
        <button id="rp-end" title="End">⏭</button>
        <input type="range" id="timeline" min="0" max="0" value="0" aria-label="Timeline">
        <span id="rp-pos" class="pill"></span>
      </div>
      <p id="rp-label"></p>
      <p class="hashes">Hash at this step: <code id="step-hash"></code> · final: <code id="final-hash"></code> · engine replay(): <code id="engine-hash"></code> <span id="hash-ok"></span></p>
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
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowLeft") this.show(this.index - 1);
    else if (e.key === "ArrowRight") void this.stepForward();
    else if (e.key === " ") this.togglePlay();
    else if (e.key === "Home") this.show(0);
    else if (e.key === "End") this.show(this.frames.length - 1);
    else return;
    e.preventDefault();
  };

  private togglePlay(): void {
    this.playing = !this.playing;
    this.host.querySelector("#rp-play")!.textContent = this.playing ? "⏸ Pause" : "▶ Play";
    if (this.playing) {
      if (this.index >= this.frames.length - 1) this.show(0);
      void this.loop();
    }
  }

  private async loop(): Promise<void> {
    while (this.playing && this.index < this.frames.length - 1) {
      await this.stepForward();
      await new Promise((r) => (this.timer = window.setTimeout(r, 250)));
    }
    this.playing = false;
    this.host.querySelector("#rp-play")!.textContent = "▶ Play";
  }

  private async stepForward(): Promise<void> {
    if (this.index >= this.frames.length - 1) return;
    const next = this.frames[this.index + 1];
    if (next.events.length) {
      this.board.speed = 2;
      await this.board.animate(next.events);
    }
    this.show(this.index + 1);
  }

  private show(i: number): void {
    if (!this.frames.length) return;
    this.index = Math.max(0, Math.min(this.frames.length - 1, i));
    const f = this.frames[this.index];
    const view = engine.viewFor(f.state, "spectator");
    // A replay shows everything: lift the fog.
    view.visible = new Uint8Array(view.visible.length).fill(1);
    const wire = engine.toWire({ ...view, units: f.state.units.map((u) => ({ ...u })), intents: f.state.intents.map((i) => ({ ...i, lastKnown: false, lastSeen: null })), layers: f.state.layers });
    this.board.setScene(this.map, wire, "spectator");
    this.board.setOverlay(emptyOverlay());
    (this.host.querySelector("#timeline") as HTMLInputElement).value = String(this.index);
    this.host.querySelector("#rp-pos")!.textContent = `step ${this.index} / ${this.frames.length - 1}`;
    this.host.querySelector("#replay-round")!.textContent = `Round ${f.state.round}${f.state.outcome ? ` · ${f.state.outcome}` : ""}`;
    this.host.querySelector("#rp-label")!.textContent =
      `${f.label}${f.events.length ? " — " + f.events.map((e) => describeEvent(e, wire)).filter(Boolean).slice(0, 6).join("; ") : ""}`;
    this.host.querySelector("#step-hash")!.textContent = f.hash;
    const last = this.frames[this.frames.length - 1];
    const ok = last.hash === this.engineHash;
    this.host.querySelector("#hash-ok")!.textContent = ok ? "✔ matches" : "✘ differs";
    const rep = this.host.querySelector<HTMLElement>("#replay-report")!;
    if (f.state.phase === "ended" && this.index === this.frames.length - 1) renderReport(rep, wire, { map: this.map });
    else rep.innerHTML = "";
    setTestState({
      ready: true,
      seat: "spectator",
      round: f.state.round,
      phase: f.state.phase,
      replay: { index: this.index, steps: this.frames.length - 1, hash: f.hash, finalHash: last.hash, engineHash: this.engineHash },
    });
  }

  destroy(): void {
    clearTimeout(this.timer);
    window.removeEventListener("keydown", this.onKey);
    this.board?.destroy();
  }
}
