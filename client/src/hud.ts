/**
 * The HUD around the board: the header (one row at 1280 px), the side panels (unit, targets,
 * squad, tile, intents, log, legend), banners and the error box. Each panel is rewritten only
 * when what it shows changed (a key per panel), at most once per animation frame.
 */
import type { WireState, WireUnit } from "./engine";
import { PHRASE_KEYS, RULES } from "./engine";
import { esc } from "./dom";
import { PHRASE_KEY } from "./keys";
import { PHRASE_TEXT, SEAT_NAME, unitName } from "./words";
import type { RoutePreview } from "../../shared/movement/routePreview.js";

export const TERRAIN_LABEL = ["street", "rubble (half cover)", "wall", "vehicle (full cover)", "manhole (creatures climb out)", "exit", "stairs", "hole"];
export const PHASE_TEXT: Record<string, string> = { enemy: "Enemy phase", environment: "Environment phase", player: "Player phase" };

/** The legend's little silhouettes, drawn like the board's (units.ts) at 16 px. */
const svg = (inner: string) => `<svg class="icon" width="16" height="16" viewBox="-10 -10 20 20" aria-hidden="true">${inner}</svg>`;
const ICON = {
  snatcher: svg(`<path d="M-3 -2 L-8 4 L-6 8 M3 -2 L8 4 L6 8" stroke="#e5484d" stroke-width="2" fill="none"/><ellipse cx="0" cy="-1" rx="4" ry="5.5" fill="#e5484d" stroke="#000"/>`),
  leaper: svg(`<path d="M-3 -2 L-8 -6 L-5 -1 M3 -2 L8 -6 L5 -1" stroke="#b565f0" stroke-width="2" fill="none"/><polygon points="0,8 -4,-3 0,-5 4,-3" fill="#b565f0" stroke="#000"/>`),
  spitter: svg(`<circle cx="0" cy="-1" r="6" fill="#c6e33a" stroke="#000"/><circle cx="0" cy="4" r="2" fill="#1a2a05" stroke="#7cff3a"/>`),
  soldier: svg(`<ellipse cx="-1" cy="0" rx="4" ry="6.5" fill="#4da3ff" stroke="#000"/><rect x="0" y="1.5" width="9" height="1.5" fill="#111"/><circle cx="0" cy="0" r="3" fill="#3b4a35" stroke="#000"/>`),
};

