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
import { wordsOf } from "./bytes.js";

// The fields the hash covers, named here (not JSON.stringify's key order): a new field of the
// state must be added on purpose. Units hash the one list of unit fields.
const OPTION_KEYS = ["difficulty", "splitVision"] as const;
const PERIMETER_KEYS = ["cx", "cy", "level", "radius", "nextRadius", "breakPoint", "broken", "breakOutRound"] as const;
const INTENT_KEYS = ["unit", "order", "kind", "damage", "countdown", "victim", "diedUnseen"] as const;
const REPORT_KEYS = [
  "rounds", "kills", "soldiersDead", "soldiersTaken", "civiliansSaved", "acidDamage", "shots", "hits", "grabs", "drags", "freed",
  "holds", "acidFromMoves", "ringFromCorpses", "ringFromRounds", "inSight",
] as const;
const PER_ROUND_KEYS = ["round", "kills", "shots", "hits", "acidDamage", "soldiersLost", "creaturesOnBoard", "radius"] as const;

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

/** The canonical text of every field that matters to the rules (the map named by its content hash).
 *  `hashState` feeds this same text to the hash without making it (below); this is its definition. */
export function stateText(s: BattleState): string {
  return [
    s.rulesVersion, s.map.contentHash, s.seed, pick(s.options, OPTION_KEYS), s.rng, s.round, s.phase, s.outcome, s.objective,
    s.units.map(unitText).join(";"), s.nextUnitId, pick(s.perimeter, PERIMETER_KEYS),
    `${s.ready.takumi},${s.ready.wang}`, s.intents.map(intentText).join(";"), s.noise.map(pos).join(" "),
    s.undo.takumi.map((e) => unitText(e.before)).join(";"), s.undo.wang.map((e) => unitText(e.before)).join(";"),
    s.civiliansSaved, pick(s.report, REPORT_KEYS),
    s.report.perRound.map((r) => pick(r, PER_ROUND_KEYS)).join(";"),
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
 * A state's hash: cyrb53 over the canonical text of the state's fields (`stateText`) followed by
 * the bytes of the tile layers, one character a byte. Two states with the same hash play the same
 * from here on. The server hashes every command it logs: the text is fed to the hash as it would
 * be written (below), never made (a test holds it equal to `hashStateByText`).
 */
export function hashState(s: BattleState, units?: UnitTexts): string {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  unitTexts = units ?? null;
  try {
    feedState(s);
  } finally {
    unitTexts = null;
  }
  const layers = s.layers;
  layer(layers.acid);
  layer(layers.acidAge);
  layer(layers.melt);
  layer(layers.corpse);
  layer(layers.terrain);
  layer(layers.fire);
  return finish([h1, h2]);
}

/** The hash from the text itself (`stateText`, then the layers): the definition `hashState` keeps to. */
export function hashStateByText(s: BattleState): string {
  const layers = s.layers;
  const h = start(0);
  feedText(h, stateText(s));
  for (const layer of [layers.acid, layers.acidAge, layers.melt, layers.corpse, layers.terrain, layers.fire]) feedBytes(h, layer);
  return finish(h);
}

// ---- hashState's feeding: stateText's characters, in order, straight into cyrb53's two words ----
// (module state: the feeding calls nothing outside this file, so no other hash runs in between)

const K1 = 2654435761, K2 = 1597334677;
/** K1^n and K2^n (mod 2^32): a zero byte multiplies each word by its constant (h ^ 0 is h), so a
 *  run of n zeros is one multiplication by the n-th power (multiplication mod 2^32 associates). */
const POW1: number[] = [1], POW2: number[] = [1];

function zeros(n: number): void {
  while (POW1.length <= n) {
    POW1.push(Math.imul(POW1[POW1.length - 1], K1));
    POW2.push(Math.imul(POW2[POW2.length - 1], K2));
  }
  h1 = Math.imul(h1, POW1[n]);
  h2 = Math.imul(h2, POW2[n]);
}

/**
 * feedBytes of a tile layer into the running words: most layers are mostly zeros (acid, melt,
 * fire, corpses), read four bytes at a time and fed as runs. The same words as byte by byte.
 */
function layer(bytes: Uint8Array): void {
  const w = bytes.length >= 64 ? wordsOf(bytes) : null;
  let run = 0;
  let i = 0;
  if (w) {
    for (let k = 0; k < w.length; k++) {
      if (w[k] === 0) run += 4;
      else run = feedRange(bytes, k << 2, (k << 2) + 4, run);
    }
    i = w.length << 2;
  }
  run = feedRange(bytes, i, bytes.length, run);
  if (run > 0) zeros(run);
}

/** Feeds bytes[from, to), `run` zeros pending before them; returns the zeros pending after. */
function feedRange(bytes: Uint8Array, from: number, to: number, run: number): number {
  for (let j = from; j < to; j++) {
    const c = bytes[j];
    if (c === 0) {
      run++;
      continue;
    }
    if (run > 0) {
      zeros(run);
      run = 0;
    }
    h1 = Math.imul(h1 ^ c, K1);
    h2 = Math.imul(h2 ^ c, K2);
  }
  return run;
}

let h1 = 0;
let h2 = 0;

function ch(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

const PIPE = 124, COMMA = 44, SEMI = 59, SPACE = 32, DOT = 46, DASH = 45, QUOTE = 34, BACKSLASH = 92;

function str(t: string): void {
  // (the words in locals for the loop: module variables are read and written through memory)
  let a = h1, b = h2;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  h1 = a;
  h2 = b;
}

/** String(n): small integers digit by digit, anything else (fractions, NaN, huge) through String. */
function num(n: number): void {
  if (Number.isInteger(n) && n > -1e15 && n < 1e15) {
    if (n < 0) {
      ch(DASH);
      n = -n;
    }
    digits(n);
  } else {
    str(String(n));
  }
}

function digits(n: number): void {
  if (n >= 10) digits(Math.floor(n / 10));
  ch(48 + (n % 10));
}

/** A value as Array.prototype.join and template literals write it (join writes null and undefined as nothing). */
function joined(v: unknown): void {
  if (v === undefined || v === null) return;
  if (typeof v === "number") num(v);
  else if (typeof v === "string") str(v);
  else str(String(v));
}

/** fieldText's text: JSON.stringify's of a field. */
function field(v: unknown): void {
  if (v === undefined || v === null) return str("null");
  if (typeof v === "number") return Number.isFinite(v) ? num(v) : str("null");
  if (typeof v === "boolean") return str(v ? "true" : "false");
  if (typeof v === "string") {
    const a = h1, b = h2;
    ch(QUOTE);
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || (c >= 0xd800 && c <= 0xdfff)) {
        // JSON escapes it: back to before the string, and JSON.stringify's text instead
        h1 = a;
        h2 = b;
        return str(JSON.stringify(v));
      }
      ch(c);
    }
    return ch(QUOTE);
  }
  str(String(fieldText(v)));
}

function picked(o: object | null, keys: readonly string[]): void {
  if (!o) return ch(DASH);
  const r = o as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) ch(COMMA);
    field(r[keys[i]]);
  }
}

