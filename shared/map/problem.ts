/**
 * A map file's problem, as each step of the loader reports it: the Tiled layer (null for the map
 * itself: its size, custom properties and tilesets), the field inside it, and what is wrong. Each
 * step returns a result; `parseMap` stops at the first problem and names the file.
 */
import type { z } from "zod";

export interface MapProblem {
  layer: string | null;
  field: string;
  detail: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: MapProblem };

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });

export const problem = (layer: string | null, field: string, detail: string): { ok: false; problem: MapProblem } => ({
  ok: false,
  problem: { layer, field, detail },
});

/** A path of a zod issue, as a field name: `objects[2].seat`. */
export function fmtPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** A value checked against a schema; a refusal names the field under `prefix` in `layer`. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, layer: string | null, prefix: string): Parsed<T> {
  const r = schema.safeParse(value);
  if (r.success) return parsed(r.data);
  const issue = r.error.issues[0];
  const field = fmtPath(issue.path);
  return problem(layer, prefix && field ? `${prefix}.${field}` : prefix || field || "(value)", issue.message);
}
