/**
 * What the guide remembers (localStorage): whether the drill was offered, which tips were seen.
 * The guide (briefing screens, tips, the drill's offer) is on for players; a page driven by test
 * automation (navigator.webdriver) starts with it off so that other tests click the board straight
 * away. `?guide=1` (or `?guide=0`) in the address sets it for the page and is kept.
 */
const GUIDE = "lastStand.guide";
const DRILL_OFFERED = "lastStand.drillOffered";
const TIPS = "lastStand.tipsSeen";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: nothing remembered */
  }
}

/** Is the guide on for this page? */
export function guideOn(): boolean {
  const p = new URLSearchParams(location.search).get("guide");
  if (p === "1" || p === "0") write(GUIDE, p === "1" ? "on" : "off");
  const kept = read(GUIDE);
  if (kept === "on") return true;
  if (kept === "off") return false;
  return !navigator.webdriver;
}

/** Offer the drill on the first visit only. */
export function drillOffered(): boolean {
  return read(DRILL_OFFERED) !== null;
}

export function markDrillOffered(how: "played" | "skipped" | "done"): void {
  write(DRILL_OFFERED, how);
}

export function tipsSeen(): Set<string> {
  try {
    const v = JSON.parse(read(TIPS) ?? "[]");
    return new Set(Array.isArray(v) ? v.map(String) : []);
  } catch {
    return new Set();
  }
}

export function markTipSeen(id: string): void {
  const seen = tipsSeen();
  seen.add(id);
  write(TIPS, JSON.stringify([...seen]));
}

/** "No more tips": every tip counts as seen. */
export function muteTips(all: string[]): void {
  write(TIPS, JSON.stringify([...new Set([...tipsSeen(), ...all])]));
}
