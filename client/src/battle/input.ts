/**
 * The player's hand on the battle: taps and hovers on the board, the action buttons, the keys. Each
 * goes to the headless controller (controller.ts), and what it answers is sent to the backend or
 * shown as a refusal; the screen is then redrawn once (`invalidate`).
 */
import * as engine from "../engine";
import type { Action, Pos, Seat, WireState } from "../engine";
import type { BoardRenderer, PingMark } from "../board";
import type { Backend, RoomInfo } from "../backend";
import type { BattleController, Mode, Outcome } from "../controller";
import type { CampaignScreen } from "../campaignScreen";
import { keyCommand, shortcutAllowed, typing, type KeyCommand } from "../keys";
import { PointerThrottle } from "./pointer";
import { seatReady } from "./header";
import { getTestState, setTestState } from "../teststate";
import type { Shell } from "./shell";

const SPECTATOR_REFUSAL = "Spectators watch; they cannot act.";
const NO_SELECTION = "Select one of your soldiers first (Tab, or click him).";
const PING_KEYS: Record<"ping1" | "ping2" | "ping3", PingMark["kind"]> = { ping1: "danger", ping2: "move", ping3: "target" };
const FAST_SPEED = 4;

/** What the input needs of the screen. */
export interface InputHost {
  readonly ctl: BattleController;
  readonly board: BoardRenderer;
  readonly backend: Backend;
  readonly shell: Shell;
  readonly campaign: CampaignScreen;
  readonly wire: WireState | null;
  /** Who holds each seat (a bot partner's turn can be skipped). */
  readonly info: RoomInfo;
  /** Events are playing (Enter speeds them up instead of confirming). */
  readonly playing: boolean;
  /** The seats this page commands. */
  commandSeats(): Seat[];
  showError(code: string, message: string): void;
  /** The selection may have changed: tell the partner, show the soldier's level. */
  selectionChanged(before: string | null): void;
  invalidate(): void;
}

export class BattleInput {
  private pingKind: PingMark["kind"] = "danger";
  /** F: the enemy phases play ×4 until F again (the header's button shows it). */
  private fast = false;
  /** Enter/Space while events play: this playback only, the speed set back when it ends. */
  private hurried = false;
  /** X: everything shown at its end at once, until the player's next move is his. */
  private skipping = false;
  private pointer: PointerThrottle;

  constructor(private host: InputHost) {
    this.pointer = new PointerThrottle((p) => host.backend.sendPointer(p));
  }

  private get seat() {
    return this.host.backend.seat;
  }

  /** The buttons of the page: actions, ping kinds, speed. */
  wireButtons(): void {
    const shell = this.host.shell;
    shell.actionButtons().forEach((b) => {
      b.addEventListener("click", () => this.command(b.dataset.act!));
      // the engine's preview of the button's action, beside the soldier, while the pointer is on it
      b.addEventListener("pointerenter", () => {
        this.host.ctl.hoverButton(b.dataset.act!);
        this.host.invalidate();
      });
      b.addEventListener("pointerleave", () => {
        this.host.ctl.hoverButton(null);
        this.host.invalidate();
      });
    });
    shell.pingButtons().forEach((b) =>
      b.addEventListener("click", (e) => {
        const kind = b.dataset.ping as PingMark["kind"];
        this.setPingKind(kind);
        // a touch screen has no right click: its ping buttons ping the tile last tapped or inspected
        const cursor = this.host.ctl.cursor;
        if ((e as PointerEvent).pointerType === "touch" && cursor) this.sendPing(cursor, kind);
      }),
    );
    shell.phraseButtons().forEach((b) => b.addEventListener("click", () => this.say(b.dataset.phrase)));
    shell.els.btnSpeed.addEventListener("click", () => this.toggleSpeed());
    shell.els.btnSkip.addEventListener("click", () => this.skip());
  }

