/**
 * Why the engine would refuse an action, in words that name the true cause: "Sergeant
 * Takumi's magazine is empty" rather than "No target". The code is the engine's own (check() on the
 * seat's view); only the message is made specific. Judged on the seat's view: a refusal never
 * tells of a hidden creature.
 */
import type { Action, BattleState, Seat, Unit } from "../core/types.js";
import { ERROR_CODES } from "../core/errors.js";
import { check } from "../battle/apply.js";
import { RULES } from "../rules/table.js";
import { unitById } from "../core/units.js";
import { soldierName } from "../core/names.js";
import { distance, posOf } from "../core/grid.js";
import { apForCost, nearestGoalField } from "../movement/path.js";
import { waysOutMask } from "../rules/waysOut.js";
import { lineOfSight } from "../sight/sight.js";
import { seatView } from "./seatView.js";
import type { Refused } from "./types.js";

const name = (u: Unit | undefined, id: string) => (u ? soldierName(u.id) : id);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The refusal of an action, with its cause named; null when the engine would accept it. */
export function whyNot(state: BattleState, seat: Seat, action: Action): Refused | null {
  const s = seatView(state, seat);
  // "shoot whom?" before any target is chosen: why this soldier has no shot at all
  if ((action.type === "shoot" || action.type === "calledShot" || action.type === "butt") && action.target === "")
    return noShotAtAll(s, seat, action.unit, action.type === "butt");
  const r = check(s, { seat, action });
  if (!r) return null;
  const u = "unit" in action ? unitById(s, action.unit) : undefined;
  const who = "unit" in action ? name(u, action.unit) : "";
  const say = (message: string): Refused => ({ code: r.code, message });
  switch (r.code) {
    case "ERR_NO_AP": {
      if (!u) return r;
      if (u.down > 0) return say(`${who} is down: he can do nothing until a comrade revives him.`);
      if (action.type === "revive" && u.ap > 0) return say(`Reviving takes ${RULES.down.reviveAp} AP; ${who} has ${u.ap} left.`);
      return say(`${who} has no action points left this round.`);
    }
    case "ERR_EMPTY_MAGAZINE": return u ? say(emptyMagazine(u)) : r;
    case "ERR_NO_AMMO": return say(`${who} has no spare magazine left.`);
    case "ERR_NO_WEAPON": return say(`${who} has lost his rifle: he can still move, carry and throw.`);
    case "ERR_NO_GRENADES": return say(`${who} has no grenades left.`);
    case "ERR_GRABBED": return say(`${who} is held by a creature: he can only shoot or butt it (or a comrade can free him).`);
    case "ERR_UNIT_GONE": {
      const gone = "comrade" in action ? unitById(s, action.comrade) : u;
      const whom = gone ? soldierName(gone.id) : who;
      const how = gone?.fate === "dead" ? "is dead" : gone?.fate === "taken" ? "was taken" : gone?.fate === "extracted" ? "has left the board"
        : gone?.fate === "carried" ? "is being carried" : "is no longer on the board";
      return say(`${whom} ${how}.`);
    }
    case "ERR_NOTHING_TO_UNDO": return say(nothingToUndo(s, seat));
    case "ERR_SEAT_READY": return say("You are marked ready: take it back (Ready again) to act.");
    case "ERR_NO_TARGET": return say("That creature is not in your squad's sight now.");
    case "ERR_NOT_ON_WAY_OUT": return u ? say(notOnWayOut(s, u)) : r;
    case "ERR_OUT_OF_RANGE": {
      const t = "target" in action ? unitById(s, action.target) : undefined;
      if (u && t) return say(`Out of range: ${distance(u, t)} tiles, the rifle reaches ${RULES.rifle.range}.`);
      return r;
    }
    default: return r;
  }
}

