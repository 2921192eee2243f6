/**
 * The battle controller, headless (no DOM, no Pixi), in the manner of chessground's state: what is
 * selected, the mode, the target, the cursor, the route's waypoints and the threat in focus; the
 * commands a click or a key makes; and the preview of all that, computed with the engine. The
 * screen (battle/screen.ts) feeds it states and input, sends what it returns, and draws its preview.
 */
import { apply, exposedSoldiers, previewAction, type Action, type ActionPreview, type AskFirst, type BattleState, type Pos, type Seat, type WireState } from "./engine";
import { blast, comradesFor, focusAt, focusedIntents, isComradeAct, reach, route, targetsFor, type ComradeAct, type Focus, type Mode, type Reach, type TargetChance } from "./previews";
import { RULES } from "./engine";
import { unitName } from "./words";
import { whyNoComrade, whyNoTarget, whyNot } from "./why";
import type { RoutePreview } from "../../shared/movement/routePreview.js";

export type { Mode, Focus, ComradeAct };

/** The tag a comrade gets while the soldier is choosing him, and the words when none is offered. */
export const COMRADE_TAG: Record<ComradeAct, string> = { holdOn: "HOLD ON", revive: "REVIVE", carry: "CARRY" };
const NOT_OFFERED: Record<ComradeAct, (who: string) => string> = {
  holdOn: (who) => `${who} has no grabbed comrade beside him to hold on to (it takes all his AP, and he must not be held himself).`,
  revive: (who) => `${who} has no comrade who is down beside him, or fewer than ${RULES.down.reviveAp} AP to revive one.`,
  carry: (who) => `${who} has no comrade who is down (and not held by a creature) beside him, or already carries one (${RULES.carry.ap} AP).`,
};

export interface Context {
  wire: WireState;
  /** The squad's view as a BattleState (for the engine's previews); null if it could not be made. */
  view: BattleState | null;
  /** Legal actions of the seats this page commands. */
  legal: Action[];
  /** Soldiers this page commands, in Tab order. */
  mine: string[];
  seat: Seat | "spectator";
  /** The level shown. */
  level: number;
}

export interface Preview {
  reach: Reach;
  route: RoutePreview | null;
  /** Burning tiles the route enters, with the engine's burn for each. */
  routeFire: { pos: Pos; damage: number }[];
  targets: TargetChance[];
  throwable: Pos[];
  blast: Pos[];
  /** Intents lit by the focus; the others are dimmed when this is not empty. */
  focus: string[];
  exposed: string[];
  /** The engine's preview of what a click (or Enter) would commit now: every consequence at once. */
  action: ActionPreview | null;
}

/** A choice that loses soldiers or hurts, waiting for its second click or key. */
export interface Asking extends AskFirst {
  /** What is sent on confirmation. */
  send: Action[];
  key: string;
}

/** What an input asks the screen to do. */
export type Outcome =
  | { send: Action[] }
  | { error: { code: string; message: string } }
  | { ask: Asking }
  | null;

/** The modes in which a chosen creature is fired at (shoot, called shot, rifle butt). */
export const aims = (m: Mode): boolean => m === "shoot" || m === "calledShot" || m === "butt";
const same = (a: Pos | null, b: Pos | null) => !!a && !!b && a.x === b.x && a.y === b.y && a.level === b.level;
const NO_SELECTION = { code: "NO_SELECTION", message: "Select one of your soldiers first (Tab, or click him)." };

export class BattleController {
  selected: string | null = null;
  mode: Mode = "move";
  target: string | null = null;
  cursor: Pos | null = null;
  waypoints: Pos[] = [];
  /** A threat chosen in the side list (kept while the pointer is off the board). */
  pinned: Focus | null = null;
  /** An action button under the pointer (withdraw, ready, reload...): its preview shows beside the soldier. */
  hoveredAct: string | null = null;
  /** A costly choice asked once: the same click or Enter again sends it, anything else lets it go. */
  asking: Asking | null = null;
  private ctx: Context | null = null;
  private round = -1;
  private memo: { key: string; preview: Preview } | null = null;

  get context(): Context | null {
    return this.ctx;
  }

