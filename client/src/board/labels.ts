/**
 * Label layout: every tag on the board (attacks on a tile, drag countdowns, hit chances, EXPOSED,
 * pings, unit statuses, the route's cost) is placed so that no two overlap. Tags on the same tile
 * are folded into one first; each is then tried above, below, right and left of its anchor and a
 * row further out; one that fits nowhere is folded into a count on the nearest placed tag ("+2").
 * Pure: boxes in, boxes out (tests/client/labels.test.ts); the board draws the result.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelItem {
  id: string;
  text: string;
  color: number;
  /** Anchor: the point the tag belongs to (a tile's top centre, say). */
  ax: number;
  ay: number;
  /** Higher first; the first placed keep their best spot. */
  priority: number;
  /** Tags with the same group are folded into one (e.g. all attacks on one tile). */
  group?: string;
  /** Units in the focus get their tags first and brighter; the others are dimmed. */
  dim?: boolean;
  /** Pinned with its top-left corner on the anchor, never moved nor folded: an intent's order on its creature. */
  pin?: boolean;
}

export interface PlacedLabel extends Box {
  id: string;
  /** One line, or several separated by "\n" (a tag too wide for the board's part in sight, wrapped). */
  text: string;
  color: number;
  dim: boolean;
  /** How many tags this one stands for (folded group members and overflow). */
  count: number;
}

/** Measures a text's width in px at the label height (the board passes the bitmap font's). */
export type Measure = (text: string) => number;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: Box, bounds: Box) => a.x >= bounds.x && a.y >= bounds.y && a.x + a.w <= bounds.x + bounds.w && a.y + a.h <= bounds.y + bounds.h;

/** Folds the items of one group into one tag: "GRAB −3 · SPIT −2", or "3 attacks −7" past two. */
export function foldGroups(items: LabelItem[]): (LabelItem & { count: number })[] {
  const out: (LabelItem & { count: number })[] = [];
  const byGroup = new Map<string, (LabelItem & { count: number })>();
  const members = new Map<string, LabelItem[]>();
  for (const it of items) {
    if (!it.group) {
      out.push({ ...it, count: 1 });
      continue;
    }
    const head = byGroup.get(it.group);
    if (!head) {
      const h = { ...it, count: 1 };
      byGroup.set(it.group, h);
      members.set(it.group, [it]);
      out.push(h);
      continue;
    }
    members.get(it.group)!.push(it);
    head.count++;
    head.priority = Math.max(head.priority, it.priority);
    head.dim = head.dim && it.dim;
  }
  for (const [g, list] of members) {
    if (list.length < 2) continue;
    const head = byGroup.get(g)!;
    const dmg = list.reduce((n, it) => n + (Number(/−(\d+)/.exec(it.text)?.[1]) || 0), 0);
    head.text = list.length === 2 ? list.map((i) => i.text).join(" · ") : `${list.length} ATTACKS${dmg ? ` −${dmg}` : ""}`;
  }
  return out;
}

/**
 * A tag's text in lines of at most `maxW` px: cut at its " · " (two threats, a line each), then at
 * its spaces; a word longer than `maxW` keeps a line of its own.
 */
