/**
 * Units as silhouettes drawn in code, distinct by shape at 32 px: soldiers from above (helmet,
 * shoulders, the rifle along their facing; sergeants with a chevron), the Snatcher (hunched body,
 * long grasping arms), the Leaper (crouched, with folded hind legs), the Spitter (a swollen acid
 * sac and a gaping mouth); civilians bare-headed in light coats (children smaller, arms up when
 * frozen). Below each: hp pips; for soldiers, AP pips.
 */
import { Container, Graphics } from "pixi.js";
import type { WireUnit } from "../engine";
import { C, CREATURE_COLOR } from "./theme";
import { colourBlind } from "../settings";

export interface UnitSprite {
  root: Container;
  body: Graphics;
  bar: Graphics;
  unit: WireUnit;
  /** Radians; soldiers turn toward where they walk and shoot. */
  facing: number;
  /** A civilian frozen with fear (a creature the viewer sees stands beside him: the engine's frozenAmong). */
  frozen?: boolean;
}

export function makeSprite(u: WireUnit): UnitSprite {
  const root = new Container();
  const body = new Graphics();
  const bar = new Graphics();
  root.addChild(body, bar);
  return { root, body, bar, unit: u, facing: u.side === "squad" ? -Math.PI / 2 : Math.PI / 2 };
}

function soldier(g: Graphics, u: WireUnit, r: number, own: boolean): void {
  const color = u.seat === "wang" ? C.wang : C.takumi;
  // a comrade carried over the shoulders: a grey body slung across his back; a child: small, in civilian colours
  if (u.carrying && u.carrying.startsWith("child-")) {
    g.ellipse(-r * 0.65, 0, r * 0.32, r * 0.6).fill(C.civilian).stroke({ width: 1.5, color: 0x000000 });
    g.circle(-r * 0.65, -r * 0.55, r * 0.2).fill(C.skin).stroke({ width: 1, color: 0x000000 });
  } else if (u.carrying) g.ellipse(-r * 0.7, 0, r * 0.38, r * 1.05).fill(0x8a9099).stroke({ width: 1.5, color: 0x000000 });
  // shoulders, pack, rifle (pointing along +x; the body is rotated to the facing)
  g.ellipse(-r * 0.1, 0, r * 0.55, r * 0.85).fill(color).stroke({ width: own ? 2.5 : 1.5, color: own ? 0xffffff : 0x000000 });
  g.roundRect(-r * 0.75, -r * 0.35, r * 0.3, r * 0.7, r * 0.1).fill(0x2d3a2a).stroke({ width: 1, color: 0x000000 });
  if (u.hasWeapon) {
    g.rect(r * 0.05, r * 0.2, r * 1.15, r * 0.16).fill(0x111111).stroke({ width: 1, color: 0xdddddd, alpha: 0.6 });
    g.circle(r * 0.25, r * 0.3, r * 0.12).fill(color);
  }
  g.circle(r * 0.05, 0, r * 0.36).fill(0x3b4a35).stroke({ width: 1.5, color: 0x000000 });
  if (colourBlind()) {
    // the side by shape as well as colour: a square on Takumi's packs, a triangle on Wang's
    const k = r * 0.34;
    if (u.seat === "wang") g.poly([-r * 0.6 - k, -k, -r * 0.6 + k, 0, -r * 0.6 - k, k]).fill(0xffffff).stroke({ width: 1.5, color: 0x000000 });
    else g.rect(-r * 0.6 - k * 0.75, -k * 0.75, k * 1.5, k * 1.5).fill(0xffffff).stroke({ width: 1.5, color: 0x000000 });
  }
  if (u.kind !== "private") {
    // sergeant's chevron on the helmet
    g.moveTo(-r * 0.12, -r * 0.16).lineTo(r * 0.12, 0).lineTo(-r * 0.12, r * 0.16).stroke({ width: 2, color: 0xffd23f });
  }
}

/** A civilian from above: a light coat and a bare head, no helmet, no rifle; a child is smaller. */
function civilian(g: Graphics, u: WireUnit, r: number, frozen: boolean): void {
  const k = u.kind === "child" ? 0.65 : 1;
  g.ellipse(0, 0, r * 0.6 * k, r * 0.8 * k).fill(C.civilian).stroke({ width: 1.5, color: 0x000000 });
  g.circle(0, 0, r * 0.34 * k).fill(C.skin).stroke({ width: 1.5, color: 0x000000 });
  // frozen: arms up over the head
  if (frozen) {
    g.moveTo(-r * 0.45 * k, 0).lineTo(-r * 0.3 * k, -r * 0.75 * k).stroke({ width: 2.5, color: C.skin });
    g.moveTo(r * 0.45 * k, 0).lineTo(r * 0.3 * k, -r * 0.75 * k).stroke({ width: 2.5, color: C.skin });
  }
}

function snatcher(g: Graphics, r: number, color: number): void {
  // hunched body, two long arms ending in hooks reaching forward (+y: it faces down by default)
  g.moveTo(-r * 0.4, -r * 0.2).lineTo(-r * 0.95, r * 0.55).lineTo(-r * 0.7, r * 0.95).stroke({ width: 3, color });
  g.moveTo(r * 0.4, -r * 0.2).lineTo(r * 0.95, r * 0.55).lineTo(r * 0.7, r * 0.95).stroke({ width: 3, color });
  g.ellipse(0, -r * 0.1, r * 0.5, r * 0.7).fill(color).stroke({ width: 2, color: 0x000000 });
  g.circle(0, r * 0.35, r * 0.28).fill(0x2a0d0e).stroke({ width: 1, color: 0x000000 });
  g.circle(-r * 0.1, r * 0.3, r * 0.06).fill(0xffe14d);
  g.circle(r * 0.1, r * 0.3, r * 0.06).fill(0xffe14d);
}

