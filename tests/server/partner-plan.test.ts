/**
 * The bot partner plans in the open (server/partner-plan.ts) with real Colyseus clients: its plan
 * reaches its human partner before he is ready, names only what his seat sees, changes with a
 * standing order (validated, told to both, kept beside the record), and is what the bot then plays.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, collect, expectError, until, waitForState, wire, type TestServer } from "./helpers.js";

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ settings: { botDelayMs: 0 } });
});
afterAll(async () => {
  await srv?.stop();
});

interface Plan {
  seat: string;
  round: number;
  order: string;
  changed: boolean;
  steps: { unit: string; action: { type: string; unit: string; target?: string }; chance?: number; target?: string; path?: unknown[] }[];
}

describe("the bot partner's plan", () => {
  it("is sent to its human partner, changes with a standing order, and is what the bot plays", async () => {
    const room = await srv.client().create("battle", { seed: 5, seat: "takumi" });
    const plans = collect<Plan>(room, "plan");
    const orders = collect<{ seat: string; order: string; by: string }>(room, "order");
    await waitForState(room, (w) => w.holderTakumi === "player" && w.holderWang === "bot" && w.phase === "player");

    // an order to the bot: told to both players, and the plan made by it follows
    room.send("order", { order: "hold" });
    await until(() => plans.some((p) => p.order === "hold"), "a plan made under the order to hold");
    expect(orders.at(-1)).toEqual({ seat: "wang", order: "hold", by: "takumi" });
    room.send("order", { order: "free" });
    await until(() => plans.at(-1)?.order === "free", "the plan made without orders");
    const plan = plans.at(-1)!;
    expect(plan.seat).toBe("wang");
    expect(plan.round).toBe(wire(room).round);
    expect(plan.steps.length).toBeGreaterThan(0);
    // it names only what Takumi's seat sees: its soldiers, and the creatures in his view
    const w = wire(room);
    for (const st of plan.steps) {
      expect(w.units[st.unit]?.seat).toBe("wang");
      if (st.target) expect(w.units[st.target]).toBeDefined();
      if (st.chance !== undefined) expect(st.chance).toBeGreaterThanOrEqual(5);
    }

    // the order is kept beside the record
    const info = await srv.store.getInfo(room.roomId);
    expect((info!.roomOptions as { orders: unknown[] }).orders).toEqual([
      { step: 0, seat: "wang", order: "hold" },
      { step: 0, seat: "wang", order: "free" },
    ]);

    // Takumi marks ready: the bot's first command is the plan's first step
    room.send("ready", { ready: true });
    const round = w.round;
    await waitForState(room, (x) => x.round > round, 20_000, "the bot partner's turn and the enemy's");
    const record = (await srv.store.getRecord(room.roomId))!;
    const first = record.log.find((c) => c.seat === "wang")!;
    expect(first.action).toEqual(plan.steps[0].action);
    // the next round's plan came with the next player phase
    await until(() => plans.some((p) => p.round === round + 1), "the next round's plan");
    await room.leave();
  });

  it("refuses a bad order and a spectator's", async () => {
    const room = await srv.client().create("battle", { seed: 6, seat: "takumi" });
    await waitForState(room, (w) => w.holderTakumi === "player" && w.phase === "player");
    expect((await expectError(room, "order", { order: "charge" })).code).toBe("ERR_BAD_MESSAGE");
    expect((await expectError(room, "order", { order: "hold", extra: 1 })).code).toBe("ERR_BAD_MESSAGE");
    const spectator = await srv.client().joinById(room.roomId, { seat: "spectator" });
    await waitForState(spectator, (w) => w.spectators === 1);
    expect((await expectError(spectator, "order", { order: "hold" })).code).toBe("ERR_SPECTATOR");
    const info = await srv.store.getInfo(room.roomId);
    expect((info!.roomOptions as { orders?: unknown[] }).orders ?? []).toEqual([]);
    await spectator.leave();
    await room.leave();
  });
});
