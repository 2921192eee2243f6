/**
 * Protocol fuzzer against a real server over real WebSockets (fast-check, fixed seed): message
 * types known and unknown, payloads of wrong types, huge and negative numbers, deep nesting,
 * `__proto__` keys, arrays for objects, near-valid commands with one field mutated, binary frames,
 * and messages after leaving. Every message is answered with a well-formed `error { code, message }`,
 * accepted, or closes that connection; nothing is logged as a server fault; the process stays up
 * and the other battles keep their hashes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Room } from "@colyseus/sdk";
import { replay } from "../../shared/index.js";
import { loadMapById } from "../../server/maps.js";
import { checkMessage, MESSAGE_SCHEMAS, type MessageType } from "../../server/validation.js";
import { keyOf, getJson, startServer, waitForState, type BattleClientRoom, type TestServer } from "./helpers.js";
import { tapLog } from "../../server/logger.js";

let srv: TestServer;
let bystanders: { code: string; hash: string; step: number }[] = [];
/** The log's ERR_INTERNAL lines (server faults) since the fuzzing began. */
const faults: string[] = [];
let untap = () => {};

const KNOWN = Object.keys(MESSAGE_SCHEMAS) as MessageType[];
const UNIT_IDS = ["takumi", "wang", "private-1", "snatcher-1", "", "x".repeat(40)];

// ---- arbitraries --------------------------------------------------------------------------------

const hugeNumber = fc.oneof(
  fc.constantFrom(0, -1, -0, 1e308, -1e308, 2 ** 53, -(2 ** 53), 2 ** 31, 2 ** 32, 255, 256, 65536, 0.5, -2.5, 1e-300),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const leaf = fc.oneof(hugeNumber, fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null), fc.constantFrom(...UNIT_IDS));
const protoKeyed = fc.oneof(
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')),
  fc.constant(JSON.parse('{"action": {"__proto__": {"type": "move"}, "type": "reload", "unit": "takumi"}}')),
  fc.constant(JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')),
);
/** Deep nesting (arrays or objects inside each other). */
const deep = fc.integer({ min: 20, max: 300 }).map((n) => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
});
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: "small" },
  leaf,
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(leaf, { maxLength: 5 }),
  protoKeyed,
  deep,
  fc.string({ minLength: 900, maxLength: 1200 }),
  // Above the transport's 4 KB frame limit: the connection is closed.
  fc.constant("z".repeat(5000)),
);
const pos = fc.record({ x: hugeNumber, y: hugeNumber, level: fc.option(hugeNumber, { nil: undefined }) }, { requiredKeys: ["x", "y"] });
const validAction = fc.oneof(
  fc.record({ type: fc.constant("move"), unit: fc.constantFrom(...UNIT_IDS), to: pos }),
  fc.record({ type: fc.constantFrom("shoot", "calledShot", "butt"), unit: fc.constantFrom(...UNIT_IDS), target: fc.constantFrom(...UNIT_IDS) }),
  fc.record({ type: fc.constantFrom("overwatch", "reload"), unit: fc.constantFrom(...UNIT_IDS) }),
  fc.record({ type: fc.constant("grenade"), unit: fc.constantFrom(...UNIT_IDS), to: pos }),
);
/** A near-valid message with one field replaced by junk (or an extra key). */
function mutated<T extends Record<string, unknown>>(base: fc.Arbitrary<T>) {
  return fc.tuple(base, fc.string({ maxLength: 8 }), junk, fc.boolean()).map(([b, key, value, replace]) => {
    const keys = Object.keys(b);
    const k = replace && keys.length ? keys[Math.abs(key.length) % keys.length] : key || "extra";
    return { ...b, [k]: value };
  });
}
const seq = fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }), hugeNumber), { nil: undefined });
const message: fc.Arbitrary<{ type: string; payload: unknown }> = fc.oneof(
  fc.record({ type: fc.constantFrom(...KNOWN), payload: junk }),
  fc.record({ type: fc.constant("action"), payload: fc.record({ action: validAction, seq }, { requiredKeys: ["action"] }) }),
  fc.record({ type: fc.constant("action"), payload: mutated(fc.record({ action: validAction })) }),
  fc.record({ type: fc.constant("ready"), payload: fc.record({ ready: fc.boolean(), seq }, { requiredKeys: ["ready"] }) }),
  fc.record({ type: fc.constantFrom("ready", "undo", "takeover", "select"), payload: mutated(fc.record({ ready: fc.boolean(), seat: fc.constantFrom("takumi", "wang") })) }),
  fc.record({ type: fc.constantFrom("ping", "pointer"), payload: fc.record({ x: hugeNumber, y: hugeNumber, kind: fc.constantFrom("danger", "move", "target", "boom") }) }),
  fc.record({ type: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("__proto__", "constructor", "toString", "*", "")), payload: junk }),
);

// ---- helpers ------------------------------------------------------------------------------------

async function fullHash(code: string) {
  return srv.room(code).summary();
}

interface Heard {
  errors: { code: unknown; message: unknown; seq?: unknown }[];
  acks: { seq: number; ok: boolean }[];
  closed: boolean;
}

function listen(room: BattleClientRoom): Heard {
  const heard: Heard = { errors: [], acks: [], closed: false };
  room.onMessage("error", (m: any) => heard.errors.push(m));
  room.onMessage("ack", (m: any) => heard.acks.push(m));
  room.onLeave(() => (heard.closed = true));
  return heard;
}

function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const tick = () => {
      if (cond()) return resolve(true);
      if (Date.now() - t0 > ms) return resolve(false);
      setTimeout(tick, 2);
    };
    tick();
  });
}

