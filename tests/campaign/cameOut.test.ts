/**
 * Who comes out of a scene (shared/campaign/campaign.ts, cameOut): the extracted and the men they
 * carry; when the time runs out with a sergeant still on the board, everyone on his feet falls
 * back, carrying his man; the down left lying, the grabbed, and anyone left on the board when the
 * sergeants got out are lost.
 */
import { describe, it, expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { cameOut, createBattle, endedOnTheClock, type BattleState, type Unit } from "../../shared/index.js";

function ended(outcome: "won" | "lost", round: number): BattleState {
  const s = structuredClone(createBattle(loadMapById("the-bus"), 11));
  s.phase = "ended";
  s.outcome = outcome;
  s.round = round;
  return s;
}
const unit = (s: BattleState, id: string): Unit => s.units.find((u) => u.id === id)!;

describe("cameOut", () => {
  it("on the clock: the standing fall back with the man they carry; the down left lying and the grabbed are lost", () => {
    const s = ended("lost", s0MaxRounds());
    // Wang carries his first private, down; Takumi's first private lies down, alone; his second is grabbed
    const wang = unit(s, "wang"), carried = unit(s, "wang-private-1");
    wang.carrying = carried.id;
    Object.assign(carried, { fate: "carried", carriedBy: wang.id, down: 1, hp: 0 });
    Object.assign(unit(s, "takumi-private-1"), { down: 1, hp: 0 });
    unit(s, "takumi-private-2").grabbedBy = "snatcher-1";
    Object.assign(unit(s, "wang-private-2"), { fate: "dead", hp: 0 });
    expect(endedOnTheClock(s)).toBe(true);
    expect([...cameOut(s)].sort()).toEqual(["takumi", "wang", "wang-private-1"]);
  });

  it("won holding to the last round (no way out needed): the standing come out", () => {
    const s = ended("won", s0MaxRounds());
    expect([...cameOut(s)].sort()).toEqual(["takumi", "takumi-private-1", "takumi-private-2", "wang", "wang-private-1", "wang-private-2"]);
  });

  it("the sergeants got out: those left on the board are left behind, even on their feet", () => {
    const s = ended("won", 4);
    for (const id of ["takumi", "wang", "wang-private-1"]) unit(s, id).fate = "extracted";
    expect(endedOnTheClock(s)).toBe(false);
    expect([...cameOut(s)].sort()).toEqual(["takumi", "wang", "wang-private-1"]);
  });

  it("a sergeant carried out counts as out; the battle lost with no sergeant on the board brings out only the extracted", () => {
    const s = ended("lost", 6);
    Object.assign(unit(s, "takumi"), { fate: "dead", hp: 0 });
    Object.assign(unit(s, "wang"), { fate: "taken" });
    unit(s, "takumi-private-1").fate = "extracted";
    expect(endedOnTheClock(s)).toBe(false);
    expect([...cameOut(s)]).toEqual(["takumi-private-1"]);
  });
});

function s0MaxRounds(): number {
  return loadMapById("the-bus").maxRounds;
}
