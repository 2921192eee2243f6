/**
 * The board: a Pixi v8 view of a battle, in the manner of chessground. It holds no rules: it draws
 * the WireState it is given and the overlay the controller computed with the engine, and
 * animates events. Layers, bottom to top, each in its own module under board/:
 *   static (painted into a 2D canvas underneath, only when it changes): terrain.ts, layers.ts
 *     (acid, corpses, fog, noise, the ring, the reachable area)
 *   dynamic (a transparent WebGL canvas): overlay.ts (intents, route, targets, selection,
 *     cursor, pings), units.ts (silhouettes), labels.ts (every tag, laid out without overlap),
 *     effects.ts (event animation)
 * Camera (board/camera.ts, on pixi-viewport): a drag or two fingers pan, with deceleration; the
 * wheel and a pinch zoom; the map is clamped to the canvas (centred when it is smaller). A tap is
 * a tap only when no drag or pinch began; a long press (touch) inspects a tile, as hovering does.
 */
import { Application, autoDetectRenderer, Container, Graphics, Rectangle, type FederatedPointerEvent, type Renderer } from "pixi.js";
import type { BattleEvent, MapDef, Pos, WireState } from "./engine";
import { frozenAmong } from "./engine";
import { C, btext, FONT_SIZE, installFont } from "./board/theme";
import { drawTerrain } from "./board/terrain";
import { drawBus, type BusMark } from "./board/bus";
import { drawLayers, drawReach, drawRing } from "./board/layers";
import { drawIntents, drawOverlay, emptyOverlay, type DrawCtx, type Overlay } from "./board/overlay";
import { layoutLabels, type LabelItem, type PlacedLabel } from "./board/labels";
import { drawSprite, makeSprite, type UnitSprite } from "./board/units";
import { noiseDrift, play, type AnimHost } from "./board/effects";
import { Dust } from "./board/dust";
import { Camera } from "./board/camera";
import { colourBlind } from "./settings";

export { emptyOverlay, type Overlay };
export type { PartnerRoute, PhraseMark, PingMark, RouteMark } from "./board/overlay";

/** What the board tells of the pointer: hover, tap, a right click's ping, a long press's inspection, leaving. */
export type TileHandler = (tile: Pos, kind: "hover" | "tap" | "ping" | "inspect" | "leave", ev?: FederatedPointerEvent) => void;

/** What befalls a unit after an attack: marks the next creature's walk need not wait out. */
const AFTERMATH: ReadonlySet<BattleEvent["type"]> = new Set<BattleEvent["type"]>(["damaged", "down", "died", "acid", "corroded", "weaponLost"]);
/** How far into such a mark the next creature sets off (ms at ×1). */
const SET_OFF_MS = 120;

export class BoardRenderer implements AnimHost {
  readonly app: Application;
  private root = new Container();
  private board = new Container();
  /** The camera: the board's container inside a pixi-viewport. */
  private camera!: Camera;
  private staticLayer = new Container();
  private terrainG = new Graphics();
  private layerG = new Graphics();
  private ringG = new Graphics();
  private reachG = new Graphics();
  private intentG = new Graphics();
  readonly unitLayer = new Container();
  private overlayG = new Graphics();
  private labelG = new Graphics();
  private labelLayer = new Container();
  private labelTexts = new Container();
  readonly fxLayer = new Container();
  /** Dust drifting over the dusty ground while something moves (the board is still otherwise). */
  private dust = new Dust();
  readonly sprites = new Map<string, UnitSprite>();
  map: MapDef | null = null;
  private wire: WireState | null = null;
  private terrainKey = "";
  /** The squad's ways out (the engine's wayOutTiles, as tile indices): drawn as such, and only they. */
  waysOut: ReadonlySet<number> = new Set();
  /** The bus drawn on this level (its door, shut until the trapped are reached), null if none. */
  bus: BusMark | null = null;
  /** The tiles drawn as ways out, by level (tests compare them with the engine's). */
  drawnWaysOut = new Map<number, number[]>();
  private layersKey = "";
  private reachKey = "";
  /** Tile size in board units (before the camera's zoom). */
  ts = 32;
  level = 0;
  speed = 1;
  /** Skip to the end (the skip key): every animation, running or to come, is shown at its end at once. */
  skipping = false;
  /** The ms of animation (at ×1 of the speed then set) the skip cut: what was not watched. */
  skippedMs = 0;
  /** The ms spent playing each event kind (the pace test reads where a wait goes). */
  readonly animMs: Record<string, number> = {};
  /** What played when (page ms): each group of events with its length, and the queue's marks (the pace test lays a wait out with it). */
  readonly trace: { t: number; what: string; ms?: number }[] = [];
  note(what: string, ms?: number): void {
    this.trace.push({ t: Math.round(performance.now()), what, ...(ms === undefined ? {} : { ms: Math.round(ms) }) });
    if (this.trace.length > 4000) this.trace.splice(0, 1000);
  }
  /** When the last tween ended and how far it ran past its time (the next in its chain makes up for it). */
  private tweenEnded = { at: -Infinity, over: 0 };
  animating = false;
  private handler: TileHandler | null = null;
  private lastHover = "";
  private overlay: Overlay = emptyOverlay();
  viewerSeat = "spectator";
  frames = 0;
  /** Tags as laid out at the last overlay draw (board units). */
  placed: PlacedLabel[] = [];
  cue?: (name: string) => void;

