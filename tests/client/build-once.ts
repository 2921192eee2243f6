/**
 * The browser project's global setup, done once for all of its files instead of once per file:
 * - the client is built into a private folder (removed at the end); files read it with
 *   `inject("clientDir")`;
 * - one Chromium is launched as a playwright server; each file connects to it
 *   (`inject("browserWs")`) and works in its own contexts, so no file pays for a browser's start
 *   and exit (seconds each on a loaded two-core machine).
 * `useEnv()` in browser.ts reads both; a file run outside the project builds and launches its own.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { buildClient, CHROMIUM, CHROMIUM_ARGS, NO_CHROMIUM } from "../../tools/browser-build.js";

declare module "vitest" {
  export interface ProvidedContext {
    clientDir: string;
    browserWs: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) throw new Error(NO_CHROMIUM);
  const dir = mkdtempSync(join(tmpdir(), "last-stand-client-"));
  const outDir = join(dir, "client");
  // the build and the browser's start overlap
  const [, server] = await Promise.all([buildClient(outDir), chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })]);
  project.provide("clientDir", outDir);
  project.provide("browserWs", server.wsEndpoint());
  return async () => {
    await server.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
}
