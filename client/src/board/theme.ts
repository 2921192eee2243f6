/** The board's palette, its one bitmap font (every label and floating text shares it), and drawing helpers. */
import { BitmapFont, BitmapText, Graphics } from "pixi.js";
import { SEAT_COLOUR } from "../seatColours";

export const C = {
  bg: 0x121417,
  street: 0x3b3f45,
  streetDark: 0x33373c,
  streetLine: 0x4a4f56,
  rubble: 0x5e5345,
  rubbleStone: 0x8e7f6b,
  rubbleDark: 0x463d33,
  wall: 0x1d1f23,
  wallTop: 0x2a2d33,
  wallEdge: 0x5a5f68,
  vehicle: 0x7a3535,
  vehicleRoof: 0x8f4444,
  vehicleWin: 0x9fb4c6,
  manhole: 0x24272b,
  manholeRing: 0xc9a227,
  exit: 0x24593a,
  exitArrow: 0x8cf0a8,
  /** An exit the creatures drag their victims off through, not a way out for the squad. */
  dragExit: 0x1c1416,
  dragExitLine: 0xb8333a,
  stairs: 0x4a4f6a,
  stairsLine: 0xc7cbe0,
  hole: 0x050505,
  holeRing: 0x8a3d1a,
  dust: 0xcbb894,
  fog: 0x000000,
  acid: 0x7cff3a,
  fire: 0xff9a1f,
  fireCore: 0xffe36b,
  smoke: 0x2b2622,
  hold: 0x3fd4ff,
  acidDeep: 0x3fae12,
  corpse: 0x6b4a33,
  corpseBlood: 0x4f8f1f,
  ring: 0xffd23f,
  nextRing: 0xff8c1a,
  outside: 0xff3b3b,
  takumi: SEAT_COLOUR.takumi,
  wang: SEAT_COLOUR.wang,
  civilian: 0xe9e4d4,
  skin: 0xe0b089,
  snatcher: 0xe5484d,
  leaper: 0xb565f0,
  spitter: 0xc6e33a,
  reach: 0x3fd4ff,
  reachFar: 0x9a7dff,
  path: 0xffffff,
  hazard: 0x7cff3a,
  target: 0xff4d4d,
  intent: 0xff9a3c,
  drag: 0xd66bff,
  blast: 0xff6a00,
  select: 0x4cd964,
  cursor: 0xffffff,
  ping: { danger: 0xff3b3b, move: 0x3fd4ff, target: 0xffd23f } as Record<string, number>,
};

export const CREATURE_COLOR: Record<string, number> = { snatcher: C.snatcher, leaper: C.leaper, spitter: C.spitter };

/** The one bitmap font: installed once, tinted per use (Pixi warned of 139 fonts, one per floating text). */
export const FONT = "ls-label";
export const FONT_SIZE = 24;
let installed = false;
export function installFont(): void {
  if (installed) return;
  installed = true;
  BitmapFont.install({
    name: FONT,
    style: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", fontSize: FONT_SIZE, fill: 0xffffff, fontWeight: "700", stroke: { color: 0x000000, width: 5 } },
    // only the space drawn up front: each is drawn the first time a tag uses it (a first frame needs a few
    // dozen of the ~110), and no kerning (it measures every pair: half a second on a slow phone)
    chars: " ",
    skipKerning: true,
    resolution: 1,
  });
}

/** A text of the shared bitmap font, `size` px high, tinted. */
export function btext(text: string, size: number, color = 0xffffff): BitmapText {
  installFont();
  const t = new BitmapText({ text, style: { fontFamily: FONT, fontSize: FONT_SIZE } });
  t.scale.set(size / FONT_SIZE);
  t.tint = color;
  return t;
}

export function dashLine(g: Graphics, x1: number, y1: number, x2: number, y2: number, dash: number, gap: number): void {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return;
  const dx = (x2 - x1) / len;
  const dy = (y2 - y1) / len;
  for (let d = 0; d < len; d += dash + gap) {
    const e = Math.min(len, d + dash);
    g.moveTo(x1 + dx * d, y1 + dy * d).lineTo(x1 + dx * e, y1 + dy * e);
  }
}

export const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2);

/** A stable pseudo-random number in [0, 1) for a tile (texture variation that never flickers). */
export function hash01(x: number, y: number, k = 0): number {
  let h = (x * 374761393 + y * 668265263 + k * 2147483647) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
