/**
 * previewAction: every consequence an action has at once, from the engine (docs/DESIGN.md §14). The action
 * is run by apply() itself on the seat's view — twice for a shot (once sure to hit, once sure to
 * miss) — and what its events and its resulting state say is put in words. Nothing is
 * re-implemented: a rule changed in the engine changes the preview with it. The end of the round
 * (ready) is not run (the enemy phase rolls and moves hidden creatures): what the round's end is
 * sure to do is read from the state instead (roundEnd.ts).
 */
import type { Action, BattleEvent, BattleState, Pos, Seat } from "../core/types.js";
import { apply } from "../battle/apply.js";
import { hitChance } from "../rules/combat.js";
import { insideLine, isExposed } from "../rules/perimeter.js";
import { threatsOn } from "../movement/routePreview.js";
import { spawnDamageAt } from "../rules/spawns.js";
import { unitById } from "../core/units.js";
import { soldierName } from "../core/names.js";
import { SURE_HIT_RNG, SURE_MISS_RNG, seatView } from "./seatView.js";
import { whyNot } from "./whyNot.js";
import { roundEndConsequences } from "./roundEnd.js";
import { askFirstOf } from "./askFirst.js";
import { unitName } from "./names.js";
import type { ActionPreview, AskFirst, Consequence } from "./types.js";

const CAUSE_WORDS: Record<string, string> = {
  shot: "from the shot", grenade: "from the grenade", butt: "from the rifle butt", acid: "acid (armor ignored)", splash: "acid splash (armor ignored)",
  vapour: "vapour", grab: "from the grab", sweep: "from the tail", spit: "acid spit", fall: "from the fall", spawn: "from a creature climbing out",
  tug: "from the tug", fire: "fire (armor ignored)",
};

const at = (p: Pos): Pos => ({ x: p.x, y: p.y, level: p.level });
const samePos = (a: Pos, b: Pos) => a.x === b.x && a.y === b.y && a.level === b.level;

/** The rescue reached, in a player's words: the trapped (if any) run for it. */
function rescuedWords(before: BattleState): string {
  const trapped = before.units.filter((u) => u.trapped && u.fate === "active").length;
  return trapped ? `the door is forced: ${trapped === 1 ? "the trapped man runs" : `the ${trapped} trapped run`} for the way out at the round's end; now get out` : "the rescue is reached: now get out";
}

/** The events of one run, in a player's words. */
function describe(before: BattleState, after: BattleState, events: BattleEvent[], when: Consequence["when"]): Consequence[] {
  const out: Consequence[] = [];
  // named as the board showed them when the player chose (a creature by its order badge then)
  const n = (id: string) => unitName(unitById(before, id) ? before : after, id);
  const standing = (p: Pos) => after.units.find((u) => u.fate === "active" && u.side !== "creature" && samePos(u, p));
  for (const e of events) {
    switch (e.type) {
      case "damaged": {
        const kind = e.cause === "splash" ? "splash" : e.cause === "fire" ? "fire" : "damage";
        out.push({ kind, unit: e.unit, when, amount: e.amount, text: `${n(e.unit)} takes ${e.amount} ${CAUSE_WORDS[e.cause] ?? e.cause} (${e.hp} hp left)` });
        break;
      }
      case "down": out.push({ kind: "down", unit: e.unit, when, text: `${n(e.unit)} goes down: revive him before the next round ends or he dies` }); break;
      case "died": out.push({ kind: "dies", unit: e.unit, when, at: at(e.at), text: `${n(e.unit)} dies` }); break;
      case "acid": {
        const v = standing(e.at);
        out.push({ kind: "acid", unit: v?.id, when, amount: e.intensity, at: at(e.at),
          text: v ? `acid ${e.intensity} under ${n(v.id)} at ${e.at.x},${e.at.y}: it burns him if he stays at the round's end` : `acid ${e.intensity} left at ${e.at.x},${e.at.y}` });
        break;
      }
      case "corroded": out.push({ kind: "corroded", unit: e.unit, when, amount: e.armor, text: `${n(e.unit)}'s armor corrodes to ${e.armor}` }); break;
      case "weaponLost": out.push({ kind: "weaponLost", unit: e.unit, when, text: `${n(e.unit)} drops his rifle into the acid: it is gone` }); break;
      case "fell": out.push({ kind: "falls", unit: e.unit, when, at: at(e.to), text: `${n(e.unit)} falls through the melted floor` }); break;
      case "freed": out.push({ kind: "freed", unit: e.unit, when, text: `${n(e.unit)} is freed (1 AP next round)` }); break;
      case "withdrew": case "extracted": out.push({ kind: "leaves", unit: e.unit, when, text: `${n(e.unit)} leaves the board alive` }); break;
      case "rescued": case "objective": out.push({ kind: "objective", when, text: e.type === "rescued" ? rescuedWords(before) : `the objective is now: ${e.stage}` }); break;
      case "ended": {
        out.push({ kind: "endsScene", when, text: e.outcome === "won" ? "the scene ends: won" : "the scene ends: lost" });
        for (const u of after.units)
          if (u.side === "squad" && (u.fate === "active" || u.fate === "carried"))
            out.push({ kind: "leftBehind", unit: u.id, when, text: `${soldierName(u.id)} will be left behind: lost` });
        break;
      }
      default: break;
    }
  }
  // the ring: corpses piled at the line squeeze it at the next environment phase
  const p0 = before.perimeter, p1 = after.perimeter;
  if (p0 && p1 && !p1.broken && p1.nextRadius < p0.nextRadius)
    out.push({ kind: "ringSqueezed", when, amount: p1.nextRadius, text: `the corpse at the line squeezes the ring: radius ${p1.nextRadius} after this round (was ${p0.nextRadius})` });
  return out;
}

