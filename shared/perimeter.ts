/**
 * Rule module: the shrinking perimeter. Inside the line is safe(r); a soldier outside it at the
 * start of the enemy phase is exposed. Corpses piling just outside the line squeeze it, and so
 * do the rounds; at the break point the objective turns to break-out.
 */
import type { BattleState, PerimeterState, Pos, Unit } from "./types.js";
import { type Draft, emit } from "./draft.js";
import { distance, inGrid, tileIndex } from "./grid.js";

export function insideLine(p: PerimeterState, pos: Pos): boolean {
  return pos.level === p.level && distance(pos, { x: p.cx, y: p.cy, level: p.level }) <= p.radius;
}

/** Is this soldier exposed (outside the holding line, which still stands)? */
export function isExposed(s: BattleState, u: Unit): boolean {
  const p = s.perimeter;
  return !!p && !p.broken && u.side === "squad" && u.fate === "active" && !u.grabbedBy && !insideLine(p, u);
}

/** Would a soldier standing on `p` be exposed (the line stands and `p` is outside it)? */
export function exposedAt(s: BattleState, p: Pos): boolean {
  const per = s.perimeter;
  return !!per && !per.broken && !insideLine(per, p);
}

/** The soldiers who would be exposed if the enemy phase began now (the client marks them). */
export function exposedSoldiers(s: BattleState): string[] {
  return s.units.filter((u) => isExposed(s, u)).map((u) => u.id);
}

/** Corpses lying within 1 tile outside the line (the ring at distance radius + 1). */
function corpsesAtLine(s: BattleState, p: PerimeterState): number {
  const r = p.radius + 1;
  let n = 0;
  for (let y = p.cy - r; y <= p.cy + r; y++)
    for (let x = p.cx - r; x <= p.cx + r; x++) {
      if (Math.max(Math.abs(x - p.cx), Math.abs(y - p.cy)) !== r || !inGrid(s.map, x, y, p.level)) continue;
      n += s.layers.corpse[tileIndex(s.map, x, y, p.level)];
    }
  return n;
}

/** The radius the next environment phase will leave (shown in advance). */
export function radiusAfterSqueeze(s: BattleState, p: PerimeterState, round: number): number {
  const def = s.map.perimeter!;
  let drop = Math.floor(corpsesAtLine(s, p) / def.squeezeCorpses);
  if (def.squeezeEveryRounds > 0 && round % def.squeezeEveryRounds === 0) drop++;
  return Math.max(1, p.radius - drop);
}

/** Keep the shown next radius up to date (after anything that moves corpses or rounds). */
export function updateNextRadius(s: BattleState): void {
  const p = s.perimeter;
  if (p && !p.broken) p.nextRadius = radiusAfterSqueeze(s, p, s.round);
}

/** The environment phase's squeeze. Returns true when the line broke this round. */
export function squeeze(d: Draft): boolean {
  const s = d.s;
  const p = s.perimeter;
  if (!p || p.broken) return false;
  const before = p.radius;
  p.radius = radiusAfterSqueeze(s, p, s.round);
  p.nextRadius = radiusAfterSqueeze(s, p, s.round + 1);
  if (p.radius !== before) emit(d, { type: "squeezed", radius: p.radius, nextRadius: p.nextRadius });
  if (p.radius <= p.breakPoint) {
    p.broken = true;
    p.nextRadius = p.radius;
    emit(d, { type: "perimeterBroken" });
    return true;
  }
  return false;
}