  private under: HTMLCanvasElement;
  private staticRenderer: Renderer | null;
  private staticStage = new Container();
  private constructor(app: Application, under: HTMLCanvasElement, staticRenderer: Renderer | null) {
    this.app = app;
    this.under = under;
    this.staticRenderer = staticRenderer;
  }

  static async create(host: HTMLElement, width: number, height: number): Promise<BoardRenderer> {
    const app = new Application();
    await app.init({ width, height, backgroundAlpha: 0, antialias: false, preference: "webgl", resolution: 1, autoDensity: false });
    app.canvas.id = "board-canvas";
    app.canvas.addEventListener("contextmenu", (e) => e.preventDefault());
    app.canvas.style.touchAction = "none";
    // The static board is painted into a plain 2D canvas under the WebGL one, only when it
    // changes; the transparent WebGL canvas draws what moves. With software WebGL, redrawing the
    // whole board every frame ran at 2-8 fps.
    const wrap = document.createElement("div");
    wrap.className = "board-wrap";
    // its host is positioned and sized by the page's layout; the canvas fills it
    Object.assign(wrap.style, { position: "absolute", left: "0", top: "0" });
    const under = document.createElement("canvas");
    under.id = "board-static";
    under.width = width;
    under.height = height;
    Object.assign(under.style, { position: "absolute", left: "0", top: "0" });
    app.canvas.style.position = "relative";
    app.canvas.style.display = "block";
    wrap.append(under, app.canvas);
    host.appendChild(wrap);
    let staticRenderer: Renderer | null = null;
    try {
      staticRenderer = (await autoDetectRenderer({ preference: "canvas", canvas: under, width, height, background: C.bg, antialias: false, resolution: 1 })) as Renderer;
      if (staticRenderer.name !== "canvas") {
        staticRenderer.destroy();
        staticRenderer = null;
      }
    } catch (err) {
      console.warn("canvas renderer unavailable; painting the static board through WebGL", err);
      staticRenderer = null;
    }
    const r = new BoardRenderer(app, under, staticRenderer);
    r.setup();
    return r;
  }

  private setup(): void {
    installFont();
    this.app.stage.addChild(this.root);
    this.camera = new Camera(this.app, this.board, {
      moved: () => this.cameraMoved(),
      gesture: () => clearTimeout(this.pressTimer),
    });
    this.root.addChild(this.camera.viewport);
    this.staticLayer.addChild(this.terrainG, this.layerG, this.ringG, this.reachG);
    this.labelLayer.addChild(this.labelG, this.labelTexts);
    this.board.addChild(this.intentG, this.overlayG, this.unitLayer, this.dust.layer, this.labelLayer, this.fxLayer);
    const b = this.board;
    b.eventMode = "static";
    b.cursor = "pointer";
    b.on("pointermove", (e) => this.onPointerMove(e));
    b.on("pointerdown", (e) => this.onPointerDown(e));
    b.on("pointerup", (e) => this.onPointerUp(e));
    b.on("pointerupoutside", (e) => this.onPointerUp(e));
    b.on("rightclick", (e) => this.pointer(e, "ping"));
    b.on("pointerleave", (e) => this.handler?.({ x: -1, y: -1, level: this.level }, "leave", e));
    // Render on demand: the ticker runs only while something moves, then stops.
    this.app.ticker.add((tk) => {
      this.frames++;
      if (this.cameraDirty) {
        this.cameraDirty = false;
        this.paintStaticNow();
      }
      if (this.labelsDirty) {
        this.labelsDirty = false;
        if (this.map && this.wire && !this.animating) this.drawLabels(this.labelItems);
      }
      if (this.busy > 0 && this.map) this.dust.drift(tk.deltaMS, this.map, this.ts);
      if (this.overlay.pings.length) this.drawDynamic();
      if (this.busy === 0 && !this.overlay.pings.length && !this.camera.moving()) this.app.ticker.stop();
    });
    this.kick();
  }