  /** A new state: a new round (or a phase other than the player's) clears the cursor, route and target. */
  setContext(ctx: Context): void {
    const newRound = ctx.wire.round !== this.round || ctx.wire.phase !== "player";
    if (this.ctx && ctx.wire.step !== this.ctx.wire.step) this.asking = null;
    this.ctx = ctx;
    this.round = ctx.wire.round;
    if (newRound) {
      this.cursor = null;
      this.waypoints = [];
      this.target = null;
      this.pinned = null;
      this.mode = "move";
    }
    if (this.selected) {
      const u = ctx.wire.units[this.selected];
      if (!u || u.fate !== "active") this.selected = null;
    }
    if (this.target && !ctx.wire.units[this.target]) this.target = null;
    if (!this.selected && ctx.seat !== "spectator" && ctx.wire.phase === "player" && ctx.mine.length) this.select(ctx.mine[0]);
    this.memo = null;
  }

  private mineSelected(): boolean {
    return !!this.selected && !!this.ctx && this.ctx.mine.includes(this.selected);
  }

  seatOf(unit: string): Seat {
    const s = this.ctx?.wire.units[unit]?.seat;
    return (s === "takumi" || s === "wang" ? s : this.ctx?.seat === "wang" ? "wang" : "takumi") as Seat;
  }

  select(id: string | null): void {
    if (id === this.selected) return;
    this.asking = null;
    this.selected = id;
    this.target = null;
    this.mode = "move";
    this.waypoints = [];
    this.memo = null;
  }

  /**
   * M, S, C, G, B: the mode; the same key again goes back to move. No target is chosen for the
   * player: he picks one (click, T, the arrows), so the first click on a creature aims, never fires.
   */
  setMode(mode: Mode): Outcome {
    if (!this.selected) return { error: NO_SELECTION };
    this.asking = null;
    this.mode = this.mode === mode && mode !== "move" ? "move" : mode;
    this.target = null;
    this.waypoints = [];
    this.memo = null;
    // a mode that aims with nothing to aim at: the engine's reason at once, not a silent empty mode
    if (aims(this.mode) && this.mineSelected() && !this.targets().length) return { error: this.whyNoTarget() };
    return null;
  }

  /** The engine's reason the selected soldier has no target in this mode. */
  whyNoTarget(): { code: string; message: string } {
    const ctx = this.ctx;
    if (!ctx?.view || !this.selected) return NO_SELECTION;
    const type = this.mode === "calledShot" ? "calledShot" : this.mode === "butt" ? "butt" : "shoot";
    return whyNoTarget(ctx.view, ctx.wire, this.seatOf(this.selected), this.selected, type);
  }

  hover(tile: Pos | null): void {
    if (same(tile, this.cursor) || (!tile && !this.cursor)) return;
    this.cursor = tile;
    this.memo = null;
  }

  /** Lights a creature's intent from the side list (null: back to the pointer). */
  pin(id: string | null): void {
    this.pinned = id ? { kind: "intent", id } : null;
    this.memo = null;
  }

  /** Esc: one thing at a time, the most recent first. Returns false when there was nothing to clear. */
  escape(): boolean {
    this.memo = null;
    if (this.asking) this.asking = null;
    else if (this.waypoints.length) this.waypoints.pop();
    else if (this.target) this.target = null;
    else if (this.mode !== "move") this.mode = "move";
    else if (this.pinned) this.pinned = null;
    else if (this.selected) this.selected = null;
    else if (this.cursor) this.cursor = null;
    else return false;
    return true;
  }

  unitAt(tile: Pos): WireStateUnit | undefined {
    const w = this.ctx?.wire;
    if (!w) return undefined;
    return Object.values(w.units).find((u) => u.fate === "active" && u.x === tile.x && u.y === tile.y && u.level === tile.level);
  }

