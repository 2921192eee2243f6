/**
 * The pursuit (shared/campaign/pursuit.ts): a scene lost sends creatures after the squad into the
 * next scene's first wave; a scene won shakes them off. Falling back is a trade, not a free pass.
 */
import { describe, it, expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import {
  MAX_PURSUERS, PURSUERS_PER_LOSS, createBattle, hashState, newCampaign, pursuitAfter, replay, startScene, waveFor, type MapDef,
} from "../../shared/index.js";
import { playCampaign } from "../../tools/play-campaign.js";

const maps = new Map<string, MapDef>();
const mapOf = (id: string): MapDef => {
  if (!maps.has(id)) maps.set(id, loadMapById(id));
  return maps.get(id)!;
};
const creatures = (s: { units: { side: string }[] }) => s.units.filter((u) => u.side === "creature").length;

describe("the pursuit", () => {
  it("grows with every scene lost in a row, to its cap, and a scene won ends it", () => {
    expect(pursuitAfter(0, "won")).toBe(0);
    expect(pursuitAfter(0, "lost")).toBe(PURSUERS_PER_LOSS);
    expect(pursuitAfter(PURSUERS_PER_LOSS, "lost")).toBe(Math.min(MAX_PURSUERS, 2 * PURSUERS_PER_LOSS));
    expect(pursuitAfter(MAX_PURSUERS, "lost")).toBe(MAX_PURSUERS);
    expect(pursuitAfter(MAX_PURSUERS, "won")).toBe(0);
  });

  it("brings its Snatchers with the wave after the first (they catch up), and only then", () => {
    const map = mapOf("the-alley");
    const plain = createBattle(map, 5);
    const chased = createBattle(map, 5, { pursuit: 3 });
    const snatchers = (s: typeof plain, round: number) => waveFor(s, round).filter((k) => k === "snatcher").length;
    expect(creatures(chased)).toBe(creatures(plain));
    expect(waveFor(chased, 1)).toEqual(waveFor(plain, 1));
    expect(snatchers(chased, 2)).toBe(snatchers(plain, 2) + 3);
    expect(waveFor(chased, 3)).toEqual(waveFor(plain, 3));
    expect(hashState(chased)).not.toBe(hashState(plain));
    // absent or 0 leaves a battle as it was (the goldens' battles have none)
    expect(hashState(createBattle(map, 5, { pursuit: 0 }))).toBe(hashState(plain));
  });

  it("follows a campaign's lost scene into the next one, whose record replays on its own", () => {
    let found = false;
    for (let seed = 1; seed <= 40 && !found; seed++) {
      const played = playCampaign(seed, {}, mapOf);
      const lost = played.campaign.results.findIndex((r) => r.outcome === "lost");
      if (lost < 0 || lost + 1 >= played.record.scenes.length) continue;
      found = true;
      const next = played.record.scenes[lost + 1];
      expect(next.options.pursuit).toBeGreaterThanOrEqual(PURSUERS_PER_LOSS);
      const r = replay(next, mapOf(next.map.id));
      expect(r.error ?? null).toBeNull();
      expect(hashState(r.state)).toBe(next.finalHash);
    }
    expect(found).toBe(true);
  });

  it("starts a new campaign with none", () => {
    const c = newCampaign(9);
    expect(c.pursuit).toBe(0);
    expect(startScene(c, mapOf("the-bus")).options.pursuit).toBeUndefined();
  });
});
