/**
 * Event animation: every event the engine emits gets a motion or a mark at a pace a person
 * follows (moves along their path, shots, acid splashes, the drag tile by tile, the ring closing,
 * a rifle lost, armor corroding, a fall, a melting floor, a rescue, an extraction). The board
 * supplies the tween clock and the sprites; floating texts share the one bitmap font.
 */
import { Container, Graphics } from "pixi.js";
import { newUnit, unitToWire, type BattleEvent, type MapDef, type Pos, type WireUnit } from "../engine";
import { btext, C, easeInOut } from "./theme";
import { drawSprite, makeSprite, type UnitSprite } from "./units";

export interface AnimHost {
  readonly ts: number;
  readonly level: number;
  readonly map: MapDef | null;
  readonly fxLayer: Container;
  readonly unitLayer: Container;
  readonly sprites: Map<string, UnitSprite>;
  readonly viewerSeat: string;
  tween(ms: number, step: (k: number) => void): Promise<void>;
  /** A sound cue for the event (the board's owner decides whether sound is on). */
  cue?(name: string): void;
}

const centre = (h: AnimHost, p: { x: number; y: number }) => ({ x: (p.x + 0.5) * h.ts, y: (p.y + 0.5) * h.ts });

export function floatText(h: AnimHost, text: string, x: number, y: number, color: number, ms = 700): Promise<void> {
  const t = btext(text, Math.max(11, h.ts * 0.4), color);
  t.anchor.set(0.5);
  t.position.set(x, y);
  h.fxLayer.addChild(t);
  return h.tween(ms, (k) => {
    t.y = y - k * h.ts * 0.6;
    t.alpha = 1 - k * k;
  }).then(() => t.destroy());
}

/**
 * A word floating up that the next event need not wait out: it floats its whole time, and the
 * animation goes on after `waitMs` (a hit's chance, a wound read while the next thing happens).
 */
async function floatOn(h: AnimHost, text: string, x: number, y: number, color: number, ms: number, waitMs = 250): Promise<void> {
  void floatText(h, text, x, y, color, ms);
  await h.tween(Math.min(ms, waitMs), () => {});
}

function face(s: UnitSprite, from: { x: number; y: number }, to: { x: number; y: number }, h: AnimHost): void {
  if (from.x === to.x && from.y === to.y) return;
  s.facing = Math.atan2(to.y - from.y, to.x - from.x);
  drawSprite(s, h.ts, h.viewerSeat);
}

/**
 * A walk tile by tile (eased on each tile), as one tween over the whole path: its length is the
 * path's at any frame rate (a tween a tile would each end on a frame, and a slow frame rate would
 * stretch a long walk by a frame a tile).
 */
/** A walk's pace: ms a tile. */
const SOLDIER_TILE_MS = 125;
const CREATURE_TILE_MS = 100;
/** A long walk goes quicker a tile: it lasts at most this long (ms at ×1), every tile still walked. */
const WALK_MAX_MS = 650;
/** The drag: the creature and its victim a tile at a time, slower than a walk (it is a struggle). */
const DRAG_TILE_MS = 200;

async function moveAlong(h: AnimHost, s: UnitSprite, path: Pos[], perTile = SOLDIER_TILE_MS): Promise<void> {
  const pts = path.filter((p) => (p.level ?? 0) === h.level);
  if (!pts.length) return;
  s.root.visible = true;
  const at = [{ x: s.root.x, y: s.root.y }, ...pts.map((p) => centre(h, p))];
  let leg = -1;
  await h.tween(Math.min(perTile * pts.length, Math.max(perTile, WALK_MAX_MS)), (k) => {
    const f = k * pts.length;
    const i = Math.min(pts.length - 1, Math.floor(f));
    if (i !== leg) {
      leg = i;
      face(s, at[i], at[i + 1], h);
    }
    const e = easeInOut(f - i);
    const a = at[i], b = at[i + 1];
    s.root.position.set(a.x + (b.x - a.x) * e, a.y + (b.y - a.y) * e);
  });
}