  /** A quick phrase to the partner (a button or its key); a spectator says nothing to the squad. */
  private say(key: string | undefined): void {
    if (!engine.isPhraseKey(key)) return;
    if (this.seat === "spectator") return this.host.showError("ERR_SPECTATOR", SPECTATOR_REFUSAL);
    this.host.backend.sendPhrase?.(key);
  }

  private setPingKind(k: PingMark["kind"]): void {
    this.pingKind = k;
    this.host.shell.showPingKind(k);
  }

  private run(out: Outcome): void {
    if (!out) return;
    if ("error" in out) return this.host.showError(out.error.code, out.error.message);
    // a costly choice: the card beside the cursor names the cost and waits for the same choice again
    if ("ask" in out) return this.host.invalidate();
    for (const a of out.send) this.send(a);
  }

  tile(tile: Pos, kind: "hover" | "tap" | "ping" | "inspect" | "leave", shift: boolean, ctrl: boolean, touch = false): void {
    const { ctl, backend } = this.host;
    if (kind === "leave") {
      if (backend.kind === "online") backend.sendPointer(null);
      return;
    }
    // on a touch screen a tap on an empty tile first previews it (there is no hover); the same
    // tile tapped again confirms. A tap on a unit selects or aims at once (neither commits).
    if (kind === "tap" && touch && !shift && !this.previewed(tile) && !this.unitAt(tile)) kind = "hover";
    if (kind === "hover" || kind === "inspect") {
      ctl.hover(tile);
      this.host.invalidate();
      if (this.seat !== "spectator") this.pointer.push(tile);
      return;
    }
    if (kind === "ping") return this.sendPing(tile, shift ? "move" : ctrl ? "target" : this.pingKind);
    const before = ctl.selected;
    const out = ctl.activate(tile, { waypoint: shift });
    this.host.selectionChanged(before);
    this.run(out);
    this.host.invalidate();
  }

  private previewed(tile: Pos): boolean {
    const c = this.host.ctl.cursor;
    return !!c && c.x === tile.x && c.y === tile.y && c.level === tile.level;
  }

  private unitAt(tile: Pos): boolean {
    const w = this.host.wire;
    return !!w && Object.values(w.units).some((u) => u.fate === "active" && u.x === tile.x && u.y === tile.y && u.level === tile.level);
  }

  private sendPing(tile: Pos, kind: PingMark["kind"]): void {
    this.host.backend.sendPing({ x: tile.x, y: tile.y, level: tile.level, kind });
  }

  private send(action: Action): void {
    const { wire, backend } = this.host;
    if (this.seat === "spectator") return this.host.showError("ERR_SPECTATOR", SPECTATOR_REFUSAL);
    if (wire && wire.phase === "ended") return this.host.showError("ERR_WRONG_PHASE", engine.ERROR_CODES.ERR_WRONG_PHASE);
    // a ready confirmed after its question goes out as the ready it is
    if (action.type === "ready") return this.markReady(action.ready);
    const unit = "unit" in action ? wire?.units[action.unit] : undefined;
    // A soldier of the squad taken over from the partner: the action names his seat.
    const forSeat = unit && unit.seat && unit.seat !== this.seat ? (unit.seat as Seat) : undefined;
    backend.sendAction(action, forSeat);
    this.host.shell.hideRefusal();
  }

  command(act: string): void {
    const { ctl, backend } = this.host;
    const sel = ctl.selected;
    switch (act) {
      case "move":
      case "shoot":
      case "calledShot":
      case "butt":
      case "grenade":
        this.run(ctl.setMode(act as Mode));
        break;
      case "holdOn":
      case "revive":
      case "carry":
        this.run(ctl.comradeAction(act));
        break;
      case "drop":
        this.run(ctl.drop());
        break;
      case "withdraw":
        this.run(ctl.withdraw());
        break;
      case "overwatch":
      case "reload":
      {
        if (!sel) return this.host.showError("NO_SELECTION", NO_SELECTION);
        // refused by the engine here and now, with its reason, instead of a round trip
        const why = ctl.refusal({ type: act, unit: sel });
        if (why) return this.host.showError(why.code, why.message);
        this.send({ type: act, unit: sel });
        return;
      }
      case "undo":
      {
        if (this.seat === "spectator") return this.host.showError("ERR_SPECTATOR", SPECTATOR_REFUSAL);
        const why = ctl.refusal({ type: "undo" });
        if (why) return this.host.showError(why.code, why.message);
        backend.sendUndo();
        return;
      }
      case "ready":
        return this.toggleReady();
      case "takeover":
        backend.takeOver?.();
        return;
    }
    this.host.invalidate();
  }

