/**
 * The ways out, as the engine treats them: the tiles a soldier withdraws or is extracted from
 * (objectives.ts isExtraction: the map's extraction points, or else its `exit` tiles), and apart
 * from them the tiles a grabber drags its victim off the board through (`exit` tiles and
 * manholes; drag.ts). The client draws exactly these, so no tile looks like a way out that is not.
 */
import type { BattleState, Pos } from "../core/types.js";
import { Terrain } from "../map/types.js";
import { stepCost } from "../movement/path.js";
import { isExtraction } from "./objectives.js";

function everyTile(s: BattleState, keep: (p: Pos, i: number) => boolean): Pos[] {
  const out: Pos[] = [];
  const { width, height, levels } = s.map;
  for (let level = 0, i = 0; level < levels; level++)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++, i++) if (keep({ x, y, level }, i)) out.push({ x, y, level });
  return out;
}

/** Every tile a soldier gets out from (withdraw, extraction): the only tiles to draw as a way out. */
export function wayOutTiles(s: BattleState): Pos[] {
  return everyTile(s, (p, i) => stepCost(s.layers.terrain[i], false) > 0 && isExtraction(s, p));
}

/** Where creatures drag their victims off the board (exits and manholes): not a way out for the squad unless also in wayOutTiles. */
export function dragExitTiles(s: BattleState): Pos[] {
  return everyTile(s, (_p, i) => s.layers.terrain[i] === Terrain.exit || s.layers.terrain[i] === Terrain.manhole);
}
