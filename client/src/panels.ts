/**
 * The side panels' HTML as pure functions of what the screen shows (no DOM access here): the
 * briefing with the ring's reason, targets with the hit chance's parts, the tile under the cursor
 * with every attack on it, the intents (hover lights one), the squad, and why the battle ended.
 */
import * as engine from "./engine";
import { Terrain, type BattleState, type MapDef, type Pos, type Seat, type WireState } from "./engine";
import { whyNoTarget } from "./why";
import { haltedDrags } from "./previews";
import { attackTag, creatureName } from "./intentWords";
import type { Mode, Preview } from "./controller";
import { esc } from "./dom";
import { ringReason, TERRAIN_LABEL } from "./hud";
import { UNSEEN, unitName } from "./words";
import { floorName, intentFloor } from "./floors";
import { civiliansHtml, endReasonFor, prospectsOf, stillPossibleHtml } from "./scene";

export interface PanelCtx {
  wire: WireState;
  map: MapDef;
  view: BattleState | null;
  selected: string | null;
  target: string | null;
  mode: Mode;
  cursor: Pos | null;
  playing: boolean;
  /** Soldiers this page commands. */
  mine: Set<string>;
  /** Why the ring last moved, in words. */
  ringNote: string;
  /** The squad's ways out (tile indices, the engine's wayOutTiles). */
  waysOut?: ReadonlySet<number>;
}

/** What a map asks of the squad at this stage of its objective, in words. */
export function goalText(m: Pick<MapDef, "perimeter" | "maxRounds">, objective: string): string {
  return objective === "hold"
    ? m.perimeter
      ? "Hold the line around the square until it breaks; then break out to the exit with the sergeants."
      : `Hold out until round ${m.maxRounds}.`
    : objective === "reach"
      ? "Reach the survivors, then get out through the exit."
      : "Break out: get a sergeant to the exit (the battle is won when the sergeants still standing are out).";
}

export function briefing(c: PanelCtx): string {
  const w = c.wire;
  const m = c.map;
  const goal = goalText(m, w.objective);
  // every civilian's fate by name, and (the win gone) what is still possible: scene.ts
  const p = prospectsOf(w, m);
  const civ = p ? civiliansHtml(w, m, p) + stillPossibleHtml(w, m, p) : "";
  const ring = m.perimeter ? ringReason(w, m.perimeter.squeezeCorpses, m.perimeter.squeezeEveryRounds) : "";
  // the scene's own lines from the story, when the map has them, before the goal
  const story = m.briefing ? `<p class="brief story" id="story-briefing">${esc(m.briefing)}</p>` : "";
  return `<h3>${esc(m.name)} · round ${w.round} of ${m.maxRounds}</h3>${story}<p class="brief">${esc(goal)}</p>${civ}${ring ? `<p class="brief" id="ring-reason">${esc(ring)}${c.ringNote ? ` ${esc(c.ringNote)}` : ""}</p>` : ""}<p class="hint">Lost if no sergeant is left on the board and none got out.</p>`;
}

/** A mode's name in the panels. */
export const MODE_NAME: Record<string, string> = { move: "Move", shoot: "Shoot", calledShot: "Arm shot", butt: "Rifle butt", grenade: "Grenade", holdOn: "Hold on", revive: "Revive", carry: "Carry" };

export function targetPanel(c: PanelCtx, p: Preview): string {
  if (!c.view || !c.selected || c.playing) return "";
  const mode = c.mode;
  if (mode === "grenade") return `<h3>Grenade</h3><p>${p.throwable.length} tiles in range. ${p.blast.length ? `Blast: ${p.blast.length} tiles (orange).` : "Point at a tile to see the blast."}</p><p class="hint">Click a tile or press Enter to throw.</p>`;
  if (!p.targets.length) {
    if (mode === "move") return "";
    const seat = c.wire.units[c.selected]?.seat as Seat | undefined;
    const type = mode === "calledShot" ? "calledShot" : mode === "butt" ? "butt" : "shoot";
    const why = seat ? whyNoTarget(c.view, c.wire, seat, c.selected, type).message : "";
    return `<h3>${MODE_NAME[mode] ?? mode}</h3><p class="warn" id="no-target">${esc(why || "No target.")}</p>`;
  }
  let html = `<h3>Targets (${mode === "move" ? "shoot" : mode})</h3><ul class="targets">`;
  for (const t of p.targets) html += `<li class="${t.unit === c.target ? "focus" : ""}">${esc(creatureName(c.wire, t.unit))}: <b>${esc(t.label)}</b></li>`;
  html += "</ul>";
  const target = c.target;
  if (target && mode !== "butt") {
    try {
      const hc = engine.hitChance(c.view, c.selected, target, mode === "calledShot" ? "calledShot" : "shot");
      html += `<table class="parts" id="hit-parts">${hc.parts.map((x) => `<tr><td>${esc(x.label)}</td><td>${x.value > 0 && x !== hc.parts[0] ? "+" : ""}${x.value}</td></tr>`).join("")}<tr class="total"><td>hit chance</td><td id="hit-chance">${hc.chance}%</td></tr></table>`;
      html += `<p class="hint">Click the target again or press Enter to fire.</p>`;
    } catch (err) {
      html += `<p class="warn">hitChance failed: ${esc(String(err))}</p>`;
    }
  }
  return html;
}

/** A trapped civilian, in the tile panel: why he does not run, and what frees him. */
export const TRAPPED_WORDS = "trapped at the jammed door: he runs for the way out once a soldier reaches the door";

