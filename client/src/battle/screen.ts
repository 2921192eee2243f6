/**
 * The battle screen: wires the board (board.ts), the headless controller (controller.ts), the page
 * (shell.ts, header.ts, the panels), the keys and sound to a backend. It feeds each state to the
 * controller, sends what the controller's commands ask, and hands each step's events to the
 * animation queue (playback.ts). Every change it sees calls `invalidate()`; the next animation
 * frame draws the board, the header and the panels once (frame.ts).
 */
import * as engine from "../engine";
import { otherSeat, type Action, type BattleEvent, type BattleState, type MapDef, type PhraseKey, type Pos, type Seat, type WireState, type WireUnit } from "../engine";
import { BoardRenderer, type PartnerRoute, type PhraseMark, type PingMark } from "../board";
import type { Backend, ConnectionStatus, RoomInfo, ViewerSeat } from "../backend";
import { BattleController, type Preview } from "../controller";
import { put, routePanel, unitPanel } from "../hud";
import { cardAnchor, cardHtml, placeDock } from "./card";
import { briefing, endReason, intentPanel, squadPanel, targetPanel, tilePanel, type PanelCtx } from "../panels";
import { PHRASE_TEXT, phraseLine, refusalText, SEAT_NAME, sceneTitle, seatChangeText, setSceneDust } from "../words";
import { route } from "../previews";
import { CampaignScreen } from "../campaignScreen";
import { loadMap } from "../maps";
import { floorBar, floorBarHost, floorStrip, floorStripHost } from "../floors";
import { dusty } from "../scene";
import { Sound } from "../sound";
import { setTestState, getTestState } from "../teststate";
import { afterPaint } from "../dom";
import { FrameScheduler } from "./frame";
import { BattleLog } from "./log";
import { BattleInput, speedParam } from "./input";
import { Playback } from "./playback";
import { Shell } from "./shell";
import { Layout } from "./layout";
import { wireSettings } from "../settings";
import { renderHeader, renderTimer } from "./header";
import { boardOverlay } from "./overlay";
import { installDebug, markPainted, publishControl, publishShown } from "./testHooks";
import { PartnerPanel } from "../partner/planPanel";
import { ORDER_NAME } from "../partner/planWords";

const PING_SHOWN_MS = 6000;
const PHRASE_SHOWN_MS = 5000;
const SEAT_CHANGE_SHOWN_MS = 5000;
const TIMER_TICK_MS = 500;

export class BattleScreen {
  private board!: BoardRenderer;
  private ctl = new BattleController();
  private sound = new Sound();
  private shell: Shell;
  private frames = new FrameScheduler(() => this.draw());
  private playback: Playback;
  private log: BattleLog;
  private input: BattleInput;
  private layout: Layout | null = null;
  private campaign!: CampaignScreen;
  private info: RoomInfo;
  /** The state shown, and the squad's view of it as a BattleState for the engine's previews. */
  private wire: WireState | null = null;
  private view: BattleState | null = null;
  private legal: Action[] = [];
  private pings: PingMark[] = [];
  private partnerPointer: Pos | null = null;
  private phrases: PhraseMark[] = [];
  /** The partner's previewed path, kept while his selection, cursor and the state are the same. */
  private partnerRouteKey = "";
  private partnerRoute: PartnerRoute | null = null;
  /** The bot partner's plan and the orders given it (partner/). */
  private partner!: PartnerPanel;
  private reportShown = false;
  private destroyed = false;
  private lastConnection: ConnectionStatus = "connected";
  private timerInterval = 0;
  /** The map of the scene on the board (a campaign's next scene brings another). */
  private sceneMap: MapDef | null = null;
  /** A state came that the board has not drawn yet. */
  private sceneDirty = false;
  /** The canvas has been fitted to what the filled header leaves (again after a new scene). */
  private sized = false;
  private firstPainted = false;
  private scenePainted = false;
  private lastRadius: number | null = null;
  private ringNote = "";

