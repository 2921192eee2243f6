/** The one-line actions: reload and overwatch. */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { type Refusal, isRefusal, needsAp, ownSoldier, refuse } from "./common.js";

type Reload = Extract<Action, { type: "reload" }>;
type Overwatch = Extract<Action, { type: "overwatch" }>;

export function checkReload(s: BattleState, seat: Seat, a: Reload): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (!u.hasWeapon) return refuse("ERR_NO_WEAPON");
  if (u.mag >= RULES.rifle.magazine) return refuse("ERR_MAGAZINE_FULL");
  if (u.spareMags <= 0) return refuse("ERR_NO_AMMO");
  return u;
}

export function runReload(d: Draft, a: Reload): void {
  const u = draftUnit(d, a.unit);
  u.ap--;
  u.spareMags--;
  u.mag = RULES.rifle.magazine;
  u.overwatch = false;
  emit(d, { type: "reloaded", unit: u.id });
}

export function checkOverwatch(s: BattleState, seat: Seat, a: Overwatch): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  if (!u.hasWeapon) return refuse("ERR_NO_WEAPON");
  if (u.overwatch) return refuse("ERR_ALREADY_ON_OVERWATCH");
  if (u.mag <= 0) return refuse("ERR_EMPTY_MAGAZINE");
  return u;
}

/** Overwatch spends all remaining AP. */
export function runOverwatch(d: Draft, a: Overwatch): void {
  const u = draftUnit(d, a.unit);
  u.ap = 0;
  u.overwatch = true;
  emit(d, { type: "overwatch", unit: u.id });
}
