/** Builds the client with Vite's API into a private folder (so parallel runs never share dist/client). */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, "client", "vite.config.ts"),
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
}
