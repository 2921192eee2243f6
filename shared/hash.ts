/** Stable hashes: of strings (cyrb53, 53 bits as 14 hex digits) and of a battle state. */

export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, "0");
}

import type { BattleState } from "./types.js";

/**
 * The canonical text of a state: every field that matters to the rules, in a fixed order, with
 * the map named by its content hash. Two states with the same text play the same from here on.
 */
export function canonicalState(s: BattleState): string {
  const { map, layers, ...rest } = s;
  return JSON.stringify({
    ...rest,
    map: map.contentHash,
    layers: {
      acid: Array.from(layers.acid),
      acidAge: Array.from(layers.acidAge),
      melt: Array.from(layers.melt),
      corpse: Array.from(layers.corpse),
      terrain: Array.from(layers.terrain),
    },
  });
}

export function hashState(s: BattleState): string {
  return hashString(canonicalState(s));
}
