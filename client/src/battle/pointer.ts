/**
 * The pointer shown to the partner: sent at most once per interval, always ending on the latest
 * tile (a sweep of the mouse over the board is a few messages, not one per tile).
 */
import type { Pos } from "../engine";

export const POINTER_INTERVAL_MS = 100;

export class PointerThrottle {
  private timer = 0;
  private latest: Pos | null = null;

  constructor(
    private send: (p: Pos) => void,
    private interval = POINTER_INTERVAL_MS,
  ) {}

  push(tile: Pos): void {
    this.latest = tile;
    if (!this.timer) this.flush();
  }

  private flush(): void {
    this.timer = 0;
    if (!this.latest) return;
    this.send(this.latest);
    this.latest = null;
    this.timer = window.setTimeout(() => this.flush(), this.interval);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = 0;
    this.latest = null;
  }
}
