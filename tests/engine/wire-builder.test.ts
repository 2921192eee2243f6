/**
 * The incremental wire form (shared/view/wire.ts, WireBuilder) the server syncs into its Schema:
 * state after state of bot-played battles, it must equal `toWire(viewFor(...))` exactly, whatever
 * it kept from the state before (a unit, a layer), and whatever order the states come in.
 */
import { describe, it, expect } from "vitest";
import { apply, createBattle, toWire, viewFor, visibleTiles, type BattleState, type Viewer } from "../../shared/index.js";
import { WireBuilder } from "../../shared/view/wire.js";
import { playBattle } from "../../tools/play.js";
import { map, type MapId } from "./helpers.js";

function maskFor(s: BattleState, viewer: Viewer): Uint8Array {
  return visibleTiles(s, s.options.splitVision && viewer !== "spectator" ? viewer : undefined);
}

/** Every state of a bot-played battle, from its record. */
function playedStates(id: MapId, seed: number, splitVision: boolean): BattleState[] {
  const m = map(id);
  const { record } = playBattle(m, seed, { splitVision }, true);
  let s = createBattle(m, seed, { splitVision });
  const out = [s];
  for (const c of record!.log) {
    const r = apply(s, { seat: c.seat, action: c.action });
    if (!r.ok) throw new Error(`replay refused ${r.code}`);
    out.push((s = r.state));
  }
  return out;
}

describe("WireBuilder", () => {
  const cases: [MapId, number, boolean][] = [
    ["last-stand", 3, false],
    ["the-alley", 5, false],
    ["the-tower", 2, false],
    ["last-stand", 9, true],
  ];
  for (const [id, seed, split] of cases) {
    it(`equals toWire(viewFor(…)) state after state (${id}, seed ${seed}${split ? ", split vision" : ""})`, () => {
      const states = playedStates(id, seed, split);
      expect(states.length).toBeGreaterThan(20);
      const viewers: Viewer[] = split ? ["takumi", "wang", "spectator"] : ["spectator"];
      for (const viewer of viewers) {
        const builder = new WireBuilder(viewer);
        let previous: ReturnType<WireBuilder["build"]> | null = null;
        let keptUnits = 0;
        let keptLayers = 0;
        for (const s of states) {
          const mask = maskFor(s, viewer);
          const wire = builder.build(s, mask);
          expect(wire, `${viewer} at step ${s.step}`).toEqual(toWire(viewFor(s, viewer, mask)));
          if (previous) for (const uid in wire.units) if (wire.units[uid] === previous.units[uid]) keptUnits++;
          // sight moved (a new visible list) over tiles with no acid: the acid list kept, the same array
          if (previous && wire.visible !== previous.visible && wire.acid === previous.acid) keptLayers++;
          previous = wire;
        }
        expect(keptLayers).toBeGreaterThan(0);
        // most units are untouched by a command: kept, the very same object (the Schema sync skips them)
        expect(keptUnits).toBeGreaterThan(states.length);
        // out of order: every fifth state, going back (a campaign's scene or a restore never does, but it must hold)
        for (let k = states.length - 1; k >= 0; k -= 5) {
          const mask = maskFor(states[k], viewer);
          expect(builder.build(states[k], mask), `${viewer} back at step ${states[k].step}`).toEqual(toWire(viewFor(states[k], viewer, mask)));
        }
      }
    }, 120_000);
  }
});
