/**
 * The campaign (shared/campaign): survivors carried from scene to scene with their wounds, the
 * fallen gone for good and written on the roll, a lost sergeant ending it, and the campaign
 * record replaying to the same final hash. Campaigns are played whole by the soldier bot.
 */
import { describe, it, expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import {
  HEAL_HP, RESUPPLY_ARMOR, SCENES, SOLDIERS, cameOut, endedOnTheClock, hashCampaign, newCampaign, nextSceneMap, replay, replayCampaign,
  rollOfTheFallen, sceneSeed, startScene, type MapDef, type SoldierKind,
} from "../../shared/index.js";
import { playCampaign, type PlayedCampaign } from "../../tools/play-campaign.js";

const maps = new Map<string, MapDef>();
const mapOf = (id: string): MapDef => {
  if (!maps.has(id)) maps.set(id, loadMapById(id));
  return maps.get(id)!;
};

// a few bot campaigns, played once for the whole file
const played: PlayedCampaign[] = [];
for (let seed = 1; seed <= 24; seed++) played.push(playCampaign(seed, {}, mapOf));

describe("a new campaign", () => {
  it("starts the six soldiers fresh at the first scene, the-bus, and refuses another map", () => {
    const c = newCampaign(7);
    expect(nextSceneMap(c)).toBe("the-bus");
    expect(c.soldiers.map((s) => s.id)).toEqual(["takumi", "takumi-private-1", "takumi-private-2", "wang", "wang-private-1", "wang-private-2"]);
    const s = startScene(c, mapOf("the-bus"));
    expect(s.seed).toBe(sceneSeed(c, 0));
    expect(s.units.filter((u) => u.side === "squad").map((u) => [u.id, u.hp])).toEqual(c.soldiers.map((u) => [u.id, SOLDIERS[u.kind].hp]));
    expect(() => startScene(c, mapOf("the-alley"))).toThrow(/the-bus/);
  });

  it("is deterministic: the same seed plays the same campaign", () => {
    expect(playCampaign(3, {}, mapOf).record.finalHash).toBe(played[2].record.finalHash);
    expect(sceneSeed({ seed: 1 }, 0)).not.toBe(sceneSeed({ seed: 1 }, 1));
  });
});

describe("between scenes", () => {
  it("survivors are carried with their wounds (healed HEAL_HP, armor patched), the fallen stay gone", () => {
    let checked = 0;
    for (const p of played) {
      const { record } = p;
      for (let i = 0; i + 1 < p.campaign.results.length; i++) {
        const map = mapOf(SCENES[i].map);
        // the scene's own record replays on its own, to the scene's final hash
        const alone = replay(record.scenes[i], map);
        expect(alone.error).toBeNull();
        expect(alone.hash).toBe(p.campaign.results[i].finalHash);
        const survived = new Set(p.campaign.results[i].survived);
        // the next scene starts exactly the survivors, each with his end hp healed and his armor patched
        const next = record.scenes[i + 1].options.roster!;
        expect(next.map((r) => r.id)).toEqual([...survived]);
        for (const r of next) {
          const u = alone.state.units.find((v) => v.id === r.id)!;
          expect(r.hp).toBe(Math.min(u.maxHp, Math.max(1, u.hp + HEAL_HP)));
          expect(r.armor).toBe(Math.min(SOLDIERS[u.kind as SoldierKind].armor, u.armor + RESUPPLY_ARMOR));
          if (u.hp + HEAL_HP < u.maxHp) checked++;
        }
        // nobody who fell comes back
        const gone = new Set(p.campaign.fallen.filter((f) => f.scene <= i).map((f) => f.id));
        for (const id of gone) expect(next.some((r) => r.id === id)).toBe(false);
      }
    }
    // some soldier carried a wound that healing did not close
    expect(checked).toBeGreaterThan(0);
  });

  it("the roll of the fallen says who, where and how, in the order they fell", () => {
    const all = played.flatMap((p) => p.campaign.fallen);
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) {
      expect(f.text).toMatch(/^(killed|taken [a-z ]+|left behind) (at|in) the [a-z ]+, round \d+$/);
      expect(f.text).toContain(SCENES[f.scene].place);
      expect(f.map).toBe(SCENES[f.scene].map);
    }
    expect(all.some((f) => f.how === "taken")).toBe(true);
    expect(all.some((f) => f.how === "killed")).toBe(true);
    for (const p of played) {
      const roll = rollOfTheFallen(p.campaign);
      expect(roll).toHaveLength(p.campaign.fallen.length);
      p.campaign.fallen.forEach((f, i) => expect(roll[i]).toBe(`${roll[i].split(": ")[0]}: ${f.text}`));
      // in scene order
      const scenes = p.campaign.fallen.map((f) => f.scene);
      expect(scenes).toEqual([...scenes].sort((a, b) => a - b));
    }
  });

  it("a sergeant lost ends the campaign, with the line that says how; nothing else does", () => {
    const ended = played.filter((p) => p.campaign.status === "over");
    expect(ended.length).toBeGreaterThan(0);
    for (const p of ended) {
      const c = p.campaign;
      const sergeant = c.fallen.find((f) => f.kind !== "private" && f.scene === c.scene - 1);
      expect(sergeant).toBeDefined();
      expect(c.endedBy).toContain(sergeant!.text);
      expect(nextSceneMap(c)).toBeNull();
      expect(() => startScene(c, mapOf(SCENES[Math.min(c.scene, SCENES.length - 1)].map))).toThrow(/over/);
    }
    // and while it goes on, both sergeants are alive
    for (const p of played) {
      const c = p.campaign;
      for (let i = 0; i + 1 < c.results.length; i++) {
        expect(c.results[i].survived).toContain("takumi");
        expect(c.results[i].survived).toContain("wang");
      }
    }
  });
});