  /** Ready (or not) for this seat; marking ready marks the partner's taken-over squad ready too. */
  private toggleReady(): void {
    const { backend, wire } = this.host;
    const seat = this.seat;
    if (seat === "spectator") return this.host.showError("ERR_SPECTATOR", SPECTATOR_REFUSAL);
    // between a campaign's scenes, ready means: go on to the next
    if (this.host.campaign.toggleReady()) return;
    if (!wire) return;
    const mine = seatReady(wire, seat);
    if (!mine) {
      // marking ready may leave soldiers behind (the engine says so): asked first, E again confirms
      const out = this.host.ctl.commit([{ type: "ready", ready: true }]);
      if (out && "ask" in out) return this.host.invalidate();
    }
    this.markReady(!mine);
  }

  private markReady(ready: boolean): void {
    const { backend, wire } = this.host;
    if (!wire || this.seat === "spectator") return;
    const seat = this.seat;
    backend.sendReady(ready);
    if (ready) for (const s of this.host.commandSeats()) if (s !== seat && !seatReady(wire, s)) backend.sendReady(true, s);
  }

  /** A key pressed on the page (not in a form field). */
  keydown(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const tag = target?.tagName;
    if (typing(e)) return;
    // F6 takes the focus between the board and the page's controls (the action bar first)
    if (e.key === "F6") {
      e.preventDefault();
      const onBoard = !target || target === document.body || target.id === "board-host";
      (onBoard ? this.host.shell.actionButtons()[0] : this.host.shell.els.boardHost)?.focus();
      return;
    }
    // on a button or a link, Tab walks the controls and Enter or Space presses the one in focus
    const onControl = tag === "BUTTON" || tag === "A" || tag === "SUMMARY" || target?.getAttribute?.("role") === "button";
    if (onControl && (e.key === "Tab" || e.key === "Enter" || e.key === " ")) return;
    const k = keyCommand(e);
    if (!k || !shortcutAllowed(e, k)) return;
    e.preventDefault();
    this.key(k);
  }

  private key(k: KeyCommand): void {
    const { ctl, board, shell } = this.host;
    const map = this.host.backend.map;
    const els = shell.els;
    const before = ctl.selected;
    const move = (dx: number, dy: number) => ctl.moveCursor(dx, dy, map.width, map.height, board.level);
    switch (k) {
      case "next": case "prev": ctl.cycleUnit(k === "next" ? 1 : -1); break;
      case "up": move(0, -1); break;
      case "down": move(0, 1); break;
      case "left": move(-1, 0); break;
      case "right": move(1, 0); break;
      case "confirm":
        if (this.host.playing) this.hurry();
        else this.run(ctl.confirm());
        break;
      case "escape":
        if (!els.reportHost.hidden) els.reportHost.hidden = true;
        else if (this.host.campaign.visible) this.host.campaign.hide();
        else if (!els.help.hidden) els.help.hidden = true;
        else ctl.escape();
        shell.hideRefusal();
        break;
      case "targetNext": case "targetPrev": this.run(ctl.cycleTarget(k === "targetNext" ? 1 : -1)); break;
      case "move": case "shoot": case "calledShot": case "grenade": case "butt": case "overwatch": case "reload": case "undo": case "ready":
      case "holdOn": case "revive": case "carry": case "drop": case "withdraw":
        this.command(k);
        break;
      case "speed": this.toggleSpeed(); break;
      case "skip": this.skip(); break;
      case "ping1": case "ping2": case "ping3":
        if (ctl.cursor) this.sendPing(ctl.cursor, PING_KEYS[k]);
        break;
      case "levelUp": case "levelDown": {
        const lv = Math.max(0, Math.min(map.levels - 1, board.level + (k === "levelUp" ? 1 : -1)));
        board.setLevel(lv);
        if (ctl.cursor) ctl.hover({ ...ctl.cursor, level: lv });
        if (this.host.wire) ctl.setContext({ ...ctl.context!, level: lv });
        break;
      }
      case "zoomIn": case "zoomOut": {
        const c = board.app.renderer;
        board.setZoom(board.zoom * (k === "zoomIn" ? 1.25 : 0.8), c.width / 2, c.height / 2);
        break;
      }
      case "help": shell.toggleHelp(); break;
      default:
        // a quick phrase to the partner (the phrase buttons' keys)
        if (k.startsWith("say:")) this.say(k.slice(4));
    }
    this.host.selectionChanged(before);
    // the keyboard's cursor stays in sight (a zoomed board, a phone's small one)
    if (ctl.cursor) board.keepInView(ctl.cursor.x, ctl.cursor.y);
    this.host.invalidate();
  }