  /** A click (or Enter) on a tile; `waypoint` (Shift+click) adds a waypoint to the route instead of moving. */
  activate(tile: Pos, opts: { waypoint?: boolean } = {}): Outcome {
    const ctx = this.ctx;
    if (!ctx) return null;
    this.memo = null;
    this.cursor = tile;
    const u = this.unitAt(tile);
    const mine = (id: string) => ctx.mine.includes(id);
    if (isComradeAct(this.mode) && this.selected && mine(this.selected)) {
      // choosing the comrade: a comrade the engine offers, else the refusal in words
      const act = this.mode;
      if (u && comradesFor(ctx.legal, this.selected, act).includes(u.id)) {
        this.mode = "move";
        return { send: [{ type: act, unit: this.selected, comrade: u.id }] };
      }
      if (u && mine(u.id) && u.id !== this.selected) {
        this.select(u.id);
        return null;
      }
      return { error: { code: "NOT_OFFERED", message: `Click a comrade marked ${COMRADE_TAG[act]}. ${NOT_OFFERED[act](unitName(ctx.wire, this.selected))}` } };
    }
    if (u && mine(u.id) && this.mode !== "grenade") {
      this.select(u.id);
      return null;
    }
    if (!this.selected || !mine(this.selected)) {
      if (u) this.select(u.id);
      return null;
    }
    const unit = this.selected;
    if (this.mode === "grenade") {
      const out = this.commit([{ type: "grenade", unit, to: tile }]);
      if ("send" in (out ?? {})) this.mode = "move";
      return out;
    }
    if (u && u.side === "creature") {
      if (this.target === u.id) return this.fire();
      this.target = u.id;
      if (this.mode === "move") this.mode = "shoot";
      return null;
    }
    if (u) {
      this.select(u.id);
      return null;
    }
    if (opts.waypoint) {
      const i = this.waypoints.findIndex((w) => same(w, tile));
      if (i >= 0) this.waypoints.splice(i, 1);
      else this.waypoints.push(tile);
      return null;
    }
    const legs = [...this.waypoints, tile];
    const out = this.commit(legs.map((to) => ({ type: "move", unit, to }) as Action));
    if (out && "send" in out) this.waypoints = [];
    return out;
  }

  /**
   * Sends `actions`, unless the engine says the choice costs soldiers or hit points (askFirst): then
   * it is asked, naming the cost, and the same choice again (a second click, Enter) sends it.
   */
  commit(actions: Action[]): Outcome {
    const key = JSON.stringify(actions);
    if (this.asking?.key === key) {
      this.asking = null;
      return { send: actions };
    }
    this.asking = null;
    const ask = this.askOf(actions);
    if (!ask) return { send: actions };
    this.asking = { ...ask, send: actions, key };
    return { ask: this.asking };
  }

  /** The costs of a run of actions, each previewed by the engine on the view the ones before leave. */
  askOf(actions: Action[]): AskFirst | null {
    const ctx = this.ctx;
    if (!ctx?.view) return null;
    let view: BattleState = ctx.view;
    const costs: string[] = [];
    for (const a of actions) {
      const seat = "unit" in a ? this.seatOf(a.unit) : this.seatOf(this.selected ?? "");
      let p: ActionPreview;
      try {
        p = previewAction(view, seat, a);
      } catch {
        break;
      }
      if (p.ask) costs.push(...p.ask.costs);
      if (!p.ok) break;
      const r = apply(view, { seat, action: a });
      if (!r.ok) break;
      view = r.state;
    }
    const lines = [...new Set(costs)];
    return lines.length ? { cost: lines.join(" "), costs: lines } : null;
  }

  /**
   * Hold on, revive or carry: sent at once when the engine offers one comrade; with several, the
   * mode waits for a click on one of them; with none, the refusal in words (nothing is sent).
   */
  comradeAction(act: ComradeAct): Outcome {
    const ctx = this.ctx;
    if (!ctx || !this.selected || !this.mineSelected()) return { error: NO_SELECTION };
    this.memo = null;
    this.target = null;
    this.waypoints = [];
    const comrades = comradesFor(ctx.legal, this.selected, act);
    if (!comrades.length) {
      this.mode = "move";
      const none = NOT_OFFERED[act](unitName(ctx.wire, this.selected));
      if (!ctx.view) return { error: { code: "NOT_OFFERED", message: none } };
      const why = whyNoComrade(ctx.view, ctx.wire, this.seatOf(this.selected), this.selected, act, none);
      return { error: { code: why.code, message: why.message } };
    }
    if (comrades.length === 1) {
      this.mode = "move";
      return { send: [{ type: act, unit: this.selected, comrade: comrades[0] }] };
    }
    this.mode = this.mode === act ? "move" : act;
    return null;
  }

  /** Drop: set the carried comrade down (free), when the engine offers it. */
  drop(): Outcome {
    const ctx = this.ctx;
    if (!ctx || !this.selected || !this.mineSelected()) return { error: NO_SELECTION };
    const u = ctx.wire.units[this.selected];
    if (ctx.legal.some((a) => a.type === "drop" && a.unit === this.selected)) return { send: [{ type: "drop", unit: this.selected }] };
    const who = unitName(ctx.wire, this.selected);
    if (!u?.carrying) return { error: { code: "NOT_OFFERED", message: `${who} carries no one.` } };
    const why = ctx.view && whyNot(ctx.view, this.seatOf(this.selected), { type: "drop", unit: this.selected });
    return { error: why ?? { code: "NOT_OFFERED", message: `${who} has no free tile beside him to set ${unitName(ctx.wire, u.carrying)} down on.` } };
  }

