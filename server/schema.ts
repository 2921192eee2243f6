/**
 * The room's Colyseus Schema state. It mirrors `WireState` (shared/view/wire.ts) field for field, so a
 * client can do `fromWire(room.state.toJSON(), map)`, plus a few room-level fields (join code, seat
 * holders, selections, turn deadline) documented in docs/PROTOCOL.md.
 *
 * `syncWire` copies a new WireState into the Schema by diffing: only the fields, map entries and
 * array slots that changed are assigned, so a patch carries only what an action changed.
 *
 * The Schema only ever holds a *view* (what the squad may see): never the full battle state, the
 * random generator, hidden creatures or their intents.
 */
import { schema, t, ArraySchema, MapSchema, type SchemaType } from "@colyseus/schema";
import type { WireIntent, WireState, WireUnit } from "../shared/view/wire.js";
import { UNIT_FIELDS, UNIT_FIELD_NAMES } from "../shared/core/unitFields.js";
import {
  INTENT_LIST_KEYS, INTENT_LISTS, INTENT_SCALAR_KEYS, INTENT_SCALARS, WIRE_KEYS, WIRE_LIST_KEYS, WIRE_LISTS, WIRE_SCALAR_KEYS, WIRE_SCALARS,
  type ListKind, type ScalarKind,
} from "../shared/view/wireFields.js";

/** The unit's Schema fields, derived from the one list of unit fields (shared/core/unitFields.ts). */
function unitSchemaFields() {
  const out: Record<string, ReturnType<typeof t.string> | ReturnType<typeof t.boolean> | ReturnType<typeof t.int16>> = {};
  for (const f of UNIT_FIELDS) {
    if (f.kind === "boolean") out[f.name] = t.boolean();
    else if (f.kind === "number") out[f.name] = f.width === "uint8" ? t.uint8() : t.int16();
    else out[f.name] = t.string();
  }
  return out as { [K in keyof WireUnit]: WireUnit[K] extends number ? ReturnType<typeof t.int16> : WireUnit[K] extends boolean ? ReturnType<typeof t.boolean> : ReturnType<typeof t.string> };
}

export const UnitSchema = schema(unitSchemaFields(), "Unit");
export type UnitSchema = SchemaType<typeof UnitSchema>;

/** A scalar's Schema field for its kind on the wire. */
type FieldFor<K extends ScalarKind> = K extends "string" ? ReturnType<typeof t.string> : K extends "boolean" ? ReturnType<typeof t.boolean> : ReturnType<typeof t.int16>;
const numberList = (kind: ListKind) => t.array(kind);

/** The Schema fields of a scalar description (shared/view/wireFields.ts). */
function scalarFields<D extends Readonly<Record<string, ScalarKind>>>(d: D): { -readonly [K in keyof D]: FieldFor<D[K]> } {
  const out: Record<string, unknown> = {};
  for (const [k, kind] of Object.entries(d)) out[k] = (t[kind] as () => unknown)();
  return out as { -readonly [K in keyof D]: FieldFor<D[K]> };
}

/** The Schema fields of a list description. */
function listFields<D extends Readonly<Record<string, ListKind>>>(d: D): { -readonly [K in keyof D]: ReturnType<typeof numberList> } {
  const out: Record<string, unknown> = {};
  for (const [k, kind] of Object.entries(d)) out[k] = numberList(kind);
  return out as { -readonly [K in keyof D]: ReturnType<typeof numberList> };
}

export const IntentSchema = schema({ ...scalarFields(INTENT_SCALARS), ...listFields(INTENT_LISTS) }, "Intent");
export type IntentSchema = SchemaType<typeof IntentSchema>;

export const BattleStateSchema = schema(
  {
    // ---- WireState, field for field (shared/view/wireFields.ts) ----
    ...scalarFields(WIRE_SCALARS),
    ...listFields(WIRE_LISTS),
    units: t.map(UnitSchema),
    intents: t.array(IntentSchema),
    // ---- room-level fields (not part of WireState) ----
    /** The join code of this battle. */
    code: t.string(),
    /** The match id (GET /api/matches/:id/record). */
    matchId: t.string(),
    /** Who holds each seat: "player" (a connected human), "dropped" (a human within the
     *  reconnection window), "bot" (the soldier bot plays it), "partner" (the other seat's player
     *  took the squad over), "open" (kept free for a friend: nobody plays it yet). */
    holderTakumi: t.string(),
    holderWang: t.string(),
    /** The unit each player has selected ("" for none), shown to both. */
    selectTakumi: t.string(),
    selectWang: t.string(),
    spectators: t.int16(),
    /** Turn timer: seconds per player phase (0: no timer) and the deadline (ms since epoch, 0: none). */
    turnSeconds: t.int16(),
    turnDeadline: t.float64(),
    // ---- a campaign (docs/PROTOCOL.md, "Campaigns"; "" and zeros for a single battle) ----
    /** "" a battle; "scene" a scene is played; "report" between scenes; "over" ended early; "complete". */
    campaignStage: t.string(),
    /** 0-based scene being played (in "report": the one just ended), of `campaignScenes`. */
    campaignScene: t.int8(),
    campaignScenes: t.int8(),
    /** Between scenes: marked ready to go on (a seat no human holds counts as ready). */
    campaignReadyTakumi: t.boolean(),
    campaignReadyWang: t.boolean(),
    /** JSON of the public CampaignSummary (shared/campaign/summary.ts). */
    campaign: t.string(),
  },
  "BattleState",
);
export type BattleStateSchema = SchemaType<typeof BattleStateSchema>;

