/**
 * The bot plans in the open: the whole round's plan for a seat, computed from the
 * seat's view alone (what it may show its partner), by running the bot on that view. Moves, holds,
 * revives, reloads and overwatch are applied to the view as they will be; a shot, a called shot,
 * a grenade or a rifle butt rolls dice, so the plan names it with its hit chance and goes on as if
 * it had missed (the AP and the round spent, the board unchanged). What the bot then does follows
 * this plan until the dice or a reveal change the board (planDiverged says when). A soldier of the
 * seat with no step gets a line of facts instead (`idle`): what keeps him (a grip, no rounds, a
 * comrade's hold, down, no AP), as the plan leaves the board; the client says it in words.
 */
import { apply } from "../battle/apply.js";
import { hitChanceBetween } from "../rules/combat.js";
import { viewFor } from "../view/view.js";
import { botCommand } from "./bot.js";
import type { StandingOrder } from "./orders.js";
import type { Action, BattleState, Pos, Seat, Unit } from "../core/types.js";
import { distance } from "../core/grid.js";

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

/**
 * Why a soldier of the seat has no step this round, the first that applies: down; grabbed and
 * held on to by a comrade (`held`), or his grabber shot at by a comrade's step (`covered`), or with
 * no AP left, no rifle, no rounds (none in the magazine, no spare), or rounds he does not fire
 * (`grabbed`); on overwatch; no AP left; AP left and nothing to do (`stays`).
 */
export const IDLE_WHYS = ["down", "held", "covered", "grabbedNoAp", "grabbedUnarmed", "grabbedDry", "grabbed", "overwatch", "stays"] as const;
export type IdleWhy = (typeof IDLE_WHYS)[number];

/** A soldier of the seat with no step this round, and the facts of why (the words are the client's). */
export interface PlanIdle {
  unit: string;
  why: IdleWhy;
  /** The creature that holds him, when the seat sees it (one out of sight is not named). */
  grabber?: string;
  /** The comrade who holds on to him or shoots his grabber (held, covered), or who stands beside
   *  him able to hold on (the other grabbed reasons; of either seat). */
  comrade?: string;
  /** Grabbed with his rifle: rounds in his magazine and spare magazines. */
  mag?: number;
  spareMags?: number;
  /** Grabbed: the rounds before the drag takes him (the grabber's drag intent as the seat is shown it). */
  drag?: number;
  /** Down: the rounds left before he dies. */
  down?: number;
}

export interface BotPlan {
  seat: Seat;
  round: number;
  order: StandingOrder;
  steps: PlanStep[];
  /** The seat's soldiers on the board with no step this round, in the state's order. */
  idle: PlanIdle[];
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
  const plan: BotPlan = { seat, round: view.round, order, steps: [], idle: [] };
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
  plan.idle = idleOf(s, seat, plan.steps);
  return plan;
}

/** Can `c` hold on to the grabbed `u` now: a comrade on his feet beside him, free, with AP, his seat not ready? */
function canHoldNow(s: BattleState, c: Unit, u: Unit): boolean {
  return c !== u && c.side === "squad" && c.fate === "active" && c.down === 0 && !c.grabbedBy && !c.carrying && c.ap > 0 &&
    !!c.seat && !s.ready[c.seat] && distance(c, u) === 1;
}

/**
 * The seat's soldiers with no step, and why: facts read off `s`, the seat's view as the plan leaves
 * it (its moves and holds made, its rolls spent as misses), and the plan's own steps. Not the bot's
 * reasoning again: what a player would check on the board.
 */
function idleOf(s: BattleState, seat: Seat, steps: PlanStep[]): PlanIdle[] {
  const busy = new Set(steps.map((st) => st.unit));
  const out: PlanIdle[] = [];
  for (const u of s.units) {
    if (u.seat !== seat || u.side !== "squad" || u.fate !== "active" || busy.has(u.id)) continue;
    const idle: PlanIdle = { unit: u.id, why: "stays" };
    if (u.down > 0) {
      idle.why = "down";
      idle.down = u.down;
    } else if (u.grabbedBy) {
      const grabberId = u.grabbedBy;
      const g = s.units.find((c) => c.id === grabberId && c.fate === "active");
      if (g) idle.grabber = g.id;
      const drag = s.intents.find((i) => i.unit === grabberId && i.kind === "drag");
      if (drag) idle.drag = drag.countdown;
      if (u.hasWeapon) {
        idle.mag = u.mag;
        idle.spareMags = u.spareMags;
      }
      const shooter = steps.find((st) => (st.action.type === "shoot" || st.action.type === "calledShot" || st.action.type === "butt") && st.action.target === grabberId);
      const beside = s.units.find((c) => canHoldNow(s, c, u));
      if (u.heldBy) {
        idle.why = "held";
        idle.comrade = u.heldBy;
      } else if (shooter) {
        idle.why = "covered";
        idle.comrade = shooter.unit;
      } else {
        idle.why = u.ap <= 0 ? "grabbedNoAp" : !u.hasWeapon ? "grabbedUnarmed" : u.mag + u.spareMags <= 0 ? "grabbedDry" : "grabbed";
        if (beside) idle.comrade = beside.id;
      }
    } else if (u.overwatch) idle.why = "overwatch";
    // a man on his feet and free who has spent his AP has done his part: nothing to explain
    else if (u.ap <= 0) continue;
    out.push(idle);
  }
  return out;
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
