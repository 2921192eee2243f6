/**
 * Every scene opens on its briefing as a screen: the scene's name, its lines from the
 * story, its objective and its clock, over the board until a click or a key. While it is up no key
 * reaches the battle (a key that dismisses it does nothing else).
 */
import type { MapDef, WireState } from "../engine";
import { esc } from "../dom";
import { goalText } from "../panels";
import { objectiveLine } from "../objective";
import { setTestState } from "../teststate";

export interface BriefingScene {
  map: MapDef;
  wire: WireState;
  /** "Scene 2 of 6" in a campaign, else empty. */
  sceneLabel: string;
}

/** The briefing's HTML (pure: tested without a page). */
export function briefingHtml(b: BriefingScene): string {
  const m = b.map;
  const clock = objectiveLine(b.wire, m);
  return `<div class="brief-box" role="dialog" aria-modal="true" aria-labelledby="brief-title">
    ${b.sceneLabel ? `<p class="brief-scene">${esc(b.sceneLabel)}</p>` : ""}
    <h2 id="brief-title">${esc(m.name)}</h2>
    ${m.briefing ? `<p class="brief-story">${esc(m.briefing)}</p>` : ""}
    <dl class="brief-facts">
      <dt>Objective</dt><dd id="brief-objective">${esc(goalText(m, b.wire.objective))}</dd>
      <dt>The clock</dt><dd id="brief-clock">${esc(clock)} · round ${b.wire.round} of ${m.maxRounds}</dd>
    </dl>
    <p class="brief-go"><button id="brief-go" class="primary" type="button">To your posts</button> <span class="hint">click or press any key</span></p>
  </div>`;
}

export class BriefingScreen {
  private el: HTMLElement | null = null;
  private onClose: (() => void) | null = null;

  get open(): boolean {
    return !!this.el;
  }

  /** Run `cb` once the briefing on screen is dismissed. */
  onClosed(cb: () => void): void {
    const prev = this.onClose;
    this.onClose = () => {
      prev?.();
      cb();
    };
  }

  show(b: BriefingScene, onClose?: () => void): void {
    this.close();
    const el = document.createElement("div");
    el.id = "brief-screen";
    el.innerHTML = briefingHtml(b);
    el.addEventListener("click", () => this.close());
    document.body.appendChild(el);
    this.el = el;
    this.onClose = onClose ?? null;
    window.addEventListener("keydown", this.onKey, true);
    setTestState({ briefing: b.map.id });
  }

  close(): void {
    if (!this.el) return;
    this.el.remove();
    this.el = null;
    window.removeEventListener("keydown", this.onKey, true);
    setTestState({ briefing: null });
    const cb = this.onClose;
    this.onClose = null;
    cb?.();
  }

  /** Capturing on the window: the battle's own key handler (on the window, bubbling) never sees it. */
  private onKey = (e: KeyboardEvent) => {
    if (["Shift", "Control", "Alt", "Meta"].includes(e.key)) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this.close();
  };
}
