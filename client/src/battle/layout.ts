/**
 * The battle screen's layout at run time (the arrangements themselves are CSS: layout.css). It
 * keeps the board's canvas the size of its host whatever changes it (the window, the phone turned,
 * the header wrapping to a second row), and runs the bottom sheet an upright phone gets: the
 * handle slides it up over the board and down again; `--peek` (the handle and the action bar) is
 * measured so that the board ends where the peeking sheet begins.
 */
export interface LayoutEls {
  root: HTMLElement;
  boardHost: HTMLElement;
  side: HTMLElement;
  handle: HTMLElement;
  actions: HTMLElement;
}

export class Layout {
  private observer: ResizeObserver;
  private lastSize = "";

  constructor(
    private els: LayoutEls,
    private onBoardSize: (w: number, h: number) => void,
  ) {
    els.handle.addEventListener("click", () => this.toggleSheet());
    this.observer = new ResizeObserver(() => this.measure());
    for (const e of [els.boardHost, els.actions, els.handle, els.root]) this.observer.observe(e);
    this.measure();
  }

  /** The side panel is a bottom sheet (an upright screen). */
  get sheet(): boolean {
    return getComputedStyle(this.els.side).position === "absolute";
  }

  get sheetOpen(): boolean {
    return this.els.root.classList.contains("sheet-open");
  }

  toggleSheet(open = !this.sheetOpen): void {
    this.els.root.classList.toggle("sheet-open", open);
    this.els.handle.setAttribute("aria-expanded", String(open));
    this.els.handle.textContent = open ? "Hide details" : "Details · log · squad";
    if (!open) this.els.side.scrollTop = 0;
  }

  /** The board's room: the host's inner size (the canvas fills it). */
  boardSize(): { w: number; h: number } {
    const h = this.els.boardHost;
    return { w: Math.max(100, h.clientWidth), h: Math.max(100, h.clientHeight) };
  }

  private measure(): void {
    const { root, handle, actions } = this.els;
    if (this.sheet) {
      const peek = Math.ceil(handle.offsetHeight + actions.offsetHeight + 2);
      if (root.style.getPropertyValue("--peek") !== `${peek}px`) root.style.setProperty("--peek", `${peek}px`);
    }
    const { w, h } = this.boardSize();
    const key = `${w}x${h}`;
    if (key === this.lastSize) return;
    this.lastSize = key;
    this.onBoardSize(w, h);
  }

  destroy(): void {
    this.observer.disconnect();
  }
}
