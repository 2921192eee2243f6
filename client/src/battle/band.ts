/**
 * Where a banner over the board goes: the band (a row of the board's height) nearest the one it
 * prefers that hides nothing the board shows of what is happening — the tags on the board, or,
 * while the events play, the units they move and the words that float over them. Where every band
 * covers something, the one that covers least. Pure: boxes in (page px), the banner's centre out.
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const STEP = 4;

/** The centre y of the banner (`size`, centred across `area`) in `area`, nearest `prefer` among those covering least of `busy`. */
export function freeBand(area: Box, size: { w: number; h: number }, busy: Box[], prefer: number, margin = 4): number {
  const x0 = area.x + (area.w - size.w) / 2;
  const x1 = x0 + size.w;
  const lo = area.y + size.h / 2 + margin;
  const hi = area.y + area.h - size.h / 2 - margin;
  if (hi <= lo) return area.y + area.h / 2;
  let best = prefer;
  let bestCover = Infinity;
  let bestDist = Infinity;
  for (let c = lo; c <= hi + 0.01; c += STEP) {
    const y0 = c - size.h / 2 - margin;
    const y1 = c + size.h / 2 + margin;
    let cover = 0;
    for (const b of busy) {
      const w = Math.min(x1, b.x + b.w) - Math.max(x0, b.x);
      const h = Math.min(y1, b.y + b.h) - Math.max(y0, b.y);
      if (w > 0 && h > 0) cover += w * h;
    }
    const dist = Math.abs(c - prefer);
    if (cover < bestCover - 0.5 || (Math.abs(cover - bestCover) <= 0.5 && dist < bestDist)) {
      best = c;
      bestCover = cover;
      bestDist = dist;
    }
  }
  return best;
}
