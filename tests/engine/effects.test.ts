/** The effects step: hurt → death → splash → release → overwatch, in order, events as they happen. */
import { describe, expect, it } from "vitest";
import type { BattleState, Unit } from "../../shared/index.js";
import { newDraft, queue } from "../../shared/core/draft.js";
import { resolveEffects } from "../../shared/battle/effects.js";
import { HIT, TAKUMI, TP1, act, forceRolls, placeCreature, put, quiet, replan, setAcid, unit } from "./helpers.js";

function hold(s: BattleState, grabber: Unit, victimId: string): void {
  grabber.grabbing = victimId;
  unit(s, victimId).grabbedBy = grabber.id;
}

describe("effects step", () => {
  it("killing a grabber: the shot, its hurt, its death, the burst of acid and its splash, then the release", () => {
    const s = quiet("last-stand");
    put(s, TP1, 5, 7);
    const c = placeCreature(s, "snatcher", 5, 6, 0, 1);
    hold(s, c, TP1);
    put(s, TAKUMI, 5, 9);
    replan(s);
    forceRolls(s, HIT);
    const { state, events } = act(s, "takumi", { type: "shoot", unit: TAKUMI, target: c.id });
    const kinds = events.filter((e) => e.type !== "acid").map((e) => ("unit" in e ? `${e.type}:${e.unit}` : e.type));
    expect(kinds).toEqual(["shot:takumi", `damaged:${c.id}`, `died:${c.id}`, `weaponLost:${TP1}`, `damaged:${TP1}`, `freed:${TP1}`]);
    expect(unit(state, TP1).grabbedBy).toBeNull();
    expect(unit(state, TP1).hp).toBe(unit(s, TP1).hp - 2);
  });

  it("queued effects resolve by kind, not by arrival: a release waits for every hurt", () => {
    const s = quiet("last-stand");
    put(s, TP1, 5, 7);
    const c = placeCreature(s, "snatcher", 5, 6, 0, 5);
    hold(s, c, TP1);
    const d = newDraft(s);
    queue(d, { kind: "release", victim: TP1, by: c.id });
    queue(d, { kind: "hurt", unit: TP1, amount: 1, cause: "grab", ignoreArmor: true });
    queue(d, { kind: "hurt", unit: c.id, amount: 2, cause: "shot", ignoreArmor: true });
    resolveEffects(d);
    expect(d.events.map((e) => e.type)).toEqual(["damaged", "damaged", "acid", "freed"]);
    expect(d.effects).toEqual([]);
  });

  it("a walk through acid is told up to the burning tile, then the burn, then the rest of the walk", () => {
    const s = quiet("last-stand");
    put(s, TAKUMI, 8, 9);
    // a wall of acid across the whole column x = 10: every route east crosses it
    for (let y = 0; y < s.map.height; y++) setAcid(s, 10, y, 0, 1);
    const { events } = act(s, "takumi", { type: "move", unit: TAKUMI, to: { x: 11, y: 9, level: 0 } });
    expect(events.map((e) => e.type)).toEqual(["moved", "corroded", "damaged", "moved"]);
    const moves = events.filter((e) => e.type === "moved");
    expect(moves[0].type === "moved" && moves[0].path.at(-1)!.x).toBe(10);
  });
});