  private busy = 0;

  kick(): void {
    if (!this.app.ticker.started) this.app.ticker.start();
  }

  onTile(handler: TileHandler): void {
    this.handler = handler;
  }

  // ---- input: hover, tap, long press (the camera takes drags, pinches and the wheel) ---------------

  /** Pointers down on the board now. */
  private downs = new Set<number>();
  private pressTimer = 0;
  /** The press in progress was taken as a long press: its release is not a tap. */
  private pressed = false;
  /** How long a finger rests before it inspects (ms). */
  static LONG_PRESS_MS = 500;

  private tileOf(e: FederatedPointerEvent): Pos | null {
    if (!this.map) return null;
    const p = e.getLocalPosition(this.board);
    const x = Math.floor(p.x / this.ts);
    const y = Math.floor(p.y / this.ts);
    if (x < 0 || y < 0 || x >= this.map.width || y >= this.map.height) return null;
    return { x, y, level: this.level };
  }

  private pointer(e: FederatedPointerEvent, kind: "hover" | "tap" | "ping" | "inspect"): void {
    const t = this.tileOf(e);
    if (!t) return;
    if (kind === "hover") {
      const key = `${t.x},${t.y}`;
      if (key === this.lastHover) return;
      this.lastHover = key;
    }
    this.handler?.(t, kind, e);
  }

  private onPointerDown(e: FederatedPointerEvent): void {
    this.downs.add(e.pointerId);
    if (this.downs.size === 1) {
      this.pressed = false;
      this.camera.gestureDone();
    }
    clearTimeout(this.pressTimer);
    if (e.pointerType === "touch" && this.downs.size === 1) {
      const at = this.tileOf(e);
      this.pressTimer = window.setTimeout(() => {
        if (this.camera.gestured || this.downs.size !== 1 || !at) return;
        this.pressed = true;
        this.handler?.(at, "inspect", e);
      }, BoardRenderer.LONG_PRESS_MS);
    }
  }

  private onPointerMove(e: FederatedPointerEvent): void {
    // a finger does not hover: a tap previews, a long press inspects
    if (e.pointerType === "touch" || (this.downs.size && this.camera.gestured)) return;
    this.pointer(e, "hover");
  }

  private onPointerUp(e: FederatedPointerEvent): void {
    clearTimeout(this.pressTimer);
    // a fling decelerates on the ticker's frames
    this.kick();
    const had = this.downs.delete(e.pointerId);
    // a tap: one pointer, down and up without a drag, a pinch or a long press
    if (!had || this.downs.size > 0 || this.camera.gestured || this.pressed) return;
    if (e.button === 0 || e.pointerType === "touch") this.pointer(e, "tap");
  }

  /** The camera's zoom (1 = the whole map fits). */
  get zoom(): number {
    return this.camera.zoom;
  }

  /** Zooms about a point of the canvas (1 = the whole map fits). */
  setZoom(z: number, px: number, py: number): void {
    this.camera.zoomAt(z, px, py);
  }

  pan(dx: number, dy: number): void {
    this.camera.pan(dx, dy);
  }

  /** Brings a tile into the middle of the canvas (keys, or a soldier selected off screen). */
  showTile(x: number, y: number): void {
    this.camera.centreOn((x + 0.5) * this.ts, (y + 0.5) * this.ts);
  }

