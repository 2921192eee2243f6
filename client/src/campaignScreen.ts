/**
 * The campaign's screen over the board: between two scenes (the report, the roll of the fallen,
 * the next briefing, ready) and at the end. It writes what campaignPanels.ts builds, wires the
 * buttons, and loads the next scene's map for its briefing (the same fetch that later draws it).
 * The panels' code is fetched the first time the screen is wanted (a battle's first frame never
 * waits for it).
 */
import type { MapDef, Seat } from "./engine";
import type { RoomInfo, ViewerSeat } from "./backend";
type Panels = typeof import("./campaignPanels");
import { put } from "./hud";
import { setTestState } from "./teststate";
import { CAMPAIGN_WORDS as W } from "./words";

export interface CampaignScreenOpts {
  seat: ViewerSeat;
  sendReady(ready: boolean): void;
  loadMap(id: string): Promise<MapDef>;
  /** The scene's own after-action report (chart, replay link). */
  fullReport(): void;
}

export class CampaignScreen {
  /** The player chose to look at the board; a new stage shows the screen again. */
  private lookingAtBoard = false;
  private stage = "";
  private nextId = "";
  private next: MapDef | null = null;
  private info: RoomInfo | null = null;
  private panels: Panels | null = null;
  private panelsAsked = false;

  constructor(
    private host: HTMLElement,
    private toggle: HTMLElement,
    private opts: CampaignScreenOpts,
  ) {
    toggle.addEventListener("click", () => this.show());
  }

  /** Between scenes or at the end (not while a scene is played). */
  get active(): boolean {
    const st = this.info?.campaign.stage;
    return st === "report" || st === "over" || st === "complete";
  }

  get visible(): boolean {
    return this.active && !this.lookingAtBoard;
  }

  update(info: RoomInfo): void {
    this.info = info;
    const c = info.campaign;
    if (c.stage !== this.stage) {
      this.stage = c.stage;
      this.lookingAtBoard = false;
    }
    if (!this.active) {
      this.host.hidden = true;
      this.toggle.hidden = true;
      return;
    }
    const panels = this.panels;
    if (!panels) {
      this.host.hidden = true;
      if (!this.panelsAsked) {
        this.panelsAsked = true;
        import("./campaignPanels")
          .then((m) => {
            this.panels = m;
            if (this.info) this.update(this.info);
          })
          .catch((err) => {
            // asked again with the room's next word
            this.panelsAsked = false;
            console.warn("the campaign screen's code", err);
          });
      }
      return;
    }
    const { betweenScenes, campaignEnd } = panels;
    const nextId = c.stage === "report" ? (c.summary?.next ?? "") : "";
    if (nextId && nextId !== this.nextId) {
      this.nextId = nextId;
      this.next = null;
      this.opts
        .loadMap(nextId)
        .then((m) => {
          if (this.nextId !== nextId) return;
          this.next = m;
          if (this.info) this.update(this.info);
        })
        .catch((err) => console.warn("the next scene's map", err));
    }
    const html =
      c.stage === "report"
        ? betweenScenes(c, { viewer: this.opts.seat, ready: c.ready, holders: info.holders }, this.next && this.next.id === nextId ? this.next : null)
        : campaignEnd(c, info.code);
    if (put(this.host, html)) {
      this.host.querySelector("#campaign-ready")?.addEventListener("click", () => this.toggleReady());
      this.host.querySelector("#campaign-look")?.addEventListener("click", () => this.hide());
      this.host.querySelector("#campaign-full-report")?.addEventListener("click", () => this.opts.fullReport());
    }
    this.host.hidden = this.lookingAtBoard;
    this.toggle.hidden = !this.lookingAtBoard;
    this.toggle.textContent = c.stage === "report" ? W.backToReport : W.backToEnd;
    setTestState({
      campaignScreen: this.lookingAtBoard ? "" : c.stage,
      campaignNext: this.next && this.next.id === nextId ? nextId : "",
    });
  }

  /** Marks this seat ready to go on (or not); false when there is nothing to be ready for. */
  toggleReady(): boolean {
    const info = this.info;
    const seat = this.opts.seat;
    if (!info || info.campaign.stage !== "report" || seat === "spectator") return false;
    this.opts.sendReady(!info.campaign.ready[seat as Seat]);
    return true;
  }

  hide(): void {
    this.lookingAtBoard = true;
    if (this.info) this.update(this.info);
  }

  show(): void {
    this.lookingAtBoard = false;
    if (this.info) this.update(this.info);
  }
}
