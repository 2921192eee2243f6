/** A one-shot Node timer that can be restarted and stopped (the room's idle and reopen timers). */
export class OneShot {
  private timer: NodeJS.Timeout | null = null;

  start(ms: number, fn: () => void): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, ms);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get pending(): boolean {
    return this.timer !== null;
  }
}