  /** The camera moved: the static underlay is repainted once, on the next frame (not per pointer event). */
  /** Pans so that a tile is in sight with a tile's margin (the camera does not move if it is). */
  keepInView(x: number, y: number): void {
    const c = this.tileCenter(x, y);
    const m = this.ts * this.zoom;
    const w = this.app.renderer.width;
    const h = this.app.renderer.height;
    if (c.x < m || c.y < m || c.x > w - m || c.y > h - m) this.showTile(x, y);
  }

  private cameraMoved(): void {
    this.cameraDirty = true;
    this.labelsDirty = true;
    this.kick();
  }
  /** The camera moved: the tags are laid out again in what it shows, once, on the next frame. */
  private labelsDirty = false;
  private cameraDirty = false;

  /** Canvas pixel coordinates of a tile's centre. */
  tileCenter(x: number, y: number): { x: number; y: number } {
    return this.camera.toScreen((x + 0.5) * this.ts, (y + 0.5) * this.ts);
  }

  /**
   * What the board shows of what is happening now, in canvas pixels (a banner keeps off it): the
   * tags while they are shown; while events play, the units and tiles of `events` (the one
   * playing) with room for the words that float up over them.
   */
  busyAreas(events: BattleEvent[] = []): { x: number; y: number; w: number; h: number }[] {
    const m = this.ts * this.zoom;
    // the words floating now (one may outlast its event: a new round's banner keeps off it too)
    const out: { x: number; y: number; w: number; h: number }[] = this.fxLayer.children
      .filter((c) => c.visible && typeof (c as { text?: unknown }).text === "string")
      .map((c) => {
        const b = c.getBounds();
        return { x: b.x, y: b.y - 0.6 * m, w: b.width, h: b.height + 0.6 * m };
      });
    if (this.labelLayer.visible && !this.animating) return [...this.labelBoxes(), ...out];
    const near = (p: { x: number; y: number }) => out.push({ x: p.x - 1.6 * m, y: p.y - 1.3 * m, w: 3.2 * m, h: 2 * m });
    for (const e of events) {
      const r = e as unknown as Record<string, unknown>;
      for (const k of ["unit", "victim", "target", "by", "comrade"]) {
        const s = typeof r[k] === "string" ? this.sprites.get(r[k] as string) : undefined;
        if (s && s.root.visible) near(this.camera.toScreen(s.root.x, s.root.y));
      }
      if (Array.isArray(r.hit)) for (const id of r.hit as string[]) {
        const s = this.sprites.get(id);
        if (s && s.root.visible) near(this.camera.toScreen(s.root.x, s.root.y));
      }
      const tiles = [r.at, r.to, ...(Array.isArray(r.path) ? r.path : []), ...(Array.isArray(r.tiles) ? r.tiles : [])] as (Pos | undefined)[];
      for (const p of tiles) if (p && typeof p === "object" && (p.level ?? 0) === this.level) near(this.tileCenter(p.x, p.y));
      // the ring closing: its words float up from the ring's centre
      if (e.type === "squeezed" && this.map?.perimeter) near(this.tileCenter(this.map.perimeter.cx, this.map.perimeter.cy));
    }
    return out;
  }

  /** The tags on the board now, in canvas pixels (tests check that none overlaps another). */
  labelBoxes(): { id: string; text: string; color: number; x: number; y: number; w: number; h: number }[] {
    const z = this.zoom;
    return this.placed.map((p) => ({ id: p.id, text: p.text, color: p.color, ...this.camera.toScreen(p.x, p.y), w: p.w * z, h: p.h * z }));
  }

  resize(width: number, height: number): void {
    this.app.renderer.resize(width, height);
    if (this.staticRenderer) this.staticRenderer.resize(width, height);
    else {
      this.under.width = width;
      this.under.height = height;
    }
    this.layout();
    if (this.map && this.wire) {
      this.terrainKey = "";
      this.drawAll();
    }
  }

  private layout(): void {
    if (!this.map) return;
    const w = this.app.renderer.width;
    const h = this.app.renderer.height;
    this.ts = Math.max(12, Math.min(56, Math.floor(Math.min(w / this.map.width, h / this.map.height))));
    this.camera.fit(w, h, this.ts * this.map.width, this.ts * this.map.height);
    this.board.hitArea = new Rectangle(0, 0, this.ts * this.map.width, this.ts * this.map.height);
    this.closerOnUpright(w, h);
  }

