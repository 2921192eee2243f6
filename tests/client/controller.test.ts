/**
 * The headless battle controller in Node: selection, modes, targets, Esc, waypoints, threat focus
 * and the move preview, on states the engine makes (the client's own path: toWire → fromWire).
 */
import { describe, expect, it } from "vitest";
import { apply, fromWire, legalActions, toWire, viewFor, type BattleState, type Seat } from "../../shared/index.js";
import { BattleController } from "../../client/src/controller.js";
import { reach } from "../../client/src/previews.js";
import { fresh, pos, quiet, setAcid } from "../engine/helpers.js";

function feed(c: BattleController, s: BattleState, seat: Seat = "takumi"): void {
  const wire = toWire(viewFor(s, seat));
  const view = fromWire(wire, s.map);
  const mine = s.units.filter((u) => u.seat === seat && u.fate === "active").map((u) => u.id);
  c.setContext({ wire, view, legal: legalActions(view, seat), mine, seat, level: 0 });
}

describe("the battle controller", () => {
  it("selects the first soldier, and a click on an empty reachable tile sends the move", () => {
    const s = quiet("last-stand");
    const c = new BattleController();
    feed(c, s);
    expect(c.selected).toBe("takumi");
    expect(c.activate(pos(8, 8))).toEqual({ send: [{ type: "move", unit: "takumi", to: pos(8, 8) }] });
  });

  it("clicking another own soldier selects him; Esc clears one thing at a time", () => {
    const s = quiet("last-stand");
    const c = new BattleController();
    feed(c, s);
    expect(c.activate(pos(7, 8))).toBeNull();
    expect(c.selected).toBe("takumi-private-1");
    c.activate(pos(10, 12), { waypoint: true });
    expect(c.waypoints).toHaveLength(1);
    c.setMode("grenade");
    expect(c.mode).toBe("grenade");
    expect(c.waypoints).toHaveLength(0);
    expect(c.escape()).toBe(true);
    expect(c.mode).toBe("move");
    c.hover(pos(3, 3));
    expect(c.escape()).toBe(true);
    expect(c.selected).toBeNull();
    expect(c.escape()).toBe(true);
    expect(c.cursor).toBeNull();
    expect(c.escape()).toBe(false);
  });

  it("a new round clears a stale cursor and route", () => {
    let s = quiet("last-stand");
    const c = new BattleController();
    feed(c, s);
    c.hover(pos(8, 12));
    c.activate(pos(10, 12), { waypoint: true });
    expect(c.preview().route).not.toBeNull();
    for (const seat of ["takumi", "wang"] as const) {
      const r = apply(s, { seat, action: { type: "ready", ready: true } });
      if (!r.ok) throw new Error(r.message);
      s = r.state;
    }
    expect(s.round).toBe(2);
    feed(c, s);
    expect(c.cursor).toBeNull();
    expect(c.waypoints).toEqual([]);
    expect(c.preview().route).toBeNull();
  });

  it("previews the route with its acid cost from the engine, and waypoints make legs", () => {
    const s = quiet("last-stand", { waves: true, perimeter: true });
    // wide enough that no route of the same AP goes round it (routes avoid acid at equal cost)
  for (const x of [6, 7, 8, 9, 10]) setAcid(s, x, 11, 0, 2);
    const c = new BattleController();
    feed(c, s);
    c.hover(pos(8, 12));
    const p = c.preview().route!;
    expect(p.ok).toBe(true);
    expect(p.acidDamage).toBe(2);
    const out = c.activate(pos(5, 11), { waypoint: true });
    expect(out).toBeNull();
    c.hover(pos(8, 12));
    expect(c.preview().route!.legs).toBe(2);
    const sent = c.activate(pos(8, 12));
    expect(sent).toEqual({ send: [{ type: "move", unit: "takumi", to: pos(5, 11) }, { type: "move", unit: "takumi", to: pos(8, 12) }] });
    expect(c.waypoints).toEqual([]);
  });

  it("reach bands: 1-AP tiles inside 2-AP ones, with an outline around each", () => {
    const s = quiet("last-stand");
    const view = fromWire(toWire(viewFor(s, "takumi")), s.map);
    const r = reach(view, "takumi", 0);
    expect(r.tiles.some((t) => t.ap === 1)).toBe(true);
    expect(r.tiles.some((t) => t.ap === 2)).toBe(true);
    expect(r.edges.some((e) => e.band === 1)).toBe(true);
    expect(r.edges.some((e) => e.band === 2)).toBe(true);
    // every outline edge borders a tile of the area
    const inArea = new Set(r.tiles.map((t) => `${t.x},${t.y}`).concat(["8,9"]));
    for (const e of r.edges) expect(inArea.has(`${e.x},${e.y}`)).toBe(true);
  });

  it("threat focus: a creature lights its own intent, a soldier every intent that lands on him", () => {
    const s = fresh("last-stand", 3);
    const c = new BattleController();
    feed(c, s);
    const view = c.context!.view!;
    expect(view.intents.length).toBeGreaterThan(0);
    const it0 = view.intents[0];
    const cr = view.units.find((u) => u.id === it0.unit)!;
    c.hover(pos(cr.x, cr.y));
    expect(c.preview().focus).toEqual([it0.unit]);
    c.pin(null);
    const attacked = view.intents.find((i) => i.target);
    if (attacked) {
      c.hover(attacked.target!);
      expect(c.preview().focus).toContain(attacked.unit);
    }
    c.hover(pos(0, 15));
    expect(c.preview().focus).toEqual([]);
  });

  it("shoot mode with no creature in sight: no target chosen, and the reason said", () => {
    const s = quiet("last-stand");
    const c = new BattleController();
    feed(c, s);
    expect(c.setMode("shoot")).toMatchObject({ error: { code: "ERR_NO_TARGET", message: "No creature is in your squad's sight." } });
    expect(c.mode).toBe("shoot");
    expect(c.target).toBeNull();
    expect(c.cycleTarget(1)).toMatchObject({ error: { code: "ERR_NO_TARGET" } });
  });
});

describe("the keyboard cursor", () => {
  it("starts from the selected soldier, not the middle of the map", () => {
    const s = quiet("last-stand");
    const c = new BattleController();
    feed(c, s);
    expect(c.cursor).toBeNull();
    c.moveCursor(0, -1, s.map.width, s.map.height, 0);
    expect(c.cursor).toEqual(pos(8, 8));
    expect(c.confirm()).toEqual({ send: [{ type: "move", unit: "takumi", to: pos(8, 8) }] });
  });
});
