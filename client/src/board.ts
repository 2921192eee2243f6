/**
 * The board: a Pixi v8 view of a battle, in the manner of chessground. It holds no rules: it draws
 * the WireState it is given (terrain, layers, units, intents, ring), the overlay the controller
 * computed with the engine (reachable tiles, path, targets, blast), and animates events.
 */
import { Application, autoDetectRenderer, BitmapText, Container, Graphics, Rectangle, Text, type FederatedPointerEvent, type Renderer } from "pixi.js";
import type { BattleEvent, MapDef, Pos, WireState, WireUnit } from "./engine";
import { Terrain } from "./engine";

export interface PingMark {
  x: number;
  y: number;
  level: number;
  kind: "danger" | "move" | "target";
  seat: string;
  at: number;
}

export interface Overlay {
  selected: string | null;
  reachable: (Pos & { ap?: number })[];
  path: Pos[];
  targets: { unit: string; chance: number }[];
  target: string | null;
  blast: Pos[];
  cursor: Pos | null;
  partnerSelected: string | null;
  partnerPointer: Pos | null;
  pings: PingMark[];
  exposed: string[];
  /** Grenade aiming: tiles the grenade may land on. */
  throwable: Pos[];
}

export const emptyOverlay = (): Overlay => ({
  selected: null,
  reachable: [],
  path: [],
  targets: [],
  target: null,
  blast: [],
  cursor: null,
  partnerSelected: null,
  partnerPointer: null,
  pings: [],
  exposed: [],
  throwable: [],
});

export type TileHandler = (tile: Pos, kind: "hover" | "tap" | "ping" | "leave", ev?: FederatedPointerEvent) => void;

const C = {
  bg: 0x121417,
  street: 0x3b3f45,
  streetLine: 0x474c53,
  rubble: 0x6a5d4d,
  rubbleStone: 0x8e7f6b,
  wall: 0x1d1f23,
  wallEdge: 0x5a5f68,
  vehicle: 0x7a3535,
  vehicleWin: 0xbfd4e6,
  manhole: 0x2c2f33,
  manholeRing: 0xc9a227,
  exit: 0x24593a,
  exitArrow: 0x8cf0a8,
  stairs: 0x4a4f6a,
  stairsLine: 0xc7cbe0,
  hole: 0x050505,
  holeRing: 0x8a3d1a,
  dust: 0xcbb894,
  fog: 0x000000,
  acid: 0x7cff3a,
  corpse: 0xb07a55,
  ring: 0xffd23f,
  nextRing: 0xff8c1a,
  outside: 0xff3b3b,
  takumi: 0x4da3ff,
  wang: 0xffb347,
  snatcher: 0xe5484d,
  leaper: 0xb565f0,
  spitter: 0xc6e33a,
  reach: 0x3fd4ff,
  reachFar: 0x9a7dff,
  path: 0xffffff,
  target: 0xff4d4d,
  intent: 0xff9a3c,
  drag: 0xd66bff,
  blast: 0xff6a00,
  select: 0xffffff,
  partner: 0xffb347,
  ping: { danger: 0xff3b3b, move: 0x3fd4ff, target: 0xffd23f } as Record<string, number>,
};

const TEXT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

function label(text: string, size: number, fill: number | string = 0xffffff, bold = true): Text {
  const t = new Text({
    text,
    style: {
      fontFamily: TEXT_FONT,
      fontSize: size,
      fill,
      fontWeight: bold ? "700" : "400",
      stroke: { color: 0x000000, width: Math.max(2, size / 5) },
    },
  });
  t.anchor.set(0.5);
  return t;
}

function dashLine(g: Graphics, x1: number, y1: number, x2: number, y2: number, dash: number, gap: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return;
  const dx = (x2 - x1) / len;
  const dy = (y2 - y1) / len;
  for (let d = 0; d < len; d += dash + gap) {
    const e = Math.min(len, d + dash);
    g.moveTo(x1 + dx * d, y1 + dy * d).lineTo(x1 + dx * e, y1 + dy * e);
  }
}

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);

interface UnitSprite {
  root: Container;
  body: Graphics;
  hpText: Text;
  status: Text;
  unit: WireUnit;
  /** Hidden during an animation (dead, taken) until the next scene. */
}

export const UNIT_LETTER: Record<string, string> = {
  takumi: "T",
  wang: "W",
  private: "P",
  snatcher: "S",
  leaper: "L",
  spitter: "Sp",
};

