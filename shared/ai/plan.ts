/**
 * The bot plans in the open: the whole round's plan for a seat, computed from the
 * seat's view alone (what it may show its partner), by running the bot on that view. Moves, holds,
 * revives, reloads and overwatch are applied to the view as they will be; a shot, a called shot,
 * a grenade or a rifle butt rolls dice, so the plan names it with its hit chance and goes on as if
 * it had missed (the AP and the round spent, the board unchanged). What the bot then does follows
 * this plan until the dice or a reveal change the board (planDiverged says when).
 */
import { apply } from "../battle/apply.js";
import { hitChanceBetween } from "../rules/combat.js";
import { viewFor } from "../view/view.js";
import { botCommand } from "./bot.js";
import type { StandingOrder } from "./orders.js";
import type { Action, BattleState, Pos, Seat, Unit } from "../core/types.js";

export interface PlanStep {
  unit: string;
  action: Action;
  /** A move's route (start excluded). */
  path?: Pos[];
  /** A shot's hit chance (percent); a called shot's at the arm. */
  chance?: number;
  /** What the step names: the target creature (a shot), the comrade (a hold on, a revive, a carry). */
  target?: string;
}

export interface BotPlan {
  seat: Seat;
  round: number;
  order: StandingOrder;
  steps: PlanStep[];
}

/** At most this many steps: a squad of four has 2 AP each. */
const MAX_STEPS = 24;

const DICE = new Set<Action["type"]>(["shoot", "calledShot", "grenade", "butt"]);

/** A roll spent as a miss: the AP (and the round, the grenade) gone, nothing else changed. */
function spentAsMiss(s: BattleState, a: Action): BattleState {
  const unitId = (a as { unit: string }).unit;
  const units = s.units.map((u): Unit => {
    if (u.id !== unitId) return u;
    const spent = { ...u, ap: u.ap - 1, overwatch: false };
    if (a.type === "shoot" || a.type === "calledShot") spent.mag = u.mag - 1;
    if (a.type === "grenade") spent.grenades = u.grenades - 1;
    return spent;
  });
  return { ...s, units };
}

function stepOf(s: BattleState, a: Action): PlanStep {
  const unit = (a as { unit: string }).unit;
  const step: PlanStep = { unit, action: a };
  if (a.type === "shoot" || a.type === "calledShot" || a.type === "butt") {
    step.target = a.target;
    const shooter = s.units.find((v) => v.id === unit), target = s.units.find((v) => v.id === a.target);
    if (shooter && target && a.type !== "butt") step.chance = hitChanceBetween(s, shooter, target, a.type === "calledShot" ? "calledShot" : "shot").chance;
  }
  if (a.type === "holdOn" || a.type === "revive" || a.type === "carry") step.target = a.comrade;
  return step;
}

/**
 * The round's plan for `seat` on a state the seat may see all of (its view). Deterministic: the
 * same view and order give the same plan.
 */
export function planOnView(view: BattleState, seat: Seat, order: StandingOrder = "free"): BotPlan {
  const plan: BotPlan = { seat, round: view.round, order, steps: [] };
  let s = view;
  while (plan.steps.length < MAX_STEPS) {
    const cmd = botCommand(s, seat, order);
    if (!cmd || cmd.action.type === "ready") break;
    const a = cmd.action;
    if (DICE.has(a.type)) {
      plan.steps.push(stepOf(s, a));
      s = spentAsMiss(s, a);
      continue;
    }
    const r = apply(s, cmd);
    if (!r.ok) break;
    const step = stepOf(s, a);
    if (a.type === "move") {
      const moved = r.events.find((e) => e.type === "moved" && e.unit === a.unit);
      if (moved && moved.type === "moved") step.path = moved.path;
    }
    plan.steps.push(step);
    s = r.state;
  }
  return plan;
}

/** The round's plan for `seat`, from the full state: planned on the seat's view only, so it tells nothing the seat cannot see. */
export function planRound(full: BattleState, seat: Seat, order: StandingOrder = "free"): BotPlan {
  return planOnView(viewFor(full, seat), seat, order);
}

/** Does the command the bot is about to play differ from the next step of the plan shown? */
export function planDiverged(plan: BotPlan, done: number, action: Action): boolean {
  const next = plan.steps[done];
  return !next || JSON.stringify(next.action) !== JSON.stringify(action);
}
