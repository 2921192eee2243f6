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
/**
 * Chromium 156 opens every new window (each browser context is one) with its omnibox popups
 * preloaded: two WebUI pages (chrome://omnibox-popup.top-chrome/), each a renderer of its own, that
 * no test and no page of ours ever shows. Off, a browser file spends about a quarter less of
 * Chromium's CPU (traps: 39 → 29 s). Chromium takes only the last `--disable-features`, which would
 * drop playwright's own list: so that list (playwright-core 1.65's) is restated here, ours after it
 * (`pool.browser.test.ts` fails if playwright turns off a feature this list leaves on).
 */
const BROWSER_UI_FEATURES = ["WebUIOmniboxPopup", "WebUIOmniboxFullPopup", "WebUIOmniboxAimPopup", "PreloadTopChromeWebUI"];
const PLAYWRIGHT_DISABLED_FEATURES = [
  "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades", "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin", "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
  "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
];

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-unsafe-swiftshader",
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...BROWSER_UI_FEATURES].join(",")}`,
];

/** Builds the client into a private folder (so parallel runs never share dist/client). */
export async function buildClient(outDir: string): Promise<void> {
  await build({
    configFile: join(ROOT, "client", "vite.config.ts"),
    logLevel: "error",
    build: { outDir, emptyOutDir: true },
  });
}