export const DOM = `
  <header id="top">
    <span class="title">LAST STAND</span>
    <span id="scene" class="pill" hidden></span>
    <span id="round" class="pill">Round –</span>
    <span id="phase" class="pill">–</span>
    <span id="objective" class="pill" title=""></span>
    <span id="code-box"></span>
    <span id="seats"></span>
    <span id="timer" class="pill" hidden></span>
    <span id="conn" class="pill"></span>
    <span class="grow"></span>
    <button id="btn-campaign" class="primary" hidden title="Back to the campaign's screen">Between scenes</button>
    <button id="btn-report" class="primary" hidden title="The after-action report: chart, replay, record">Report</button>
    <button id="btn-sound" title="Sound on/off (kept for your next visit)">Sound</button>
    <button id="btn-speed" title="Speed up the enemy phase (F)">×1</button>
    <button id="btn-help" title="Keyboard (?)">?</button>
    <button id="btn-leave">Leave</button>
  </header>
  <div id="main">
    <div id="board-host" tabindex="0" aria-label="The board: Tab selects your next soldier, arrows move the cursor, Enter confirms; F6 goes to the buttons"><div id="banner" aria-live="polite"></div><div id="seat-banner" role="status"></div><div id="conn-banner" role="status"></div><div id="cursor-dock"><div id="error-box" role="alert"></div><div id="cursor-card" aria-live="polite" hidden></div></div><div id="pending" role="status" hidden></div><button id="btn-skip" class="primary" hidden title="Skip to the end: the enemy phase and the bot partner's turn shown at their end at once; the log still tells all (X)">Skip to the end <kbd>X</kbd></button></div>
    <aside id="side" aria-label="Details">
      <button id="sheet-handle" aria-expanded="false" aria-controls="side">Details · log · squad</button>
      <section id="partner-banner" role="status"></section>
      <section id="briefing"></section>
      <section id="unit-panel" aria-live="polite"></section>
      <section id="actions">
        <div class="row">
          <button data-act="move" title="Move (M); Shift+click adds a waypoint">Move <kbd>M</kbd></button>
          <button data-act="shoot" title="Shoot (S)">Shoot <kbd>S</kbd></button>
          <button data-act="calledShot" title="Called shot at a grabber's arm (C)">Arm shot <kbd>C</kbd></button>
        </div>
        <div class="row">
          <button data-act="grenade" title="Grenade (G)">Grenade <kbd>G</kbd></button>
          <button data-act="butt" title="Rifle butt (B)">Butt <kbd>B</kbd></button>
          <button data-act="overwatch" title="Overwatch (O)">Overwatch <kbd>O</kbd></button>
        </div>
        <div class="row">
          <button data-act="reload" title="Reload (R)">Reload <kbd>R</kbd></button>
          <button data-act="undo" title="Undo the last move (U)">Undo <kbd>U</kbd></button>
          <button data-act="ready" id="btn-ready" class="primary" title="Mark ready: end your phase (E)">Ready <kbd>E</kbd></button>
        </div>
        <div class="row comrade">
          <button data-act="holdOn" title="Hold on to a grabbed comrade beside him: all his AP, the drag halts this round (H)">Hold on <kbd>H</kbd></button>
          <button data-act="revive" title="Revive a comrade who is down, beside him: ${RULES.down.reviveAp} AP (V)">Revive <kbd>V</kbd></button>
          <button data-act="carry" title="Carry a comrade who is down, beside him: ${RULES.carry.ap} AP (K)">Carry <kbd>K</kbd></button>
          <button data-act="drop" title="Set the carried comrade down beside him: free (D)">Drop <kbd>D</kbd></button>
          <button data-act="withdraw" title="Withdraw: leave the board alive from a way out, objective met or not: 1 AP (W)">Withdraw <kbd>W</kbd></button>
        </div>
        <div class="row pings">
          <span>Ping:</span>
          <button data-ping="danger" class="on">⚠ <kbd>1</kbd></button>
          <button data-ping="move">▼ <kbd>2</kbd></button>
          <button data-ping="target">⊕ <kbd>3</kbd></button>
        </div>
        <div class="row phrases">
          <span>Say:</span>
          ${PHRASE_KEYS.map((k) => `<button data-phrase="${k}" title="Tell your partner: ${PHRASE_TEXT[k]} (${PHRASE_KEY[k].toUpperCase()})">${PHRASE_TEXT[k]} <kbd>${PHRASE_KEY[k].toUpperCase()}</kbd></button>`).join("")}
        </div>
      </section>
      <section id="route-panel"></section>
      <section id="target-panel"></section>
      <section id="intent-panel"></section>
      <section id="tile-panel"></section>
      <section id="log-panel"><h3>Log</h3><ol id="log" role="log" aria-live="polite" aria-relevant="additions"></ol></section>
      <section id="squad-panel"></section>
      <details id="legend">
        <summary><h3>Legend</h3></summary>
        <div class="legend-grid">
          <span><i class="sw street"></i>street</span><span><i class="sw rubble"></i>rubble · half cover</span>
          <span><i class="sw wall"></i>wall · blocks</span><span><i class="sw vehicle"></i>wreck · full cover</span>
          <span><i class="sw manhole"></i>manhole · spawns</span><span><i class="sw exit"></i>way out · withdraw (W)</span><span><i class="sw drag-exit"></i>the creatures' exit: drags end there</span>
          <span><i class="sw acid"></i>acid (drops = intensity)</span><span><i class="sw noise"></i>noise: something unseen</span>
          <span><i class="sw reach1"></i>1 AP · <i class="sw reach2"></i>2 AP</span><span><i class="sw ring"></i>the line · ┅ next round</span>
          <span>${ICON.snatcher} Snatcher · grabs, drags</span><span>${ICON.leaper} Leaper · pounces</span>
          <span>${ICON.spitter} Spitter · spits acid</span><span>${ICON.soldier} soldier · rifle = facing</span>
          <span><i class="sw fire"></i>fire · FIRE n: rounds left</span><span><i class="sw lunge"></i>a lunge's reach · its victim ringed</span>
          <span><b class="down-x">✚</b> down · DIES IN n: revive (V) or carry (K)</span><span><i class="sw hold"></i>held on: the drag halts</span>
          <span id="legend-vapour"><i class="sw corpse"></i>corpses · vapour: ${RULES.acid.vapourCorpses}+ on or beside a soldier burn him ${RULES.acid.vapourDamage} at the round's end</span><span>DRAG HALTED: a comrade holds on</span>
          <span>number: intent order · −N damage</span><span>green brackets: selected · dashes: cursor</span>
        </div>
        <div class="legend-keys" id="legend-keys" aria-label="Key glyphs">
          <span><i class="key glyph seat-takumi" data-key="takumi"></i>Takumi's</span><span><i class="key glyph seat-wang" data-key="wang"></i>Wang's</span>
          <span><i class="key sw acid" data-key="acid"></i>acid</span><span><i class="key sw fire" data-key="fire"></i>fire</span>
          <span><i class="key sw ring" data-key="ring"></i>the line</span><span><i class="key sw lunge" data-key="intent"></i>an attack</span>
        </div>
      </details>
      <section id="settings-panel">
        <h3>Settings</h3>
        <label>Colours <select id="set-palette"><option value="normal">normal</option><option value="deuteranopia">deuteranopia (green-weak)</option><option value="protanopia">protanopia (red-weak)</option></select></label>
        <label>Text <select id="set-text"><option value="normal">normal</option><option value="large">large</option></select></label>
      </section>
    </aside>
  </div>
  <div id="help" hidden>
    <h3>Keyboard and mouse</h3>
    <table>
      <tr><td><kbd>Tab</kbd> / <kbd>Shift+Tab</kbd></td><td>select next / previous soldier (on the buttons: the next button)</td></tr>
      <tr><td><kbd>F6</kbd></td><td>from the board to the buttons and back</td></tr>
      <tr><td>click · tap</td><td>select, move, aim; again to fire</td></tr>
      <tr><td><kbd>Shift</kbd>+click</td><td>add (or remove) a waypoint: the route bends through it</td></tr>
      <tr><td>wheel · drag · pinch</td><td>zoom and pan the board</td></tr>
      <tr><td>right click · touch: a ping button</td><td>ping (touch: the tile last tapped or long-pressed)</td></tr>
      <tr><td>tap · long press</td><td>touch: a tap previews, the same tap again confirms; a long press inspects</td></tr>
      <tr><td>arrows</td><td>move the cursor</td></tr>
      <tr><td><kbd>M</kbd> <kbd>S</kbd> <kbd>C</kbd> <kbd>G</kbd> <kbd>B</kbd></td><td>mode: move / shoot / arm shot / grenade / rifle butt; the same key again: back to move. A mode never fires by itself</td></tr>
      <tr><td><kbd>T</kbd> / <kbd>]</kbd>, <kbd>[</kbd> · arrows · click</td><td>choose a target (its hit chance shows beside it)</td></tr>
      <tr><td><kbd>Enter</kbd> / <kbd>Space</kbd> · click it again</td><td>fire at the chosen target; with none chosen, Enter moves to the cursor (or throws there)</td></tr>
      <tr><td><kbd>Enter</kbd> during the enemy phase</td><td>hurry this phase (the next plays at your speed again)</td></tr>
      <tr><td><kbd>Esc</kbd></td><td>clear one thing: waypoint, target, mode, selection, cursor; closes the report (<b>Report</b> in the header opens it again)</td></tr>
      <tr><td><kbd>O</kbd> <kbd>R</kbd> <kbd>U</kbd></td><td>overwatch / reload / undo</td></tr>
      <tr><td><kbd>H</kbd> <kbd>V</kbd> <kbd>K</kbd> <kbd>D</kbd></td><td>hold on to a grabbed comrade / revive / carry a comrade who is down (click him if several) / drop him</td></tr>
      <tr><td><kbd>W</kbd></td><td>withdraw: a soldier on a way out leaves the board alive (the battle is lost if the sergeants fall back before the objective is met)</td></tr>
      <tr><td><kbd>E</kbd></td><td>ready (end phase) / not ready</td></tr>
      <tr><td><kbd>6</kbd> <kbd>7</kbd> <kbd>8</kbd> <kbd>9</kbd> <kbd>0</kbd></td><td>orders to the bot partner: hold position / cover me / follow me / fall back to a way out / its own judgment (the partner panel's buttons)</td></tr>
      <tr><td><kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd></td><td>ping danger / move here / target at the cursor</td></tr>
      <tr><td>${PHRASE_KEYS.map((k) => `<kbd>${PHRASE_KEY[k].toUpperCase()}</kbd>`).join(" ")} · a phrase button</td><td>tell your partner ${PHRASE_KEYS.map((k) => `“${PHRASE_TEXT[k]}”`).join(" / ")}: shown over your selected soldier and in the log (not while typing, nor with Ctrl, Alt or Meta, nor on a held key)</td></tr>
      <tr><td><kbd>X</kbd> · <b>Skip to the end</b> over the board</td><td>skip to the end: the enemy phase and the bot partner's turn are shown at their end at once (the log still tells all); your next move is yours at once</td></tr>
      <tr><td><kbd>F</kbd></td><td>every enemy phase ×4, until <kbd>F</kbd> again (the header's ×1/×4)</td></tr>
      <tr><td><kbd>PgUp</kbd> <kbd>PgDn</kbd> · <kbd>+</kbd> (<kbd>=</kbd>) <kbd>-</kbd></td><td>level up / down · zoom in / out</td></tr>
      <tr><td><kbd>?</kbd></td><td>this help</td></tr>
    </table>
  </div>
  <div id="campaign-host" hidden></div>
  <div id="report-host" hidden></div>`;

