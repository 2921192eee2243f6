/**
 * Run before each file of the server project (its files share their worker's process): after the
 * file, no game server it started may still be running, or the next file would boot beside it in
 * the same matchmaker. One left running is closed, and the file fails naming how many.
 */
import { afterAll, expect } from "vitest";
import { liveServers } from "./helpers.js";

afterAll(async () => {
  const left = [...liveServers];
  for (const s of left) await s.close().catch(() => {});
  expect(left.length, "game servers this file left running").toBe(0);
});
