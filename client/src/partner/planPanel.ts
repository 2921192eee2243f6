/**
 * The partner panel: what the bot playing the partner's seat plans for the round, line
 * by line, why each of his soldiers with no step does nothing, and the standing orders that steer it (buttons, keys 6–9 and 0), the one in force lit.
 * Shown beside the creatures' intents, under its own heading, only when a bot plays the partner.
 */
import { STANDING_ORDERS, type Seat, type StandingOrder, type WireState } from "../engine";
import type { Backend, PlanMessage } from "../backend";
import { el, esc } from "../dom";
import { SEAT_NAME } from "../words";
import { ORDER_KEY, ORDER_NAME, idleLine, planLine } from "./planWords";
import { shortcutAllowed } from "../keys";

export class PartnerPanel {
  readonly root: HTMLElement;
  plan: PlanMessage | null = null;
  order: StandingOrder = "free";
  private changedNote = false;
  private html = "";

  constructor(
    side: HTMLElement,
    before: HTMLElement | null,
    private readonly backend: Backend,
  ) {
    this.root = el("section", { id: "partner-plan", "aria-live": "polite" });
    side.insertBefore(this.root, before);
    this.root.addEventListener("click", (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>("[data-order]");
      if (b) this.give(b.dataset.order as StandingOrder);
    });
    window.addEventListener("keydown", this.onKey);
  }

  destroy(): void {
    window.removeEventListener("keydown", this.onKey);
    this.root.remove();
  }

  /** A new plan from the backend; a plan "changed" is said until the next one. */
  setPlan(p: PlanMessage): void {
    this.plan = p;
    this.changedNote = p.changed;
    this.order = p.order;
  }

  give(order: StandingOrder): void {
    if (!this.backend.sendOrder || !STANDING_ORDERS.includes(order)) return;
    this.backend.sendOrder(order);
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || this.root.hidden) return;
    const order = STANDING_ORDERS.find((o) => ORDER_KEY[o] === e.key);
    // the battle's shortcuts' rules: not while typing, not from a dialog, not on a held key's repeat
    if (!order || !shortcutAllowed(e, "order")) return;
    e.preventDefault();
    this.give(order);
  };

  /** Shown when a bot plays the partner's seat in a player phase. */
  render(w: WireState, mySeat: Seat | null, partnerIsBot: boolean): void {
    const show = !!mySeat && partnerIsBot && w.phase === "player" && !!this.backend.sendOrder;
    this.root.hidden = !show;
    if (!show) return;
    const partner = SEAT_NAME[this.plan?.seat ?? ""] ?? "Your partner";
    // in the partner seat's colour, as his soldiers, his pill and his plan on the board
    const seat = this.plan?.seat ?? (mySeat === "takumi" ? "wang" : "takumi");
    if (this.root.dataset.seat !== seat) {
      this.root.dataset.seat = seat;
      this.root.style.setProperty("--partner", `var(--${seat})`);
    }
    const current = this.plan && this.plan.round === w.round ? this.plan : null;
    const lines = current?.steps.map((st, i) => `<li data-step="${i}"><b>${i + 1}</b> ${esc(planLine(w, st))}</li>`) ?? [];
    // a soldier of his left idle is said too: nothing happens unshown (a plan from an older server may lack it)
    const idle = current?.idle?.map((i) => `<li data-idle="${esc(i.unit)}">${esc(idleLine(w, i))}</li>`) ?? [];
    const html =
      `<h3>${esc(partner)}'s plan <small>(the bot)</small></h3>` +
      (this.changedNote ? `<p class="plan-changed">The dice or the dust changed the board: ${esc(partner)} changes his plan.</p>` : "") +
      (lines.length ? `<ol class="plan-steps">${lines.join("")}</ol>` : `<p class="plan-none">${current ? "Nothing to do: ready." : "Planning…"}</p>`) +
      (idle.length ? `<ul class="plan-idle">${idle.join("")}</ul>` : "") +
      `<div class="row orders"><span>Orders:</span>${STANDING_ORDERS.map((o) =>
        `<button data-order="${o}" class="${o === this.order ? "on" : ""}" title="${esc(ORDER_NAME[o])} (${ORDER_KEY[o]})">${esc(ORDER_NAME[o])} <kbd>${ORDER_KEY[o]}</kbd></button>`).join("")}</div>`;
    if (this.html !== html) this.root.innerHTML = this.html = html;
  }
}
