/**
 * The battle's log: the last 200 lines kept for the debug hook, the last 80 shown. Lines are
 * written to the page once per animation frame: one layout for the many lines an enemy phase brings.
 */
const KEPT = 200;
const SHOWN = 80;

export class BattleLog {
  lines: string[] = [];
  private pending: string[] = [];

  constructor(private list: HTMLElement) {}

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEPT) this.lines.shift();
    this.pending.push(line);
    if (this.pending.length === 1) requestAnimationFrame(() => this.flush());
  }

  /** A new scene: the old scene's lines go. */
  clear(): void {
    this.lines = [];
    this.pending = [];
    this.list.replaceChildren();
  }

  private flush(): void {
    const ol = this.list;
    const lines = this.pending;
    this.pending = [];
    const frag = document.createDocumentFragment();
    for (const line of lines) {
      const li = document.createElement("li");
      li.textContent = line;
      frag.appendChild(li);
    }
    ol.appendChild(frag);
    while (ol.children.length > SHOWN) ol.firstChild?.remove();
    ol.scrollTop = ol.scrollHeight;
  }
}
