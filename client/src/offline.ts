/**
 * The offline harness: a battle made in this page with the engine (`?offline=1`). The viewer takes
 * one seat and the engine's soldier bot plays the other, so the board, previews and animation can be
 * worked on (and benchmarked) without a server. It speaks the same wire form as the server.
 */
import * as engine from "./engine";
import type { Action, BattleEvent, BattleState, MapDef, Pos, Seat, StandingOrder, WireState } from "./engine";
import { afterPaint } from "./dom";
import { emptyInfo, type Backend, type BackendHandlers, type RoomInfo, type ViewerSeat } from "./backend";

export class OfflineBackend implements Backend {
  readonly kind = "offline" as const;
  wire: WireState | null = null;
  info: RoomInfo = emptyInfo();
  private state: BattleState;
  private h: BackendHandlers | null = null;
  readonly log: { seat: Seat; action: Action }[] = [];
  /** Called with each command's (or round's) events once the new state is published (the drill checks its steps here). */
  afterEvents: ((events: BattleEvent[]) => void) | null = null;
  /** The standing order given to the bot (the partner seat), and the plan last shown for it. */
  private order: StandingOrder = "free";
  /** Every order given, with the log's length then (the record keeps them: the replay shows them). */
  private orders: { step: number; seat: Seat; order: StandingOrder }[] = [];
  private planKey = "";

  constructor(
    readonly map: MapDef,
    readonly seat: ViewerSeat,
    seed: number,
    difficulty: string,
    /** `partnerIdle`: the other seat only marks ready (the drill), instead of the soldier bot playing it. */
    private opts: { partnerIdle?: boolean } = {},
  ) {
    this.state = (engine.createBattle as (m: MapDef, s: number, o?: unknown) => BattleState)(map, seed, { difficulty });
    this.info.code = "OFFLINE";
    this.info.holders = seat === "wang" ? { takumi: "bot", wang: "player" } : { takumi: "player", wang: "bot" };
  }

  get battle(): BattleState {
    return this.state;
  }

  setHandlers(h: BackendHandlers): void {
    this.h = h;
    queueMicrotask(() => {
      this.h?.connection("connected");
      // the board's first frame first; the bot partner's plan (a search) fills its panel after
      this.publish(false);
      afterPaint(() => this.showPlan());
    });
  }

  private viewer(): ViewerSeat {
    return this.seat;
  }

  private publish(plan = true): void {
    const view = engine.viewFor(this.state, this.viewer() as never);
    this.wire = engine.toWire(view as never) as WireState;
    this.h?.state(this.wire, this.info);
    if (plan) this.showPlan();
  }

  /** The bot partner's plan, as the server sends it (server/partner-plan.ts), when it changed. */
  private showPlan(): void {
    const me = this.mySeat();
    if (!me || this.state.phase !== "player") return;
    const plan = engine.planRound(this.state, engine.otherSeat(me), this.order);
    const key = JSON.stringify(plan);
    if (key === this.planKey) return;
    this.planKey = key;
    this.h?.plan?.({ ...plan, changed: false });
  }

  sendOrder(order: StandingOrder): void {
    const me = this.mySeat();
    if (!me) return;
    this.order = order;
    this.orders.push({ step: this.log.length, seat: engine.otherSeat(me), order });
    this.h?.order?.({ seat: engine.otherSeat(me), order, by: me });
    this.showPlan();
  }

  private run(seat: Seat, action: Action): BattleEvent[] | null {
    const r = engine.apply(this.state, { seat, action });
    if (!r.ok) {
      this.h?.error(r.code, r.message);
      return null;
    }
    const before = this.state;
    this.state = r.state;
    this.log.push({ seat, action });
    // what this page's seat may see of it, as the server would send (a death out of sight is heard)
    return engine.eventsFor(before, r.state, r.events, this.viewer() as never);
  }

  private emit(events: BattleEvent[]): void {
    if (events.length) this.h?.events(this.state.round, events);
    this.publish();
    this.afterEvents?.(events);
  }

  private mySeat(): Seat | null {
    return this.seat === "spectator" ? null : this.seat;
  }

