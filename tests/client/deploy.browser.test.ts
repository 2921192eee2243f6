/**
 * The page's side of a deploy: the room's process stops (Colyseus calls each room's onBeforeShutdown
 * on SIGTERM), the room sends its clients away with 4001, and the page — without the player doing
 * anything — comes back by the battle's code into the same seat (client/src/net.ts, rejoin.ts).
 * Here the battle reopens on the same server (in a cluster: on another process, tests/cluster).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchMaker } from "colyseus";
import type { BattleRoom } from "../../server/room.js";
import { lastStand, newPage, startEnv, waitLS, type TestEnv } from "./browser.js";

let env: TestEnv;
beforeAll(async () => {
  env = await startEnv();
}, 90_000);
afterAll(async () => {
  await env?.stop();
});

describe("a deploy, seen from the page", () => {
  it("a page sent away with 4001 comes back by the code into its seat, by itself, and plays on", async () => {
    const { page, errors } = await newPage(env, 1200, 760);
    await page.goto(`${env.url}/?speed=6`);
    await waitLS(page, "s.startReady");
    await page.check("input[name=seat][value=takumi]");
    await page.click("#create-btn");
    const s0 = await waitLS(page, `s.ready && s.code && s.phase === "player" && !s.animating`, 30_000);
    const code = s0.code as string;
    const r0 = (s0.reconnects as number) ?? 0;

    const room = matchMaker.getLocalRoomById(code) as BattleRoom;
    await room.onBeforeShutdown();
    const s1 = await waitLS(page, `(s.reconnects ?? 0) > ${r0} && s.connection === "connected" && s.code === ${JSON.stringify(code)}`, 30_000);
    expect(s1.seat).toBe("takumi");
    expect(s1.step).toBe(s0.step);
    // A new room (the old one is gone), holding the page's player in his seat.
    expect(matchMaker.getLocalRoomById(code)).not.toBe(room);
    const summary = await (await fetch(`${env.url}/api/battles/${code}`)).json();
    expect(summary).toMatchObject({ code, step: s0.step, seats: { takumi: "player" } });
    // He plays on: ready (key e) is accepted.
    await page.keyboard.press("e");
    await waitLS(page, `s.step > ${s0.step}`, 20_000);
    expect(errors).toEqual([]);
  }, 90_000);
});
