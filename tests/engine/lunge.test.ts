/** The Snatcher's lunge with its reach, hold on, and live prey (docs/DESIGN.md §8). */
import { describe, expect, it } from "vitest";
import { botCommand, apply, type BattleState, type Unit } from "../../shared/index.js";
import {
  HIT, TAKUMI, TP1, TP2, WANG, act, endRound, eventsOf, forceRolls, placeCreature, put, quiet, refused, replan, unit,
} from "./helpers.js";

function hold(s: BattleState, grabber: Unit, victimId: string): void {
  grabber.grabbing = victimId;
  unit(s, victimId).grabbedBy = grabber.id;
}

/** A Snatcher at (11, 9) holding takumi-private-1 at (11, 10), 6 tiles from a way out (countdown 2). */
function dragged(): { s: BattleState; c: Unit } {
  const s = quiet("last-stand");
  put(s, TP1, 11, 10);
  const c = placeCreature(s, "snatcher", 11, 9);
  hold(s, c, TP1);
  replan(s);
  return { s, c };
}

describe("the lunge", () => {
  it("names a soldier and shows its reach: the tiles around where it lands, in its sight", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 6, 8); // beside takumi-private-1 at (7, 8)
    replan(s);
    const intent = s.intents.find((i) => i.unit === c.id)!;
    expect(intent.kind).toBe("grab");
    expect(intent.victim).toBe(TP1);
    expect(intent.area).toContainEqual({ x: 7, y: 8, level: 0 });
    for (const p of intent.area) expect(Math.max(Math.abs(p.x - intent.moveTo.x), Math.abs(p.y - intent.moveTo.y))).toBe(1);
  });

  it("the named soldier who left the reach is spared; one step beside it is not enough", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 6, 8);
    replan(s);
    forceRolls(s, HIT);
    put(s, TP1, 8, 7); // two tiles from where it lands: out of reach
    const { events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([]);
    const s2 = quiet("last-stand");
    const c2 = placeCreature(s2, "snatcher", 6, 8);
    replan(s2);
    forceRolls(s2, HIT);
    put(s2, TP1, 7, 7); // stepped aside, still within reach
    const out = endRound(s2);
    expect(eventsOf(out.events, "grabbed")).toEqual([{ type: "grabbed", unit: c2.id, victim: TP1, roll: true, hit: true }]);
    expect(c.id).toBeDefined();
  });

  it("with the named soldier gone from its reach, it grabs the nearest soldier in reach instead", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 6, 8);
    replan(s);
    forceRolls(s, HIT);
    put(s, TP1, 9, 6);
    put(s, TP2, 5, 9); // stepped into the reach
    const { state, events } = endRound(s);
    expect(eventsOf(events, "grabbed")).toEqual([{ type: "grabbed", unit: c.id, victim: TP2, roll: true, hit: true }]);
    expect(unit(state, TP2).grabbedBy).toBe(c.id);
    expect(state.report.grabs).toBe(1);
  });
});

describe("hold on", () => {
  it("a soldier beside a grabbed comrade spends his AP: the drag halts this round and the tug hurts the victim", () => {
    const { s, c } = dragged();
    put(s, TAKUMI, 12, 10);
    const { state: held, events: holdEvents } = act(s, "takumi", { type: "holdOn", unit: TAKUMI, comrade: TP1 });
    expect(holdEvents).toEqual([{ type: "heldOn", unit: TAKUMI, comrade: TP1 }]);
    expect(unit(held, TAKUMI).ap).toBe(0);
    expect(unit(held, TP1).heldBy).toBe(TAKUMI);
    const { state, events } = endRound(held);
    expect(eventsOf(events, "dragged")).toEqual([]);
    expect(eventsOf(events, "tugged")).toEqual([{ type: "tugged", unit: c.id, victim: TP1, by: TAKUMI }]);
    expect(eventsOf(events, "damaged").filter((e) => e.unit === TP1)).toEqual([{ type: "damaged", unit: TP1, amount: 1, cause: "tug", hp: 4 }]);
    expect(unit(state, c.id)).toMatchObject({ x: 11, y: 9 });
    expect(unit(state, TP1).grabbedBy).toBe(c.id);
    expect(unit(state, TP1).heldBy).toBeNull(); // a hold lasts one round
    expect(state.report.holds).toBe(1);
  });

  it("is refused unless beside a grabbed comrade no one holds yet", () => {
    const { s } = dragged();
    put(s, TAKUMI, 13, 10);
    refused(s, "takumi", { type: "holdOn", unit: TAKUMI, comrade: TP1 }, "ERR_NOT_BESIDE");
    refused(s, "takumi", { type: "holdOn", unit: TAKUMI, comrade: TP2 }, "ERR_NOT_GRABBED");
    refused(s, "takumi", { type: "holdOn", unit: TAKUMI, comrade: "nobody" }, "ERR_NO_UNIT");
    put(s, TAKUMI, 12, 10);
    put(s, WANG, 10, 10);
    const held = act(s, "takumi", { type: "holdOn", unit: TAKUMI, comrade: TP1 }).state;
    refused(held, "wang", { type: "holdOn", unit: WANG, comrade: TP1 }, "ERR_ALREADY_HELD");
    refused(held, "takumi", { type: "holdOn", unit: TAKUMI, comrade: TP1 }, "ERR_NO_AP");
  });

  it("the bot holds on when the countdown is 1 or less", () => {
    // nobody can shoot the grabber (the victim and his neighbour have lost their rifles): hold on
    const s = quiet("last-stand", { keep: [TP1, TP2, WANG] });
    put(s, TP1, 5, 7);
    const c = placeCreature(s, "snatcher", 5, 6); // beside the manhole at (4, 5): countdown 1
    hold(s, c, TP1);
    put(s, TP2, 6, 8);
    unit(s, TP1).hasWeapon = false;
    unit(s, TP2).hasWeapon = false;
    replan(s);
    expect(s.intents.find((i) => i.unit === c.id)!.countdown).toBe(1);
    let state = s;
    const actions: string[] = [];
    for (let k = 0; k < 20 && !state.ready.takumi; k++) {
      const cmd = botCommand(state, "takumi")!;
      actions.push(`${cmd.action.type}:${"unit" in cmd.action ? cmd.action.unit : ""}`);
      const r = apply(state, cmd);
      if (!r.ok) break;
      state = r.state;
    }
    expect(actions).toContain(`holdOn:${TP2}`);
  });
});

describe("live prey", () => {
  it("the drag's announcement ends with the grab: a freed soldier's grabber announces no drag", () => {
    const { s, c } = dragged();
    put(s, TAKUMI, 11, 12);
    forceRolls(s, HIT);
    const { state } = act(s, "takumi", { type: "calledShot", unit: TAKUMI, target: c.id });
    expect(unit(state, TP1).grabbedBy).toBeNull();
    const intent = state.intents.find((i) => i.unit === c.id)!;
    expect(intent.kind).not.toBe("drag");
    expect(intent.dragPath).toEqual([]);
  });

  it("Spitters and Leapers do not target a held soldier", () => {
    const { s } = dragged();
    // only the held soldier is near: no one else in the Spitter's range
    for (const id of [TAKUMI, TP2, WANG, "wang-private-1", "wang-private-2"]) put(s, id, 1 + ["takumi", "takumi-private-2", "wang", "wang-private-1", "wang-private-2"].indexOf(id) * 2, 2);
    const sp = placeCreature(s, "spitter", 13, 12);
    replan(s);
    const intent = s.intents.find((i) => i.unit === sp.id)!;
    expect(intent.kind).not.toBe("spit");
  });
});
