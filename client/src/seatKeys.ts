/**
 * The seat keys this browser holds (docs/PROTOCOL.md, "Seats and keys"): per battle or campaign
 * code, the key the server gave when this player first took his seat (it takes the seat back after
 * a drop, a reload, a restart) and the invite it offers for the free seat ("Copy link"). Kept in
 * localStorage, so they outlive the tab; the player never sees them.
 */
export interface HeldSeat {
  key?: string;
  invite?: string;
  /** When last used (ms): the oldest are forgotten past MAX_KEPT codes. */
  at: number;
}

const STORE = "lastStand.seatKeys";
const MAX_KEPT = 100;

function readAll(): Record<string, HeldSeat> {
  try {
    const raw = localStorage.getItem(STORE);
    const all = raw ? (JSON.parse(raw) as Record<string, HeldSeat>) : {};
    return all && typeof all === "object" ? all : {};
  } catch {
    return {};
  }
}

function writeAll(all: Record<string, HeldSeat>): void {
  const codes = Object.keys(all).sort((a, b) => all[b].at - all[a].at);
  for (const c of codes.slice(MAX_KEPT)) delete all[c];
  try {
    localStorage.setItem(STORE, JSON.stringify(all));
  } catch {
    /* private mode: the key lives as long as the page */
  }
}

export function heldSeat(code: string): HeldSeat | null {
  return readAll()[code.toUpperCase()] ?? null;
}

/** Keeps what a welcome gave (a key, an invite); fields absent are left as they were. */
export function keepSeat(code: string, got: { key?: string; invite?: string }): void {
  if (!code) return;
  const all = readAll();
  const c = code.toUpperCase();
  all[c] = { ...all[c], ...(got.key ? { key: got.key } : {}), ...(got.invite ? { invite: got.invite } : {}), at: Date.now() };
  writeAll(all);
}

/** The free seat has been taken (by its invite, the only way in): the invite is spent. */
export function forgetInvite(code: string): void {
  const all = readAll();
  const c = code.toUpperCase();
  if (!all[c]?.invite) return;
  delete all[c].invite;
  writeAll(all);
}
