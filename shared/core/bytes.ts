/**
 * Comparing byte layers (terrain, fire) with the copies the caches keep of what they were made
 * from. A cache checks its copy on every use, so the compare runs often: read four bytes at a
 * time where both arrays allow it (aligned), through 32-bit views kept per array.
 */
const words = new WeakMap<Uint8Array, Int32Array>();

/** The array's bytes as 32-bit words (kept per array), or null when its start is not aligned. */
export function wordsOf(a: Uint8Array): Int32Array | null {
  if ((a.byteOffset & 3) !== 0) return null;
  let w = words.get(a);
  if (!w) words.set(a, (w = new Int32Array(a.buffer, a.byteOffset, a.length >> 2)));
  return w;
}

/** Do the two hold the same bytes? */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let k = 0;
  // (short arrays are read byte by byte: their views would cost more than they save)
  if (a.length >= 64) {
    const wa = wordsOf(a), wb = wa && wordsOf(b);
    if (wa && wb) {
      for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return false;
      k = wa.length << 2;
    }
  }
  for (; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