  /**
   * An upright phone fits the whole map only with tiles too small for a finger and the canvas half
   * empty: it starts closer (the map's height filling the canvas, at most ×2.5), on the squad.
   */
  private closerOnUpright(w: number, h: number): void {
    if (!this.map || !this.wire || h < w * 1.2) return;
    const fill = h / (this.ts * this.map.height);
    if (fill < 1.3) return;
    this.camera.zoomAt(Math.min(fill, 2.5), w / 2, h / 2);
    const squad = Object.values(this.wire.units).filter((u) => u.side === "squad" && u.fate === "active" && u.level === this.level);
    const mine = squad.filter((u) => u.seat === this.viewerSeat);
    const on = mine.length ? mine : squad;
    if (!on.length) return;
    const x = on.reduce((n, u) => n + u.x, 0) / on.length, y = on.reduce((n, u) => n + u.y, 0) / on.length;
    this.camera.centreOn((x + 0.5) * this.ts, (y + 0.5) * this.ts);
  }

  /** The player's settings changed (colours): everything is drawn anew. */
  refresh(): void {
    this.terrainKey = this.layersKey = this.reachKey = "";
    if (this.map && this.wire) this.drawAll();
  }

  setLevel(level: number): void {
    if (level === this.level) return;
    this.level = level;
    this.terrainKey = "";
    if (this.map && this.wire) this.drawAll();
  }

  /** Draws a new state. During an animation the sprites keep their animated places until it ends. */
  /** A new state (or map) to draw; with the overlay that goes with it, the board is drawn once, not twice. */
  setScene(map: MapDef, wire: WireState, viewerSeat: string, overlay?: Overlay): void {
    const mapChanged = map !== this.map;
    this.map = map;
    this.wire = wire;
    this.viewerSeat = viewerSeat;
    if (overlay) this.overlay = overlay;
    if (mapChanged) {
      this.layout();
      this.terrainKey = "";
      this.dust.seed(map, this.ts);
    }
    this.drawAll();
  }

  /** Before a campaign's next scene: no unit, tag, overlay, effect or level of the old one stays. */
  clearScene(): void {
    for (const s of this.sprites.values()) s.root.destroy({ children: true });
    this.sprites.clear();
    for (const c of this.fxLayer.removeChildren()) c.destroy({ children: true });
    for (const c of this.labelTexts.removeChildren()) c.destroy();
    this.labelG.clear();
    this.intentG.clear();
    this.overlayG.clear();
    this.placed = [];
    this.drawnWaysOut.clear();
    this.overlay = emptyOverlay();
    this.level = 0;
    this.map = null;
    this.wire = null;
    this.terrainKey = this.layersKey = this.reachKey = "";
    this.lastHover = "";
  }

  private drawAll(): void {
    this.kick();
    this.drawStatic();
    this.syncUnits();
    this.drawDynamic();
  }

  private drawStatic(): void {
    const m = this.map!;
    const w = this.wire!;
    const ts = this.ts;
    const terrain = w.terrain && w.terrain.length ? w.terrain : Array.from(m.terrain);
    const start = this.level * m.width * m.height;
    let dirty = false;
    // the bus's door stays shut until a soldier reaches it (the trapped are units: syncUnits)
    const trapped = w.objective === "reach";
    const tKey = `${ts}|${this.level}|${terrain.slice(start, start + m.width * m.height).join("")}|${[...this.waysOut].join(",")}|${trapped}`;
    if (tKey !== this.terrainKey) {
      this.terrainKey = tKey;
      this.drawnWaysOut.set(this.level, drawTerrain(this.terrainG.clear(), m, terrain, this.level, ts, this.waysOut));
      this.bus = drawBus(this.terrainG, m, terrain, this.level, ts, trapped);
      dirty = true;
    }
    const lKey = `${colourBlind()}|${ts}|${this.level}|${w.step}|${w.round}|${w.radius}|${w.nextRadius}|${w.acid?.join("")}|${w.fire?.join("")}|${w.corpse?.join("")}|${w.visible?.join("")}|${w.noise?.join(",")}`;
    if (lKey !== this.layersKey) {
      this.layersKey = lKey;
      drawLayers(this.layerG.clear(), m, w, this.level, ts);
      drawRing(this.ringG.clear(), m, w, this.level, ts);
      dirty = true;
    }
    const o = this.overlay;
    const rKey = `${ts}|${this.level}|${o.reach.tiles.length}|${JSON.stringify(o.reach.edges.slice(0, 4))}|${o.reach.tiles.map((t) => t.x * 97 + t.y * 7 + t.ap).join(",")}|${o.throwable.length}`;
    if (rKey !== this.reachKey) {
      this.reachKey = rKey;
      drawReach(this.reachG.clear(), o.reach, o.throwable, this.level, ts);
      dirty = true;
    }
    if (dirty) this.paintStatic();
  }

