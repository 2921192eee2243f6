/**
 * The one list of a unit's fields. The `Unit` type, a unit's copy, the `newUnit` builder, the wire
 * form (`WireUnit`, where a null string travels as "") and the server's Schema class all derive
 * from it, so a new field is added here and nowhere else.
 */
import type { CivilianKind, CreatureKind, Seat, SoldierKind } from "../map/types.js";

export type UnitKind = SoldierKind | CreatureKind | CivilianKind;
/** Civilians are nobody's to command: their own AI moves them (civilians.ts). */
export type Side = "squad" | "creature" | "civilian";
/** Where a unit is: on the board, or gone (and how). */
export type UnitFate = "active" | "dead" | "taken" | "extracted" | "carried";

/** How a field is stored: the wire and Schema type follow from it. */
export type FieldKind = "string" | "nullableString" | "number" | "boolean";
/** Numbers travel as small integers; positions fit a byte. */
export type NumberWidth = "uint8" | "int16";

export interface FieldSpec<N extends string = string, T = unknown, K extends FieldKind = FieldKind> {
  name: N;
  kind: K;
  def: T;
  /** Numbers only: the Schema's integer width. */
  width?: NumberWidth;
}

const str = <T extends string = string>() => <N extends string>(name: N, def: T): FieldSpec<N, T, "string"> => ({ name, kind: "string", def });
const nullable = <T extends string = string>() => <N extends string>(name: N): FieldSpec<N, T | null, "nullableString"> => ({ name, kind: "nullableString", def: null });
const num = <N extends string>(name: N, width: NumberWidth = "int16"): FieldSpec<N, number, "number"> => ({ name, kind: "number", def: 0, width });
const bool = <N extends string>(name: N, def = false): FieldSpec<N, boolean, "boolean"> => ({ name, kind: "boolean", def });

/** Every field of a unit, in order (the order of the wire form and the state hash). */
export const UNIT_FIELDS = [
  str()("id", ""),
  str<UnitKind>()("kind", "private"),
  str<Side>()("side", "squad"),
  /** The seat that commands a soldier; null for creatures and civilians. */
  nullable<Seat>()("seat"),
  num("x", "uint8"),
  num("y", "uint8"),
  num("level", "uint8"),
  num("hp"),
  num("maxHp"),
  num("armor"),
  num("ap"),
  num("move"),
  num("aim"),
  str<UnitFate>()("fate", "active"),
  // Soldiers
  num("mag"),
  num("spareMags"),
  num("grenades"),
  bool("hasWeapon"),
  bool("overwatch"),
  /** Id of the creature holding this soldier (or civilian), or null. */
  nullable()("grabbedBy"),
  /** Freed this round: the soldier has only 1 AP next round. */
  bool("freed"),
  /** Burned by acid at least once this battle (shown as a status). */
  bool("burned"),
  /** Grabbed and held on to by this comrade this round (the drag halts), or null. */
  nullable()("heldBy"),
  /** Down (0 hp, not dead): environment phases left before he dies; 0 when up. */
  num("down"),
  /** Trapped (a civilian held where he stands, at the bus's jammed door): he cannot run, and no
   *  creature hunts him, until a soldier reaches the rescue point (objectives.ts). */
  bool("trapped"),
  /** The comrade this soldier carries (he moves with him, off the board), or null. */
  nullable()("carrying"),
  /** Carried by this comrade (fate "carried"; a child too), or null. */
  nullable()("carriedBy"),
  // Creatures
  /** Id of the soldier this creature holds, or null. */
  nullable()("grabbing"),
  /** Hidden from the squad at the start of this player phase: may only move in the enemy phase. */
  bool("unseenAtPhaseStart"),
] as const;

type Fields = (typeof UNIT_FIELDS)[number];
export type UnitFieldName = Fields["name"];

/** A unit: one property per field of the list, of the field's type. */
export type Unit = { [F in Fields as F["name"]]: F["def"] };

/** Its wire form: a null string travels as "", and literal unions as plain strings. */
export type WireUnit = {
  [F in Fields as F["name"]]: F["kind"] extends "number" ? number : F["kind"] extends "boolean" ? boolean : string;
};

export const UNIT_FIELD_NAMES: readonly UnitFieldName[] = UNIT_FIELDS.map((f) => f.name);

/** Every field's default, by name. */
const D = Object.fromEntries(UNIT_FIELDS.map((f) => [f.name, f.def])) as Unit;

/** A value given, or else the default (`undefined` alone counts as not given). */
function or<T>(given: T | undefined, def: T): T {
  return given !== undefined ? given : def;
}

/**
 * A new unit: every field from `values`, or else its default (always built in the list's order).
 * A literal, like copyUnit's: a loop over the list keyed by name costs more than the rest of a
 * creature's spawn.
 */
