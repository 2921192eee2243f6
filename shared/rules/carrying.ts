/**
 * Carrying: a carried soldier (fate "carried") is off the board and goes where his carrier goes.
 * A leaf of the rules: where to set him down, setting him down, keeping him with his carrier.
 */
import type { BattleState, Pos, Unit } from "../core/types.js";
import { type Draft, emit, draftUnit } from "../core/draft.js";
import { inGrid, tileIndex } from "../core/grid.js";
import { stepCost } from "../movement/path.js";
import { unitAt } from "../core/units.js";

/** The free tile beside the carrier where he sets his man down, or null. */
export function dropTile(s: BattleState, carrier: Pos): Pos | null {
  for (let r = 1; r <= 2; r++)
    for (let dy = -r; dy <= r; dy++)
      for (let dx = -r; dx <= r; dx++) {
        const p = { x: carrier.x + dx, y: carrier.y + dy, level: carrier.level };
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== r || !inGrid(s.map, p.x, p.y, p.level)) continue;
        if (stepCost(s.layers.terrain[tileIndex(s.map, p.x, p.y, p.level)], false) === 0 || unitAt(s, p)) continue;
        return p;
      }
  return null;
}

/** Set the carried man down beside his carrier (or on the carrier's own tile if it is free now). */
export function setDown(d: Draft, carrier: Unit): void {
  if (!carrier.carrying) return;
  const c = draftUnit(d, carrier.carrying);
  carrier.carrying = null;
  c.carriedBy = null;
  if (c.fate !== "carried") return;
  const at = carrier.fate === "active" ? dropTile(d.s, carrier) : { x: carrier.x, y: carrier.y, level: carrier.level };
  const to = at ?? { x: carrier.x, y: carrier.y, level: carrier.level };
  c.fate = "active";
  c.x = to.x; c.y = to.y; c.level = to.level;
  emit(d, { type: "dropped", unit: c.id, by: carrier.id, at: to });
}

/** The carried go where their carriers are (after a move, an undo, a fall, a pull). */
export function keepWithCarriers(d: Draft): void {
  const units = d.s.units;
  for (let i = 0; i < units.length; i++) {
    const c = units[i];
    if (c.fate !== "carried" || !c.carriedBy) continue;
    const by = units.find((u) => u.id === c.carriedBy);
    if (by && (c.x !== by.x || c.y !== by.y || c.level !== by.level)) {
      const w = draftUnit(d, c.id);
      w.x = by.x; w.y = by.y; w.level = by.level;
    }
  }
}
