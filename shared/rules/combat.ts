/**
 * Combat: cover, the hit chance with its parts (shown before a player commits), and damage.
 */
import { Terrain } from "../map/types.js";
import { RULES } from "./table.js";
import type { BattleState, Pos, Unit } from "../core/types.js";
import { distance, inGrid, tileIndex } from "../core/grid.js";
import { unitById } from "../core/units.js";

export type ShotKind = "shot" | "calledShot" | "overwatch";

export interface HitChance {
  /** Final chance in percent, clamped. */
  chance: number;
  /** The parts that add up to it, in order: base aim, then each modifier. */
  parts: { label: string; value: number }[];
}

function coverOfTerrain(t: number): number {
  if (t === Terrain.wall || t === Terrain.vehicle) return RULES.hit.fullCover;
  if (t === Terrain.rubble) return RULES.hit.halfCover;
  return 0;
}

/**
 * The cover a target at `target` has against an attacker at `from`: the best cover among the
 * tiles beside it on the attacker's side; standing in rubble is half cover. None on a wall.
 */
export function coverAgainst(s: BattleState, target: Pos, from: Pos): number {
  const terrain = s.layers.terrain;
  const map = s.map;
  const own = terrain[tileIndex(map, target.x, target.y, target.level)];
  if (own === Terrain.wall || own === Terrain.vehicle) return 0;
  let cover = own === Terrain.rubble ? RULES.hit.halfCover : 0;
  const sx = Math.sign(from.x - target.x), sy = Math.sign(from.y - target.y);
  // the attacker's own tile is not between them (point-blank, or a climber on the wall beside him)
  // (written out, not a closure: this runs for every tile the bot weighs)
  if (sx !== 0 && inGrid(map, target.x + sx, target.y, target.level) && !(target.x + sx === from.x && target.y === from.y))
    cover = Math.max(cover, coverOfTerrain(terrain[tileIndex(map, target.x + sx, target.y, target.level)]));
  if (sy !== 0 && inGrid(map, target.x, target.y + sy, target.level) && !(target.x === from.x && target.y + sy === from.y))
    cover = Math.max(cover, coverOfTerrain(terrain[tileIndex(map, target.x, target.y + sy, target.level)]));
  return cover;
}

function clampChance(c: number): number {
  return Math.max(RULES.hit.min, Math.min(RULES.hit.max, c));
}

/** The chance that `shooterId` hits `targetId` with a shot of the given kind, and why. */
export function hitChance(s: BattleState, shooterId: string, targetId: string, kind: ShotKind = "shot"): HitChance {
  const shooter = unitById(s, shooterId);
  const target = unitById(s, targetId);
  if (!shooter || !target) return { chance: 0, parts: [] };
  return hitChanceBetween(s, shooter, target, kind);
}

export function hitChanceBetween(s: BattleState, shooter: Unit, target: Unit, kind: ShotKind): HitChance {
  const h = RULES.hit;
  const parts: { label: string; value: number }[] = [{ label: "aim", value: shooter.aim }];
  const d = distance(shooter, target);
  if (d > h.falloffFrom) parts.push({ label: "distance", value: -h.falloffPerTile * (d - h.falloffFrom) });
  const cover = coverAgainst(s, target, shooter);
  if (cover === h.halfCover) parts.push({ label: "half cover", value: -cover });
  if (cover === h.fullCover) parts.push({ label: "full cover", value: -cover });
  if (d > h.dustFrom && s.map.dust[tileIndex(s.map, target.x, target.y, target.level)] === 1)
    parts.push({ label: "dust", value: -h.dust });
  if (s.layers.terrain[tileIndex(s.map, target.x, target.y, target.level)] === Terrain.wall)
    parts.push({ label: "on a wall", value: -h.onWall });
  if (shooter.grabbedBy) parts.push({ label: "grabbed", value: -h.grabbedShooter });
  if (kind === "calledShot") parts.push({ label: "called shot", value: -h.calledShot });
  if (kind === "overwatch") parts.push({ label: "overwatch", value: -h.overwatch });
  let sum = 0;
  for (const p of parts) sum += p.value;
  return { chance: clampChance(sum), parts };
}

/** Weapon damage against armor, at least 1. */
export function damageAfterArmor(damage: number, armor: number): number {
  return Math.max(1, damage - armor);
}

