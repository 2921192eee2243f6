/**
 * Cross-origin answers (Colyseus sets them on every route, the API's too): by default it reflected
 * any Origin with credentials allowed, so any web page could use a visitor's browser against the
 * game. Now only the game's own origin (the page the server itself serves: Origin's host is the
 * request's Host) and the origins listed in LAST_STAND_ALLOWED_ORIGINS (comma-separated) are
 * answered with Access-Control-Allow-Origin and credentials; others get no CORS headers, so a
 * browser shows them nothing. (Tools and the SDK in Node send no Origin and are unaffected.)
 */
import { matchMaker } from "colyseus";

const BASE = {
  "Access-Control-Allow-Headers": "Origin, X-Requested-With, Content-Type, Accept, Authorization",
  "Access-Control-Allow-Methods": "GET,HEAD,POST",
  "Access-Control-Max-Age": "600",
  Vary: "Origin",
};

export function allowedOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.LAST_STAND_ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim().replace(/\/+$/, "")).filter(Boolean);
}

export function originAllowed(origin: string | null, host: string | null, allowed: string[]): boolean {
  if (!origin) return false;
  if (allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function restrictCors(allowed: string[]): void {
  const c = matchMaker.controller as unknown as { DEFAULT_CORS_HEADERS: Record<string, string>; getCorsHeaders: (h: Headers) => Record<string, string> };
  c.DEFAULT_CORS_HEADERS = { ...BASE };
  c.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin");
    return originAllowed(origin, headers.get("host"), allowed) ? { "Access-Control-Allow-Origin": origin!, "Access-Control-Allow-Credentials": "true" } : {};
  };
}