export function wrapText(text: string, measure: Measure, maxW: number): string[] {
  const lines: string[] = [];
  for (const part of text.split(" · ")) {
    let line = "";
    for (const word of part.split(" ")) {
      const next = line ? `${line} ${word}` : word;
      if (line && measure(next) > maxW) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Places the tags: none overlaps another or leaves `bounds`; `avoid` (units' bodies, badges) is
 * kept clear where a spot allows it.
 */
export function layoutLabels(items: LabelItem[], measure: Measure, h: number, bounds: Box, avoid: Box[] = []): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const pad = 2;
  // pinned tags first, each on its anchor: the others make room for them
  for (const it of items.filter((i) => i.pin)) {
    const w = Math.ceil(measure(it.text)) + 2 * pad;
    const b = { x: Math.max(bounds.x, Math.min(bounds.x + bounds.w - w, it.ax)), y: Math.max(bounds.y, Math.min(bounds.y + bounds.h - h, it.ay)), w, h };
    placed.push({ ...b, id: it.id, text: it.text, color: it.color, dim: !!it.dim, count: 1 });
  }
  const pinned = new Set(placed);
  const folded = foldGroups(items.filter((i) => !i.pin)).sort((a, b) => Number(!!a.dim) - Number(!!b.dim) || b.priority - a.priority);
  const free = (b: Box) => inside(b, bounds) && !placed.some((p) => overlaps(p, b));
  // the spots about an anchor for a tag of w × bh: above, below, right, left, and a row further out
  const spots = (it: LabelItem, w: number, bh: number): Box[] => {
    const cands: Box[] = [];
    for (let ring = 0; ring < 3; ring++) {
      const d = ring * (h + 1);
      cands.push(
        { x: it.ax - w / 2, y: it.ay - bh - d, w, h: bh },
        { x: it.ax - w / 2, y: it.ay + h * 1.6 + d, w, h: bh },
        { x: it.ax + h * 0.9 + d, y: it.ay + h * 0.3, w, h: bh },
        { x: it.ax - h * 0.9 - w - d, y: it.ay + h * 0.3, w, h: bh },
      );
    }
    // slid sideways into the board; one that leaves it at the top or bottom is pushed back in only
    // when no other spot is free (pushed in, a tag above a unit in the top row would sit on it)
    const clampX = (b: Box) => ({ ...b, x: Math.max(bounds.x, Math.min(bounds.x + bounds.w - w, b.x)) });
    const clampY = (b: Box) => ({ ...b, y: Math.max(bounds.y, Math.min(bounds.y + bounds.h - bh, b.y)) });
    return [...cands.map(clampX), ...cands.map((b) => clampY(clampX(b)))];
  };
  const pick = (fit: Box[]) => fit.find((b) => free(b) && !avoid.some((a) => overlaps(a, b))) ?? fit.find(free);
  for (const it of folded) {
    const w = Math.ceil(measure(it.text)) + 2 * pad;
    // on one line where it fits; wrapped where it is wider than the board in sight, or (two
    // threats on one tile, a line each) where it finds no room as one line
    let spot: Box | undefined;
    let text = it.text;
    if (w <= bounds.w) spot = pick(spots(it, w, h));
    if (!spot && (w > bounds.w || (it.group && it.count === 2))) {
      const lines = wrapText(it.text, (t) => Math.ceil(measure(t)) + 2 * pad, bounds.w);
      if (lines.length > 1) {
        const lw = Math.max(...lines.map((l) => Math.ceil(measure(l)) + 2 * pad));
        spot = pick(spots(it, lw, h * lines.length));
        if (spot) text = lines.join("\n");
      }
    }
    if (spot) {
      placed.push({ ...spot, id: it.id, text, color: it.color, dim: !!it.dim, count: it.count });
      continue;
    }
    // nowhere to go: count it on the nearest tag, if the "+n" still fits
    let best: PlacedLabel | null = null;
    let bd = Infinity;
    for (const p of placed) {
      if (pinned.has(p)) continue;
      const dd = Math.hypot(p.x + p.w / 2 - it.ax, p.y + p.h / 2 - it.ay);
      if (dd < bd) {
        bd = dd;
        best = p;
      }
    }
    if (!best) continue;
    const extra = best.count + it.count - 1;
    const text2 = `${best.text.replace(/ \+\d+$/, "")} +${extra}`;
    const wider = { x: best.x, y: best.y, w: Math.max(...text2.split("\n").map((l) => Math.ceil(measure(l)) + 2 * pad)), h: best.h };
    if (inside(wider, bounds) && !placed.some((p) => p !== best && overlaps(p, wider))) {
      best.text = text2;
      best.w = wider.w;
      best.count += it.count;
    }
  }
  return placed;
}
