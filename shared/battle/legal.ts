/**
 * Every action a seat may take now (the client's previews, the bots, and the perft-style counts
 * that make an accidental rule change show).
 */
import { RULES } from "../rules/table.js";
import type { Action, BattleState, Pos, Seat, Unit } from "../core/types.js";
import { distance, tileIndex } from "../core/grid.js";
import { reachableTiles } from "../movement/path.js";
import { lineOfSight, visibleCreatureIds, visibleTiles } from "../sight/sight.js";
import { throwRange } from "../actions/grenade.js";
import { check } from "./apply.js";
import { isExtraction } from "../rules/objectives.js";

function unitActions(s: BattleState, seat: Seat, u: Unit, enemies: Unit[], seen: (p: Pos) => boolean, out: Action[]): void {
  // setting a carried man down costs nothing
  if (u.ap <= 0) {
    if (u.carrying && check(s, { seat, action: { type: "drop", unit: u.id } }) === null) out.push({ type: "drop", unit: u.id });
    return;
  }
  if (!u.grabbedBy) for (const t of reachableTiles(s, u.id)) out.push({ type: "move", unit: u.id, to: t.pos });
  if (u.hasWeapon) {
    for (const e of enemies) {
      if (u.grabbedBy && u.grabbedBy !== e.id) continue;
      const d = distance(u, e);
      if (d === 1) out.push({ type: "butt", unit: u.id, target: e.id });
      if (u.mag <= 0 || d > RULES.rifle.range || !lineOfSight(s.map, u, e)) continue;
      out.push({ type: "shoot", unit: u.id, target: e.id });
      if (e.grabbing) out.push({ type: "calledShot", unit: u.id, target: e.id });
    }
    if (u.mag < RULES.rifle.magazine && u.spareMags > 0) out.push({ type: "reload", unit: u.id });
    if (!u.grabbedBy && !u.overwatch && u.mag > 0) out.push({ type: "overwatch", unit: u.id });
  }
  if (!u.grabbedBy)
    for (const c of s.units)
      if (c.side === "squad" && c.fate === "active" && c.grabbedBy && !c.heldBy && distance(u, c) === 1)
        out.push({ type: "holdOn", unit: u.id, comrade: c.id });
  if (!u.grabbedBy && u.ap >= RULES.down.reviveAp)
    for (const c of s.units)
      if (c.side === "squad" && c.fate === "active" && c.down > 0 && distance(u, c) === 1) out.push({ type: "revive", unit: u.id, comrade: c.id });
  if (!u.grabbedBy && !u.carrying && u.ap >= RULES.carry.ap)
    for (const c of s.units)
      if (c.fate === "active" && !c.grabbedBy && distance(u, c) === 1 && (c.side === "squad" ? c.down > 0 : c.kind === "child" && seen(c)))
        out.push({ type: "carry", unit: u.id, comrade: c.id });
  if (u.carrying && check(s, { seat, action: { type: "drop", unit: u.id } }) === null) out.push({ type: "drop", unit: u.id });
  if (!u.grabbedBy && isExtraction(s, u)) out.push({ type: "withdraw", unit: u.id });
  if (u.grenades > 0 && !u.grabbedBy) {
    const r = throwRange(u);
    for (let y = Math.max(0, u.y - r); y <= Math.min(s.map.height - 1, u.y + r); y++)
      for (let x = Math.max(0, u.x - r); x <= Math.min(s.map.width - 1, u.x + r); x++) {
        const to = { x, y, level: u.level };
        if (lineOfSight(s.map, u, to)) out.push({ type: "grenade", unit: u.id, to });
      }
  }
}

export function legalActions(s: BattleState, seat: Seat): Action[] {
  if (s.phase !== "player") return [];
  // a seat marked ready may only take it back (while it has not done so too often this round)
  if (s.ready[seat]) {
    const back: Action = { type: "ready", ready: false };
    return check(s, { seat, action: back }) === null ? [back] : [];
  }
  const out: Action[] = [];
  const mask = visibleTiles(s, s.options.splitVision ? seat : undefined);
  const seenIds = visibleCreatureIds(s, mask);
  const enemies = s.units.filter((u) => seenIds.has(u.id));
  const seen = (p: Pos) => mask[tileIndex(s.map, p.x, p.y, p.level)] === 1;
  for (const u of s.units) if (u.seat === seat && u.fate === "active") unitActions(s, seat, u, enemies, seen, out);
  out.push({ type: "ready", ready: !s.ready[seat] });
  if (s.undo[seat].length > 0 && check(s, { seat, action: { type: "undo" } }) === null) out.push({ type: "undo" });
  return out;
}

