/** Events on the wire: positions travel as tile indices and come back as the same events. */
import { describe, expect, it } from "vitest";
import { apply, botCommand, eventsFromWire, eventsToWire, type BattleEvent, type Seat } from "../../shared/index.js";
import { fresh } from "./helpers.js";

describe("wire events", () => {
  it("every event of a played battle survives the round trip, and the wire form is smaller (positions as indices, false flags left out)", () => {
    let s = fresh("last-stand", 9);
    const all: BattleEvent[] = [];
    for (let n = 0; n < 400 && s.phase === "player"; n++) {
      const seat: Seat = n % 2 ? "wang" : "takumi";
      const c = botCommand(s, seat);
      if (!c) continue;
      const r = apply(s, c);
      if (!r.ok) continue;
      all.push(...r.events);
      s = r.state;
    }
    const kinds = new Set(all.map((e) => e.type));
    for (const k of ["moved", "shot", "acid", "died", "spawned", "phase"]) expect(kinds.has(k as BattleEvent["type"])).toBe(true);
    const wire = eventsToWire(s.map, all);
    expect(eventsFromWire(s.map, wire)).toEqual(all);
    // positions are most of an event's size: the wire form saves at least a quarter
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(all).length * 0.75);
    // a false flag travels as nothing, and comes back false
    const shots = wire.filter((e) => e.type === "shot");
    expect(shots.length).toBeGreaterThan(0);
    for (const shot of shots) for (const flag of ["hit", "called", "overwatch"]) expect(shot[flag]).not.toBe(false);
    expect(all.some((e) => e.type === "shot" && !e.called && !e.overwatch)).toBe(true);
    const moved = wire.find((e) => e.type === "moved")!;
    expect((moved.path as unknown[]).every((i) => typeof i === "number")).toBe(true);
  });
});
