/**
 * Setting a drill step's scene: a pure edit of the battle state (as the engine's own tests set up a
 * position), then the creatures' intents announced anew. Soldiers are put back on their feet,
 * full AP; creatures are placed by the engine's own builder.
 */
import type { BattleState, CreatureKind, Pos, Seat, Unit } from "../core/types.js";
import { newDraft, ownUnits, writeLayer } from "../core/draft.js";
import { tileIndex } from "../core/grid.js";
import { makeCreature } from "../rules/spawns.js";
import { planIntents } from "../creatures/intents.js";
import { RULES } from "../rules/table.js";

export interface Scene {
  /** Where each of the seat's soldiers stands (by id); soldiers not named stay where they are. */
  soldiers?: Record<string, { x: number; y: number }>;
  /** Creatures placed after every creature on the board is cleared away. */
  creatures?: { kind: CreatureKind; x: number; y: number; hp?: number; grabs?: string }[];
  /** Clear every creature (and place none). */
  clear?: boolean;
}

/** The state with the scene set for `seat`: a copy, the input untouched. */
export function stageScene(s: BattleState, seat: Seat, scene: Scene): BattleState {
  const d = newDraft(s);
  ownUnits(d);
  const st = d.s;
  const acid = writeLayer(d, "acid");
  const clearAcid = (p: Pos) => (acid[tileIndex(st.map, p.x, p.y, p.level)] = 0);
  for (const u of st.units) {
    if (u.side !== "squad" || u.seat !== seat) continue;
    // the drill's soldiers are all on the board, on their feet, when a step begins (even one who left early)
    u.fate = "active";
    Object.assign(u, { hp: u.maxHp, down: 0, ap: RULES.apPerRound, grabbedBy: null, heldBy: null, freed: false, overwatch: false, carrying: null, carriedBy: null });
    const to = scene.soldiers?.[u.id];
    if (to) {
      u.x = to.x;
      u.y = to.y;
      clearAcid(u);
    }
    if (!u.hasWeapon) u.hasWeapon = true;
    u.mag = RULES.rifle.magazine;
  }
  st.undo = { ...st.undo, [seat]: [] };
  st.ready = { takumi: false, wang: false };
  if (scene.clear || scene.creatures) st.units = st.units.filter((u) => u.side !== "creature" || u.fate !== "active");
  for (const c of scene.creatures ?? []) {
    const unit: Unit = makeCreature(st, c.kind, { kind: "manhole", x: c.x, y: c.y, level: 0 });
    if (c.hp !== undefined) unit.hp = c.hp;
    st.units.push(unit);
    clearAcid(unit);
    if (c.grabs) {
      const victim = st.units.find((u) => u.id === c.grabs)!;
      unit.grabbing = victim.id;
      victim.grabbedBy = unit.id;
      victim.ap = 0;
    }
  }
  st.intents = planIntents(st);
  return st;
}
