/**
 * Why an action is not offered, in the engine's words: the client asks the engine's `whyNot` of
 * the action the player meant, on the squad's view, and says what it answers. No rule is decided
 * here. For an action aimed at someone (a shot, a comrade to hold on to) with no one offered, the
 * engine is asked of each candidate: a cause of the soldier's own (no AP, an empty magazine) is said
 * once; causes that differ are said per candidate.
 */
import * as engine from "./engine";
import type { Action, BattleState, Seat, WireState } from "./engine";
import { unitName } from "./words";

export interface Why {
  code: string;
  message: string;
  /** The cause is the soldier's own (no AP, an empty magazine...), whatever he aims at. */
  own?: boolean;
}

/** Refusals about the soldier himself, not the one he aims at: said alone when all candidates share one. */
const OWN = new Set(["ERR_WRONG_PHASE", "ERR_SEAT_READY", "ERR_UNIT_GONE", "ERR_NOT_YOUR_UNIT", "ERR_NO_AP", "ERR_GRABBED", "ERR_EMPTY_MAGAZINE", "ERR_NO_WEAPON", "ERR_NO_GRENADES", "ERR_ALREADY_CARRYING", "ERR_NO_AMMO", "ERR_MAGAZINE_FULL", "ERR_ALREADY_ON_OVERWATCH"]);

/** The engine's refusal of one action with its cause named, or null if it would be accepted. */
export function whyNot(view: BattleState, seat: Seat, action: Action): Why | null {
  try {
    const r = engine.whyNot(view, seat, action);
    return r ? { code: r.code, message: r.message, own: OWN.has(r.code) } : null;
  } catch {
    return null;
  }
}

/**
 * Why `unit` can do `make(candidate)` to none of `candidates`: the one cause all share, or each
 * candidate with its own; `none` when there is no candidate at all.
 */
export function whyNone(view: BattleState, w: WireState, seat: Seat, unit: string, candidates: string[], make: (c: string) => Action, none: Why): Why {
  const who = unitName(w, unit);
  if (!candidates.length) return { code: none.code, message: none.message.startsWith(who) ? none.message : `${who}: ${none.message}` };
  const refused = candidates.map((c) => [c, whyNot(view, seat, make(c))] as const).filter((r): r is readonly [string, Why] => !!r[1]);
  if (!refused.length) return { code: "OFFERED", message: "" };
  const first = refused[0][1];
  if (new Set(refused.map(([, r]) => r.code)).size === 1 && first.own) return first;
  return { code: first.code, message: `${who}: ${refused.map(([c, r]) => `${unitName(w, c)} — ${r.message}`).join(" ")}` };
}

const NO_CREATURE: Why = { code: "ERR_NO_TARGET", message: "no creature in sight." };

/** Why the soldier has no target in this mode (shoot, called shot, rifle butt). */
export function whyNoTarget(view: BattleState, w: WireState, seat: Seat, unit: string, type: "shoot" | "calledShot" | "butt"): Why {
  // "shoot whom?" with no target named: the engine says what stops this soldier shooting at all
  const atAll = whyNot(view, seat, { type, unit, target: "" } as Action);
  if (atAll) return atAll;
  const creatures = Object.values(w.units)
    .filter((u) => u.side === "creature" && u.fate === "active")
    .map((u) => u.id);
  return whyNone(view, w, seat, unit, creatures, (target) => ({ type, unit, target }) as Action, NO_CREATURE);
}

/** Why a comrade action (hold on, revive, carry) is not offered: asked of every comrade beside him. */
export function whyNoComrade(view: BattleState, w: WireState, seat: Seat, unit: string, type: "holdOn" | "revive" | "carry", none: string): Why {
  const me = w.units[unit];
  const beside = Object.values(w.units)
    .filter((u) => u.id !== unit && u.fate === "active" && u.side !== "creature" && me && u.level === me.level && Math.max(Math.abs(u.x - me.x), Math.abs(u.y - me.y)) === 1)
    .map((u) => u.id);
  const why = whyNone(view, w, seat, unit, beside, (comrade) => ({ type, unit, comrade }) as Action, { code: "NOT_OFFERED", message: none });
  // his own cause (no AP, held himself) in the engine's words; else the comrades' lack, said as a whole
  return why.own ? why : { code: "NOT_OFFERED", message: none };
}
