/**
 * The battle's layers over the terrain: glowing acid with drips (intensity = drops), fire (flames
 * under smoke; the rounds left are a tag), corpses,
 * the fog, noise markers, the holding line with the exposed ground outside it and next round's
 * line; and the reachable area as an outline with 1-AP and 2-AP bands (a light touch, so the
 * terrain, ring and exposure stay readable under it). Static: painted only when they change.
 */
import { colourBlind } from "../settings";
import type { Graphics } from "pixi.js";
import { fireLayer, type MapDef, type Pos, type WireState } from "../engine";
import type { Reach } from "../previews";
import { C, dashLine, hash01 } from "./theme";

export function drawLayers(g: Graphics, m: MapDef, w: WireState, level: number, ts: number): void {
  const base = level * m.width * m.height;
  const burning = fireLayer(w.fire, m.width * m.height * m.levels);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const i = base + y * m.width + x;
      const px = x * ts;
      const py = y * ts;
      const acid = w.acid?.[i] ?? 0;
      if (acid > 0) {
        // glow, pool, then one drip per intensity
        g.roundRect(px + 1, py + 1, ts - 2, ts - 2, ts / 2.5).fill({ color: C.acid, alpha: 0.1 + 0.06 * acid });
        const rx = ts * (0.26 + 0.05 * acid);
        g.ellipse(px + ts / 2, py + ts / 2, rx, rx * (0.7 + 0.2 * hash01(x, y, 7))).fill({ color: C.acidDeep, alpha: 0.35 + 0.12 * acid });
        g.ellipse(px + ts * 0.45, py + ts * 0.45, rx * 0.45, rx * 0.3).fill({ color: C.acid, alpha: 0.55 });
        // colour-blind: acid hatched across as well (fire is flames, the ring a line)
        if (colourBlind()) for (let d = 0.25; d < 1; d += 0.25) g.moveTo(px + ts * d, py + ts * 0.1).lineTo(px + ts * 0.1, py + ts * d).stroke({ width: 1.5, color: C.acid, alpha: 0.9 });
        for (let k = 0; k < acid; k++) {
          const dx = px + ts * (0.25 + 0.25 * k);
          const dy = py + ts * 0.84;
          g.circle(dx, dy, ts * 0.065).fill({ color: C.acid, alpha: 0.95 });
          g.poly([dx - ts * 0.065, dy, dx, dy - ts * 0.16, dx + ts * 0.065, dy]).fill({ color: C.acid, alpha: 0.95 });
        }
      }
      const fire = burning[i];
      if (fire > 0) {
        // smoke over the tile (it blocks sight), then tongues of flame: more rounds left, taller
        g.roundRect(px + 1, py + 1, ts - 2, ts - 2, ts / 4).fill({ color: C.smoke, alpha: 0.55 });
        const hgt = ts * (0.32 + 0.08 * Math.min(4, fire));
        for (let k = 0; k < 3; k++) {
          const fx = px + ts * (0.28 + 0.22 * k);
          const hk = hgt * (k === 1 ? 1 : 0.7 + 0.2 * hash01(x, y, 30 + k));
          const base = py + ts * 0.86;
          g.poly([fx - ts * 0.13, base, fx, base - hk, fx + ts * 0.13, base]).fill({ color: C.fire, alpha: 0.95 }).stroke({ width: 1, color: 0x000000, alpha: 0.6 });
          g.poly([fx - ts * 0.06, base, fx, base - hk * 0.55, fx + ts * 0.06, base]).fill({ color: C.fireCore });
        }
        g.rect(px + 1, py + 1, ts - 2, ts - 2).stroke({ width: 2, color: C.fire, alpha: 0.9 });
      }
      const corpse = w.corpse?.[i] ?? 0;
      for (let k = 0; k < Math.min(3, corpse); k++) {
        // a sprawled carcass: body, limbs, acid blood
        const cx = px + ts * (0.5 + (k - (Math.min(3, corpse) - 1) / 2) * 0.22);
        const cy = py + ts * (0.42 + 0.08 * k);
        const a = hash01(x, y, 60 + k) * Math.PI;
        const s = ts * 0.2;
        g.ellipse(cx, cy, s, s * 0.55).fill(C.corpse).stroke({ width: 1, color: 0x000000 });
        for (let l = 0; l < 4; l++) {
          const b = a + (l * Math.PI) / 2 + 0.4;
          g.moveTo(cx, cy).lineTo(cx + Math.cos(b) * s * 1.5, cy + Math.sin(b) * s * 1.1).stroke({ width: 2, color: C.corpse });
        }
        g.circle(cx + s * 0.6, cy + s * 0.4, s * 0.3).fill({ color: C.corpseBlood, alpha: 0.8 });
      }
      if (w.visible && !w.visible[i]) g.rect(px, py, ts, ts).fill({ color: C.fog, alpha: 0.5 });
    }
  }
  for (const n of w.noise ?? []) {
    if (Math.floor(n / (m.width * m.height)) !== level) continue;
    const cx = ((n % m.width) + 0.5) * ts;
    const cy = (Math.floor(n / m.width) % m.height + 0.5) * ts;
    for (let r = 1; r <= 3; r++) {
      const rr = (ts * r) / 7;
      for (const [a0, a1] of [[-Math.PI * 0.8, -Math.PI * 0.2], [Math.PI * 0.2, Math.PI * 0.8]])
        g.moveTo(cx + rr * Math.cos(a0), cy + rr * Math.sin(a0)).arc(cx, cy, rr, a0, a1).stroke({ width: 1.5, color: 0xffa64d, alpha: 1 - r * 0.2 });
    }
    g.circle(cx, cy, ts * 0.07).fill(0xffa64d);
  }
}