  /** Withdraw: leave the board from a way out, when the engine offers it. */
  withdraw(): Outcome {
    const ctx = this.ctx;
    if (!ctx || !this.selected || !this.mineSelected()) return { error: NO_SELECTION };
    if (ctx.legal.some((a) => a.type === "withdraw" && a.unit === this.selected)) return this.commit([{ type: "withdraw", unit: this.selected }]);
    const why = ctx.view && whyNot(ctx.view, this.seatOf(this.selected), { type: "withdraw", unit: this.selected });
    if (why) return { error: why };
    const who = unitName(ctx.wire, this.selected);
    return { error: { code: "NOT_OFFERED", message: `${who} must stand on a way out (an extraction point or an exit), with an action point left and no creature holding him, to withdraw.` } };
  }

  /** The engine's refusal of an action this page means to send (named for its soldier), or null. */
  refusal(action: Action): { code: string; message: string } | null {
    const ctx = this.ctx;
    if (!ctx?.view) return null;
    const seat = "unit" in action ? this.seatOf(action.unit) : ctx.seat === "wang" ? "wang" : "takumi";
    return whyNot(ctx.view, seat, action);
  }

  /** Fire at the target in the current mode. */
  fire(): Outcome {
    if (!this.selected || !this.target) return null;
    const unit = this.selected;
    const target = this.target;
    const type = this.mode === "calledShot" ? "calledShot" : this.mode === "butt" ? "butt" : "shoot";
    this.memo = null;
    const out = this.commit([{ type, unit, target }]);
    if (out && "send" in out) {
      this.target = null;
      this.mode = "move";
    }
    return out;
  }

  /** Enter / Space: fires only at a target the player chose in a mode that aims; else as a click on the cursor. */
  confirm(): Outcome {
    if (this.asking) return this.commit(this.asking.send);
    if (this.target && aims(this.mode)) return this.fire();
    return this.cursor ? this.activate(this.cursor) : null;
  }

  cycleUnit(dir: 1 | -1): void {
    const mine = this.ctx?.mine ?? [];
    if (!mine.length) return;
    const i = mine.indexOf(this.selected ?? "");
    this.select(mine[(i + dir + mine.length) % mine.length]);
    const u = this.ctx!.wire.units[this.selected!];
    if (u) this.cursor = { x: u.x, y: u.y, level: u.level };
  }

  cycleTarget(dir: 1 | -1): Outcome {
    if (!this.selected) return { error: NO_SELECTION };
    if (this.mode === "move" || this.mode === "grenade") this.mode = "shoot";
    const ts = this.targets();
    if (!ts.length) return { error: this.whyNoTarget() };
    const i = ts.findIndex((t) => t.unit === this.target);
    this.target = ts[(i + dir + ts.length) % ts.length].unit;
    const u = this.ctx!.wire.units[this.target];
    if (u) this.cursor = { x: u.x, y: u.y, level: u.level };
    this.memo = null;
    return null;
  }

  moveCursor(dx: number, dy: number, width: number, height: number, level: number): void {
    // the arrows start from the selected soldier when no cursor is on the board
    const sel = this.selected ? this.ctx?.wire.units[this.selected] : undefined;
    const c = this.cursor ?? (sel ? { x: sel.x, y: sel.y, level: sel.level } : { x: Math.floor(width / 2), y: Math.floor(height / 2), level });
    this.cursor = { x: Math.max(0, Math.min(width - 1, c.x + dx)), y: Math.max(0, Math.min(height - 1, c.y + dy)), level: c.level };
    // in a mode that aims, the cursor on a creature in range chooses it; in move mode it only points
    const u = this.unitAt(this.cursor);
    if (aims(this.mode)) this.target = u && u.side === "creature" && this.targets().some((t) => t.unit === u.id) ? u.id : null;
    this.memo = null;
  }

  targets(mode: Mode = this.mode): TargetChance[] {
    const ctx = this.ctx;
    if (!ctx?.view || !this.selected || !this.mineSelected()) return [];
    return targetsFor(ctx.view, ctx.legal, this.selected, mode);
  }

