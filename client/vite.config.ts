import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const clientDir = fileURLToPath(new URL(".", import.meta.url));
const repoDir = fileURLToPath(new URL("..", import.meta.url));

/** Builds client/ into dist/client. The client imports the engine from shared/ and the maps from maps/. */
export default defineConfig({
  root: clientDir,
  base: "/",
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL("../dist/client", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: { fs: { allow: [repoDir] } },
  logLevel: "warn",
});
