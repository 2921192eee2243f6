/**
 * What marking ready leads to at the round's end, as far as the state already tells (the enemy
 * phase is not run: it rolls, and moves creatures the seat cannot see): the round ends if the
 * partner is ready; the announced attacks on the soldiers standing under them; the exposed; the
 * down who bleed out; who gets out from a way out at the round's end, and — when that takes the
 * last sergeant off the board, or the clock runs out — who is left behind and lost.
 */
import type { BattleState, Seat, Unit } from "../core/types.js";
import { isExtraction } from "../rules/objectives.js";
import { isExposed } from "../rules/perimeter.js";
import { threatsOn } from "../movement/routePreview.js";
import { isSergeant } from "../core/units.js";
import { soldierName } from "../core/names.js";
import { seatIsIdle } from "../battle/round.js";
import type { Consequence } from "./types.js";
import { unitName } from "./names.js";

const onBoard = (u: Unit) => u.side === "squad" && u.fate === "active";

/** Soldiers who get out at the end of this round if nothing stops them (extractSoldiers' test). */
export function leavingAtRoundEnd(s: BattleState): Unit[] {
  const extracting = s.objective === "extract" || (!!s.perimeter && !s.perimeter.broken && s.round >= s.perimeter.breakOutRound);
  if (!extracting) return [];
  return s.units.filter((u) => onBoard(u) && u.down === 0 && !u.grabbedBy && isExtraction(s, u));
}

export function roundEndConsequences(s: BattleState, seat: Seat): Consequence[] {
  const out: Consequence[] = [];
  const other: Seat = seat === "takumi" ? "wang" : "takumi";
  const now = s.ready[other] || seatIsIdle(s, other);
  if (now) out.push({ kind: "endsRound", when: "always", text: "the round ends: the creatures act as announced" });
  for (const u of s.units) {
    if (!onBoard(u)) continue;
    for (const t of threatsOn(s, u))
      out.push({ kind: "telegraphed", unit: u.id, when: "always", amount: t.damage, at: { x: u.x, y: u.y, level: u.level },
        text: `${soldierName(u.id)} stands where ${unitName(s, t.unit)} will ${t.kind === "grab" ? "lunge" : t.kind}` });
    if (isExposed(s, u)) out.push({ kind: "exposed", unit: u.id, when: "always", text: `${soldierName(u.id)} is exposed outside the line` });
  }
  for (const u of s.units)
    if (u.side === "squad" && (u.fate === "active" || u.fate === "carried") && u.down === 1)
      out.push({ kind: "bleedsOut", unit: u.id, when: "always", text: `${soldierName(u.id)} is down and dies at this round's end unless revived` });
  const leaving = leavingAtRoundEnd(s);
  const gone = new Set<string>();
  for (const u of leaving) {
    gone.add(u.id);
    if (u.carrying) gone.add(u.carrying);
    out.push({ kind: "leaves", unit: u.id, when: "always", text: `${soldierName(u.id)} gets out at the round's end (he stands on a way out)` });
  }
  const squad = s.units.filter((u) => u.side === "squad" && (u.fate === "active" || u.fate === "carried"));
  const sergeantsStay = squad.some((u) => isSergeant(u) && !gone.has(u.id));
  if (leaving.length && !sergeantsStay) {
    out.push({ kind: "endsScene", when: "always", text: "no sergeant is left on the board: the scene ends at the round's end" });
    for (const u of squad)
      if (!gone.has(u.id)) out.push({ kind: "leftBehind", unit: u.id, when: "always", text: `${soldierName(u.id)} will be left behind: lost` });
  } else if (s.round >= s.map.maxRounds) {
    out.push({ kind: "endsScene", when: "always", text: "the last round: the scene ends at the round's end" });
    // the clock: those on their feet fall back (carrying whom they carry); the down left lying and the grabbed are lost
    for (const u of squad)
      if (u.fate === "active" && (u.down > 0 || u.grabbedBy))
        out.push({ kind: "leftBehind", unit: u.id, when: "always", text: `${soldierName(u.id)} ${u.down > 0 ? "is down" : "is held"} and will be left behind: lost` });
  }
  return out;
}