async function splash(h: AnimHost, at: { x: number; y: number }, color: number, ms = 260): Promise<void> {
  const fx = new Graphics();
  h.fxLayer.addChild(fx);
  const ts = h.ts;
  await h.tween(ms, (k) => {
    fx.clear();
    for (let i = 0; i < 6; i++) {
      const a = (i / 6) * Math.PI * 2 + 0.3;
      fx.circle(at.x + Math.cos(a) * ts * 0.5 * k, at.y + Math.sin(a) * ts * 0.5 * k, ts * 0.06 * (1 - k) + 1).fill({ color, alpha: 1 - k });
    }
    fx.circle(at.x, at.y, ts * 0.45 * k).stroke({ width: 2, color, alpha: 0.8 * (1 - k) });
  });
  fx.destroy();
}

/** What the board shows of one event kind (a sound cue, a motion, a floating word). */
type Effect<K extends BattleEvent["type"]> = (h: AnimHost, e: Extract<BattleEvent, { type: K }>) => Promise<void>;
/** Every event kind has its effect, if only none: a new kind fails the type-check until it is drawn here. */
type Effects = { [K in BattleEvent["type"]]: Effect<K> };

/** A word floating up from a unit (nothing if he is not on the board). */
async function over(h: AnimHost, id: string, text: string, color: number, ms: number): Promise<void> {
  const s = h.sprites.get(id);
  // the word floats its whole time; what comes next starts once it is read
  if (s) await floatOn(h, text, s.root.x, s.root.y - h.ts * 0.3, color, ms, 250);
}

const none = async (): Promise<void> => {};

async function leaves(h: AnimHost, id: string): Promise<void> {
  const s = h.sprites.get(id);
  if (!s) return;
  await Promise.all([h.tween(500, (k) => (s.root.alpha = 1 - k)), floatText(h, "OUT", s.root.x, s.root.y - h.ts * 0.3, 0x8cf0a8, 600)]);
  s.root.visible = false;
}