  constructor(
    host: HTMLElement,
    private backend: Backend,
  ) {
    this.info = backend.info;
    this.shell = new Shell(host);
    this.log = new BattleLog(this.shell.els.log);
    const screen = this;
    this.input = new BattleInput({
      get ctl() {
        return screen.ctl;
      },
      get board() {
        return screen.board;
      },
      get wire() {
        return screen.wire;
      },
      get campaign() {
        return screen.campaign;
      },
      get info() {
        return screen.info;
      },
      get playing() {
        return screen.playback.playing;
      },
      backend,
      shell: this.shell,
      commandSeats: () => this.commandSeats(),
      showError: (code, message) => this.showError(code, message),
      selectionChanged: (before) => this.selectionChanged(before),
      invalidate: () => {
        // tests read the controller's state right after a key: it is written at once, the screen on the next frame
        publishControl(this.ctl);
        this.invalidate();
      },
    });
    this.shell.busy = () => (this.board ? this.board.busyAreas().map((b) => this.toClient(b)) : []);
    this.playback = new Playback({
      get board() {
        return screen.board;
      },
      get wire() {
        return screen.wire;
      },
      log: (line) => this.addLog(line),
      banner: (text, ms) => this.shell.banner(text, ms),
      hideBanner: () => this.shell.hideBanner(),
      happening: (events) => this.placeBanner(events),
      changed: () => this.invalidate(),
      drawn: () => this.frames.drawn(),
      done: (next) => {
        this.input.playbackEnded();
        if (next) this.showWire(next);
        else this.invalidate();
      },
    });
  }

  get seat(): ViewerSeat {
    return this.backend.seat;
  }

  /** The log's lines (the last 200). */
  get logLines(): string[] {
    return this.log.lines;
  }

  async start(): Promise<void> {
    this.wireDom();
    this.partner = new PartnerPanel(this.shell.els.side, this.shell.els.briefing, this.backend);
    const { w, h } = this.shell.canvasSize();
    this.board = await BoardRenderer.create(this.shell.els.boardHost, w, h);
    this.board.cue = (name) => this.sound.play(name);
    const sp = speedParam();
    if (sp > 0) this.board.speed = sp;
    this.board.onTile((tile, kind, ev) => this.input.tile(tile, kind, ev?.shiftKey ?? false, ev?.ctrlKey ?? false, ev?.pointerType === "touch"));
    const els = this.shell.els;
    // the canvas follows its host (the window resized, the phone turned, the header wrapped)
    this.layout = new Layout({ root: this.shell.root, boardHost: els.boardHost, side: els.side, handle: els.sheetHandle, actions: els.actions }, () => this.onResize());
    window.addEventListener("keydown", this.onKey);
    this.timerInterval = window.setInterval(() => renderTimer(this.shell.els.timer, this.wire, this.info.turnDeadline, Date.now()), TIMER_TICK_MS);
    setTestState({ seat: this.seat, ready: false, round: 0, phase: "loading", animating: false, mode: this.backend.kind });
    this.installDebug();
    this.backend.setHandlers({
      state: (wire, info) => this.onState(wire, info),
      events: (round, events) => this.onEvents(round, events),
      error: (code, message) => this.showError(code, message),
      ping: (p) => this.addPing(p),
      phrase: (seat, key) => this.addPhrase(seat, key),
      pointer: (seat, pos) => {
        if (seat === this.seat) return;
        this.partnerPointer = pos;
        this.invalidate();
        setTestState({ partnerPointer: pos });
      },
      connection: (status, detail) => {
        this.lastConnection = status;
        this.shell.connection(status, detail);
      },
      pending: (count) => this.shell.pending(count),
      notice: (code, message) => this.addLog(`Note: ${refusalText(code, message)}`),
      plan: (p) => {
        this.partner.setPlan(p);
        if (p.changed) this.addLog(`${SEAT_NAME[p.seat]} changes his plan: the board changed.`);
        setTestState({ partnerPlan: p });
        this.invalidate();
      },
      order: (m) => {
        if (m.order !== this.partner.order) this.addLog(`${SEAT_NAME[m.by]} orders ${SEAT_NAME[m.seat]}: ${ORDER_NAME[m.order]}.`);
        this.partner.order = m.order;
        setTestState({ partnerOrder: m.order });
        this.invalidate();
      },
    });
  }

