/**
 * A scene the sergeants withdrew from before its objective (shared/actions/withdraw.ts): lost, yet
 * the campaign goes on with those who got out; whoever was left on the board is left behind.
 */
import { describe, it, expect } from "vitest";
import { loadMapById } from "../../server/maps.js";
import { apply, cameOut, endScene, hashState, newCampaign, sceneRecord, startScene, type Action, type Seat } from "../../shared/index.js";

describe("a scene fallen back from", () => {
  it("is lost; the withdrawn go on to the next scene, the rest are left behind", () => {
    const bus = loadMapById("the-bus");
    const c = newCampaign(5);
    let s = startScene(c, bus);
    const record = sceneRecord(c, s);
    // the sergeants step onto the way out down the street (x 15) and withdraw, the privates stay
    const steps: [Seat, Action][] = [
      ["takumi", { type: "move", unit: "takumi", to: { x: 15, y: 7, level: 0 } }],
      ["takumi", { type: "withdraw", unit: "takumi" }],
      ["wang", { type: "move", unit: "wang", to: { x: 15, y: 9, level: 0 } }],
      ["wang", { type: "withdraw", unit: "wang" }],
    ];
    for (const [seat, action] of steps) {
      const r = apply(s, { seat, action });
      if (!r.ok) throw new Error(`${r.code} ${r.message}`);
      s = r.state;
      record.log.push({ seat, action });
    }
    expect(s.phase).toBe("ended");
    expect(s.outcome).toBe("lost");
    expect([...cameOut(s)].sort()).toEqual(["takumi", "wang"]);
    record.finalHash = hashState(s);
    const next = endScene(c, bus, record);
    expect(next.status).toBe("playing");
    expect(next.results[0].outcome).toBe("lost");
    expect(next.soldiers.map((x) => x.id).sort()).toEqual(["takumi", "wang"]);
    expect(next.fallen.map((f) => [f.id, f.how]).sort()).toEqual([
      ["takumi-private-1", "left behind"], ["takumi-private-2", "left behind"], ["wang-private-1", "left behind"], ["wang-private-2", "left behind"],
    ]);
  });
});
