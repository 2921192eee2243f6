/**
 * The battle screen: board + HUD + input. It keeps the selection and the pointer, asks the engine
 * (on the view made from the wire state) for every preview, sends actions to the backend, shows
 * refusals in words, plays the `events` of each step as animation, and shows the report at the end.
 */
import * as engine from "./engine";
import type { Action, BattleEvent, BattleState, Pos, Seat, WireState, WireUnit } from "./engine";
import { BoardRenderer, emptyOverlay, UNIT_LETTER, type Overlay, type PingMark } from "./board";
import type { Backend, ConnectionStatus, RoomInfo } from "./backend";
import { renderReport } from "./report";
import { el, esc } from "./dom";
import { setTestState, getTestState } from "./teststate";

type Mode = "move" | "shoot" | "calledShot" | "butt" | "grenade";
const OTHER: Record<Seat, Seat> = { takumi: "wang", wang: "takumi" };
const SEAT_NAME: Record<string, string> = { takumi: "Takumi", wang: "Wang", spectator: "Spectator" };
const TERRAIN_LABEL = ["street", "rubble (half cover)", "wall", "vehicle (full cover)", "manhole", "exit", "stairs", "hole"];

const PHASE_TEXT: Record<string, string> = {
  enemy: "Enemy phase",
  environment: "Environment phase",
  player: "Player phase",
};

export class BattleScreen {
  private board!: BoardRenderer;
  private wire: WireState | null = null;
  private info: RoomInfo;
  private view: BattleState | null = null;
  private pendingWire: WireState | null = null;
  private selected: string | null = null;
  private mode: Mode = "move";
  private target: string | null = null;
  private cursor: Pos | null = null;
  private pings: PingMark[] = [];
  private partnerPointer: Pos | null = null;
  private legal: Action[] = [];
  private queue: { round: number; events: BattleEvent[] }[] = [];
  private playing = false;
  private fast = false;
  private animPhase: string | null = null;
  private lastPointerSent = 0;
  private bannerTimer = 0;
  private errorTimer = 0;
  private reportShown = false;
  private logLines: string[] = [];
  private root: HTMLElement;
  private els: Record<string, HTMLElement> = {};
  private destroyed = false;
  private pingKind: PingMark["kind"] = "danger";
  private lastConnection: ConnectionStatus = "connected";

  constructor(
    private host: HTMLElement,
    private backend: Backend,
  ) {
    this.info = backend.info;
    this.root = el("div", { id: "battle" });
    host.replaceChildren(this.root);
  }

  get seat(): Seat | "spectator" {
    return this.backend.seat;
  }

  async start(): Promise<void> {
    this.buildDom();
    const { w, h } = this.canvasSize();
    this.board = await BoardRenderer.create(this.els.boardHost, w, h);
    const sp = Number(new URLSearchParams(location.search).get("speed") ?? "");
    if (sp > 0) this.board.speed = sp;
    this.board.onTile((tile, kind, ev) => this.onTile(tile, kind, ev?.shiftKey ?? false, ev?.ctrlKey ?? false));
    window.addEventListener("resize", this.onResize);
    window.addEventListener("keydown", this.onKey);
    this.timerInterval = window.setInterval(() => this.renderTimer(), 500);
    setTestState({ seat: this.seat, ready: false, round: 0, phase: "loading", animating: false, mode: this.backend.kind });
    (window as unknown as { __lastStandDebug: unknown }).__lastStandDebug = {
      drop: (holdMs?: number) => this.backend.dropConnection?.(holdMs),
      tileCenter: (x: number, y: number) => this.tileClientPoint(x, y),
      wire: () => this.wire,
      backend: this.backend,
      selected: () => this.selected,
      legal: () => this.legal,
      frames: () => this.board.frames,
      renderer: () => `${this.board.app.renderer.name} ${this.board.app.renderer.width}x${this.board.app.renderer.height}`,
      screen: this,
    };
    this.backend.setHandlers({
      state: (wire, info) => this.onState(wire, info),
      events: (round, events) => this.onEvents(round, events),
      error: (code, message) => this.showError(code, message),
      ping: (p) => this.addPing(p),
      pointer: (seat, pos) => {
        if (seat !== this.seat) {
          this.partnerPointer = pos;
          this.refreshOverlay();
          setTestState({ partnerPointer: pos });
        }
      },
      connection: (status, detail) => this.onConnection(status, detail),
    });
  }

  /** Client (page) coordinates of a tile centre, for tests. */
  tileClientPoint(x: number, y: number): { x: number; y: number } {
    const rect = this.board.app.canvas.getBoundingClientRect();
    const c = this.board.tileCenter(x, y);
    const sx = rect.width / this.board.app.renderer.width;
    const sy = rect.height / this.board.app.renderer.height;
    return { x: rect.left + c.x * sx, y: rect.top + c.y * sy };
  }

  private canvasSize(): { w: number; h: number } {
    const side = this.els.side?.offsetWidth || 320;
    const top = this.els.top?.offsetHeight || 48;
    const w = Math.max(480, Math.min(1280, window.innerWidth - side - 24));
    const h = Math.max(360, Math.min(720, window.innerHeight - top - 16));
    return { w, h };
  }

  private onResize = () => {
    if (!this.board) return;
    const { w, h } = this.canvasSize();
    this.board.resize(w, h);
    this.refreshOverlay();
  };

  // ---- DOM ------------------------------------------------------------------------------------