export class BoardRenderer {
  readonly app: Application;
  private root = new Container();
  private board = new Container();
  private staticLayer = new Container();
  private reachG = new Graphics();
  private reachKey = "";
  private terrainLayer = new Container();
  private layerG = new Graphics();
  private layerLabels = new Container();
  private ringG = new Graphics();
  private previewG = new Graphics();
  private previewLabels = new Container();
  private intentG = new Graphics();
  private intentLabels = new Container();
  private unitLayer = new Container();
  private overlayG = new Graphics();
  private overlayLabels = new Container();
  private fxLayer = new Container();
  private sprites = new Map<string, UnitSprite>();
  private map: MapDef | null = null;
  private wire: WireState | null = null;
  private terrainKey = "";
  ts = 32;
  level = 0;
  speed = 1;
  animating = false;
  private handler: TileHandler | null = null;
  private lastHover = "";
  private overlay: Overlay = emptyOverlay();
  private pingPulse = 0;
  private viewerSeat = "spectator";
  frames = 0;

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
    await app.init({
      width,
      height,
      backgroundAlpha: 0,
      // No MSAA: with software WebGL (SwiftShader) it costs most of the frame.
      antialias: false,
      preference: "webgl",
      resolution: 1,
      autoDensity: false,
    });
    app.canvas.id = "board-canvas";
    app.canvas.addEventListener("contextmenu", (e) => e.preventDefault());
    // The static board (terrain, layers, ring, intents, reachable tiles) is painted into a plain 2D
    // canvas under the WebGL one, only when it changes; the WebGL canvas (transparent) draws what
    // moves. With software WebGL, redrawing the whole board every frame ran at 2-8 fps.
    const wrap = document.createElement("div");
    wrap.className = "board-wrap";
    wrap.style.position = "relative";
    const under = document.createElement("canvas");
    under.id = "board-static";
    under.width = width;
    under.height = height;
    under.style.position = "absolute";
    under.style.left = "0";
    under.style.top = "0";
    app.canvas.style.position = "relative";
    app.canvas.style.display = "block";
    wrap.append(under, app.canvas);
    host.appendChild(wrap);
    // The underlay is drawn by Pixi's canvas (2D) renderer: no WebGL shader or read-back for the
    // static board. If that renderer is unavailable, the WebGL one renders it and we copy pixels.
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
    const { root, board } = this;
    this.app.stage.addChild(root);
    root.addChild(board);
    // Everything that changes only with the state is flattened into one cached texture: software
    // WebGL is fill-rate bound, and one opaque quad a frame is what keeps animation smooth.
    this.staticLayer.addChild(this.terrainLayer, this.layerG, this.layerLabels, this.ringG, this.reachG, this.intentG);
    board.addChild(
      this.previewG,
      this.unitLayer,
      this.intentLabels,
      this.previewLabels,
      this.overlayG,
      this.overlayLabels,
      this.fxLayer,
    );
    board.eventMode = "static";
    board.cursor = "pointer";
    board.on("pointermove", (e) => this.pointer(e, "hover"));
    board.on("pointertap", (e) => {
      if (e.button === 0) this.pointer(e, "tap");
    });
    board.on("rightclick", (e) => this.pointer(e, "ping"));
    board.on("pointerleave", (e) => this.handler?.({ x: -1, y: -1, level: this.level }, "leave", e));
    // Render on demand: the ticker runs only while something moves (tweens, ping pulses), then
    // stops, so an idle board costs nothing (software WebGL in tests, laptops on battery).
    this.app.ticker.add((tk) => {
      this.frames++;
      if (this.overlay.pings.length) {
        this.pingPulse += tk.deltaMS;
        this.drawOverlay();
      }
      if (this.busy === 0 && !this.overlay.pings.length) this.app.ticker.stop();
    });
    this.kick();
  }

  /** Number of running tweens; the ticker keeps going while it is above 0. */
  private busy = 0;

  /** Draw at least one more frame (starts the ticker; it stops itself when idle). */
  kick(): void {
    if (!this.app.ticker.started) this.app.ticker.start();
  }

  onTile(handler: TileHandler): void {
    this.handler = handler;
  }

  private pointer(e: FederatedPointerEvent, kind: "hover" | "tap" | "ping"): void {
    if (!this.map) return;
    const p = e.getLocalPosition(this.board);
    const x = Math.floor(p.x / this.ts);
    const y = Math.floor(p.y / this.ts);
    if (x < 0 || y < 0 || x >= this.map.width || y >= this.map.height) return;
    const key = `${x},${y}`;
    if (kind === "hover") {
      if (key === this.lastHover) return;
      this.lastHover = key;
    }
    this.handler?.({ x, y, level: this.level }, kind, e);
  }

  /** Canvas pixel coordinates (page-relative offsets within the canvas) of a tile's centre. */
  tileCenter(x: number, y: number): { x: number; y: number } {
    return { x: this.board.x + (x + 0.5) * this.ts, y: this.board.y + (y + 0.5) * this.ts };
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
    this.board.x = Math.floor((w - this.ts * this.map.width) / 2);
    this.board.y = Math.floor((h - this.ts * this.map.height) / 2);
    this.board.hitArea = new Rectangle(0, 0, this.ts * this.map.width, this.ts * this.map.height);
  }

  setLevel(level: number): void {
    if (level === this.level) return;
    this.level = level;
    this.terrainKey = "";
    if (this.map && this.wire) this.drawAll();
  }

  /** Draws a new state. During an animation the sprites keep their animated places until it ends. */
  setScene(map: MapDef, wire: WireState, viewerSeat: string): void {
    const mapChanged = map !== this.map;
    this.map = map;
    this.wire = wire;
    this.viewerSeat = viewerSeat;
    if (mapChanged) {
      this.layout();
      this.terrainKey = "";
    }
    this.drawAll();
  }

  private drawAll(): void {
    this.kick();
    this.drawReach(this.overlay);
    this.reachKey = `${this.level}|${JSON.stringify(this.overlay.reachable)}|${JSON.stringify(this.overlay.throwable)}`;
    this.drawTerrain();
    this.drawLayers();
    this.drawRing();
    this.drawIntents();
    this.paintStatic();
    this.syncUnits();
    this.drawOverlay();
  }

  private staticQueued = false;
  /** Renders the static layers once (coalesced per task) into the 2D canvas underneath. */
  private paintStatic(): void {
    if (this.staticQueued) return;
    this.staticQueued = true;
    queueMicrotask(() => {
      this.staticQueued = false;
      this.paintStaticNow();
    });
  }

  private paintStaticNow(): void {
    if (!this.map) return;
    if (this.staticRenderer) {
      if (this.staticLayer.parent !== this.staticStage) this.staticStage.addChild(this.staticLayer);
      this.staticLayer.position.set(this.board.x, this.board.y);
      this.staticRenderer.render({ container: this.staticStage });
      this.staticPaints++;
      return;
    }
    const ctx = this.under.getContext("2d")!;
    ctx.fillStyle = "#121417";
    ctx.fillRect(0, 0, this.under.width, this.under.height);
    const frame = new Rectangle(0, 0, this.ts * this.map.width, this.ts * this.map.height);
    const src = this.app.renderer.extract.canvas({ target: this.staticLayer, frame, resolution: 1, clearColor: C.bg }) as HTMLCanvasElement;
    ctx.drawImage(src, this.board.x, this.board.y);
    this.staticPaints++;
  }
  staticPaints = 0;

  setOverlay(o: Overlay): void {
    this.overlay = o;
    this.drawOverlay();
    this.kick();
  }

  private idx(x: number, y: number, level = this.level): number {
    const m = this.map!;
    return level * m.width * m.height + y * m.width + x;
  }

  // ---- terrain ------------------------------------------------------------------------------

  private drawTerrain(): void {
    const m = this.map!;
    const w = this.wire!;
    const terrain = w.terrain && w.terrain.length ? w.terrain : Array.from(m.terrain);
    const start = this.level * m.width * m.height;
    const key = `${this.ts}|${this.level}|${terrain.slice(start, start + m.width * m.height).join("")}`;
    if (key === this.terrainKey) return;
    this.terrainKey = key;
    for (const c of this.terrainLayer.removeChildren()) c.destroy({ children: true });
    const g = new Graphics();
    const labels = new Container();
    this.terrainLayer.addChild(g, labels);
    const ts = this.ts;
    const fs = Math.max(8, Math.floor(ts * 0.28));
    for (let y = 0; y < m.height; y++) {
      for (let x = 0; x < m.width; x++) {
        const t = terrain[this.idx(x, y)];
        const px = x * ts;
        const py = y * ts;
        const cx = px + ts / 2;
        const cy = py + ts / 2;
        switch (t) {
          case Terrain.street:
            g.rect(px, py, ts, ts).fill(C.street);
            g.rect(px + 0.5, py + 0.5, ts - 1, ts - 1).stroke({ width: 1, color: C.streetLine });
            break;
          case Terrain.rubble: {
            g.rect(px, py, ts, ts).fill(C.rubble);
            const s = ts / 8;
            g.poly([px + s, py + 3 * s, px + 3 * s, py + s, px + 4 * s, py + 3.5 * s]).fill(C.rubbleStone);
            g.poly([px + 4.5 * s, py + 6.5 * s, px + 6 * s, py + 4 * s, px + 7 * s, py + 6.8 * s]).fill(C.rubbleStone);
            g.poly([px + 1.5 * s, py + 7 * s, px + 2.5 * s, py + 5 * s, px + 3.8 * s, py + 6.8 * s]).fill(C.rubbleStone);
            break;
          }
          case Terrain.wall:
            g.rect(px, py, ts, ts).fill(C.wall);
            g.rect(px + 1, py + 1, ts - 2, ts - 2).stroke({ width: 1, color: C.wallEdge });
            g.moveTo(px + 1, py + ts / 2).lineTo(px + ts - 1, py + ts / 2).stroke({ width: 1, color: C.wallEdge });
            g.moveTo(px + ts / 2, py + 1).lineTo(px + ts / 2, py + ts / 2).stroke({ width: 1, color: C.wallEdge });
            break;
          case Terrain.vehicle:
            g.rect(px, py, ts, ts).fill(C.street);
            g.roundRect(px + 2, py + 3, ts - 4, ts - 6, ts / 6).fill(C.vehicle).stroke({ width: 1.5, color: 0x000000 });
            g.rect(px + ts * 0.2, py + ts * 0.25, ts * 0.22, ts * 0.2).fill(C.vehicleWin);
            g.rect(px + ts * 0.58, py + ts * 0.25, ts * 0.22, ts * 0.2).fill(C.vehicleWin);
            if (ts >= 22) this.terrainLabel(labels, "VEH", cx, py + ts * 0.7, fs);
            break;
          case Terrain.manhole:
            g.rect(px, py, ts, ts).fill(C.street);
            g.circle(cx, cy, ts * 0.36).fill(C.manhole).stroke({ width: 2, color: C.manholeRing });
            g.moveTo(cx - ts * 0.25, cy).lineTo(cx + ts * 0.25, cy).stroke({ width: 1, color: C.manholeRing });
            g.moveTo(cx, cy - ts * 0.25).lineTo(cx, cy + ts * 0.25).stroke({ width: 1, color: C.manholeRing });
            this.terrainLabel(labels, "M", cx, cy, fs + 2);
            break;
          case Terrain.exit:
            g.rect(px, py, ts, ts).fill(C.exit);
            g.moveTo(px + ts * 0.2, py + ts * 0.25)
              .lineTo(px + ts * 0.45, py + ts * 0.5)
              .lineTo(px + ts * 0.2, py + ts * 0.75)
              .stroke({ width: 2, color: C.exitArrow });
            g.moveTo(px + ts * 0.5, py + ts * 0.25)
              .lineTo(px + ts * 0.75, py + ts * 0.5)
              .lineTo(px + ts * 0.5, py + ts * 0.75)
              .stroke({ width: 2, color: C.exitArrow });
            if (ts >= 22) this.terrainLabel(labels, "EXIT", cx, py + ts * 0.88, Math.max(7, fs - 2));
            break;
          case Terrain.stairs:
            g.rect(px, py, ts, ts).fill(C.stairs);
            for (let i = 1; i < 5; i++) {
              g.moveTo(px + 3, py + (i * ts) / 5).lineTo(px + ts - 3, py + (i * ts) / 5).stroke({ width: 1.5, color: C.stairsLine });
            }
            this.terrainLabel(labels, "ST", cx, cy, fs);
            break;
          case Terrain.hole:
            g.rect(px, py, ts, ts).fill(C.hole);
            g.circle(cx, cy, ts * 0.4).stroke({ width: 2, color: C.holeRing });
            this.terrainLabel(labels, "HOLE", cx, cy, Math.max(7, fs - 2));
            break;
          default:
            g.rect(px, py, ts, ts).fill(0xff00ff);
        }
        if (m.dust[this.idx(x, y)]) {
          for (let k = 0; k < 4; k++) {
            const ox = ((x * 7 + y * 13 + k * 29) % 10) / 10;
            const oy = ((x * 11 + y * 5 + k * 17) % 10) / 10;
            g.circle(px + 3 + ox * (ts - 6), py + 3 + oy * (ts - 6), Math.max(1, ts / 22)).fill({ color: C.dust, alpha: 0.55 });
          }
        }
      }
    }
  }

  private terrainLabel(into: Container, text: string, x: number, y: number, size: number): void {
    const t = label(text, size, 0xffffff);
    t.alpha = 0.85;
    t.position.set(x, y);
    into.addChild(t);
  }

  // ---- layers: acid, corpses, fog, noise ------------------------------------------------------

  private drawLayers(): void {
    const m = this.map!;
    const w = this.wire!;
    const g = this.layerG.clear();
    for (const c of this.layerLabels.removeChildren()) c.destroy();
    const ts = this.ts;
    for (let y = 0; y < m.height; y++) {
      for (let x = 0; x < m.width; x++) {
        const i = this.idx(x, y);
        const px = x * ts;
        const py = y * ts;
        const acid = w.acid?.[i] ?? 0;
        if (acid > 0) {
          g.roundRect(px + 2, py + 2, ts - 4, ts - 4, ts / 3).fill({ color: C.acid, alpha: 0.18 + 0.14 * acid });
          for (let k = 0; k < acid; k++) {
            const dx = px + ts * (0.25 + 0.25 * k);
            const dy = py + ts * 0.8;
            g.circle(dx, dy, ts * 0.08).fill({ color: C.acid, alpha: 0.95 });
            g.poly([dx - ts * 0.08, dy, dx, dy - ts * 0.2, dx + ts * 0.08, dy]).fill({ color: C.acid, alpha: 0.95 });
          }
        }
        const corpse = w.corpse?.[i] ?? 0;
        if (corpse > 0) {
          const s = ts * 0.22;
          const cx = px + ts * 0.5;
          const cy = py + ts * 0.42;
          g.moveTo(cx - s, cy - s).lineTo(cx + s, cy + s).stroke({ width: 3, color: C.corpse });
          g.moveTo(cx + s, cy - s).lineTo(cx - s, cy + s).stroke({ width: 3, color: C.corpse });
          if (corpse > 1) {
            const t = label(`×${corpse}`, Math.max(8, ts * 0.26), C.corpse);
            t.position.set(px + ts * 0.78, py + ts * 0.2);
            this.layerLabels.addChild(t);
          }
        }
        if (w.visible && !w.visible[i]) {
          g.rect(px, py, ts, ts).fill({ color: C.fog, alpha: 0.5 });
        }
      }
    }
    for (const n of w.noise ?? []) {
      const lvl = Math.floor(n / (m.width * m.height));
      if (lvl !== this.level) continue;
      const x = n % m.width;
      const y = Math.floor(n / m.width) % m.height;
      const cx = (x + 0.5) * ts;
      const cy = (y + 0.5) * ts;
      for (let r = 1; r <= 3; r++) {
        const rr = (ts * r) / 7;
        g.moveTo(cx + rr * Math.cos(-Math.PI * 0.8), cy + rr * Math.sin(-Math.PI * 0.8))
          .arc(cx, cy, rr, -Math.PI * 0.8, -Math.PI * 0.2)
          .stroke({ width: 1.5, color: 0xffa64d, alpha: 1 - r * 0.2 });
      }
      const t = label("?", Math.max(10, ts * 0.45), 0xffa64d);
      t.position.set(cx, cy + ts * 0.12);
      this.layerLabels.addChild(t);
    }
  }

  // ---- perimeter ----------------------------------------------------------------------------

  private drawRing(): void {
    const w = this.wire!;
    const m = this.map!;
    const g = this.ringG.clear();
    if (!w.hasPerimeter || !m.perimeter || m.perimeter.level !== this.level) return;
    const ts = this.ts;
    const { cx, cy } = m.perimeter;
    const square = (r: number) => ({
      x: (cx - r) * ts,
      y: (cy - r) * ts,
      s: (2 * r + 1) * ts,
    });
    // Outside the line: faint red wash with diagonal hatching (exposed ground).
    const a = square(w.radius);
    const W = m.width * ts;
    const H = m.height * ts;
    const wash = { color: C.outside, alpha: 0.08 };
    const top = Math.max(0, a.y);
    const bottom = Math.min(H, a.y + a.s);
    if (top > 0) g.rect(0, 0, W, top).fill(wash);
    if (bottom < H) g.rect(0, bottom, W, H - bottom).fill(wash);
    if (a.x > 0) g.rect(0, top, a.x, bottom - top).fill(wash);
    if (a.x + a.s < W) g.rect(a.x + a.s, top, W - a.x - a.s, bottom - top).fill(wash);
    const ring = square(w.radius);
    g.rect(ring.x, ring.y, ring.s, ring.s).stroke({ width: 3, color: C.ring, alpha: 0.95 });
    if (w.nextRadius !== w.radius) {
      const n = square(w.nextRadius);
      const sides: [number, number, number, number][] = [
        [n.x, n.y, n.x + n.s, n.y],
        [n.x + n.s, n.y, n.x + n.s, n.y + n.s],
        [n.x + n.s, n.y + n.s, n.x, n.y + n.s],
        [n.x, n.y + n.s, n.x, n.y],
      ];
      for (const [x1, y1, x2, y2] of sides) dashLine(g, x1, y1, x2, y2, 8, 6);
      g.stroke({ width: 2, color: C.nextRing });
    }
  }

  // ---- intents ------------------------------------------------------------------------------

  private tilePos(i: number): Pos {
    const m = this.map!;
    const plane = m.width * m.height;
    return { level: Math.floor(i / plane), y: Math.floor((i % plane) / m.width), x: i % m.width };
  }

  private drawIntents(): void {
    const w = this.wire!;
    const g = this.intentG.clear();
    for (const c of this.intentLabels.removeChildren()) c.destroy();
    const ts = this.ts;
    const fs = Math.max(9, Math.floor(ts * 0.32));
    for (const it of w.intents ?? []) {
      const u = w.units[it.unit];
      if (!u || u.level !== this.level) continue;
      const from = { x: (u.x + 0.5) * ts, y: (u.y + 0.5) * ts };
      const mv = this.tilePos(it.moveTo);
      const to = { x: (mv.x + 0.5) * ts, y: (mv.y + 0.5) * ts };
      if (mv.x !== u.x || mv.y !== u.y) {
        g.moveTo(from.x, from.y).lineTo(to.x, to.y).stroke({ width: 3, color: C.intent, alpha: 0.85 });
        const ang = Math.atan2(to.y - from.y, to.x - from.x);
        const hl = ts * 0.3;
        g.poly([
          to.x, to.y,
          to.x - hl * Math.cos(ang - 0.45), to.y - hl * Math.sin(ang - 0.45),
          to.x - hl * Math.cos(ang + 0.45), to.y - hl * Math.sin(ang + 0.45),
        ]).fill({ color: C.intent, alpha: 0.9 });
        g.circle(to.x, to.y, ts * 0.3).stroke({ width: 2, color: C.intent, alpha: 0.8 });
      }
      if (it.dragPath?.length) {
        let px = from.x;
        let py = from.y;
        for (const ti of it.dragPath) {
          const p = this.tilePos(ti);
          const nx = (p.x + 0.5) * ts;
          const ny = (p.y + 0.5) * ts;
          dashLine(g, px, py, nx, ny, 6, 4);
          px = nx;
          py = ny;
        }
        g.stroke({ width: 3, color: C.drag });
        const t = label(`DRAG: gone in ${it.countdown}`, fs, C.drag);
        const w = this.map!.width * ts;
        t.position.set(Math.max(t.width / 2 + 2, Math.min(w - t.width / 2 - 2, px)), py - ts * 0.45 < fs ? py + ts * 0.45 : py - ts * 0.45);
        this.intentLabels.addChild(t);
      }
      const area = it.area?.length ? it.area : it.target >= 0 ? [it.target] : [];
      for (const ai of area) {
        const p = this.tilePos(ai);
        if (p.level !== this.level) continue;
        const x = p.x * ts;
        const y = p.y * ts;
        g.rect(x + 2, y + 2, ts - 4, ts - 4).fill({ color: C.target, alpha: 0.22 }).stroke({ width: 2, color: C.target });
        g.moveTo(x + 4, y + 4).lineTo(x + ts - 4, y + ts - 4).stroke({ width: 1, color: C.target, alpha: 0.7 });
        g.moveTo(x + ts - 4, y + 4).lineTo(x + 4, y + ts - 4).stroke({ width: 1, color: C.target, alpha: 0.7 });
      }
      if (it.target >= 0) {
        const p = this.tilePos(it.target);
        if (p.level === this.level) {
          g.moveTo(to.x, to.y).lineTo((p.x + 0.5) * ts, (p.y + 0.5) * ts).stroke({ width: 2, color: C.target, alpha: 0.6 });
          // Kind and damage preview along the top edge of the attacked tile (above any unit there).
          const k = label(`${it.kind.toUpperCase()}${it.damage > 0 ? ` −${it.damage}` : ""}`, Math.max(8, fs - 2), it.damage > 0 ? 0xff8080 : 0xffd0d0);
          k.position.set((p.x + 0.5) * ts, (p.y + 0.02) * ts);
          this.intentLabels.addChild(k);
        }
      }
      // Order badge on the creature.
      g.circle(from.x - ts * 0.32, from.y - ts * 0.32, ts * 0.2).fill(0xffffff).stroke({ width: 2, color: C.intent });
      const o = label(String(it.order), Math.max(8, ts * 0.28), 0x111111);
      o.style.stroke = { color: 0xffffff, width: 0 };
      o.position.set(from.x - ts * 0.32, from.y - ts * 0.32);
      this.intentLabels.addChild(o);
    }
  }

  // ---- units --------------------------------------------------------------------------------

  private makeSprite(u: WireUnit): UnitSprite {
    const root = new Container();
    const body = new Graphics();
    const letter = label(UNIT_LETTER[u.kind] ?? "?", Math.max(10, this.ts * 0.4), 0x111111);
    letter.style.stroke = { color: 0xffffff, width: 0 };
    letter.label = "letter";
    const hpText = label("", Math.max(8, this.ts * 0.26), 0xffffff);
    hpText.position.set(0, this.ts * 0.42);
    const status = label("", Math.max(7, this.ts * 0.22), 0xffe14d);
    status.position.set(0, -this.ts * 0.45);
    root.addChild(body, letter, hpText, status);
    this.unitLayer.addChild(root);
    return { root, body, hpText, status, unit: u };
  }

  private drawBody(s: UnitSprite): void {
    const u = s.unit;
    const r = this.ts * 0.36;
    const g = s.body.clear();
    const own = u.seat && u.seat === this.viewerSeat;
    if (u.side === "squad") {
      const color = u.seat === "wang" ? C.wang : C.takumi;
      g.circle(0, 0, r).fill(color).stroke({ width: own ? 3 : 2, color: own ? 0xffffff : 0x000000 });
      if (u.kind !== "private") g.circle(0, 0, r * 0.78).stroke({ width: 1.5, color: 0x000000 });
      // AP pips
      for (let i = 0; i < u.ap; i++) g.circle(r * 0.95, -r * 0.55 + i * r * 0.5, r * 0.17).fill(0xffffff).stroke({ width: 1, color: 0x000000 });
      if (u.overwatch) g.ellipse(-r * 0.95, -r * 0.7, r * 0.3, r * 0.18).fill(0x3fd4ff).stroke({ width: 1, color: 0x000000 });
    } else {
      const color = (C as unknown as Record<string, number>)[u.kind] ?? 0xff0000;
      if (u.kind === "snatcher") g.poly([0, -r, r, 0, 0, r, -r, 0]);
      else if (u.kind === "leaper") g.poly([0, -r, r, r * 0.8, -r, r * 0.8]);
      else {
        const pts: number[] = [];
        for (let i = 0; i < 6; i++) pts.push(Math.cos((i * Math.PI) / 3) * r, Math.sin((i * Math.PI) / 3) * r);
        g.poly(pts);
      }
      g.fill(color).stroke({ width: 2, color: 0x000000 });
    }
    // hp bar
    const bw = this.ts * 0.8;
    const frac = u.maxHp > 0 ? Math.max(0, u.hp) / u.maxHp : 0;
    g.rect(-bw / 2, this.ts * 0.3, bw, 4).fill(0x000000);
    g.rect(-bw / 2, this.ts * 0.3, bw * frac, 4).fill(frac > 0.5 ? 0x4cd964 : frac > 0.25 ? 0xffcc00 : 0xff3b30);
    s.hpText.text = `${u.hp}/${u.maxHp}`;
    const st: string[] = [];
    if (u.grabbedBy) st.push("GRABBED");
    if (u.grabbing) st.push("HOLDS");
    if (u.burned) st.push("BURNED");
    if (u.overwatch) st.push("OVERWATCH");
    if (u.side === "squad" && !u.hasWeapon) st.push("NO RIFLE");
    if (u.freed) st.push("FREED");
    if (u.fate === "taken") st.push("TAKEN");
    s.status.text = st.join(" ");
  }

  private syncUnits(): void {
    const w = this.wire!;
    const seen = new Set<string>();
    for (const u of Object.values(w.units ?? {})) {
      if (u.fate !== "active") continue;
      seen.add(u.id);
      let s = this.sprites.get(u.id);
      if (!s) {
        s = this.makeSprite(u);
        this.sprites.set(u.id, s);
      }
      s.unit = u;
      this.drawBody(s);
      if (!this.animating) {
        s.root.visible = u.level === this.level;
        s.root.alpha = 1;
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

  // ---- overlay: selection, previews, pings, partner ----------------------------------------

  private drawReach(o: Overlay): void {
    const g = this.reachG.clear();
    const ts = this.ts;
    for (const p of o.reachable) {
      if ((p.level ?? 0) !== this.level) continue;
      // One AP: cyan; two AP: fainter violet with a dot in the corner.
      const far = (p.ap ?? 1) > 1;
      g.rect(p.x * ts + 1, p.y * ts + 1, ts - 2, ts - 2).fill({ color: far ? C.reachFar : C.reach, alpha: far ? 0.14 : 0.24 }).stroke({ width: 1, color: far ? C.reachFar : C.reach, alpha: 0.6 });
      if (far) g.circle(p.x * ts + ts * 0.15, p.y * ts + ts * 0.15, ts * 0.06).fill({ color: C.reachFar, alpha: 0.9 });
    }
    for (const p of o.throwable) {
      if ((p.level ?? 0) !== this.level) continue;
      g.rect(p.x * ts + ts * 0.4, p.y * ts + ts * 0.4, ts * 0.2, ts * 0.2).fill({ color: C.blast, alpha: 0.6 });
    }
  }

  private drawOverlay(): void {
    if (!this.map || !this.wire) return;
    const o = this.overlay;
    const ts = this.ts;
    const pg = this.previewG.clear();
    const g = this.overlayG.clear();
    for (const c of this.overlayLabels.removeChildren()) c.destroy();
    for (const c of this.previewLabels.removeChildren()) c.destroy();
    const lv = (p: { level?: number }) => (p.level ?? 0) === this.level;
    const reachKey = `${this.level}|${JSON.stringify(o.reachable)}|${JSON.stringify(o.throwable)}`;
    if (reachKey !== this.reachKey) {
      this.reachKey = reachKey;
      this.drawReach(o);
      this.paintStatic();
    }
    if (o.path.length > 1) {
      const pts = o.path.filter(lv);
      for (let i = 1; i < pts.length; i++) {
        const a = pts[i - 1];
        const b = pts[i];
        pg.moveTo((a.x + 0.5) * ts, (a.y + 0.5) * ts).lineTo((b.x + 0.5) * ts, (b.y + 0.5) * ts);
      }
      pg.stroke({ width: 4, color: C.path, alpha: 0.9 });
      const end = pts[pts.length - 1];
      if (end) pg.circle((end.x + 0.5) * ts, (end.y + 0.5) * ts, ts * 0.18).fill(C.path);
    }
    for (const p of o.blast) {
      if (!lv(p)) continue;
      pg.rect(p.x * ts + 1, p.y * ts + 1, ts - 2, ts - 2).fill({ color: C.blast, alpha: 0.35 }).stroke({ width: 2, color: C.blast });
    }
    const units = this.wire.units ?? {};
    for (const t of o.targets) {
      const u = units[t.unit];
      if (!u || u.level !== this.level) continue;
      const focused = o.target === t.unit;
      g.circle((u.x + 0.5) * ts, (u.y + 0.5) * ts, ts * 0.46).stroke({ width: focused ? 4 : 2, color: C.target });
      const tx = label(`${t.chance}%`, Math.max(9, ts * 0.3), focused ? 0xffffff : 0xffb0b0);
      tx.position.set((u.x + 0.5) * ts, (u.y - 0.05) * ts);
      this.previewLabels.addChild(tx);
    }
    for (const id of o.exposed) {
      const u = units[id];
      if (!u || u.level !== this.level) continue;
      const x = (u.x + 0.5) * ts;
      const y = u.y * ts;
      g.poly([x + ts * 0.3, y - ts * 0.05, x + ts * 0.55, y + ts * 0.38, x + ts * 0.05, y + ts * 0.38]).fill(0xff3b3b).stroke({ width: 1, color: 0x000000 });
      const t = label("!", Math.max(9, ts * 0.3), 0xffffff);
      t.position.set(x + ts * 0.3, y + ts * 0.24);
      this.overlayLabels.addChild(t);
      const e = label("EXPOSED", Math.max(7, ts * 0.2), 0xff6b6b);
      e.position.set(x, y + ts * 1.05);
      this.overlayLabels.addChild(e);
    }
    if (o.selected) {
      const s = this.sprites.get(o.selected);
      const u = units[o.selected];
      if (u && u.level === this.level) {
        const x = s ? s.root.x : (u.x + 0.5) * ts;
        const y = s ? s.root.y : (u.y + 0.5) * ts;
        g.rect(x - ts / 2 + 1, y - ts / 2 + 1, ts - 2, ts - 2).stroke({ width: 3, color: C.select });
      }
    }
    if (o.partnerSelected) {
      const u = units[o.partnerSelected];
      if (u && u.level === this.level) {
        const x = u.x * ts;
        const y = u.y * ts;
        for (const [x1, y1, x2, y2] of [
          [x, y, x + ts, y],
          [x + ts, y, x + ts, y + ts],
          [x + ts, y + ts, x, y + ts],
          [x, y + ts, x, y],
        ] as const)
          dashLine(g, x1, y1, x2, y2, 5, 4);
        g.stroke({ width: 2, color: C.partner });
      }
    }
    if (o.partnerPointer && lv(o.partnerPointer)) {
      const p = o.partnerPointer;
      const x = (p.x + 0.5) * ts;
      const y = (p.y + 0.5) * ts;
      g.poly([x, y, x + ts * 0.35, y + ts * 0.12, x + ts * 0.12, y + ts * 0.35]).fill(C.partner).stroke({ width: 1, color: 0x000000 });
    }
    if (o.cursor && lv(o.cursor)) {
      const p = o.cursor;
      g.rect(p.x * ts + 2, p.y * ts + 2, ts - 4, ts - 4).stroke({ width: 2, color: 0xffffff, alpha: 0.9 });
    }
    const now = performance.now();
    for (const p of o.pings) {
      if (!lv(p)) continue;
      const x = (p.x + 0.5) * ts;
      const y = (p.y + 0.5) * ts;
      const color = C.ping[p.kind] ?? 0xffffff;
      const phase = ((now - p.at) % 1000) / 1000;
      g.circle(x, y, ts * (0.3 + 0.4 * phase)).stroke({ width: 3, color, alpha: 1 - phase });
      if (p.kind === "danger") g.poly([x, y - ts * 0.3, x + ts * 0.28, y + ts * 0.2, x - ts * 0.28, y + ts * 0.2]).stroke({ width: 3, color });
      else if (p.kind === "move") g.poly([x - ts * 0.2, y - ts * 0.25, x + ts * 0.2, y - ts * 0.25, x, y + ts * 0.25]).stroke({ width: 3, color });
      else g.circle(x, y, ts * 0.18).stroke({ width: 3, color }).moveTo(x - ts * 0.3, y).lineTo(x + ts * 0.3, y).moveTo(x, y - ts * 0.3).lineTo(x, y + ts * 0.3).stroke({ width: 2, color });
      const t = label(p.kind === "danger" ? "DANGER" : p.kind === "move" ? "MOVE HERE" : "TARGET", Math.max(7, ts * 0.22), color);
      t.position.set(x, y - ts * 0.55);
      this.overlayLabels.addChild(t);
    }
  }

  // ---- animation ----------------------------------------------------------------------------

  private wait(ms: number): Promise<void> {
    return this.tween(ms, () => {});
  }

  private tween(ms: number, step: (t: number) => void): Promise<void> {
    return new Promise((resolve) => {
      const dur = ms / this.speed;
      if (dur <= 1) {
        step(1);
        return resolve();
      }
      let t = 0;
      this.busy++;
      const fn = (tk: { deltaMS: number }) => {
        t += Math.min(tk.deltaMS, 1000);
        const k = Math.min(1, t / dur);
        step(k);
        if (k >= 1) {
          this.app.ticker.remove(fn);
          this.busy--;
          resolve();
        }
      };
      this.app.ticker.add(fn);
      this.kick();
    });
  }

  private floatText(text: string, x: number, y: number, color: number, ms = 700): Promise<void> {
    // Bitmap text: one glyph atlas for all of them, no texture upload per message.
    const t = new BitmapText({
      text,
      style: { fontFamily: TEXT_FONT, fontSize: 22, fill: 0xffffff, fontWeight: "700", stroke: { color: 0x000000, width: 4 } },
    });
    t.anchor.set(0.5);
    t.tint = color;
    t.scale.set(Math.max(11, this.ts * 0.42) / 22);
    t.position.set(x, y);
    this.fxLayer.addChild(t);
    return this.tween(ms, (k) => {
      t.y = y - k * this.ts * 0.6;
      t.alpha = 1 - k * k;
    }).then(() => t.destroy());
  }

  private center(p: { x: number; y: number }) {
    return { x: (p.x + 0.5) * this.ts, y: (p.y + 0.5) * this.ts };
  }

  private async moveAlong(s: UnitSprite, path: Pos[], perTile = 140): Promise<void> {
    const pts = path.filter((p) => (p.level ?? 0) === this.level);
    if (!pts.length) return;
    s.root.visible = true;
    for (let i = 1; i < pts.length; i++) {
      const a = this.center(pts[i - 1]);
      const b = this.center(pts[i]);
      await this.tween(perTile, (k) => {
        const e = easeInOut(k);
        s.root.position.set(a.x + (b.x - a.x) * e, a.y + (b.y - a.y) * e);
      });
    }
    if (pts.length === 1) {
      const a = this.center(pts[0]);
      s.root.position.set(a.x, a.y);
    }
  }

  private spriteAt(id: string): UnitSprite | undefined {
    return this.sprites.get(id);
  }

  /**
   * Plays events one after another. `onEvent` is told of each as it starts (banners, log).
   * Units not on the board yet (spawns) get a temporary sprite. Call setScene afterwards.
   */
  async animate(events: BattleEvent[], onEvent?: (e: BattleEvent) => void): Promise<void> {
    if (!this.map) return;
    this.animating = true;
    try {
      for (const e of events) {
        onEvent?.(e);
        await this.play(e);
      }
    } finally {
      this.animating = false;
      if (this.wire) this.drawAll();
    }
  }

  private async play(e: BattleEvent): Promise<void> {
    const ts = this.ts;
    switch (e.type) {
      case "moved": {
        const s = this.spriteAt(e.unit);
        if (s) await this.moveAlong(s, e.path);
        return;
      }
      case "dragged": {
        const s = this.spriteAt(e.unit);
        const v = this.spriteAt(e.victim);
        if (s) {
          const vp = e.path.slice(0, -1);
          await Promise.all([this.moveAlong(s, e.path, 220), v && vp.length ? this.moveAlong(v, vp, 220) : Promise.resolve()]);
        }
        return;
      }
      case "pounced": {
        const s = this.spriteAt(e.unit);
        if (!s) return;
        const a = { x: s.root.x, y: s.root.y };
        const b = this.center(e.to);
        await this.tween(380, (k) => {
          s.root.position.set(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k - Math.sin(Math.PI * k) * ts);
        });
        if (e.hit.length) await this.floatText("SWEEP", b.x, b.y - ts * 0.4, 0xff6b6b, 400);
        return;
      }
      case "shot": {
        const a = this.spriteAt(e.unit);
        const b = this.spriteAt(e.target);
        if (!a || !b) return;
        const fx = new Graphics();
        this.fxLayer.addChild(fx);
        const ax = a.root.x;
        const ay = a.root.y;
        const bx = b.root.x + (e.hit ? 0 : ts * 0.4);
        const by = b.root.y + (e.hit ? 0 : -ts * 0.3);
        await this.tween(220, (k) => {
          fx.clear().moveTo(ax, ay).lineTo(ax + (bx - ax) * k, ay + (by - ay) * k).stroke({ width: 3, color: e.overwatch ? 0x3fd4ff : 0xfff1a8 });
        });
        fx.destroy();
        await this.floatText(e.hit ? `HIT ${e.chance}%` : `MISS ${e.chance}%`, b.root.x, b.root.y - ts * 0.3, e.hit ? 0xff6b6b : 0xdddddd, 550);
        return;
      }
      case "spat": {
        const a = this.spriteAt(e.unit);
        if (!a) return;
        const b = this.center(e.at);
        const blob = new Graphics().circle(0, 0, ts * 0.15).fill(C.acid);
        this.fxLayer.addChild(blob);
        await this.tween(300, (k) => blob.position.set(a.root.x + (b.x - a.root.x) * k, a.root.y + (b.y - a.root.y) * k - Math.sin(Math.PI * k) * ts * 0.6));
        blob.destroy();
        await this.floatText("SPIT", b.x, b.y, C.acid, 350);
        return;
      }
      case "grenade": {
        const fx = new Graphics();
        this.fxLayer.addChild(fx);
        await this.tween(420, (k) => {
          fx.clear();
          for (const p of e.tiles) {
            if ((p.level ?? 0) !== this.level) continue;
            fx.rect(p.x * ts, p.y * ts, ts, ts).fill({ color: C.blast, alpha: 0.7 * (1 - k) });
          }
          const c = this.center(e.at);
          fx.circle(c.x, c.y, ts * (0.3 + k * 1.2)).stroke({ width: 4, color: 0xffe0a0, alpha: 1 - k });
        });
        fx.destroy();
        return;
      }
      case "butt": {
        const s = this.spriteAt(e.target);
        if (s) await this.floatText(`BUTT -${e.damage}`, s.root.x, s.root.y - ts * 0.3, 0xffb0b0, 400);
        return;
      }
      case "damaged": {
        const s = this.spriteAt(e.unit);
        if (!s) return;
        const x0 = s.root.x;
        await Promise.all([
          this.tween(180, (k) => (s.root.x = x0 + Math.sin(k * Math.PI * 4) * ts * 0.08)),
          this.floatText(`-${e.amount}${e.cause === "acid" || e.cause === "splash" ? " ACID" : ""}`, x0, s.root.y - ts * 0.5, e.cause === "acid" || e.cause === "splash" ? C.acid : 0xff4d4d, 450),
        ]);
        s.root.x = x0;
        return;
      }
      case "died": {
        const s = this.spriteAt(e.unit);
        if (!s) return;
        await this.tween(300, (k) => (s.root.alpha = 1 - k));
        s.root.visible = false;
        return;
      }
      case "taken": {
        const s = this.spriteAt(e.unit);
        if (!s) return;
        const x = s.root.x;
        const y = s.root.y;
        await Promise.all([this.tween(500, (k) => (s.root.alpha = 1 - k)), this.floatText("TAKEN", x, y - ts * 0.3, C.drag, 800)]);
        s.root.visible = false;
        return;
      }
      case "acid": {
        if ((e.at.level ?? 0) !== this.level) return;
        const c = this.center(e.at);
        const fx = new Graphics();
        this.fxLayer.addChild(fx);
        await this.tween(160, (k) => fx.clear().circle(c.x, c.y, ts * 0.45 * k).fill({ color: C.acid, alpha: 0.6 * (1 - k) + 0.2 }));
        fx.destroy();
        return;
      }
      case "grabbed": {
        const v = this.spriteAt(e.victim);
        if (v) await this.floatText(e.hit ? "GRABBED!" : "GRAB MISSED", v.root.x, v.root.y - ts * 0.3, e.hit ? C.drag : 0xdddddd, 600);
        return;
      }
      case "freed": {
        const s = this.spriteAt(e.unit);
        if (s) await this.floatText("FREED", s.root.x, s.root.y - ts * 0.3, 0x4cd964, 450);
        return;
      }
      case "spawned": {
        if ((e.at.level ?? 0) !== this.level) return;
        let s = this.sprites.get(e.unit);
        if (!s) {
          const u: WireUnit = {
            id: e.unit, kind: e.kind, side: "creature", seat: "", x: e.at.x, y: e.at.y, level: e.at.level ?? 0,
            hp: 1, maxHp: 1, armor: 0, ap: 0, move: 0, aim: 0, fate: "active", mag: 0, spareMags: 0, grenades: 0,
            hasWeapon: false, overwatch: false, grabbedBy: "", grabbing: "", freed: false, burned: false, heldBy: "", down: 0, carrying: "", carriedBy: "", unseenAtPhaseStart: false,
          };
          s = this.makeSprite(u);
          this.sprites.set(e.unit, s);
          this.drawBody(s);
          s.hpText.text = "";
        }
        const c = this.center(e.at);
        s.root.position.set(c.x, c.y);
        s.root.visible = true;
        await this.tween(300, (k) => (s!.root.alpha = k));
        return;
      }
      case "overwatch": {
        const s = this.spriteAt(e.unit);
        if (s) await this.floatText("OVERWATCH", s.root.x, s.root.y - ts * 0.3, 0x3fd4ff, 400);
        return;
      }
      case "reloaded": {
        const s = this.spriteAt(e.unit);
        if (s) await this.floatText("RELOAD", s.root.x, s.root.y - ts * 0.3, 0xffffff, 350);
        return;
      }
      case "squeezed": {
        const m = this.map!;
        if (!m.perimeter) return;
        const fx = new Graphics();
        this.fxLayer.addChild(fx);
        const { cx, cy } = m.perimeter;
        const r0 = e.radius + 1;
        await this.tween(600, (k) => {
          const r = r0 - k;
          fx.clear().rect((cx - r) * ts, (cy - r) * ts, (2 * r + 1) * ts, (2 * r + 1) * ts).stroke({ width: 5, color: C.ring, alpha: 1 - k * 0.5 });
        });
        fx.destroy();
        await this.floatText(`THE LINE CLOSES: ${e.radius}`, (cx + 0.5) * ts, (cy + 0.5) * ts, C.ring, 600);
        return;
      }
      case "melted":
      case "fell":
      case "weaponLost":
      case "corroded":
      case "extracted":
      case "rescued": {
        const id = "unit" in e ? e.unit : null;
        const s = id ? this.spriteAt(id) : undefined;
        const pos = s ? { x: s.root.x, y: s.root.y } : "at" in e ? this.center(e.at) : null;
        if (pos) await this.floatText(e.type.toUpperCase(), pos.x, pos.y - ts * 0.3, 0xffe14d, 350);
        return;
      }
      case "phase":
        await this.wait(350);
        return;
      default:
        return;
    }
  }

  destroy(): void {
    this.staticRenderer?.destroy();
    this.app.destroy(true, { children: true });
  }
}