  sendAction(action: Action, _seat?: Seat): void {
    const seat = this.mySeat();
    if (!seat) return this.h?.error("ERR_SPECTATOR", "Spectators watch; they do not act.");
    if (action.type === "ready") return this.sendReady(action.ready);
    const ev = this.run(seat, action);
    if (ev) this.emit(ev);
  }

  /** Autoplay: the bot plays this viewer's seat too (for the report and the benchmark). */
  autoRound(): void {
    const seat = this.mySeat();
    if (!seat || this.state.phase !== "player") return;
    const events = this.botTurn(seat);
    events.push(...this.botTurn(engine.otherSeat(seat)));
    this.emit(events);
  }

  /** The bot plays a seat's phase to its ready (the engine's autoplay driver, as on the server). */
  private botTurn(other: Seat = engine.otherSeat(this.mySeat()!)): BattleEvent[] {
    const out: BattleEvent[] = [];
    const round = this.state.round;
    if (this.opts.partnerIdle) {
      const r = this.state.phase === "player" && !this.state.ready[other] ? engine.apply(this.state, { seat: other, action: { type: "ready", ready: true } }) : null;
      if (r?.ok) {
        const before = this.state;
        this.state = r.state;
        this.log.push({ seat: other, action: { type: "ready", ready: true } });
        out.push(...engine.eventsFor(before, r.state, r.events, this.viewer() as never));
      }
      return out;
    }
    for (let guard = 0; guard < 200; guard++) {
      if (this.state.phase !== "player" || this.state.round !== round || this.state.ready[other]) break;
      const order = this.mySeat() && other === engine.otherSeat(this.mySeat()!) ? this.order : "free";
      const step = engine.autoplayStep(this.state, other, (s, seat) => engine.botCommand(s, seat, order));
      if (!step) break;
      const before = this.state;
      this.state = step.state;
      this.log.push({ seat: other, action: step.command.action });
      out.push(...engine.eventsFor(before, step.state, step.events, this.viewer() as never));
    }
    return out;
  }

  sendReady(ready: boolean, forSeat?: Seat): void {
    const seat = this.mySeat();
    if (!seat || (forSeat && forSeat !== seat)) return;
    const mine = this.run(seat, { type: "ready", ready });
    if (!mine) return;
    const all = [...mine];
    if (ready) all.push(...this.botTurn());
    this.emit(all);
  }

  sendUndo(): void {
    const seat = this.mySeat();
    if (!seat) return;
    const ev = this.run(seat, { type: "undo" });
    if (ev) this.emit(ev);
  }

  sendPing(p: { x: number; y: number; level: number; kind: "danger" | "move" | "target" }): void {
    this.h?.ping({ ...p, seat: this.seat, at: performance.now() });
  }

  /** The partner's ping (the drill's instructor, Wang, points at what a step is about). */
  partnerPing(p: { x: number; y: number; level: number; kind: "danger" | "move" | "target" }): void {
    if (this.seat === "spectator") return;
    this.h?.ping({ ...p, seat: engine.otherSeat(this.seat), at: performance.now() });
  }

  /** Offline there is nobody to tell: the phrase is shown and logged as online. */
  sendPhrase(key: engine.PhraseKey): void {
    if (this.seat !== "spectator") this.h?.phrase?.(this.seat, key);
  }

  sendSelect(_unit: string | null): void {}
  sendPointer(_p: Pos | null): void {}
  leave(): void {}

  /** The drill sets a step's scene: the engine's staged state replaces the battle's, and is shown. */
  restage(next: BattleState): void {
    this.state = next;
    this.publish();
  }

  /** Test hook: edit the battle in place, as the engine's own tests set up a position, and show it. */
  editForTest(edit: (s: BattleState) => void): void {
    edit(this.state);
    this.publish();
  }

  /** The match record of this offline battle (for the replay viewer). */
  record(): unknown {
    return {
      rulesVersion: this.state.rulesVersion,
      map: { id: this.map.id, hash: this.map.contentHash },
      seed: this.state.seed,
      options: this.state.options,
      log: this.log,
      ...(this.orders.length ? { orders: this.orders } : {}),
    };
  }
}
