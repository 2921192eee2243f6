/**
 * A scene's truth in its own words: what is still possible (from the engine's
 * `prospects`, asked on this seat's view), every civilian's fate by name, why the scene ended, and
 * its own score for the report. Pure: tested in Node (tests/client/scene.test.ts).
 */
import * as engine from "./engine";
import type { MapDef, Prospects, Report, WireState } from "./engine";
import { esc } from "./dom";
import { rounds, unitName } from "./words";

/** The engine's read-out on this seat's view (null if the wire cannot be read back). */
export function prospectsOf(w: WireState, map: MapDef): Prospects | null {
  try {
    return engine.prospects(engine.fromWire(w, map));
  } catch {
    return null;
  }
}

const names = (w: WireState, ids: string[]) => ids.map((id) => unitName(w, id)).join(", ");

/** Whether a map has dust (its words say "in the dust" there, "out of sight" elsewhere). */
export const dusty = (map: Pick<MapDef, "dust">): boolean => map.dust.some((d) => d > 0);

/** The civilians' counter: who was saved, who died, who was taken, how many are still out there. */
export function civiliansHtml(w: WireState, map: MapDef, p: Prospects): string {
  const total = map.civilians?.length ?? 0;
  if (!total) return "";
  const c = p.civilians;
  const children = map.civilians!.some((x) => x.kind === "child");
  const left = total - c.saved.length - c.dead.length - c.taken.length;
  const need = p.need ? ` (at least ${p.need} to win${children ? "; the children are carried: K beside one" : ""})` : children ? " (the children are carried: K beside one)" : "";
  const fates = [
    c.saved.length ? `Saved: ${esc(names(w, c.saved))}` : "",
    c.dead.length ? `Dead: ${esc(names(w, c.dead))}` : "",
    c.taken.length ? `Taken: ${esc(names(w, c.taken))}` : "",
    left > 0 ? `Still out there: ${left}` : "",
  ].filter(Boolean);
  return `<p class="brief" id="civilians-saved">Civilians saved: <b>${c.saved.length}</b> of ${total}${need}.${fates.length ? ` <span id="civilian-fates">${fates.join(" · ")}.</span>` : ""}</p>`;
}

/** What is still possible, said the moment the win is gone (empty while it can be won). */
export function stillPossibleHtml(w: WireState, map: MapDef, p: Prospects): string {
  if (p.winnable || p.left === "nothing") return "";
  return `<p class="warn" id="still-possible">${esc(lostWords(w, map, p))} What is left: get your soldiers out alive.</p>`;
}

/** Why the win is gone (or the scene was lost), in the scene's terms. */
function lostWords(w: WireState, map: MapDef, p: Prospects): string {
  const total = map.civilians?.length ?? 0;
  switch (p.cause) {
    case "civilians": {
      const lost = p.civilians.dead.length + p.civilians.taken.length;
      return `${map.name} needed ${p.need} of the ${total} saved; ${lost} ${lost === 1 ? "is" : "are"} lost${p.civilians.dead.length ? ` (${names(w, [...p.civilians.dead, ...p.civilians.taken])})` : ""}, so at most ${p.canStillSave} can be.`;
    }
    case "sergeants":
      return "No sergeant is left: both are dead or taken.";
    case "fellBack":
      return `The sergeants fell back before ${map.objective.kind === "reach" ? "the survivors were reached" : map.perimeter ? "the line broke and the gate opened" : "the objective was met"}.`;
    case "clock":
      return `Round ${map.maxRounds} came with ${w.objective === "extract" ? "sergeants still on the board" : "the objective unmet"}.`;
    default:
      return "";
  }
}

/** Why the battle ended, for the report, from the engine's read-out. */
export function endReasonFor(w: WireState, map: MapDef): string {
  const p = prospectsOf(w, map);
  const sergeants = Object.values(w.units).filter((u) => u.side === "squad" && u.kind !== "private");
  const out = sergeants.filter((u) => u.fate === "extracted").map((u) => unitName(w, u.id));
  if (w.outcome === "won") return out.length ? `${out.join(" and ")} got out.` : `The squad held until round ${w.round}.`;
  if (!p) return "The battle is lost.";
  const fallen = sergeants.filter((u) => u.fate === "dead" || u.fate === "taken").map((u) => `${unitName(w, u.id)} (${u.fate})`);
  if (p.cause === "sergeants") return `No sergeant is left: ${fallen.join(", ")}.`;
  const words = lostWords(w, map, p);
  return out.length && p.cause !== "fellBack" ? `${words} ${out.join(" and ")} got out.` : words;
}

/** The report's rows of the scene's own score: [label, value] pairs. */
export function scoreRows(w: WireState, map: MapDef, r: Report): [string, string][] {
  const p = prospectsOf(w, map);
  const through = Object.values(w.units).filter((u) => u.side === "squad" && u.fate === "extracted").length;
  if (map.id === "the-wall")
    return [["Rounds held", `${p ? p.roundsHeld : r.rounds} of ${map.maxRounds}`], ["Through the gate", String(through)]];
  if (map.civilians?.length && p) {
    const c = p.civilians;
    return [
      ["Civilians saved", `${c.saved.length} of ${map.civilians.length}${c.saved.length ? `: ${names(w, c.saved)}` : ""}`],
      ["Civilians lost", c.dead.length + c.taken.length ? [c.dead.length ? `dead: ${names(w, c.dead)}` : "", c.taken.length ? `taken: ${names(w, c.taken)}` : ""].filter(Boolean).join("; ") : "none"],
    ];
  }
  const rows: [string, string][] = [["Soldiers out", String(through)]];
  if (map.objective.kind === "reach") rows.push(["Survivors reached", r.civiliansSaved > 0 ? "yes" : "no"]);
  return rows;
}

/** The wall's running score for the header: "held 4 rounds · 1 through the gate". */
export function heldText(p: Prospects): string {
  return `held ${rounds(p.roundsHeld)} · ${p.through} through the gate`;
}