beforeAll(async () => {
  srv = await startServer({ settings: { ratePerSecond: 100_000, rateBurst: 100_000, hardMessagesPerSecond: 100_000 } });
  // Two other battles that must not notice anything.
  for (const seed of [501, 502]) {
    const r = await srv.client().create("battle", { seed, seat: "takumi" });
    await waitForState(r, (w) => w.phase === "player" && w.holderTakumi === "player");
    r.send("ready", { ready: true });
    await waitForState(r, (w) => w.round > 1);
    const s = await fullHash(r.roomId);
    bystanders.push({ code: r.roomId, hash: s.hash, step: s.step });
  }
  untap = tapLog((e) => String(e.msg).includes("ERR_INTERNAL") && faults.push(String(e.msg)));
});
afterAll(async () => {
  untap();
  await srv?.stop();
});

describe("protocol fuzzer", () => {
  it("a few hundred hostile messages: each answered, accepted or closing its connection; nothing else moves", async () => {
    const victim = await srv.client().create("battle", { seed: 503, seat: "takumi", waitForPartner: true, reconnectSeconds: 0.1 });
    const code = victim.roomId;
    const key = await keyOf(victim);
    await waitForState(victim, (w) => w.phase === "player");
    const messages = fc.sample(message, { numRuns: 300, seed: 20261130 });
    let room: BattleClientRoom = victim;
    let heard = listen(room);
    let probe = 10_000;
    let answered = 0;
    let accepted = 0;
    let closed = 0;
    for (const { type, payload } of messages) {
      const errorsBefore = heard.errors.length;
      try {
        room.send(type, payload as any);
      } catch {
        // The SDK refused to encode it: nothing reached the server.
        continue;
      }
      // A probe behind it, through the command queue: its ack means the server is done with the message.
      const p = ++probe;
      room.send("undo", { seq: p });
      const done = await waitFor(() => heard.closed || heard.acks.some((a) => a.seq === p), 5000);
      expect(done, `no answer to the probe after ${type} ${JSON.stringify(payload)?.slice(0, 120)}`).toBe(true);
      if (heard.closed) {
        closed++;
        // A new connection into the battle, his seat taken back with its key
        // (after the dropped seat's 0.1 s window has run out, as a player coming back later)
        expect(await waitFor(() => !Object.values(srv.room(code).summary().seats).includes("dropped"), 5000), "the dropped seat freed").toBe(true);
        room = await srv.client().joinById(code, { key });
        heard = listen(room);
        continue;
      }
      const mine = heard.errors.slice(errorsBefore).filter((e) => e.seq !== p);
      for (const e of mine) {
        expect(e.code).toMatch(/^ERR_[A-Z_]+$/);
        expect(typeof e.message).toBe("string");
        expect((e.message as string).length).toBeGreaterThan(0);
        expect(e.code).not.toBe("ERR_INTERNAL");
      }
      const known = (KNOWN as string[]).includes(type);
      const shapeOk = known && checkMessage(type as MessageType, payload).ok;
      if (mine.length > 0) answered++;
      else {
        // Silence means accepted: only a well-formed message of a known type (or a lossy pointer).
        expect(shapeOk || type === "pointer", `silence after ${type} ${JSON.stringify(payload)?.slice(0, 120)}`).toBe(true);
        accepted++;
      }
      if (!known) expect(mine.map((e) => e.code)).toContain("ERR_BAD_MESSAGE");
    }
    console.log(`fuzz: ${messages.length} messages: ${answered} answered with an error, ${accepted} accepted, ${closed} closed the connection`);
    expect(answered + accepted + closed).toBeGreaterThan(250);
    expect(answered).toBeGreaterThan(100);

    // Binary frames: bytes for a message type, and raw garbage under the protocol.
    const bytesHeard = heard;
    room.sendBytes("action", new Uint8Array([1, 2, 3, 255]));
    room.sendBytes("nonsense", new Uint8Array(64).fill(7));
    const ws = (room.connection as unknown as { transport: { ws: { send(d: Uint8Array): void } } }).transport.ws;
    for (const frame of [new Uint8Array([13, 0xff, 0xff]), new Uint8Array([0]), new Uint8Array([13, 0xd9, 0x05, 0x61])]) ws.send(frame);
    await waitFor(() => bytesHeard.closed, 1000);

    // Messages after leaving: sent while the leave is under way, straight onto the socket.
    const late = await srv.client().joinById(code, { seat: "spectator" });
    const lateWs = (late.connection as unknown as { transport: { ws: { send(d: Uint8Array): void } } }).transport.ws;
    let captured: Uint8Array | null = null;
    const original = lateWs.send.bind(lateWs);
    lateWs.send = (d: Uint8Array) => void (captured = new Uint8Array(d));
    late.send("ready", { ready: true });
    lateWs.send = original;
    const leaving = late.leave(true);
    for (let i = 0; i < 5; i++) if (captured) lateWs.send(captured);
    await leaving.catch(() => {});

    // Nothing was logged as a server fault, and nothing polluted a prototype.
    expect(faults).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();

    // The process serves; the other battles kept their hashes; the victim's record still replays.
    expect((await getJson(srv.url, "/health")).body.ok).toBe(true);
    for (const b of bystanders) expect(await fullHash(b.code)).toMatchObject({ hash: b.hash, step: b.step });
    await srv.room(code).idle();
    const record = (await srv.store.getRecord(code))!;
    const rep = replay(record, loadMapById(record.map.id));
    expect(rep.error).toBeNull();
    expect(rep.hash).toBe((await fullHash(code)).hash);
    await (room as Room).leave().catch(() => {});
  }, 60_000);
});
