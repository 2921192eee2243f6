/** The client accepts `events` in either form: plain engine events or the compact wire form. */
import { expect, it } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { eventsToWire, type BattleEvent } from "../../shared/index.js";
import { normalizeEvents } from "../../client/src/net.js";

it("turns compact wire events back into positions and leaves plain events alone", () => {
  const map = loadMapById("last-stand");
  const ev = [
    { type: "moved", unit: "c1", path: [{ x: 1, y: 2, level: 0 }, { x: 2, y: 2, level: 0 }] },
    { type: "acid", at: { x: 3, y: 4, level: 0 }, intensity: 2 },
    { type: "grenade", unit: "takumi", at: { x: 5, y: 5, level: 0 }, tiles: [{ x: 5, y: 5, level: 0 }] },
    { type: "shot", unit: "takumi", target: "c1", chance: 60, hit: true, damage: 3, called: false, overwatch: false },
  ] as BattleEvent[];
  expect(normalizeEvents(map, ev)).toEqual(ev);
  expect(normalizeEvents(map, eventsToWire(map, ev) as unknown as BattleEvent[])).toEqual(ev);
});
