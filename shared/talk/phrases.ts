/**
 * The quick phrases a player can say to his partner. Only these keys travel (never free text, so
 * nothing needs moderating); each client words a key in its own words table.
 */
export const PHRASE_KEYS = ["coverMe", "fallingBack", "holdOn", "needAmmo", "wait", "go"] as const;
export type PhraseKey = (typeof PHRASE_KEYS)[number];

export function isPhraseKey(x: unknown): x is PhraseKey {
  return typeof x === "string" && (PHRASE_KEYS as readonly string[]).includes(x);
}
