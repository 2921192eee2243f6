/**
 * The browser project's global setup: the client is built once for every browser test file (each
 * file used to build its own copy), into a private folder removed at the end. The files read the
 * folder with `inject("clientDir")`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildClient } from "../../tools/browser-build.js";

declare module "vitest" {
  export interface ProvidedContext {
    clientDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), "last-stand-client-"));
  const outDir = join(dir, "client");
  await buildClient(outDir);
  project.provide("clientDir", outDir);
  return () => rmSync(dir, { recursive: true, force: true });
}