/** Not on a way out: where the nearest one is, and how far a walk (in AP against the AP he has). */
function notOnWayOut(s: BattleState, u: Unit): string {
  const who = soldierName(u.id);
  // the walk as his move would take it, ignoring who stands in the way (they move)
  const field = nearestGoalField(s, u, waysOutMask(s), new Uint8Array(s.layers.terrain.length));
  if (field.goal === undefined || field.goal < 0) return `Withdrawing needs a soldier standing on a way out, and ${who} can reach none from where he stands.`;
  const p = posOf(s.map, field.goal);
  const cost = field.dist[field.goal];
  const ap = apForCost(u, cost);
  const tiles = plural(Math.max(Math.abs(p.x - u.x), Math.abs(p.y - u.y), Math.abs(p.level - u.level)), "tile");
  return `Withdrawing needs a soldier standing on a way out: the nearest to ${who} is at ${p.x},${p.y}${p.level ? ` (level ${p.level})` : ""}, ${tiles} away, a walk of ${ap} AP (he has ${u.ap} left this round).`;
}

function emptyMagazine(u: Unit): string {
  const who = soldierName(u.id);
  return u.spareMags > 0
    ? `${who}'s magazine is empty: reload first (1 AP, ${plural(u.spareMags, "spare magazine")} left).`
    : `${who}'s magazine is empty and he has no spare magazine left.`;
}

/** Why the last move can't be taken back: none made, or made final by what came after. */
function nothingToUndo(s: BattleState, seat: Seat): string {
  if ((s.undone?.[seat] ?? 0) > 0) return "There is no move to undo: you have taken back every move still open this round.";
  return "There is no move to undo: only moves can be taken back, and a move is final once it reveals something, hurts someone or meets an objective, or once another action (a shot, a grenade, a carry...) follows it.";
}

/** A soldier with no shot (or blow) at any creature: the first cause that stops him. */
function noShotAtAll(s: BattleState, seat: Seat, unitId: string, butt: boolean): Refused | null {
  const u = unitById(s, unitId);
  const who = name(u, unitId);
  const first = check(s, { seat, action: { type: "reload", unit: unitId } });
  // the soldier himself: gone, not his, no AP, ready (reload's checks up to the rifle are the shot's)
  if (first && first.code !== "ERR_MAGAZINE_FULL" && first.code !== "ERR_NO_AMMO" && first.code !== "ERR_NO_WEAPON")
    return whyNot(s, seat, { type: "reload", unit: unitId });
  if (!u) return { code: "ERR_NO_UNIT", message: ERROR_CODES.ERR_NO_UNIT };
  if (!u.hasWeapon) return { code: "ERR_NO_WEAPON", message: `${who} has lost his rifle: he can still move, carry and throw.` };
  if (!butt && u.mag <= 0) return { code: "ERR_EMPTY_MAGAZINE", message: emptyMagazine(u) };
  const enemies = s.units.filter((c) => c.side === "creature" && c.fate === "active");
  if (enemies.length === 0) return { code: "ERR_NO_TARGET", message: "No creature is in your squad's sight." };
  if (u.grabbedBy && !enemies.some((c) => c.id === u.grabbedBy)) return { code: "ERR_MUST_TARGET_GRABBER", message: ERROR_CODES.ERR_MUST_TARGET_GRABBER };
  const foes = u.grabbedBy ? enemies.filter((c) => c.id === u.grabbedBy) : enemies;
  if (butt) return foes.some((c) => distance(u, c) === 1) ? null : { code: "ERR_NOT_ADJACENT", message: `No creature beside ${who}: the rifle butt reaches only an adjacent one.` };
  const inRange = foes.filter((c) => distance(u, c) <= RULES.rifle.range);
  if (inRange.length === 0) return { code: "ERR_OUT_OF_RANGE", message: `No creature in sight is within ${who}'s range (${RULES.rifle.range} tiles).` };
  if (!inRange.some((c) => lineOfSight(s.map, u, c))) return { code: "ERR_NO_LINE_OF_SIGHT", message: `Walls or vehicles block ${who}'s line of fire to every creature in range.` };
  return null;
}
