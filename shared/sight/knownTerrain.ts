/**
 * The squad's known terrain: what the squad last saw of each tile. The battle changes terrain
 * (a grenade blows rubble away, acid melts a floor into a hole); a change out of sight stays
 * unknown until a soldier sees the tile. The state keeps only the few tiles whose real terrain
 * differs from what the squad knows (`knownTerrain`, by tile), so the hot path pays nothing
 * while nothing is hidden. Views, the wire and a seat's verdicts use this, never the real terrain.
 */
import type { BattleState, KnownTerrain } from "../core/types.js";
import { type Draft, writeLayer } from "../core/draft.js";
import { squadSeesTile } from "./sight.js";

/** Change a tile's real terrain, remembering what the squad knew there (settled at the command's end). */
export function setTerrain(d: Draft, i: number, t: number): void {
  const terrain = writeLayer(d, "terrain");
  if (terrain[i] === t) return;
  const known = d.s.knownTerrain ?? [];
  if (!known.some((k) => k.tile === i)) {
    // copy on write: the input state's list is never touched
    d.s.knownTerrain = [...known, { tile: i, terrain: terrain[i] }].sort((a, b) => a.tile - b.tile);
  }
  terrain[i] = t;
}

/** The squad learns tile `i` (a soldier fell through it where no one saw the hole). */
export function learnTerrain(d: Draft, i: number): void {
  const known = d.s.knownTerrain;
  if (!known?.some((k) => k.tile === i)) return;
  const left = known.filter((k) => k.tile !== i);
  if (left.length) d.s.knownTerrain = left;
  else delete d.s.knownTerrain;
}

/** At a command's end: the squad now knows the tiles it sees (and those whose terrain is back to what it knew). */
export function settleKnownTerrain(d: Draft): void {
  const known = d.s.knownTerrain;
  if (!known) return;
  // tile by tile: the list is short, and the whole sight mask costs more than the rest of a command
  // (most commands learn nothing: a new list only when a tile is learnt)
  let k = 0;
  while (k < known.length && stillHidden(d, known[k])) k++;
  if (k === known.length) return;
  const left = known.slice(0, k);
  for (k++; k < known.length; k++) if (stillHidden(d, known[k])) left.push(known[k]);
  if (left.length) d.s.knownTerrain = left;
  else delete d.s.knownTerrain;
}

/** Does the squad still not know this tile (its terrain differs from what it knew, and no soldier sees it)? */
function stillHidden(d: Draft, k: KnownTerrain): boolean {
  return d.s.layers.terrain[k.tile] !== k.terrain && !squadSeesTile(d.s, k.tile);
}

// The overlay per real terrain layer, with the list it was made from (both are replaced, never edited).
const overlays = new WeakMap<Uint8Array, { list: KnownTerrain[]; terrain: Uint8Array }>();

/** The terrain as the squad knows it (the real layer itself while nothing is hidden). */
export function knownTerrainOf(s: BattleState): Uint8Array {
  const list = s.knownTerrain;
  if (!list || list.length === 0) return s.layers.terrain;
  const hit = overlays.get(s.layers.terrain);
  if (hit && hit.list === list) return hit.terrain;
  const terrain = s.layers.terrain.slice();
  for (const k of list) terrain[k.tile] = k.terrain;
  overlays.set(s.layers.terrain, { list, terrain });
  return terrain;
}
