/** The action's shape written once (shared/core/actionShape.ts): the engine's check and the server's schema agree. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTION_SHAPES, wellFormed } from "../../../shared/core/actionShape.js";
import { checkMessage } from "../../../server/validation.js";

const sample = { id: "takumi", pos: { x: 3, y: 4, level: 0 }, bool: true } as const;

/** One well-formed action of each type. */
const samples = Object.entries(ACTION_SHAPES).map(([type, shape]) => ({
  type,
  ...Object.fromEntries(Object.entries(shape as Record<string, keyof typeof sample>).map(([f, k]) => [f, sample[k]])),
}));

describe("the action's shape", () => {
  it("covers the fourteen action types, each accepted by the engine and the server", () => {
    expect(samples).toHaveLength(14);
    for (const a of samples) {
      expect(wellFormed(a)).toBe(true);
      expect(checkMessage("action", { action: a }).ok).toBe(true);
    }
  });

  it("refuses a missing field, a wrong kind and an unknown type in both", () => {
    for (const a of samples) {
      for (const field of Object.keys(a).filter((f) => f !== "type")) {
        const missing = { ...a } as Record<string, unknown>;
        delete missing[field];
        expect(wellFormed(missing)).toBe(false);
        expect(checkMessage("action", { action: missing }).ok).toBe(false);
        const wrong = { ...a, [field]: 17 };
        expect(wellFormed(wrong)).toBe(false);
        expect(checkMessage("action", { action: wrong }).ok).toBe(false);
      }
    }
    expect(wellFormed({ type: "fly", unit: "takumi" })).toBe(false);
    expect(checkMessage("action", { action: { type: "fly", unit: "takumi" } }).ok).toBe(false);
    // the server alone refuses a field the action does not have (the engine never sees one)
    expect(checkMessage("action", { action: { type: "undo", extra: 1 } }).ok).toBe(false);
  });

  it("agrees on random values: whatever the server accepts (with the level filled in) the engine finds well formed", () => {
    const field = fc.oneof(fc.constant("takumi"), fc.constant(""), fc.boolean(), fc.integer(), fc.record({ x: fc.integer({ min: -3, max: 40 }), y: fc.integer({ min: -3, max: 40 }), level: fc.integer({ min: 0, max: 3 }) }));
    const action = fc.record(
      { type: fc.constantFrom(...Object.keys(ACTION_SHAPES), "fly"), unit: field, target: field, comrade: field, to: field, ready: field },
      { requiredKeys: ["type"] },
    );
    fc.assert(
      fc.property(action, (a) => {
        const server = checkMessage("action", { action: a });
        if (server.ok) expect(wellFormed((server.value as { action: unknown }).action)).toBe(true);
      }),
      { seed: 19, numRuns: 2000 },
    );
  });
});
