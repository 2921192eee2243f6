/**
 * The battle screen's page: the HUD's markup (hud.ts) put in place, its elements by name, the
 * canvas's share of the window, and the notices over the board (banner, refusal box, "sending…",
 * the connection's and the partner's banners).
 */
import type { ConnectionStatus } from "../backend";
import { DOM } from "../hud";
import { el, esc } from "../dom";
import { pendingText } from "../words";
import { getTestState, setTestState } from "../teststate";
import { freeBand, type Box } from "./band";

const IDS = [
  "squad-panel", "timer", "top", "round", "phase", "objective", "code-box", "seats", "conn", "board-host", "side", "briefing",
  "unit-panel", "route-panel", "target-panel", "tile-panel", "intent-panel", "log", "banner", "error-box", "conn-banner",
  "partner-banner", "seat-banner", "help", "report-host", "campaign-host", "btn-campaign", "scene", "btn-speed", "btn-skip", "btn-ready", "btn-sound",
  "btn-help", "btn-leave", "btn-report", "pending", "cursor-dock", "cursor-card", "sheet-handle", "actions",
] as const;

type CamelCase<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S;
export type ShellEls = { [K in (typeof IDS)[number] as CamelCase<K>]: HTMLElement };

const REFUSAL_SHOWN_MS = 6000;
const RECONNECTED_SHOWN_MS = 1500;

export class Shell {
  readonly root: HTMLElement;
  readonly els: ShellEls;
  private bannerTimer = 0;
  /** What a banner keeps off now (page px), if the screen says (battle/screen.ts). */
  busy: (() => Box[]) | null = null;
  private seatTimer = 0;
  private errorTimer = 0;
  private reconnectedTimer = 0;