/** Writes `html` into `el` only when it differs from what was written last (no churn per hover). */
export function put(el: HTMLElement, html: string): boolean {
  if ((el as HTMLElement & { _html?: string })._html === html) return false;
  (el as HTMLElement & { _html?: string })._html = html;
  el.innerHTML = html;
  return true;
}

/** Why the ring is what it is now and what it will be: corpses at the line and the round's squeeze. */
const everyRounds = (n: number) => (n === 1 ? "every round" : `every ${n} rounds`);

export function ringReason(w: WireState, squeezeCorpses: number, squeezeEvery: number): string {
  if (!w.hasPerimeter) return "";
  if (w.perimeterBroken) return "The line is broken: get your sergeants to the exit.";
  // the break-out comes on a schedule announced from round 1; corpses only take room away
  const left = w.breakOutRound - w.round;
  const parts = [`Hold the line: radius ${w.radius}. The break-out to the exit opens at round ${w.breakOutRound}${left > 0 ? ` (in ${left} round${left === 1 ? "" : "s"})` : ""}.`];
  if (w.nextRadius !== w.radius) {
    const byRound = squeezeEvery > 0 && w.round % squeezeEvery === 0;
    const drop = w.radius - w.nextRadius - (byRound ? 1 : 0);
    const why = [byRound ? `${everyRounds(squeezeEvery)} the line gives 1` : "", drop > 0 ? `${drop * squeezeCorpses}+ corpses lie at the line (each ${squeezeCorpses} push it in by 1)` : ""].filter(Boolean).join("; ");
    parts.push(`Next round it closes to ${w.nextRadius}: ${why || "the squeeze"}.`);
  } else parts.push(`Every ${squeezeCorpses} corpses at the line push it in by 1${squeezeEvery > 0 ? `, and ${everyRounds(squeezeEvery)} it gives 1` : ""}.`);
  return parts.join(" ");
}

