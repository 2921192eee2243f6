/**
 * Fixed positions for the perft-style counts. Each is a whole battle state stored as JSON in
 * `fixtures/` (the map named by id and content hash), so a change to the bot or the creatures' AI
 * cannot move a position: only a change to what may be done changes the counts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apply, legalActions, type Action, type BattleState, type Seat } from "../shared/index.js";
import { loadMapById } from "../server/maps.js";

export const FIXTURES_DIR = join(import.meta.dirname, "..", "tests", "perft", "fixtures");

export const POSITIONS = ["last-stand start", "last-stand round 4", "last-stand round 8", "the-alley start", "tower-test start"] as const;
export type PositionName = (typeof POSITIONS)[number];

const LAYERS = ["acid", "acidAge", "melt", "corpse", "fire", "terrain"] as const;

/** A stored position: the state without its map (named by id and content hash), layers as arrays. */
interface Fixture {
  map: { id: string; hash: string };
  state: Omit<BattleState, "map" | "layers"> & { layers: Record<(typeof LAYERS)[number], number[]> };
}

const fileOf = (name: string) => join(FIXTURES_DIR, `${name.replace(/ /g, "-")}.json`);

/** Store a position (used once, to freeze a new position; see tools/perft.ts --freeze). */
export function saveFixture(name: string, s: BattleState): void {
  writePosition(fileOf(name), s);
}

/** Load a stored position onto its map; refuses it if the map file changed since it was stored. */
export function reach(name: string): BattleState {
  return readPosition(fileOf(name)).state;
}

/** Writes a whole battle state to `file` in the fixtures' form (with `extra` fields beside it). */
export function writePosition(file: string, s: BattleState, extra: Record<string, unknown> = {}): void {
  const { map, layers, ...rest } = s;
  const fixture: Fixture = {
    map: { id: map.id, hash: map.contentHash },
    state: { ...rest, layers: Object.fromEntries(LAYERS.map((k) => [k, Array.from(layers[k])])) as Fixture["state"]["layers"] },
  };
  writeFileSync(file, JSON.stringify({ ...extra, ...fixture }) + "\n");
}

/** Reads a state `writePosition` stored, onto its map (refused if the map file changed since), and its extra fields. */
export function readPosition<E extends object = object>(file: string): { state: BattleState; extra: E } {
  const { map: m, state, ...extra } = JSON.parse(readFileSync(file, "utf8")) as Fixture & E;
  const map = loadMapById(m.id);
  if (map.contentHash !== m.hash) throw new Error(`stored position ${file}: map ${m.id} changed since it was stored (${m.hash}, now ${map.contentHash})`);
  const layers = Object.fromEntries(LAYERS.map((k) => [k, Uint8Array.from(state.layers[k])])) as unknown as BattleState["layers"];
  return { state: { ...state, map, layers } as BattleState, extra: extra as unknown as E };
}

/** Legal actions by type, e.g. { move: 160, shoot: 3, ... }. */
export function countByType(actions: Action[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of actions) out[a.type] = (out[a.type] ?? 0) + 1;
  return out;
}

/** Depth-2 perft for one seat: the seat's legal actions after each of its legal actions, summed. */
export function perft2(s: BattleState, seat: Seat): number {
  let n = 0;
  for (const a of legalActions(s, seat)) {
    const r = apply(s, { seat, action: a });
    if (!r.ok) throw new Error(`a legal action was refused: ${JSON.stringify(a)} ${r.code}`);
    n += legalActions(r.state, seat).length;
  }
  return n;
}