  private staticQueued = false;
  private paintStatic(): void {
    if (this.staticQueued) return;
    this.staticQueued = true;
    queueMicrotask(() => {
      this.staticQueued = false;
      this.paintStaticNow();
    });
  }

  staticPaints = 0;
  private paintStaticNow(): void {
    if (!this.map) return;
    const cam = this.camera.viewport;
    this.staticLayer.position.set(cam.x, cam.y);
    this.staticLayer.scale.set(cam.scale.x);
    if (this.staticRenderer) {
      if (this.staticLayer.parent !== this.staticStage) this.staticStage.addChild(this.staticLayer);
      this.staticRenderer.render({ container: this.staticStage });
      this.staticPaints++;
      return;
    }
    const ctx = this.under.getContext("2d")!;
    ctx.fillStyle = "#121417";
    ctx.fillRect(0, 0, this.under.width, this.under.height);
    const frame = new Rectangle(0, 0, this.under.width, this.under.height);
    this.staticStage.addChild(this.staticLayer);
    const src = this.app.renderer.extract.canvas({ target: this.staticStage, frame, resolution: 1, clearColor: C.bg }) as HTMLCanvasElement;
    ctx.drawImage(src, 0, 0);
    this.staticPaints++;
  }

  setOverlay(o: Overlay): void {
    this.overlay = o;
    if (!this.map || !this.wire) return;
    this.drawStatic();
    this.drawDynamic();
    this.kick();
  }

  private drawCtx(): DrawCtx {
    return {
      map: this.map!,
      wire: this.wire!,
      level: this.level,
      ts: this.ts,
      at: (id) => {
        const s = this.sprites.get(id);
        return s && s.root.visible ? { x: s.root.x, y: s.root.y } : null;
      },
    };
  }

  /** Intents, overlay and the tags, laid out so that none overlaps another. */
  private drawDynamic(): void {
    if (!this.map || !this.wire) return;
    const d = this.drawCtx();
    const items: LabelItem[] = [];
    drawIntents(this.intentG.clear(), d, this.overlay.focus, items, this.overlay.halted);
    drawOverlay(this.overlayG.clear(), d, this.overlay, items, performance.now());
    this.labelItems = items;
    this.drawLabels(items);
  }
  /** The tags of the last overlay drawn (laid out again when the camera moves). */
  private labelItems: LabelItem[] = [];

  private drawLabels(items: LabelItem[]): void {
    const ts = this.ts;
    // a tag's height at zoom 1; a closer camera (a phone's, or zoomed in) does not grow it past
    // TAG_MAX_PX on screen: the room it gives goes to the tags, which then fold less
    const base = Math.max(11, Math.round(ts * 0.36));
    const h = Math.min(base, Math.max(base, TAG_MAX_PX) / Math.max(1, this.zoom));
    const scale = h / FONT_SIZE;
    // a text's width at this height, measured once per text with the shared bitmap font
    const measure = (text: string) => {
      let w = this.widths.get(text);
      if (w === undefined) {
        const t = btext(text, FONT_SIZE);
        w = t.width;
        t.destroy();
        this.widths.set(text, w);
      }
      return w * scale;
    };
    const avoid = [...this.sprites.values()]
      .filter((s) => s.root.visible && s.unit.level === this.level)
      .map((s) => ({ x: s.root.x - ts * 0.3, y: s.root.y - ts * 0.3, w: ts * 0.6, h: ts * 0.6 }));
    // inside the part of the board in sight (a phone's closer camera shows a part): a tag near its
    // edge is kept whole inside it, one whose anchor lies over a tile beyond it waits for the camera
    // (a few pixels in from its edges: a tag is not drawn flush against the header or the panels)
    const bounds = inset(inSight(this.camera.visible(), this.map!.width * ts, this.map!.height * ts), TAG_MARGIN_PX / Math.max(1e-3, this.zoom), TAG_TOP_PX / Math.max(1e-3, this.zoom));
    const near = { x: bounds.x - ts, y: bounds.y - ts, w: bounds.w + 2 * ts, h: bounds.h + 2 * ts };
    const shown = items.filter((it) => it.ax >= near.x && it.ax <= near.x + near.w && it.ay >= near.y && it.ay <= near.y + near.h);
    this.placed = layoutLabels(shown, measure, h, bounds, avoid);
    const g = this.labelG.clear();
    for (const c of this.labelTexts.removeChildren()) c.destroy();
    for (const p of this.placed) {
      const a = p.dim ? 0.35 : 1;
      g.roundRect(p.x, p.y, p.w, p.h, 3).fill({ color: 0x000000, alpha: 0.72 * a });
      // a wrapped tag: a line each (two threats on one tile on a phone)
      p.text.split("\n").forEach((line, i) => {
        const t = btext(line, h * 0.9, p.color);
        t.alpha = a;
        t.position.set(p.x + 2, p.y + h * i + h * 0.02);
        this.labelTexts.addChild(t);
      });
    }
  }
  private widths = new Map<string, number>();