describe("a scene lost on the clock, or fallen back from", () => {
  it("does not end the campaign: the soldiers on their feet (or who withdrew) fall back and play the next scene", () => {
    let fellBack = 0, withdrew = 0;
    for (const p of played) {
      const c = p.campaign;
      c.results.forEach((r, i) => {
        if (r.outcome !== "lost" || !r.survived.includes("takumi") || !r.survived.includes("wang")) return;
        fellBack++;
        // the campaign went on past it (or it was the last scene)
        expect(c.results.length > i + 1 || (i === SCENES.length - 1 && c.status === "complete")).toBe(true);
        // the ones who came out are exactly those standing (or carried by one standing) when the time
        // ran out, or those who withdrew from a way out before the objective was met
        const end = replay(p.record.scenes[i], mapOf(SCENES[i].map)).state;
        if (endedOnTheClock(end)) expect(end.round).toBe(end.map.maxRounds);
        else {
          withdrew++;
          for (const id of ["takumi", "wang"]) expect(end.units.find((v) => v.id === id)!.fate).toBe("extracted");
        }
        expect(r.survived).toEqual(r.started.filter((id) => cameOut(end).has(id)));
        for (const id of r.survived) {
          const u = end.units.find((v) => v.id === id)!;
          expect(u.fate === "extracted" || (u.fate === "active" && u.down === 0 && !u.grabbedBy) || u.fate === "carried").toBe(true);
        }
        // the next scene starts with them
        if (i + 1 < c.results.length) expect(c.results[i + 1].started).toEqual(r.survived);
        // the ones still in a creature's grip are on the roll as taken, the down left lying as left behind (or killed)
        for (const f of c.fallen.filter((g) => g.scene === i)) {
          const u = end.units.find((v) => v.id === f.id)!;
          if (u.fate === "active" && u.grabbedBy) expect(f.how).toBe("taken");
          if (u.fate === "active" && !u.grabbedBy) expect(f.how).toBe("left behind");
        }
      });
    }
    // seeds 1-24 hold such scenes (the bus's cell blowing with the squad still on the board; a
    // scene the sergeants withdrew from)
    expect(fellBack).toBeGreaterThan(withdrew);
    expect(withdrew).toBeGreaterThan(0);
  });
});

describe("the campaign record", () => {
  it("replays to the same final hash, scene by scene", () => {
    for (const p of played.slice(0, 8)) {
      const r = replayCampaign(p.record, mapOf);
      expect(r.error).toBeNull();
      expect(r.hash).toBe(p.record.finalHash);
      expect(r.hash).toBe(hashCampaign(p.campaign));
      expect(r.campaign).toEqual(p.campaign);
    }
  });

  it("a record that was tampered with does not replay", () => {
    const p = played.find((q) => q.record.scenes.length >= 2 && q.record.scenes[0].log.length > 2)!;
    const cut = structuredClone(p.record);
    cut.scenes[0].log.pop();
    expect(replayCampaign(cut, mapOf).error).toMatch(/scene 1/);
    const other = structuredClone(p.record);
    other.finalHash = "00000000000000";
    expect(replayCampaign(other, mapOf).error).toMatch(/final hash/);
  });
});
