/**
 * What a move will cost, before it is made: the client shows it on the path. Everything here is
 * the engine's own rules run on the state the player sees (his squad's view): each leg is applied
 * with apply() (the path, the AP, the acid burns and corrosion are the move's own events), the
 * soldier's end tile is checked against the ring (exposedSoldiers), the telegraphed attacks
 * (intents) and the spawn points the next wave uses (spawnDamageAt).
 * Nothing is re-implemented: a rule changed in the engine changes the preview with it.
 */
import type { BattleEvent, BattleState, Intent, Pos, Seat } from "../core/types.js";
import type { ErrorCode } from "../core/errors.js";
import { apply } from "../battle/apply.js";
import { exposedSoldiers } from "../rules/perimeter.js";
import { spawnDamageAt } from "../rules/spawns.js";
import { unitById } from "../core/units.js";

/** A tile of the route where something happens to the soldier. */
export interface RouteHazard {
  pos: Pos;
  /** Acid intensity on the tile as the squad sees it. */
  acid: number;
  /** Hit points the acid burns there. */
  damage: number;
  /** Armor the acid corrodes there. */
  corrosion: number;
}

export interface RouteThreat {
  unit: string;
  kind: Intent["kind"];
  order: number;
  damage: number;
}

export interface RoutePreview {
  /** Would the engine accept every leg? If not, the refusal of the first leg it refuses. */
  ok: boolean;
  code: ErrorCode | null;
  message: string | null;
  /** Every tile entered in order (start excluded), as the engine walks it. */
  path: Pos[];
  /** Move actions the route takes (one per leg: waypoints, then the goal). */
  legs: number;
  /** Action points spent in all. */
  ap: number;
  hazards: RouteHazard[];
  acidDamage: number;
  armorLost: number;
  /** Burning tiles the walk enters, with the hit points each fire burns (armor does not stop it). */
  fire: { pos: Pos; damage: number }[];
  /** Hit points left at the end (0: the route kills him). */
  hpAfter: number;
  dies: boolean;
  /** He stands outside the holding line at the end (exposed in the enemy phase). */
  exposed: boolean;
  /** He ends on a spawn point the next wave uses: the damage a creature climbing out does. */
  spawnDamage: number;
  /** Telegraphed attacks that land on the end tile. */
  threats: RouteThreat[];
  /** The state after the route (for further previews); null if refused. */
  after: BattleState | null;
}

const samePos = (a: Pos, b: Pos) => a.x === b.x && a.y === b.y && a.level === b.level;

/** Attacks announced for the enemy phase that land on `p`. */
export function threatsOn(s: BattleState, p: Pos): RouteThreat[] {
  const out: RouteThreat[] = [];
  for (const it of s.intents) {
    const hits = (it.target && samePos(it.target, p)) || it.area.some((a) => samePos(a, p));
    if (hits) out.push({ unit: it.unit, kind: it.kind, order: it.order, damage: it.damage });
  }
  return out.sort((a, b) => a.order - b.order);
}

/** The cost of moving `unitId` through `waypoints` to `to`, one move action per leg. */
export function routePreview(s: BattleState, seat: Seat, unitId: string, to: Pos, waypoints: Pos[] = []): RoutePreview {
  const start = unitById(s, unitId);
  const out: RoutePreview = {
    ok: true, code: null, message: null, path: [], legs: 0, ap: 0, hazards: [], acidDamage: 0, armorLost: 0, fire: [],
    hpAfter: start?.hp ?? 0, dies: false, exposed: false, spawnDamage: 0, threats: [], after: null,
  };
  let state = s;
  for (const goal of [...waypoints, to]) {
    const here = unitById(state, unitId);
    if (here && samePos(here, goal)) continue;
    const before = here?.ap ?? 0;
    const r = apply(state, { seat, action: { type: "move", unit: unitId, to: { x: goal.x, y: goal.y, level: goal.level } } });
    if (!r.ok) return { ...out, ok: false, code: r.code, message: r.message };
    out.legs++;
    readLeg(state, r.events, unitId, out);
    state = r.state;
    const after = unitById(state, unitId);
    out.ap += before - (after?.ap ?? 0);
    if (!after || after.fate !== "active") {
      out.dies = true;
      break;
    }
  }
  const u = unitById(state, unitId);
  out.after = state;
  out.hpAfter = u && u.fate === "active" ? u.hp : 0;
  if (!u || u.fate !== "active") return out;
  out.exposed = exposedSoldiers(state).includes(unitId);
  out.threats = threatsOn(state, u);
  out.spawnDamage = spawnDamageAt(state, u);
  return out;
}

/**
 * One leg's events, tile by tile: the engine burns a soldier once on each acid tile he enters
 * (corroding his armor first while he has some), in the order he walks, so the acid tiles of the
 * walked path and the burn events pair up in order.
 */
function readLeg(before: BattleState, events: BattleEvent[], unitId: string, out: RoutePreview): void {
  // the engine tells a walk in pieces, up to each tile that burns: the leg is all of them in order
  const walked: Pos[] = [];
  for (const e of events) if (e.type === "moved" && e.unit === unitId) walked.push(...e.path);
  if (!walked.length) return;
  out.path.push(...walked);
  const { map } = before;
  const at = (p: Pos) => p.level * map.width * map.height + p.y * map.width + p.x;
  const acidAt = (p: Pos) => before.layers.acid[at(p)];
  const acidTiles = walked.filter((p) => acidAt(p) > 0);
  const fireTiles = walked.filter((p) => before.layers.fire[at(p)] > 0);
  const last = walked[walked.length - 1];
  let k = 0;
  let f = 0;
  let corrosion = 0;
  for (const e of events) {
    if (e.type === "corroded" && e.unit === unitId) corrosion++;
    else if (e.type === "damaged" && e.unit === unitId && e.cause === "fire") out.fire.push({ pos: fireTiles[f++] ?? last, damage: e.amount });
    else if (e.type === "damaged" && e.unit === unitId && e.cause === "acid") {
      const pos = acidTiles[k++] ?? last;
      out.hazards.push({ pos, acid: acidAt(pos), damage: e.amount, corrosion });
      out.acidDamage += e.amount;
      out.armorLost += corrosion;
      corrosion = 0;
    }
  }
}