  private syncUnits(): void {
    const w = this.wire!;
    const seen = new Set<string>();
    const creatures = Object.values(w.units).filter((u) => u.side === "creature" && u.fate === "active");
    for (const u of Object.values(w.units ?? {})) {
      if (u.fate !== "active") continue;
      seen.add(u.id);
      let s = this.sprites.get(u.id);
      if (!s) {
        s = makeSprite(u);
        this.unitLayer.addChild(s.root);
        this.sprites.set(u.id, s);
        // soldiers first face the nearest creature they know of
        if (u.side === "squad" && creatures.length) {
          const c = creatures.reduce((a, b) => (Math.hypot(a.x - u.x, a.y - u.y) <= Math.hypot(b.x - u.x, b.y - u.y) ? a : b));
          s.facing = Math.atan2(c.y - u.y, c.x - u.x);
        }
      }
      s.unit = u;
      // the engine says who is frozen, from the creatures this seat sees
      if (u.side === "civilian") s.frozen = frozenAmong(Object.values(w.units), u);
      drawSprite(s, this.ts, this.viewerSeat);
      if (!this.animating) {
        s.root.visible = u.level === this.level;
        s.root.alpha = 1;
        s.root.scale.set(1);
        s.root.position.set((u.x + 0.5) * this.ts, (u.y + 0.5) * this.ts);
      }
    }
    if (!this.animating) {
      for (const [id, s] of this.sprites) {
        if (!seen.has(id)) {
          s.root.destroy({ children: true });
          this.sprites.delete(id);
        }
      }
    }
  }

  // ---- animation ----------------------------------------------------------------------------

  tween(ms: number, step: (t: number) => void): Promise<void> {
    return new Promise((resolve) => {
      const dur = ms / this.speed;
      if (dur <= 1 || this.skipping) {
        if (this.skipping) this.skippedMs += dur;
        step(1);
        return resolve();
      }
      // a tween that follows one just ended starts with the time that one ran past its end: a
      // chain of tweens lasts its own length whatever the frame rate (each would otherwise end on
      // a frame after its time, and a slow frame rate stretch a long chain by a frame a link)
      let t = performance.now() - this.tweenEnded.at < 8 ? Math.min(this.tweenEnded.over, dur) : 0;
      this.busy++;
      const fn = (tk: { deltaMS: number }) => {
        t += Math.min(tk.deltaMS, 1000);
        // a skip ends a running animation at its next frame
        if (this.skipping && t < dur) {
          this.skippedMs += dur - t;
          t = dur;
        }
        const k = Math.min(1, t / dur);
        step(k);
        if (k >= 1) {
          this.app.ticker.remove(fn);
          this.busy--;
          this.tweenEnded = { at: performance.now(), over: Math.min(t - dur, 1000) };
          resolve();
        }
      };
      this.app.ticker.add(fn);
      this.kick();
    });
  }

