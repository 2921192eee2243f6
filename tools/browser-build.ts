/**
 * What the browser tests and the client bench share: Debian's Chromium and its flags, and the
 * client built with Vite's API into a private folder.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const NO_CHROMIUM = `No Chromium at ${CHROMIUM}: run .ci/install-chromium.sh (Debian's chromium) or set CHROMIUM_PATH.`;
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-unsafe-swiftshader",
];

/** Builds the client into a private folder (so parallel runs never share dist/client). */
export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, "client", "vite.config.ts"),
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
}
