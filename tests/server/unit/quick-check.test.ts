/** The commands' quick check (server/validation.ts): it accepts only what the zod schema accepts, with the same value. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTION_SHAPES } from "../../../shared/core/actionShape.js";
import { MAX_MESSAGE_BYTES, MESSAGE_SCHEMAS, quickCommand } from "../../../server/validation.js";

const TYPES = ["action", "ready", "undo"] as const;
const ACTION_TYPES = [...Object.keys(ACTION_SHAPES), "fly"];

/** Values near and beyond each field's bounds, of every kind. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, 1, -1, 2 ** 31 - 1, 2 ** 31, 1_000_000, 1_000_001, -1_000_001, 0.5, NaN, Infinity, -0, null, undefined, true, false, "", "takumi", "wang", "spectator", "x".repeat(32), "x".repeat(33), "\u0000".repeat(32)),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.constant([]),
  fc.constant({}),
);
const posLike = fc.record({ x: anyValue, y: anyValue, level: anyValue, extra: anyValue }, { requiredKeys: [] });
const goodPos = fc.record({ x: fc.integer({ min: -5, max: 50 }), y: fc.integer({ min: -5, max: 50 }), level: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ["x", "y"] });
const field = fc.oneof(anyValue, posLike, goodPos, fc.constantFrom("takumi", "wang", "soldier-1"));
const actionLike = fc.record(
  { type: fc.constantFrom(...ACTION_TYPES), unit: field, to: field, target: field, comrade: field, ready: field, extra: field },
  { requiredKeys: ["type"] },
);
/** A tile as clients send it (on the grid or not; never negative). */
const tile = fc.record({ x: fc.integer({ min: 0, max: 50 }), y: fc.integer({ min: 0, max: 50 }), level: fc.integer({ min: 0, max: 3 }) }, { requiredKeys: ["x", "y"], noNullPrototype: true });
/** A well-formed action of each type, built from its shape: the messages a real client sends. */
const wellFormedAction = fc.constantFrom(...Object.entries(ACTION_SHAPES)).chain(([type, shape]) =>
  fc.record(
    Object.fromEntries(Object.entries(shape as Record<string, string>).map(([name, kind]) => [
      name,
      kind === "id" ? fc.constantFrom("takumi", "wang", "soldier-1") : kind === "bool" ? fc.boolean() : tile,
    ])),
    { noNullPrototype: true },
  ).map((fields) => ({ type, ...fields })),
);
const message = fc.record({ action: fc.oneof(actionLike, anyValue), ready: field, seat: fc.oneof(anyValue, fc.constantFrom("takumi", "wang")), seq: anyValue, extra: anyValue }, { requiredKeys: [] });

const seatAndSeq = { seat: fc.constantFrom("takumi", "wang"), seq: fc.integer({ min: 1, max: 1_000_000 }) };
/** A well-formed command of each type, as a real client sends it (decoded messages are plain objects). */
const wellFormedCommand: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.record({ action: wellFormedAction, ...seatAndSeq }, { requiredKeys: ["action"], noNullPrototype: true }).map((m) => ["action", m] as [string, unknown]),
  fc.record({ ready: fc.boolean(), ...seatAndSeq }, { requiredKeys: ["ready"], noNullPrototype: true }).map((m) => ["ready", m] as [string, unknown]),
  fc.record(seatAndSeq, { requiredKeys: [], noNullPrototype: true }).map((m) => ["undo", m] as [string, unknown]),
);
const command = fc.oneof(fc.tuple(fc.constantFrom<string>(...TYPES), message), wellFormedCommand);

describe("the commands' quick check", () => {
  it("accepts only messages the schema accepts, with the very value zod gives", () => {
    let quick = 0;
    fc.assert(
      fc.property(command, ([type, m]) => {
        const q = quickCommand(type, m);
        if (!q) return;
        quick++;
        const z = MESSAGE_SCHEMAS[type as (typeof TYPES)[number]].safeParse(m);
        expect(z.success, JSON.stringify(m)).toBe(true);
        expect(q).toStrictEqual(z.data);
        expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      }),
      // A fixed seed: the same 20,000 messages on every run, so a pass or a failure repeats.
      { numRuns: 20_000, seed: 20_261_208 },
    );
    // Half the commands drawn are well formed: the accepting path is exercised, not only the refusals.
    expect(quick).toBeGreaterThan(5_000);
  });

  it("takes every well-formed command quickly, as zod reads it", () => {
    fc.assert(
      fc.property(wellFormedCommand, ([type, m]) => {
        const q = quickCommand(type, m);
        expect(q, JSON.stringify(m)).not.toBeNull();
        expect(q).toStrictEqual(MESSAGE_SCHEMAS[type as (typeof TYPES)[number]].parse(m));
      }),
      { numRuns: 5_000, seed: 20_261_208 },
    );
  });

  it("takes the usual commands quickly", () => {
    const samples: [string, unknown][] = [
      ["action", { action: { type: "move", unit: "takumi", to: { x: 3, y: 4, level: 0 } }, seq: 7 }],
      ["action", { action: { type: "move", unit: "takumi", to: { x: 3, y: 4 } } }],
      ["action", { action: { type: "shoot", unit: "wang", target: "leaper-2" }, seat: "wang", seq: 1 }],
      ["action", { action: { type: "overwatch", unit: "takumi" } }],
      ["ready", { ready: true, seq: 3 }],
      ["undo", {}],
      ["undo", { seat: "takumi", seq: 2 }],
    ];
    for (const [type, m] of samples) {
      const q = quickCommand(type, m);
      expect(q, JSON.stringify(m)).not.toBeNull();
      expect(q).toStrictEqual(MESSAGE_SCHEMAS[type as "action"].parse(m));
    }
  });
});
