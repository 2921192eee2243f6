/**
 * hashState feeds the state's canonical text (stateText) to cyrb53 as it would be written, without
 * making it: it must give exactly the hash of the text itself (hashStateByText), on every state the
 * engine makes and on the odd values a hand-made state may hold. Stored records and replays compare
 * these hashes: a single character of difference would make every record fail to replay.
 */
import { describe, expect, it } from "vitest";
import { hashState, hashStateByText, stateText } from "../../shared/core/hash.js";
import { autoplay, createBattle, type BattleState } from "../../shared/index.js";
import { map, type MapId } from "./helpers.js";

function played(id: MapId, seed: number, max: number): BattleState[] {
  const { steps } = autoplay(createBattle(map(id), seed), ["takumi", "wang"], { max });
  return steps.map((s) => s.state);
}

describe("hashState is the hash of stateText", () => {
  for (const [id, seed] of [["last-stand", 11], ["the-alley", 12], ["tower-test", 13], ["the-bus", 14], ["the-wall", 15]] as [MapId, number][]) {
    it(`${id}: every state of a bot battle`, () => {
      const states = played(id, seed, 300);
      expect(states.length).toBeGreaterThan(10);
      for (const s of states) expect(hashState(s)).toBe(hashStateByText(s));
    });
  }

  it("odd values in a hand-made state: escaped strings, nulls, fractions, negatives, NaN, the optional fields", () => {
    const base = played("last-stand", 21, 60).at(-1)!;
    const s = structuredClone(base);
    const [u, v, w] = s.units;
    Object.assign(u, { id: 'say "hi"\\n', hp: -12, aim: 0.75, armor: NaN, grabbedBy: null, seat: null });
    Object.assign(v, { kind: "é\u0001\ud800", x: 1e16, y: -0, level: Infinity });
    (w as unknown as Record<string, unknown>).heldBy = undefined;
    s.outcome = null as never;
    s.perimeter = null;
    s.unready = { takumi: 2, wang: 0 };
    s.undone = { takumi: 1, wang: 3 };
    s.knownTerrain = [{ tile: 5, terrain: 2 }, { tile: 77, terrain: 0 }] as never;
    s.options = { ...s.options, pursuit: 2 } as never;
    s.noise = [{ x: 3, y: 4, level: 0 }, null as never];
    s.rng = 4294967295;
    expect(stateText(s)).not.toBe(stateText(base));
    expect(hashState(s)).toBe(hashStateByText(s));
    expect(hashState(s)).not.toBe(hashState(base));
  });

  it("a one-character change of the text changes the hash (the feeding reads every field)", () => {
    const s = played("the-alley", 31, 40).at(-1)!;
    const before = hashState(s);
    for (const edit of [
      (t: BattleState) => (t.units[t.units.length - 1].ap += 1),
      (t: BattleState) => (t.report.perRound.push({ ...t.report.perRound[0], radius: 9 } as never)),
      (t: BattleState) => (t.ready.wang = !t.ready.wang),
      (t: BattleState) => (t.layers.fire[t.layers.fire.length - 1] ^= 1),
    ]) {
      const t = structuredClone(s);
      edit(t);
      expect(hashState(t)).toBe(hashStateByText(t));
      expect(hashState(t)).not.toBe(before);
    }
  });
});

describe("hashState with the units' texts kept (the server's)", () => {
  it("gives the same hash as without, state after state, units shared between states or not", () => {
    const texts = new WeakMap<object, string>();
    for (const [id, seed] of [["last-stand", 41], ["the-alley", 42]] as [MapId, number][]) {
      const states = played(id, seed, 200);
      for (const s of states) expect(hashState(s, texts)).toBe(hashStateByText(s));
      // again, every unit's text now kept: still the same
      for (const s of states) expect(hashState(s, texts)).toBe(hashState(s));
    }
  });
});

describe("hashState's layers: runs of zeros fed as one multiplication", () => {
  it("gives the byte-by-byte hash for zero runs of every length, at every offset, in views not aligned", () => {
    const base = played("last-stand", 51, 20).at(-1)!;
    const n = base.layers.acid.length;
    for (let trial = 0; trial < 40; trial++) {
      const s = structuredClone(base);
      // a layer of zero runs of growing length between single bytes (1..255), shifted by the trial
      for (const k of ["acid", "acidAge", "melt", "corpse", "fire"] as const) {
        const l = new Uint8Array(n);
        for (let i = trial % 7, run = 0; i < n; i += ++run + 1) l[i] = ((i * 31 + trial) % 255) + 1;
        s.layers[k] = l;
      }
      // a view one byte into a larger buffer: not aligned, read byte by byte
      if (trial % 2) {
        const buf = new Uint8Array(n + 1);
        buf.set(s.layers.terrain, 1);
        s.layers.terrain = buf.subarray(1);
      }
      // all zeros, and none
      if (trial === 3) s.layers.melt = new Uint8Array(n);
      if (trial === 4) s.layers.melt = new Uint8Array(n).fill(9);
      expect(hashState(s)).toBe(hashStateByText(s));
    }
  });
});
