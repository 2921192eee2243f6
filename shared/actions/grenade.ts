/** Grenade (1 AP): thrown at a tile in sight within range; hurts everyone within 1 tile, blows rubble away. */
import { Terrain } from "../map/types.js";
import { RULES, SOLDIERS } from "../rules/table.js";
import type { Action, BattleState, Pos, Seat, SoldierKind, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit, hurt } from "../core/draft.js";
import { distance, tileIndex, tilesAround } from "../core/grid.js";
import { lineOfSight, visibleTiles } from "../sight/sight.js";
import { unitOnTile, unitTiles } from "../core/units.js";
import { blastIgnites } from "../rules/fire.js";
import { resolveEffects } from "../battle/effects.js";
import { type Refusal, isRefusal, needsAp, onGrid, ownSoldier, refuse } from "./common.js";
import { setTerrain } from "../sight/knownTerrain.js";

type Grenade = Extract<Action, { type: "grenade" }>;

export function throwRange(u: Unit): number {
  return RULES.grenade.range + SOLDIERS[u.kind as SoldierKind].throwBonus;
}

/** The tiles a grenade landing at `at` hits (the client draws this as the blast area). */
export function blastArea(s: BattleState, at: Pos): Pos[] {
  return tilesAround(s.map, at, RULES.grenade.radius);
}

export function checkGrenade(s: BattleState, seat: Seat, a: Grenade): Unit | Refusal {
  const u = ownSoldier(s, seat, a.unit);
  if (isRefusal(u)) return u;
  const noAp = needsAp(u);
  if (noAp) return noAp;
  if (u.grabbedBy) return refuse("ERR_GRABBED");
  if (u.grenades <= 0) return refuse("ERR_NO_GRENADES");
  const off = onGrid(s, a.to);
  if (off) return off;
  if (distance(u, a.to) > throwRange(u)) return refuse("ERR_OUT_OF_RANGE");
  if (!lineOfSight(s.map, u, a.to)) return refuse("ERR_NO_LINE_OF_SIGHT");
  return u;
}

export function runGrenade(d: Draft, a: Grenade): void {
  const u = draftUnit(d, a.unit);
  u.ap--;
  u.grenades--;
  u.overwatch = false;
  const tiles = blastArea(d.s, a.to);
  emit(d, { type: "grenade", unit: u.id, at: a.to, tiles });
  // the draft's own copies: the effects step writes them, and they are read after it
  const board = unitTiles(d.s);
  const victims: Unit[] = [];
  for (const p of tiles) {
    const v = unitOnTile(d.s, board, tileIndex(d.s.map, p.x, p.y, p.level));
    if (v) victims.push(draftUnit(d, v.id));
  }
  for (const p of tiles) {
    const i = tileIndex(d.s.map, p.x, p.y, p.level);
    if (d.s.layers.terrain[i] === Terrain.rubble) setTerrain(d, i, Terrain.street);
  }
  for (const v of victims) hurt(d, v, RULES.grenade.damage, "grenade");
  resolveEffects(d);
  const killed = victims.filter((v) => v.side === "creature" && v.fate === "dead");
  // a creature killed where the squad cannot see keeps its announced intent in the view
  if (killed.length) {
    const seen = visibleTiles(d.s);
    const unseen = new Set(killed.filter((v) => seen[tileIndex(d.s.map, v.x, v.y, v.level)] === 0).map((v) => v.id));
    if (unseen.size) d.s.intents = d.s.intents.map((i) => (unseen.has(i.unit) ? { ...i, diedUnseen: true } : i));
  }
  blastIgnites(d, tiles);
}
