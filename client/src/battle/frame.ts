/**
 * The screen's one redraw path: anything that changes what the screen shows calls `invalidate()`,
 * and the next animation frame draws once, however many changes came in between (twenty hovered
 * tiles in one frame make one redraw). Nothing draws outside it.
 */
export class FrameScheduler {
  /** How many redraws ran (the debug hook reads it). */
  redraws = 0;
  private frame = 0;
  private stopped = false;
  private waiting: (() => void)[] = [];

  constructor(private draw: () => void) {}

  /** Something changed: redraw on the next animation frame. */
  invalidate(): void {
    if (this.frame || this.stopped) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.redraws++;
      try {
        this.draw();
      } finally {
        const done = this.waiting;
        this.waiting = [];
        for (const resolve of done) resolve();
      }
    });
  }

  /** Resolves once the latest change is drawn (an animation starts from the board as it is shown). */
  drawn(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.invalidate();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const done = this.waiting;
    this.waiting = [];
    for (const resolve of done) resolve();
  }
}