  private buildDom(): void {
    const r = this.root;
    r.innerHTML = `
      <header id="top">
        <span class="title">LAST STAND</span>
        <span id="round" class="pill">Round –</span>
        <span id="phase" class="pill">–</span>
        <span id="objective" class="pill"></span>
        <span id="code-box"></span>
        <span id="seats"></span>
        <span id="timer" class="pill" hidden></span>
        <span id="conn" class="pill"></span>
        <span class="grow"></span>
        <button id="btn-speed" title="Speed up the enemy phase (F)">Speed ×1 (F)</button>
        <button id="btn-help" title="Keyboard (?)">Keys (?)</button>
        <button id="btn-leave">Leave</button>
      </header>
      <div id="main">
        <div id="board-host"></div>
        <aside id="side">
          <section id="unit-panel" aria-live="polite"></section>
          <section id="actions">
            <div class="row">
              <button data-act="move" title="Move (M)">Move <kbd>M</kbd></button>
              <button data-act="shoot" title="Shoot (S)">Shoot <kbd>S</kbd></button>
              <button data-act="calledShot" title="Called shot at a grabber's arm (C)">Arm shot <kbd>C</kbd></button>
            </div>
            <div class="row">
              <button data-act="grenade" title="Grenade (G)">Grenade <kbd>G</kbd></button>
              <button data-act="butt" title="Rifle butt (B)">Butt <kbd>B</kbd></button>
              <button data-act="overwatch" title="Overwatch (O)">Overwatch <kbd>O</kbd></button>
            </div>
            <div class="row">
              <button data-act="reload" title="Reload (R)">Reload <kbd>R</kbd></button>
              <button data-act="undo" title="Undo the last move (U)">Undo <kbd>U</kbd></button>
              <button data-act="ready" id="btn-ready" class="primary" title="Mark ready: end your phase (E)">Ready <kbd>E</kbd></button>
            </div>
            <div class="row pings">
              <span>Ping (right click):</span>
              <button data-ping="danger" class="on">⚠ Danger <kbd>1</kbd></button>
              <button data-ping="move">▼ Move <kbd>2</kbd></button>
              <button data-ping="target">⊕ Target <kbd>3</kbd></button>
            </div>
          </section>
          <section id="target-panel"></section>
          <section id="squad-panel"></section>
          <section id="tile-panel"></section>
          <section id="intent-panel"></section>
          <section id="log-panel"><h3>Log</h3><ol id="log"></ol></section>
          <section id="legend">
            <h3>Legend</h3>
            <div class="legend-grid">
              <span><i class="sw street"></i>street</span><span><i class="sw rubble"></i>rubble · half cover</span>
              <span><i class="sw wall"></i>wall · blocks</span><span><i class="sw vehicle"></i>VEH · full cover</span>
              <span><i class="sw manhole"></i>M manhole · spawns</span><span><i class="sw exit"></i>EXIT</span>
              <span><i class="sw acid"></i>acid (drops = intensity)</span><span>✕ corpse · ? noise</span>
              <span>● soldier (T, W, P)</span><span>◆ Snatcher ▲ Leaper ⬢ Spitter</span>
              <span class="ring-key">▭ the line · ┅ next round</span><span>① intent order · −N damage</span>
            </div>
          </section>
        </aside>
      </div>
      <div id="banner" aria-live="polite"></div>
      <div id="error-box" role="alert"></div>
      <div id="conn-banner" role="status"></div>
      <div id="partner-banner" role="status"></div>
      <div id="help" hidden>
        <h3>Keyboard</h3>
        <table>
          <tr><td><kbd>Tab</kbd> / <kbd>Shift+Tab</kbd></td><td>select next / previous unit</td></tr>
          <tr><td>arrows</td><td>move the cursor</td></tr>
          <tr><td><kbd>T</kbd> / <kbd>]</kbd>, <kbd>[</kbd></td><td>cycle targets</td></tr>
          <tr><td><kbd>Enter</kbd> / <kbd>Space</kbd></td><td>confirm: move to the cursor, fire at the target, throw</td></tr>
          <tr><td><kbd>Esc</kbd></td><td>cancel (mode, target, then selection)</td></tr>
          <tr><td><kbd>M</kbd> <kbd>S</kbd> <kbd>C</kbd> <kbd>G</kbd> <kbd>B</kbd></td><td>move / shoot / arm shot / grenade / rifle butt mode</td></tr>
          <tr><td><kbd>O</kbd> <kbd>R</kbd> <kbd>U</kbd></td><td>overwatch / reload / undo</td></tr>
          <tr><td><kbd>E</kbd></td><td>ready (end phase) / not ready</td></tr>
          <tr><td><kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd></td><td>ping danger / move here / target at the cursor</td></tr>
          <tr><td><kbd>F</kbd></td><td>speed up the enemy phase</td></tr>
          <tr><td><kbd>PgUp</kbd> <kbd>PgDn</kbd></td><td>level up / down</td></tr>
        </table>
      </div>
      <div id="report-host" hidden></div>`;
    const ids = ["squad-panel", "timer", "top", "round", "phase", "objective", "code-box", "seats", "conn", "board-host", "side", "unit-panel", "target-panel", "tile-panel", "intent-panel", "log", "banner", "error-box", "conn-banner", "partner-banner", "help", "report-host", "btn-speed", "btn-ready"];
    for (const id of ids) this.els[id.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = r.querySelector(`#${id}`)!;
    r.querySelectorAll<HTMLButtonElement>("[data-act]").forEach((b) => b.addEventListener("click", () => this.command(b.dataset.act!)));
    r.querySelectorAll<HTMLButtonElement>("[data-ping]").forEach((b) =>
      b.addEventListener("click", () => this.setPingKind(b.dataset.ping as PingMark["kind"])),
    );
    this.els.btnSpeed.addEventListener("click", () => this.toggleSpeed());
    r.querySelector("#btn-help")!.addEventListener("click", () => (this.els.help.hidden = !this.els.help.hidden));
    r.querySelector("#btn-leave")!.addEventListener("click", () => {
      this.backend.leave();
      location.href = "/";
    });
  }

  private setPingKind(k: PingMark["kind"]): void {
    this.pingKind = k;
    this.root.querySelectorAll<HTMLButtonElement>("[data-ping]").forEach((b) => b.classList.toggle("on", b.dataset.ping === k));
  }

  // ---- state ---------------------------------------------------------------------------------

  private onState(wire: WireState, info: RoomInfo): void {
    this.info = info;
    if (this.playing) {
      this.pendingWire = wire;
      return;
    }
    this.showWire(wire);
  }

  private showWire(wire: WireState): void {
    const prevRound = this.wire?.round;
    this.wire = wire;
    try {
      this.view = engine.fromWire(wire, this.backend.map) as unknown as BattleState;
    } catch (err) {
      console.error("fromWire failed", err);
      this.view = null;
    }
    const mine = this.commandSeats();
    this.legal = [];
    if (this.view && wire.phase === "player") {
      for (const s of mine) {
        try {
          this.legal.push(...(engine.legalActions(this.view, s) as Action[]));
        } catch (err) {
          console.error("legalActions failed", err);
        }
      }
    }
    if (this.selected) {
      const u = wire.units[this.selected];
      if (!u || u.fate !== "active") this.select(null, false);
    }
    if (this.target && !wire.units[this.target]) this.target = null;
    if (!this.selected && this.seat !== "spectator" && wire.phase === "player" && this.cursor === null) {
      const first = this.myUnits()[0];
      if (first) this.select(first.id, false);
    }
    this.renderTop(wire);
    if (!this.sized) {
      // The header is filled now: fit the canvas to the space that is really left.
      this.sized = true;
      const { w, h } = this.canvasSize();
      if (w !== this.board.app.renderer.width || h !== this.board.app.renderer.height) this.board.resize(w, h);
    }
    this.board.setScene(this.backend.map, wire, this.seat);
    this.refreshOverlay();
    this.renderUnitPanel();
    this.renderIntents();
    this.renderSquad();
    if (prevRound !== undefined && prevRound !== wire.round && wire.phase === "player") {
      this.banner(`Round ${wire.round} — player phase`, 1400);
    }
    if (wire.phase === "ended" && !this.reportShown) this.showReport();
    this.publishTestState();
  }

  private firstFrame = false;
  private sized = false;
  private publishTestState(): void {
    const w = this.wire;
    if (!w) return;
    if (!this.firstFrame) {
      this.firstFrame = true;
      // Two animation frames after the first scene: it has been rendered and painted.
      requestAnimationFrame(() => requestAnimationFrame(() => setTestState({ firstFrameAt: performance.now() })));
    }
    const { viewer: _v, ...rest } = w as WireState & Record<string, unknown>;
    void _v;
    setTestState({
      ready: true,
      seat: this.seat,
      round: w.round,
      phase: this.animPhase ?? w.phase,
      animating: this.playing,
      step: w.step,
      code: this.info.code,
      matchId: this.info.matchId,
      outcome: w.outcome,
      readyTakumi: w.readyTakumi,
      readyWang: w.readyWang,
      selected: this.selected,
      target: this.target,
      mode: this.mode,
      viewHash: engine.hashString(
        JSON.stringify({
          step: rest.step,
          round: rest.round,
          phase: rest.phase,
          units: Object.keys(w.units)
            .sort()
            .map((k) => w.units[k]),
          acid: w.acid,
          intents: w.intents,
        }),
      ),
      connection: this.lastConnection,
      partnerSelected: this.seat === "spectator" ? "" : this.info.selects[OTHER[this.seat]],
      holders: this.info.holders,
    });
  }

  private commandSeats(): Seat[] {
    if (this.seat === "spectator") return [];
    const other = OTHER[this.seat];
    return this.info.holders[other] === "partner" ? [this.seat, other] : [this.seat];
  }

  private myUnits(): WireUnit[] {
    if (!this.wire) return [];
    const seats = this.commandSeats();
    return Object.values(this.wire.units)
      .filter((u) => u.side === "squad" && u.fate === "active" && seats.includes(u.seat as Seat))
      .sort((a, b) => (a.seat === b.seat ? a.id.localeCompare(b.id, undefined, { numeric: true }) : a.seat === this.seat ? -1 : 1));
  }

  private unitAt(x: number, y: number, level: number): WireUnit | undefined {
    if (!this.wire) return undefined;
    return Object.values(this.wire.units).find((u) => u.fate === "active" && u.x === x && u.y === y && u.level === level);
  }

  // ---- selection & previews --------------------------------------------------------------------

  private sentSelect: string | null = null;
  private select(id: string | null, send = true): void {
    if (send && this.backend.kind === "online" && this.seat !== "spectator" && id !== this.sentSelect) {
      this.sentSelect = id;
      this.backend.sendSelect(id);
    }
    if (id !== this.selected) {
      this.selected = id;
      this.target = null;
      this.mode = "move";
      const u = id && this.wire ? this.wire.units[id] : null;
      if (u) {
        this.cursor = { x: u.x, y: u.y, level: u.level };
        this.board?.setLevel(u.level);
      }
    }
    this.refreshOverlay();
    this.renderSquad();
    this.publishTestState();
  }

  private actionsOf(type: Action["type"]): Action[] {
    return this.legal.filter((a) => a.type === type && "unit" in a && a.unit === this.selected);
  }

  private targetsFor(mode: Mode): { unit: string; chance: number }[] {
    if (!this.view || !this.selected) return [];
    const type = mode === "move" ? "shoot" : mode;
    if (type === "grenade") return [];
    const out: { unit: string; chance: number }[] = [];
    for (const a of this.actionsOf(type as Action["type"])) {
      const t = (a as { target: string }).target;
      let chance = 100;
      if (type !== "butt") {
        try {
          chance = engine.hitChance(this.view, this.selected, t, type === "calledShot" ? "calledShot" : "shot").chance;
        } catch {
          chance = 0;
        }
      }
      out.push({ unit: t, chance });
    }
    return out;
  }

  private effectiveMode(): Mode {
    return this.mode;
  }

  private refreshOverlay(): void {
    if (!this.board || !this.wire) return;
    const o: Overlay = emptyOverlay();
    o.selected = this.selected;
    o.cursor = this.cursor;
    o.pings = this.pings;
    o.partnerPointer = this.partnerPointer;
    if (this.seat !== "spectator") {
      const partnerSel = this.info.selects[OTHER[this.seat]];
      o.partnerSelected = partnerSel || null;
    }
    if (this.view && this.wire.phase === "player") {
      try {
        o.exposed = (engine.exposedSoldiers(this.view) as string[]) ?? [];
      } catch {
        o.exposed = [];
      }
    }
    const mine = this.selected && this.myUnits().some((u) => u.id === this.selected);
    if (this.view && mine && this.wire.phase === "player" && !this.playing) {
      const mode = this.effectiveMode();
      if (mode === "move") {
        try {
          o.reachable = engine.reachableTiles(this.view, this.selected!).map((r) => ({ ...r.pos, ap: r.ap }));
        } catch (err) {
          console.error("reachableTiles failed", err);
        }
        if (this.cursor && o.reachable.some((p) => p.x === this.cursor!.x && p.y === this.cursor!.y && (p.level ?? 0) === this.cursor!.level)) {
          try {
            const path = engine.findPath(this.view, this.selected!, this.cursor);
            const u = this.wire.units[this.selected!];
            if (path) o.path = [{ x: u.x, y: u.y, level: u.level }, ...path];
          } catch (err) {
            console.error("findPath failed", err);
          }
        }
      }
      if (mode === "grenade") {
        o.throwable = this.actionsOf("grenade").map((a) => (a as { to: Pos }).to);
        if (this.cursor) o.blast = this.blastPreview(this.cursor);
      } else {
        o.targets = this.targetsFor(mode);
      }
      o.target = this.target;
    }
    this.board.setOverlay(o);
    this.renderUnitPanel();
    this.renderTargetPanel(o);
    this.renderTilePanel();
    this.renderButtons();
  }

  /** The blast area, from the engine: the grenade applied to the view (a preview; nothing is sent). */
  private blastCache = new Map<string, Pos[]>();
  private blastPreview(to: Pos): Pos[] {
    if (!this.view || !this.selected || this.seat === "spectator") return [];
    const key = `${this.wire?.step}|${this.selected}|${to.x},${to.y},${to.level}`;
    const hit = this.blastCache.get(key);
    if (hit) return hit;
    let tiles: Pos[] = [];
    try {
      const seat = (this.wire!.units[this.selected].seat || this.seat) as Seat;
      const r = engine.apply(this.view, { seat, action: { type: "grenade", unit: this.selected, to } });
      if (r.ok) {
        const ev = r.events.find((e) => e.type === "grenade") as { tiles: Pos[] } | undefined;
        tiles = ev?.tiles ?? [];
      }
    } catch (err) {
      console.error("grenade preview failed", err);
    }
    if (this.blastCache.size > 200) this.blastCache.clear();
    this.blastCache.set(key, tiles);
    return tiles;
  }

  // ---- input ---------------------------------------------------------------------------------

  private onTile(tile: Pos, kind: "hover" | "tap" | "ping" | "leave", shift: boolean, ctrl: boolean): void {
    if (kind === "leave") {
      if (this.backend.kind === "online") this.backend.sendPointer(null);
      return;
    }
    if (kind === "hover") {
      this.cursor = tile;
      this.refreshOverlay();
      this.queuePointer(tile);
      return;
    }
    if (kind === "ping") {
      const k: PingMark["kind"] = shift ? "move" : ctrl ? "target" : this.pingKind;
      this.sendPing(tile, k);
      return;
    }
    this.cursor = tile;
    this.activate(tile);
  }

  /** Sends the pointer at most every 100 ms, always ending with the latest tile. */
  private pointerTimer = 0;
  private pointerLatest: Pos | null = null;
  private queuePointer(tile: Pos): void {
    if (this.seat === "spectator") return;
    this.pointerLatest = tile;
    if (this.pointerTimer) return;
    const flush = () => {
      this.pointerTimer = 0;
      if (!this.pointerLatest) return;
      this.backend.sendPointer(this.pointerLatest);
      this.lastPointerSent = performance.now();
      this.pointerLatest = null;
      this.pointerTimer = window.setTimeout(() => {
        this.pointerTimer = 0;
        if (this.pointerLatest) flush();
      }, 100);
    };
    flush();
  }

  private sendPing(tile: Pos, kind: PingMark["kind"]): void {
    this.backend.sendPing({ x: tile.x, y: tile.y, level: tile.level, kind });
    if (this.backend.kind === "offline") return;
  }

  private addPing(p: PingMark): void {
    this.pings = this.pings.filter((q) => performance.now() - q.at < 6000);
    this.pings.push(p);
    this.log(`${SEAT_NAME[p.seat] ?? "Partner"} pinged ${p.kind} at ${p.x},${p.y}`);
    this.refreshOverlay();
    setTimeout(() => {
      this.pings = this.pings.filter((q) => q !== p);
      this.refreshOverlay();
    }, 6000);
    const s = getTestState();
    setTestState({ pings: ((s.pings as number) ?? 0) + 1 });
  }

  /** A click (or Enter) on a tile. */
  private activate(tile: Pos): void {
    if (!this.wire) return;
    const u = this.unitAt(tile.x, tile.y, tile.level);
    const mineIds = new Set(this.myUnits().map((m) => m.id));
    if (u && mineIds.has(u.id) && this.mode !== "grenade") {
      this.select(u.id);
      return;
    }
    if (!this.selected || !mineIds.has(this.selected)) {
      if (u) this.select(u.id, false);
      else this.renderTilePanel();
      return;
    }
    if (this.mode === "grenade") {
      this.send({ type: "grenade", unit: this.selected, to: tile });
      this.mode = "move";
      return;
    }
    if (u && u.side === "creature") {
      const type: Mode = this.mode === "move" ? "shoot" : this.mode;
      if (this.target === u.id) {
        this.fire(type);
      } else {
        this.target = u.id;
        if (this.mode === "move") this.mode = "shoot";
        this.refreshOverlay();
        this.publishTestState();
      }
      return;
    }
    if (u) {
      this.select(u.id, false);
      return;
    }
    this.send({ type: "move", unit: this.selected, to: tile });
  }

  private fire(type: Mode): void {
    if (!this.selected || !this.target) return;
    if (type === "shoot" || type === "move") this.send({ type: "shoot", unit: this.selected, target: this.target });
    else if (type === "calledShot") this.send({ type: "calledShot", unit: this.selected, target: this.target });
    else if (type === "butt") this.send({ type: "butt", unit: this.selected, target: this.target });
    this.target = null;
    this.mode = "move";
  }

  private send(action: Action): void {
    if (this.seat === "spectator") return this.showError("ERR_SPECTATOR", "Spectators watch; they cannot act.");
    if (this.wire && this.wire.phase === "ended") return this.showError("ERR_WRONG_PHASE", engine.ERROR_CODES.ERR_WRONG_PHASE);
    const unit = "unit" in action ? this.wire?.units[action.unit] : undefined;
    // A soldier of the squad taken over from the partner: the action names his seat.
    const forSeat = unit && unit.seat && unit.seat !== this.seat ? (unit.seat as Seat) : undefined;
    this.backend.sendAction(action, forSeat);
    this.hideError();
  }

  command(act: string): void {
    switch (act) {
      case "move":
      case "shoot":
      case "calledShot":
      case "butt":
      case "grenade": {
        if (!this.selected) return this.showError("NO_SELECTION", "Select one of your soldiers first (Tab, or click him).");
        this.mode = this.mode === act && act !== "move" ? "move" : (act as Mode);
        this.target = null;
        const ts = this.targetsFor(this.mode);
        if (this.mode !== "move" && this.mode !== "grenade" && ts.length) this.target = ts[0].unit;
        this.refreshOverlay();
        this.publishTestState();
        return;
      }
      case "overwatch":
      case "reload":
        if (!this.selected) return this.showError("NO_SELECTION", "Select one of your soldiers first (Tab, or click him).");
        this.send({ type: act, unit: this.selected });
        return;
      case "undo":
        if (this.seat === "spectator") return this.showError("ERR_SPECTATOR", "Spectators watch; they cannot act.");
        this.backend.sendUndo();
        return;
      case "ready": {
        if (this.seat === "spectator") return this.showError("ERR_SPECTATOR", "Spectators watch; they cannot act.");
        if (!this.wire) return;
        const mine = this.seat === "takumi" ? this.wire.readyTakumi : this.wire.readyWang;
        this.backend.sendReady(!mine);
        if (!mine) {
          const w = this.wire;
          for (const s of this.commandSeats()) if (s !== this.seat && !(s === "takumi" ? w.readyTakumi : w.readyWang)) this.backend.sendReady(true, s);
        }
        return;
      }
      case "takeover":
        this.backend.takeOver?.();
        return;
    }
  }

  private cycleUnit(dir: 1 | -1): void {
    const units = this.myUnits();
    if (!units.length) return;
    const i = units.findIndex((u) => u.id === this.selected);
    const next = units[(i + dir + units.length) % units.length];
    this.select(next.id);
  }

  private cycleTarget(dir: 1 | -1): void {
    if (this.mode === "move" || this.mode === "grenade") this.mode = "shoot";
    const ts = this.targetsFor(this.mode);
    if (!ts.length) {
      this.showError("NO_TARGET", "No enemy in range and sight of this soldier.");
      return;
    }
    const i = ts.findIndex((t) => t.unit === this.target);
    this.target = ts[(i + dir + ts.length) % ts.length].unit;
    const u = this.wire!.units[this.target];
    if (u) this.cursor = { x: u.x, y: u.y, level: u.level };
    this.refreshOverlay();
    this.publishTestState();
  }

  private onKey = (e: KeyboardEvent) => {
    if (this.destroyed) return;
    const tag = (e.target as HTMLElement)?.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    const k = e.key;
    const map = this.backend.map;
    const moveCursor = (dx: number, dy: number) => {
      const c = this.cursor ?? { x: Math.floor(map.width / 2), y: Math.floor(map.height / 2), level: this.board.level };
      this.cursor = { x: Math.max(0, Math.min(map.width - 1, c.x + dx)), y: Math.max(0, Math.min(map.height - 1, c.y + dy)), level: c.level };
      const u = this.unitAt(this.cursor.x, this.cursor.y, this.cursor.level);
      if (u && u.side === "creature" && this.targetsFor(this.mode === "move" ? "shoot" : this.mode).some((t) => t.unit === u.id)) this.target = u.id;
      this.refreshOverlay();
    };
    let handled = true;
    if (k === "Tab") this.cycleUnit(e.shiftKey ? -1 : 1);
    else if (k === "ArrowUp") moveCursor(0, -1);
    else if (k === "ArrowDown") moveCursor(0, 1);
    else if (k === "ArrowLeft") moveCursor(-1, 0);
    else if (k === "ArrowRight") moveCursor(1, 0);
    else if (k === "Enter" || k === " ") {
      if (this.playing) this.toggleSpeed(true);
      else if (this.target && this.mode !== "grenade") this.fire(this.mode);
      else if (this.cursor) this.activate(this.cursor);
    } else if (k === "Escape") {
      if (!this.els.help.hidden) this.els.help.hidden = true;
      else if (this.target) this.target = null;
      else if (this.mode !== "move") this.mode = "move";
      else this.select(null);
      this.refreshOverlay();
      this.hideError();
    } else if (k === "t" || k === "T" || k === "]") this.cycleTarget(1);
    else if (k === "[") this.cycleTarget(-1);
    else if (k === "m" || k === "M") this.command("move");
    else if (k === "s" || k === "S") this.command("shoot");
    else if (k === "c" || k === "C") this.command("calledShot");
    else if (k === "g" || k === "G") this.command("grenade");
    else if (k === "b" || k === "B") this.command("butt");
    else if (k === "o" || k === "O") this.command("overwatch");
    else if (k === "r" || k === "R") this.command("reload");
    else if (k === "u" || k === "U" || ((e.ctrlKey || e.metaKey) && k === "z")) this.command("undo");
    else if (k === "e" || k === "E") this.command("ready");
    else if (k === "f" || k === "F") this.toggleSpeed();
    else if (k === "1" || k === "2" || k === "3") {
      const kind = (["danger", "move", "target"] as const)[Number(k) - 1];
      if (this.cursor) this.sendPing(this.cursor, kind);
    } else if (k === "PageUp" || k === "PageDown") {
      const lv = Math.max(0, Math.min(map.levels - 1, this.board.level + (k === "PageUp" ? 1 : -1)));
      this.board.setLevel(lv);
      if (this.cursor) this.cursor = { ...this.cursor, level: lv };
      if (this.wire) this.renderTop(this.wire);
      this.refreshOverlay();
    } else if (k === "?") this.els.help.hidden = !this.els.help.hidden;
    else handled = false;
    if (handled) e.preventDefault();
  };

  private toggleSpeed(force?: boolean): void {
    this.fast = force ?? !this.fast;
    this.board.speed = Math.max(this.fast ? 4 : 1, Number(new URLSearchParams(location.search).get("speed") ?? "") || 0);
    this.els.btnSpeed.textContent = this.fast ? "Speed ×4 (F)" : "Speed ×1 (F)";
    this.els.btnSpeed.classList.toggle("on", this.fast);
  }

  // ---- events & animation ----------------------------------------------------------------------

  private onEvents(round: number, events: BattleEvent[]): void {
    if (!events.length) return;
    this.queue.push({ round, events });
    if (!this.playing) void this.drain();
  }

  private async drain(): Promise<void> {
    this.playing = true;
    this.refreshOverlay();
    this.publishTestState();
    try {
      while (this.queue.length) {
        const { events } = this.queue.shift()!;
        const enemy = events.some((e) => e.type === "phase");
        await this.board.animate(events, (e) => {
          const line = describeEvent(e, this.wire);
          if (line) this.log(line);
          if (e.type === "phase") {
            this.animPhase = e.phase === "player" ? null : e.phase;
            if (e.phase !== "player") this.banner(PHASE_TEXT[e.phase] ?? e.phase, 0);
            if (this.wire) this.renderTop(this.wire);
            if (e.phase === "enemy") setTestState({ enemySeen: ((getTestState().enemySeen as number) ?? 0) + 1 });
            this.publishTestState();
          } else if (e.type === "ended") {
            this.banner(e.outcome === "won" ? "Victory" : "Defeat", 0);
          } else if (e.type === "squeezed") {
            this.banner(`The line closes — radius ${e.radius}`, 0);
          } else if (e.type === "taken") {
            this.banner(`${this.unitName(e.unit)} was taken`, 0);
          } else if (e.type === "ambush") {
            this.banner(`Ambush! ${this.unitName(e.unit)} stopped short`, 1800);
          }
        });
        if (enemy) this.hideBanner();
      }
    } finally {
      this.playing = false;
      this.animPhase = null;
      const w = this.pendingWire;
      this.pendingWire = null;
      if (w) this.showWire(w);
      else {
        this.refreshOverlay();
        this.publishTestState();
      }
    }
  }

  private unitName(id: string): string {
    const u = this.wire?.units[id];
    if (!u) return id;
    if (u.kind === "takumi") return "Sergeant Takumi";
    if (u.kind === "wang") return "Sergeant Wang";
    if (u.kind === "private") return `Private ${SEAT_NAME[u.seat] ?? ""}-${id.split("-").pop()}`;
    return `${u.kind[0].toUpperCase()}${u.kind.slice(1)} ${id}`;
  }

  // ---- banners, errors, connection -----------------------------------------------------------

  private banner(text: string, ms: number): void {
    const b = this.els.banner;
    b.textContent = text;
    b.classList.add("show");
    clearTimeout(this.bannerTimer);
    if (ms > 0) this.bannerTimer = window.setTimeout(() => this.hideBanner(), ms);
  }

  private hideBanner(): void {
    this.els.banner.classList.remove("show");
  }

  showError(code: string, message: string): void {
    const box = this.els.errorBox;
    box.innerHTML = `<strong>Refused.</strong> ${esc(message)} <small>(${esc(code)})</small>`;
    box.classList.add("show");
    box.dataset.code = code;
    this.log(`Refused: ${message}`);
    clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => this.hideError(), 6000);
    const s = getTestState();
    setTestState({ error: { code, message }, errors: ((s.errors as number) ?? 0) + 1 });
  }

