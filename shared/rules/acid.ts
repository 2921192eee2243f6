/**
 * Rule module: acid blood. Creatures bleed acid when hurt and burst when killed; acid burns and
 * corrodes soldiers who enter or stand in it, fades every few rounds, gives off vapour from
 * corpses, and melts through floors above the ground.
 */
import { Terrain } from "../map/types.js";
import { RULES } from "./table.js";
import type { BattleState, Pos, Unit } from "../core/types.js";
import { type Draft, draftUnit, emit, hurt, queue, writeLayer } from "../core/draft.js";
import { DIRS4, DIRS8, inGrid, posOf, tileIndex } from "../core/grid.js";
import { unitAt } from "../core/units.js";
import { setTerrain } from "../sight/knownTerrain.js";

const A = RULES.acid;

/** Raise a tile's acid to at least `intensity` (acid never adds up past 3). */
export function raiseAcid(d: Draft, p: Pos, intensity: number): void {
  const i = tileIndex(d.s.map, p.x, p.y, p.level);
  const t = d.s.layers.terrain[i];
  if (t === Terrain.wall || t === Terrain.vehicle || t === Terrain.hole) return;
  if (d.s.layers.acid[i] >= intensity) return;
  writeLayer(d, "acid")[i] = intensity;
  writeLayer(d, "acidAge")[i] = 0;
  // a copy: callers may pass a unit, whose position (and the rest of it) must not leak or change later
  emit(d, { type: "acid", at: { x: p.x, y: p.y, level: p.level }, intensity });
}

/** A creature hurt but alive leaks acid onto its tile. */
export function creatureBled(d: Draft, u: Unit): void {
  raiseAcid(d, u, A.leak);
}

/**
 * A creature died at `at`: a corpse, acid 3 under it and 2 on the four neighbours, and every
 * soldier adjacent is splashed (armor ignored). A splashed soldier drops his rifle; if it lands
 * on acid it is destroyed.
 */
export function creatureDied(d: Draft, at: Pos): void {
  const map = d.s.map;
  writeLayer(d, "corpse")[tileIndex(map, at.x, at.y, at.level)]++;
  raiseAcid(d, at, A.corpse);
  for (const [dx, dy] of DIRS4)
    if (inGrid(map, at.x + dx, at.y + dy, at.level)) raiseAcid(d, { x: at.x + dx, y: at.y + dy, level: at.level }, A.corpseNeighbours);
  for (const [dx, dy] of DIRS8) {
    if (!inGrid(map, at.x + dx, at.y + dy, at.level)) continue;
    const there = unitAt(d.s, { x: at.x + dx, y: at.y + dy, level: at.level });
    if (!there || there.side === "creature") continue;
    const v = draftUnit(d, there.id);
    hurt(d, v, A.deathSplash, "splash", true);
    // he drops his rifle if he lives through the splash; on acid it is gone
    if (v.fate === "active" && v.hp > A.deathSplash && v.hasWeapon && d.s.layers.acid[tileIndex(map, v.x, v.y, v.level)] > 0) {
      v.hasWeapon = false;
      v.overwatch = false;
      emit(d, { type: "weaponLost", unit: v.id });
    }
  }
}

/** Will a soldier stepping onto tile `i` be burned (so a walk must be told up to here first)? */
export function burnsOnEntering(s: BattleState, i: number): boolean {
  return s.layers.acid[i] > 0;
}

/** A soldier steps onto a tile: acid there burns him (armor ignored) and corrodes his armor. */
export function enteredTile(d: Draft, u: Unit): void {
  if (u.side !== "squad") return;
  burnIfOnAcid(d, u);
}

function burnIfOnAcid(d: Draft, u: Unit): void {
  const intensity = d.s.layers.acid[tileIndex(d.s.map, u.x, u.y, u.level)];
  if (intensity === 0) return;
  if (u.armor > 0) {
    u.armor--;
    emit(d, { type: "corroded", unit: u.id, armor: u.armor });
  }
  hurt(d, u, intensity, "acid", true);
}

