/**
 * The service worker (sw.js, made by vite-plugin-pwa: it precaches the client's files so a second
 * visit opens at once). It registers once the first screen is painted and the page is idle: its
 * install fetches and caches every file, work that would otherwise compete with the first frame.
 */
import { afterPaint } from "./dom";

export function registerWorkerLater(): void {
  // the dev server makes no sw.js (MODE, not PROD: a build run under the tests is a production build too)
  if (import.meta.env.MODE === "development" || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((err) => console.warn("service worker not registered", err));
  };
  afterPaint(() => (typeof requestIdleCallback === "function" ? requestIdleCallback(register, { timeout: 3000 }) : register()));
}
