/** Stable hashes: of strings (cyrb53, 53 bits as 14 hex digits) and of a battle state. */

export function hashString(text: string, seed = 0): string {
  const h = start(seed);
  feedText(h, text);
  return finish(h);
}

/** cyrb53's running state: its two words, fed one character code at a time. */
type Running = [number, number];

const start = (seed: number): Running => [0xdeadbeef ^ seed, 0x41c6ce57 ^ seed];

function feedText(h: Running, text: string): void {
  let [h1, h2] = h;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h[0] = h1;
  h[1] = h2;
}

/** The same as feeding the text of one character per byte, without making that text. */
function feedBytes(h: Running, bytes: Uint8Array): void {
  let [h1, h2] = h;
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i];
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h[0] = h1;
  h[1] = h2;
}

function finish([h1, h2]: Running): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, "0");
}

import type { BattleState, Intent, Pos, Unit } from "./types.js";
import { UNIT_FIELD_NAMES } from "./unitFields.js";

// The fields the hash covers, named here (not JSON.stringify's key order): a new field of the
// state must be added on purpose. Units hash the one list of unit fields.
const OPTION_KEYS = ["difficulty", "splitVision"] as const;
const PERIMETER_KEYS = ["cx", "cy", "level", "radius", "nextRadius", "breakPoint", "broken", "breakOutRound"] as const;
const INTENT_KEYS = ["unit", "order", "kind", "damage", "countdown", "victim", "diedUnseen"] as const;
const REPORT_KEYS = [
  "rounds", "kills", "soldiersDead", "soldiersTaken", "civiliansSaved", "acidDamage", "shots", "hits", "grabs", "drags", "freed",
  "holds", "acidFromMoves", "ringFromCorpses", "ringFromRounds", "inSight",
] as const;

/** JSON.stringify's text of a field, without calling it for the common plain values. */
function fieldText(v: unknown): string {
  if (v === undefined || v === null) return "null";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  return JSON.stringify(v);
}

function pick(o: object | null, keys: readonly string[]): string {
  if (!o) return "-";
  const r = o as Record<string, unknown>;
  let out = "";
  for (let i = 0; i < keys.length; i++) out += (i > 0 ? "," : "") + fieldText(r[keys[i]]);
  return out;
}
const pos = (p: Pos | null) => (p ? `${p.x}.${p.y}.${p.level}` : "-");
const unitText = (u: Unit) => pick(u, UNIT_FIELD_NAMES);
const intentText = (i: Intent) => `${pick(i, INTENT_KEYS)}|${pos(i.moveTo)}|${pos(i.target)}|${i.area.map(pos).join(" ")}|${i.dragPath.map(pos).join(" ")}`;

/**
 * The state's fields the hash covers (below, each in its own way; `map` by its content hash and
 * `layers` as bytes). A test checks that no state carries a field missing from this list.
 */
export const HASHED_STATE_KEYS: readonly string[] = [
  "rulesVersion", "map", "seed", "options", "rng", "round", "phase", "outcome", "objective", "units", "nextUnitId",
  "perimeter", "ready", "intents", "noise", "undo", "civiliansSaved", "report", "step", "layers", "unready", "undone",
  "knownTerrain",
];

/** The canonical text of every field that matters to the rules (the map named by its content hash). */
function stateText(s: BattleState): string {
  return [
    s.rulesVersion, s.map.contentHash, s.seed, pick(s.options, OPTION_KEYS), s.rng, s.round, s.phase, s.outcome, s.objective,
    s.units.map(unitText).join(";"), s.nextUnitId, pick(s.perimeter, PERIMETER_KEYS),
    `${s.ready.takumi},${s.ready.wang}`, s.intents.map(intentText).join(";"), s.noise.map(pos).join(" "),
    s.undo.takumi.map((e) => unitText(e.before)).join(";"), s.undo.wang.map((e) => unitText(e.before)).join(";"),
    s.civiliansSaved, pick(s.report, REPORT_KEYS),
    s.report.perRound.map((r) => pick(r, ["round", "kills", "shots", "hits", "acidDamage", "soldiersLost", "creaturesOnBoard", "radius"])).join(";"),
    s.step,
    s.unready ? `${s.unready.takumi},${s.unready.wang}` : "-",
    // (added after rules version 3's goldens were recorded: absent, it leaves the text as it was)
    ...(s.undone ? [`${s.undone.takumi},${s.undone.wang}`] : []),
    // (likewise: absent or empty, nothing hidden, the text is as before)
    ...(s.knownTerrain?.length ? [`kt:${s.knownTerrain.map((k) => `${k.tile}.${k.terrain}`).join(" ")}`] : []),
    // (a campaign's pursuit, shared/campaign/pursuit.ts: absent or 0, the text is as before)
    ...(s.options.pursuit ? [`pursuit:${s.options.pursuit}`] : []),
  ].join("|");
}

/**
 * A state's hash: cyrb53 over the canonical text of the state's fields followed by the bytes of
 * the tile layers, one character a byte. Two states with the same hash play the same from here on.
 */
export function hashState(s: BattleState): string {
  const layers = s.layers;
  // (fed straight from the layers: a text of them, joined to the state's, cost more than hashing it)
  const h = start(0);
  feedText(h, stateText(s));
  for (const layer of [layers.acid, layers.acidAge, layers.melt, layers.corpse, layers.terrain, layers.fire]) feedBytes(h, layer);
  return finish(h);
}