export function unitPanel(w: WireState, u: WireUnit | null, mode: string, spectator: boolean, levels = 1): string {
  if (!u) return `<h3>No unit selected</h3><p class="hint">${spectator ? "You are watching." : "Tab or click one of your soldiers."}</p>`;
  const status = [
    u.grabbedBy && `grabbed by ${unitName(w, u.grabbedBy)}`,
    u.grabbing && `holding ${unitName(w, u.grabbing)}`,
    u.burned && "burned",
    u.overwatch && "on overwatch",
    u.freed && `freed (${RULES.freedAp} AP next round)`,
    !u.hasWeapon && u.side === "squad" && "no rifle",
  ]
    .filter(Boolean)
    .join(", ");
  return `<h3><span class="glyph ${u.side === "squad" ? `seat-${u.seat}` : u.kind}"></span> ${esc(unitName(w, u.id))}
      ${u.seat ? `<small>(${SEAT_NAME[u.seat]}'s)</small>` : ""}</h3>
    <div class="stats">
      ${levels > 1 ? `<span>Floor <b id="unit-floor">L${u.level}</b></span>` : ""}<span>HP <b>${u.hp}/${u.maxHp}</b></span><span>Armor <b>${u.armor}</b></span>
      ${u.side === "squad" ? `<span>AP <b id="ap">${u.ap}</b></span><span>Aim <b>${u.aim}</b></span>
      <span>Mag <b>${u.mag}</b> +${u.spareMags}</span><span>Grenades <b>${u.grenades}</b></span>` : `<span>Move <b>${u.move}</b></span>`}
    </div>
    ${status ? `<p class="status">${esc(status)}</p>` : ""}
    <p class="mode">Mode: <b>${mode}</b></p>`;
}

/** The move's cost in words, from the engine's routePreview. */
export function routePanel(w: WireState, r: RoutePreview | null, waypoints: number, fire: { pos: { x: number; y: number }; damage: number }[] = []): string {
  if (!r) return waypoints ? `<h3>Route</h3><p class="hint">${waypoints} waypoint${waypoints > 1 ? "s" : ""} set: point at the destination.</p>` : "";
  if (!r.ok) return `<h3>Route</h3><p class="warn" id="route-refused">${esc(r.message ?? "Not possible.")}</p>`;
  const lines: string[] = [`<li>${r.ap} AP${r.legs > 1 ? ` (${r.legs} moves: one per leg)` : ""}, ${r.path.length} tile${r.path.length === 1 ? "" : "s"}</li>`];
  for (const h of r.hazards) lines.push(`<li class="dmg">acid ${h.acid} at ${h.pos.x},${h.pos.y}: −${h.damage} hp${h.corrosion ? `, armor −${h.corrosion}` : ""}</li>`);
  for (const f of fire) lines.push(`<li class="dmg">fire at ${f.pos.x},${f.pos.y}: −${f.damage} hp</li>`);
  if (r.dies) lines.push(`<li class="dmg">this route kills him</li>`);
  if (r.exposed) lines.push(`<li class="dmg">ends outside the line: exposed in the enemy phase</li>`);
  if (r.spawnDamage) lines.push(`<li class="dmg">ends on a spawn point: −${r.spawnDamage} hp if a creature climbs out</li>`);
  for (const t of r.threats) lines.push(`<li class="dmg">ends where ${esc(unitName(w, t.unit))} will ${t.kind}${t.damage ? ` (−${t.damage})` : ""} (#${t.order})</li>`);
  const safe = !r.hazards.length && !fire.length && !r.exposed && !r.spawnDamage && !r.threats.length;
  return `<h3>Route</h3><ul id="route-cost" class="route ${safe ? "safe" : "risky"}">${lines.join("")}${safe ? `<li class="ok">no acid, no fire, no telegraphed attack</li>` : ""}</ul><p class="hint">Click to move · Shift+click adds a waypoint · Esc removes it</p>`;
}

/** The tag written at the route's end on the board. */
export function routeTag(r: RoutePreview, fireDamage = 0): { tag: string; danger: boolean } {
  if (!r.ok) return { tag: "✕", danger: true };
  const bits = [`${r.ap} AP`];
  if (r.acidDamage) bits.push(`−${r.acidDamage} HP`);
  if (fireDamage) bits.push(`FIRE −${fireDamage}`);
  if (r.armorLost) bits.push(`ARMOR −${r.armorLost}`);
  if (r.exposed) bits.push("EXPOSED");
  if (r.spawnDamage) bits.push("SPAWN");
  if (r.threats.length) bits.push(`${r.threats.map((t) => t.kind.toUpperCase()).join("+")}`);
  return { tag: bits.join(" · "), danger: bits.length > 1 };
}