  /**
   * Plays events one after another; `onEvent` is told of each as it starts (banners, log).
   * Units not on the board yet (spawns) get a temporary sprite. Call setScene afterwards.
   */
  async animate(events: BattleEvent[], onEvent?: (e: BattleEvent) => void): Promise<void> {
    if (!this.map) return;
    this.animating = true;
    // the tags of the old state would float over moving units: hide them while events play
    this.labelLayer.visible = false;
    this.intentG.visible = false;
    // wounds and words still playing while the next creature sets off (see `aside`)
    const tails: Promise<unknown>[] = [];
    try {
      for (let i = 0; i < events.length; ) {
        // creatures walking one after another walk together (each its own path), a kill's acid
        // splashes its tiles at once, a wave comes out at once, a blast wounds all it hits at
        // once; an attack, anything else plays alone
        const group = [events[i]];
        const kind = this.together(events[i]);
        while (kind && i + group.length < events.length && this.together(events[i + group.length]) === kind && !group.some((g) => "unit" in g && g.unit === (events[i + group.length] as { unit?: string }).unit))
          group.push(events[i + group.length]);
        for (const e of group) onEvent?.(e);
        const t0 = performance.now();
        const played = Promise.all(group.map((e) => play(this, e)));
        const next = events[i + group.length];
        if (next && this.aside(group, next)) {
          // the next creature's walk sets off while this wound is read (each is still shown whole)
          tails.push(played);
          await Promise.race([played, this.tween(SET_OFF_MS, () => {})]);
        } else await played;
        this.animMs[group[0].type] = (this.animMs[group[0].type] ?? 0) + performance.now() - t0;
        this.note(`${group[0].type}${group.length > 1 ? `×${group.length}` : ""}`, performance.now() - t0);
        i += group.length;
      }
      await Promise.all(tails);
    } finally {
      this.animating = false;
      this.labelLayer.visible = true;
      this.intentG.visible = true;
      if (this.wire) this.drawAll();
    }
  }

  /**
   * Whether `next` may start before `group` ends: `next` is a creature's walk, and `group` only
   * marks what befell other units (a wound, a fall, a death, acid on tiles, armor or a rifle lost),
   * none of them the walker. What a person reads there (the word, the shake) goes on while he walks.
   */
  private aside(group: BattleEvent[], next: BattleEvent): boolean {
    if (this.together(next) !== "walk" || !("unit" in next)) return false;
    return group.every((e) => AFTERMATH.has(e.type) && !("unit" in e && e.unit === next.unit));
  }

  /**
   * Events of a kind played at once when they come in a row (each on another unit): creatures'
   * moves, acid or fire on tiles, a wave's spawns, the wounds of one blast or splash.
   */
  private together(e: BattleEvent): "walk" | "acid" | "fire" | "spawned" | "damaged" | null {
    if (e.type === "moved" && this.sprites.get(e.unit)?.unit.side === "creature") return "walk";
    return e.type === "acid" || e.type === "fire" || e.type === "spawned" || e.type === "damaged" ? e.type : null;
  }

  /** What the squad hears in the fog: noise markers drifting to where they are now (effects.ts). */
  noiseDrift(from: number[], to: number[]): Promise<void> {
    return noiseDrift(this, from, to);
  }

  destroy(): void {
    clearTimeout(this.pressTimer);
    this.camera.destroy();
    this.staticRenderer?.destroy();
    this.app.destroy(true, { children: true });
  }
}

/** A tag's height on screen at most (px), however close the camera. */
const TAG_MAX_PX = 16;
/** Tags keep this far (px on screen) inside the part of the board in sight; further from its top (the header). */
const TAG_MARGIN_PX = 3;
const TAG_TOP_PX = 8;

function inset(b: { x: number; y: number; w: number; h: number }, m: number, top: number): { x: number; y: number; w: number; h: number } {
  return { x: b.x + m, y: b.y + top, w: Math.max(0, b.w - 2 * m), h: Math.max(0, b.h - m - top) };
}

/** The board's part the camera shows (board units), within the map. */
function inSight(v: { x: number; y: number; w: number; h: number }, mapW: number, mapH: number): { x: number; y: number; w: number; h: number } {
  const x0 = Math.max(0, v.x), y0 = Math.max(0, v.y);
  const x1 = Math.min(mapW, v.x + v.w), y1 = Math.min(mapH, v.y + v.h);
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}
