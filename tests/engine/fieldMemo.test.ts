/**
 * The soldiers' movement field is remembered per state. A state edited in place (as tests set up
 * a position) must never be answered from the field of the board it was before: the memo checks
 * the board exactly, so two boards that a 32-bit hash of the units' positions cannot tell apart
 * still get their own fields.
 */
import { describe, expect, it } from "vitest";
import { soldierField } from "../../shared/index.js";
import { copyUnit } from "../../shared/core/unitFields.js";
import { moveOf } from "../../shared/core/units.js";
import type { BattleState, Unit } from "../../shared/core/types.js";
import { TAKUMI, placeCreature, put, quiet, unit } from "./helpers.js";

/** The 32-bit key of the units' positions the memo was once keyed by (FNV-style), for the fixture below. */
function hashKey(s: BattleState, u: Unit): number {
  let h = (u.ap * 31 + moveOf(u)) | 0;
  for (const v of s.units)
    h = (Math.imul(h, 0x01000193) ^ (v.fate === "active" ? (v.x << 16) ^ (v.y << 8) ^ (v.level << 4) ^ (v.side === "creature" ? 2 : 1) : 7)) | 0;
  return h;
}

/** Four creatures around Takumi at (8, 9); two boards (found by search) on which that key collides. */
const BOARD_A: [number, number][] = [[5, 5], [6, 5], [8, 5], [4, 11]];
const BOARD_B: [number, number][] = [[5, 5], [6, 5], [8, 12], [9, 12]];

function setUp(): { s: BattleState; creatures: Unit[] } {
  const s = quiet("last-stand", { keep: [TAKUMI] });
  put(s, TAKUMI, 8, 9);
  const creatures = BOARD_A.map(([x, y]) => placeCreature(s, "snatcher", x, y));
  return { s, creatures };
}

function place(creatures: Unit[], board: [number, number][]): void {
  creatures.forEach((c, k) => { c.x = board[k][0]; c.y = board[k][1]; c.level = 0; });
}

/** The same board in a new state object (nothing remembered for it). */
function copyOf(s: BattleState): BattleState {
  return { ...s, units: s.units.map(copyUnit) };
}

describe("the movement field's memo", () => {
  it("two boards with the same 32-bit key get each its own field", () => {
    const { s, creatures } = setUp();
    const u = unit(s, TAKUMI);
    const keyA = hashKey(s, u);
    const onA = soldierField(s, u);
    const distA = Array.from(onA.field.dist);
    place(creatures, BOARD_B);
    // the fixture is a true collision of that key, and the boards' fields differ
    expect(hashKey(s, u)).toBe(keyA);
    const onB = soldierField(s, u);
    const t = copyOf(s);
    const fresh = soldierField(t, unit(t, TAKUMI));
    expect(Array.from(fresh.field.dist)).not.toEqual(distA);
    expect(Array.from(onB.field.dist)).toEqual(Array.from(fresh.field.dist));
    expect(Array.from(onB.occ)).toEqual(Array.from(fresh.occ));
    expect(Array.from(onB.field.hazard!)).toEqual(Array.from(fresh.field.hazard!));
  });

  it("an unchanged board is answered from the memo; a change of acid or AP is not", () => {
    const { s } = setUp();
    const u = unit(s, TAKUMI);
    const first = soldierField(s, u);
    expect(soldierField(s, u).field).toBe(first.field);
    s.layers = { ...s.layers, acid: s.layers.acid.slice() };
    expect(soldierField(s, u).field).not.toBe(first.field);
    const second = soldierField(s, u);
    u.ap -= 1;
    expect(soldierField(s, u).field).not.toBe(second.field);
  });
});
