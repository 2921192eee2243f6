/**
 * The bot partner's plan on the board, in the partner seat's colour and dashed, so it reads
 * as a friend's intention, never as a creature's: ghost routes ending in a hollow ring, a dashed
 * ring on each creature it will shoot with the chance, a line to each comrade it will help.
 */
import type { Graphics } from "pixi.js";
import type { PlanStep, Pos, WireState } from "../engine";
import type { DrawCtx } from "../board/drawCtx";
import type { LabelItem } from "../board/labels";
import { dashLine } from "../board/theme";
import { seatColour } from "../seatColours";
import { planTag } from "./planWords";

export interface PlanMark {
  seat: string;
  steps: PlanStep[];
}

const centre = (p: { x: number; y: number }, ts: number) => ({ x: (p.x + 0.5) * ts, y: (p.y + 0.5) * ts });

export function drawPartnerPlan(g: Graphics, d: DrawCtx, plan: PlanMark, labels: LabelItem[]): void {
  const { ts, level, wire } = d;
  // the partner seat's colour (his soldiers', his pill's, his cursor's); dashed and hollow, never a creature's solid arrow
  const colour = seatColour(plan.seat);
  // where each soldier stands as the plan goes on (a move puts him at its end)
  const at = new Map<string, Pos>();
  const where = (id: string): Pos | null => at.get(id) ?? unitPos(wire, id);
  plan.steps.forEach((st, k) => {
    const from = where(st.unit);
    if (st.action.type === "move" && st.path?.length && from) {
      const pts = [from, ...st.path].filter((p) => p.level === level);
      for (let i = 1; i < pts.length; i++) {
        const a = centre(pts[i - 1], ts), b = centre(pts[i], ts);
        dashLine(g, a.x, a.y, b.x, b.y, 6, 5);
      }
      g.stroke({ width: 3, color: colour, alpha: 0.85 });
      const end = st.path[st.path.length - 1];
      at.set(st.unit, end);
      if (end.level === level) {
        const c = centre(end, ts);
        g.circle(c.x, c.y, ts * 0.3).stroke({ width: 3, color: colour, alpha: 0.9 });
        labels.push({ id: `plan:${k}`, text: `${planTag(wire, st)} ${k + 1}`, color: colour, ax: c.x, ay: c.y + ts * 0.25, priority: 58 });
      }
      return;
    }
    const other = st.target ?? null;
    const to = other ? unitPos(wire, other) : null;
    if (!from || !to || to.level !== level || from.level !== level) return;
    const a = centre(from, ts), b = centre(to, ts);
    dashLine(g, a.x, a.y, b.x, b.y, 4, 6);
    g.stroke({ width: 2, color: colour, alpha: 0.8 });
    for (let i = 0; i < 8; i++) {
      const t0 = (i / 8) * Math.PI * 2, t1 = t0 + Math.PI / 8, r = ts * 0.52;
      g.moveTo(b.x + r * Math.cos(t0), b.y + r * Math.sin(t0)).arc(b.x, b.y, r, t0, t1);
    }
    g.stroke({ width: 3, color: colour, alpha: 0.95 });
    labels.push({ id: `plan:${k}`, text: `${planTag(wire, st)} · ${k + 1}`, color: colour, ax: b.x, ay: b.y + ts * 0.45, priority: 62 });
  });
}

function unitPos(w: WireState, id: string): Pos | null {
  const u = w.units[id];
  return u && u.fate === "active" ? { x: u.x, y: u.y, level: u.level } : null;
}
