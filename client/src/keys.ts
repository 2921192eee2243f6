/** The keyboard: which key does what (the battle screen runs the command). */
export type KeyCommand =
  | "next" | "prev" | "up" | "down" | "left" | "right" | "confirm" | "escape" | "targetNext" | "targetPrev"
  | "move" | "shoot" | "calledShot" | "grenade" | "butt" | "overwatch" | "reload" | "undo" | "ready" | "speed" | "skip"
  | "holdOn" | "revive" | "carry" | "drop" | "withdraw"
  | "ping1" | "ping2" | "ping3" | "levelUp" | "levelDown" | "help" | "zoomIn" | "zoomOut";

export function keyCommand(e: KeyboardEvent): KeyCommand | null {
  const k = e.key;
  if (k === "Tab") return e.shiftKey ? "prev" : "next";
  if ((e.ctrlKey || e.metaKey) && (k === "z" || k === "Z")) return "undo";
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return KEYS[k.length === 1 ? k.toLowerCase() : k] ?? KEYS[k] ?? null;
}

/** Every key of the scheme (the help shows each one: tests/client/traps.browser.test.ts). */
export const KEYS: Readonly<Record<string, KeyCommand>> = {
  ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right", Enter: "confirm", " ": "confirm", Escape: "escape",
  t: "targetNext", "]": "targetNext", "[": "targetPrev", m: "move", s: "shoot", c: "calledShot", g: "grenade", b: "butt",
  o: "overwatch", r: "reload", h: "holdOn", v: "revive", k: "carry", d: "drop", w: "withdraw", u: "undo", e: "ready", f: "speed", x: "skip", "1": "ping1", "2": "ping2", "3": "ping3",
  PageUp: "levelUp", PageDown: "levelDown", "?": "help", "+": "zoomIn", "=": "zoomIn", "-": "zoomOut",
};