export function tilePanel(c: PanelCtx, focus: string[]): string {
  const cur = c.cursor;
  const w = c.wire;
  const m = c.map;
  if (!cur || cur.x < 0) return "";
  const i = cur.level * m.width * m.height + cur.y * m.width + cur.x;
  const t = w.terrain?.[i] ?? m.terrain[i];
  // a way out says so, whatever its terrain; an exit that is not one is the creatures'
  const out = c.waysOut?.has(i);
  const bits = [out ? "way out: a soldier here withdraws (W) or gets out when the squad extracts" : t === Terrain.exit ? "the creatures' way off the board: where they drag their victims (not a way out)" : (TERRAIN_LABEL[t] ?? "?")];
  if (m.dust[i]) bits.push("dust");
  if (w.acid?.[i]) bits.push(`acid ${w.acid[i]}`);
  if (w.corpse?.[i]) bits.push(`${w.corpse[i]} corpse${w.corpse[i] > 1 ? "s" : ""}`);
  if (w.visible && !w.visible[i]) bits.push("not in sight");
  if (w.noise?.includes(i)) bits.push("noise: something hisses nearby");
  const u = Object.values(w.units).find((v) => v.fate === "active" && v.x === cur.x && v.y === cur.y && v.level === cur.level);
  // every announced attack that lands on this tile
  const threats = w.intents.filter((it) => it.target === i || it.area.includes(i)).sort((a, b) => a.order - b.order);
  const lit = new Set(focus);
  return `<h3>Tile ${cur.x},${cur.y}${m.levels > 1 ? ` L${cur.level}` : ""}</h3><p>${esc(bits.join(" · "))}</p>${u ? `<p id="tile-unit" data-unit="${esc(u.id)}">${esc(unitName(w, u.id))} — HP ${u.hp}/${u.maxHp}${u.trapped ? ` — ${esc(TRAPPED_WORDS)}` : ""}</p>` : ""}${threats.length ? `<ul class="threats" id="tile-threats">${threats.map((it) => `<li class="dmg ${lit.has(it.unit) ? "lit" : ""}">${esc(creatureName(w, it.unit))}: ${esc(attackTag(w, it))}</li>`).join("")}</ul>` : ""}`;
}

export function intentPanel(c: PanelCtx, focus: string[]): string {
  const w = c.wire;
  const m = c.map;
  const halted = c.view ? haltedDrags(c.view) : {};
  const drag = (it: WireState["intents"][number]) =>
    !it.dragPath?.length ? "" : halted[it.unit] ? ` <span class="drag">drag halted: ${esc(unitName(w, halted[it.unit]))} holds on</span>` : ` <span class="drag">drag: gone in ${it.countdown}</span>`;
  const items = [...(w.intents ?? [])].sort((a, b) => a.order - b.order);
  const seen = Object.values(w.units).filter((u) => u.side === "creature" && u.fate === "active").length;
  const lit = new Set(focus);
  if (!items.length) {
    const why = w.phase === "ended" ? "The battle is over." : seen ? `${seen} creature${seen > 1 ? "s" : ""} in sight, none announcing an attack.` : "No creature in sight.";
    return `<h3>Enemy intents</h3><p class="hint">${why}${w.noise?.length ? ` ${w.noise.length} noise${w.noise.length > 1 ? "s" : ""} ${UNSEEN.where}.` : ""}</p>`;
  }
  // named as on the board: the order badge with the kind, the board's own tag for the attack
  return `<h3>Enemy intents <small>(hover to light one)</small></h3><ol class="intents">${items
    .map((it) => {
      const what = it.kind === "move" ? "moves" : attackTag(w, it);
      const seenNote = it.lastKnown ? ` <span class="hint">(out of sight: drawn where last seen)</span>` : "";
      return `<li data-unit="${esc(it.unit)}" class="${lit.has(it.unit) ? "lit" : ""}"><b class="order">${it.order}.</b> ${esc(creatureName(w, it.unit).replace(/ \d+$/, ""))}${m.levels > 1 ? ` (${floorName(m, intentFloor(w, m, it))})` : ""}: <span class="${it.damage ? "dmg" : ""}">${esc(what)}</span>${seenNote}${drag(it)}</li>`;
    })
    .join("")}</ol>`;
}

/** Every soldier, on the board or not: hp, AP, and fate (dead, taken, extracted). */
export function squadPanel(c: PanelCtx): string {
  const w = c.wire;
  const soldiers = Object.values(w.units)
    .filter((u) => u.side === "squad")
    .sort((a, b) => (a.seat === b.seat ? a.id.localeCompare(b.id, undefined, { numeric: true }) : a.seat === "takumi" ? -1 : 1));
  const mine = c.mine;
  return `<h3>Squad</h3><table class="squad">${soldiers
    .map((u) => {
      const fate = u.fate !== "active" ? `<b class="fate">${u.fate.toUpperCase()}</b>` : `${c.map.levels > 1 ? `<b class="floor-tag">${floorName(c.map, u.level)}</b> · ` : ""}HP ${u.hp}/${u.maxHp} · AP ${u.ap}${u.grabbedBy ? " · GRABBED" : ""}${u.overwatch ? " · OW" : ""}`;
      return `<tr data-unit="${esc(u.id)}" class="${mine.has(u.id) ? "mine" : ""} ${u.id === c.selected ? "sel" : ""}"><td><span class="glyph seat-${u.seat}"></span></td><td>${esc(unitName(w, u.id))}</td><td>${fate}</td></tr>`;
    })
    .join("")}</table>`;
}

/** Why the battle ended, in the scene's terms, from the final state (scene.ts). */
export function endReason(w: WireState, map: MapDef): string {
  return endReasonFor(w, map);
}
