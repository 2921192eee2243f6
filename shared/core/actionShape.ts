/**
 * An action's shape, written once: each action type's fields and their kinds. The engine's
 * `wellFormed` reads it, the server's message schema is built from it (server/validation.ts), and
 * the compiler checks it against the `Action` type field by field, so the three cannot drift apart.
 */
import type { Action, Pos } from "./types.js";

/** A field's kind: a unit's id, a tile, or a flag. */
export type FieldKind = "id" | "pos" | "bool";

type KindOf<T> = T extends Pos ? "pos" : T extends boolean ? "bool" : T extends string ? "id" : never;
type ShapeOf<A> = { readonly [F in Exclude<keyof A, "type">]-?: KindOf<A[F]> };

/** Every action type, with exactly its fields (a missing or extra field does not compile). */
export const ACTION_SHAPES: { readonly [K in Action["type"]]: ShapeOf<Extract<Action, { type: K }>> } = {
  move: { unit: "id", to: "pos" },
  shoot: { unit: "id", target: "id" },
  calledShot: { unit: "id", target: "id" },
  overwatch: { unit: "id" },
  grenade: { unit: "id", to: "pos" },
  butt: { unit: "id", target: "id" },
  reload: { unit: "id" },
  holdOn: { unit: "id", comrade: "id" },
  revive: { unit: "id", comrade: "id" },
  carry: { unit: "id", comrade: "id" },
  drop: { unit: "id" },
  withdraw: { unit: "id" },
  ready: { ready: "bool" },
  undo: {},
};

/** The longest unit id a message may carry. */
export const MAX_ID_LENGTH = 32;

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** Does the value have the field's kind? */
export function hasKind(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case "id": return typeof v === "string" && v.length > 0 && v.length <= MAX_ID_LENGTH;
    case "bool": return typeof v === "boolean";
    case "pos": {
      const p = v as Pos;
      return typeof p === "object" && p !== null && isInt(p.x) && isInt(p.y) && isInt(p.level);
    }
  }
}

/**
 * Each action type's field names and their kinds, as two parallel lists (read on every command: an
 * indexed walk of flat lists is quicker than the record, or a list of pairs taken apart each time).
 */
const SHAPE_FIELDS = new Map<string, { names: string[]; kinds: FieldKind[] }>(
  Object.entries(ACTION_SHAPES).map(([type, shape]) => {
    const entries = Object.entries(shape as Record<string, FieldKind>);
    return [type, { names: entries.map((e) => e[0]), kinds: entries.map((e) => e[1]) }];
  }),
);

/** Is this a well-formed action (a known type, each of its fields of its kind)? Rules are checked later. */
export function wellFormed(a: unknown): a is Action {
  if (typeof a !== "object" || a === null) return false;
  const x = a as Record<string, unknown>;
  const fields = typeof x.type === "string" ? SHAPE_FIELDS.get(x.type) : undefined;
  if (!fields) return false;
  const { names, kinds } = fields;
  for (let k = 0; k < names.length; k++) if (!hasKind(kinds[k], x[names[k]])) return false;
  return true;
}
