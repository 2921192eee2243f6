/**
 * A fling: after the finger (or mouse) leaves, the board goes on at the speed it was last dragged
 * and slows down (pixi-viewport's deceleration). The speed is measured over the last moves that
 * span at least a frame: the library takes the oldest move of the last 100 ms, which is the last
 * move itself when moves come in bursts (a busy page's coalesced events), and then no fling at all.
 */
import { Decelerate, type Viewport } from "pixi-viewport";

/** A pause longer than this between the last move and the release: the finger stopped, no fling. */
const STOPPED_MS = 150;
/** The moves measured span at least this much time. */
const SPAN_MS = 16;

export class Fling extends Decelerate {
  constructor(parent: Viewport, friction: number) {
    super(parent, { friction });
  }

  override up(): boolean {
    const saved = this.saved;
    if (this.parent.input.count() !== 0 || saved.length < 2) return false;
    const now = performance.now();
    const last = saved[saved.length - 1];
    if (now - last.time > STOPPED_MS) return false;
    let i = saved.length - 2;
    while (i > 0 && last.time - saved[i].time < SPAN_MS) i--;
    const from = saved[i];
    const dt = Math.max(SPAN_MS, last.time - from.time);
    this.x = (last.x - from.x) / dt;
    this.y = (last.y - from.y) / dt;
    this.percentChangeX = this.percentChangeY = this.options.friction;
    this.timeSinceRelease = 0;
    return false;
  }
}
