/**
 * The battle screen: wires the board (board.ts), the headless controller (controller.ts), the HUD
 * (hud.ts), the keys (keys.ts) and sound to a backend. It feeds each state to the controller,
 * sends what the controller's commands ask, plays each step's events as animation with a worded
 * log line (words.ts), and redraws at most once per animation frame.
 */
import * as engine from "./engine";
import type { Action, BattleEvent, BattleState, MapDef, Pos, Seat, WireState, WireUnit } from "./engine";
import { BoardRenderer, emptyOverlay, type Overlay, type PingMark } from "./board";
import type { Backend, ConnectionStatus, RoomInfo } from "./backend";
import { BattleController, type Mode, type Outcome } from "./controller";
import { DOM, PHASE_TEXT, put, ringReason, routePanel, routeTag, unitPanel } from "./hud";
import { briefing, endReason, intentPanel, squadPanel, targetPanel, tilePanel, type PanelCtx } from "./panels";
import { keyCommand, type KeyCommand } from "./keys";
import { describeEvent, pendingText, refusalText, SEAT_NAME, sceneTitle, unitName } from "./words";
import { objectiveLine } from "./objective";
import { CampaignScreen } from "./campaignScreen";
import { loadMap } from "./maps";
import { renderReport } from "./report";
import { Sound } from "./sound";
import { el, esc } from "./dom";
import { setTestState, getTestState } from "./teststate";

const OTHER: Record<Seat, Seat> = { takumi: "wang", wang: "takumi" };