function leaper(g: Graphics, r: number, color: number): void {
  // crouched, wide hind legs folded back, narrow head forward: an arrowhead with knees
  g.moveTo(-r * 0.35, -r * 0.2).lineTo(-r, -r * 0.75).lineTo(-r * 0.6, -r * 0.1).stroke({ width: 3, color });
  g.moveTo(r * 0.35, -r * 0.2).lineTo(r, -r * 0.75).lineTo(r * 0.6, -r * 0.1).stroke({ width: 3, color });
  g.poly([0, r, -r * 0.5, -r * 0.35, 0, -r * 0.6, r * 0.5, -r * 0.35]).fill(color).stroke({ width: 2, color: 0x000000 });
  g.moveTo(0, -r * 0.4).lineTo(0, r * 0.6).stroke({ width: 1, color: 0x000000, alpha: 0.6 });
}

function spitter(g: Graphics, r: number, color: number): void {
  // a swollen, glowing sac with stubby legs and a round gaping mouth
  for (const a of [0.6, 1.3, 1.85, 2.55]) {
    g.moveTo(Math.cos(a) * r * 0.5, -Math.sin(a) * r * 0.2).lineTo(Math.cos(a) * r * 0.95, -Math.sin(a) * r * 0.2 + r * 0.2).stroke({ width: 2.5, color });
    g.moveTo(-Math.cos(a) * r * 0.5, Math.sin(a) * r * 0.2).lineTo(-Math.cos(a) * r * 0.95, Math.sin(a) * r * 0.2 - r * 0.2).stroke({ width: 2.5, color });
  }
  g.circle(0, -r * 0.15, r * 0.72).fill(color).stroke({ width: 2, color: 0x000000 });
  g.circle(-r * 0.2, -r * 0.35, r * 0.22).fill({ color: C.acid, alpha: 0.8 });
  g.circle(0, r * 0.45, r * 0.24).fill(0x1a2a05).stroke({ width: 2, color: C.acid });
}

export function drawSprite(s: UnitSprite, ts: number, viewerSeat: string): void {
  const u = s.unit;
  const r = ts * 0.36;
  const g = s.body.clear();
  if (u.side === "squad") {
    soldier(g, u, r, !!u.seat && u.seat === viewerSeat);
    // the silhouette's rifle points along +x
    g.rotation = s.facing;
  } else if (u.side === "civilian") {
    civilian(g, u, r, !!s.frozen);
    g.rotation = 0;
  } else {
    const color = CREATURE_COLOR[u.kind] ?? 0xff0000;
    if (u.kind === "snatcher") snatcher(g, r, color);
    else if (u.kind === "leaper") leaper(g, r, color);
    else spitter(g, r, color);
    // creatures face down by default (+y): turn so +y points along the facing
    g.rotation = s.facing - Math.PI / 2;
  }
  // down: the silhouette faded, lying across the tile, a red cross on him (the tag says when he dies)
  g.alpha = u.down > 0 ? 0.55 : 1;
  if (u.down > 0) g.rotation = Math.PI / 2 + 0.5;
  // frozen with fear: a white ring, broken (he will not move while it stands beside him)
  if (u.side === "civilian" && s.frozen) g.arc(0, 0, r * 1.1, 0.3, Math.PI - 0.3).stroke({ width: 2, color: 0xffffff, alpha: 0.9 });
  if (u.overwatch) g.circle(0, 0, r * 1.12).stroke({ width: 1.5, color: 0x3fd4ff, alpha: 0.9 });
  const b = s.bar.clear();
  // hp as pips under the unit (no text to collide with tags); AP pips on the right for soldiers
  const n = Math.max(1, u.maxHp);
  const pw = Math.min(5, (ts * 0.84) / n - 1);
  const y = ts * 0.34;
  const x0 = -(n * (pw + 1)) / 2;
  b.rect(x0 - 1, y - 1, n * (pw + 1) + 1, 5).fill(0x000000);
  const frac = u.hp / n;
  const hpColor = frac > 0.5 ? 0x4cd964 : frac > 0.25 ? 0xffcc00 : 0xff3b30;
  for (let i = 0; i < n; i++) b.rect(x0 + i * (pw + 1), y, pw, 3).fill(i < u.hp ? hpColor : 0x444444);
  if (u.down > 0) {
    b.rect(-ts * 0.06, -ts * 0.2, ts * 0.12, ts * 0.4).fill(0xff3b30).stroke({ width: 1, color: 0xffffff });
    b.rect(-ts * 0.2, -ts * 0.06, ts * 0.4, ts * 0.12).fill(0xff3b30).stroke({ width: 1, color: 0xffffff });
    b.rect(-ts * 0.05, -ts * 0.19, ts * 0.1, ts * 0.38).fill(0xff3b30);
  }
  if (u.side === "squad") for (let i = 0; i < u.ap; i++) b.circle(ts * 0.4, -ts * 0.22 + i * ts * 0.16, ts * 0.055).fill(0xffffff).stroke({ width: 1, color: 0x000000 });
}
