/**
 * Quick phrases over real WebSockets: a phrase reaches the partner, the spectator and the sender as
 * `phrase { seat, key }`; an unknown key (or free text) is refused and nothing is relayed; phrases
 * spend the sender's message budget like pings; a spectator's phrase is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PHRASE_KEYS } from "../../shared/index.js";
import { collect, expectError, inviteOf, nextMessage, startServer, until, waitForState, type BattleClientRoom, type TestServer } from "./helpers.js";

let srv: TestServer;
let takumi: BattleClientRoom;
let wang: BattleClientRoom;
let spectator: BattleClientRoom;
/** The rate limit's clock: the wall clock, moved ahead by hand to refill a bucket. */
let ahead = 0;
const BURST = 6;

beforeAll(async () => {
  srv = await startServer({ clock: () => Date.now() + ahead, settings: { ratePerSecond: 2, rateBurst: BURST } });
  takumi = await srv.client().create("battle", { map: "last-stand", seed: 5, seat: "takumi", waitForPartner: true });
  wang = await srv.client().joinById(takumi.roomId, { invite: await inviteOf(takumi) });
  spectator = await srv.client().joinById(takumi.roomId, { seat: "spectator" });
  await waitForState(spectator, (w) => w.holderWang === "player" && w.spectators === 1);
});
afterAll(async () => {
  await srv?.stop();
});

describe("quick phrases", () => {
  it("reach the partner, the spectator and the sender, by key", async () => {
    ahead += 10_000;
    const got = Promise.all([wang, spectator, takumi].map((r) => nextMessage(r, "phrase")));
    takumi.send("phrase", { key: "coverMe" });
    for (const m of await got) expect(m).toEqual({ seat: "takumi", key: "coverMe" });
    // every key of the list is accepted
    const heard = collect(takumi, "phrase");
    for (const key of PHRASE_KEYS) {
      ahead += 10_000;
      wang.send("phrase", { key });
    }
    await until(() => heard.length === PHRASE_KEYS.length, "every phrase");
    expect(heard.map((m) => m.key)).toEqual([...PHRASE_KEYS]);
    expect(heard.every((m) => m.seat === "wang")).toBe(true);
  });

  it("an unknown key or free text is refused, and nothing is relayed", async () => {
    ahead += 10_000;
    const heard = collect(wang, "phrase");
    for (const bad of [{ key: "Send nudes" }, { key: "" }, { text: "Cover me" }, { key: "go", text: "now" }, { key: 3 }, null]) {
      const err = await expectError(takumi, "phrase", bad);
      expect(err.code).toBe("ERR_BAD_MESSAGE");
      expect(err.message.length).toBeGreaterThan(0);
    }
    // a good phrase after them (the refusals spent the budget too) is the first one the partner hears
    ahead += 10_000;
    takumi.send("phrase", { key: "wait" });
    await until(() => heard.length > 0, "the good phrase");
    expect(heard).toEqual([{ seat: "takumi", key: "wait" }]);
  });

  it("spend the message budget: a flood is refused with ERR_RATE_LIMITED, and the budget comes back", async () => {
    ahead += 10_000;
    const heard = collect(takumi, "phrase");
    const codes = collect<{ code: string }>(wang, "error");
    for (let i = 0; i < BURST + 4; i++) wang.send("phrase", { key: "go" });
    await until(() => heard.length + codes.length === BURST + 4, "an answer to each phrase");
    expect(heard.length).toBe(BURST);
    expect(codes.map((c) => c.code)).toEqual(Array(4).fill("ERR_RATE_LIMITED"));
    ahead += 10_000;
    const next = nextMessage(takumi, "phrase");
    wang.send("phrase", { key: "needAmmo" });
    expect(await next).toEqual({ seat: "wang", key: "needAmmo" });
  });

  it("a spectator's phrase is refused and not relayed", async () => {
    ahead += 10_000;
    const heard = collect(takumi, "phrase");
    const err = await expectError(spectator, "phrase", { key: "go" });
    expect(err.code).toBe("ERR_SPECTATOR");
    // the next phrase Takumi hears is Wang's, sent after the refusal
    wang.send("phrase", { key: "fallingBack" });
    await until(() => heard.length > 0, "Wang's phrase");
    expect(heard).toEqual([{ seat: "wang", key: "fallingBack" }]);
  });
});
