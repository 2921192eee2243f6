/**
 * The page's side of a deploy: the room's process stops (Colyseus calls each room's onBeforeShutdown
 * on SIGTERM), the room sends its clients away with 4001, and the page — without the player doing
 * anything — comes back by the battle's code into the same seat (client/src/net.ts, rejoin.ts), and a
 * command the stopping room refused goes again, once, to the reopened one.
 * Here the battle reopens on the same server (in a cluster: on another process, tests/cluster).
 */
import { describe, expect, it } from "vitest";
import { matchMaker } from "colyseus";
import type { BattleRoom } from "../../server/room.js";
import { lastStand, newPage, useEnv, waitLS } from "./browser.js";

const env = useEnv();

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
    // The player marks ready just as the process starts stopping: refused (ERR_SHUTTING_DOWN), kept.
    (room as unknown as { closing: boolean }).closing = true;
    await page.keyboard.press("e");
    await waitLS(page, `(s.pendingSeen ?? 0) >= 1 && (s.pending ?? 0) === 0`, 10_000);
    expect(room.summary().step).toBe(s0.step);
    await room.onBeforeShutdown();
    const s1 = await waitLS(page, `(s.reconnects ?? 0) > ${r0} && s.connection === "connected" && s.code === ${JSON.stringify(code)}`, 30_000);
    expect(s1.seat).toBe("takumi");
    expect(s1.step).toBeGreaterThanOrEqual(s0.step);
    // A new room (the old one is gone), holding the page's player in his seat.
    expect(matchMaker.getLocalRoomById(code)).not.toBe(room);
    // The refused ready went again to the reopened room, with a new number, and was played once.
    const s2 = await waitLS(page, `s.step > ${s0.step}`, 20_000);
    const record = (await env.game.store.getRecord(code))!;
    const readies = record.log.slice(s0.step).filter((c) => c.seat === "takumi" && c.action.type === "ready");
    expect(readies).toHaveLength(1);
    expect(s2.step).toBeGreaterThan(s0.step);
    const summary = await (await fetch(`${env.url}/api/battles/${code}`)).json();
    expect(summary).toMatchObject({ code, seats: { takumi: "player" } });
    expect(errors).toEqual([]);
  }, 90_000);
});
