/** The keyboard: which key does what (the battle screen runs the command). */
import type { PhraseKey } from "./engine";

export type KeyCommand =
  | "next" | "prev" | "up" | "down" | "left" | "right" | "confirm" | "escape" | "targetNext" | "targetPrev"
  | "move" | "shoot" | "calledShot" | "grenade" | "butt" | "overwatch" | "reload" | "undo" | "ready" | "speed" | "skip"
  | "holdOn" | "revive" | "carry" | "drop" | "withdraw"
  | "ping1" | "ping2" | "ping3" | "levelUp" | "levelDown" | "help" | "zoomIn" | "zoomOut"
  | `say:${PhraseKey}`;

/** The key of each quick phrase (letters no action uses; the digits are the pings' and the orders'). */
export const PHRASE_KEY: Readonly<Record<PhraseKey, string>> = { coverMe: "q", fallingBack: "z", holdOn: "j", needAmmo: "a", wait: "p", go: "n" };

/** Commands a held key repeats (the cursor, the camera, the selection); every other acts once a press. */
const REPEATS: ReadonlySet<KeyCommand> = new Set<KeyCommand>(["up", "down", "left", "right", "next", "prev", "targetNext", "targetPrev", "zoomIn", "zoomOut"]);

/** Where a key is the page's own and never a shortcut's: a form field, or an open dialog or overlay. */
const FIELD = "input, select, textarea, [contenteditable]:not([contenteditable=false])";
const OVERLAY = "dialog, [role=dialog], [aria-modal=true], #help, #report-host, #campaign-host";

/** The key was pressed while typing in a field. */
export function typing(e: KeyboardEvent): boolean {
  const t = e.target as Element | null;
  return !!t?.closest?.(FIELD);
}

/**
 * Whether a shortcut may act on this key press at all (every shortcut of the battle asks, the
 * orders' too): not while typing in a field, not with Ctrl, Alt or Meta held (Ctrl+Z aside, below),
 * not from inside an open dialog or overlay (only Esc and ? there, to close it), and a held key's
 * repeats only for the commands that move something along.
 */
export function shortcutAllowed(e: KeyboardEvent, k: KeyCommand | "order"): boolean {
  if (typing(e)) return false;
  if (e.repeat && !REPEATS.has(k as KeyCommand)) return false;
  const t = e.target as Element | null;
  if (t?.closest?.(OVERLAY) && k !== "escape" && k !== "help") return false;
  return true;
}

export function keyCommand(e: KeyboardEvent): KeyCommand | null {
  const k = e.key;
  if (k === "Tab") return e.shiftKey ? "prev" : "next";
  if ((e.ctrlKey || e.metaKey) && (k === "z" || k === "Z")) return "undo";
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return KEYS[k.length === 1 ? k.toLowerCase() : k] ?? KEYS[k] ?? null;
}

const SAY = Object.fromEntries(Object.entries(PHRASE_KEY).map(([p, key]) => [key, `say:${p}` as KeyCommand]));

/** Every key of the scheme (the help shows each one: tests/client/traps.browser.test.ts). */
export const KEYS: Readonly<Record<string, KeyCommand>> = {
  ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right", Enter: "confirm", " ": "confirm", Escape: "escape",
  t: "targetNext", "]": "targetNext", "[": "targetPrev", m: "move", s: "shoot", c: "calledShot", g: "grenade", b: "butt",
  o: "overwatch", r: "reload", h: "holdOn", v: "revive", k: "carry", d: "drop", w: "withdraw", u: "undo", e: "ready", f: "speed", x: "skip", "1": "ping1", "2": "ping2", "3": "ping3",
  PageUp: "levelUp", PageDown: "levelDown", "?": "help", "+": "zoomIn", "=": "zoomIn", "-": "zoomOut",
  ...SAY,
};