export function drawRing(g: Graphics, m: MapDef, w: WireState, level: number, ts: number): void {
  if (!w.hasPerimeter || !m.perimeter || m.perimeter.level !== level) return;
  const { cx, cy } = m.perimeter;
  const square = (r: number) => ({ x: (cx - r) * ts, y: (cy - r) * ts, s: (2 * r + 1) * ts });
  const a = square(w.radius);
  const W = m.width * ts;
  const H = m.height * ts;
  // outside the line: a faint red wash with hatching (exposed ground)
  const wash = { color: C.outside, alpha: 0.08 };
  const top = Math.max(0, a.y);
  const bottom = Math.min(H, a.y + a.s);
  if (top > 0) g.rect(0, 0, W, top).fill(wash);
  if (bottom < H) g.rect(0, bottom, W, H - bottom).fill(wash);
  if (a.x > 0) g.rect(0, top, a.x, bottom - top).fill(wash);
  if (a.x + a.s < W) g.rect(a.x + a.s, top, W - a.x - a.s, bottom - top).fill(wash);
  g.rect(a.x, a.y, a.s, a.s).stroke({ width: 3, color: C.ring, alpha: 0.95 });
  if (w.nextRadius !== w.radius) {
    const n = square(w.nextRadius);
    for (const [x1, y1, x2, y2] of [[n.x, n.y, n.x + n.s, n.y], [n.x + n.s, n.y, n.x + n.s, n.y + n.s], [n.x + n.s, n.y + n.s, n.x, n.y + n.s], [n.x, n.y + n.s, n.x, n.y]] as const)
      dashLine(g, x1, y1, x2, y2, 8, 6);
    g.stroke({ width: 2, color: C.nextRing });
  }
}

/** Reachable ground: a thin tint, a dot per 2-AP tile, and the outline of each band. */
export function drawReach(g: Graphics, reach: Reach, throwable: Pos[], level: number, ts: number): void {
  for (const p of reach.tiles) {
    if (p.level !== level) continue;
    const far = p.ap > 1;
    g.rect(p.x * ts, p.y * ts, ts, ts).fill({ color: far ? C.reachFar : C.reach, alpha: far ? 0.06 : 0.1 });
    if (far) g.circle(p.x * ts + ts / 2, p.y * ts + ts / 2, Math.max(1.2, ts * 0.04)).fill({ color: C.reachFar, alpha: 0.7 });
  }
  for (const band of [2, 1]) {
    for (const e of reach.edges) {
      if (e.band !== band) continue;
      const x0 = e.x * ts;
      const y0 = e.y * ts;
      if (e.side === "n") g.moveTo(x0, y0).lineTo(x0 + ts, y0);
      else if (e.side === "s") g.moveTo(x0, y0 + ts).lineTo(x0 + ts, y0 + ts);
      else if (e.side === "w") g.moveTo(x0, y0).lineTo(x0, y0 + ts);
      else g.moveTo(x0 + ts, y0).lineTo(x0 + ts, y0 + ts);
    }
    g.stroke({ width: band === 1 ? 2 : 1.5, color: band === 1 ? C.reach : C.reachFar, alpha: 0.9 });
  }
  for (const p of throwable) {
    if (p.level !== level) continue;
    g.rect(p.x * ts + ts * 0.42, p.y * ts + ts * 0.42, ts * 0.16, ts * 0.16).fill({ color: C.blast, alpha: 0.6 });
  }
}