export function newUnit(values: Partial<Unit>): Unit {
  const v = values;
  const out: { [K in UnitFieldName]: Unit[K] } = {
    id: or(v.id, D.id), kind: or(v.kind, D.kind), side: or(v.side, D.side), seat: or(v.seat, D.seat),
    x: or(v.x, D.x), y: or(v.y, D.y), level: or(v.level, D.level), hp: or(v.hp, D.hp), maxHp: or(v.maxHp, D.maxHp),
    armor: or(v.armor, D.armor), ap: or(v.ap, D.ap), move: or(v.move, D.move), aim: or(v.aim, D.aim),
    fate: or(v.fate, D.fate), mag: or(v.mag, D.mag), spareMags: or(v.spareMags, D.spareMags),
    grenades: or(v.grenades, D.grenades), hasWeapon: or(v.hasWeapon, D.hasWeapon),
    overwatch: or(v.overwatch, D.overwatch), grabbedBy: or(v.grabbedBy, D.grabbedBy), freed: or(v.freed, D.freed),
    burned: or(v.burned, D.burned), heldBy: or(v.heldBy, D.heldBy), down: or(v.down, D.down),
    trapped: or(v.trapped, D.trapped), carrying: or(v.carrying, D.carrying), carriedBy: or(v.carriedBy, D.carriedBy),
    grabbing: or(v.grabbing, D.grabbing), unseenAtPhaseStart: or(v.unseenAtPhaseStart, D.unseenAtPhaseStart),
  };
  return out;
}

/**
 * A unit's copy, field by field: on the engine's hot path (every unit a command writes is copied) a
 * literal is about 15 times faster than a spread or a loop over the list. The type-checker holds it
 * to the list: a field added above and missing here (or one left here and dropped above) fails
 * `tsc`, and tests/engine/unitFields.test.ts checks the copy equals the unit.
 */
export function copyUnit(u: Unit): Unit {
  const copy: { [K in UnitFieldName]: Unit[K] } = {
    id: u.id, kind: u.kind, side: u.side, seat: u.seat, x: u.x, y: u.y, level: u.level, hp: u.hp, maxHp: u.maxHp,
    armor: u.armor, ap: u.ap, move: u.move, aim: u.aim, fate: u.fate, mag: u.mag, spareMags: u.spareMags,
    grenades: u.grenades, hasWeapon: u.hasWeapon, overwatch: u.overwatch, grabbedBy: u.grabbedBy, freed: u.freed,
    burned: u.burned, heldBy: u.heldBy, down: u.down, trapped: u.trapped, carrying: u.carrying, carriedBy: u.carriedBy,
    grabbing: u.grabbing, unseenAtPhaseStart: u.unseenAtPhaseStart,
  };
  return copy;
}

/**
 * A unit built from an object assembled field by field (by name, from the list): the same literal
 * as copyUnit, kept apart so that copyUnit only ever reads units of the literal's own shape (an
 * object grown key by key can fall to V8's slow dictionary mode, and one such object seen by
 * copyUnit made every later copy ~10 times slower).
 */
function fromLoose(u: Unit): Unit {
  const out: { [K in UnitFieldName]: Unit[K] } = {
    id: u.id, kind: u.kind, side: u.side, seat: u.seat, x: u.x, y: u.y, level: u.level, hp: u.hp, maxHp: u.maxHp,
    armor: u.armor, ap: u.ap, move: u.move, aim: u.aim, fate: u.fate, mag: u.mag, spareMags: u.spareMags,
    grenades: u.grenades, hasWeapon: u.hasWeapon, overwatch: u.overwatch, grabbedBy: u.grabbedBy, freed: u.freed,
    burned: u.burned, heldBy: u.heldBy, down: u.down, trapped: u.trapped, carrying: u.carrying, carriedBy: u.carriedBy,
    grabbing: u.grabbing, unseenAtPhaseStart: u.unseenAtPhaseStart,
  };
  return out;
}

export function unitToWire(u: Unit): WireUnit {
  const out: Record<string, unknown> = {};
  const src = u as Record<string, unknown>;
  for (const f of UNIT_FIELDS) out[f.name] = f.kind === "nullableString" ? (src[f.name] ?? "") : src[f.name];
  return out as WireUnit;
}

export function unitFromWire(w: WireUnit): Unit {
  const out: Record<string, unknown> = {};
  const src = w as Record<string, unknown>;
  for (const f of UNIT_FIELDS) {
    const v = src[f.name];
    out[f.name] = f.kind === "nullableString" ? (v === "" || v === undefined ? null : v) : v === undefined ? f.def : v;
  }
  return fromLoose(out as Unit);
}
