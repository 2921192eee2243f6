/**
 * One way to name an intent and its creature, on the board and in every list: the creature by its
 * kind and its order number (the badge on its tile: "Snatcher 1"), the attack by the board's own
 * tag ("LUNGE → TAKUMI-1 −3"). Raw coordinates and creature ids are not shown to players.
 */
import type { WireState } from "./engine";
import { creatureName as namedCreature } from "./engine";
import { unitName } from "./words";

type Intent = WireState["intents"][number];

/** A soldier or civilian as the board's tags name him: TAKUMI-2, CHILD 1. */
export const tagName = (w: WireState, id: string): string => {
  const name = unitName(w, id);
  return (/^(Civilian|Child) /.test(name) ? name : (name.split(" ").pop() ?? id)).toUpperCase();
};

/** The board's tag for an attack: "LUNGE → TAKUMI-1 −3", "SPIT −2". */
export const attackTag = (w: WireState, it: Intent): string =>
  `${it.kind === "grab" && it.victim ? `LUNGE → ${tagName(w, it.victim)}` : it.kind.toUpperCase()}${it.damage > 0 ? ` −${it.damage}` : ""}`;

/** A creature as players see it named: its kind and the order badge on its tile ("Snatcher 1"), else its name. */
export function creatureName(w: WireState, id: string): string {
  const it = w.intents?.find((i) => i.unit === id);
  // the engine's one naming, as its previews say it (core/names.ts)
  return it ? namedCreature(w.units[id]?.kind ?? "", id, it.order) : unitName(w, id);
}
