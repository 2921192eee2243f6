/**
 * What changes with the pointer and the selection, drawn over the static board every time the
 * controller's preview changes (once per animation frame at most): the enemy's intents (the
 * focused ones lit, the rest dimmed), the route with its cost, targets, the blast, the selection
 * (green brackets) and the cursor (a thin dashed box), the partner's marks and pings. Returns the
 * tags it wants written; the board lays them out (labels.ts) so that none overlaps another.
 */
import type { Graphics } from "pixi.js";
import { attackTag, tagName } from "../intentWords";
import type { MapDef, Pos, WireState } from "../engine";
import { frozenAmong } from "../engine";
import type { Reach } from "../previews";
import type { LabelItem } from "./labels";
import { C, dashLine } from "./theme";
import { seatColour } from "../seatColours";
import { unitName } from "../words";
import { drawPartnerPlan, type PlanMark } from "../partner/planDraw";
import type { DrawCtx } from "./drawCtx";

/** A short name for a tag: "Private Wang-1" → "WANG-1", "Sergeant Takumi" → "TAKUMI". */
// soldiers by their last word (TAKUMI-2); a civilian keeps his whole name (CHILD 1)
export { tagName };

export interface PingMark {
  x: number;
  y: number;
  level: number;
  kind: "danger" | "move" | "target";
  seat: string;
  at: number;
}

/** A quick phrase said by a player, shown over his soldier for a while. */
export interface PhraseMark {
  unit: string;
  text: string;
  seat: string;
  at: number;
}

/** The path the partner's selected soldier would take to the tile under the partner's cursor. */
export interface PartnerRoute {
  unit: string;
  seat: string;
  path: Pos[];
}

export interface RouteMark {
  path: Pos[];
  waypoints: Pos[];
  ok: boolean;
  hazards: { pos: Pos; damage: number; corrosion: number; fire?: boolean }[];
  /** The cost written at the route's end, e.g. "1 AP · −2 HP · ARMOR −1". */
  tag: string;
  /** Something hurts on this route (tag in red). */
  danger: boolean;
}

export interface Overlay {
  selected: string | null;
  reach: Reach;
  route: RouteMark | null;
  targets: { unit: string; chance: number; label?: string }[];
  target: string | null;
  blast: Pos[];
  throwable: Pos[];
  cursor: Pos | null;
  partnerSelected: string | null;
  partnerPointer: Pos | null;
  pings: PingMark[];
  phrases: PhraseMark[];
  partnerRoute: PartnerRoute | null;
  /** The partner's seat: his marks (selection, cursor, path) in its colour. */
  partnerSeat: string | null;
  exposed: string[];
  /** Intents lit by the focus (the others dimmed); empty: all shown alike. */
  focus: string[];
  /** The bot partner's plan for the round (partner/planDraw.ts). */
  partnerPlan: PlanMark | null;
  /** Drags halted this round by a comrade holding on: grabber → holder. */
  halted: Record<string, string>;
}

export const emptyOverlay = (): Overlay => ({
  selected: null,
  reach: { tiles: [], edges: [] },
  route: null,
  targets: [],
  target: null,
  blast: [],
  throwable: [],
  cursor: null,
  partnerSelected: null,
  partnerPointer: null,
  pings: [],
  phrases: [],
  partnerRoute: null,
  partnerSeat: null,
  exposed: [],
  focus: [],
  partnerPlan: null,
  halted: {},
});

export type { DrawCtx };

function tilePos(m: MapDef, i: number): Pos {
  const plane = m.width * m.height;
  return { level: Math.floor(i / plane), y: Math.floor((i % plane) / m.width), x: i % m.width };
}

const centre = (p: { x: number; y: number }, ts: number) => ({ x: (p.x + 0.5) * ts, y: (p.y + 0.5) * ts });

