/** Towers work: creatures take the stairs; spawns never land on a hole; the bot fights when its way out is blocked. */
import { describe, expect, it } from "vitest";
import { Terrain, apply, botCommand } from "../../shared/index.js";
import { TAKUMI, TP1, eventsOf, endRound, idx, placeCreature, put, quiet, unit } from "./helpers.js";

describe("towers", () => {
  it("creatures spawned below a squad on the upper floor climb the stairs to it", () => {
    // tower-test: takumi and wang on level 1; the stairs link (6, 6) on both levels
    let s = quiet("tower-test");
    const c = placeCreature(s, "snatcher", 2, 2, 0);
    const levels: number[] = [];
    for (let r = 0; r < 4 && s.phase === "player"; r++) {
      s = endRound(s).state;
      const now = s.units.find((u) => u.id === c.id);
      levels.push(now && now.fate === "active" ? now.level : -1);
    }
    expect(levels).toContain(1);
  });

  it("a spawn point melted through to a hole brings no one", () => {
    const s = quiet("tower-test", { waves: true });
    // round 2's Snatcher can only come out of the manhole at (4, 4, 0)
    s.layers.terrain[idx(s, 4, 4, 0)] = Terrain.hole;
    const { state, events } = endRound(s);
    expect(eventsOf(events, "spawned").filter((e) => e.at.x === 4 && e.at.y === 4 && e.at.level === 0)).toEqual([]);
    for (const u of state.units) if (u.fate === "active") expect(state.layers.terrain[idx(state, u.x, u.y, u.level)]).not.toBe(Terrain.hole);
  });

  it("the bot fights where it stands when its way out is blocked", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, TP1] });
    s.objective = "extract";
    // both tiles of the alley mouth's corridor held by creatures: no way to the exits
    placeCreature(s, "snatcher", 4, 1);
    placeCreature(s, "snatcher", 5, 1);
    const near = placeCreature(s, "spitter", 8, 6);
    put(s, TAKUMI, 8, 9);
    s.intents = [];
    const cmd = botCommand(s, "takumi")!;
    expect(cmd.action.type).not.toBe("ready");
    expect(["shoot", "move", "grenade", "overwatch", "calledShot", "butt", "reload"]).toContain(cmd.action.type);
    expect(unit(s, TAKUMI).fate).toBe("active");
    expect(near.id).toBeDefined();
  });
});

describe("the bot without a rifle", () => {
  it("keeps beside an armed comrade instead of standing alone", () => {
    const s = quiet("last-stand", { keep: [TAKUMI, TP1] });
    put(s, TAKUMI, 8, 9);
    put(s, TP1, 12, 11);
    unit(s, TP1).hasWeapon = false;
    s.intents = [];
    let state = s;
    for (let k = 0; k < 10 && !state.ready.takumi; k++) {
      const cmd = botCommand(state, "takumi")!;
      const r = apply(state, cmd);
      if (!r.ok) break;
      state = r.state;
    }
    const a = unit(state, TP1), b = unit(state, TAKUMI);
    expect(Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y))).toBe(1);
  });
});
