/**
 * The engine's one entry point: apply(state, command) → the new state and what happened, or a
 * refusal with a code. The input state is never changed; a refusal changes nothing.
 */
import type { Action, ApplyResult, BattleState, Command, Seat } from "../core/types.js";
import { type Refusal, isRefusal, ownSoldier, refuse } from "../actions/common.js";
import { statusRefusal } from "../rules/status.js";
import { type MovePlan, planMove, runMove } from "../actions/move.js";
import { resolveEffects } from "./effects.js";
import { keepWithCarriers } from "../rules/carrying.js";
import { checkShoot, runShoot } from "../actions/shoot.js";
import { checkGrenade, runGrenade } from "../actions/grenade.js";
import { checkButt, runButt } from "../actions/butt.js";
import { checkOverwatch, checkReload, runOverwatch, runReload } from "../actions/simple.js";
import { checkReady, checkUndo, runReady, runUndo } from "../actions/turn.js";
import { checkHoldOn, runHoldOn } from "../actions/holdOn.js";
import { checkRevive, runRevive } from "../actions/revive.js";
import { checkCarry, checkDrop, runCarry, runDrop } from "../actions/carry.js";
import { checkWithdraw, runWithdraw } from "../actions/withdraw.js";
import { checkEnd } from "../rules/objectives.js";
import { updateNextRadius } from "../rules/perimeter.js";
import { settleKnownTerrain } from "../sight/knownTerrain.js";
import { wellFormed } from "../core/actionShape.js";
import { prospects, stillWinnable } from "../rules/prospects.js";
import { emit, layerWritten, newDraft, ownUnits } from "../core/draft.js";

/** Is this a well-formed action? Its shape is written once, in core/actionShape.ts. */
export { wellFormed };

/**
 * The actions whose runs (and the effects they queue) write units only through `draftUnit`: their
 * drafts copy a unit on its first write. The others own every unit first.
 */
const COPY_ON_WRITE: Partial<Record<Action["type"], true>> = { move: true, shoot: true, calledShot: true, grenade: true, butt: true, reload: true, overwatch: true, ready: true };

/** The rules' verdict on an accepted action: what running it needs (the move's path and AP). */
export type Verdict = { type: "move"; plan: MovePlan } | { type: "accepted" };

const ACCEPTED: Verdict = { type: "accepted" };

/** A check's refusal, or the plain acceptance (module-level: a closure per command is costly here). */
function accept(r: Refusal | object | null): Refusal | Verdict {
  return r && isRefusal(r) ? r : ACCEPTED;
}

/** Judge an action against the rules: a refusal, or the verdict its effect runs on. */
function judge(s: BattleState, seat: Seat, a: Action): Refusal | Verdict {
  // the status table (rules/status.ts) speaks first: a soldier's statuses refuse with its one code
  if ("unit" in a) {
    const u = ownSoldier(s, seat, a.unit);
    if (isRefusal(u)) return u;
    const st = statusRefusal(u, a.type);
    if (st) return refuse(st.code, st.why);
  }
  switch (a.type) {
    case "move": {
      const plan = planMove(s, seat, a);
      return isRefusal(plan) ? plan : { type: "move", plan };
    }
    case "shoot": case "calledShot": return accept(checkShoot(s, seat, a));
    case "grenade": return accept(checkGrenade(s, seat, a));
    case "butt": return accept(checkButt(s, seat, a));
    case "reload": return accept(checkReload(s, seat, a));
    case "overwatch": return accept(checkOverwatch(s, seat, a));
    case "holdOn": return accept(checkHoldOn(s, seat, a));
    case "revive": return accept(checkRevive(s, seat, a));
    case "carry": return accept(checkCarry(s, seat, a));
    case "drop": return accept(checkDrop(s, seat, a));
    case "withdraw": return accept(checkWithdraw(s, seat, a));
    case "ready": return accept(checkReady(s, seat, a));
    case "undo": return accept(checkUndo(s, seat));
  }
}

/** Check a command against the rules without applying it: null when it would be accepted. */
export function check(s: BattleState, c: Command): Refusal | null {
  const { seat, action: a } = c ?? ({} as Command);
  if ((seat !== "takumi" && seat !== "wang") || !wellFormed(a)) return refuse("ERR_BAD_ACTION");
  const verdict = judge(s, seat, a);
  return isRefusal(verdict) ? verdict : null;
}

export function apply(state: BattleState, command: Command): ApplyResult {
  const { seat, action: a } = command ?? ({} as Command);
  if ((seat !== "takumi" && seat !== "wang") || !wellFormed(a)) return { ok: false, ...refuse("ERR_BAD_ACTION") };
  const s = state;
  const verdict = judge(s, seat, a);
  if (isRefusal(verdict)) return { ok: false, code: verdict.code, message: verdict.message };
  const d = newDraft(s);
  if (COPY_ON_WRITE[a.type] !== true) ownUnits(d);
  switch (a.type) {
    case "move": if (verdict.type === "move") runMove(d, seat, a, verdict.plan); break;
    case "shoot": case "calledShot": runShoot(d, a); break;
    case "grenade": runGrenade(d, a); break;
    case "butt": runButt(d, a); break;
    case "reload": runReload(d, a); break;
    case "overwatch": runOverwatch(d, a); break;
    case "holdOn": runHoldOn(d, a); break;
    case "revive": runRevive(d, a); break;
    case "carry": runCarry(d, a); break;
    case "drop": runDrop(d, a); break;
    case "withdraw": runWithdraw(d, a); break;
    case "ready": runReady(d, seat, a); break;
    case "undo": runUndo(d, seat); break;
  }
  resolveEffects(d);
  keepWithCarriers(d);
  if (a.type !== "move" && a.type !== "ready" && a.type !== "undo") d.s.undo = { takumi: [], wang: [] };
  checkEnd(d, false);
  // the win slipped away with this command (a round played out, a civilian lost): said at once
  if (d.s.phase !== "ended" && stillWinnable(s) && !stillWinnable(d.s)) {
    const p = prospects(d.s);
    emit(d, { type: "objectiveLost", cause: "civilians", need: p.need, canStillSave: p.canStillSave });
  }
  // the next radius only moves with the corpses (their layer written) or a new round
  if (layerWritten(d, "corpse") || d.s.round !== s.round) updateNextRadius(d.s);
  settleKnownTerrain(d);
  d.s.step = s.step + 1;
  return { ok: true, state: d.s, events: d.events };
}