  private hideError(): void {
    this.els.errorBox.classList.remove("show");
  }

  private onConnection(status: ConnectionStatus, detail?: string): void {
    this.lastConnection = status;
    const b = this.els.connBanner;
    if (status === "connected") {
      if (b.classList.contains("show")) {
        b.textContent = "Reconnected.";
        setTimeout(() => b.classList.remove("show"), 1500);
      }
      const s = getTestState();
      if (s.connection && s.connection !== "connected") setTestState({ reconnects: ((s.reconnects as number) ?? 0) + 1 });
    } else if (status === "dropped" || status === "reconnecting") {
      b.textContent = "Connection lost — reconnecting to your seat…";
      b.classList.add("show");
    } else {
      b.textContent = `Disconnected. ${detail ?? ""}`;
      b.classList.add("show");
    }
    this.els.conn.textContent = status === "connected" ? "● online" : status === "lost" ? "○ offline" : "◌ reconnecting";
    this.els.conn.className = `pill conn-${status}`;
    setTestState({ connection: status });
  }

  // ---- panels ----------------------------------------------------------------------------------

  private renderTop(w: WireState): void {
    this.els.round.textContent = `Round ${w.round}${this.backend.map.levels > 1 && this.board ? ` · level ${this.board.level} of ${this.backend.map.levels - 1} (PgUp/PgDn)` : ""}`;
    const phase = this.animPhase ? PHASE_TEXT[this.animPhase] : w.phase === "ended" ? `Battle over: ${w.outcome || "ended"}` : "Player phase";
    this.els.phase.textContent = phase;
    this.els.objective.textContent =
      w.objective === "hold" ? "Objective: hold the line" : w.objective === "reach" ? "Objective: reach them" : w.objective === "extract" ? "Objective: break out to the exit" : "";
    if (w.hasPerimeter) this.els.objective.textContent += ` · ring ${w.radius}${w.nextRadius !== w.radius ? ` → ${w.nextRadius}` : ""}`;
    const code = this.info.code;
    if (code && this.backend.kind === "online") {
      const link = `${location.origin}/?join=${encodeURIComponent(code)}`;
      this.els.codeBox.innerHTML = `<span class="pill code">Code <b id="join-code">${esc(code)}</b></span> <button id="copy-link" title="${esc(link)}">Copy link</button>`;
      this.els.codeBox.querySelector("#copy-link")!.addEventListener("click", () => void navigator.clipboard?.writeText(link));
    } else if (this.backend.kind === "offline") {
      this.els.codeBox.innerHTML = `<span class="pill">Offline harness</span>`;
    }
    const seatHtml = (["takumi", "wang"] as Seat[])
      .map((s) => {
        const holder = this.info.holders[s];
        const ready = s === "takumi" ? w.readyTakumi : w.readyWang;
        const you = this.seat === s ? " (you)" : "";
        const who = holder === "player" ? "player" : holder === "dropped" ? "dropped" : holder === "bot" ? "bot" : holder === "partner" ? "partner plays" : holder === "open" ? "waiting for a player" : "empty";
        return `<span class="pill seat seat-${s} ${ready ? "is-ready" : ""}" data-seat="${s}" title="${SEAT_NAME[s]}: ${who}">${s === "takumi" ? "●T" : "●W"} ${SEAT_NAME[s]}${you}${this.seat === s ? "" : ` (${who})`} · ${ready ? "✔ ready" : "acting"}</span>`;
      })
      .join(" ");
    this.els.seats.innerHTML = seatHtml + (this.info.spectators ? ` <span class="pill">${this.info.spectators} watching</span>` : "");
    if (this.seat !== "spectator") {
      const mineReady = this.seat === "takumi" ? w.readyTakumi : w.readyWang;
      this.els.btnReady.innerHTML = mineReady ? "Not ready <kbd>E</kbd>" : "Ready <kbd>E</kbd>";
      this.els.btnReady.classList.toggle("on", mineReady);
      const other = OTHER[this.seat];
      const holder = this.info.holders[other];
      const pb = this.els.partnerBanner;
      if (holder === "dropped") {
        pb.innerHTML = `${SEAT_NAME[other]} lost the connection. His seat is held for 60 s.`;
        pb.classList.add("show");
      } else if ((holder === "bot" || holder === "open") && this.backend.kind === "online") {
        pb.innerHTML = `${holder === "bot" ? `The bot commands ${SEAT_NAME[other]}'s squad.` : `${SEAT_NAME[other]}'s seat is open: share the code.`} <button id="btn-takeover">Take his squad over</button>`;
        pb.classList.add("show");
        pb.querySelector("#btn-takeover")!.addEventListener("click", () => this.command("takeover"));
      } else if (holder === "partner") {
        pb.innerHTML = `You command ${SEAT_NAME[other]}'s squad as well.`;
        pb.classList.add("show");
      } else pb.classList.remove("show");
    }
  }

