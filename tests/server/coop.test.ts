/**
 * Two players (Takumi and Wang) and a spectator in one battle, over real WebSockets: several full
 * rounds through the protocol (moves, undo, shots, grenades, ready); all three see the same state;
 * the server's final hash equals the engine's own replay of the same commands; and no client state
 * or events message ever holds a creature the squad cannot see (checked on every patch).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apply,
  createBattle,
  hashState,
  legalActions,
  replay,
  viewFor,
  type Action,
  type BattleState,
  type Command,
  type MapDef,
  type Seat,
} from "../../shared/index.js";
import { eventsFromWire, fromWire, toWire, type WireState } from "../../shared/view/wire.js";
import { loadMapById } from "../../server/maps.js";
import { WIRE_KEYS } from "../../server/schema.js";
import { inviteOf, getJson, startServer, wire, type BattleClientRoom, type TestServer } from "./helpers.js";

const SEED = 20261126;
const ROUNDS = 4;

let srv: TestServer;
let map: MapDef;
beforeAll(async () => {
  srv = await startServer();
  map = loadMapById("last-stand");
});
afterAll(async () => {
  await srv?.stop();
});

interface Snapshot {
  who: string;
  wire: Record<string, unknown>;
  step: number;
  creatures: string[];
  intentUnits: string[];
}

/** Records every state change and events message a client receives. */
function watch(room: BattleClientRoom, who: string, snaps: Snapshot[], eventLog: { who: string; step: number; ids: string[] }[]) {
  room.onStateChange(() => {
    const w = wire(room);
    snaps.push({
      who,
      wire: Object.fromEntries(WIRE_KEYS.map((k) => [k, (w as any)[k]])),
      step: w.step,
      creatures: Object.values(w.units).filter((u: any) => u.side === "creature").map((u: any) => u.id),
      // (a last-known intent names a creature seen at the phase start; it is checked against the engine's view below)
      intentUnits: w.intents.filter((i: any) => !i.lastKnown).map((i: any) => i.unit),
    });
  });
  room.onMessage("events", (m: { round: number; fromStep?: number; step: number; events: any[] }) => {
    m.fromStep ??= m.step - 1;
    const ids = new Set<string>();
    for (const e of m.events) for (const k of ["unit", "target", "victim", "by"]) if (typeof e[k] === "string" && e[k]) ids.add(e[k]);
    expect(m.step).toBeGreaterThan(m.fromStep);
    // positions travel as tile indices (the wire form)
    for (const e of m.events) for (const k of ["at", "to"]) if (k in e) expect(typeof e[k], `${e.type}.${k}`).toBe("number");
    eventLog.push({ who, step: m.fromStep, to: m.step, ids: [...ids], events: eventsFromWire(map, m.events) } as any);
  });
}

type Outcome = { ok: true; w: WireState } | { ok: false; code: string };