const UNIT_KEYS = UNIT_FIELD_NAMES;

/** Every WireState key, so tests can check the Schema covers the wire form. */
export { WIRE_KEYS };

function syncNumbers(target: ArraySchema<number>, values: readonly number[], previous?: readonly number[]): void {
  const n = values.length;
  // Reading an ArraySchema goes through a Proxy: when the values last written are known (and the
  // lengths agree), compare against those plain arrays and touch the Schema only where they differ.
  if (previous && previous.length === n && target.length === n) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (previous[i] !== v) target[i] = v;
    }
    return;
  }
  // Shrink first (from the end), then update in place, then grow.
  while (target.length > n) target.pop();
  const m = target.length;
  for (let i = 0; i < m; i++) {
    const v = values[i];
    if (target[i] !== v) target[i] = v;
  }
  for (let i = m; i < n; i++) target.push(values[i]);
}

/** `previous`: the same unit as last synced into `target` (compared instead of the Schema's getters). */
function syncUnit(target: UnitSchema, u: WireUnit, previous?: WireUnit): void {
  const tgt = target as unknown as Record<string, unknown>;
  if (previous) {
    for (const k of UNIT_KEYS) {
      const v = u[k];
      if (previous[k] !== v) tgt[k] = v;
    }
    return;
  }
  for (const k of UNIT_KEYS) {
    const v = u[k];
    if (tgt[k] !== v) tgt[k] = v;
  }
}

/** `previous`: the intent last synced into `target` (compared instead of the Schema's getters). */
function syncIntent(target: IntentSchema, i: WireIntent, previous?: WireIntent): void {
  const tgt = target as unknown as Record<string, unknown>;
  for (const k of INTENT_SCALAR_KEYS) {
    const v = i[k];
    if ((previous ? previous[k] : tgt[k]) !== v) tgt[k] = v;
  }
  for (const k of INTENT_LIST_KEYS) syncNumbers(target[k] as ArraySchema<number>, i[k], previous?.[k]);
}

/**
 * Copies `wire` into `state`, assigning only what differs from what the Schema holds now.
 * `previous` — the WireState synced last into this same Schema — lets the tile layers be compared
 * as plain arrays (much faster than reading the Schema's).
 */
export function syncWire(state: BattleStateSchema, wire: WireState, previous?: WireState | null): void {
  const s = state as unknown as Record<string, unknown>;
  // Reading a Schema field goes through its getter: against the values last written, when known,
  // the plain objects are compared instead, and the Schema is only written where they differ.
  const before = previous as unknown as Record<string, unknown> | null | undefined;
  for (const k of WIRE_SCALAR_KEYS) {
    const v = wire[k];
    if ((before ? before[k] : s[k]) !== v) s[k] = v;
  }
  // a list the wire builder kept from the last state (shared/view/wire.ts) is the same array: unchanged
  for (const k of WIRE_LIST_KEYS) if (!previous || previous[k] !== wire[k]) syncNumbers(state[k] as ArraySchema<number>, wire[k], previous?.[k]);

  const units = state.units as MapSchema<UnitSchema>;
  // the builder kept the very same units object (no unit shown, changed or gone): nothing to do
  if (!previous || previous.units !== wire.units) syncUnits(units, wire.units, previous?.units);

  // the wire builder kept the intents (shared/view/wire.ts): the same array, synced last time
  if (previous && previous.intents === wire.intents) return;
  const intents = state.intents as ArraySchema<IntentSchema>;
  while (intents.length > wire.intents.length) intents.pop();
  for (let i = 0; i < wire.intents.length; i++) {
    if (i < intents.length) {
      const last = previous && i < previous.intents.length ? previous.intents[i] : undefined;
      // the same intent object as last synced in this slot: nothing changed
      if (last !== wire.intents[i]) syncIntent(intents[i], wire.intents[i], last);
    } else {
      const target = new IntentSchema();
      syncIntent(target, wire.intents[i]);
      intents.push(target);
    }
  }
}

const has = (o: object, id: string) => Object.prototype.hasOwnProperty.call(o, id);

function syncUnits(units: MapSchema<UnitSchema>, wire: Record<string, WireUnit>, previous: Record<string, WireUnit> | undefined): void {
  if (previous) {
    for (const id in previous) if (!has(wire, id)) units.delete(id);
  } else {
    for (const id of Array.from(units.keys())) if (!has(wire, id)) units.delete(id);
  }
  // (for…in: the order of Object.keys for a plain object, without making the array)
  for (const id in wire) {
    const u = wire[id];
    const last = previous && has(previous, id) ? previous[id] : undefined;
    // a unit the wire builder kept (the same object) is unchanged
    if (last === u) continue;
    let target = units.get(id);
    if (!target) {
      target = new UnitSchema();
      syncUnit(target, u);
      units.set(id, target);
    } else {
      syncUnit(target, u, last);
    }
  }
}