  constructor(host: HTMLElement) {
    this.root = el("div", { id: "battle" });
    host.replaceChildren(this.root);
    this.root.innerHTML = DOM;
    const els: Record<string, HTMLElement> = {};
    for (const id of IDS) els[id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = this.root.querySelector(`#${id}`)!;
    this.els = els as ShellEls;
  }

  /** The canvas's size: its host's, which the layout (layout.css) gives what the header and the panels leave. */
  canvasSize(): { w: number; h: number } {
    const host = this.els.boardHost;
    return { w: Math.max(100, host.clientWidth), h: Math.max(100, host.clientHeight) };
  }

  /** The action buttons (`data-act`) and the ping kinds (`data-ping`). */
  actionButtons(): NodeListOf<HTMLButtonElement> {
    return this.root.querySelectorAll<HTMLButtonElement>("[data-act]");
  }

  phraseButtons(): NodeListOf<HTMLButtonElement> {
    return this.root.querySelectorAll<HTMLButtonElement>("[data-phrase]");
  }

  /** A seat changing hands, said on the board for a while (apart from the phase's banner). */
  seatBanner(text: string, ms: number): void {
    const b = this.els.seatBanner;
    b.textContent = text;
    b.classList.add("show");
    clearTimeout(this.seatTimer);
    this.seatTimer = window.setTimeout(() => b.classList.remove("show"), ms);
  }

  pingButtons(): NodeListOf<HTMLButtonElement> {
    return this.root.querySelectorAll<HTMLButtonElement>("[data-ping]");
  }

  showPingKind(kind: string): void {
    this.pingButtons().forEach((b) => b.classList.toggle("on", b.dataset.ping === kind));
  }

  showSound(muted: boolean): void {
    const b = this.els.btnSound;
    b.textContent = muted ? "Sound off" : "Sound on";
    b.classList.toggle("on", !muted);
    setTestState({ muted });
  }

  showSpeed(fast: boolean): void {
    this.els.btnSpeed.textContent = fast ? "×4" : "×1";
    this.els.btnSpeed.classList.toggle("on", fast);
  }

  toggleHelp(show = this.els.help.hidden): void {
    this.els.help.hidden = !show;
  }

  /** A banner over the board; `ms` 0 keeps it until hidden. */
  banner(text: string, ms: number): void {
    const b = this.els.banner;
    // a new banner starts from its own place (placeBanner moves it off what it would hide)
    if (!b.classList.contains("show")) b.style.top = "";
    b.textContent = text;
    b.classList.add("show");
    // placed before it is painted (a frame at its own place could hide the tags just shown)
    if (this.busy) this.placeBanner(this.busy());
    clearTimeout(this.bannerTimer);
    if (ms > 0) this.bannerTimer = window.setTimeout(() => this.hideBanner(), ms);
  }

  /**
   * Keeps the banner off what the board shows of what is happening (`busy`, page px): where it is,
   * if it covers none of it; else in the band nearest its own (a fifth down the board) that covers least.
   */
  placeBanner(busy: Box[]): void {
    const b = this.els.banner;
    if (!b.classList.contains("show")) return;
    const host = this.els.boardHost.getBoundingClientRect();
    const r = b.getBoundingClientRect();
    const area = { x: host.left, y: host.top, w: host.width, h: host.height };
    const covers = (c: number) => busy.some((o) => o.x < r.right && r.left < o.x + o.w && o.y < c + r.height / 2 && c - r.height / 2 < o.y + o.h);
    const now = r.top + r.height / 2;
    if (b.style.top && !covers(now)) return;
    const c = freeBand(area, { w: r.width, h: r.height }, busy, host.top + host.height * 0.22);
    b.style.top = `${Math.round(c - host.top)}px`;
    setTestState({ bannerMoved: ((getTestState().bannerMoved as number) ?? 0) + 1 });
  }

  hideBanner(): void {
    this.els.banner.classList.remove("show");
  }

  /** The refusal box, shown for a while (the log keeps the line). */
  refusal(code: string, message: string): void {
    const box = this.els.errorBox;
    box.innerHTML = `<strong>Refused.</strong> ${esc(message)} <small>(${esc(code)})</small>`;
    box.classList.add("show");
    box.dataset.code = code;
    clearTimeout(this.errorTimer);
    this.errorTimer = window.setTimeout(() => this.hideRefusal(), REFUSAL_SHOWN_MS);
    const s = getTestState();
    setTestState({ error: { code, message }, errors: ((s.errors as number) ?? 0) + 1 });
  }

  hideRefusal(): void {
    this.els.errorBox.classList.remove("show");
  }

  /** A small "sending…" marker while commands await the server's ack. */
  pending(count: number): void {
    const p = this.els.pending;
    p.textContent = pendingText(count);
    p.hidden = count <= 0;
    const s = getTestState();
    setTestState({ pending: count, pendingSeen: Math.max((s.pendingSeen as number) ?? 0, count) });
  }

  connection(status: ConnectionStatus, detail?: string): void {
    const b = this.els.connBanner;
    if (status === "connected") {
      if (b.classList.contains("show")) {
        b.textContent = "Reconnected.";
        clearTimeout(this.reconnectedTimer);
        this.reconnectedTimer = window.setTimeout(() => b.classList.remove("show"), RECONNECTED_SHOWN_MS);
      }
      const s = getTestState();
      if (s.connection && s.connection !== "connected") setTestState({ reconnects: ((s.reconnects as number) ?? 0) + 1 });
    } else if (status === "dropped" || status === "reconnecting") {
      // a drop soon after a reconnection: the "Reconnected." note's timer must not hide this one
      clearTimeout(this.reconnectedTimer);
      b.textContent = "Connection lost — reconnecting to your seat…";
      b.classList.add("show");
    } else {
      clearTimeout(this.reconnectedTimer);
      b.textContent = `Disconnected. ${detail ?? ""}`;
      b.classList.add("show");
    }
    this.els.conn.textContent = status === "connected" ? "● online" : status === "lost" ? "○ offline" : "◌ reconnecting";
    this.els.conn.className = `pill conn-${status}`;
    setTestState({ connection: status });
  }

  destroy(): void {
    clearTimeout(this.bannerTimer);
    clearTimeout(this.seatTimer);
    clearTimeout(this.errorTimer);
    clearTimeout(this.reconnectedTimer);
  }
}
