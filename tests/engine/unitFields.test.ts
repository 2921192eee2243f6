/** The one list of unit fields: the copy, the wire form, the builder and the server Schema all follow it. */
import { describe, expect, it } from "vitest";
import { UNIT_FIELDS, UNIT_FIELD_NAMES, copyUnit, newUnit, unitFromWire, unitToWire } from "../../shared/core/unitFields.js";
import { UnitSchema } from "../../server/schema.js";
import { fresh } from "./helpers.js";

describe("unit fields", () => {
  it("every unit of a battle has exactly the list's fields, in the list's order", () => {
    const s = fresh("last-stand", 3);
    for (const u of s.units) expect(Object.keys(u)).toEqual(UNIT_FIELD_NAMES);
  });

  it("newUnit fills what it is not given with the defaults", () => {
    const u = newUnit({ id: "x", hp: 4 });
    expect(u.id).toBe("x");
    expect(u.hp).toBe(4);
    expect(u.seat).toBeNull();
    for (const f of UNIT_FIELDS) if (f.name !== "id" && f.name !== "hp") expect(u[f.name]).toBe(f.def);
  });

  it("a copy is equal and separate; the wire form round-trips with nulls as empty strings", () => {
    const s = fresh("last-stand", 3);
    const c = s.units.find((u) => u.side === "creature")!;
    const copy = copyUnit(c);
    expect(copy).toEqual(c);
    copy.hp = 99;
    expect(c.hp).not.toBe(99);
    const w = unitToWire(c);
    expect(w.seat).toBe("");
    expect(w.grabbedBy).toBe("");
    expect(unitFromWire(w)).toEqual(c);
    for (const u of s.units) expect(unitFromWire(unitToWire(u))).toEqual(u);
  });

  it("the server's unit Schema carries every listed field", () => {
    const s = fresh("last-stand", 3);
    for (const u of s.units) {
      const w = unitToWire(u);
      const target = new UnitSchema() as unknown as Record<string, unknown> & { toJSON(): unknown };
      for (const n of UNIT_FIELD_NAMES) target[n] = w[n];
      expect(target.toJSON()).toEqual(w);
    }
  });
});

describe("the state hash covers a named list of fields", () => {
  it("every field of every state of a played battle is on the hash's list", async () => {
    const { HASHED_STATE_KEYS } = await import("../../shared/core/hash.js");
    const { apply, botCommand, createBattle } = await import("../../shared/index.js");
    const { map } = await import("./helpers.js");
    let s = createBattle(map("last-stand"), 5);
    const seen = new Set<string>();
    for (let n = 0; n < 400 && s.phase === "player"; n++) {
      for (const k of Object.keys(s)) seen.add(k);
      const seat = n % 2 ? "wang" : "takumi";
      // now and then a seat takes its ready back (states may carry what that leaves behind)
      if (s.ready[seat] && n % 7 === 0) {
        const back = apply(s, { seat, action: { type: "ready", ready: false } });
        if (back.ok) { s = back.state; for (const k of Object.keys(s)) seen.add(k); }
      }
      const c = botCommand(s, seat);
      if (!c) continue;
      const r = apply(s, c);
      if (r.ok) s = r.state;
    }
    for (const k of Object.keys(s)) seen.add(k);
    expect([...seen].filter((k) => !HASHED_STATE_KEYS.includes(k))).toEqual([]);
  });
});
