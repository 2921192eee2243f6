/**
 * The soldier bot's fall-back (XCOM's evac, actions/withdraw.ts): before the objective is met, a
 * sergeant whose scene has turned bad makes for the way out and withdraws, and his section with
 * him (a lost sergeant ends a campaign; a scene lost does not). It reads only what the seat knows.
 */
import type { BattleState, Unit } from "../core/types.js";
import { distance } from "../core/grid.js";
import { isSergeant } from "../core/units.js";

/** The thresholds, tuned with `npm run sim` (README, "The story scenes and the campaign"). */
export const FALL_BACK = {
  /** His own hit points at or below this. */
  hp: 3,
  /** The other sergeant down or in a creature's grip farther than this from him. */
  partnerFar: 3,
  /** This many creatures in sight within `closeRange` tiles of him. */
  close: 2,
  closeRange: 1,
  /** Fewer than this share of the soldiers who started the scene on their feet. */
  squad: 0.6,
  /** Fewer soldiers than this on their feet once some are lost (a scene begun short, a campaign's
   *  with the two sergeants alone, is still played: they do not skip it). */
  squadMin: 3,
  /** A squad that started this few (a campaign's scene after losses) falls back from a single creature within `shortRange`. */
  shortSquad: 5,
  shortRange: 2,
};

const onFeet = (c: Unit) => c.side === "squad" && c.fate === "active" && c.down === 0 && !c.grabbedBy;

/** Can a soldier on his feet still reach the rescue in the rounds left (2 AP of moves a round, and back)? */
function rescueInReach(s: BattleState): boolean {
  const rescue = s.map.objective.rescue;
  if (s.objective !== "reach" || !rescue) return true;
  const left = s.map.maxRounds - s.round + 1;
  // across levels (the tower's stairs): the flat distance and a few tiles a level
  const tiles = (c: Unit) => Math.max(Math.abs(c.x - rescue.x), Math.abs(c.y - rescue.y)) + 4 * Math.abs(c.level - rescue.level);
  return s.units.some((c) => onFeet(c) && Math.ceil(tiles(c) / (2 * c.move)) <= left);
}

/** Has this sergeant's scene turned bad enough to fall back (the objective not met yet)? */
function sergeantFallsBack(s: BattleState, u: Unit, enemies: Unit[]): boolean {
  if (u.hp <= FALL_BACK.hp) return true;
  const partner = s.units.find((c) => c !== u && c.side === "squad" && isSergeant(c));
  // the other sergeant already fell back: so does he
  if (partner && partner.fate === "extracted") return true;
  if (partner && partner.fate === "active" && (partner.down > 0 || partner.grabbedBy) && distance(u, partner) > FALL_BACK.partnerFar) return true;
  const started = s.units.filter((c) => c.side === "squad").length;
  // a short squad (a campaign's scene begun with few left) cannot take a creature at close quarters
  const short = started <= FALL_BACK.shortSquad;
  const range = short ? FALL_BACK.shortRange : FALL_BACK.closeRange;
  if (enemies.filter((e) => distance(u, e) <= range).length >= (short ? 1 : FALL_BACK.close)) return true;
  const standing = s.units.filter(onFeet).length;
  // too few to fight with, once some are lost
  if (standing < FALL_BACK.squad * started || (standing < FALL_BACK.squadMin && (standing < started))) return true;
  return !rescueInReach(s);
}

/** Does this soldier fall back now: a sergeant by his own judgement, a private with his sergeant? */
export function fallsBack(s: BattleState, u: Unit, enemies: Unit[]): boolean {
  if (s.objective === "extract" || u.side !== "squad" || u.fate !== "active") return false;
  if (isSergeant(u)) return sergeantFallsBack(s, u, enemies);
  const sergeant = s.units.find((c) => c.side === "squad" && isSergeant(c) && c.seat === u.seat);
  if (!sergeant) return false;
  return sergeant.fate === "extracted" || (sergeant.fate === "active" && sergeant.down === 0 && !sergeant.grabbedBy && sergeantFallsBack(s, sergeant, enemies));
}
