/**
 * Every event kind the engine can emit gets a worded log line with names, not ids. The kinds are
 * read from shared/core/types.ts itself, so a kind added there fails this test until it is worded.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBattle, toWire, viewFor, type BattleEvent } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { describeEvent, unitName, WORDS } from "../../client/src/words.js";
import { ROOT } from "./paths.js";

const P = { x: 3, y: 4, level: 0 };
/** One event of every kind (the mapped type makes the type-check fail when a kind is missing). */
const SAMPLES: { [K in BattleEvent["type"]]: Extract<BattleEvent, { type: K }> } = {
  moved: { type: "moved", unit: "wang-private-1", path: [P] },
  shot: { type: "shot", unit: "takumi", target: "c1", chance: 61, hit: true, damage: 3, called: false, overwatch: false },
  grenade: { type: "grenade", unit: "wang", at: P, tiles: [P] },
  butt: { type: "butt", unit: "takumi-private-2", target: "c1", damage: 1 },
  damaged: { type: "damaged", unit: "wang-private-1", amount: 2, cause: "acid", hp: 3 },
  died: { type: "died", unit: "c1", at: P },
  acid: { type: "acid", at: P, intensity: 2 },
  corroded: { type: "corroded", unit: "wang-private-1", armor: 0 },
  grabbed: { type: "grabbed", unit: "c1", victim: "wang-private-1", roll: true, hit: true },
  freed: { type: "freed", unit: "wang-private-1", by: "takumi" },
  dragged: { type: "dragged", unit: "c1", victim: "wang-private-1", path: [P] },
  taken: { type: "taken", unit: "wang-private-1", by: "c1" },
  pounced: { type: "pounced", unit: "c1", to: P, hit: ["takumi"] },
  spat: { type: "spat", unit: "c1", at: P, hit: "takumi" },
  spawned: { type: "spawned", unit: "c7", kind: "leaper", at: P },
  reloaded: { type: "reloaded", unit: "takumi" },
  overwatch: { type: "overwatch", unit: "takumi" },
  weaponLost: { type: "weaponLost", unit: "wang-private-1" },
  melted: { type: "melted", at: P },
  fell: { type: "fell", unit: "takumi", to: P },
  squeezed: { type: "squeezed", radius: 3, nextRadius: 3 },
  perimeterBroken: { type: "perimeterBroken" },
  objective: { type: "objective", stage: "extract" },
  extracted: { type: "extracted", unit: "takumi-private-1" },
  withdrew: { type: "withdrew", unit: "wang" },
  rescued: { type: "rescued", at: P },
  ready: { type: "ready", seat: "wang", ready: true },
  undone: { type: "undone", unit: "takumi" },
  phase: { type: "phase", phase: "enemy", round: 8 },
  ended: { type: "ended", outcome: "lost" },
  ambush: { type: "ambush", unit: "takumi", by: "c1", at: P },
  heard: { type: "heard", civilian: "civilian-2", fate: "dead" },
  objectiveLost: { type: "objectiveLost", cause: "civilians", need: 4, canStillSave: 3 },
  heldOn: { type: "heldOn", unit: "wang", comrade: "wang-private-1" },
  down: { type: "down", unit: "wang-private-1" },
  revived: { type: "revived", unit: "wang-private-1", by: "wang" },
  carried: { type: "carried", unit: "wang-private-1", by: "wang" },
  dropped: { type: "dropped", unit: "wang-private-1", by: "wang", at: P },
  tugged: { type: "tugged", unit: "c1", victim: "wang-private-1", by: "wang" },
  pulled: { type: "pulled", unit: "c1", victim: "wang-private-1", to: P },
  fire: { type: "fire", at: P, rounds: 2 },
};

/** The event kinds as written in shared/core/types.ts's BattleEvent union. */
function kindsInTypes(): string[] {
  const src = readFileSync(join(ROOT, "shared", "core", "types.ts"), "utf8");
  const start = src.indexOf("export type BattleEvent");
  const union = src.slice(start, src.indexOf("\nexport ", start + 1));
  return [...union.matchAll(/\|\s*\{\s*type:\s*"([A-Za-z]+)"/g)].map((m) => m[1]);
}

describe("the log's words", () => {
  const wire = toWire(viewFor(createBattle(loadMapById("last-stand"), 1, {}), "takumi"));

  it("every event kind in shared/core/types.ts has a wording", () => {
    const kinds = kindsInTypes();
    expect(kinds.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
    for (const k of kinds) expect(Object.keys(WORDS), `no words for event kind "${k}"`).toContain(k);
  });

  it("every kind produces a line with names, not ids", () => {
    for (const e of Object.values(SAMPLES) as BattleEvent[]) {
      const line = describeEvent(e, wire);
      expect(line.length, e.type).toBeGreaterThan(5);
      expect(line, e.type).not.toMatch(/\b(c\d+|wang-private-\d|takumi-private-\d|undefined|NaN|\[object)/);
    }
  });

  it("names soldiers and creatures as a player reads them", () => {
    expect(unitName(wire, "wang-private-1")).toBe("Private Wang-1");
    expect(unitName(wire, "takumi")).toBe("Sergeant Takumi");
    expect(unitName(wire, "c9999")).toBe("a creature in the dust");
    expect(describeEvent(SAMPLES.weaponLost, wire)).toBe("Private Wang-1's rifle falls into the acid and is lost");
    expect(describeEvent(SAMPLES.corroded, wire)).toContain("armor 0");
  });

  it("civilians are named by their ids, seen or not, never as a creature; the saved are told as saved", () => {
    expect(describeEvent({ type: "extracted", unit: "civilian-2" }, wire)).toBe("Civilian 2 gets out: saved");
    expect(describeEvent({ type: "carried", unit: "child-1", by: "wang" }, wire)).toBe("Sergeant Wang picks up Child 1");
    expect(describeEvent({ type: "died", unit: "child-3", at: P }, null)).toBe("Child 3 dies");
    expect(describeEvent({ type: "grabbed", unit: "c4", victim: "civilian-1", roll: true, hit: true }, null)).toBe("A creature in the dust grabs Civilian 1");
  });
});
