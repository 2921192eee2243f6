/**
 * Spawns and the wave table: at the end of a round the next round's creatures climb out of
 * manholes, come in from the map's edges or drop from rooftops. A soldier standing on a spawn
 * point blocks it, and takes 1 damage.
 */
import { CREATURES, DIFFICULTY_WAVE_SCALE, RULES } from "./table.js";
import type { CreatureKind, SpawnKind, SpawnPoint } from "../map/types.js";
import type { BattleState, Unit } from "../core/types.js";
import { type Draft, emit, hurt } from "../core/draft.js";
import { randomInt } from "../core/rng.js";
import { unitAt } from "../core/units.js";
import { newUnit } from "../core/unitFields.js";
import { Terrain } from "../map/types.js";
import { tileIndex } from "../core/grid.js";

const SPAWN_KINDS: Record<CreatureKind, SpawnKind[]> = {
  snatcher: ["manhole", "edge"],
  spitter: ["manhole", "edge"],
  leaper: ["rooftop", "edge"],
};

/** The creatures a round's wave brings, scaled by difficulty. */
export function waveFor(s: BattleState, round: number): CreatureKind[] {
  const scale = DIFFICULTY_WAVE_SCALE[s.options.difficulty];
  const out: CreatureKind[] = [];
  for (const w of s.map.waves) {
    if (w.round !== round) continue;
    for (const c of w.creatures) {
      const n = c.count > 0 ? Math.max(1, Math.round(c.count * scale)) : 0;
      for (let k = 0; k < n; k++) out.push(c.kind);
    }
  }
  // a campaign's pursuers catch up in the round after the first wave, when its spawn points have
  // emptied (not scaled: the count is the campaign's)
  const pursuers = s.options.pursuit ?? 0;
  if (pursuers > 0 && round === firstWaveRound(s) + 1) for (let k = 0; k < pursuers; k++) out.push("snatcher");
  return out;
}

/** The round of the map's first wave that brings creatures (0 if none does). */
function firstWaveRound(s: BattleState): number {
  let first = 0;
  for (const w of s.map.waves) if (w.creatures.some((c) => c.count > 0) && (first === 0 || w.round < first)) first = w.round;
  return first;
}

/** The damage a soldier standing on `p` at the end of this round takes for blocking a spawn point (0 if none). */
export function spawnDamageAt(s: BattleState, p: { x: number; y: number; level: number }): number {
  if (waveFor(s, s.round + 1).length === 0) return 0;
  return s.map.spawns.some((q) => q.x === p.x && q.y === p.y && q.level === p.level) ? RULES.spawnBlockDamage : 0;
}

export function makeCreature(s: BattleState, kind: CreatureKind, at: SpawnPoint): Unit {
  const st = CREATURES[kind];
  const id = `c${s.nextUnitId++}`;
  return newUnit({
    id, kind, side: "creature", seat: null, x: at.x, y: at.y, level: at.level,
    hp: st.hp, maxHp: st.hp, armor: st.armor, move: st.move, aim: RULES.snatcher.grabAim, unseenAtPhaseStart: true,
  });
}

/** Bring in the wave for `round`. Spawn points are tried in an order the generator shuffles. */
export function spawnWave(d: Draft, round: number): void {
  const s = d.s;
  const wave = waveFor(s, round);
  if (wave.length === 0) return;
  const blockedHurt = new Set<number>();
  for (const kind of wave) {
    const allowed = s.map.spawns.filter((p) => SPAWN_KINDS[kind].includes(p.kind));
    const points = allowed.length ? allowed : s.map.spawns;
    const start = points.length ? randomInt(s, points.length) : 0;
    for (let k = 0; k < points.length; k++) {
      const idx = (start + k) % points.length;
      const p = points[idx];
      // a spawn point melted through to a hole, or (off the rooftops) walled in, brings no one
      const t = s.layers.terrain[tileIndex(s.map, p.x, p.y, p.level)];
      if (t === Terrain.hole || ((t === Terrain.wall || t === Terrain.vehicle) && p.kind !== "rooftop")) continue;
      const there = unitAt(s, p);
      if (there && there.side === "squad") {
        const key = s.map.spawns.indexOf(p);
        if (!blockedHurt.has(key)) {
          blockedHurt.add(key);
          hurt(d, there, RULES.spawnBlockDamage, "spawn", true);
        }
        continue;
      }
      if (there) continue;
      const c = makeCreature(s, kind, p);
      s.units.push(c);
      emit(d, { type: "spawned", unit: c.id, kind, at: { x: p.x, y: p.y, level: p.level } });
      break;
    }
  }
}
