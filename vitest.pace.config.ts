import { defineConfig } from "vitest/config";

/**
 * The pace benchmark (`npm run bench:pace`): a whole battle of last-stand at ×1 in Chromium with the
 * bot partner, reporting ready → next control (tests/client/pace.browser.test.ts). It asserts that
 * every round gave the control back and the battle ended, and prints its figures; it is a
 * benchmark by its length (four minutes of animation at ×1), so it runs beside `npm test` in CI
 * (`.ci/run`), not inside it.
 */
export default defineConfig({
  test: {
    name: "pace",
    include: ["tests/client/pace.browser.test.ts"],
    globalSetup: ["tests/client/build-once.ts"],
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
