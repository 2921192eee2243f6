/**
 * Static terrain, seen from above and drawn in code: cracked asphalt, rubble heaps, walls with
 * their brick tops, wrecked vehicles, manholes, the exit, stairs and holes; dust as specks. No
 * text: shapes carry the meaning (the legend names them). Painted only when the terrain changes.
 */
import type { Graphics } from "pixi.js";
import type { MapDef } from "../engine";
import { Terrain } from "../engine";
import { C, hash01 } from "./theme";

/**
 * Paints one level. `waysOut` (tile indices, from the engine's wayOutTiles) are drawn as the
 * squad's ways out, green with chevrons towards the edge, whatever their terrain; an `exit` tile
 * that is not one is drawn as the creatures' way off the board (dark, red hatched), never green.
 * Returns the indices drawn as ways out (a test compares them with the engine's).
 */
export function drawTerrain(g: Graphics, m: MapDef, terrain: ArrayLike<number>, level: number, ts: number, waysOut: ReadonlySet<number> = new Set()): number[] {
  const base = level * m.width * m.height;
  const drawnOut: number[] = [];
  const T = (x: number, y: number) => (x < 0 || y < 0 || x >= m.width || y >= m.height ? -1 : terrain[base + y * m.width + x]);
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      const t = T(x, y);
      const px = x * ts;
      const py = y * ts;
      const cx = px + ts / 2;
      const cy = py + ts / 2;
      const r = (k: number) => hash01(x, y, k);
      switch (t) {
        case Terrain.street:
        case Terrain.manhole: {
          g.rect(px, py, ts, ts).fill(r(1) < 0.5 ? C.street : C.streetDark);
          g.rect(px + 0.5, py + 0.5, ts - 1, ts - 1).stroke({ width: 1, color: C.streetLine, alpha: 0.5 });
          if (r(2) < 0.35) {
            // a crack
            const a = r(3) * Math.PI;
            g.moveTo(cx - Math.cos(a) * ts * 0.3, cy - Math.sin(a) * ts * 0.3)
              .lineTo(cx + ts * 0.05, cy - ts * 0.04)
              .lineTo(cx + Math.cos(a) * ts * 0.32, cy + Math.sin(a) * ts * 0.28)
              .stroke({ width: 1, color: 0x26292d });
          }
          if (t === Terrain.manhole) {
            g.circle(cx, cy, ts * 0.36).fill(C.manhole).stroke({ width: 2, color: C.manholeRing });
            for (let k = -2; k <= 2; k++) g.moveTo(cx - ts * 0.26, cy + k * ts * 0.1).lineTo(cx + ts * 0.26, cy + k * ts * 0.1).stroke({ width: 1, color: C.manholeRing, alpha: 0.6 });
          }
          break;
        }
        case Terrain.rubble: {
          g.rect(px, py, ts, ts).fill(C.rubble);
          for (let k = 0; k < 6; k++) {
            const sx = px + ts * (0.12 + 0.76 * r(10 + k));
            const sy = py + ts * (0.12 + 0.76 * r(20 + k));
            const s = ts * (0.08 + 0.1 * r(30 + k));
            g.poly([sx - s, sy + s * 0.6, sx - s * 0.3, sy - s, sx + s, sy - s * 0.2, sx + s * 0.5, sy + s]).fill(k % 2 ? C.rubbleStone : C.rubbleDark);
          }
          break;
        }
        case Terrain.wall: {
          g.rect(px, py, ts, ts).fill(C.wall);
          g.rect(px + 1, py + 1, ts - 2, ts - 2).fill(C.wallTop);
          // brick courses on top; a lit edge where the wall meets open ground
          const rows = 3;
          for (let k = 1; k < rows; k++) g.moveTo(px + 1, py + (k * ts) / rows).lineTo(px + ts - 1, py + (k * ts) / rows).stroke({ width: 1, color: C.wall });
          for (let k = 0; k < rows; k++) {
            const off = k % 2 ? ts / 4 : ts / 2;
            g.moveTo(px + off, py + (k * ts) / rows).lineTo(px + off, py + ((k + 1) * ts) / rows).stroke({ width: 1, color: C.wall });
          }
          const open = (v: number) => v !== Terrain.wall && v !== -1;
          if (open(T(x, y + 1))) g.rect(px, py + ts - 3, ts, 3).fill(C.wallEdge);
          if (open(T(x, y - 1))) g.rect(px, py, ts, 1.5).fill(C.wallEdge);
          if (open(T(x - 1, y))) g.rect(px, py, 1.5, ts).fill(C.wallEdge);
          if (open(T(x + 1, y))) g.rect(px + ts - 1.5, py, 1.5, ts).fill(C.wallEdge);
          break;
        }
        case Terrain.vehicle: {
          g.rect(px, py, ts, ts).fill(C.street);
          // a wreck from above: body, roof, windscreen, a burnt patch
          const horiz = T(x - 1, y) === Terrain.vehicle || T(x + 1, y) === Terrain.vehicle || T(x, y - 1) !== Terrain.vehicle;
          const bx = horiz ? px : px + ts * 0.12;
          const by = horiz ? py + ts * 0.12 : py;
          const bw = horiz ? ts : ts * 0.76;
          const bh = horiz ? ts * 0.76 : ts;
          g.roundRect(bx + 1, by + 1, bw - 2, bh - 2, ts * 0.12).fill(C.vehicle).stroke({ width: 1.5, color: 0x000000 });
          g.roundRect(bx + bw * 0.18, by + bh * 0.18, bw * 0.64, bh * 0.64, ts * 0.08).fill(C.vehicleRoof);
          g.rect(bx + bw * 0.2, by + bh * 0.22, bw * 0.6, bh * 0.12).fill(C.vehicleWin);
          if (r(4) < 0.5) g.circle(bx + bw * (0.3 + 0.4 * r(5)), by + bh * 0.6, ts * 0.12).fill({ color: 0x1a1a1a, alpha: 0.7 });
          break;
        }
        case Terrain.exit:
          // the creatures' way off the board (a drag ends here): dark, hatched in red; a way out is painted over below
          g.rect(px, py, ts, ts).fill(C.dragExit);
          for (let k = -1; k < 3; k++) g.moveTo(px + ts * (k * 0.33), py + ts).lineTo(px + ts * (k * 0.33 + 0.5), py).stroke({ width: 1.5, color: C.dragExitLine, alpha: 0.55 });
          break;
        case Terrain.stairs:
          g.rect(px, py, ts, ts).fill(C.stairs);
          for (let i = 1; i < 5; i++) g.rect(px + 3, py + (i * ts) / 5 - 1, ts - 6, 2).fill(C.stairsLine);
          break;
        case Terrain.hole:
          g.rect(px, py, ts, ts).fill(C.hole);
          g.poly([px + ts * 0.1, py + ts * 0.3, px + ts * 0.4, py + ts * 0.08, px + ts * 0.85, py + ts * 0.2, px + ts * 0.92, py + ts * 0.7, px + ts * 0.5, py + ts * 0.92, px + ts * 0.15, py + ts * 0.75]).stroke({ width: 2, color: C.holeRing });
          break;
        default:
          g.rect(px, py, ts, ts).fill(0xff00ff);
      }
      const i = base + y * m.width + x;
      if (waysOut.has(i)) {
        drawnOut.push(i);
        // chevrons point to the nearest edge: the way out of the map
        const dirs = [[x, -1, 0], [m.width - 1 - x, 1, 0], [y, 0, -1], [m.height - 1 - y, 0, 1]] as const;
        const [, dx, dy] = dirs.reduce((a, b) => (b[0] < a[0] ? b : a));
        g.rect(px, py, ts, ts).fill({ color: C.exit, alpha: 0.92 });
        g.rect(px + 1, py + 1, ts - 2, ts - 2).stroke({ width: 2, color: C.exitArrow, alpha: 0.8 });
        for (const o of [-0.15, 0.15]) {
          const tip = { x: cx + dx * (o + 0.12) * ts, y: cy + dy * (o + 0.12) * ts };
          const back = { x: tip.x - dx * 0.2 * ts, y: tip.y - dy * 0.2 * ts };
          const side = { x: dy * 0.22 * ts, y: dx * 0.22 * ts };
          g.moveTo(back.x + side.x, back.y + side.y).lineTo(tip.x, tip.y).lineTo(back.x - side.x, back.y - side.y).stroke({ width: 2.5, color: C.exitArrow });
        }
      }
      if (m.dust[base + y * m.width + x]) {
        g.rect(px, py, ts, ts).fill({ color: C.dust, alpha: 0.07 });
        for (let k = 0; k < 4; k++) g.circle(px + 3 + r(40 + k) * (ts - 6), py + 3 + r(50 + k) * (ts - 6), Math.max(1, ts / 22)).fill({ color: C.dust, alpha: 0.5 });
      }
    }
  }
  return drawnOut;
}
