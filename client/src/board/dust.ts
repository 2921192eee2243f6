/** Dust drifting over the dusty ground while something moves (the board is still otherwise). */
import { Container, Graphics } from "pixi.js";
import type { MapDef } from "../engine";
import { C } from "./theme";

export class Dust {
  readonly layer = new Container();
  private motes: { g: Graphics; x: number; y: number; vx: number; vy: number }[] = [];

  seed(m: MapDef, ts: number): void {
    const tiles: number[] = [];
    for (let i = 0; i < m.width * m.height; i++) if (m.dust[i]) tiles.push(i);
    for (const c of this.layer.removeChildren()) c.destroy();
    this.motes = [];
    const r = Math.max(1, ts / 22);
    for (let k = 0; k < Math.min(40, tiles.length * 2); k++) {
      const i = tiles[(k * 7919) % tiles.length];
      // one small shape per mote, moved by its position: no geometry is rebuilt per frame
      const g = new Graphics().circle(0, 0, r * (0.6 + Math.random())).fill({ color: C.dust, alpha: 0.35 });
      this.layer.addChild(g);
      this.motes.push({ g, x: (i % m.width) + Math.random(), y: Math.floor(i / m.width) + Math.random(), vx: 0.2 + Math.random() * 0.25, vy: (Math.random() - 0.5) * 0.12 });
    }
    this.drift(0, m, ts);
  }

  drift(ms: number, m: MapDef, ts: number): void {
    for (const d of this.motes) {
      d.x += (d.vx * ms) / 1000;
      d.y += (d.vy * ms) / 1000;
      if (d.x > m.width) d.x -= m.width;
      if (d.y < 0 || d.y > m.height) d.vy = -d.vy;
      d.g.position.set(d.x * ts, d.y * ts);
    }
  }
}
