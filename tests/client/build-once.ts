/**
 * The browser project's global setup, done once for all of its files instead of once per file:
 * - the client is built into a private folder (removed at the end); files read it with
 *   `inject("clientDir")`;
 * - one Chromium per worker is launched as a playwright server; each file connects to its worker's
 *   (`inject("browserWs")`, picked by `VITEST_POOL_ID`) and works in its own contexts, so no file
 *   pays for a browser's start and exit (seconds each on a loaded two-core machine), and two files
 *   running at once never share one browser's GPU process (it draws every WebGL page of its browser).
 * `useEnv()` in browser.ts reads both; a file run outside the project builds and launches its own.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { buildClient, CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM } from "../../tools/browser-build.js";

/**
 * The tests' Chromium: the client's flags, and one renderer process for a site's pages of one
 * context (`--process-per-site`): a page opened after another of the same context takes over its
 * process, warm, instead of starting one (about a sixth of a page load's CPU).
 */
export const TEST_CHROMIUM_ARGS = [...CHROMIUM_ARGS, "--process-per-site"];

declare module "vitest" {
  export interface ProvidedContext {
    clientDir: string;
    /** One playwright server's endpoint per worker. */
    browserWs: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) throw new Error(NO_CHROMIUM);
  const dir = mkdtempSync(join(tmpdir(), "last-stand-client-"));
  const outDir = join(dir, "client");
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  // the build and the browsers' start overlap
  const [, ...servers] = await Promise.all([
    buildClient(outDir),
    ...Array.from({ length: workers }, () => chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: TEST_CHROMIUM_ARGS })),
  ]);
  project.provide("clientDir", outDir);
  project.provide("browserWs", servers.map((s) => s.wsEndpoint()));
  return async () => {
    await Promise.all(servers.map((s) => s.close().catch(() => {})));
    rmSync(dir, { recursive: true, force: true });
  };
}