  /** The focus: a threat pinned in the side list, else what the pointer is over. */
  focus(): Focus | null {
    if (this.pinned) return this.pinned;
    const view = this.ctx?.view;
    return view && this.cursor ? focusAt(view, this.cursor) : null;
  }

  /** The one action a click would commit now (a chosen target, a route of one leg, a throw), previewed by the engine. */
  private actionPreview(view: BattleState, seat: Seat, p: Preview): ActionPreview | null {
    const unit = this.selected!;
    let a: Action | null = this.buttonAction(unit);
    if (a) {
      // a button's own action: the engine's whole preview (or why it is refused)
    } else if (this.target && aims(this.mode)) a = { type: this.mode === "calledShot" ? "calledShot" : this.mode === "butt" ? "butt" : "shoot", unit, target: this.target } as Action;
    else if (this.mode === "move" && p.route?.ok && !this.waypoints.length && this.cursor) a = { type: "move", unit, to: this.cursor };
    else if (this.mode === "grenade" && p.blast.length && this.cursor) a = { type: "grenade", unit, to: this.cursor };
    if (!a) return null;
    try {
      return previewAction(view, seat, a);
    } catch {
      return null;
    }
  }

  /** The action a hovered button would send for `unit` (one with no choice left to make). */
  private buttonAction(unit: string): Action | null {
    const ctx = this.ctx;
    switch (this.hoveredAct) {
      case "ready": return { type: "ready", ready: true };
      case "withdraw": case "reload": case "overwatch": case "drop": return { type: this.hoveredAct, unit } as Action;
      case "holdOn": case "revive": case "carry": {
        const cs = ctx ? comradesFor(ctx.legal, unit, this.hoveredAct) : [];
        return cs.length === 1 ? ({ type: this.hoveredAct, unit, comrade: cs[0] } as Action) : null;
      }
      default: return null;
    }
  }

  /** The pointer is over an action button (null: off it). */
  hoverButton(act: string | null): void {
    if (act === this.hoveredAct) return;
    this.hoveredAct = act;
    this.memo = null;
  }

  /** Everything the board draws for the selection, remembered until something changes. */
  preview(): Preview {
    const ctx = this.ctx;
    const key = JSON.stringify([ctx?.wire.step, ctx?.wire.round, ctx?.level, this.selected, this.mode, this.target, this.cursor, this.waypoints, this.pinned, this.asking?.key, this.hoveredAct]);
    if (this.memo && this.memo.key === key) return this.memo.preview;
    const p: Preview = { reach: { tiles: [], edges: [] }, route: null, routeFire: [], targets: [], throwable: [], blast: [], focus: [], exposed: [], action: null };
    const view = ctx?.view;
    if (ctx && view && ctx.wire.phase === "player") {
      try {
        p.exposed = (exposedSoldiers(view) as string[]) ?? [];
      } catch {
        p.exposed = [];
      }
      p.focus = focusedIntents(view, this.focus());
      if (this.selected && this.mineSelected()) {
        const seat = this.seatOf(this.selected);
        if (this.mode === "move") {
          p.reach = reach(view, this.selected, ctx.level);
          const c = this.cursor;
          const onUnit = c ? this.unitAt(c) : undefined;
          if (c && !onUnit && (this.waypoints.length || p.reach.tiles.some((t) => same(t, c)))) {
            p.route = route(view, seat, this.selected, c, this.waypoints);
            // the engine's route preview reads the burns off the walk itself
            if (p.route?.ok) p.routeFire = p.route.fire;
          }
          p.targets = this.targets("shoot");
        } else if (this.mode === "grenade") {
          p.throwable = ctx.legal.filter((a) => a.type === "grenade" && a.unit === this.selected).map((a) => (a as { to: Pos }).to);
          if (this.cursor && p.throwable.some((t) => same(t, this.cursor))) p.blast = blast(view, seat, this.selected, this.cursor);
        } else if (isComradeAct(this.mode)) {
          const act = this.mode;
          p.targets = comradesFor(ctx.legal, this.selected, act).map((unit) => ({ unit, chance: 100, label: COMRADE_TAG[act] }));
        } else p.targets = this.targets();
        p.action = this.actionPreview(view, seat, p);
      }
    }
    this.memo = { key, preview: p };
    return p;
  }
}

type WireStateUnit = WireState["units"][string];
