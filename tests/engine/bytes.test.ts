/** sameBytes (shared/core/bytes.ts): the word-at-a-time compare agrees with a byte-by-byte one, aligned or not, at every length and position. */
import { describe, expect, it } from "vitest";
import { sameBytes } from "../../shared/core/bytes.js";

function naive(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

describe("sameBytes", () => {
  it("agrees with a byte-by-byte compare, a byte changed anywhere, on aligned and unaligned arrays", () => {
    let checked = 0;
    for (const len of [0, 1, 3, 63, 64, 65, 67, 100, 352])
      for (const offA of [0, 1, 4])
        for (const offB of [0, 2, 4]) {
          const a = new Uint8Array(len + 8).subarray(offA, offA + len), b = new Uint8Array(len + 8).subarray(offB, offB + len);
          for (let i = 0; i < len; i++) a[i] = b[i] = (i * 37) & 255;
          expect(sameBytes(a, b)).toBe(true);
          for (let i = 0; i < len; i++) {
            b[i] ^= 1;
            expect(sameBytes(a, b)).toBe(naive(a, b));
            expect(sameBytes(a, b)).toBe(false);
            b[i] ^= 1;
            checked++;
          }
          expect(sameBytes(a, b.subarray(0, Math.max(0, len - 1)))).toBe(len === 0);
        }
    expect(checked).toBeGreaterThan(5000);
  });
});
