/**
 * The traps a newcomer met, previewed by the engine (shared/preview/): a rifle-butt kill that splashes
 * two soldiers and costs a rifle, a sergeant whose withdraw strands a private, the bus's round end
 * that left a healthy private behind; which choices ask first; refusals that name their cause; and
 * the ways out the client draws (wayOutTiles) agreeing with withdraw on every map.
 */
import { describe, expect, it } from "vitest";
import {
  apply, askFirst, dragExitTiles, previewAction, wayOutTiles, whyNot, RULES,
  type BattleState, type Consequence,
} from "../../shared/index.js";
import { HIT, TAKUMI, TP1, TP2, WANG, WP1, WP2, act, forceRolls, fresh, placeCreature, put, quiet, removeUnits, replan, setAcid, unit, type MapId } from "./helpers.js";

const kinds = (cs: Consequence[], unitId?: string) => cs.filter((c) => !unitId || c.unit === unitId).map((c) => c.kind);

describe("previewAction: every consequence at once", () => {
  it("a rifle-butt kill: the blow, the death, the splash on both soldiers beside it, the rifle lost on acid, the acid under the corpse", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 9, 12);
    put(s, TP1, 7, 13);
    const c = placeCreature(s, "snatcher", 8, 12, 0, 1);
    replan(s);
    const p = previewAction(s, "takumi", { type: "butt", unit: TAKUMI, target: c.id });
    expect(p.ok).toBe(true);
    expect(p.chance).toBe(null);
    expect(kinds(p.consequences, c.id)).toEqual(expect.arrayContaining(["damage", "dies"]));
    const splashed = p.consequences.filter((x) => x.kind === "splash").map((x) => [x.unit, x.amount]).sort();
    expect(splashed).toEqual([[TAKUMI, RULES.acid.deathSplash], [TP1, RULES.acid.deathSplash]]);
    // Takumi stands orthogonally beside the corpse: acid 2 under him, so his rifle is gone
    expect(p.consequences.filter((x) => x.kind === "weaponLost").map((x) => x.unit)).toEqual([TAKUMI]);
    expect(p.consequences.find((x) => x.kind === "acid" && x.unit === TAKUMI)?.amount).toBe(RULES.acid.corpseNeighbours);
    expect(p.consequences.find((x) => x.kind === "acid" && x.at?.x === 8 && x.at?.y === 12)?.amount).toBe(RULES.acid.corpse);
    // and apply does just that
    const r = apply(s, { seat: "takumi", action: { type: "butt", unit: TAKUMI, target: c.id } });
    expect(r.ok && r.events.filter((e) => e.type === "weaponLost").map((e) => (e as { unit: string }).unit)).toEqual([TAKUMI]);
  });

  it("a shot: both branches, the hit's kill and splash marked 'hit', nothing on a miss", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    put(s, TP1, 9, 12);
    const c = placeCreature(s, "snatcher", 8, 12, 0, 1);
    replan(s);
    const p = previewAction(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    expect(p.chance?.chance).toBeGreaterThan(0);
    expect(p.consequences.filter((x) => x.kind === "splash")).toEqual([expect.objectContaining({ unit: TP1, when: "hit" })]);
    expect(p.consequences.filter((x) => x.when === "miss")).toEqual([]);
  });

  it("a move through acid: the burn and the corrosion on the walker, and it asks first naming the cost", () => {
    const s = quiet("last-stand");
    put(s, TP1, 8, 8);
    for (let y = 5; y <= 11; y++) setAcid(s, 9, y, 0, 2);
    const move = { type: "move" as const, unit: TP1, to: { x: 10, y: 8, level: 0 } };
    const p = previewAction(s, "takumi", move);
    expect(kinds(p.consequences, TP1)).toEqual(expect.arrayContaining(["corroded", "damage"]));
    expect(p.ask?.cost).toMatch(/Private Takumi-1 takes 2 acid/);
    expect(askFirst(s, "takumi", move)).toEqual(p.ask);
    // a dry step is one click
    expect(askFirst(s, "takumi", { type: "move", unit: TP1, to: { x: 8, y: 9, level: 0 } })).toBe(null);
  });

  it("a move ending under a telegraphed attack asks first", () => {
    const s = quiet("last-stand");
    put(s, TP1, 8, 8);
    const spitter = placeCreature(s, "spitter", 8, 11);
    replan(s);
    const intent = s.intents.find((i) => i.unit === spitter.id)!;
    expect(intent.kind).toBe("spit");
    // someone else steps onto the spat tile (the spitter aims at TP1's tile)
    const target = intent.target!;
    removeUnits(s, TP1);
    put(s, TP2, target.x + 1, target.y);
    const p = previewAction(s, "takumi", { type: "move", unit: TP2, to: target });
    expect(kinds(p.consequences, TP2)).toContain("telegraphed");
    expect(p.ask?.costs.join(" ")).toMatch(/spit/);
  });

  it("withdrawing the last sergeant ends the scene: each soldier left on the board is named, lost, and it asks first", () => {
    const s = quiet("the-alley");
    removeUnits(s, WANG);
    put(s, TAKUMI, 5, 17);
    const p = previewAction(s, "takumi", { type: "withdraw", unit: TAKUMI });
    expect(kinds(p.consequences, TAKUMI)).toContain("leaves");
    expect(kinds(p.consequences)).toContain("endsScene");
    const left = p.consequences.filter((c) => c.kind === "leftBehind").map((c) => c.unit).sort();
    expect(left).toEqual([TP1, TP2, WP1, WP2].filter((id) => s.units.some((u) => u.id === id)).sort());
    expect(p.ask?.cost).toMatch(/Private Takumi-2 will be left behind/);
    // with the other sergeant still on the board nothing is stranded: one click
    const t = quiet("the-alley");
    put(t, TAKUMI, 5, 17);
    expect(askFirst(t, "takumi", { type: "withdraw", unit: TAKUMI })).toBe(null);
  });

  it("the bus: a sergeant on the way out at the round's end leaves a private behind — the ready says so and asks first", () => {
    const s = quiet("the-bus");
    s.objective = "extract";
    removeUnits(s, WANG, WP1, WP2, TP1);
    put(s, TAKUMI, 15, 5);
    put(s, TP2, 10, 5);
    s.ready.wang = true;
    const p = previewAction(s, "takumi", { type: "ready", ready: true });
    expect(kinds(p.consequences)).toEqual(expect.arrayContaining(["endsRound", "leaves", "endsScene", "leftBehind"]));
    expect(p.consequences.find((c) => c.kind === "leftBehind")?.unit).toBe(TP2);
    expect(p.ask?.cost).toMatch(/Private Takumi-2 will be left behind/);
    // and the engine does it: the round ends, Takumi is out, the scene over with the private still on the board
    const after = act(s, "takumi", { type: "ready", ready: true }).state;
    expect(unit(after, TAKUMI).fate).toBe("extracted");
    expect(after.phase).toBe("ended");
    expect(unit(after, TP2).fate).toBe("active");
  });

  it("a preview tells nothing of a hidden creature: one beside the target tile out of sight changes nothing", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    const move = { type: "move" as const, unit: TAKUMI, to: { x: 8, y: 10, level: 0 } };
    const before = previewAction(s, "takumi", move);
    const hidden: BattleState = structuredClone(s);
    placeCreature(hidden, "leaper", 20, 1);
    expect(previewAction(hidden, "takumi", move)).toEqual(before);
  });
});

