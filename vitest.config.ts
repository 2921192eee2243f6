import { defineConfig } from "vitest/config";

/**
 * The suite in projects, each runnable alone (`npx vitest run --project engine`):
 * - engine: the rules engine and the pure code over it (campaign, goldens, perft, the client's
 *   headless logic); runs first, on its own, so a broken rule is the first thing a run reports;
 *   its files share their workers' modules (nothing in them holds state between files);
 * - maps: map files, their parser and generators, the command-line tools;
 * - server: the game server over real WebSockets, its stores;
 * - browser: the client in Chromium, built once and one Chromium per worker launched once for all
 *   of its files (build-once.ts), each file set up by `useEnv()` (tests/client/browser.ts);
 * - cluster: several server processes over Redis.
 * After the engine the others run together: most of their time is spent waiting on sockets and
 * browsers, so two files at once keep two cores busy (three starve each other on a loaded machine).
 */
const AFTER_ENGINE = 1;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "engine",
          include: ["tests/engine/**/*.test.ts", "tests/campaign/**/*.test.ts", "tests/golden/**/*.test.ts", "tests/perft/**/*.test.ts", "tests/client/**/*.test.ts"],
          exclude: ["tests/client/**/*.browser.test.ts"],
          // pure code: the files share a worker's module cache instead of importing the engine anew each
          // (on a loaded two-core machine 530 s → 250 s for this project)
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        // pure code and child processes: the files share their workers' modules
        test: { name: "maps", include: ["tests/map/**/*.test.ts", "tests/tools/**/*.test.ts"], isolate: false, sequence: { groupOrder: AFTER_ENGINE } },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["tests/server/**/*.test.ts"],
          // the files share their workers' modules: each imported Colyseus, the server and the
          // engine anew (186 s of the project's 266 s, summed over files, on a loaded machine); each
          // still starts its own game servers, and setup.ts fails a file that leaves one running
          isolate: false,
          setupFiles: ["tests/server/setup.ts"],
          sequence: { groupOrder: AFTER_ENGINE },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["tests/client/**/*.browser.test.ts"],
          // a whole battle at ×1 is a benchmark: `npm run bench:pace` (vitest.pace.config.ts)
          exclude: ["tests/client/pace.browser.test.ts"],
          globalSetup: ["tests/client/build-once.ts"],
          // the files share their workers' modules: each imported the server, the engine and
          // playwright anew (about 10 s a file on a loaded machine); each still starts its own game
          // server and browser contexts (useEnv); what a file changes for the process (the maps'
          // folder: useCampaignMaps) it puts back after itself
          isolate: false,
          sequence: { groupOrder: AFTER_ENGINE },
        },
      },
      {
        extends: true,
        test: {
          name: "cluster",
          include: ["tests/cluster/**/*.test.ts"],
          // as the server project's: one import of Colyseus and the server per worker, and no file
          // may leave a game server of this process running (its cluster's processes it stops itself)
          isolate: false,
          setupFiles: ["tests/server/setup.ts"],
          sequence: { groupOrder: AFTER_ENGINE },
        },
      },
    ],
  },
});
