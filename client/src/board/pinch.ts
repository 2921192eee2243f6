/**
 * Two fingers on the board: the point of the board under their midpoint when they came down stays
 * under their midpoint, and the zoom is the start's times how far apart they are now over then.
 * In place of pixi-viewport's own pinch, which adds each finger's change to the zoom: the fingers'
 * moves arrive one finger at a time, and those additions do not cancel (a two-finger pan at a
 * steady spread lost ~5% of the zoom per frame). Registered under the name "pinch", so the drag
 * plugin leaves two fingers to it.
 */
import { Point, type FederatedPointerEvent } from "pixi.js";
import { Plugin, type Viewport } from "pixi-viewport";

/** Pixels the fingers' spread or midpoint must change before a pinch begins. */
const PINCH_THRESHOLD = 4;

type Pt = { x: number; y: number };

export class SteadyPinch extends Plugin {
  private fingers = new Map<number, Pt>();
  private start: { dist: number; mid: Pt; scale: number; wx: number; wy: number } | null = null;
  private pinching = false;

  constructor(parent: Viewport) {
    super(parent);
  }

  private pair(): { dist: number; mid: Pt } | null {
    const [a, b] = [...this.fingers.values()];
    if (!a || !b) return null;
    return { dist: Math.max(1, Math.hypot(a.x - b.x, a.y - b.y)), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  }

  private begin(): void {
    const p = this.pair();
    if (!p) return;
    const vp = this.parent;
    this.start = { ...p, scale: vp.scale.x, wx: (p.mid.x - vp.x) / vp.scale.x, wy: (p.mid.y - vp.y) / vp.scale.y };
  }

  override down(e: FederatedPointerEvent): boolean {
    if (this.paused || e.pointerType !== "touch") return false;
    this.fingers.set(e.pointerId, { x: e.global.x, y: e.global.y });
    if (this.fingers.size === 2) this.begin();
    return this.fingers.size >= 2;
  }

  override move(e: FederatedPointerEvent): boolean {
    if (this.paused || !this.fingers.has(e.pointerId)) return false;
    this.fingers.set(e.pointerId, { x: e.global.x, y: e.global.y });
    const p = this.pair();
    const s = this.start;
    if (!p || !s) return false;
    const vp = this.parent;
    if (!this.pinching) {
      if (Math.abs(p.dist - s.dist) < PINCH_THRESHOLD && Math.hypot(p.mid.x - s.mid.x, p.mid.y - s.mid.y) < PINCH_THRESHOLD) return true;
      this.pinching = true;
      vp.emit("pinch-start", vp);
    }
    const scale = (s.scale * p.dist) / s.dist;
    vp.scale.set(scale);
    vp.position.set(p.mid.x - s.wx * scale, p.mid.y - s.wy * scale);
    vp.emit("zoomed", { viewport: vp, type: "pinch", center: new Point(p.mid.x, p.mid.y) });
    vp.emit("moved", { viewport: vp, type: "pinch" });
    return true;
  }

  override up(e: FederatedPointerEvent): boolean {
    if (!this.fingers.delete(e.pointerId)) return false;
    if (this.fingers.size >= 2) this.begin();
    else {
      this.start = null;
      if (this.pinching) {
        this.pinching = false;
        this.parent.emit("pinch-end", this.parent);
      }
    }
    return false;
  }
}