/** Corpses on the tile and its eight neighbours. */
function corpsesAround(d: Draft, u: Unit): number {
  const map = d.s.map;
  let n = 0;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++)
      if (inGrid(map, u.x + dx, u.y + dy, u.level)) n += d.s.layers.corpse[tileIndex(map, u.x + dx, u.y + dy, u.level)];
  return n;
}

/**
 * The acid's part of the environment phase: soldiers standing in acid burn, corpse vapour
 * chokes, acid fades, and floors above the ground melt.
 */
export function acidEnvironment(d: Draft): void {
  const s = d.s;
  for (const u of s.units) if (u.side === "squad" && u.fate === "active") burnIfOnAcid(d, u);
  for (const u of s.units)
    if (u.side === "squad" && u.fate === "active" && corpsesAround(d, u) >= A.vapourCorpses) hurt(d, u, A.vapourDamage, "vapour", true);
  meltFloors(d);
  const acid = writeLayer(d, "acid"), acidAge = writeLayer(d, "acidAge");
  for (let i = 0; i < acid.length; i++) {
    if (acid[i] === 0) continue;
    acidAge[i]++;
    if (acidAge[i] >= A.decayEveryRounds) {
      acid[i]--;
      acidAge[i] = 0;
    }
  }
}

/** Acid 3 held for `meltRounds` on a floor above the ground melts a hole; acid drips below. */
function meltFloors(d: Draft): void {
  const s = d.s;
  const map = s.map;
  if (map.levels < 2) return;
  const perLevel = map.width * map.height;
  const acid = writeLayer(d, "acid"), melt = writeLayer(d, "melt");
  for (let i = perLevel; i < acid.length; i++) {
    if (acid[i] < A.corpse) {
      melt[i] = 0;
      continue;
    }
    melt[i]++;
    if (melt[i] < A.meltRounds) continue;
    const at = posOf(map, i);
    const dripTo = { x: at.x, y: at.y, level: at.level - 1 };
    const drip = acid[i] - 1;
    setTerrain(d, i, Terrain.hole);
    acid[i] = 0;
    melt[i] = 0;
    emit(d, { type: "melted", at });
    const victim = unitAt(s, at);
    if (victim) fall(d, victim);
    raiseAcid(d, dripTo, drip);
  }
}

/** A unit whose floor is a hole falls to the level below, hurt (and whoever stands there). */
export function fall(d: Draft, victim: Unit): void {
  const below = unitAt(d.s, { x: victim.x, y: victim.y, level: victim.level - 1 });
  victim.level--;
  // the fall tears a held soldier from his grabber (and a falling grabber from its victim)
  if (victim.grabbedBy) queue(d, { kind: "release", victim: victim.id, by: victim.grabbedBy });
  if (victim.grabbing) queue(d, { kind: "release", victim: victim.grabbing, by: victim.id });
  if (below) {
    // someone stands below: the faller lands on him, both hurt; the faller takes the nearest free tile
    hurt(d, below, A.fallDamage, "fall", true);
    placeNear(d, victim);
  }
  emit(d, { type: "fell", unit: victim.id, to: { x: victim.x, y: victim.y, level: victim.level } });
  hurt(d, victim, A.fallDamage, "fall", true);
}

/** Move a unit to the nearest free, standable tile on its level (after a fall). */
function placeNear(d: Draft, u: Unit): void {
  const map = d.s.map;
  for (let r = 1; r < Math.max(map.width, map.height); r++)
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const x = u.x + dx, y = u.y + dy;
        if (!inGrid(map, x, y, u.level)) continue;
        const t = d.s.layers.terrain[tileIndex(map, x, y, u.level)];
        if (t === Terrain.wall || t === Terrain.vehicle || t === Terrain.hole) continue;
        if (unitAt(d.s, { x, y, level: u.level })) continue;
        u.x = x;
        u.y = y;
        return;
      }
}