  private timerInterval = 0;
  private renderTimer(): void {
    const t = this.els.timer;
    const deadline = this.info.turnDeadline;
    if (!deadline || !this.wire || this.wire.phase !== "player") {
      t.hidden = true;
      return;
    }
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    t.hidden = false;
    t.textContent = `⏱ ${left} s left`;
    t.classList.toggle("conn-lost", left <= 10);
  }

  private renderUnitPanel(): void {
    const p = this.els.unitPanel;
    const u = this.selected && this.wire ? this.wire.units[this.selected] : null;
    if (!u) {
      p.innerHTML = `<h3>No unit selected</h3><p class="hint">${this.seat === "spectator" ? "You are watching." : "Tab or click one of your soldiers."}</p>`;
      return;
    }
    const name = this.unitName(u.id);
    const status = [u.grabbedBy && `grabbed by ${u.grabbedBy}`, u.grabbing && `holding ${u.grabbing}`, u.burned && "burned", u.overwatch && "on overwatch", u.freed && "freed (1 AP)", !u.hasWeapon && u.side === "squad" && "no rifle"]
      .filter(Boolean)
      .join(", ");
    p.innerHTML = `
      <h3><span class="glyph ${u.side === "squad" ? `seat-${u.seat}` : u.kind}">${UNIT_LETTER[u.kind] ?? "?"}</span> ${esc(name)}
        ${u.seat ? `<small>(${SEAT_NAME[u.seat]}'s)</small>` : ""}</h3>
      <div class="stats">
        <span>HP <b>${u.hp}/${u.maxHp}</b></span><span>Armor <b>${u.armor}</b></span>
        ${u.side === "squad" ? `<span>AP <b id="ap">${u.ap}</b></span><span>Aim <b>${u.aim}</b></span>
        <span>Mag <b>${u.mag}</b> +${u.spareMags}</span><span>Grenades <b>${u.grenades}</b></span>` : `<span>Move <b>${u.move}</b></span>`}
      </div>
      ${status ? `<p class="status">${esc(status)}</p>` : ""}
      <p class="mode">Mode: <b>${this.mode}</b></p>`;
  }

  private renderTargetPanel(o: Overlay): void {
    const p = this.els.targetPanel;
    if (!this.view || !this.selected) {
      p.innerHTML = "";
      return;
    }
    if (this.mode === "grenade") {
      p.innerHTML = `<h3>Grenade</h3><p>${o.throwable.length} tiles in range. ${o.blast.length ? `Blast: ${o.blast.length} tiles (orange).` : "Point at a tile to see the blast."}</p><p class="hint">Click a tile or press Enter to throw.</p>`;
      return;
    }
    if (!o.targets.length) {
      p.innerHTML = this.mode === "move" ? "" : `<h3>${this.mode}</h3><p class="hint">No target for this soldier.</p>`;
      return;
    }
    let html = `<h3>Targets (${this.mode === "move" ? "shoot" : this.mode})</h3><ul class="targets">`;
    for (const t of o.targets) html += `<li class="${t.unit === this.target ? "focus" : ""}">${esc(this.unitName(t.unit))}: <b>${this.mode === "butt" ? "adjacent" : `${t.chance}%`}</b></li>`;
    html += "</ul>";
    if (this.target && this.mode !== "butt") {
      try {
        const hc = engine.hitChance(this.view, this.selected, this.target, this.mode === "calledShot" ? "calledShot" : "shot");
        html += `<table class="parts" id="hit-parts">${hc.parts.map((x) => `<tr><td>${esc(x.label)}</td><td>${x.value > 0 && x !== hc.parts[0] ? "+" : ""}${x.value}</td></tr>`).join("")}<tr class="total"><td>hit chance</td><td id="hit-chance">${hc.chance}%</td></tr></table>`;
        html += `<p class="hint">Click the target again or press Enter to fire.</p>`;
      } catch (err) {
        html += `<p class="warn">hitChance failed: ${esc(String(err))}</p>`;
      }
    }
    p.innerHTML = html;
  }

  private renderTilePanel(): void {
    const p = this.els.tilePanel;
    const c = this.cursor;
    const w = this.wire;
    const m = this.backend.map;
    if (!c || !w || c.x < 0) {
      p.innerHTML = "";
      return;
    }
    const i = c.level * m.width * m.height + c.y * m.width + c.x;
    const t = w.terrain?.[i] ?? m.terrain[i];
    const bits = [TERRAIN_LABEL[t] ?? "?"];
    if (m.dust[i]) bits.push("dust");
    if (w.acid?.[i]) bits.push(`acid ${w.acid[i]}`);
    if (w.corpse?.[i]) bits.push(`${w.corpse[i]} corpse${w.corpse[i] > 1 ? "s" : ""}`);
    if (w.visible && !w.visible[i]) bits.push("not in sight");
    if (w.noise?.includes(i)) bits.push("noise: something hisses nearby");
    const u = this.unitAt(c.x, c.y, c.level);
    p.innerHTML = `<h3>Tile ${c.x},${c.y}${m.levels > 1 ? ` L${c.level}` : ""}</h3><p>${esc(bits.join(" · "))}</p>${u ? `<p>${esc(this.unitName(u.id))} — HP ${u.hp}/${u.maxHp}</p>` : ""}`;
  }

  /** Every soldier, on the board or not: hp, AP, and fate (dead, taken, extracted). */
  private renderSquad(): void {
    const w = this.wire;
    if (!w) return;
    const soldiers = Object.values(w.units)
      .filter((u) => u.side === "squad")
      .sort((a, b) => (a.seat === b.seat ? a.id.localeCompare(b.id, undefined, { numeric: true }) : a.seat === "takumi" ? -1 : 1));
    const mine = new Set(this.myUnits().map((u) => u.id));
    this.els.squadPanel.innerHTML = `<h3>Squad</h3><table class="squad">${soldiers
      .map((u) => {
        const fate = u.fate !== "active" ? `<b class="fate">${u.fate.toUpperCase()}</b>` : `HP ${u.hp}/${u.maxHp} · AP ${u.ap}${u.grabbedBy ? " · GRABBED" : ""}${u.overwatch ? " · OW" : ""}`;
        return `<tr data-unit="${esc(u.id)}" class="${mine.has(u.id) ? "mine" : ""} ${u.id === this.selected ? "sel" : ""}"><td><span class="glyph seat-${u.seat}">${UNIT_LETTER[u.kind] ?? "?"}</span></td><td>${esc(this.unitName(u.id))}</td><td>${fate}</td></tr>`;
      })
      .join("")}</table>`;
    this.els.squadPanel.querySelectorAll<HTMLTableRowElement>("tr.mine").forEach((tr) =>
      tr.addEventListener("click", () => {
        const u = this.wire?.units[tr.dataset.unit!];
        if (u && u.fate === "active") this.select(u.id);
      }),
    );
  }

  private renderIntents(): void {
    const w = this.wire;
    if (!w) return;
    const items = [...(w.intents ?? [])].sort((a, b) => a.order - b.order);
    const m = this.backend.map;
    const pos = (i: number) => `${i % m.width},${Math.floor(i / m.width) % m.height}`;
    this.els.intentPanel.innerHTML = items.length
      ? `<h3>Enemy intents</h3><ol class="intents">${items
          .map(
            (it) =>
              `<li><b>${it.order}.</b> ${esc(this.unitName(it.unit))}${it.lastKnown ? ` <span class="hint">(out of sight: last seen at ${pos(it.lastSeen)})</span>` : ""} ${esc(it.kind)}${it.target >= 0 ? ` → ${pos(it.target)}` : ` → ${pos(it.moveTo)}`}${it.damage ? ` <span class="dmg">−${it.damage}</span>` : ""}${it.dragPath?.length ? ` <span class="drag">drag: gone in ${it.countdown}</span>` : ""}</li>`,
          )
          .join("")}</ol>`
      : `<h3>Enemy intents</h3><p class="hint">No creature in sight.</p>`;
  }

  private renderButtons(): void {
    const has = (t: string) => this.actionsOf(t as Action["type"]).length > 0;
    const sel = !!this.selected && this.myUnits().some((u) => u.id === this.selected);
    this.root.querySelectorAll<HTMLButtonElement>("[data-act]").forEach((b) => {
      const a = b.dataset.act!;
      b.classList.toggle("on", a === this.mode && sel);
      const avail =
        a === "ready" ? this.seat !== "spectator" : a === "undo" ? this.legal.some((x) => x.type === "undo") : a === "move" ? sel : sel && has(a);
      b.classList.toggle("dim", !avail);
    });
  }

  private log(line: string): void {
    this.logLines.push(line);
    if (this.logLines.length > 60) this.logLines.shift();
    const ol = this.els.log;
    if (!ol) return;
    const li = document.createElement("li");
    li.textContent = line;
    ol.appendChild(li);
    while (ol.children.length > 60) ol.firstChild?.remove();
    ol.scrollTop = ol.scrollHeight;
  }

  private showReport(): void {
    this.reportShown = true;
    const w = this.wire!;
    const host = this.els.reportHost;
    host.hidden = false;
    renderReport(host, w, { matchId: this.info.matchId, onClose: () => (host.hidden = true) });
    setTestState({ report: true });
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timerInterval);
    window.removeEventListener("resize", this.onResize);
    window.removeEventListener("keydown", this.onKey);
    this.board?.destroy();
  }
}

export function describeEvent(e: BattleEvent, w: WireState | null): string {
  const n = (id: string) => {
    const u = w?.units[id];
    return u ? `${u.kind} ${id}` : id;
  };
  switch (e.type) {
    case "moved":
      return `${n(e.unit)} moved to ${e.path[e.path.length - 1]?.x},${e.path[e.path.length - 1]?.y}`;
    case "shot":
      return `${n(e.unit)} ${e.called ? "aimed at the arm of" : e.overwatch ? "(overwatch) fired at" : "fired at"} ${n(e.target)}: ${e.hit ? `hit (${e.chance}%)` : `missed (${e.chance}%)`}`;
    case "damaged":
      return `${n(e.unit)} took ${e.amount} (${e.cause}), hp ${e.hp}`;
    case "died":
      return `${n(e.unit)} died`;
    case "grabbed":
      return `${n(e.unit)} ${e.hit ? "grabbed" : "missed"} ${n(e.victim)}`;
    case "dragged":
      return `${n(e.unit)} dragged ${n(e.victim)}`;
    case "taken":
      return `${n(e.unit)} was taken`;
    case "freed":
      return `${n(e.unit)} was freed`;
    case "spawned":
      return `a ${e.kind} appeared at ${e.at.x},${e.at.y}`;
    case "grenade":
      return `${n(e.unit)} threw a grenade at ${e.at.x},${e.at.y}`;
    case "butt":
      return `${n(e.unit)} rifle-butted ${n(e.target)}`;
    case "spat":
      return `${n(e.unit)} spat at ${e.at.x},${e.at.y}`;
    case "pounced":
      return `${n(e.unit)} pounced to ${e.to.x},${e.to.y}`;
    case "squeezed":
      return `the line closes: radius ${e.radius} (next ${e.nextRadius})`;
    case "phase":
      return `— ${PHASE_TEXT[e.phase] ?? e.phase}, round ${e.round} —`;
    case "ended":
      return `the battle is ${e.outcome}`;
    case "ready":
      return `${SEAT_NAME[e.seat]} is ${e.ready ? "ready" : "not ready"}`;
    case "reloaded":
      return `${n(e.unit)} reloaded`;
    case "overwatch":
      return `${n(e.unit)} is on overwatch`;
    case "undone":
      return `${n(e.unit)}'s move was undone`;
    case "objective":
      return `objective: ${e.stage}`;
    case "perimeterBroken":
      return "the line is broken: break out!";
    case "ambush":
      return `AMBUSH! ${n(e.unit)} ran into a ${w?.units[e.by]?.kind ?? "creature"} at ${e.at.x},${e.at.y} and stopped short`;
    default:
      return "";
  }
}
