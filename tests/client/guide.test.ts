/** The guide's pure parts: which event calls for which first-time tip, when a scene is briefed, what the briefing says. */
import { describe, expect, it } from "vitest";
import { tipFor, TIP_IDS } from "../../client/src/guide/tips.js";
import { sceneOpening } from "../../client/src/guide/sceneGate.js";
import { briefingHtml } from "../../client/src/guide/briefingScreen.js";
import { noCampaign } from "../../client/src/campaignInfo.js";
import { loadMapById } from "../../server/maps.js";
import { createBattle, toWire, viewFor, type BattleEvent, type WireState } from "../../shared/index.js";

const mine = (id: string) => id.startsWith("takumi");
const name = (id: string) => `<${id}>`;
const pos = { x: 1, y: 1, level: 0 };

describe("first-time tips", () => {
  it("each tip comes from its event, naming the soldier; events that teach nothing, or another seat's soldier, give none", () => {
    const cases: [BattleEvent, string | null][] = [
      [{ type: "grabbed", unit: "c1", victim: "takumi-private-1", roll: true, hit: true }, "grab"],
      [{ type: "grabbed", unit: "c1", victim: "takumi-private-1", roll: true, hit: false }, null],
      [{ type: "grabbed", unit: "c1", victim: "wang-private-1", roll: true, hit: true }, null],
      [{ type: "damaged", unit: "takumi", amount: 2, cause: "splash", hp: 4 }, "splash"],
      [{ type: "damaged", unit: "takumi", amount: 1, cause: "acid", hp: 4 }, "acid"],
      [{ type: "damaged", unit: "takumi", amount: 3, cause: "shot", hp: 4 }, null],
      [{ type: "down", unit: "takumi-private-2" }, "down"],
      [{ type: "squeezed", radius: 4, nextRadius: 4 }, "squeeze"],
      [{ type: "perimeterBroken" }, "broken"],
      [{ type: "taken", unit: "takumi-private-1", by: "c2" }, "taken"],
      [{ type: "spat", unit: "c3", at: pos, hit: null }, "spit"],
      [{ type: "pounced", unit: "c4", to: pos, hit: [] }, "pounce"],
      [{ type: "moved", unit: "takumi", path: [pos] }, null],
      [{ type: "died", unit: "c7", at: pos }, "splash"],
      [{ type: "died", unit: "takumi-private-1", at: pos }, null],
    ];
    const creature = (id: string) => id.startsWith("c");
    for (const [e, id] of cases) expect(tipFor(e, mine, name, creature)?.id ?? null, JSON.stringify(e)).toBe(id);
    expect(tipFor(cases[0][0], mine, name)!.text).toContain("<takumi-private-1>");
    for (const [e, id] of cases) if (id) expect(TIP_IDS).toContain(id);
  });
});

describe("the briefing screen", () => {
  const wire = (mapId: string, round: number, phase = "player") => ({ mapId, round, phase }) as Pick<WireState, "mapId" | "round" | "phase">;
  const single = { campaign: noCampaign() };
  const campaign = (stage: "scene" | "report", scene: number) => ({ campaign: { ...noCampaign(), stage, scene, scenes: 6 } });

  it("a scene is briefed when it opens at its start; not again, not when joined late, not between scenes", () => {
    expect(sceneOpening("", wire("last-stand", 1), single).brief).toBe(true);
    const k = sceneOpening("", wire("last-stand", 1), single).key;
    expect(sceneOpening(k, wire("last-stand", 1), single).brief).toBe(false);
    expect(sceneOpening("", wire("last-stand", 4), single).brief).toBe(false);
    // a campaign: scene 1, its report, then scene 2 opens
    const s1 = sceneOpening("", wire("the-bus", 1), campaign("scene", 0));
    expect(s1.brief).toBe(true);
    const rep = sceneOpening(s1.key, wire("the-bus", 3, "ended"), campaign("report", 0));
    expect(rep.brief).toBe(false);
    const s2 = sceneOpening(rep.key, wire("the-alley", 1), campaign("scene", 1));
    expect(s2.brief).toBe(true);
  });

  it("says the scene's story, its objective and its clock", () => {
    const map = loadMapById("the-bus");
    const w = toWire(viewFor(createBattle(map, 1), "takumi")) as WireState;
    const html = briefingHtml({ map, wire: w, sceneLabel: "Scene 1 of 6" });
    expect(html).toContain(map.name);
    expect(html).toContain(map.briefing!.slice(0, 30));
    expect(html).toMatch(/id="brief-objective">Reach the survivors/);
    expect(html).toMatch(/id="brief-clock">[^<]*round 1 of 10/);
    expect(html).toContain("Scene 1 of 6");
  });
});
