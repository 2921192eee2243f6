/** The largest maps the format allows in practice: sight to 16 tiles, and whole bot battles that end. */
import { describe, expect, it } from "vitest";
import { apply, botCommand, createBattle, visibleTiles, tileIndex } from "../../shared/index.js";
import { bigMap } from "../../tools/big-map.js";

describe("a 64×64 map with 4 levels", () => {
  const map = bigMap(64, 4);

  it("sight honours the map's vision range up to 16", () => {
    expect(map.visionRange).toBe(16);
    const s = createBattle(map, 1);
    s.units = s.units.filter((u) => u.id === "takumi");
    const u = s.units[0];
    // along the soldiers' row (y 32: no building on it), 12 and 16 tiles away are seen, 17 is not
    const mask = visibleTiles(s);
    const at = (dx: number) => mask[tileIndex(map, u.x + dx, u.y, 0)];
    expect(at(12)).toBe(1);
    expect(at(16)).toBe(1);
    expect(at(17)).toBe(0);
  });

  it("two bots play a whole battle to its end", () => {
    let s = createBattle(map, 3);
    for (let n = 0; n < 5000 && s.phase === "player"; n++) {
      for (const seat of ["takumi", "wang"] as const) {
        const c = botCommand(s, seat);
        if (!c) continue;
        const r = apply(s, c);
        s = r.ok ? r.state : s;
        if (!r.ok) {
          const ready = apply(s, { seat, action: { type: "ready", ready: true } });
          if (ready.ok) s = ready.state;
        }
        if (s.phase !== "player") break;
      }
    }
    expect(s.phase).toBe("ended");
  });
});
