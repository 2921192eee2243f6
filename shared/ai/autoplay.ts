/**
 * Autoplay: the soldier bot driving a seat, one command at a time. The one driver used by the
 * server's bot partner, the offline client and the command-line tools, so they all handle a bot
 * plan the rules refuse the same way: the seat gives up for the round and is marked ready (a bot
 * that kept proposing a refused command would stall the battle).
 */
import { apply } from "../battle/apply.js";
import { botCommand } from "./bot.js";
import type { StandingOrder } from "./orders.js";
import { otherSeat } from "../core/seats.js";
import type { BattleEvent, BattleState, Command, Seat } from "../core/types.js";

export interface AutoStep {
  /** The command as applied (the bot's, or the fallback ready). */
  command: Command;
  state: BattleState;
  events: BattleEvent[];
  /** Set when the bot's own plan was refused and the fallback ready was applied instead. */
  refused?: { command: Command; code: string };
}

export type Planner = (state: BattleState, seat: Seat) => Command | null;

/** The bot's next command for `seat`, applied to `state`; null when the seat has nothing to do.
 *  `plan` is the soldier bot (another planner only in tests). */
export function autoplayStep(state: BattleState, seat: Seat, plan: Planner = botCommand): AutoStep | null {
  const cmd = plan(state, seat);
  if (!cmd) return null;
  const r = apply(state, cmd);
  if (r.ok) return { command: cmd, state: r.state, events: r.events };
  const ready: Command = { seat, action: { type: "ready", ready: true } };
  const rr = apply(state, ready);
  if (!rr.ok) return null;
  return { command: ready, state: rr.state, events: rr.events, refused: { command: cmd, code: r.code } };
}

/**
 * Plays `seats` in turn (one command each per pass) while the battle is in the player phase and
 * some seat still acts, at most `max` commands. The phase ends when every seat is ready, so with
 * both seats this plays to the end of the round (and on: the next round is a player phase again).
 * `untilPhaseEnds` stops at the first command that leaves the player phase of the starting round.
 */
export function autoplay(
  state: BattleState,
  seats: readonly Seat[],
  opts: { max?: number; untilPhaseEnds?: boolean; orders?: Partial<Record<Seat, StandingOrder>> } = {},
): { state: BattleState; steps: AutoStep[] } {
  const max = opts.max ?? 20_000;
  const round = state.round;
  const steps: AutoStep[] = [];
  let s = state;
  let progress = true;
  while (progress && s.phase === "player" && steps.length < max) {
    progress = false;
    for (const seat of seats) {
      if (s.phase !== "player" || steps.length >= max) break;
      if (opts.untilPhaseEnds && s.round !== round) break;
      // the partner seat is a bot too when this driver plays it as well
      const order = opts.orders?.[seat] ?? "free", partnerBot = seats.includes(otherSeat(seat));
      const step = autoplayStep(s, seat, (st, se) => botCommand(st, se, order, partnerBot));
      if (!step) continue;
      steps.push(step);
      s = step.state;
      progress = true;
    }
    if (opts.untilPhaseEnds && s.round !== round) break;
  }
  return { state: s, steps };
}
