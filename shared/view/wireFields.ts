/**
 * The wire form's fields, described once: each WireState and WireIntent field with its kind. The
 * server's Colyseus Schema is built from it and synced by it (server/schema.ts), the view hash
 * reads exactly these fields, and the compiler checks the description against the `WireState` and
 * `WireIntent` types, so a field added to one and not the other does not compile.
 */
import type { WireIntent, WireState } from "./wire.js";
import { hashString } from "../core/hash.js";

/** A scalar's kind on the wire (the Schema's type: how many bytes a patch spends on it). */
export type ScalarKind = "string" | "boolean" | "int8" | "int16" | "int32" | "uint8" | "uint32" | "float64";
/** The element kind of a number list. */
export type ListKind = "uint8" | "int32";

type ScalarKeys<T> = { [K in keyof T]-?: T[K] extends string | number | boolean ? K : never }[keyof T];
type ListKeys<T> = { [K in keyof T]-?: T[K] extends number[] ? K : never }[keyof T];
type KindFor<V> = V extends string ? "string" : V extends boolean ? "boolean" : Exclude<ScalarKind, "string" | "boolean">;

/** Every scalar of the wire state, in the order the Schema lists them. */
export const WIRE_SCALARS: { readonly [K in ScalarKeys<WireState>]: KindFor<WireState[K]> } = {
  mapId: "string",
  rulesVersion: "int16",
  difficulty: "string",
  splitVision: "boolean",
  viewer: "string",
  round: "int16",
  phase: "string",
  outcome: "string",
  objective: "string",
  step: "uint32",
  readyTakumi: "boolean",
  readyWang: "boolean",
  undoTakumi: "int16",
  undoWang: "int16",
  undoUnitTakumi: "string",
  undoUnitWang: "string",
  undoBackTakumi: "int32",
  undoBackWang: "int32",
  civiliansSaved: "int16",
  hasPerimeter: "boolean",
  radius: "int16",
  nextRadius: "int16",
  breakPoint: "int16",
  perimeterBroken: "boolean",
  breakOutRound: "int16",
  report: "string",
};

/** Every number list of the wire state (tile layers and tile lists). */
export const WIRE_LISTS: { readonly [K in ListKeys<WireState>]: ListKind } = {
  noise: "int32",
  acid: "uint8",
  corpse: "uint8",
  fire: "int32",
  terrain: "uint8",
  visible: "uint8",
};

/** Every scalar of an intent. */
export const INTENT_SCALARS: { readonly [K in ScalarKeys<WireIntent>]: KindFor<WireIntent[K]> } = {
  unit: "string",
  order: "int16",
  kind: "string",
  moveTo: "int32",
  target: "int32",
  damage: "int16",
  victim: "string",
  countdown: "int16",
  lastKnown: "boolean",
  lastSeen: "int32",
};

/** Every number list of an intent. */
export const INTENT_LISTS: { readonly [K in ListKeys<WireIntent>]: ListKind } = {
  area: "int32",
  dragPath: "int32",
};

export const WIRE_SCALAR_KEYS = Object.keys(WIRE_SCALARS) as (keyof typeof WIRE_SCALARS)[];
export const WIRE_LIST_KEYS = Object.keys(WIRE_LISTS) as (keyof typeof WIRE_LISTS)[];
export const INTENT_SCALAR_KEYS = Object.keys(INTENT_SCALARS) as (keyof typeof INTENT_SCALARS)[];
export const INTENT_LIST_KEYS = Object.keys(INTENT_LISTS) as (keyof typeof INTENT_LISTS)[];

/** Every WireState key (the scalars, the lists, the units and the intents). */
export const WIRE_KEYS: readonly (keyof WireState)[] = [...WIRE_SCALAR_KEYS, ...WIRE_LIST_KEYS, "units", "intents"];

/** A value with every object's keys in sorted order: the same JSON whatever order the fields were set in. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * The hash of a wire state: its WireState fields only (a client's copy of the Schema also holds
 * the room's fields), in a canonical order, so the server's wire and a client's copy of it hash
 * the same. The one view hash: the server's, the squad's (viewHash.ts) and the client's.
 */
export function wireHash(w: WireState): string {
  const picked: Record<string, unknown> = {};
  for (const k of WIRE_KEYS) picked[k] = w[k];
  return hashString(JSON.stringify(canonical(picked)));
}