describe("whyNot: refusals name their cause", () => {
  it("an empty magazine, no AP, no rifle, and no shot at all say so (codes unchanged)", () => {
    const s = quiet("last-stand");
    const c = placeCreature(s, "snatcher", 8, 10);
    put(s, TAKUMI, 8, 8);
    replan(s);
    unit(s, TAKUMI).mag = 0;
    expect(whyNot(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id })).toEqual({ code: "ERR_EMPTY_MAGAZINE", message: expect.stringMatching(/Sergeant Takumi's magazine is empty: reload first/) });
    expect(whyNot(s, "takumi", { type: "shoot", unit: TAKUMI, target: "" })?.code).toBe("ERR_EMPTY_MAGAZINE");
    unit(s, TAKUMI).ap = 0;
    expect(whyNot(s, "takumi", { type: "shoot", unit: TAKUMI, target: "" })).toEqual({ code: "ERR_NO_AP", message: "Sergeant Takumi has no action points left this round." });
    unit(s, TAKUMI).ap = 2;
    unit(s, TAKUMI).mag = 3;
    expect(whyNot(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id })).toBe(null);
    unit(s, TAKUMI).hasWeapon = false;
    expect(whyNot(s, "takumi", { type: "shoot", unit: TAKUMI, target: "" })?.message).toMatch(/lost his rifle/);
  });

  it("nothing to undo says why; a down soldier is told he is down; revive with 1 AP names the cost", () => {
    const s = quiet("last-stand");
    expect(whyNot(s, "takumi", { type: "undo" })?.message).toMatch(/only moves can be taken back/);
    const v = unit(s, TP1);
    v.hp = 0; v.down = 2; v.ap = 0;
    expect(whyNot(s, "takumi", { type: "move", unit: TP1, to: { x: v.x, y: v.y + 1, level: 0 } })).toEqual({ code: "ERR_NO_AP", message: expect.stringMatching(/is down/) });
    put(s, TAKUMI, v.x + 1, v.y);
    unit(s, TAKUMI).ap = 1;
    expect(whyNot(s, "takumi", { type: "revive", unit: TAKUMI, comrade: TP1 })?.message).toMatch(/Reviving takes 2 AP; Sergeant Takumi has 1 left/);
  });

  it("a down soldier with AP left (as no rule gives him) is still refused: the status table speaks first", () => {
    const s = quiet("last-stand");
    const v = unit(s, TP1);
    v.hp = 0; v.down = 2; v.ap = 2;
    const r = apply(s, { seat: "takumi", action: { type: "move", unit: TP1, to: { x: v.x, y: v.y + 1, level: 0 } } });
    expect(r.ok ? null : r.code).toBe("ERR_NO_AP");
  });
});

describe("ways out: the tiles drawn as a way out are exactly those withdraw accepts", () => {
  const MAPS: MapId[] = ["last-stand", "the-alley", "the-streets", "the-tower", "the-bus", "the-wall", "tower-test"];
  for (const id of MAPS) {
    it(`${id}: withdraw is accepted on every tile of wayOutTiles and nowhere else`, () => {
      const s = fresh(id, 1);
      s.units = s.units.filter((u) => u.id === TAKUMI);
      s.intents = [];
      const outs = new Set(wayOutTiles(s).map((p) => `${p.x},${p.y},${p.level}`));
      const m = s.map;
      let accepted = 0;
      for (let level = 0; level < m.levels; level++)
        for (let y = 0; y < m.height; y++)
          for (let x = 0; x < m.width; x++) {
            const t: BattleState = { ...s, units: s.units.map((u) => ({ ...u, x, y, level, ap: 2 })) };
            const r = apply(t, { seat: "takumi", action: { type: "withdraw", unit: TAKUMI } });
            expect(r.ok, `${id} ${x},${y},${level}`).toBe(outs.has(`${x},${y},${level}`));
            if (r.ok) accepted++;
          }
      expect(accepted).toBeGreaterThan(0);
    });
  }

  it("the-bus: the alley mouth at the top is where creatures drag their victims, not a way out; the ways out are the east column and the west edge", () => {
    const s = fresh("the-bus", 1);
    const outs = wayOutTiles(s).map((p) => `${p.x},${p.y}`);
    expect(outs).not.toContain("7,1");
    expect(outs).toContain("15,5");
    expect(outs).toContain("0,6");
    expect(dragExitTiles(s).map((p) => `${p.x},${p.y}`)).toContain("7,1");
  });
});

describe("asks first on a spawn point; withdraw's refusal names the nearest way out", () => {
  it("a move that ends on a creature's spawn point with a wave due asks first, naming the risk", () => {
    const s = quiet("last-stand", { waves: true });
    const manhole = s.map.spawns.find((p) => p.kind === "manhole")!;
    put(s, TP1, manhole.x + 1, manhole.y + 1);
    const move = { type: "move" as const, unit: TP1, to: { x: manhole.x, y: manhole.y, level: manhole.level } };
    const p = previewAction(s, "takumi", move);
    expect(p.ok).toBe(true);
    expect(p.ask?.cost).toMatch(/Private Takumi-1 stands on a creature's spawn point: \d+ damage if one climbs out there/);
    expect(askFirst(s, "takumi", move)).toEqual(p.ask);
    // with no wave due the point is harmless: one click
    const calm = quiet("last-stand");
    put(calm, TP1, manhole.x + 1, manhole.y + 1);
    expect(askFirst(calm, "takumi", move)).toBe(null);
  });

  it("withdraw off a way out: the refusal names the nearest way out, its distance and the walk in AP", () => {
    const s = quiet("last-stand");
    const r = whyNot(s, "takumi", { type: "withdraw", unit: TAKUMI });
    expect(r?.code).toBe("ERR_NOT_ON_WAY_OUT");
    const m = /the nearest to Sergeant Takumi is at (\d+),(\d+), (\d+) tiles away, a walk of (\d+) AP \(he has 2 left this round\)/.exec(r!.message);
    expect(m, r!.message).not.toBe(null);
    const [x, y, tiles] = [Number(m![1]), Number(m![2]), Number(m![3])];
    const u = unit(s, TAKUMI);
    expect(wayOutTiles(s).some((t) => t.x === x && t.y === y)).toBe(true);
    expect(tiles).toBe(Math.max(Math.abs(x - u.x), Math.abs(y - u.y)));
  });
});
