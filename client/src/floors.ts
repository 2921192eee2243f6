/**
 * Floors you can follow: on a map of several levels every floor at a glance, in a strip
 * beside the board, top floor first: on each its soldiers, the creatures in sight and the intents of
 * the creatures there, each named with its floor ("L2"); the floor shown is marked, and a click
 * shows another. Pure HTML from the wire (tested in Node and in the browser); one click hook.
 * An upright phone keeps the strip in its bottom sheet, out of sight: there a bar of the floors
 * sits on the board's top edge instead (floorBar), one button a floor with its soldiers and intents.
 */
import type { MapDef, WireIntent, WireState, WireUnit } from "./engine";
import { esc } from "./dom";
import { unitName } from "./words";
import { creatureName } from "./intentWords";

/** A floor's short name, "L2"; "" on a map of one level (nothing to tell apart). */
export function floorName(map: Pick<MapDef, "levels">, level: number): string {
  return map.levels > 1 ? `L${level}` : "";
}

/** " L2" after a tile or a name on a map of several levels, "" on one of a single level. */
export const onFloor = (map: Pick<MapDef, "levels">, level: number): string => (map.levels > 1 ? ` L${level}` : "");

const plane = (m: Pick<MapDef, "width" | "height">) => m.width * m.height;

/** A tile index as "x,y L2" (the floor only on a map of several). */
export function tileText(map: Pick<MapDef, "width" | "height" | "levels">, i: number): string {
  const lv = Math.floor(i / plane(map));
  const r = i % plane(map);
  return `${r % map.width},${Math.floor(r / map.width)}${onFloor(map, lv)}`;
}

/** The floor an intent belongs to: its creature's (in sight), else where it was last seen, else where it goes. */
export function intentFloor(w: WireState, map: Pick<MapDef, "width" | "height">, it: WireIntent): number {
  const c = w.units[it.unit];
  if (c && c.fate === "active") return c.level;
  const at = it.lastSeen >= 0 ? it.lastSeen : it.moveTo;
  return Math.floor(at / plane(map));
}

/** An intent in a line, named with its floor: "#3 Leaper 4 (L2) pounce → 8,2 L2 −2". */
export function intentText(w: WireState, map: MapDef, it: WireIntent): string {
  const who = `${creatureName(w, it.unit)}${map.levels > 1 ? ` (${floorName(map, intentFloor(w, map, it))})` : ""}`;
  const what =
    it.kind === "grab" && it.victim
      ? `lunges at ${unitName(w, it.victim)}${w.units[it.victim] ? ` (${floorName(map, w.units[it.victim].level) || "here"})` : ""}`
      : `${it.kind} → ${tileText(map, it.target >= 0 ? it.target : it.moveTo)}`;
  return `#${it.order} ${who} ${what}${it.damage ? ` −${it.damage}` : ""}${it.lastKnown ? " (last seen)" : ""}`;
}

const onLevel = (u: WireUnit, lv: number) => u.fate === "active" && u.level === lv;

/** The strip: one row per floor, top first (empty on a map of one level). */
export function floorStrip(w: WireState, map: MapDef, shown: number): string {
  if (map.levels <= 1) return "";
  const units = Object.values(w.units);
  const rows: string[] = [];
  for (let lv = map.levels - 1; lv >= 0; lv--) {
    const soldiers = units.filter((u) => u.side === "squad" && onLevel(u, lv));
    const creatures = units.filter((u) => u.side === "creature" && onLevel(u, lv));
    const civilians = units.filter((u) => u.side === "civilian" && onLevel(u, lv));
    const intents = w.intents.filter((it) => intentFloor(w, map, it) === lv).sort((a, b) => a.order - b.order);
    const list = (us: WireUnit[], cls: string) =>
      us.map((u) => `<span class="f-${cls}" data-unit="${esc(u.id)}">${esc(u.side === "creature" ? creatureName(w, u.id) : unitName(w, u.id))} ${floorName(map, lv)}</span>`).join(", ");
    const parts = [
      soldiers.length ? `<div class="f-row">${list(soldiers, "soldier")}</div>` : "",
      civilians.length ? `<div class="f-row">${list(civilians, "civilian")}</div>` : "",
      creatures.length ? `<div class="f-row dmg">${list(creatures, "creature")}</div>` : "",
      intents.length ? `<ol class="f-intents">${intents.map((it) => `<li class="f-intent" data-unit="${esc(it.unit)}">${esc(intentText(w, map, it))}</li>`).join("")}</ol>` : "",
    ].filter(Boolean);
    const count = `${soldiers.length} soldier${soldiers.length === 1 ? "" : "s"}${creatures.length ? ` · ${creatures.length} in sight` : ""}${intents.length ? ` · ${intents.length} intent${intents.length === 1 ? "" : "s"}` : ""}`;
    rows.push(
      `<div class="floor${lv === shown ? " cur" : ""}" data-level="${lv}"><button class="f-btn" data-level="${lv}" title="Show floor ${lv}">${floorName(map, lv)}${lv === shown ? " ◂" : ""}</button> <small>${count}</small>${parts.join("")}</div>`,
    );
  }
  return `<h3>Floors <small>(click to show one)</small></h3>${rows.join("")}`;
}

/** The strip's element beside the squad panel (made once), and its click that shows a floor. */
export function floorStripHost(before: HTMLElement, show: (level: number) => void): HTMLElement {
  let host = document.getElementById("floor-strip");
  if (!host) {
    host = document.createElement("section");
    host.id = "floor-strip";
    host.className = "panel floor-strip";
    before.parentElement?.insertBefore(host, before);
    host.addEventListener("click", (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>("[data-level]");
      if (el) show(Number(el.dataset.level));
    });
  }
  return host;
}

/** The floors' bar on the board's edge (an upright phone): a button a floor, top first, with its soldiers and intents. */
export function floorBar(w: WireState, map: MapDef, shown: number): string {
  if (map.levels <= 1) return "";
  const units = Object.values(w.units);
  const out: string[] = [];
  for (let lv = map.levels - 1; lv >= 0; lv--) {
    const soldiers = units.filter((u) => u.side === "squad" && onLevel(u, lv)).length;
    const intents = w.intents.filter((it) => intentFloor(w, map, it) === lv).length;
    const title = `Show floor ${lv}: ${soldiers} soldier${soldiers === 1 ? "" : "s"}, ${intents} intent${intents === 1 ? "" : "s"}`;
    out.push(
      `<button class="fb-btn${lv === shown ? " cur" : ""}" data-level="${lv}" title="${title}" aria-label="${title}" aria-pressed="${lv === shown}">` +
        `<b>${floorName(map, lv)}</b> <span class="fb-s">${soldiers}<i>●</i></span>${intents ? ` <span class="fb-i">${intents}<i>!</i></span>` : ""}</button>`,
    );
  }
  return out.join("");
}

/** The bar's element on the board's edge (made once), and its tap that shows a floor. */
export function floorBarHost(board: HTMLElement, show: (level: number) => void): HTMLElement {
  let host = document.getElementById("floor-bar");
  if (!host) {
    host = document.createElement("nav");
    host.id = "floor-bar";
    host.setAttribute("aria-label", "Floors");
    board.appendChild(host);
    host.addEventListener("click", (e) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>("[data-level]");
      if (el) show(Number(el.dataset.level));
    });
  }
  return host;
}