/** Where a soldier ends a move: outside the ring, under an announced attack, on a spawn point. */
function endOfMove(before: BattleState, after: BattleState, id: string): Consequence[] {
  const out: Consequence[] = [];
  const u0 = unitById(before, id), u = unitById(after, id);
  if (!u0 || !u || u.fate !== "active") return out;
  const p = after.perimeter;
  if (p && !p.broken && insideLine(p, u0) && !insideLine(p, u))
    out.push({ kind: "leavesRing", unit: id, when: "always", at: at(u), text: `${soldierName(id)} steps out of the ring` });
  if (isExposed(after, u))
    out.push({ kind: "exposed", unit: id, when: "always", at: at(u), text: `${soldierName(id)} is exposed outside the line: a Snatcher beside him grabs him without a roll` });
  for (const t of threatsOn(after, u))
    out.push({ kind: "telegraphed", unit: id, when: "always", at: at(u), amount: t.damage,
      text: `${soldierName(id)} ends where ${unitName(before, t.unit)} will ${t.kind === "grab" ? "lunge" : t.kind}${t.damage ? `: ${t.damage} damage` : ""}` });
  const spawn = spawnDamageAt(after, u);
  if (spawn > 0) out.push({ kind: "spawnPoint", unit: id, when: "always", at: at(u), amount: spawn, text: `${soldierName(id)} stands on a creature's spawn point: ${spawn} damage if one climbs out there next round (a wave is due)` });
  return out;
}

/** A hold he lets go of by leaving (withdraw): the drag goes on. */
function letsGo(before: BattleState, after: BattleState, id: string): Consequence[] {
  const out: Consequence[] = [];
  for (const v of before.units)
    if (v.heldBy === id && v.fate === "active" && unitById(after, id)?.fate !== "active")
      out.push({ kind: "leftBehind", unit: v.id, when: "always", text: `${soldierName(v.id)} is no longer held: the drag goes on` });
  return out;
}

function run(view: BattleState, seat: Seat, action: Action, rng: number, when: Consequence["when"]): Consequence[] {
  const r = apply({ ...view, rng }, { seat, action });
  if (!r.ok) return [];
  const out = describe(view, r.state, r.events, when);
  if (action.type === "move") out.push(...endOfMove(view, r.state, action.unit));
  if (action.type === "withdraw") out.push(...letsGo(view, r.state, action.unit));
  return out;
}

/** The preview of one action by `seat`: refused (why), or accepted with every consequence at once. */
export function previewAction(state: BattleState, seat: Seat, action: Action): ActionPreview {
  const view = seatView(state, seat);
  const refusal = whyNot(view, seat, action);
  if (refusal) return { action, ok: false, refusal, chance: null, consequences: [], ask: null };
  let consequences: Consequence[];
  let chance = null;
  if (action.type === "shoot" || action.type === "calledShot") {
    chance = hitChance(view, action.unit, action.target, action.type === "calledShot" ? "calledShot" : "shot");
    consequences = [...run(view, seat, action, SURE_HIT_RNG, "hit"), ...run(view, seat, action, SURE_MISS_RNG, "miss")];
  } else if (action.type === "ready" && action.ready) {
    consequences = roundEndConsequences(view, seat);
  } else consequences = run(view, seat, action, SURE_HIT_RNG, "always");
  const preview: ActionPreview = { action, ok: true, refusal: null, chance, consequences, ask: null };
  preview.ask = askFirstOf(view, seat, preview);
  return preview;
}

/** Does this action need a second click? Its cost in words, or null for one click. */
export function askFirst(state: BattleState, seat: Seat, action: Action): AskFirst | null {
  return previewAction(state, seat, action).ask;
}
