/**
 * shared/movement/routePreview: the cost of a move shown before it is made, from the
 * engine's own rules; and a route steered through a waypoint. Each preview is checked against
 * what apply() then really does.
 */
import { describe, expect, it } from "vitest";
import { apply, RULES, type BattleState, type Pos } from "../../shared/index.js";
import { routePreview, threatsOn } from "../../shared/movement/routePreview.js";
import { acidAt, pos, quiet, setAcid, unit } from "../engine/helpers.js";
import { dryWaypoint } from "./fixtures.js";

/** Takumi at 8,9 on last-stand; acid 2 across row 11 at x 6..10, so every route of the same AP to 8,12 crosses it. */
function acidRow(): BattleState {
  const s = quiet("last-stand", { waves: true, perimeter: true });
  // wide enough that no route of the same AP goes round it (routes avoid acid at equal cost)
  for (const x of [6, 7, 8, 9, 10]) setAcid(s, x, 11, 0, 2);
  return s;
}

/** Applies the legs in order, as the client sends them. */
function walk(s: BattleState, legs: Pos[]): BattleState {
  for (const to of legs) {
    const r = apply(s, { seat: "takumi", action: { type: "move", unit: "takumi", to } });
    if (!r.ok) throw new Error(r.message);
    s = r.state;
  }
  return s;
}

describe("routePreview", () => {
  it("prices a move through acid tile by tile, as apply then does", () => {
    const s = acidRow();
    const p = routePreview(s, "takumi", "takumi", pos(8, 12));
    expect(p.ok).toBe(true);
    expect(p.legs).toBe(1);
    expect(p.path[p.path.length - 1]).toEqual(pos(8, 12));
    expect(p.hazards).toHaveLength(1);
    const h = p.hazards[0];
    expect(h.pos.y).toBe(11);
    expect(acidAt(s, h.pos.x, h.pos.y)).toBe(2);
    expect(h).toMatchObject({ acid: 2, damage: 2, corrosion: 1 });
    expect(p.acidDamage).toBe(2);
    expect(p.armorLost).toBe(1);
    const done = walk(s, [pos(8, 12)]);
    expect(unit(done, "takumi").hp).toBe(p.hpAfter);
    expect(unit(done, "takumi").armor).toBe(unit(s, "takumi").armor - p.armorLost);
    expect(unit(done, "takumi").ap).toBe(unit(s, "takumi").ap - p.ap);
  });

  it("a waypoint steers the route around the acid: two legs, no burn, same end", () => {
    const s = acidRow();
    const w = dryWaypoint(s, "takumi", pos(8, 12));
    expect(w).not.toBeNull();
    const p = routePreview(s, "takumi", "takumi", pos(8, 12), [w!]);
    expect(p.ok).toBe(true);
    expect(p.legs).toBe(2);
    // through the waypoint to the goal, on no acid
    expect(p.path).toContainEqual(w!);
    expect(p.path[p.path.length - 1]).toEqual(pos(8, 12));
    expect(p.path.some((t) => acidAt(s, t.x, t.y) > 0)).toBe(false);
    expect(p.hazards).toEqual([]);
    expect(p.acidDamage).toBe(0);
    const done = walk(s, [w!, pos(8, 12)]);
    expect(unit(done, "takumi").hp).toBe(unit(s, "takumi").hp);
    expect(unit(done, "takumi").ap).toBe(unit(s, "takumi").ap - p.ap);
  });

  it("says when the engine would refuse the route, and with which code", () => {
    const s = acidRow();
    const far = routePreview(s, "takumi", "takumi", pos(20, 2));
    expect(far).toMatchObject({ ok: false, code: "ERR_UNREACHABLE" });
    const wall = routePreview(s, "takumi", "takumi", pos(0, 0));
    expect(wall).toMatchObject({ ok: false, code: "ERR_BLOCKED" });
    const theirs = routePreview(s, "wang", "takumi", pos(8, 12));
    expect(theirs).toMatchObject({ ok: false, code: "ERR_NOT_YOUR_UNIT" });
  });

  it("ending outside the ring is exposed; inside is not", () => {
    const s = quiet("last-stand", { waves: true, perimeter: true });
    expect(routePreview(s, "takumi", "takumi", pos(5, 9)).exposed).toBe(true);
    expect(routePreview(s, "takumi", "takumi", pos(9, 8)).exposed).toBe(false);
  });

  it("ending on a manhole the next wave climbs out of costs the spawn damage", () => {
    const s = quiet("last-stand", { waves: true, perimeter: true });
    const onManhole = routePreview(s, "takumi", "takumi", pos(5, 12));
    expect(onManhole.ok).toBe(true);
    expect(onManhole.spawnDamage).toBeGreaterThan(0);
    expect(routePreview(s, "takumi", "takumi", pos(6, 12)).spawnDamage).toBe(0);
    const calm = quiet("last-stand", { waves: false, perimeter: true });
    expect(routePreview(calm, "takumi", "takumi", pos(5, 12)).spawnDamage).toBe(0);
  });

  it("ending on a telegraphed attack tile lists the attack", () => {
    const s = quiet("last-stand", { waves: true, perimeter: true });
    s.intents = [
      { unit: "c99", order: 1, kind: "spit", moveTo: pos(12, 12), target: pos(8, 12), area: [], damage: 2, victim: null, dragPath: [], countdown: 0 },
      { unit: "c98", order: 2, kind: "pounce", moveTo: pos(9, 13), target: null, area: [pos(8, 12), pos(9, 12)], damage: 2, victim: null, dragPath: [], countdown: 0 },
    ];
    const p = routePreview(s, "takumi", "takumi", pos(8, 12));
    expect(p.threats.map((t) => t.unit)).toEqual(["c99", "c98"]);
    expect(threatsOn(s, pos(9, 12)).map((t) => t.kind)).toEqual(["pounce"]);
    expect(routePreview(s, "takumi", "takumi", pos(7, 12)).threats).toEqual([]);
  });
});

describe("routePreview through fire", () => {
  it("lists each burning tile entered with the burn apply then does", () => {
    const s = quiet("last-stand", { waves: true, perimeter: true });
    const t = unit(s, "takumi");
    const fireAt = pos(t.x, t.y + 1);
    s.layers.fire[fireAt.level * s.map.width * s.map.height + fireAt.y * s.map.width + fireAt.x] = 2;
    const p = routePreview(s, "takumi", "takumi", fireAt);
    expect(p.ok).toBe(true);
    expect(p.fire).toEqual([{ pos: fireAt, damage: RULES.fire.damage }]);
    expect(unit(walk(s, [fireAt]), "takumi").hp).toBe(t.hp - RULES.fire.damage);
    expect(p.hpAfter).toBe(t.hp - RULES.fire.damage);
  });
});