const EFFECTS: Effects = {
  moved: async (h, e) => {
    const s = h.sprites.get(e.unit);
    // a creature scuttles a little faster than a soldier walks (the enemy phase is watched, not played)
    if (s) await moveAlong(h, s, e.path, s.unit.side === "creature" ? CREATURE_TILE_MS : SOLDIER_TILE_MS);
  },
  dragged: async (h, e) => {
    const ts = h.ts;
    // the victim pulled tile by tile behind the creature
    const s = h.sprites.get(e.unit);
    const v = h.sprites.get(e.victim);
    h.cue?.("grab");
    if (!s) return;
    for (let i = 0; i < e.path.length; i++) {
      const back = i === 0 ? null : e.path[i - 1];
      await Promise.all([moveAlong(h, s, [e.path[i]], DRAG_TILE_MS), v && back ? moveAlong(h, v, [back], DRAG_TILE_MS) : v && i === 0 ? moveAlong(h, v, [{ x: Math.round(s.root.x / ts - 0.5), y: Math.round(s.root.y / ts - 0.5), level: h.level }], DRAG_TILE_MS) : Promise.resolve()]);
    }
  },
  pounced: async (h, e) => {
    const ts = h.ts;
    const s = h.sprites.get(e.unit);
    if (!s) return;
    const a = { x: s.root.x, y: s.root.y };
    const b = centre(h, e.to);
    face(s, a, b, h);
    await h.tween(300, (k) => s.root.position.set(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k - Math.sin(Math.PI * k) * ts));
    if (e.hit.length) {
      h.cue?.("hit");
      // the sweep's word floats on over the wounds that follow
      void floatText(h, "SWEEP", b.x, b.y - ts * 0.4, 0xff6b6b, 450);
      await splash(h, b, 0xff6b6b, 240);
    }
  },
  shot: async (h, e) => {
    const ts = h.ts;
    const a = h.sprites.get(e.unit);
    const b = h.sprites.get(e.target);
    h.cue?.("shot");
    if (!a || !b) return;
    face(a, a.root, b.root, h);
    const fx = new Graphics();
    h.fxLayer.addChild(fx);
    const ax = a.root.x;
    const ay = a.root.y;
    const bx = b.root.x + (e.hit ? 0 : ts * 0.4);
    const by = b.root.y + (e.hit ? 0 : -ts * 0.3);
    await h.tween(170, (k) => {
      const k0 = Math.max(0, k - 0.35);
      fx.clear().moveTo(ax + (bx - ax) * k0, ay + (by - ay) * k0).lineTo(ax + (bx - ax) * k, ay + (by - ay) * k).stroke({ width: 3, color: e.overwatch ? 0x3fd4ff : 0xfff1a8 });
      fx.circle(ax, ay, ts * 0.15 * (1 - k)).fill({ color: 0xffe0a0, alpha: 1 - k });
    });
    fx.destroy();
    if (e.hit) h.cue?.("hit");
    await floatOn(h, e.hit ? `HIT ${e.chance}%` : `MISS ${e.chance}%`, b.root.x, b.root.y - ts * 0.3, e.hit ? 0xff6b6b : 0xdddddd, 550, 220);
  },
  spat: async (h, e) => {
    const ts = h.ts;
    const a = h.sprites.get(e.unit);
    h.cue?.("acid");
    if (!a) return;
    const b = centre(h, e.at);
    face(a, a.root, b, h);
    const blob = new Graphics().circle(0, 0, ts * 0.15).fill(C.acid);
    h.fxLayer.addChild(blob);
    await h.tween(250, (k) => blob.position.set(a.root.x + (b.x - a.root.x) * k, a.root.y + (b.y - a.root.y) * k - Math.sin(Math.PI * k) * ts * 0.6));
    blob.destroy();
    // the word floats on over the acid and the wounds that follow
    void floatText(h, "SPIT", b.x, b.y, C.acid, 400);
    await splash(h, b, C.acid, 220);
  },
  grenade: async (h, e) => {
    const ts = h.ts;
    const fx = new Graphics();
    h.fxLayer.addChild(fx);
    h.cue?.("boom");
    await h.tween(380, (k) => {
      fx.clear();
      for (const p of e.tiles) if ((p.level ?? 0) === h.level) fx.rect(p.x * ts, p.y * ts, ts, ts).fill({ color: C.blast, alpha: 0.7 * (1 - k) });
      const c = centre(h, e.at);
      fx.circle(c.x, c.y, ts * (0.3 + k * 1.2)).stroke({ width: 4, color: 0xffe0a0, alpha: 1 - k });
    });
    fx.destroy();
  },
  butt: (h, e) => {
    h.cue?.("hit");
    return over(h, e.target, `BUTT −${e.damage}`, 0xffb0b0, 400);
  },
  damaged: async (h, e) => {
    const ts = h.ts;
    const s = h.sprites.get(e.unit);
    if (!s) return;
    const x0 = s.root.x;
    const acid = e.cause === "acid" || e.cause === "splash" || e.cause === "spit" || e.cause === "vapour";
    s.unit = { ...s.unit, hp: e.hp };
    drawSprite(s, ts, h.viewerSeat);
    await Promise.all([
      h.tween(180, (k) => (s.root.x = x0 + Math.sin(k * Math.PI * 4) * ts * 0.08)),
      floatOn(h, `−${e.amount}${acid ? " ACID" : ""}`, x0, s.root.y - ts * 0.5, acid ? C.acid : 0xff4d4d, 450, 200),
    ]);
    s.root.x = x0;
  },
  died: async (h, e) => {
    const s = h.sprites.get(e.unit);
    if (!s) return;
    await h.tween(250, (k) => {
      s.root.alpha = 1 - k;
      s.root.scale.set(1 + k * 0.3);
    });
    s.root.visible = false;
    s.root.scale.set(1);
  },
  taken: async (h, e) => {
    const ts = h.ts;
    const s = h.sprites.get(e.unit);
    if (!s) return;
    void floatText(h, "TAKEN", s.root.x, s.root.y - ts * 0.3, C.drag, 800);
    await h.tween(450, (k) => (s.root.alpha = 1 - k));
    s.root.visible = false;
  },
  acid: async (h, e) => {
    const ts = h.ts;
    if ((e.at.level ?? 0) !== h.level) return;
    const c = centre(h, e.at);
    const fx = new Graphics();
    h.fxLayer.addChild(fx);
    await h.tween(140, (k) => fx.clear().circle(c.x, c.y, ts * 0.45 * k).fill({ color: C.acid, alpha: 0.6 * (1 - k) + 0.2 }));
    fx.destroy();
  },
  corroded: async (h, e) => {
    const ts = h.ts;
    const s = h.sprites.get(e.unit);
    if (s) await Promise.all([splash(h, s.root, C.acid, 220), floatText(h, `ARMOR ${e.armor}`, s.root.x, s.root.y - ts * 0.6, C.acid, 450)]);
  },
  weaponLost: async (h, e) => {
    const ts = h.ts;
    const s = h.sprites.get(e.unit);
    if (!s) return;
    const rifle = new Graphics().rect(-ts * 0.3, -ts * 0.05, ts * 0.6, ts * 0.1).fill(0x222222).stroke({ width: 1, color: 0xdddddd });
    rifle.position.set(s.root.x, s.root.y);
    h.fxLayer.addChild(rifle);
    s.unit = { ...s.unit, hasWeapon: false };
    drawSprite(s, ts, h.viewerSeat);
    await Promise.all([
      h.tween(500, (k) => {
        rifle.position.set(s.root.x + k * ts * 0.5, s.root.y + k * ts * 0.3);
        rifle.rotation = k * 2;
        rifle.alpha = 1 - k;
        rifle.tint = k > 0.5 ? C.acid : 0xffffff;
      }),
      floatText(h, "RIFLE LOST", s.root.x, s.root.y - ts * 0.4, 0xffe14d, 600),
    ]);
    rifle.destroy();
  },
  grabbed: (h, e) => {
    h.cue?.("grab");
    return over(h, e.victim, e.hit ? "GRABBED!" : "GRAB MISSED", e.hit ? C.drag : 0xdddddd, 600);
  },
  freed: (h, e) => over(h, e.unit, "FREED", 0x4cd964, 450),
  pulled: async (h, e) => {
    const ts = h.ts;
    // the lunge: the victim yanked onto the tile beside the Snatcher
    const v = h.sprites.get(e.victim);
    h.cue?.("grab");
    if (!v) return;
    await moveAlong(h, v, [e.to], 220);
    await floatText(h, "PULLED!", v.root.x, v.root.y - ts * 0.3, C.drag, 500);
  },
  fire: async (h, e) => {
    if ((e.at.level ?? 0) !== h.level || e.rounds <= 0) return;
    const c = centre(h, e.at);
    await splash(h, c, C.fire, 260);
  },
  spawned: async (h, e) => {
    const ts = h.ts;
    if ((e.at.level ?? 0) !== h.level) return;
    let s = h.sprites.get(e.unit);
    if (!s) {
      const u: WireUnit = unitToWire(newUnit({ id: e.unit, kind: e.kind, side: "creature", x: e.at.x, y: e.at.y, level: e.at.level ?? 0, hp: 1, maxHp: 1 }));
      s = makeSprite(u);
      h.unitLayer.addChild(s.root);
      h.sprites.set(e.unit, s);
      drawSprite(s, ts, h.viewerSeat);
      s.bar.clear();
    }
    const c = centre(h, e.at);
    s.root.position.set(c.x, c.y);
    s.root.visible = true;
    const sprite = s;
    await Promise.all([h.tween(250, (k) => (sprite.root.alpha = k)), splash(h, c, 0xa0a0a0, 250)]);
  },
  overwatch: (h, e) => over(h, e.unit, "OVERWATCH", 0x3fd4ff, 400),
  reloaded: (h, e) => over(h, e.unit, "RELOAD", 0xffffff, 350),
  squeezed: async (h, e) => {
    const ts = h.ts;
    const m = h.map;
    h.cue?.("ring");
    if (!m?.perimeter) return;
    const fx = new Graphics();
    h.fxLayer.addChild(fx);
    const { cx, cy } = m.perimeter;
    const r0 = Math.max(e.radius + 1, e.radius);
    await h.tween(450, (k) => {
      const r = r0 - easeInOut(k) * (r0 - e.radius);
      fx.clear().rect((cx - r) * ts, (cy - r) * ts, (2 * r + 1) * ts, (2 * r + 1) * ts).stroke({ width: 5, color: C.ring, alpha: 1 - k * 0.5 });
    });
    fx.destroy();
    await floatOn(h, `THE LINE CLOSES: ${e.radius}`, (cx + 0.5) * ts, (cy + 0.5) * ts, C.ring, 900, 200);
  },
  melted: async (h, e) => {
    const ts = h.ts;
    if ((e.at.level ?? 0) !== h.level) return;
    const c = centre(h, e.at);
    await Promise.all([splash(h, c, 0x8a3d1a, 400), floatText(h, "FLOOR MELTS", c.x, c.y - ts * 0.3, 0xffa64d, 500)]);
  },
  fell: async (h, e) => {
    const ts = h.ts;
    const s = h.sprites.get(e.unit);
    if (!s) return;
    await h.tween(350, (k) => {
      s.root.scale.set(1 - 0.6 * k);
      s.root.alpha = 1 - 0.5 * k;
    });
    s.root.scale.set(1);
    s.root.alpha = 1;
    s.root.visible = (e.to.level ?? 0) === h.level;
    if (s.root.visible) s.root.position.set(centre(h, e.to).x, centre(h, e.to).y);
    await floatText(h, "FELL", s.root.x, s.root.y - ts * 0.3, 0xffa64d, 450);
  },
  rescued: async (h, e) => {
    const ts = h.ts;
    if ((e.at.level ?? 0) !== h.level) return;
    const c = centre(h, e.at);
    await Promise.all([splash(h, c, 0x8cf0a8, 500), floatText(h, "SURVIVORS RESCUED", c.x, c.y - ts * 0.3, 0x8cf0a8, 800)]);
  },
  phase: async (h, e) => {
    // the player's phase: his move at once (the round's banner says so); the others' banners say
    // theirs, and their first event follows at once
    if (e.phase === "player") h.cue?.("turn");
  },
  heldOn: (h, e) => over(h, e.comrade, "HELD ON", C.hold, 450),
  tugged: (h, e) => over(h, e.victim, "TUG −1", C.hold, 450),
  down: (h, e) => over(h, e.unit, "DOWN", 0xff6b6b, 550),
  revived: (h, e) => over(h, e.unit, "REVIVED", 0x4cd964, 550),
  carried: (h, e) => over(h, e.by, "PICKS UP", 0xffffff, 450),
  dropped: (h, e) => over(h, e.by, "SETS DOWN", 0xffffff, 450),
  extracted: (h, e) => leaves(h, e.unit),
  withdrew: (h, e) => leaves(h, e.unit),
  perimeterBroken: none,
  objective: none,
  ended: none,
  ready: none,
  undone: none,
  ambush: none,
  heard: none,
  objectiveLost: none,
};

