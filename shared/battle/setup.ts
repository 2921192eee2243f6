/** A new battle from a map, a seed and the options: round 1, the player phase, intents announced. */
import type { MapDef } from "../map/types.js";
import { CIVILIANS, RULES, RULES_VERSION, SOLDIERS } from "../rules/table.js";
import { type BattleOptions, type BattleState, type RosterEntry, type Unit, emptyReport } from "../core/types.js";
import { seedRng } from "../core/rng.js";
import { beginPlayerPhase } from "./round.js";
import { newDraft, ownUnits } from "../core/draft.js";
import { spawnWave } from "../rules/spawns.js";
import { newUnit } from "../core/unitFields.js";
import { scheduledBreakOut } from "../rules/perimeter.js";
import { tileIndex } from "../core/grid.js";

export const DEFAULT_OPTIONS: BattleOptions = { difficulty: "normal", splitVision: false };

function soldiers(map: MapDef, roster: RosterEntry[] | undefined): Unit[] {
  const count: Record<string, number> = {};
  const all = map.soldiers.map((st) => {
    const stats = SOLDIERS[st.kind];
    let id: string = st.kind;
    if (st.kind === "private") {
      count[st.seat] = (count[st.seat] ?? 0) + 1;
      id = `${st.seat}-private-${count[st.seat]}`;
    }
    return newUnit({
      id, kind: st.kind, side: "squad", seat: st.seat, x: st.x, y: st.y, level: st.level,
      hp: stats.hp, maxHp: stats.hp, armor: stats.armor, ap: RULES.apPerRound, move: stats.move, aim: stats.aim,
      mag: RULES.rifle.magazine, spareMags: RULES.rifle.spareMagazines, grenades: stats.grenades, hasWeapon: true,
    });
  });
  if (!roster) return all;
  // a campaign scene: the fallen stay gone, the wounded keep their wounds
  const byId = new Map(roster.map((r) => [r.id, r]));
  return all.filter((u) => byId.has(u.id)).map((u) => {
    const r = byId.get(u.id)!;
    return { ...u, hp: Math.max(1, Math.min(u.maxHp, r.hp)), armor: Math.max(0, Math.min(u.armor, r.armor)) };
  });
}

/** The map's civilians, numbered by kind in the map's order (civilian-1, child-1, ...). */
function civilians(map: MapDef): Unit[] {
  const count: Record<string, number> = {};
  return (map.civilians ?? []).map((c) => {
    count[c.kind] = (count[c.kind] ?? 0) + 1;
    const stats = CIVILIANS[c.kind];
    return newUnit({
      id: `${c.kind}-${count[c.kind]}`, kind: c.kind, side: "civilian", seat: null, x: c.x, y: c.y, level: c.level,
      hp: stats.hp, maxHp: stats.hp, armor: stats.armor, move: stats.move, trapped: c.trapped === true,
    });
  });
}

export function createBattle(map: MapDef, seed: number, options: Partial<BattleOptions> = {}): BattleState {
  const n = map.width * map.height * map.levels;
  const s: BattleState = {
    rulesVersion: RULES_VERSION,
    map,
    seed: seed >>> 0,
    options: { ...DEFAULT_OPTIONS, ...options },
    rng: seedRng(seed >>> 0),
    round: 1,
    phase: "player",
    outcome: null,
    // crossing the map: the way out is open from the first round
    objective: map.objective.kind === "escape" ? "extract" : map.objective.kind,
    units: [...soldiers(map, options.roster), ...civilians(map)],
    nextUnitId: 1,
    layers: {
      acid: new Uint8Array(n),
      acidAge: new Uint8Array(n),
      melt: new Uint8Array(n),
      corpse: new Uint8Array(n),
      terrain: map.terrain.slice(),
      fire: new Uint8Array(n),
    },
    perimeter: map.perimeter
      ? { cx: map.perimeter.cx, cy: map.perimeter.cy, level: map.perimeter.level, radius: map.perimeter.radius,
          nextRadius: map.perimeter.radius, breakPoint: map.perimeter.breakPoint, breakOutRound: scheduledBreakOut(map), broken: false }
      : null,
    ready: { takumi: false, wang: false },
    intents: [],
    noise: [],
    undo: { takumi: [], wang: [] },
    civiliansSaved: 0,
    report: emptyReport(),
    step: 0,
  };
  // a scene's fire burns from the first round (the bus's power cell): the burning vehicle spreads it
  for (const f of map.fires ?? []) s.layers.fire[tileIndex(map, f.x, f.y, f.level)] = f.rounds;
  // the first wave is already on the board when the battle opens
  const d = newDraft(s);
  ownUnits(d);
  spawnWave(d, 1);
  beginPlayerPhase(d.s);
  return d.s;
}
