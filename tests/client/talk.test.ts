/**
 * The words of partners talking: every phrase key has its words (a key added to the shared list
 * fails here until worded), and each change of a seat's hands is said, the rest left unsaid.
 */
import { describe, expect, it } from "vitest";
import { PHRASE_KEYS } from "../../shared/index.js";
import { PHRASE_TEXT, phraseLine, seatChangeText } from "../../client/src/words";

describe("partners' words", () => {
  it("every phrase key is worded, and a line names its speaker", () => {
    for (const k of PHRASE_KEYS) expect(PHRASE_TEXT[k]?.length ?? 0).toBeGreaterThan(0);
    expect(Object.keys(PHRASE_TEXT).sort()).toEqual([...PHRASE_KEYS].sort());
    expect(phraseLine("wang", "holdOn")).toBe("Wang: “Hold on to him!”");
  });

  it("a seat changing hands is said; no change (or the first sight of a seat) is not", () => {
    expect(seatChangeText("wang", "player", "dropped")).toMatch(/^Wang lost the connection/);
    expect(seatChangeText("wang", "dropped", "bot")).toBe("Wang did not come back — the bot takes his squad");
    expect(seatChangeText("wang", "player", "bot")).toBe("The bot takes Wang's squad");
    expect(seatChangeText("wang", "dropped", "player")).toBe("Wang is back");
    expect(seatChangeText("takumi", "bot", "player")).toBe("Takumi takes his squad from the bot");
    expect(seatChangeText("takumi", "open", "player")).toBe("Takumi joins the battle");
    expect(seatChangeText("wang", "player", "player")).toBeNull();
    expect(seatChangeText("wang", "", "player")).toBeNull();
  });
});
