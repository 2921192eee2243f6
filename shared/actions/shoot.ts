/** Shoot (1 AP, one burst) and the called shot at a grabber's arm (frees the soldier it holds). */
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, draftUnit } from "../core/draft.js";
import { fireShot } from "../rules/shooting.js";
import { distance } from "../core/grid.js";
import { RULES } from "../rules/table.js";
import { lineOfSight } from "../sight/sight.js";
import { type Refusal, armedAgainst, isRefusal, refuse } from "./common.js";

type Shoot = Extract<Action, { type: "shoot" | "calledShot" }>;

export function checkShoot(s: BattleState, seat: Seat, a: Shoot): { shooter: Unit; target: Unit } | Refusal {
  const fight = armedAgainst(s, seat, a.unit, a.target);
  if (isRefusal(fight)) return fight;
  const { u: shooter, target } = fight;
  if (a.type === "calledShot" && !target.grabbing) return refuse("ERR_NOT_GRABBING");
  if (distance(shooter, target) > RULES.rifle.range) return refuse("ERR_OUT_OF_RANGE");
  if (!lineOfSight(s.map, shooter, target)) return refuse("ERR_NO_LINE_OF_SIGHT");
  if (shooter.mag <= 0) return refuse("ERR_EMPTY_MAGAZINE");
  return { shooter, target };
}

export function runShoot(d: Draft, a: Shoot): void {
  const shooter = draftUnit(d, a.unit);
  const target = draftUnit(d, a.target);
  shooter.ap--;
  shooter.overwatch = false;
  fireShot(d, shooter, target, a.type === "calledShot" ? "calledShot" : "shot");
}
