/**
 * The bot partner plans in the open: after every change of the battle in a player
 * phase, each seat the bot plays is planned again (shared/ai/plan.ts, from that seat's view) and
 * the plan is sent to the clients of its human partner's seat, only when it changed. With split
 * vision no plan is sent (the bot's seat sees what its partner may not). Standing orders given by
 * the human are kept here per bot-played seat, until changed.
 */
import { otherSeat } from "../shared/core/seats.js";
import { planRound, type BattleState, type BotPlan, type Seat, type StandingOrder } from "../shared/index.js";

export interface PlanMessage extends BotPlan {
  /** The plan shown before differs from this one beyond the step the bot just played: the dice or a reveal changed the board. */
  changed: boolean;
}

export class PartnerPlans {
  readonly orders: Record<Seat, StandingOrder> = { takumi: "free", wang: "free" };
  private shown = new Map<Seat, { key: string; plan: BotPlan }>();
  /** The state and order each seat was last planned for: the same again plans the same (the
   *  planner is deterministic and a state is never changed once made), so it is not planned again. */
  private planned = new Map<Seat, { battle: BattleState; order: StandingOrder }>();

  /**
   * The plan messages due for the bot seats `bots` (to be sent to the other seat's clients), given
   * the step the bot just played for a seat if any.
   */
  update(battle: BattleState, bots: Seat[], played?: { seat: Seat }): { to: Seat; message: PlanMessage }[] {
    const out: { to: Seat; message: PlanMessage }[] = [];
    if (battle.options.splitVision) return out;
    for (const seat of bots) {
      if (battle.phase !== "player") {
        this.shown.delete(seat);
        this.planned.delete(seat);
        continue;
      }
      const last = this.planned.get(seat);
      if (last && last.battle === battle && last.order === this.orders[seat] && this.shown.has(seat)) continue;
      this.planned.set(seat, { battle, order: this.orders[seat] });
      const plan = planRound(battle, seat, this.orders[seat]);
      const key = JSON.stringify(plan);
      const before = this.shown.get(seat);
      if (before?.key === key) continue;
      // after the bot's own step, the rest of the plan shown should be what is left
      const changed = played?.seat === seat && !!before && before.plan.round === plan.round &&
        JSON.stringify(before.plan.steps.slice(1)) !== JSON.stringify(plan.steps);
      this.shown.set(seat, { key, plan });
      out.push({ to: otherSeat(seat), message: { ...plan, changed } });
    }
    return out;
  }

  /** A new standing order for the bot playing `seat`: the next update shows the plan it makes. */
  setOrder(seat: Seat, order: StandingOrder): void {
    this.orders[seat] = order;
  }

  /** The plan last sent for `seat` (a client that joins late gets it). */
  last(seat: Seat): BotPlan | null {
    return this.shown.get(seat)?.plan ?? null;
  }
}
