/** The fire layer: a grenade sets a vehicle burning, fire spreads on a roll, burns whoever enters or stands, smoke blocks sight. */
import { describe, expect, it } from "vitest";
import { visibleTiles } from "../../shared/index.js";
import { TAKUMI, TP1, act, endRound, eventsOf, idx, put, quiet, unit } from "./helpers.js";

describe("fire", () => {
  it("a grenade on the bus sets it burning; each environment phase it may spread beside it, and fades", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 10, 10);
    // the bus spans (9..12, 6..7); a grenade at (10, 8) catches (9..11, 7)
    const { state, events } = act(s, "takumi", { type: "grenade", unit: TAKUMI, to: { x: 10, y: 8, level: 0 } });
    const lit = eventsOf(events, "fire");
    expect(lit.length).toBeGreaterThan(0);
    for (const e of lit) expect(state.layers.terrain[idx(state, e.at.x, e.at.y)]).toBe(3);
    expect(state.layers.fire[idx(state, 10, 7)]).toBe(6);
    let later = state;
    let spread = 0;
    for (let r = 0; r < 3; r++) {
      const out = endRound(later);
      spread += eventsOf(out.events, "fire").length;
      later = out.state;
    }
    expect(later.layers.fire[idx(later, 10, 7)]).toBe(3);
    expect(spread).toBeGreaterThan(0);
  });

  it("fire burns a soldier who walks into it, and one who stands in it at the end of the round", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    // the whole column x = 9 burns: no route east goes round it
    for (let y = 0; y < s.map.height; y++) if (s.layers.terrain[idx(s, 9, y)] !== 2) s.layers.fire[idx(s, 9, y)] = 2;
    const { state, events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 10, y: 9, level: 0 } });
    expect(eventsOf(events, "damaged")).toEqual([{ type: "damaged", unit: TAKUMI, amount: 1, cause: "fire", hp: 5 }]);
    put(state, TP1, 9, 8);
    const { events: env } = endRound(state);
    expect(eventsOf(env, "damaged").filter((e) => e.unit === TP1 && e.cause === "fire")).toHaveLength(1);
    expect(unit(state, TP1).fate).toBe("active");
  });

  it("among routes of equal cost a move goes around the fire", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    s.layers.fire[idx(s, 9, 9)] = 2;
    const { events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 10, y: 9, level: 0 } });
    expect(eventsOf(events, "damaged")).toEqual([]);
  });

  it("smoke blocks sight through a burning tile", () => {
    const s = quiet("last-stand", { keep: [TAKUMI] });
    put(s, TAKUMI, 3, 9);
    expect(visibleTiles(s)[idx(s, 6, 9)]).toBe(1);
    s.layers.fire[idx(s, 4, 9)] = 2;
    s.layers.fire[idx(s, 4, 8)] = 2;
    s.layers.fire[idx(s, 4, 10)] = 2;
    const mask = visibleTiles(s);
    expect(mask[idx(s, 6, 9)]).toBe(0);
    expect(mask[idx(s, 4, 9)]).toBe(1); // the burning tile itself is seen
  });
});