  private installDebug(): void {
    installDebug({
      drop: (holdMs?: number) => this.backend.dropConnection?.(holdMs),
      comeBack: () => this.backend.comeBack?.(),
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
      /** Where each unit's sprite stands, in tiles (the board's own picture of the state). */
      spriteTiles: () => Object.fromEntries([...this.board.sprites].map(([id, sp]) => [id, { x: sp.root.x / this.board.ts - 0.5, y: sp.root.y / this.board.ts - 0.5, visible: sp.root.visible }])),
      skippedMs: () => this.board.skippedMs,
      animMs: () => ({ ...this.board.animMs }),
      trace: (since = 0) => this.board.trace.filter((e) => e.t >= since),
      /** The soldier bot's next command for a seat on this page's view (a test plays the human's squad with it). */
      botCommand: (seat: Seat) => (this.view ? engine.botCommand(this.view, seat) : null),
      speed: () => this.board.speed,
      waysOut: () => Object.fromEntries(this.board.drawnWaysOut),
      bus: () => this.board.bus,
      zoom: () => this.board.zoom,
      log: () => this.log.lines.slice(),
      sound: () => ({ muted: this.sound.muted, played: this.sound.played.slice() }),
      redraws: () => this.frames.redraws,
      screen: this,
    });
  }

