/**
 * Every kind of bad input is refused with `error { code, message }`, changes nothing (same step, same
 * hash), and the server keeps serving every room.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type MapDef } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { expectError, getJson, inviteOf, nextMessage, sleep, startServer, waitForState, type BattleClientRoom, type TestServer } from "./helpers.js";

let srv: TestServer;
let map: MapDef;
let takumi: BattleClientRoom;
let wang: BattleClientRoom;
let spectator: BattleClientRoom;
let code: string;
/** The rate limits' clock runs with the wall clock, moved ahead by hand to refill a bucket. */
let ahead = 0;

async function fingerprint() {
  const { body } = await getJson(srv.url, `/api/battles/${code}`);
  return { step: body.step, hash: body.hash };
}

beforeAll(async () => {
  srv = await startServer({ clock: () => Date.now() + ahead });
  map = loadMapById("last-stand");
  takumi = await srv.client().create("battle", { map: "last-stand", seed: 99, seat: "takumi", waitForPartner: true });
  code = takumi.roomId;
  wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
  spectator = await srv.client().joinById(code, { seat: "spectator" });
  await waitForState(spectator, (w) => w.holderWang === "player" && w.spectators === 1);
});
afterAll(async () => {
  await srv?.stop();
});

function unitOf(seat: "takumi" | "wang"): string {
  const w = takumi.state.toJSON();
  return Object.values(w.units as Record<string, any>).find((u) => u.seat === seat && u.fate === "active")!.id;
}

