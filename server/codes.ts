/**
 * Join codes: eight letters a person can read aloud to a friend. No I, L or O (confused with 1 and 0),
 * no digits. 23^8 ≈ 7.8 × 10^10 codes: at the lookup budget (limits.ts) one address finds a live
 * battle among 10,000 less than once a year (docs/PROTOCOL.md, "Limits"). The code is also the
 * battle's room id and match id. Codes of five letters (battles made before) are still read.
 */
import { randomInt } from "node:crypto";

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;
const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$|^[${CODE_ALPHABET}]{5}$`);

export function randomCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** Upper-cases and trims what a person typed; returns null when it cannot be a code. */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const code = input.trim().toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** A fresh code that `taken` does not know. */
export async function uniqueCode(taken: (code: string) => Promise<boolean> | boolean): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const code = randomCode();
    if (!(await taken(code))) return code;
  }
  throw new Error("could not find a free join code");
}