  private toggleSpeed(): void {
    this.fast = !this.fast;
    this.applySpeed();
    this.host.shell.showSpeed(this.fast);
  }

  /** Enter during an animation: the events still queued play fast; F's setting is left as it was. */
  private hurry(): void {
    this.hurried = true;
    this.applySpeed();
  }

  /** The animations ran dry: a hurry ends with them. */
  playbackEnded(): void {
    if (!this.hurried) return;
    this.hurried = false;
    this.applySpeed();
  }

  private applySpeed(): void {
    this.host.board.speed = Math.max(this.fast || this.hurried ? FAST_SPEED : 1, speedParam());
    this.host.board.skipping = this.skipping;
  }

  /**
   * The bot partner's turn is under way: this seat is ready in a player phase and a bot holds the
   * other seat, not ready yet (it plays at a pace a person can follow).
   */
  private botTurn(): boolean {
    const { wire, info } = this.host;
    const seat = this.seat;
    if (!wire || wire.phase !== "player" || seat === "spectator" || !seatReady(wire, seat)) return false;
    const partner = seat === "takumi" ? "wang" : "takumi";
    return info.holders[partner] === "bot" && !seatReady(wire, partner);
  }

  /** Is there something to skip now (events playing, or the bot partner's turn)? The skip key does nothing otherwise. */
  canSkip(): boolean {
    return !this.skipping && (this.host.playing || this.botTurn());
  }

  /**
   * X: skip to the end. Animations playing or to come are shown at their end at once, and the bot
   * partner is asked to play the rest of its turn now (the server's `skip`), until this seat's next
   * move is its own (controlBack). The log still gets every line.
   */
  skip(): void {
    if (!this.canSkip()) return;
    this.skipping = true;
    this.applySpeed();
    if (this.botTurn()) this.host.backend.sendSkip?.();
    setTestState({ skipping: true, skips: ((getTestState().skips as number) ?? 0) + 1 });
    this.host.invalidate();
  }

  /** A state is shown with nothing playing: a skip ends once this seat may act (or the battle ended). */
  controlBack(): void {
    if (!this.skipping || this.host.playing) return;
    const w = this.host.wire;
    if (!w) return;
    const mine = this.seat !== "spectator" && w.phase === "player" && !seatReady(w, this.seat);
    if (!mine && w.phase !== "ended" && (this.seat !== "spectator" || w.phase !== "player")) return;
    this.skipping = false;
    this.applySpeed();
    setTestState({ skipping: false, skippedMs: Math.round(this.host.board.skippedMs) });
  }

  stop(): void {
    this.pointer.stop();
  }
}

/** The page's `?speed=` (tests play animations fast); 0 when not given. */
export function speedParam(): number {
  return Number(new URLSearchParams(location.search).get("speed") ?? "") || 0;
}
