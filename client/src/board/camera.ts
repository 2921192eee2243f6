/**
 * The board's camera, on pixi-viewport (the maintained Pixi camera): a drag (mouse or one finger)
 * and two fingers pan, the wheel and a pinch zoom about the pointer, a fling decelerates, and the
 * map is clamped to the canvas (centred while it is smaller). Zoom 1 is the whole map fitting the
 * canvas, up to 4. With `prefers-reduced-motion` a fling stops where the finger leaves.
 *
 * The board renders on demand: every move of the camera calls `moved` (the static underlay is
 * repainted and the ticker kicked), and the ticker runs while the camera is still moving.
 */
import { Rectangle, type Application, type Container } from "pixi.js";
import { Viewport } from "pixi-viewport";
import { SteadyPinch } from "./pinch";
import { Fling } from "./fling";

export const MAX_ZOOM = 4;
/** Pixels a pointer travels before a press becomes a drag (a tap stays a tap under a shaky finger). */
const DRAG_THRESHOLD = 10;

export interface CameraHooks {
  /** The camera moved or zoomed. */
  moved(): void;
  /** A drag or a pinch began (a press in progress is no tap or long press). */
  gesture(): void;
}

export class Camera {
  readonly viewport: Viewport;
  /** A drag or pinch began since the first pointer of this press went down. */
  gestured = false;
  private movedAt = 0;

  constructor(app: Application, content: Container, private hooks: CameraHooks) {
    const w = app.renderer.width;
    const h = app.renderer.height;
    const vp = new Viewport({
      screenWidth: w,
      screenHeight: h,
      worldWidth: w,
      worldHeight: h,
      events: app.renderer.events,
      ticker: app.ticker,
      passiveWheel: false,
      threshold: DRAG_THRESHOLD,
      // the whole canvas takes drags, whatever the camera shows (the default hit area follows the
      // camera only while the ticker runs, and this board's ticker sleeps when nothing moves)
      forceHitArea: new Rectangle(-1e6, -1e6, 2e6, 2e6),
    });
    this.viewport = vp;
    vp.addChild(content);
    const reduced = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
    vp.drag({ mouseButtons: "left-middle" })
      .wheel({ percent: 0.1 })
      .clampZoom({ minScale: 1, maxScale: MAX_ZOOM })
      .clamp({ direction: "all", underflow: "center" });
    // a fling decelerates (fling.ts; "decelerate" is sixth in the plugins' order), unless motion is to be reduced
    if (!reduced) vp.plugins.add("decelerate", new Fling(vp, 0.92), 5);
    // our pinch in the library's place ("pinch" is second in its plugins' order, after "drag"):
    // pinch.ts says why
    vp.plugins.add("pinch", new SteadyPinch(vp), 1);
    const moved = () => {
      this.movedAt = performance.now();
      this.hooks.moved();
    };
    vp.on("moved", moved);
    vp.on("zoomed", moved);
    const gesture = () => {
      this.gestured = true;
      this.hooks.gesture();
    };
    vp.on("drag-start", gesture);
    // the zoom's bounds hold when the pinch ends, not during it: fingers' moves arrive one finger
    // at a time, and clamping each would drift the zoom of a two-finger pan made at the bounds
    vp.on("pinch-start", () => {
      gesture();
      vp.plugins.pause("clamp-zoom");
    });
    vp.on("pinch-end", () => {
      vp.plugins.resume("clamp-zoom");
      this.settle();
    });
  }

  /** A new press begins: forget the last one's gesture. */
  gestureDone(): void {
    this.gestured = false;
  }

  /** The camera moved lately (a fling or a clamp still settling): keep the ticker running. */
  moving(): boolean {
    return !!this.viewport.moving || performance.now() - this.movedAt < 120;
  }

  get zoom(): number {
    return this.viewport.scale.x;
  }

  /** A new canvas or map size: zoom 1, the map centred. */
  fit(screenW: number, screenH: number, worldW: number, worldH: number): void {
    const vp = this.viewport;
    vp.resize(screenW, screenH, worldW, worldH);
    vp.scale.set(1);
    vp.position.set(Math.floor((screenW - worldW) / 2), Math.floor((screenH - worldH) / 2));
    this.settle();
  }

  /** Zooms about a point of the canvas, clamped. */
  zoomAt(z: number, px: number, py: number): void {
    const vp = this.viewport;
    const nz = Math.max(1, Math.min(MAX_ZOOM, z));
    if (nz === vp.scale.x) return;
    const wx = (px - vp.x) / vp.scale.x;
    const wy = (py - vp.y) / vp.scale.y;
    vp.scale.set(nz);
    vp.position.set(px - wx * nz, py - wy * nz);
    this.settle();
  }

  pan(dx: number, dy: number): void {
    this.viewport.position.set(this.viewport.x + dx, this.viewport.y + dy);
    this.settle();
  }

  /** Puts a point of the board (board units) in the canvas's middle, as far as the clamp allows. */
  centreOn(wx: number, wy: number): void {
    const vp = this.viewport;
    vp.position.set(vp.screenWidth / 2 - wx * vp.scale.x, vp.screenHeight / 2 - wy * vp.scale.y);
    this.settle();
  }

  /** The part of the board (board units) the canvas shows now. */
  visible(): { x: number; y: number; w: number; h: number } {
    const vp = this.viewport;
    const z = vp.scale.x;
    return { x: -vp.x / z, y: -vp.y / z, w: vp.screenWidth / z, h: vp.screenHeight / z };
  }

  /** Canvas pixels of a board point. */
  toScreen(wx: number, wy: number): { x: number; y: number } {
    const vp = this.viewport;
    return { x: vp.x + wx * vp.scale.x, y: vp.y + wy * vp.scale.y };
  }

  /** After a move made here (not by a gesture): clamp at once and tell the board. */
  private settle(): void {
    const vp = this.viewport;
    (vp.plugins.get("clamp-zoom", true) as unknown as { clamp(): void } | null)?.clamp();
    vp.plugins.get("clamp", true)?.update();
    this.movedAt = performance.now();
    this.hooks.moved();
  }

  destroy(): void {
    this.viewport.removeAllListeners();
  }
}
