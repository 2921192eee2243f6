/**
 * Rule module: the shrinking perimeter. Inside the line is safe(r); a soldier outside it at the
 * start of the enemy phase is exposed. Corpses piling just outside the line squeeze it, and so
 * do the rounds; at the break point the objective turns to break-out.
 */
import type { MapDef } from "../map/types.js";
import type { BattleState, PerimeterState, Pos, Unit } from "../core/types.js";
import { type Draft, emit } from "../core/draft.js";
import { distance, inGrid, tileIndex } from "../core/grid.js";

export function insideLine(p: PerimeterState, pos: Pos): boolean {
  return pos.level === p.level && distance(pos, { x: p.cx, y: p.cy, level: p.level }) <= p.radius;
}

/** Is this soldier exposed (outside the holding line, which still stands)? */
export function isExposed(s: BattleState, u: Unit): boolean {
  const p = s.perimeter;
  return !!p && !p.broken && u.side === "squad" && u.fate === "active" && !u.grabbedBy && !insideLine(p, u);
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

/**
 * The round the line breaks, announced from the first: the rounds the timer alone needs to squeeze
 * the ring to the break point (or the battle's last round on a map whose ring never tightens).
 * Corpses only take room away; they never bring the break-out nearer.
 */
export function scheduledBreakOut(map: MapDef): number {
  const def = map.perimeter;
  if (!def || def.squeezeEveryRounds <= 0) return map.maxRounds;
  return Math.min(map.maxRounds, Math.max(1, (def.radius - def.breakPoint) * def.squeezeEveryRounds));
}

/** What squeezes the ring in a round's environment phase: corpses at the line, and the timer. */
function squeezeParts(s: BattleState, p: PerimeterState, round: number): { corpses: number; rounds: number } {
  const def = s.map.perimeter!;
  return {
    corpses: Math.floor(corpsesAtLine(s, p) / def.squeezeCorpses),
    rounds: def.squeezeEveryRounds > 0 && round % def.squeezeEveryRounds === 0 ? 1 : 0,
  };
}

/** The radius the next environment phase will leave (shown in advance). */
export function radiusAfterSqueeze(s: BattleState, p: PerimeterState, round: number): number {
  const { corpses, rounds } = squeezeParts(s, p, round);
  return Math.max(1, p.radius - corpses - rounds);
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
  const parts = squeezeParts(s, p, s.round);
  p.radius = radiusAfterSqueeze(s, p, s.round);
  // the loss, told by cause (the timer's first, so corpses count only the room they took beyond it)
  const fromRounds = Math.min(parts.rounds, before - p.radius);
  s.report.ringFromRounds += fromRounds;
  s.report.ringFromCorpses += before - p.radius - fromRounds;
  p.nextRadius = radiusAfterSqueeze(s, p, s.round + 1);
  if (p.radius !== before) emit(d, { type: "squeezed", radius: p.radius, nextRadius: p.nextRadius });
  // the break-out comes on its announced round, however many corpses lie at the line
  if (s.round >= p.breakOutRound) {
    p.broken = true;
    p.nextRadius = p.radius;
    emit(d, { type: "perimeterBroken" });
    return true;
  }
  return false;
}