export class BattleScreen {
  private board!: BoardRenderer;
  private ctl = new BattleController();
  private sound = new Sound();
  private wire: WireState | null = null;
  private info: RoomInfo;
  private view: BattleState | null = null;
  private pendingWire: WireState | null = null;
  private pings: PingMark[] = [];
  private partnerPointer: Pos | null = null;
  private legal: Action[] = [];
  private queue: { round: number; events: BattleEvent[] }[] = [];
  private playing = false;
  private fast = false;
  private animPhase: string | null = null;
  private bannerTimer = 0;
  private errorTimer = 0;
  private reportShown = false;
  private root: HTMLElement;
  private els: Record<string, HTMLElement> = {};
  private destroyed = false;
  private pingKind: PingMark["kind"] = "danger";
  private lastConnection: ConnectionStatus = "connected";
  private frame = 0;
  private lastRadius: number | null = null;
  private campaign!: CampaignScreen;
  /** The map of the scene on the board (a campaign's next scene brings another). */
  private sceneMap: MapDef | null = null;
  private ringNote = "";
  logLines: string[] = [];

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
    this.board.cue = (name) => this.sound.play(name);
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
      selected: () => this.ctl.selected,
      legal: () => this.legal,
      frames: () => this.board.frames,
      renderer: () => `${this.board.app.renderer.name} ${this.board.app.renderer.width}x${this.board.app.renderer.height}`,
      labels: () => this.board.labelBoxes().map((b) => this.toClient(b)),
      sprites: () => [...this.board.sprites.keys()].sort(),
      route: () => this.ctl.preview().route,
      waypoints: () => this.ctl.waypoints,
      focus: () => this.ctl.preview().focus,
      setSpeed: (n: number) => (this.board.speed = n),
      zoom: () => this.board.zoom,
      log: () => this.logLines.slice(),
      sound: () => ({ muted: this.sound.muted, played: this.sound.played.slice() }),
      redraws: () => this.redraws,
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
          this.invalidate();
          setTestState({ partnerPointer: pos });
        }
      },
      connection: (status, detail) => this.onConnection(status, detail),
      pending: (count) => this.onPending(count),
      notice: (code, message) => this.log(`Note: ${refusalText(code, message)}`),
    });
  }

  /** Client (page) coordinates of a canvas point. */
  private toClient<T extends { x: number; y: number; w?: number; h?: number }>(b: T): T {
    const rect = this.board.app.canvas.getBoundingClientRect();
    const sx = rect.width / this.board.app.renderer.width;
    const sy = rect.height / this.board.app.renderer.height;
    return { ...b, x: rect.left + b.x * sx, y: rect.top + b.y * sy, ...(b.w !== undefined ? { w: b.w * sx, h: (b.h ?? 0) * sy } : {}) };
  }

  /** Client (page) coordinates of a tile centre, for tests. */
  tileClientPoint(x: number, y: number): { x: number; y: number } {
    return this.toClient(this.board.tileCenter(x, y));
  }

  private canvasSize(): { w: number; h: number } {
    const side = this.els.side?.offsetWidth || 320;
    const top = this.els.top?.offsetHeight || 40;
    const w = Math.max(320, Math.min(1280, window.innerWidth - side - 12));
    const h = Math.max(300, Math.min(720, window.innerHeight - top - 8));
    return { w, h };
  }

  private onResize = () => {
    if (!this.board) return;
    const { w, h } = this.canvasSize();
    this.board.resize(w, h);
    this.invalidate();
  };

  // ---- DOM ------------------------------------------------------------------------------------

  private buildDom(): void {
    const r = this.root;
    r.innerHTML = DOM;
    const ids = ["squad-panel", "timer", "top", "round", "phase", "objective", "code-box", "seats", "conn", "board-host", "side", "briefing", "unit-panel", "route-panel", "target-panel", "tile-panel", "intent-panel", "log", "banner", "error-box", "conn-banner", "partner-banner", "help", "report-host", "campaign-host", "btn-campaign", "scene", "btn-speed", "btn-ready", "btn-sound", "pending"];
    for (const id of ids) this.els[id.replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = r.querySelector(`#${id}`)!;
    r.querySelectorAll<HTMLButtonElement>("[data-act]").forEach((b) => b.addEventListener("click", () => this.command(b.dataset.act!)));
    r.querySelectorAll<HTMLButtonElement>("[data-ping]").forEach((b) => b.addEventListener("click", () => this.setPingKind(b.dataset.ping as PingMark["kind"])));
    this.campaign = new CampaignScreen(this.els.campaignHost, this.els.btnCampaign, {
      seat: this.seat,
      sendReady: (ready) => this.backend.sendCampaignReady?.(ready),
      loadMap,
      fullReport: () => this.showReport(),
    });
    this.els.btnSpeed.addEventListener("click", () => this.toggleSpeed());
    this.els.btnSound.addEventListener("click", () => this.renderSound(this.sound.toggle()));
    this.renderSound(this.sound.muted);
    r.querySelector("#btn-help")!.addEventListener("click", () => (this.els.help.hidden = !this.els.help.hidden));
    r.querySelector("#btn-leave")!.addEventListener("click", () => {
      this.backend.leave();
      location.href = "/";
    });
    // the intent list lights its creature's whole intent on the board
    this.els.intentPanel.addEventListener("pointerover", (e) => {
      const li = (e.target as HTMLElement).closest<HTMLElement>("li[data-unit]");
      this.ctl.pin(li?.dataset.unit ?? null);
      this.invalidate();
    });
    this.els.intentPanel.addEventListener("pointerleave", () => {
      this.ctl.pin(null);
      this.invalidate();
    });
  }

  private renderSound(muted: boolean): void {
    this.els.btnSound.textContent = muted ? "Sound off" : "Sound on";
    this.els.btnSound.classList.toggle("on", !muted);
    setTestState({ muted });
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

  private showWire(wire: WireState): void {
    const newScene = !!this.sceneMap && this.sceneMap !== this.backend.map;
    if (newScene) this.clearScene();
    this.sceneMap = this.backend.map;
    const prevRound = this.wire?.round;
    this.wire = wire;
    try {
      this.view = engine.fromWire(wire, this.backend.map) as unknown as BattleState;
    } catch (err) {
      console.error("fromWire failed", err);
      this.view = null;
    }
    this.legal = [];
    if (this.view && wire.phase === "player") {
      for (const s of this.commandSeats()) {
        try {
          this.legal.push(...(engine.legalActions(this.view, s) as Action[]));
        } catch (err) {
          console.error("legalActions failed", err);
        }
      }
    }
    const before = this.ctl.selected;
    this.ctl.setContext({ wire, view: this.view, legal: this.legal, mine: this.myUnits().map((u) => u.id), seat: this.seat, level: this.board.level });
    if (this.ctl.selected !== before) this.selectionChanged();
    if (!this.sized) {
      // The header is filled now: fit the canvas to the space that is really left.
      this.sized = true;
      this.renderTop(wire);
      const { w, h } = this.canvasSize();
      if (w !== this.board.app.renderer.width || h !== this.board.app.renderer.height) this.board.resize(w, h);
    }
    this.board.setScene(this.backend.map, wire, this.seat);
    this.noteRing(wire);
    this.renderNow();
    if (prevRound !== undefined && prevRound !== wire.round && wire.phase === "player") this.banner(`Round ${wire.round} — your move`, 1400);
    // a campaign's scene ends in its between-scenes screen instead
    if (wire.phase === "ended" && !this.reportShown && !this.info.campaign.stage) this.showReport();
    this.campaign.update(this.info);
    if (newScene) this.announceScene();
    this.publishTestState();
  }

  /**
   * A campaign's next scene: nothing of the old one stays (units, tags, selection, previews,
   * pings, the ring's note, the log, the report); the board is drawn anew on the new map.
   */
  private clearScene(): void {
    this.queue = [];
    this.pendingWire = null;
    this.wire = null;
    this.view = null;
    this.legal = [];
    this.ctl = new BattleController();
    this.pings = [];
    this.partnerPointer = null;
    this.animPhase = null;
    this.reportShown = false;
    this.lastRadius = null;
    this.ringNote = "";
    this.els.reportHost.hidden = true;
    this.hideBanner();
    this.hideError();
    this.logLines = [];
    this.logPending = [];
    this.els.log.replaceChildren();
    this.board.clearScene();
    // the header changes: the canvas is fitted again to what is left
    this.sized = false;
    this.sceneFrame = false;
  }

  private announceScene(): void {
    const c = this.info.campaign;
    const title = sceneTitle(c.scene, c.scenes, c.summary?.scenes[c.scene]?.place ?? "");
    this.log(`— ${title} —`);
    this.banner(title, 2500);
  }

  /** Why the ring moved: kept from the last squeeze for the briefing. */
  private noteRing(w: WireState): void {
    if (!w.hasPerimeter) return;
    if (this.lastRadius !== null && w.radius !== this.lastRadius) {
      this.ringNote = `The line closed from ${this.lastRadius} to ${w.radius} in round ${w.round - 1}.`;
    }
    this.lastRadius = w.radius;
  }

  private firstFrame = false;
  private sceneFrame = false;
  private sized = false;
  private publishTestState(): void {
    const w = this.wire;
    if (!w) return;
    if (!this.firstFrame) {
      this.firstFrame = true;
      // Two animation frames after the first scene: it has been rendered and painted.
      requestAnimationFrame(() => requestAnimationFrame(() => setTestState({ firstFrameAt: performance.now() })));
    }
    if (!this.sceneFrame) {
      this.sceneFrame = true;
      const id = w.mapId;
      requestAnimationFrame(() => requestAnimationFrame(() => setTestState({ sceneFrame: id })));
    }
    const c = this.info.campaign;
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
      selected: this.ctl.selected,
      target: this.ctl.target,
      mode: this.ctl.mode,
      cursor: this.ctl.cursor,
      viewHash: engine.hashString(
        JSON.stringify({ step: w.step, round: w.round, phase: w.phase, units: Object.keys(w.units).sort().map((k) => w.units[k]), acid: w.acid, intents: w.intents }),
      ),
      connection: this.lastConnection,
      partnerSelected: this.seat === "spectator" ? "" : this.info.selects[OTHER[this.seat]],
      holders: this.info.holders,
      mapId: w.mapId,
      campaignStage: c.stage,
      campaignScene: c.scene,
      campaignReady: c.ready,
      fallen: c.summary?.fallen.length ?? 0,
    });
  }

  // ---- one redraw per animation frame -----------------------------------------------------------

  redraws = 0;
  /** Something changed: redraw on the next animation frame (many changes in one frame, one redraw). */
  private invalidate(): void {
    if (this.frame || this.destroyed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderNow();
    });
  }

  private renderNow(): void {
    if (!this.board || !this.wire) return;
    this.redraws++;
    const w = this.wire;
    const p = this.ctl.preview();
    const o: Overlay = emptyOverlay();
    o.selected = this.ctl.selected;
    o.cursor = this.ctl.cursor;
    o.pings = this.pings;
    o.partnerPointer = this.partnerPointer;
    if (this.seat !== "spectator") o.partnerSelected = this.info.selects[OTHER[this.seat]] || null;
    o.exposed = p.exposed;
    o.focus = p.focus;
    if (!this.playing) {
      o.reach = p.reach;
      o.targets = p.targets;
      o.target = this.ctl.target;
      o.blast = p.blast;
      o.throwable = p.throwable;
      if (p.route) {
        const burn = p.routeFire.reduce((n, f) => n + f.damage, 0);
        // fire on the way is drawn as a hazard too (no armor lost to it)
        const fire = p.routeFire.map((f) => ({ pos: f.pos, damage: f.damage, corrosion: 0, fire: true }));
        o.route = { path: p.route.path, waypoints: this.ctl.waypoints, ok: p.route.ok, hazards: [...p.route.hazards, ...fire], ...routeTag(p.route, burn) };
      }
      else if (this.ctl.waypoints.length) o.route = { path: [], waypoints: this.ctl.waypoints, ok: true, hazards: [], tag: "", danger: false };
    }
    this.board.setOverlay(o);
    this.renderTop(w);
    this.renderPanels(p);
    setTestState({ selected: this.ctl.selected, target: this.ctl.target, mode: this.ctl.mode, cursor: this.ctl.cursor, waypoints: this.ctl.waypoints.length });
  }

  private renderPanels(p: ReturnType<BattleController["preview"]>): void {
    const w = this.wire!;
    const sel = this.ctl.selected ? w.units[this.ctl.selected] ?? null : null;
    put(this.els.unitPanel, unitPanel(w, sel, this.ctl.mode, this.seat === "spectator"));
    put(this.els.routePanel, this.ctl.mode === "move" && !this.playing ? routePanel(w, p.route, this.ctl.waypoints.length, p.routeFire) : "");
    const c = this.panelCtx();
    put(this.els.targetPanel, targetPanel(c, p));
    put(this.els.tilePanel, tilePanel(c, p.focus));
    put(this.els.intentPanel, intentPanel(c, p.focus));
    put(this.els.squadPanel, squadPanel(c));
    put(this.els.briefing, briefing(c));
    this.renderButtons();
  }

  private panelCtx(): PanelCtx {
    return {
      wire: this.wire!,
      map: this.backend.map,
      view: this.view,
      selected: this.ctl.selected,
      target: this.ctl.target,
      mode: this.ctl.mode,
      cursor: this.ctl.cursor,
      playing: this.playing,
      mine: new Set(this.myUnits().map((u) => u.id)),
      ringNote: this.ringNote,
    };
  }

  private renderButtons(): void {
    const sel = !!this.ctl.selected && this.myUnits().some((u) => u.id === this.ctl.selected);
    const has = (t: string) => this.legal.some((a) => a.type === t && "unit" in a && a.unit === this.ctl.selected);
    this.root.querySelectorAll<HTMLButtonElement>("[data-act]").forEach((b) => {
      const a = b.dataset.act!;
      b.classList.toggle("on", a === this.ctl.mode && sel);
      const avail = a === "ready" ? this.seat !== "spectator" : a === "undo" ? this.legal.some((x) => x.type === "undo") : a === "move" ? sel : sel && has(a);
      b.classList.toggle("dim", !avail);
    });
  }

  private selectionChanged(): void {
    const id = this.ctl.selected;
    if (this.backend.kind === "online" && this.seat !== "spectator") this.backend.sendSelect(id);
    const u = id && this.wire ? this.wire.units[id] : null;
    if (u && u.level !== this.board.level) this.board.setLevel(u.level);
  }

  // ---- input ---------------------------------------------------------------------------------

  private run(out: Outcome): void {
    if (!out) return;
    if ("error" in out) return this.showError(out.error.code, out.error.message);
    for (const a of out.send) this.send(a);
  }

  private onTile(tile: Pos, kind: "hover" | "tap" | "ping" | "leave", shift: boolean, ctrl: boolean): void {
    if (kind === "leave") {
      if (this.backend.kind === "online") this.backend.sendPointer(null);
      return;
    }
    if (kind === "hover") {
      this.ctl.hover(tile);
      this.invalidate();
      this.queuePointer(tile);
      return;
    }
    if (kind === "ping") return this.sendPing(tile, shift ? "move" : ctrl ? "target" : this.pingKind);
    const before = this.ctl.selected;
    const out = this.ctl.activate(tile, { waypoint: shift });
    if (this.ctl.selected !== before) this.selectionChanged();
    this.run(out);
    this.invalidate();
    this.publishTestState();
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
  }

  private addPing(p: PingMark): void {
    this.pings = this.pings.filter((q) => performance.now() - q.at < 6000);
    this.pings.push(p);
    this.log(`${SEAT_NAME[p.seat] ?? "Partner"} pings ${p.kind} at ${p.x},${p.y}`);
    this.invalidate();
    setTimeout(() => {
      this.pings = this.pings.filter((q) => q !== p);
      this.invalidate();
    }, 6000);
    const s = getTestState();
    setTestState({ pings: ((s.pings as number) ?? 0) + 1 });
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
    const sel = this.ctl.selected;
    switch (act) {
      case "move":
      case "shoot":
      case "calledShot":
      case "butt":
      case "grenade":
        this.run(this.ctl.setMode(act as Mode));
        break;
      case "holdOn":
      case "revive":
      case "carry":
        this.run(this.ctl.comradeAction(act));
        break;
      case "drop":
        this.run(this.ctl.drop());
        break;
      case "withdraw":
        this.run(this.ctl.withdraw());
        break;
      case "overwatch":
      case "reload":
        if (!sel) return this.showError("NO_SELECTION", "Select one of your soldiers first (Tab, or click him).");
        this.send({ type: act, unit: sel });
        return;
      case "undo":
        if (this.seat === "spectator") return this.showError("ERR_SPECTATOR", "Spectators watch; they cannot act.");
        this.backend.sendUndo();
        return;
      case "ready": {
        if (this.seat === "spectator") return this.showError("ERR_SPECTATOR", "Spectators watch; they cannot act.");
        // between a campaign's scenes, ready means: go on to the next
        if (this.campaign.toggleReady()) return;
        if (!this.wire) return;
        const w = this.wire;
        const mine = this.seat === "takumi" ? w.readyTakumi : w.readyWang;
        this.backend.sendReady(!mine);
        if (!mine) for (const s of this.commandSeats()) if (s !== this.seat && !(s === "takumi" ? w.readyTakumi : w.readyWang)) this.backend.sendReady(true, s);
        return;
      }
      case "takeover":
        this.backend.takeOver?.();
        return;
    }
    this.invalidate();
    this.publishTestState();
  }

  private onKey = (e: KeyboardEvent) => {
    if (this.destroyed) return;
    const tag = (e.target as HTMLElement)?.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    const k = keyCommand(e);
    if (!k) return;
    e.preventDefault();
    this.key(k);
  };

  private key(k: KeyCommand): void {
    const map = this.backend.map;
    const before = this.ctl.selected;
    const move = (dx: number, dy: number) => this.ctl.moveCursor(dx, dy, map.width, map.height, this.board.level);
    switch (k) {
      case "next": case "prev": this.ctl.cycleUnit(k === "next" ? 1 : -1); break;
      case "up": move(0, -1); break;
      case "down": move(0, 1); break;
      case "left": move(-1, 0); break;
      case "right": move(1, 0); break;
      case "confirm":
        if (this.playing) this.toggleSpeed(true);
        else this.run(this.ctl.confirm());
        break;
      case "escape":
        if (!this.els.reportHost.hidden) this.els.reportHost.hidden = true;
        else if (this.campaign.visible) this.campaign.hide();
        else if (!this.els.help.hidden) this.els.help.hidden = true;
        else this.ctl.escape();
        this.hideError();
        break;
      case "targetNext": case "targetPrev": this.run(this.ctl.cycleTarget(k === "targetNext" ? 1 : -1)); break;
      case "move": case "shoot": case "calledShot": case "grenade": case "butt": case "overwatch": case "reload": case "undo": case "ready":
      case "holdOn": case "revive": case "carry": case "drop": case "withdraw":
        this.command(k);
        break;
      case "speed": this.toggleSpeed(); break;
      case "ping1": case "ping2": case "ping3": {
        const kind = (["danger", "move", "target"] as const)[Number(k.slice(-1)) - 1];
        if (this.ctl.cursor) this.sendPing(this.ctl.cursor, kind);
        break;
      }
      case "levelUp": case "levelDown": {
        const lv = Math.max(0, Math.min(map.levels - 1, this.board.level + (k === "levelUp" ? 1 : -1)));
        this.board.setLevel(lv);
        if (this.ctl.cursor) this.ctl.hover({ ...this.ctl.cursor, level: lv });
        if (this.wire) this.ctl.setContext({ ...this.ctl.context!, level: lv });
        break;
      }
      case "zoomIn": case "zoomOut": {
        const c = this.board.app.renderer;
        this.board.setZoom(this.board.zoom * (k === "zoomIn" ? 1.25 : 0.8), c.width / 2, c.height / 2);
        break;
      }
      case "help": this.els.help.hidden = !this.els.help.hidden; break;
    }
    if (this.ctl.selected !== before) this.selectionChanged();
    this.invalidate();
    this.publishTestState();
  }

  private toggleSpeed(force?: boolean): void {
    this.fast = force ?? !this.fast;
    this.board.speed = Math.max(this.fast ? 4 : 1, Number(new URLSearchParams(location.search).get("speed") ?? "") || 0);
    this.els.btnSpeed.textContent = this.fast ? "×4" : "×1";
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
    this.renderNow();
    this.publishTestState();
    try {
      while (this.queue.length) {
        const { events } = this.queue.shift()!;
        const enemy = events.some((e) => e.type === "phase");
        const seenEnemy = events.some((e) => "unit" in e && typeof e.unit === "string" && e.unit.startsWith("c"));
        // a kill splashes acid on several tiles: one line for the run, not one per tile
        let acid: BattleEvent[] = [];
        const flushAcid = () => {
          if (acid.length === 1) this.log(describeEvent(acid[0], this.wire));
          else if (acid.length > 1) this.log(`Acid spreads over ${acid.length} tiles (up to ${Math.max(...acid.map((a) => (a.type === "acid" ? a.intensity : 0)))})`);
          acid = [];
        };
        await this.board.animate(events, (e) => {
          if (e.type === "acid") {
            acid.push(e);
            return;
          }
          flushAcid();
          const line = describeEvent(e, this.wire);
          if (line) this.log(line);
          if (e.type === "phase") {
            this.animPhase = e.phase === "player" ? null : e.phase;
            if (e.phase === "enemy") {
              this.banner(seenEnemy ? "Enemy phase" : "Enemy phase — in the dust", 0);
              setTestState({ enemySeen: ((getTestState().enemySeen as number) ?? 0) + 1 });
            } else if (e.phase !== "player") this.banner(PHASE_TEXT[e.phase] ?? e.phase, 0);
            if (this.wire) this.renderTop(this.wire);
            this.publishTestState();
          } else if (e.type === "ended") this.banner(e.outcome === "won" ? "Victory" : "Defeat", 0);
          else if (e.type === "squeezed") this.banner(`The line closes — radius ${e.radius}`, 0);
          else if (e.type === "taken") this.banner(`${unitName(this.wire, e.unit)} was taken`, 0);
          else if (e.type === "weaponLost") this.banner(`${unitName(this.wire, e.unit)} lost his rifle`, 0);
          else if (e.type === "ambush") this.banner(`Ambush! ${unitName(this.wire, e.unit)} stopped short`, 1800);
        });
        flushAcid();
        // what the squad heard in the fog: noise markers drifting to where the next state has them
        const next = this.pendingWire;
        if (enemy && next && this.wire && next.phase === "player" && (next.noise?.length || this.wire.noise?.length)) {
          setTestState({ heard: ((getTestState().heard as number) ?? 0) + 1 });
          await this.board.noiseDrift(this.wire.noise ?? [], next.noise ?? []);
        }
        if (enemy) this.hideBanner();
      }
    } finally {
      this.playing = false;
      this.animPhase = null;
      const w = this.pendingWire;
      this.pendingWire = null;
      if (w) this.showWire(w);
      else {
        this.renderNow();
        this.publishTestState();
      }
    }
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

  /** A small "sending…" marker while a command awaits the server's ack. */
  private onPending(count: number): void {
    const el = this.els.pending;
    el.textContent = pendingText(count);
    el.hidden = count <= 0;
    const s = getTestState();
    setTestState({ pending: count, pendingSeen: Math.max((s.pendingSeen as number) ?? 0, count) });
  }

  showError(code: string, raw: string): void {
    const message = refusalText(code, raw);
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

  // ---- header ---------------------------------------------------------------------------------

  private renderTop(w: WireState): void {
    const m = this.backend.map;
    this.els.round.textContent = `Round ${w.round}/${m.maxRounds}${m.levels > 1 && this.board ? ` · L${this.board.level}` : ""}`;
    this.els.phase.textContent = this.animPhase ? PHASE_TEXT[this.animPhase] : w.phase === "ended" ? `Over: ${w.outcome || "ended"}` : "Your move";
    this.els.objective.textContent = objectiveLine(w, m);
    const c = this.info.campaign;
    this.els.scene.hidden = !c.stage;
    // in a campaign the scene's name stands where the game's title was (one header row at 1280 px)
    this.els.top.classList.toggle("campaign", !!c.stage);
    if (c.stage) this.els.scene.textContent = sceneTitle(c.scene, c.scenes, c.summary?.scenes[c.scene]?.place ?? "");
    this.els.objective.title = m.perimeter ? ringReason(w, m.perimeter.squeezeCorpses, m.perimeter.squeezeEveryRounds) : "";
    const code = this.info.code;
    if (code && this.backend.kind === "online") {
      const link = `${location.origin}/?join=${encodeURIComponent(code)}`;
      if (put(this.els.codeBox, `<span class="pill code">Code <b id="join-code">${esc(code)}</b></span> <button id="copy-link" title="${esc(link)}">Copy link</button>`))
        this.els.codeBox.querySelector("#copy-link")!.addEventListener("click", () => void navigator.clipboard?.writeText(link));
    } else if (this.backend.kind === "offline") put(this.els.codeBox, `<span class="pill">Offline</span>`);
    const enemyTurn = !!this.animPhase;
    const seatHtml = (["takumi", "wang"] as Seat[])
      .map((s) => {
        const holder = this.info.holders[s];
        const ready = s === "takumi" ? w.readyTakumi : w.readyWang;
        const you = this.seat === s ? " (you)" : "";
        const who = holder === "player" ? "player" : holder === "dropped" ? "dropped" : holder === "bot" ? "bot" : holder === "partner" ? "partner plays" : holder === "open" ? "waiting for a player" : "empty";
        const state = w.phase === "ended" ? "" : enemyTurn ? " · waits" : ready ? " · ✔ ready" : " · acting";
        return `<span class="pill seat seat-${s} ${ready && !enemyTurn ? "is-ready" : ""}" data-seat="${s}" title="${SEAT_NAME[s]}: ${who}">${SEAT_NAME[s]}${you}${this.seat === s || holder === "player" ? "" : ` (${who})`}${state}</span>`;
      })
      .join(" ");
    put(this.els.seats, seatHtml + (this.info.spectators ? ` <span class="pill">${this.info.spectators} watching</span>` : ""));
    if (this.seat !== "spectator") {
      // between a campaign's scenes the button marks ready to go on
      const mineReady = c.stage === "report" ? c.ready[this.seat] : this.seat === "takumi" ? w.readyTakumi : w.readyWang;
      put(this.els.btnReady, mineReady ? "Not ready <kbd>E</kbd>" : "Ready <kbd>E</kbd>");
      this.els.btnReady.classList.toggle("on", mineReady);
      const other = OTHER[this.seat];
      const holder = this.info.holders[other];
      const pb = this.els.partnerBanner;
      // a squad with no soldier left standing is not offered for takeover
      const otherAlive = Object.values(w.units).some((u) => u.seat === other && u.fate === "active");
      const held = this.info.reconnectSeconds;
      if (holder === "dropped") {
        put(pb, `${SEAT_NAME[other]} lost the connection. His seat is held${held ? ` for ${held} s` : ""} for him to come back.`);
        pb.classList.add("show");
      } else if ((holder === "bot" || holder === "open") && this.backend.kind === "online" && otherAlive && w.phase !== "ended") {
        const sergeantUp = Object.values(w.units).some((u) => u.seat === other && u.kind === other && u.fate === "active");
        const whose = sergeantUp ? `${SEAT_NAME[other]}'s squad` : `the late Sergeant ${SEAT_NAME[other]}'s privates`;
        const text = `${holder === "bot" ? `The bot commands ${whose}.` : `${SEAT_NAME[other]}'s seat is open: share the code.`} <button id="btn-takeover">${sergeantUp ? "Take his squad over" : "Command his privates"}</button>`;
        if (put(pb, text)) pb.querySelector("#btn-takeover")!.addEventListener("click", () => this.command("takeover"));
        pb.classList.add("show");
      } else if (holder === "partner") {
        put(pb, `You command ${SEAT_NAME[other]}'s squad as well.`);
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
    t.textContent = `⏱ ${left} s`;
    t.classList.toggle("conn-lost", left <= 10);
  }

  private logPending: string[] = [];
  log(line: string): void {
    this.logLines.push(line);
    if (this.logLines.length > 200) this.logLines.shift();
    // written once per animation frame: one layout for many lines while events play
    this.logPending.push(line);
    if (this.logPending.length === 1) requestAnimationFrame(() => this.flushLog());
  }

  private flushLog(): void {
    const ol = this.els.log;
    const lines = this.logPending;
    this.logPending = [];
    if (!ol) return;
    const frag = document.createDocumentFragment();
    for (const line of lines) {
      const li = document.createElement("li");
      li.textContent = line;
      frag.appendChild(li);
    }
    ol.appendChild(frag);
    while (ol.children.length > 80) ol.firstChild?.remove();
    ol.scrollTop = ol.scrollHeight;
  }

  private showReport(): void {
    this.reportShown = true;
    const w = this.wire!;
    const host = this.els.reportHost;
    host.hidden = false;
    renderReport(host, w, { matchId: this.info.matchId, onClose: () => (host.hidden = true), reason: endReason(w, this.backend.map.maxRounds) });
    setTestState({ report: true });
  }

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timerInterval);
    cancelAnimationFrame(this.frame);
    window.removeEventListener("resize", this.onResize);
    window.removeEventListener("keydown", this.onKey);
    this.board?.destroy();
  }
}

export { describeEvent };