/** Sends a message and waits for its answer: the step moving on (accepted) or an error. */
function act(room: BattleClientRoom, type: string, payload: unknown): Promise<Outcome> {
  const before = room.state.step;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${type} ${JSON.stringify(payload)}`)), 10_000);
    const offErr = room.onMessage("error", (e: { code: string }) => {
      cleanup();
      resolve({ ok: false, code: e.code });
    });
    const onChange = () => {
      if (room.state.step > before) {
        cleanup();
        resolve({ ok: true, w: wire(room) });
      }
    };
    room.onStateChange(onChange);
    const cleanup = () => {
      clearTimeout(timer);
      offErr();
      room.onStateChange.remove(onChange);
    };
    room.send(type, payload as any);
  });
}

function waitStep(room: BattleClientRoom, step: number, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (room.state.step >= step) return resolve();
    const timer = setTimeout(() => reject(new Error(`step ${step} never came (at ${room.state.step})`)), timeoutMs);
    const onChange = () => {
      if (room.state.step >= step) {
        clearTimeout(timer);
        room.onStateChange.remove(onChange);
        resolve();
      }
    };
    room.onStateChange(onChange);
  });
}

const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.max(Math.abs(a.x - b.x), Math.abs(a.y - b.y));

describe("co-op battle through the server", () => {
  it("two players and a spectator play several rounds and always agree", async () => {
    const takumi = await srv.client().create("battle", { map: "last-stand", seed: SEED, seat: "takumi", waitForPartner: true });
    const code = takumi.roomId;
    const wang = await srv.client().joinById(code, { invite: await inviteOf(takumi) });
    const spectator = await srv.client().joinById(code, { seat: "spectator" });
    const rooms: Record<Seat, BattleClientRoom> = { takumi, wang };
    const all = [takumi, wang, spectator];

    const snaps: Snapshot[] = [];
    const eventLog: { who: string; step: number; ids: string[] }[] = [];
    watch(takumi, "takumi", snaps, eventLog);
    watch(wang, "wang", snaps, eventLog);
    watch(spectator, "spectator", snaps, eventLog);
    for (const r of all) await waitStep(r, 0);

    // Nobody plays before both players are there (the partner's seat was kept open).
    const summary0 = await getJson(srv.url, `/api/battles/${code}`);
    expect(summary0.body.step).toBe(0);
    expect(summary0.body.seats).toEqual({ takumi: "player", wang: "player" });

    const sent: Command[] = []; // what the server accepted, in order
    const count = { move: 0, undo: 0, shoot: 0, grenade: 0, ready: 0, refused: 0 };
    let grenadeThrown = false;

    const send = async (seat: Seat, type: string, payload: any, action: Action): Promise<boolean> => {
      // act() reads "my step moved on" as accepted: the sender's view must first hold every step
      // accepted so far (the partner's last command may still be on its way to this socket)
      await waitStep(rooms[seat], sent.length);
      const r = await act(rooms[seat], type, payload);
      if (r.ok) {
        sent.push({ seat, action });
        return true;
      }
      count.refused++;
      return false;
    };

    for (let round = 0; round < ROUNDS; round++) {
      const w0 = wire(takumi);
      if (w0.phase !== "player") break;
      for (const seat of ["takumi", "wang"] as Seat[]) {
        const room = rooms[seat];
        let view = fromWire(wire(room), map);
        let legal = legalActions(view, seat);

        // A move, undone, then made again.
        const move = legal.find((a) => a.type === "move") as Extract<Action, { type: "move" }> | undefined;
        if (move) {
          if (await send(seat, "action", { action: move }, move)) count.move++;
          const undo: Action = { type: "undo" };
          if (await send(seat, "undo", {}, undo)) count.undo++;
          if (await send(seat, "action", { action: move }, move)) count.move++;
        }

        // A shot at anything in sight and range.
        view = fromWire(wire(room), map);
        legal = legalActions(view, seat);
        const shot = legal.find((a) => a.type === "shoot");
        if (shot && (await send(seat, "action", { action: shot }, shot))) count.shoot++;

        // One grenade per battle, at a tile well away from every soldier.
        if (!grenadeThrown) {
          view = fromWire(wire(room), map);
          legal = legalActions(view, seat);
          const soldiers = view.units.filter((u) => u.side === "squad" && u.fate === "active");
          const throwAt = legal.find(
            (a) => a.type === "grenade" && soldiers.every((s) => dist(s, (a as any).to) >= 3),
          ) as Extract<Action, { type: "grenade" }> | undefined;
          if (throwAt && (await send(seat, "action", { action: { type: "grenade", unit: throwAt.unit, to: { x: throwAt.to.x, y: throwAt.to.y } } }, throwAt))) {
            count.grenade++;
            grenadeThrown = true;
          }
        }
      }
      // Both ready: the enemy and environment phases resolve and the next round starts.
      const roundBefore = wire(takumi).round;
      for (const seat of ["takumi", "wang"] as Seat[]) {
        const a: Action = { type: "ready", ready: true };
        if (await send(seat, "ready", { ready: true }, a)) count.ready++;
      }
      for (const r of all) await waitStep(r, sent.length);
      const after = wire(takumi);
      expect(after.round > roundBefore || after.phase === "ended").toBe(true);

      // All three clients hold the same state.
      const a = wire(takumi), b = wire(wang), c = wire(spectator);
      for (const k of WIRE_KEYS) {
        expect(b[k], `wang.${k}`).toEqual(a[k]);
        expect(c[k], `spectator.${k}`).toEqual(a[k]);
      }
    }

    expect(count.move).toBeGreaterThanOrEqual(ROUNDS);
    expect(count.undo).toBeGreaterThan(0);
    expect(count.grenade).toBe(1);
    expect(count.shoot, JSON.stringify(count)).toBeGreaterThan(0);
    expect(count.ready).toBeGreaterThanOrEqual(2);

    // Same hash as the engine alone playing the accepted commands.
    let local: BattleState = createBattle(map, SEED, { difficulty: "normal", splitVision: false });
    for (const cmd of sent) {
      const r = apply(local, cmd);
      expect(r.ok, `local apply of ${JSON.stringify(cmd)}`).toBe(true);
      if (r.ok) local = r.state;
    }
    const summary = await getJson(srv.url, `/api/battles/${code}`);
    expect(summary.body.step).toBe(sent.length);
    expect(srv.room(code).summary().hash).toBe(hashState(local));
    // Over HTTP the hash is of the squad's view, and the record waits for the end of the battle.
    expect(summary.body.hash).not.toBe(hashState(local));
    expect((await getJson(srv.url, `/api/matches/${code}/record`)).status).toBe(409);

    // The stored record replays to the same hash, step for step.
    // The stored record (over HTTP it is served only once the battle is over).
    const record = (await srv.store.getRecord(code))!;
    expect(record.log.length).toBe(sent.length);
    const rep = replay(record, map);
    expect(rep.error).toBeNull();
    expect(rep.hash).toBe(hashState(local));

    // Every patch and every events message: only creatures the squad could see at that step.
    const visibleAt: Set<string>[] = [];
    const tilesAt: Uint8Array[] = [];
    const wireAt: WireState[] = [];
    let st: BattleState = createBattle(map, SEED, record.options);
    const seen = (s: BattleState) => {
      const v = viewFor(s, "spectator");
      visibleAt.push(new Set(v.units.filter((u) => u.side === "creature").map((u) => u.id)));
      tilesAt.push(v.visible);
      wireAt.push(toWire(v));
    };
    seen(st);
    for (const cmd of record.log) {
      const r = apply(st, cmd);
      if (!r.ok) throw new Error("replay refused");
      st = r.state;
      seen(st);
    }
    expect(snaps.length).toBeGreaterThan(sent.length);
    for (const s of snaps) {
      // Each patch leaves the client holding exactly the engine's squad view at that step.
      for (const k of WIRE_KEYS) expect(s.wire[k], `${s.who} ${k} at step ${s.step}`).toEqual((wireAt[s.step] as any)[k]);
      for (const id of [...s.creatures, ...s.intentUnits]) {
        expect(visibleAt[s.step].has(id), `${s.who} saw hidden creature ${id} at step ${s.step}`).toBe(true);
      }
    }
    const creatureIds = new Set(st.units.filter((u) => u.side === "creature").map((u) => u.id));
    for (const e of eventLog) {
      for (const id of e.ids) {
        if (!creatureIds.has(id)) continue;
        // The events of one step are judged against the sight before and after it: a creature
        // hidden both before and after may only appear on tiles the squad saw (a walk across its sight, a spawn it saw).
        const to = (e as any).to as number;
        if ([e.step, to].some((k) => visibleAt[k].has(id))) continue;
        const tileSeen = (p: { x: number; y: number; level: number }) =>
          [tilesAt[e.step], tilesAt[to]].some((v) => v[p.level * map.width * map.height + p.y * map.width + p.x] === 1);
        for (const ev of (e as any).events.filter((x: any) => [x.unit, x.target, x.victim, x.by].includes(id))) {
          // Where the event shows the creature: its walk, spawn tile, landing tile…
          const places: any[] = [...(ev.path ?? []), ...(ev.at ? [ev.at] : []), ...(ev.to ? [ev.to] : [])];
          expect(places.length, `${e.who} was told about hidden creature ${id} with no place: ${JSON.stringify(ev)}`).toBeGreaterThan(0);
          expect(places.every(tileSeen), `${e.who} was shown hidden creature ${id} out of sight: ${JSON.stringify(ev)}`).toBe(true);
        }
      }
    }

    for (const r of all) await r.leave();
  }, 60_000);
});
