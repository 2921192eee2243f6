/**
 * The bot fights clean (docs/DESIGN.md §11): the questions it asks before a shot or a
 * grenade that may kill. A creature killed bursts: 2 acid on every soldier (or civilian) beside it,
 * armor ignored, and a rifle dropped into acid is gone (rules/acid.ts). Such a kill is worth it
 * only when it frees a grabbed comrade or stops an attack announced on one this round.
 * Everything here reads what the seat knows: the soldiers, and the creatures in its sight.
 */
import { RULES } from "../rules/table.js";
import { damageAfterArmor } from "../rules/combat.js";
import { distance, tileIndex } from "../core/grid.js";
import type { BattleState, Pos, Unit } from "../core/types.js";

/** What killing `e` where it stands would cost the squad: hp splashed, rifles lost. */
export interface SplashCost {
  /** People beside it (soldiers, civilians in sight) the burst would hurt. */
  splashed: Unit[];
  hp: number;
  rifles: number;
}

export function splashOfKill(s: BattleState, e: Pos, seen: Uint8Array): SplashCost {
  const splashed: Unit[] = [];
  let hp = 0, rifles = 0;
  for (const v of s.units) {
    if (v.fate !== "active" || v.side === "creature" || v.level !== e.level || distance(v, e) !== 1) continue;
    if (v.side === "civilian" && seen[tileIndex(s.map, v.x, v.y, v.level)] !== 1) continue;
    splashed.push(v);
    hp += Math.min(v.hp, RULES.acid.deathSplash);
    // the burst leaves acid on the four neighbours and the corpse tile: a rifle dropped there is gone
    if (v.side === "squad" && v.hasWeapon && v.hp > RULES.acid.deathSplash) rifles++;
  }
  return { splashed, hp, rifles };
}

/**
 * Does killing `e` this round save a soldier, at the price `cost` of its burst? It holds one whom
 * it takes off the board this round (the kill frees him), or it has announced a lunge at one who cannot dodge it (no AP left, down); or
 * its announced attack (a pounce, a spit) would hurt the soldiers who cannot step out of it more
 * than the burst does (a rifle lost counts as 3 hp).
 */
export function killSaves(s: BattleState, e: Unit, cost: SplashCost, holdable?: (victim: Unit) => boolean): boolean {
  const intent = s.intents.find((i) => i.unit === e.id);
  // the kill frees the soldier it holds: worth his burn only when the drag takes him off this
  // round (nobody holds him, and nobody can: a hold halts the drag at a tug, not a burst): before
  // that a called shot at its arm frees him clean
  if (e.grabbing) {
    const victim = s.units.find((v) => v.id === e.grabbing && v.side === "squad");
    if (victim) return !victim.heldBy && (intent?.countdown ?? 0) <= 1 && !holdable?.(victim) && !burstFinishes(s, victim, e);
  }
  if (!intent || intent.target === null) return false;
  // a soldier who can still step out of it is expected to dodge instead
  const stuck = (v: Unit) => v.side === "squad" && v.fate === "active" && (v.ap === 0 || v.down > 0 || !!v.grabbedBy || !!v.carriedBy);
  // a grab is worth a soldier's burn (he may be freed yet), not two or a rifle
  if (intent.kind === "grab" && intent.victim && s.units.some((v) => v.id === intent.victim && stuck(v))) return cost.hp + 3 * cost.rifles <= 2;
  const hit = intent.area.length ? intent.area : [intent.target];
  const under = s.units.filter((v) => stuck(v) && hit.some((p) => p.x === v.x && p.y === v.y && p.level === v.level));
  return under.length * intent.damage > cost.hp + 3 * cost.rifles;
}

/**
 * Would the burst of a creature killed at `at` finish the soldier `v` beside it rather than save
 * him? Its splash takes his last hit points (he goes down) and he lies in acid (the burst's own,
 * on the four tiles beside the corpse, or acid already under him): a down man on acid dies at the
 * round's end. Freed so, he is lost as surely as if the drag had taken him.
 */
export function burstFinishes(s: BattleState, v: Unit, at: Pos): boolean {
  if (v.hp > RULES.acid.deathSplash || v.level !== at.level) return false;
  const beside = Math.abs(v.x - at.x) + Math.abs(v.y - at.y) === 1;
  return beside || s.layers.acid[tileIndex(s.map, v.x, v.y, v.level)] > 0;
}

/** Can one hit of `damage` kill `e`? */
export function oneHitKills(e: Unit, damage: number): boolean {
  return e.hp <= damageAfterArmor(damage, e.armor);
}

/**
 * May the bot take a shot (or throw) that could kill `e`? Not when the burst would splash someone,
 * unless the kill saves a soldier this round (`holdable`: can a comrade still hold on to a victim
 * instead, this round).
 */
export function cleanKill(s: BattleState, e: Unit, seen: Uint8Array, holdable?: (victim: Unit) => boolean): boolean {
  const cost = splashOfKill(s, e, seen);
  return cost.splashed.length === 0 || killSaves(s, e, cost, holdable);
}