/** Plays one event. */
export function play(h: AnimHost, e: BattleEvent): Promise<void> {
  return (EFFECTS[e.type] as Effect<BattleEvent["type"]>)(h, e as never);
}

/** What the squad hears in the fog: noise markers drifting from where they were to where they are now, a hiss where one appears. */
export async function noiseDrift(h: AnimHost, from: number[], to: number[]): Promise<void> {
  const m = h.map;
  if (!m || (!from.length && !to.length)) return;
  const plane = m.width * m.height;
  const pos = (i: number) => ({ x: ((i % m.width) + 0.5) * h.ts, y: ((Math.floor(i / m.width) % m.height) + 0.5) * h.ts, level: Math.floor(i / plane) });
  const pairs = to.map((t) => {
    const b = pos(t);
    const a = from.map(pos).filter((p) => p.level === b.level).sort((p, q) => Math.hypot(p.x - b.x, p.y - b.y) - Math.hypot(q.x - b.x, q.y - b.y))[0];
    return { a: a ?? b, b, fresh: !a };
  });
  const fx = new Graphics();
  h.fxLayer.addChild(fx);
  const label = btext("HISS…", Math.max(10, h.ts * 0.32), 0xffa64d);
  h.fxLayer.addChild(label);
  await h.tween(400, (k) => {
    fx.clear();
    label.visible = false;
    for (const { a, b, fresh } of pairs) {
      if (b.level !== h.level) continue;
      const x = a.x + (b.x - a.x) * k;
      const y = a.y + (b.y - a.y) * k;
      for (let r = 1; r <= 3; r++) fx.circle(x, y, (h.ts * r * (0.8 + 0.4 * ((k * 3 + r) % 1))) / 6).stroke({ width: 1.5, color: 0xffa64d, alpha: (1 - r * 0.25) * (fresh ? k : 1) });
      if (fresh && !label.visible) {
        label.visible = true;
        label.position.set(b.x - label.width / 2, b.y - h.ts * 0.8);
      }
    }
  });
  fx.destroy();
  label.destroy();
}
