/**
 * The card beside the cursor: what the eye is on gets its words there, not below the fold of the
 * side panel. It shows the engine's preview of what a click would commit (a shot's hit chance with
 * its parts and what a hit and a miss each bring; a move's cost and every consequence; a throw's
 * victims), a choice that asks first with its cost, and the route's refusal. The refusal box rides
 * in the same dock, so a refused key or click is answered where the player looks.
 */
import type { ActionPreview, Consequence, WireState } from "../engine";
import type { BattleController, Preview } from "../controller";
import { esc } from "../dom";
import { unitName } from "../words";
import { MODE_NAME } from "../panels";

const list = (cs: Consequence[], id: string) => (cs.length ? `<ul class="conseq" data-when="${id}">${cs.map((c) => `<li class="${BAD.has(c.kind) ? "dmg" : ""}">${esc(cap(c.text))}</li>`).join("")}</ul>` : "");
const cap = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
/** Consequences that hurt, remove or strand someone: in red. */
const BAD: ReadonlySet<Consequence["kind"]> = new Set(["damage", "down", "splash", "weaponLost", "corroded", "exposed", "leavesRing", "telegraphed", "spawnPoint", "falls", "fire", "leftBehind", "bleedsOut"]);

const BUTTON_NAME: Record<string, string> = { withdraw: "Withdraw", reload: "Reload", overwatch: "Overwatch", drop: "Drop", holdOn: "Hold on", revive: "Revive", carry: "Carry" };

function title(w: WireState, p: ActionPreview): string {
  const a = p.action;
  if (a.type === "shoot" || a.type === "calledShot" || a.type === "butt") return `${MODE_NAME[a.type === "shoot" ? "shoot" : a.type]}: ${unitName(w, a.unit)} → ${unitName(w, a.target)}`;
  if (a.type === "move") return `Move ${unitName(w, a.unit)} to ${a.to.x},${a.to.y}`;
  if (a.type === "grenade") return `Grenade at ${a.to.x},${a.to.y}`;
  if (a.type === "ready") return "Ready: end your phase";
  const who = "unit" in a ? unitName(w, a.unit) : "";
  const whom = "comrade" in a ? ` ${unitName(w, a.comrade)}` : "";
  return `${BUTTON_NAME[a.type] ?? a.type}: ${who}${whom ? ` →${whom}` : ""}`;
}

/** The card's HTML for the controller's state and preview ("" hides it). */
export function cardHtml(w: WireState, ctl: BattleController, p: Preview): string {
  const ask = ctl.asking;
  if (ask)
    return `<div class="ask" id="card-ask"><b>Are you sure?</b><ul class="conseq">${ask.costs.map((c) => `<li class="dmg">${esc(c)}</li>`).join("")}</ul><p class="hint">The same click or <kbd>Enter</kbd> again: do it · <kbd>Esc</kbd>: no</p></div>`;
  const a = p.action;
  if (a && !a.ok && a.refusal) return `<p class="warn" id="card-refused">${esc(a.refusal.message)}</p>`;
  if (!a) return p.route && !p.route.ok ? `<p class="warn" id="card-refused">${esc(p.route.message ?? "Not possible.")}</p>` : "";
  let html = `<h4>${esc(title(w, a))}</h4>`;
  if (a.chance) {
    const parts = a.chance.parts;
    html += `<table class="parts" id="card-parts">${parts.map((x, i) => `<tr><td>${esc(x.label)}</td><td>${x.value > 0 && i > 0 ? "+" : ""}${x.value}</td></tr>`).join("")}<tr class="total"><td>hit chance</td><td id="card-chance">${a.chance.chance}%</td></tr></table>`;
  }
  const always = a.consequences.filter((c) => c.when === "always");
  const hit = a.consequences.filter((c) => c.when === "hit");
  const miss = a.consequences.filter((c) => c.when === "miss");
  if (a.action.type === "move" && p.route?.ok) html += `<p class="cost">${p.route.ap} AP · ${p.route.path.length} tile${p.route.path.length === 1 ? "" : "s"}</p>`;
  html += list(always, "always");
  if (hit.length) html += `<p class="when">On a hit:</p>${list(hit, "hit")}`;
  if (miss.length) html += `<p class="when">On a miss:</p>${list(miss, "miss")}`;
  if (!a.consequences.length) html += `<p class="ok">${a.action.type === "move" ? "No acid, no fire, no telegraphed attack." : "Nothing else happens at once."}</p>`;
  const how = a.action.type === "move" ? "Click to move" : a.action.type === "grenade" ? "Click or Enter to throw" : "target" in a.action ? "Click the target again or Enter to fire" : "Click the button (or its key) to do it";
  html += `<p class="hint">${how}${a.ask ? " (asks first: it costs)" : ""}</p>`;
  return html;
}

/** Where the card goes: beside the tile in focus (the target, else the cursor), in board-host pixels. */
export function cardAnchor(ctl: BattleController): { x: number; y: number } | null {
  const w = ctl.context?.wire;
  // a hovered button's action: beside the soldier who would do it
  const sel = ctl.hoveredAct && ctl.selected && w ? w.units[ctl.selected] : undefined;
  if (sel) return { x: sel.x, y: sel.y };
  const t = ctl.target && w ? w.units[ctl.target] : undefined;
  if (t && (ctl.mode === "shoot" || ctl.mode === "calledShot" || ctl.mode === "butt")) return { x: t.x, y: t.y };
  return ctl.cursor ? { x: ctl.cursor.x, y: ctl.cursor.y } : null;
}

/**
 * Places the dock beside a tile (`c`: the tile's centre and size in board-host pixels), on the
 * side with room, inside the board; with no tile, at the board's top centre.
 */
export function placeDock(dock: HTMLElement, host: HTMLElement, c: { x: number; y: number; size: number } | null): void {
  if (!c) {
    dock.classList.remove("beside");
    dock.style.left = "";
    dock.style.top = "";
    return;
  }
  dock.classList.add("beside");
  const hw = host.clientWidth;
  const hh = host.clientHeight;
  const dw = dock.offsetWidth || 260;
  const dh = dock.offsetHeight || 80;
  const gap = c.size * 0.7;
  let x = c.x + gap;
  if (x + dw > hw - 4) x = c.x - gap - dw;
  x = Math.max(4, Math.min(hw - dw - 4, x));
  const y = Math.max(4, Math.min(hh - dh - 4, c.y - dh / 2));
  dock.style.left = `${Math.round(x)}px`;
  dock.style.top = `${Math.round(y)}px`;
}