/** Sends, expects the code, and checks that the battle did not change. */
async function refused(room: BattleClientRoom, type: string, payload: unknown, code: string) {
  const before = await fingerprint();
  const err = await expectError(room, type, payload);
  expect(err.code, `${type} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(code);
  expect(typeof err.message).toBe("string");
  expect(err.message.length).toBeGreaterThan(0);
  expect(await fingerprint()).toEqual(before);
}

describe("bad input", () => {
  it("unknown message types", async () => {
    await refused(takumi, "teleport", { unit: "takumi" }, "ERR_BAD_MESSAGE");
    await refused(takumi, "__proto__", {}, "ERR_BAD_MESSAGE");
  });

  it("missing, extra and wrongly typed fields", async () => {
    const unit = unitOf("takumi");
    await refused(takumi, "action", {}, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "move", unit } }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: 1, y: 1 } }, extra: 1 }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: 1, y: 1, z: 0 } } }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: "1", y: 1 } } }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: 1.5, y: 1 } } }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "fly", unit } }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", { action: { type: "shoot", unit, target: 7 } }, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", "move", "ERR_BAD_MESSAGE");
    await refused(takumi, "action", 42, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", null, "ERR_BAD_MESSAGE");
    await refused(takumi, "action", [1, 2, 3], "ERR_BAD_MESSAGE");
    await refused(takumi, "ready", { ready: "yes" }, "ERR_BAD_MESSAGE");
    await refused(takumi, "ready", {}, "ERR_BAD_MESSAGE");
    await refused(takumi, "undo", { now: true }, "ERR_BAD_MESSAGE");
    await refused(takumi, "ping", { x: 1, y: 1, kind: "nuke" }, "ERR_BAD_MESSAGE");
    await refused(takumi, "select", { unit: 5 }, "ERR_BAD_MESSAGE");
    await refused(takumi, "takeover", { seat: "spectator" }, "ERR_BAD_MESSAGE");
  });

  it("positions off the grid", async () => {
    const unit = unitOf("takumi");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: -1, y: 0 } } }, "ERR_OFF_GRID");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: map.width, y: 0 } } }, "ERR_OFF_GRID");
    await refused(takumi, "action", { action: { type: "grenade", unit, to: { x: 0, y: map.height + 5 } } }, "ERR_OFF_GRID");
    await refused(takumi, "action", { action: { type: "move", unit, to: { x: 1, y: 1, level: 3 } } }, "ERR_OFF_GRID");
    await refused(takumi, "ping", { x: 999, y: 0, kind: "danger" }, "ERR_OFF_GRID");
  });

  it("oversized payloads", async () => {
    await refused(takumi, "select", { unit: "x".repeat(2000) }, "ERR_TOO_LARGE");
    await refused(takumi, "action", { action: { type: "reload", unit: "y".repeat(3000) } }, "ERR_TOO_LARGE");
  });

  it("acting out of seat", async () => {
    // Takumi commanding Wang's soldier: the engine refuses it.
    await refused(takumi, "action", { action: { type: "reload", unit: unitOf("wang") } }, "ERR_NOT_YOUR_UNIT");
    await refused(takumi, "action", { action: { type: "overwatch", unit: unitOf("wang") } }, "ERR_NOT_YOUR_UNIT");
    // Naming a seat he does not hold.
    await refused(takumi, "ready", { ready: true, seat: "wang" }, "ERR_NOT_YOUR_SEAT");
    // Taking over a seat a connected player holds.
    await refused(takumi, "takeover", { seat: "wang" }, "ERR_NOT_YOUR_SEAT");
    // No such unit.
    await refused(takumi, "action", { action: { type: "reload", unit: "nobody" } }, "ERR_NO_UNIT");
  });

  it("spectators cannot act", async () => {
    await refused(spectator, "action", { action: { type: "reload", unit: unitOf("takumi") } }, "ERR_SPECTATOR");
    await refused(spectator, "ready", { ready: true }, "ERR_SPECTATOR");
    await refused(spectator, "undo", {}, "ERR_SPECTATOR");
    await refused(spectator, "ping", { x: 1, y: 1, kind: "danger" }, "ERR_SPECTATOR");
    await refused(spectator, "takeover", { seat: "wang" }, "ERR_SPECTATOR");
  });

  it("engine refusals come through with their code", async () => {
    await refused(takumi, "undo", {}, "ERR_NOTHING_TO_UNDO");
    await refused(takumi, "action", { action: { type: "reload", unit: unitOf("takumi") } }, "ERR_MAGAZINE_FULL");
    const ready = await new Promise<void>((resolve) => {
      const off = takumi.onStateChange(() => {
        if (takumi.state.readyTakumi) resolve();
      });
      void off;
      takumi.send("ready", { ready: true });
    });
    void ready;
    await refused(takumi, "ready", { ready: true }, "ERR_ALREADY_READY");
  });

  it("bad join options are refused", async () => {
    await expect(srv.client().joinById(code, { seat: "takumi" })).rejects.toThrow(/ERR_SEAT_KEY/);
    await expect(srv.client().joinById(code, { seat: "general" })).rejects.toThrow(/ERR_BAD_OPTIONS/);
    await expect(srv.client().create("battle", { map: "../../etc/passwd" })).rejects.toThrow(/ERR_UNKNOWN_MAP/);
    await expect(srv.client().create("battle", { seed: -5 })).rejects.toThrow(/ERR_BAD_OPTIONS/);
    await expect(srv.client().create("battle", { difficulty: "nightmare" })).rejects.toThrow(/ERR_BAD_OPTIONS/);
    await expect(srv.client().create("battle", { __restore: { secret: "guess", code } })).rejects.toThrow(/ERR_BAD_OPTIONS/);
    // internal options are never accepted from a client, whatever their shape (null threw a TypeError)
    for (const restore of [null, 0, "x", []]) await expect(srv.client().create("battle", { __restore: restore })).rejects.toThrow(/ERR_BAD_OPTIONS: not allowed/);
  });

  it("a flood of messages is rate limited, without changing the battle", async () => {
    const before = await fingerprint();
    const codes: string[] = [];
    wang.onMessage("error", (e: { code: string }) => codes.push(e.code));
    for (let i = 0; i < 80; i++) wang.send("select", { unit: "" });
    await waitUntil(() => codes.includes("ERR_RATE_LIMITED"));
    expect(codes.every((c) => c === "ERR_RATE_LIMITED")).toBe(true);
    expect(await fingerprint()).toEqual(before);
    // Tokens come back: a second and a half later the same client is served again.
    ahead += 1500;
    const err = await expectError(wang, "undo", {});
    expect(err.code).toBe("ERR_NOTHING_TO_UNDO");
  });

  it("a frame too large for the transport closes only that connection; every room keeps serving", async () => {
    const other = await srv.client().create("battle", { map: "the-alley", seat: "takumi" });
    const rogue = await srv.client().joinById(code, { seat: "spectator" });
    const left = new Promise<number>((resolve) => rogue.onLeave((c: number) => resolve(c)));
    rogue.send("action", { blob: "z".repeat(10_000) });
    expect(await left).toBeGreaterThan(1000);

    // The battle and the other room still answer (Takumi is ready by now: the engine refuses).
    const err = await expectError(takumi, "undo", {});
    expect(Object.keys(ERROR_CODES)).toContain(err.code);
    const before = other.state.step;
    other.send("ready", { ready: false });
    const e2 = await nextMessage(other, "error");
    expect(typeof e2.code).toBe("string");
    expect(other.state.step).toBe(before);
    expect((await getJson(srv.url, "/health")).body.ok).toBe(true);
    await other.leave();
  });
});

async function waitUntil(cond: () => boolean, timeoutMs = 5000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error("condition never held");
    await sleep(10);
  }
}