/** The enemy's announced moves and attacks. */
export function drawIntents(g: Graphics, d: DrawCtx, focus: string[], labels: LabelItem[], halted: Record<string, string> = {}): void {
  const { map: m, wire: w, ts, level } = d;
  const fs = new Set(focus);
  const ordered = [...(w.intents ?? [])].sort((a, b) => Number(fs.has(a.unit)) - Number(fs.has(b.unit)));
  for (const it of ordered) {
    // a creature gone out of sight keeps its announced intent, drawn from where it was last seen
    const u = w.units[it.unit] ?? (it.lastKnown && it.lastSeen >= 0 ? tilePos(m, it.lastSeen) : undefined);
    if (!u || u.level !== level) continue;
    // a creature killed since it announced does nothing more: its intent is not drawn
    if ("fate" in u && u.fate !== "active") continue;
    const lit = fs.size === 0 || fs.has(it.unit);
    const alpha = lit ? 1 : 0.18;
    const from = centre(u, ts);
    if (it.lastKnown) {
      g.circle(from.x, from.y, ts * 0.4).stroke({ width: 2, color: C.intent, alpha: 0.6 * alpha });
      labels.push({ id: `lost:${it.unit}`, text: "LAST SEEN", color: C.intent, ax: from.x, ay: from.y + ts * 0.3, priority: 40, dim: !lit });
    }
    const mv = tilePos(m, it.moveTo);
    const to = centre(mv, ts);
    if (mv.x !== u.x || mv.y !== u.y) {
      g.moveTo(from.x, from.y).lineTo(to.x, to.y).stroke({ width: fs.has(it.unit) ? 4 : 2.5, color: C.intent, alpha: 0.85 * alpha });
      const ang = Math.atan2(to.y - from.y, to.x - from.x);
      const hl = ts * 0.28;
      g.poly([to.x, to.y, to.x - hl * Math.cos(ang - 0.45), to.y - hl * Math.sin(ang - 0.45), to.x - hl * Math.cos(ang + 0.45), to.y - hl * Math.sin(ang + 0.45)]).fill({ color: C.intent, alpha: 0.9 * alpha });
    }
    if (it.dragPath?.length) {
      let px = from.x;
      let py = from.y;
      for (const ti of it.dragPath) {
        const p = centre(tilePos(m, ti), ts);
        dashLine(g, px, py, p.x, p.y, 6, 4);
        px = p.x;
        py = p.y;
      }
      g.stroke({ width: 3, color: C.drag, alpha });
      // a comrade holding on halts the drag this round: the countdown does not run
      const text = halted[it.unit] ? "DRAG HALTED · HELD" : `DRAG · GONE IN ${it.countdown}`;
      labels.push({ id: `drag:${it.unit}`, text, color: C.drag, ax: px, ay: py - ts * 0.5, priority: 60, dim: !lit });
    }
    if (it.kind === "grab" && it.victim && mv.level === level) {
      // the lunge's reach: the square around where it lands, outlined as the warning it is, and its named victim
      const r = ts * 1.5;
      for (const [x1, y1, x2, y2] of [[to.x - r, to.y - r, to.x + r, to.y - r], [to.x + r, to.y - r, to.x + r, to.y + r], [to.x + r, to.y + r, to.x - r, to.y + r], [to.x - r, to.y + r, to.x - r, to.y - r]] as const)
        dashLine(g, x1, y1, x2, y2, 7, 4);
      g.stroke({ width: fs.has(it.unit) ? 3 : 2, color: C.target, alpha: 0.95 * alpha });
      const v = w.units[it.victim];
      const at = v && v.level === level ? d.at(v.id) : null;
      if (at) g.circle(at.x, at.y, ts * 0.5).stroke({ width: 3, color: C.target, alpha }).circle(at.x, at.y, ts * 0.58).stroke({ width: 1, color: 0xffffff, alpha: 0.7 * alpha });
      // no REACH tag: the dashed square is the reach (the legend says so), the LUNGE tag names the victim
    }
    const area = it.area?.length ? it.area : it.target >= 0 ? [it.target] : [];
    for (const ai of area) {
      const p = tilePos(m, ai);
      if (p.level !== level) continue;
      const x = p.x * ts;
      const y = p.y * ts;
      g.rect(x + 2, y + 2, ts - 4, ts - 4).fill({ color: C.target, alpha: 0.18 * alpha }).stroke({ width: 2, color: C.target, alpha });
    }
    if (it.target >= 0) {
      const p = tilePos(m, it.target);
      if (p.level === level) {
        const c = centre(p, ts);
        g.moveTo(to.x, to.y).lineTo(c.x, c.y).stroke({ width: 2, color: C.target, alpha: 0.6 * alpha });
        // one tag per attacked tile: several attacks on it fold into one (labels.ts)
        labels.push({ id: `atk:${it.unit}`, group: `tile:${it.target}`, text: attackTag(w, it), color: it.damage > 0 ? 0xff8080 : 0xffd0d0, ax: c.x, ay: p.y * ts + ts * 0.1, priority: fs.has(it.unit) ? 90 : 50, dim: !lit });
      }
    }
    // the order badge, pinned on the creature's top-left corner: always within its tile
    labels.push({ id: `order:${it.unit}`, text: String(it.order), color: 0xffc27a, ax: from.x - ts / 2 + 1, ay: from.y - ts / 2 + 1, priority: 100, dim: !lit, pin: true });
  }
}

