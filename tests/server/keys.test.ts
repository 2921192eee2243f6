/**
 * Seat keys (docs/PROTOCOL.md, "Seats and keys"): a seat belongs to its player. The bare
 * code makes a spectator, an invite makes the friend, a key takes a seat back (from the bot, the
 * partner, or its owner's own older connection); a wrong or spent one is refused; the battle keeps
 * only hashes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { expectError, getJson, inviteOf, keyOf, startServer, waitForState, welcome, wire, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.stop();
});

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("seat keys", () => {
  it("the creator's key and the invite are stored only hashed; the invite is the same on every visit and works once", async () => {
    const takumi = await srv.client().create("battle", { seed: 61, seat: "takumi" });
    const code = takumi.roomId;
    const key = await keyOf(takumi);
    const invite = await inviteOf(takumi);
    expect(key).toMatch(/^[\w-]{22}$/); // 128 bits
    const stored = JSON.stringify((await srv.store.findByCode(code))!.roomOptions);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(invite);
    expect(stored).toContain(sha(key));
    expect(stored).toContain(sha(invite));
    // his own second visit (a reload: a new connection with his key) offers the same invite…
    const again = await srv.client().joinById(code, { key });
    expect(await welcome(again)).toMatchObject({ role: "takumi", invite });
    expect((await welcome(again)).key).toBeUndefined();
    // …and the first connection, now superseded, only watches: its commands are refused
    await waitForState(takumi, () => true);
    expect(await expectError(takumi, "ready", { ready: true })).toMatchObject({ code: "ERR_SPECTATOR" });
    // the friend takes the bot's seat with it, and gets a key of his own
    const wang = await srv.client().joinById(code, { invite });
    expect(await welcome(wang)).toMatchObject({ role: "wang", key: expect.stringMatching(/^[\w-]{22}$/) });
    await waitForState(again, (w) => w.holderWang === "player");
    // the invite is spent: a second use (or a forged one) is refused; a wrong key too
    await expect(srv.client().joinById(code, { invite })).rejects.toThrow(/ERR_SEAT_KEY/);
    await expect(srv.client().joinById(code, { key: "A".repeat(22) })).rejects.toThrow(/ERR_SEAT_KEY/);
    await expect(srv.client().joinById(code, { seat: "takumi" })).rejects.toThrow(/ERR_SEAT_KEY/);
    for (const r of [takumi, again, wang]) await r.leave();
  });

  it("a lone player's bot seat is not the passer-by's: he watches and cannot act for either squad", async () => {
    const takumi = await srv.client().create("battle", { seed: 62, seat: "takumi" });
    const code = takumi.roomId;
    await waitForState(takumi, (w) => w.holderTakumi === "player" && w.holderWang === "bot");
    const stranger = await srv.client().joinById(code, {});
    expect((await welcome(stranger)).role).toBe("spectator");
    const wangUnit = Object.values(wire(stranger).units as Record<string, any>).find((u) => u.seat === "wang")!;
    expect(await expectError(stranger, "action", { action: { type: "reload", unit: wangUnit.id }, seat: "wang" })).toMatchObject({ code: "ERR_SPECTATOR" });
    expect(await expectError(stranger, "takeover", { seat: "wang" })).toMatchObject({ code: "ERR_SPECTATOR" });
    expect((await getJson(srv.url, `/api/battles/${code}`)).body.seats).toEqual({ takumi: "player", wang: "bot" });
    await stranger.leave();
    await takumi.leave();
  });
});
