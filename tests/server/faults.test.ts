/**
 * Nothing crashes: an exception in one room (a throwing engine call, a throwing side-channel
 * handler, a throwing timer task) is logged with its code and the command, the command is refused
 * with ERR_INTERNAL, the battle is unchanged, and the other rooms and the process keep going.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { apply, autoplay, type Command } from "../../shared/index.js";
import { engine, sideChannel } from "../../server/fault.js";
import { tapLog } from "../../server/logger.js";
import { collect, getJson, nextMessage, startServer, waitForState, wire, type BattleClientRoom, type TestServer } from "./helpers.js";

let srv: TestServer;
let a: BattleClientRoom;
let b: BattleClientRoom;
/** The log's error lines (level 50) since the test began. */
let errors: Record<string, any>[] = [];
let untap = () => {};

beforeAll(async () => {
  srv = await startServer();
  a = await srv.client().create("battle", { seed: 21, seat: "takumi" });
  b = await srv.client().create("battle", { seed: 22, seat: "takumi" });
  await waitForState(a, (w) => w.holderTakumi === "player" && w.phase === "player");
  await waitForState(b, (w) => w.holderTakumi === "player" && w.phase === "player");
});
beforeEach(() => {
  errors = [];
  untap = tapLog((e) => (e.level as number) >= 50 && errors.push(e));
});
afterEach(() => {
  untap();
  engine.apply = apply;
  engine.autoplay = autoplay;
  sideChannel.before = () => {};
  vi.restoreAllMocks();
});
afterAll(async () => {
  await srv?.stop();
});

const full = (room: BattleClientRoom) => srv.room(room.roomId).summary();
function soldier(room: BattleClientRoom) {
  return Object.values(wire(room).units as Record<string, any>).find((u) => u.seat === "takumi" && u.fate === "active")!;
}

describe("faults stay in their room", () => {
  it("a throwing engine call refuses that command with ERR_INTERNAL; the battle and the other room go on", async () => {
    const unit = soldier(a).id;
    engine.apply = (s, cmd: Command) => {
      if (cmd.action.type === "overwatch" && s.seed === 21) throw new Error("injected engine fault");
      return apply(s, cmd);
    };
    const beforeA = full(a);
    const beforeB = full(b);
    const acks = collect(a, "ack");
    const err = nextMessage<{ code: string; message: string; seq?: number }>(a, "error");
    a.send("action", { action: { type: "overwatch", unit }, seq: 1 });
    expect(await err).toMatchObject({ code: "ERR_INTERNAL", seq: 1, message: expect.any(String) });
    await srv.room(a.roomId).idle();
    expect(acks).toEqual([{ seq: 1, ok: false, code: "ERR_INTERNAL" }]);
    expect(full(a)).toMatchObject({ step: beforeA.step, hash: beforeA.hash });
    // Logged with the room's code and the command.
    const logged = errors.find((l) => String(l.msg).includes("ERR_INTERNAL"));
    expect(logged).toMatchObject({ room: a.roomId, seat: "takumi", seq: 1, where: "action" });
    expect(logged!.command).toContain("overwatch");
    expect(logged!.err.message).toContain("injected engine fault");
    // The same room serves the next command; the other room was never touched and still plays.
    a.send("ready", { ready: true, seq: 2 });
    await waitForState(a, (w) => w.round > beforeA.round, 10_000, "room A to go on");
    expect(full(b)).toMatchObject({ step: beforeB.step, hash: beforeB.hash });
    b.send("ready", { ready: true });
    await waitForState(b, (w) => w.round > beforeB.round, 10_000, "room B to play");
    expect((await getJson(srv.url, "/health")).body.ok).toBe(true);
  });

  it("a throwing side-channel handler (ping, select, pointer, unknown type) answers ERR_INTERNAL, nothing else", async () => {
    const before = full(a);
    for (const [type, payload] of [["ping", { x: 1, y: 1, kind: "move" }], ["select", { unit: "" }], ["pointer", { x: 1, y: 1 }], ["nonsense", {}]] as const) {
      sideChannel.before = (t) => {
        if (t === type || t === "*") throw new Error(`injected ${t} fault`);
      };
      const err = nextMessage<{ code: string }>(a, "error");
      a.send(type, payload);
      expect((await err).code, type).toBe("ERR_INTERNAL");
    }
    sideChannel.before = () => {};
    expect(full(a)).toMatchObject({ step: before.step, hash: before.hash });
    // Still served afterwards.
    const ping = nextMessage(a, "ping");
    a.send("ping", { x: 1, y: 1, kind: "move" });
    expect(await ping).toMatchObject({ x: 1, y: 1 });
  });

  it("a throwing timer task (the bot partner's turn) is logged and the room keeps serving", async () => {
    const before = full(b);
    let failures = 0;
    engine.autoplay = () => {
      failures++;
      throw new Error("injected bot fault");
    };
    // Takumi's ready is applied; the bot partner's turn (a timer task) then fails: logged, and the
    // battle stays as it was after the ready.
    b.send("ready", { ready: true, seq: 3 });
    await waitForState(b, (w) => w.readyTakumi === true);
    while (failures === 0) await new Promise((r) => setTimeout(r, 10));
    await srv.room(b.roomId).idle();
    expect(full(b)).toMatchObject({ step: before.step + 1, round: before.round });
    expect(errors.some((l) => l.room === b.roomId && String(l.msg).includes("ERR_INTERNAL") && l.err?.message === "injected bot fault")).toBe(true);
    // Fixed: the next change wakes the bot partner again, it plays, and the round turns.
    engine.autoplay = autoplay;
    b.send("ready", { ready: false, seq: 4 });
    await waitForState(b, (w) => w.readyTakumi === false);
    b.send("ready", { ready: true, seq: 5 });
    await waitForState(b, (w) => w.round > before.round, 10_000, "the bot partner to play");
  });
});