/** Selection, route, targets, blast, cursor, partner, pings, exposure. */
export function drawOverlay(g: Graphics, d: DrawCtx, o: Overlay, labels: LabelItem[], now: number): void {
  const { ts, level, wire } = d;
  const lv = (p: { level?: number }) => (p.level ?? 0) === level;
  if (o.selected) {
    const u = wire.units[o.selected];
    const at = d.at(o.selected);
    if (u && u.level === level && at) {
      // green corner brackets: the selection (the cursor is a thin white dashed box)
      const x = at.x - ts / 2;
      const y = at.y - ts / 2;
      const k = ts * 0.28;
      for (const [sx, sy, dx, dy] of [[x, y, 1, 1], [x + ts, y, -1, 1], [x, y + ts, 1, -1], [x + ts, y + ts, -1, -1]] as const)
        g.moveTo(sx + dx * k, sy).lineTo(sx, sy).lineTo(sx, sy + dy * k);
      g.stroke({ width: 3, color: C.select });
    }
  }
  const r = o.route;
  if (r && r.path.length) {
    const start = o.selected ? wire.units[o.selected] : undefined;
    const pts = [...(start ? [{ x: start.x, y: start.y, level: start.level }] : []), ...r.path].filter(lv);
    for (let i = 1; i < pts.length; i++) {
      const a = centre(pts[i - 1], ts);
      const b = centre(pts[i], ts);
      g.moveTo(a.x, a.y).lineTo(b.x, b.y);
    }
    g.stroke({ width: 3, color: r.ok ? C.path : C.target, alpha: 0.9 });
    for (const h of r.hazards) {
      if (!lv(h.pos)) continue;
      const c = centre(h.pos, ts);
      const color = h.fire ? C.fire : C.hazard;
      g.circle(c.x, c.y, ts * 0.22).fill({ color, alpha: 0.5 }).stroke({ width: 2, color: 0xffffff });
      labels.push({ id: `hz${h.fire ? "f" : ""}:${h.pos.x},${h.pos.y}`, group: `hz:${h.pos.x},${h.pos.y}`, text: `${h.fire ? "FIRE " : ""}−${h.damage}${h.corrosion ? ` ARMOR −${h.corrosion}` : ""}`, color, ax: c.x, ay: c.y - ts * 0.3, priority: 85 });
    }
    r.waypoints.forEach((wp, i) => {
      if (!lv(wp)) return;
      const c = centre(wp, ts);
      g.poly([c.x, c.y - ts * 0.22, c.x + ts * 0.22, c.y, c.x, c.y + ts * 0.22, c.x - ts * 0.22, c.y]).fill(0xffffff).stroke({ width: 2, color: 0x000000 });
      labels.push({ id: `wp:${i}`, text: `WAYPOINT ${i + 1}`, color: 0xffffff, ax: c.x, ay: c.y - ts * 0.3, priority: 40 });
    });
    const end = pts[pts.length - 1];
    if (end) {
      const c = centre(end, ts);
      g.circle(c.x, c.y, ts * 0.16).fill(r.ok ? C.path : C.target);
      if (r.tag) labels.push({ id: "route", text: r.tag, color: r.danger ? 0xff8080 : 0xffffff, ax: c.x, ay: c.y - ts * 0.3, priority: 95 });
    }
  }
  for (const p of o.blast) {
    if (!lv(p)) continue;
    g.rect(p.x * ts + 1, p.y * ts + 1, ts - 2, ts - 2).fill({ color: C.blast, alpha: 0.3 }).stroke({ width: 2, color: C.blast });
  }
  for (const t of o.targets) {
    const u = wire.units[t.unit];
    const at = d.at(t.unit);
    if (!u || u.level !== level || !at) continue;
    const focused = o.target === t.unit;
    g.circle(at.x, at.y, ts * 0.46).stroke({ width: focused ? 4 : 2, color: C.target });
    labels.push({ id: `hit:${t.unit}`, text: t.label ?? `${t.chance}%`, color: focused ? 0xffffff : 0xffb0b0, ax: at.x, ay: at.y - ts * 0.35, priority: focused ? 97 : 70 });
  }
  for (const id of o.exposed) {
    const u = wire.units[id];
    const at = d.at(id);
    if (!u || u.level !== level || !at) continue;
    g.poly([at.x + ts * 0.3, at.y - ts * 0.55, at.x + ts * 0.52, at.y - ts * 0.15, at.x + ts * 0.08, at.y - ts * 0.15]).fill(0xff3b3b).stroke({ width: 1, color: 0x000000 });
    labels.push({ id: `exp:${id}`, text: "EXPOSED", color: 0xff6b6b, ax: at.x, ay: at.y + ts * 0.15, priority: 65 });
  }
  for (const u of Object.values(wire.units)) {
    if (u.fate !== "active" || u.level !== level) continue;
    const st: string[] = [];
    if (u.down > 0) st.push(`DOWN · DIES IN ${u.down}`);
    if (u.grabbedBy) st.push(u.heldBy ? `GRABBED · HELD BY ${tagName(wire, u.heldBy)}` : "GRABBED");
    if (u.carrying) st.push(`CARRIES ${tagName(wire, u.carrying)}`);
    if (u.side === "squad" && !u.hasWeapon) st.push("NO RIFLE");
    // a civilian with a creature (in sight) beside him does not run: the engine's frozenAmong
    if (u.side === "civilian" && frozenAmong(Object.values(wire.units), u)) st.push("FROZEN");
    // held at the bus's door until a soldier reaches it (the engine's trapped flag)
    if (u.trapped) st.push("TRAPPED");
    if (u.freed) st.push("FREED");
    const at = d.at(u.id);
    if (u.heldBy && at) {
      // the hold: a rope from the comrade holding on to the grabbed man
      const h = d.at(u.heldBy);
      if (h) g.moveTo(h.x, h.y).lineTo(at.x, at.y).stroke({ width: 5, color: 0x000000, alpha: 0.7 }).moveTo(h.x, h.y).lineTo(at.x, at.y).stroke({ width: 3, color: C.hold });
    }
    if (st.length && at) labels.push({ id: `st:${u.id}`, text: st.join(" + "), color: u.down > 0 ? 0xff6b6b : 0xffe14d, ax: at.x, ay: at.y - ts * 0.35, priority: u.down > 0 ? 92 : 75 });
  }
  // burning tiles: the rounds each still burns
  const plane = d.map.width * d.map.height;
  const fire = wire.fire ?? [];
  for (let k = 0; k + 1 < fire.length; k += 2) {
    const i = fire[k];
    if (i < level * plane || i >= (level + 1) * plane) continue;
    const p = tilePos(d.map, i);
    labels.push({ id: `fire:${i}`, text: `FIRE ${fire[k + 1]}`, color: C.fire, ax: (p.x + 0.5) * ts, ay: p.y * ts + ts * 0.1, priority: 72 });
  }
  const partnerColour = seatColour(o.partnerSeat);
  if (o.partnerSelected) {
    const u = wire.units[o.partnerSelected];
    if (u && u.level === level) {
      const x = u.x * ts;
      const y = u.y * ts;
      for (const [x1, y1, x2, y2] of [[x, y, x + ts, y], [x + ts, y, x + ts, y + ts], [x + ts, y + ts, x, y + ts], [x, y + ts, x, y]] as const) dashLine(g, x1, y1, x2, y2, 5, 4);
      g.stroke({ width: 2, color: partnerColour });
    }
  }
  if (o.partnerPlan) drawPartnerPlan(g, d, o.partnerPlan, labels);
  const pr = o.partnerRoute;
  const pu = pr ? wire.units[pr.unit] : undefined;
  if (pr && pu && pr.path.length) {
    // faint, thin and in the partner's colour: his plan, not ours
    const pts = [{ x: pu.x, y: pu.y, level: pu.level }, ...pr.path].filter(lv);
    for (let i = 1; i < pts.length; i++) {
      const a = centre(pts[i - 1], ts);
      const b = centre(pts[i], ts);
      g.moveTo(a.x, a.y).lineTo(b.x, b.y);
    }
    const color = pr.seat === "takumi" || pr.seat === "wang" ? seatColour(pr.seat) : partnerColour;
    g.stroke({ width: 2, color, alpha: 0.5 });
    const end = pts[pts.length - 1];
    if (end) {
      const c = centre(end, ts);
      g.circle(c.x, c.y, ts * 0.12).fill({ color, alpha: 0.5 });
    }
  }
  if (o.partnerPointer && lv(o.partnerPointer)) {
    const c = centre(o.partnerPointer, ts);
    g.poly([c.x, c.y, c.x + ts * 0.35, c.y + ts * 0.12, c.x + ts * 0.12, c.y + ts * 0.35]).fill(partnerColour).stroke({ width: 1, color: 0x000000 });
  }
  if (o.cursor && lv(o.cursor)) {
    const x = o.cursor.x * ts;
    const y = o.cursor.y * ts;
    for (const [x1, y1, x2, y2] of [[x, y, x + ts, y], [x + ts, y, x + ts, y + ts], [x + ts, y + ts, x, y + ts], [x, y + ts, x, y]] as const) dashLine(g, x1, y1, x2, y2, 3, 3);
    g.stroke({ width: 1.5, color: C.cursor, alpha: 0.9 });
  }
  for (const s of o.phrases) {
    const u = wire.units[s.unit];
    const at = d.at(s.unit);
    if (!u || u.level !== level || !at) continue;
    labels.push({ id: `say:${s.unit}`, text: s.text.toUpperCase(), color: seatColour(s.seat), ax: at.x, ay: at.y - ts * 0.55, priority: 98 });
  }
  for (const p of o.pings) {
    if (!lv(p)) continue;
    const c = centre(p, ts);
    const color = C.ping[p.kind] ?? 0xffffff;
    const phase = ((now - p.at) % 1000) / 1000;
    g.circle(c.x, c.y, ts * (0.3 + 0.4 * phase)).stroke({ width: 3, color, alpha: 1 - phase });
    if (p.kind === "danger") g.poly([c.x, c.y - ts * 0.3, c.x + ts * 0.28, c.y + ts * 0.2, c.x - ts * 0.28, c.y + ts * 0.2]).stroke({ width: 3, color });
    else if (p.kind === "move") g.poly([c.x - ts * 0.2, c.y - ts * 0.25, c.x + ts * 0.2, c.y - ts * 0.25, c.x, c.y + ts * 0.25]).stroke({ width: 3, color });
    else g.circle(c.x, c.y, ts * 0.18).stroke({ width: 3, color });
    labels.push({ id: `ping:${p.seat}:${p.at}`, text: p.kind === "danger" ? "DANGER" : p.kind === "move" ? "MOVE HERE" : "TARGET", color, ax: c.x, ay: c.y - ts * 0.45, priority: 80 });
  }
}