  /** The banner kept off the tags (or, while events play, off `events`' units). */
  private placeBanner(events: BattleEvent[] = []): void {
    if (this.board) this.shell.placeBanner(this.board.busyAreas(events).map((b) => this.toClient(b)));
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

  private onResize = () => {
    if (!this.board) return;
    const { w, h } = this.shell.canvasSize();
    // the first frame already fitted the canvas to the filled header: the observer's news of that is no change
    if (w === this.board.app.renderer.width && h === this.board.app.renderer.height) return;
    this.board.resize(w, h);
    this.invalidate();
  };

  private wireDom(): void {
    const { els } = this.shell;
    this.input.wireButtons();
    wireSettings(this.shell.root, () => {
      this.board?.refresh();
      this.invalidate();
    });
    this.campaign = new CampaignScreen(els.campaignHost, els.btnCampaign, {
      seat: this.seat,
      sendReady: (ready) => this.backend.sendCampaignReady?.(ready),
      loadMap,
      fullReport: () => this.showReport(),
    });
    els.btnSound.addEventListener("click", () => this.shell.showSound(this.sound.toggle()));
    this.shell.showSound(this.sound.muted);
    els.btnHelp.addEventListener("click", () => this.shell.toggleHelp());
    // the report closed with Esc is one click away again
    els.btnReport.addEventListener("click", () => this.showReport());
    els.btnLeave.addEventListener("click", () => {
      this.backend.leave();
      location.href = "/";
    });
    // the intent list lights its creature's whole intent on the board
    els.intentPanel.addEventListener("pointerover", (e) => {
      const li = (e.target as HTMLElement).closest<HTMLElement>("li[data-unit]");
      this.ctl.pin(li?.dataset.unit ?? null);
      this.invalidate();
    });
    els.intentPanel.addEventListener("pointerleave", () => {
      this.ctl.pin(null);
      this.invalidate();
    });
  }

  // ---- state ---------------------------------------------------------------------------------

  private onState(wire: WireState, info: RoomInfo): void {
    this.announceSeats(this.info, info);
    this.info = info;
    this.board?.note(`state ${wire.phase} ${wire.round}${this.playback.playing ? " held" : ""}`);
    if (!this.playback.hold(wire)) this.showWire(wire);
  }

  /** The seats this page commands: its own, and the partner's once taken over. */
  private commandSeats(): Seat[] {
    if (this.seat === "spectator") return [];
    const other = otherSeat(this.seat);
    return this.info.holders[other] === "partner" ? [this.seat, other] : [this.seat];
  }

  private myUnits(): WireUnit[] {
    if (!this.wire) return [];
    const seats = this.commandSeats();
    return Object.values(this.wire.units)
      .filter((u) => u.side === "squad" && u.fate === "active" && seats.includes(u.seat as Seat))
      .sort((a, b) => (a.seat === b.seat ? a.id.localeCompare(b.id, undefined, { numeric: true }) : a.seat === this.seat ? -1 : 1));
  }

  private partnerSelected(): string {
    return this.seat === "spectator" ? "" : this.info.selects[otherSeat(this.seat)];
  }

  private showWire(wire: WireState): void {
    const newScene = !!this.sceneMap && this.sceneMap !== this.backend.map;
    if (newScene) this.clearScene();
    this.sceneMap = this.backend.map;
    setSceneDust(dusty(this.backend.map));
    const prevRound = this.wire?.round;
    const prevSelLevel = this.ctl.selected ? this.wire?.units[this.ctl.selected]?.level : undefined;
    const t0 = performance.now();
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
    // the view follows the selected soldier to the floor he came to (stairs, a fall through the floor)
    const sel = before ? wire.units[before] : undefined;
    if (sel && sel.fate === "active" && prevSelLevel !== undefined && sel.level !== prevSelLevel) this.board.setLevel(sel.level);
    this.ctl.setContext({ wire, view: this.view, legal: this.legal, mine: this.myUnits().map((u) => u.id), seat: this.seat, level: this.board.level });
    this.selectionChanged(before);
    this.sceneDirty = true;
    this.board.waysOut = this.waysOut();
    this.noteRing(wire);
    this.board.note("shown", performance.now() - t0);
    this.invalidate();
    if (prevRound !== undefined && prevRound !== wire.round && wire.phase === "player") this.shell.banner(`Round ${wire.round} — your move`, 1400);
    // a campaign's scene ends in its between-scenes screen instead
    if (wire.phase === "ended" && !this.reportShown && !this.info.campaign.stage) this.showReport();
    this.campaign.update(this.info);
    if (newScene) this.announceScene();
  }

  /**
   * A campaign's next scene: nothing of the old one stays (units, tags, selection, previews,
   * pings, the ring's note, the log, the report); the board is drawn anew on the new map.
   */
  private clearScene(): void {
    this.playback.clear();
    this.wire = null;
    this.view = null;
    this.legal = [];
    this.ctl = new BattleController();
    this.pings = [];
    this.phrases = [];
    this.partnerPointer = null;
    this.partnerRoute = null;
    this.partnerRouteKey = "";
    this.reportShown = false;
    this.lastRadius = null;
    this.ringNote = "";
    this.shell.els.reportHost.hidden = true;
    this.shell.hideBanner();
    this.shell.hideRefusal();
    this.log.clear();
    this.board.clearScene();
    // the header changes: the canvas is fitted again to what is left
    this.sized = false;
    this.scenePainted = false;
  }

  private announceScene(): void {
    const c = this.info.campaign;
    const title = sceneTitle(c.scene, c.scenes, c.summary?.scenes[c.scene]?.place ?? "");
    this.addLog(`— ${title} —`);
    this.shell.banner(title, 2500);
  }

  /** The squad's ways out as the engine treats them (wayOutTiles on the view), as tile indices. */
  private waysOut(): Set<number> {
    const out = new Set<number>();
    if (!this.view) return out;
    const m = this.backend.map;
    try {
      for (const p of engine.wayOutTiles(this.view)) out.add(engine.tileIndex(m, p.x, p.y, p.level));
    } catch (err) {
      console.error("wayOutTiles failed", err);
    }
    return out;
  }

  /** Why the ring moved: kept from the last squeeze for the briefing. */
  private noteRing(w: WireState): void {
    if (!w.hasPerimeter) return;
    if (this.lastRadius !== null && w.radius !== this.lastRadius) {
      this.ringNote = `The line closed from ${this.lastRadius} to ${w.radius} in round ${w.round - 1}.`;
    }
    this.lastRadius = w.radius;
  }

  // ---- the one redraw ---------------------------------------------------------------------------

  /** Something the screen shows changed: it is drawn once, on the next animation frame. */
  private invalidate(): void {
    if (!this.destroyed) this.frames.invalidate();
  }

  private draw(): void {
    if (!this.board || !this.wire) return;
    const w = this.wire;
    if (!this.sized) {
      // The header is filled now: fit the canvas to the space that is really left.
      this.sized = true;
      this.renderHeader(w);
      const { w: cw, h: ch } = this.shell.canvasSize();
      if (cw !== this.board.app.renderer.width || ch !== this.board.app.renderer.height) this.board.resize(cw, ch);
    }
    const p = this.ctl.preview();
    const playing = this.playback.playing;
    const partnerSelected = this.partnerSelected() || null;
    const mine = this.seat === "spectator" ? null : this.seat;
    const botPartner = !!mine && this.info.holders[otherSeat(mine)] === "bot";
    const plan = this.partner.plan;
    const partnerPlan = botPartner && plan && plan.round === w.round && w.phase === "player" ? plan : null;
    const partnerRoute = playing ? null : this.partnerPath(w, partnerSelected);
    const overlay = boardOverlay({ ctl: this.ctl, preview: p, playing, pings: this.pings, phrases: this.phrases, partnerRoute, partnerSeat: mine ? otherSeat(mine) : null, partnerPointer: this.partnerPointer, partnerSelected, partnerPlan });
    const newState = this.sceneDirty;
    const t0 = performance.now();
    if (this.sceneDirty) {
      this.sceneDirty = false;
      this.board.setScene(this.backend.map, w, this.seat, overlay);
    } else this.board.setOverlay(overlay);
    this.renderHeader(w);
    // a banner up (a new round's, say) keeps off the tags just laid out
    if (!playing) this.placeBanner();
    this.shell.els.btnReport.hidden = !(w.phase === "ended" && !this.info.campaign.stage);
    if (!this.firstPainted) {
      // The first frame is the board, the header and the action bar; the panels (most of them in a
      // closed sheet on a phone) are filled on the frame after it is painted, and only then does
      // the screen say it is ready.
      this.firstPainted = true;
      this.renderButtons();
      markPainted("firstFrameAt", () => performance.now());
      afterPaint(() => this.invalidate());
      return;
    }
    this.partner.render(w, mine, botPartner);
    this.renderPanels(w, p);
    this.renderCard(w, p, playing);
    this.renderButtons();
    // a skip lasts until this seat's next move is its own; its button only while there is something to skip
    this.input.controlBack();
    this.shell.els.btnSkip.hidden = !this.input.canSkip();
    if (newState) this.board.note("drawn", performance.now() - t0);
    publishShown({
      wire: w,
      info: this.info,
      seat: this.seat,
      ctl: this.ctl,
      playing,
      animPhase: this.playback.animPhase,
      connection: this.lastConnection,
      partnerSelected: this.partnerSelected(),
    });
    if (!this.scenePainted) {
      this.scenePainted = true;
      const id = w.mapId;
      markPainted("sceneFrame", () => id);
    }
  }

  private renderHeader(w: WireState): void {
    renderHeader(this.shell.els, {
      wire: w,
      map: this.backend.map,
      info: this.info,
      seat: this.seat,
      kind: this.backend.kind,
      level: this.board.level,
      animPhase: this.playback.animPhase,
      takeover: () => this.input.command("takeover"),
    });
  }

  private renderPanels(w: WireState, p: Preview): void {
    const els = this.shell.els;
    const playing = this.playback.playing;
    const sel = this.ctl.selected ? (w.units[this.ctl.selected] ?? null) : null;
    put(els.unitPanel, unitPanel(w, sel, this.ctl.mode, this.seat === "spectator", this.backend.map.levels));
    put(els.routePanel, this.ctl.mode === "move" && !playing ? routePanel(w, p.route, this.ctl.waypoints.length, p.routeFire) : "");
    const c: PanelCtx = {
      wire: w,
      map: this.backend.map,
      view: this.view,
      selected: this.ctl.selected,
      target: this.ctl.target,
      mode: this.ctl.mode,
      cursor: this.ctl.cursor,
      playing,
      mine: new Set(this.myUnits().map((u) => u.id)),
      ringNote: this.ringNote,
      waysOut: this.board.waysOut,
    };
    put(els.targetPanel, targetPanel(c, p));
    put(els.tilePanel, tilePanel(c, p.focus));
    put(els.intentPanel, intentPanel(c, p.focus));
    put(els.squadPanel, squadPanel(c));
    put(els.briefing, briefing(c));
    // every floor at a glance (floors.ts); a click shows one
    put(floorStripHost(els.briefing, (lv) => this.showLevel(lv)), floorStrip(w, this.backend.map, this.board.level));
    put(floorBarHost(els.boardHost, (lv) => this.showLevel(lv)), floorBar(w, this.backend.map, this.board.level));
  }

  /** Shows a floor of the board (the strip's click; the selected soldier's floor when he changes it). */
  private showLevel(level: number): void {
    if (!this.wire || level === this.board.level) return;
    this.board.setLevel(level);
    if (this.ctl.context) this.ctl.setContext({ ...this.ctl.context, level });
    this.invalidate();
  }

  /** The card beside the cursor (battle/card.ts) and the refusal box with it. */
  private renderCard(w: WireState, p: Preview, playing: boolean): void {
    const els = this.shell.els;
    const html = playing || this.seat === "spectator" ? "" : cardHtml(w, this.ctl, p);
    put(els.cursorCard, html);
    els.cursorCard.hidden = !html;
    const at = playing ? null : cardAnchor(this.ctl);
    let c: { x: number; y: number; size: number } | null = null;
    if (at) {
      const host = els.boardHost.getBoundingClientRect();
      const t = this.toClient(this.board.tileCenter(at.x, at.y));
      const size = this.toClient({ x: 0, y: 0, w: this.board.ts * this.board.zoom, h: 0 }).w ?? 0;
      c = { x: t.x - host.left, y: t.y - host.top, size };
    }
    placeDock(els.cursorDock, els.boardHost, c);
  }

  private renderButtons(): void {
    const sel = !!this.ctl.selected && this.myUnits().some((u) => u.id === this.ctl.selected);
    const has = (t: string) => this.legal.some((a) => a.type === t && "unit" in a && a.unit === this.ctl.selected);
    this.shell.actionButtons().forEach((b) => {
      const a = b.dataset.act!;
      b.classList.toggle("on", a === this.ctl.mode && sel);
      const avail = a === "ready" ? this.seat !== "spectator" : a === "undo" ? this.legal.some((x) => x.type === "undo") : a === "move" ? sel : sel && has(a);
      b.classList.toggle("dim", !avail);
      // not offered: said to assistive tech and on hover too, not only by a fainter colour
      b.setAttribute("aria-disabled", String(!avail));
    });
    // a spectator says nothing to the squad (the server would refuse him)
    const mute = this.seat === "spectator";
    this.shell.phraseButtons().forEach((b) => {
      b.classList.toggle("dim", mute);
      b.setAttribute("aria-disabled", String(mute));
    });
  }

  /** The selection may have changed: the partner is told, and the board shows the soldier's level. */
  private selectionChanged(before: string | null): void {
    const id = this.ctl.selected;
    if (id === before) return;
    if (this.backend.kind === "online" && this.seat !== "spectator") this.backend.sendSelect(id);
    const u = id && this.wire ? this.wire.units[id] : null;
    if (u && u.level !== this.board.level) this.board.setLevel(u.level);
  }

  // ---- events ----------------------------------------------------------------------------------

  private onEvents(round: number, events: BattleEvent[]): void {
    this.playback.push(round, events);
  }

  private addLog(line: string): void {
    this.log.add(line);
  }

  showError(code: string, raw: string): void {
    const message = refusalText(code, raw);
    this.shell.refusal(code, message);
    this.addLog(`Refused: ${message}`);
    // the dock moves beside the cursor on the next frame, the refusal with it
    this.invalidate();
  }

  private showReport(): void {
    this.reportShown = true;
    const w = this.wire!;
    // the report's code comes when a battle ends, not with its first frame
    void import("../report").then(({ renderReport }) => {
      if (this.destroyed) return;
      this.renderReport(renderReport, w);
    });
  }

  private renderReport(renderReport: typeof import("../report").renderReport, w: WireState): void {
    const host = this.shell.els.reportHost;
    host.hidden = false;
    renderReport(host, w, { matchId: this.info.matchId, onClose: () => (host.hidden = true), reason: endReason(w, this.backend.map), map: this.backend.map });
    // the outcome with it: the redraw that publishes the rest may come a frame later
    setTestState({ report: true, outcome: w.outcome });
  }

  /** The partner's ping: shown for a while, and logged. */
  private addPing(p: PingMark): void {
    this.pings = this.pings.filter((q) => performance.now() - q.at < PING_SHOWN_MS);
    this.pings.push(p);
    this.addLog(`${SEAT_NAME[p.seat] ?? "Partner"} pings ${p.kind} at ${p.x},${p.y}`);
    this.invalidate();
    setTimeout(() => {
      this.pings = this.pings.filter((q) => q !== p);
      this.invalidate();
    }, PING_SHOWN_MS);
    const s = getTestState();
    setTestState({ pings: ((s.pings as number) ?? 0) + 1 });
  }

  /**
   * The path the partner's selected soldier would take to the tile under his cursor: asked of the
   * engine here, on this page's view (the squad's one view), so no path travels between players.
   */
  private partnerPath(w: WireState, unit: string | null): PartnerRoute | null {
    const to = this.partnerPointer;
    const u = unit ? w.units[unit] : undefined;
    const key = unit && to && u ? `${w.step}:${w.phase}:${unit}:${to.x},${to.y},${to.level}` : "";
    if (key === this.partnerRouteKey) return this.partnerRoute;
    this.partnerRouteKey = key;
    this.partnerRoute = null;
    if (key && u && to && this.view && w.phase === "player" && u.fate === "active" && u.side === "squad" && (u.x !== to.x || u.y !== to.y || u.level !== to.level)) {
      const r = route(this.view, u.seat as Seat, u.id, to, []);
      if (r?.ok && r.path.length) this.partnerRoute = { unit: u.id, seat: u.seat as string, path: r.path };
    }
    setTestState({ partnerPath: this.partnerRoute ? { unit: this.partnerRoute.unit, path: this.partnerRoute.path } : null });
    return this.partnerRoute;
  }

  /** A quick phrase: over the sender's selected soldier (else his first standing) for a while, and logged. */
  private addPhrase(seat: Seat, key: PhraseKey): void {
    const w = this.wire;
    if (!w) return;
    const standing = (id: string | null | undefined) => !!id && w.units[id]?.side === "squad" && w.units[id]?.fate === "active";
    const chosen = seat === this.seat ? this.ctl.selected : this.info.selects[seat];
    const first = Object.values(w.units)
      .filter((u) => u.side === "squad" && u.fate === "active" && u.seat === seat)
      .sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }))[0]?.id;
    const unit = standing(chosen) ? chosen! : first;
    this.addLog(phraseLine(seat, key));
    const s = getTestState();
    setTestState({ phrases: ((s.phrases as number) ?? 0) + 1, lastPhrase: { seat, key, unit: unit ?? "" } });
    if (!unit) return;
    const mark: PhraseMark = { unit, text: PHRASE_TEXT[key], seat, at: performance.now() };
    // one phrase a soldier: the newest replaces the one before
    this.phrases = [...this.phrases.filter((q) => q.unit !== unit), mark];
    this.invalidate();
    setTimeout(() => {
      this.phrases = this.phrases.filter((q) => q !== mark);
      this.invalidate();
    }, PHRASE_SHOWN_MS);
  }

  /** A seat changing hands (a drop, the bot, a return) is said on the board and in the log. */
  private announceSeats(before: RoomInfo, after: RoomInfo): void {
    if (!this.wire || before.code !== after.code) return;
    for (const seat of ["takumi", "wang"] as const) {
      if (seat === this.seat) continue;
      const text = seatChangeText(seat, before.holders[seat], after.holders[seat]);
      if (!text) continue;
      this.shell.seatBanner(text, SEAT_CHANGE_SHOWN_MS);
      this.addLog(`${text}.`);
      const s = getTestState();
      setTestState({ seatNotices: [...((s.seatNotices as string[]) ?? []), text] });
    }
  }

  private onKey = (e: KeyboardEvent) => {
    if (!this.destroyed) this.input.keydown(e);
  };

  destroy(): void {
    this.destroyed = true;
    clearInterval(this.timerInterval);
    this.frames.stop();
    this.input.stop();
    this.shell.destroy();
    this.layout?.destroy();
    window.removeEventListener("keydown", this.onKey);
    this.partner?.destroy();
    this.board?.destroy();
  }
}
