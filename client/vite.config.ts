import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { fileURLToPath } from "node:url";

const clientDir = fileURLToPath(new URL(".", import.meta.url));
const repoDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds client/ into dist/client. The client imports the engine from shared/ and the maps from maps/.
 * An installable app (vite-plugin-pwa): a web app manifest with icons (client/public/icons, drawn by
 * tools/make-icons.ts) and a service worker that precaches the client's own files, so a second
 * visit opens at once; the battles (WebSocket, /matchmake) and /api always go to the live server.
 */
export default defineConfig({
  root: clientDir,
  base: "/",
  publicDir: "public",
  build: {
    outDir: fileURLToPath(new URL("../dist/client", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  plugins: [
    VitePWA({
      registerType: "autoUpdate",
      // registered by the client itself once the first screen is painted (client/src/pwa.ts)
      injectRegister: false,
      manifest: {
        name: "Last Stand",
        short_name: "Last Stand",
        description: "Co-op turn-based tactics: two sergeants hold the line in a ruined, dust-choked city.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        background_color: "#0e1012",
        theme_color: "#0e1012",
        icons: [
          { src: "icons/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icons/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,png,webmanifest}"],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // a page opened at any path gets the cached page, but never the server's own paths
        navigateFallback: "index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/matchmake/, /^\/metrics/, /^\/colyseus/, /^\/health/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: { fs: { allow: [repoDir] } },
  logLevel: "warn",
});
