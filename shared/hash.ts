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
 * A state's hash: cyrb53 over the canonical text of every field that matters to the rules (the map
 * named by its content hash) followed by the bytes of the tile layers, one character a byte.
 * Two states with the same hash play the same from here on.
 */
export function hashState(s: BattleState): string {
  const { map, layers, ...rest } = s;
  let bytes = "";
  for (const layer of [layers.acid, layers.acidAge, layers.melt, layers.corpse, layers.terrain])
    bytes += String.fromCharCode.apply(null, layer as unknown as number[]);
  return hashString(JSON.stringify(rest) + map.contentHash + bytes);
}
