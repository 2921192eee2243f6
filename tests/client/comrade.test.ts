/**
 * Hold on, revive, carry and drop from the headless controller, on positions the engine makes:
 * offered only when the engine's legalActions has them (one comrade: sent at once; several: a
 * click on one; none: the refusal in words, nothing sent); the lunge's victim in the hover focus;
 * the keys; the words for refusals about the connection and the sending marker.
 */
import { describe, expect, it } from "vitest";
import { RULES, apply, fromWire, legalActions, toWire, viewFor, type BattleState, type Seat } from "../../shared/index.js";
import { BattleController } from "../../client/src/controller.js";
import { keyCommand } from "../../client/src/keys.js";
import { pendingText, refusalText } from "../../client/src/words.js";
import { placeCreature, pos, put, quiet, replan, unit } from "../engine/helpers.js";

const TP1 = "takumi-private-1";
const TP2 = "takumi-private-2";

function feed(c: BattleController, s: BattleState, seat: Seat = "takumi"): void {
  const wire = toWire(viewFor(s, seat));
  const view = fromWire(wire, s.map);
  const mine = s.units.filter((u) => u.seat === seat && u.fate === "active").map((u) => u.id);
  c.setContext({ wire, view, legal: legalActions(view, seat), mine, seat, level: 0 });
}

const down = (s: BattleState, id: string) => Object.assign(unit(s, id), { hp: 0, down: 2, ap: 0 });

describe("comrade actions from the controller", () => {
  it("hold on: sent for the one grabbed comrade beside him; refused in words for a soldier with none", () => {
    const s = quiet("last-stand");
    const c1 = placeCreature(s, "snatcher", 6, 8);
    c1.grabbing = TP1;
    unit(s, TP1).grabbedBy = c1.id;
    const c = new BattleController();
    feed(c, s);
    expect(c.selected).toBe("takumi");
    expect(c.comradeAction("holdOn")).toEqual({ send: [{ type: "holdOn", unit: "takumi", comrade: TP1 }] });
    c.select(TP2);
    const out = c.comradeAction("holdOn");
    expect(out).toMatchObject({ error: { code: "NOT_OFFERED" } });
    expect((out as { error: { message: string } }).error.message).toMatch(/^Private Takumi-2 has no grabbed comrade beside him/);
    expect(c.mode).toBe("move");
  });

  it("revive with two comrades down: the mode waits for a click on one; the click sends it", () => {
    const s = quiet("last-stand");
    down(s, TP1);
    down(s, TP2);
    put(s, TP2, 8, 8);
    const c = new BattleController();
    feed(c, s);
    expect(c.comradeAction("revive")).toBeNull();
    expect(c.mode).toBe("revive");
    // both are marked for the choice, tagged with the action
    expect(c.preview().targets.map((t) => [t.unit, t.label]).sort()).toEqual([[TP1, "REVIVE"], [TP2, "REVIVE"]]);
    // a click on empty ground is refused in words, nothing sent
    expect(c.activate(pos(10, 6))).toMatchObject({ error: { code: "NOT_OFFERED" } });
    const sent = c.activate(pos(8, 8));
    expect(sent).toEqual({ send: [{ type: "revive", unit: "takumi", comrade: TP2 }] });
    expect(c.mode).toBe("move");
    // what the controller sent, the engine takes
    const r = apply(s, { seat: "takumi", action: (sent as { send: never[] }).send[0] });
    expect(r.ok).toBe(true);
  });

  it("carry, then drop; drop with no one carried is refused in words", () => {
    let s = quiet("last-stand");
    down(s, TP1);
    const c = new BattleController();
    feed(c, s);
    expect(c.drop()).toEqual({ error: { code: "NOT_OFFERED", message: "Sergeant Takumi carries no one." } });
    const carry = c.comradeAction("carry") as { send: never[] };
    expect(carry.send).toEqual([{ type: "carry", unit: "takumi", comrade: TP1 }]);
    const r = apply(s, { seat: "takumi", action: carry.send[0] });
    if (!r.ok) throw new Error(r.message);
    s = r.state;
    feed(c, s);
    expect(c.drop()).toEqual({ send: [{ type: "drop", unit: "takumi" }] });
    // the carried man is no longer a soldier to select (he is off the board)
    expect(c.context!.mine).not.toContain(TP1);
  });

  it("a soldier the lunge names: hovering him lights the lunge", () => {
    const s = quiet("last-stand");
    const sn = placeCreature(s, "snatcher", 6, 8);
    replan(s);
    const it0 = s.intents.find((i) => i.unit === sn.id)!;
    expect(it0.victim).toBe(TP1);
    const c = new BattleController();
    feed(c, s);
    c.hover(pos(7, 8));
    expect(c.preview().focus).toContain(sn.id);
  });
});

describe("fire on a route", () => {
  it("the move preview lists the burning tiles it enters, with the engine's burn", () => {
    const s = quiet("last-stand");
    s.layers.fire[8 * s.map.width + 10] = 2;
    const c = new BattleController();
    feed(c, s);
    c.hover(pos(10, 8));
    const p = c.preview();
    expect(p.route?.ok).toBe(true);
    expect(p.routeFire).toEqual([{ pos: pos(10, 8), damage: RULES.fire.damage }]);
    c.hover(pos(8, 8));
    expect(c.preview().routeFire).toEqual([]);
  });
});

describe("keys and words", () => {
  it("H V K D are hold on, revive, carry, drop", () => {
    const k = (key: string) => keyCommand({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false } as KeyboardEvent);
    expect([k("h"), k("v"), k("k"), k("d"), k("H")]).toEqual(["holdOn", "revive", "carry", "drop", "holdOn"]);
  });

  it("refusals about the connection are said for a player; others keep the engine's words", () => {
    expect(refusalText("ERR_SHUTTING_DOWN", "This server is stopping")).toMatch(/not played.*back in your seat/);
    expect(refusalText("ERR_DUPLICATE", "x")).toMatch(/already arrived.*counts once/);
    expect(refusalText("ERR_NOT_BESIDE", "He is not beside that comrade.")).toBe("He is not beside that comrade.");
    expect([pendingText(0), pendingText(1), pendingText(3)]).toEqual(["", "sending…", "sending 3…"]);
  });
});
