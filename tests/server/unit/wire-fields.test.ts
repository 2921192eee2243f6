/** The wire form described once (shared/view/wireFields.ts): the Schema built from it carries every field, and one view hash. */
import { describe, expect, it } from "vitest";
import { autoplay, viewFor } from "../../../shared/index.js";
import { toWire, type WireState } from "../../../shared/view/wire.js";
import { WIRE_KEYS, wireHash } from "../../../shared/view/wireFields.js";
import { squadViewHash } from "../../../shared/view/viewHash.js";
import { BattleStateSchema, syncWire } from "../../../server/schema.js";
import { fresh } from "../../engine/helpers.js";

describe("the wire's fields", () => {
  it("a Schema synced from a wire gives back every field, and its copy hashes as the wire does", () => {
    let s = fresh("last-stand", 4);
    const schema = new BattleStateSchema();
    let previous: WireState | null = null;
    for (let round = 0; round < 4; round++) {
      const wire = toWire(viewFor(s, "spectator"));
      syncWire(schema, wire, previous);
      previous = wire;
      // what a client holds: the Schema's JSON, with the room's own fields beside the wire's
      const copy = { ...(schema.toJSON() as unknown as WireState), code: "ABCDE", holderTakumi: "player" };
      for (const k of WIRE_KEYS) expect(copy[k], k).toEqual(wire[k]);
      expect(wireHash(copy)).toBe(wireHash(wire));
      expect(squadViewHash(s)).toBe(wireHash(wire));
      s = autoplay(s, ["takumi", "wang"], { max: 60 }).state;
    }
    // and it tells states apart
    expect(squadViewHash(s)).not.toBe(squadViewHash(fresh("last-stand", 4)));
  });

  it("synced step by step against the last wire, the Schema holds what a full comparison gives", () => {
    // the diff reads the last wire instead of the Schema: units coming into sight, leaving it and dying
    const steps = autoplay(fresh("last-stand", 9), ["takumi", "wang"], { max: 400 }).steps;
    expect(steps.length).toBeGreaterThan(50);
    const diffed = new BattleStateSchema();
    let previous: WireState | null = null;
    const seenUnits = new Set<number>();
    for (const step of steps) {
      const wire = toWire(viewFor(step.state, "spectator"));
      syncWire(diffed, wire, previous);
      previous = wire;
      const full = new BattleStateSchema();
      syncWire(full, wire);
      expect(diffed.toJSON()).toEqual(full.toJSON());
      seenUnits.add(Object.keys(wire.units).length);
    }
    // units came into and went out of the view along the way
    expect(seenUnits.size).toBeGreaterThan(1);
  });
});