/** A template literal writes null and undefined as words, join as nothing. */
function templated(v: unknown): void {
  if (v === undefined || v === null) str(String(v));
  else joined(v);
}

function positionOf(p: Pos | null): void {
  if (!p) return ch(DASH);
  templated(p.x);
  ch(DOT);
  templated(p.y);
  ch(DOT);
  templated(p.level);
}

function positions(ps: readonly Pos[]): void {
  for (let i = 0; i < ps.length; i++) {
    if (i > 0) ch(SPACE);
    positionOf(ps[i]);
  }
}

function intent(i: Intent): void {
  picked(i, INTENT_KEYS);
  ch(PIPE);
  positionOf(i.moveTo);
  ch(PIPE);
  positionOf(i.target);
  ch(PIPE);
  positions(i.area);
  ch(PIPE);
  positions(i.dragPath);
}

function list<T>(items: readonly T[], each: (t: T) => void): void {
  for (let i = 0; i < items.length; i++) {
    if (i > 0) ch(SEMI);
    each(items[i]);
  }
}

/**
 * Texts kept by object, for a caller whose states are never edited once made (the server's): a
 * unit's (the engine copies a unit before it changes it, so most units of a state are the last
 * state's), and the intents' and the rounds' lists (the engine replaces them, never edits them).
 * Each such text is written once. Never for states edited in place (test fixtures).
 */
export type UnitTexts = WeakMap<object, string>;
let unitTexts: UnitTexts | null = null;

function unit(u: Unit): void {
  if (!unitTexts) return picked(u, UNIT_FIELD_NAMES);
  let t = unitTexts.get(u);
  if (t === undefined) unitTexts.set(u, (t = unitText(u)));
  str(t);
}

/** A list's part of the text: kept by the list when texts are kept, else fed item by item. */
function keptList<T extends object>(items: readonly T[], text: (t: T) => string, each: (t: T) => void): void {
  if (!unitTexts) return list(items, each);
  let t = unitTexts.get(items);
  if (t === undefined) unitTexts.set(items, (t = items.map(text).join(";")));
  str(t);
}
const undoUnit = (e: { before: Unit }) => picked(e.before, UNIT_FIELD_NAMES);
const perRound = (r: object) => picked(r, PER_ROUND_KEYS);

/** `${a},${b}` */
function pair(a: unknown, b: unknown): void {
  templated(a);
  ch(COMMA);
  templated(b);
}

/** stateText(s), character by character. */
function feedState(s: BattleState): void {
  joined(s.rulesVersion); ch(PIPE);
  joined(s.map.contentHash); ch(PIPE);
  joined(s.seed); ch(PIPE);
  picked(s.options, OPTION_KEYS); ch(PIPE);
  joined(s.rng); ch(PIPE);
  joined(s.round); ch(PIPE);
  joined(s.phase); ch(PIPE);
  joined(s.outcome); ch(PIPE);
  joined(s.objective); ch(PIPE);
  list(s.units, unit); ch(PIPE);
  joined(s.nextUnitId); ch(PIPE);
  picked(s.perimeter, PERIMETER_KEYS); ch(PIPE);
  pair(s.ready.takumi, s.ready.wang); ch(PIPE);
  keptList(s.intents, intentText, intent); ch(PIPE);
  positions(s.noise); ch(PIPE);
  list(s.undo.takumi, undoUnit); ch(PIPE);
  list(s.undo.wang, undoUnit); ch(PIPE);
  joined(s.civiliansSaved); ch(PIPE);
  picked(s.report, REPORT_KEYS); ch(PIPE);
  keptList(s.report.perRound, (r) => pick(r, PER_ROUND_KEYS), perRound); ch(PIPE);
  joined(s.step); ch(PIPE);
  if (s.unready) pair(s.unready.takumi, s.unready.wang);
  else ch(DASH);
  if (s.undone) {
    ch(PIPE);
    pair(s.undone.takumi, s.undone.wang);
  }
  if (s.knownTerrain?.length) {
    ch(PIPE);
    str("kt:");
    for (let i = 0; i < s.knownTerrain.length; i++) {
      if (i > 0) ch(SPACE);
      const k = s.knownTerrain[i];
      templated(k.tile);
      ch(DOT);
      templated(k.terrain);
    }
  }
  if (s.options.pursuit) {
    ch(PIPE);
    str("pursuit:");
    templated(s.options.pursuit);
  }
}
