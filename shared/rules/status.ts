/**
 * The status table, decided once (docs/DESIGN.md §14): for every status a soldier can be in,
 * what each action does when he is the actor, and what each phase step does to him. The engine
 * reads the "refused" cells before any action's own checks (apply.ts: statusRefusal), so a status
 * refuses with the one code written here; tests/engine/status.properties.test.ts holds the engine
 * to every row over random battles on every map. Cells that say what happens ("does") are the
 * rules of the modules named in them, checked by the same test. One row is a civilian's, not a
 * soldier's: "trapped" (no seat commands a civilian, so its action cells are the refusal any
 * command naming him gets).
 */
import type { ActionType, Unit } from "../core/types.js";
import type { ErrorCode } from "../core/errors.js";

export type Status = "down" | "grabbed" | "held" | "carried" | "carrying" | "burning" | "withdrawn" | "extracted" | "taken" | "dead" | "trapped";
export const STATUSES: Status[] = ["dead", "taken", "extracted", "withdrawn", "carried", "down", "grabbed", "held", "carrying", "burning", "trapped"];

/** What a phase step does to a soldier (he is its object, not its actor). */
export type PhaseStep = "dragged" | "spatAt" | "pounced" | "splashed" | "squeezed" | "extracted";
export const PHASE_STEPS: PhaseStep[] = ["dragged", "spatAt", "pounced", "splashed", "squeezed", "extracted"];

export type Verdict =
  | { allowed: true; does?: string }
  | { refused: ErrorCode; why: string }
  | { does: string };

export interface StatusRow {
  status: Status;
  /** How the engine knows it from the unit. */
  means: string;
  actions: Record<ActionType, Verdict>;
  steps: Record<PhaseStep, Verdict>;
}

const ok = (does?: string): Verdict => (does ? { allowed: true, does } : { allowed: true });
const no = (refused: ErrorCode, why: string): Verdict => ({ refused, why });
const does = (what: string): Verdict => ({ does: what });

/** Every unit action refused with one code (the seat's own ready and undo stay allowed). */
function allUnitActions(code: ErrorCode, why: string): Record<ActionType, Verdict> {
  const r = no(code, why);
  return { move: r, shoot: r, calledShot: r, grenade: r, butt: r, reload: r, overwatch: r, holdOn: r, revive: r, carry: r, drop: r, withdraw: r, ready: ok(), undo: ok() };
}

/** What no seat may do with a civilian (ownSoldier refuses him before any status is read). */
const NOBODYS = allUnitActions("ERR_NO_UNIT", "a civilian: nobody commands him");

const OFF_BOARD_STEPS: Record<PhaseStep, Verdict> = {
  dragged: does("nothing: he is off the board"), spatAt: does("nothing: he is off the board"), pounced: does("nothing: he is off the board"),
  splashed: does("nothing: he is off the board"), squeezed: does("nothing: he is off the board"), extracted: does("nothing: he is off the board"),
};

const GRABBED_ACTIONS: Record<ActionType, Verdict> = {
  move: no("ERR_GRABBED", "held fast"),
  shoot: ok("only at his grabber (ERR_MUST_TARGET_GRABBER), −20 aim"),
  calledShot: ok("only at his grabber's arm"),
  grenade: no("ERR_GRABBED", "no room to throw"),
  butt: ok("only his grabber"),
  reload: ok(),
  overwatch: no("ERR_GRABBED", "he cannot watch while held"),
  holdOn: no("ERR_GRABBED", "he cannot hold another"),
  revive: no("ERR_GRABBED", "he cannot reach another"),
  carry: no("ERR_GRABBED", "he cannot lift another"),
  drop: no("ERR_NOT_CARRYING", "the grab made him drop his man"),
  withdraw: no("ERR_GRABBED", "held fast"),
  ready: ok(),
  undo: ok(),
};

const GRABBED_STEPS: Record<PhaseStep, Verdict> = {
  dragged: does("dragged up to 5 tiles toward the nearest exit, unburned by the acid on the way; on the exit he is taken"),
  spatAt: does("spared: creatures want live prey (the spit hits no one, the acid stays)"),
  pounced: does("spared by the tail's sweep"),
  splashed: does("killing his grabber splashes him: 2 acid, armor ignored (a called shot frees him without)"),
  squeezed: does("never exposed while held"),
  extracted: does("stays on the board"),
};

const ON_FEET_STEPS: Record<PhaseStep, Verdict> = {
  dragged: does("only once grabbed"),
  spatAt: does("2 acid (armor ignored) and acid 2 on his tile"),
  pounced: does("the tail's sweep: 3 less armor"),
  splashed: does("2 acid, armor ignored; on acid he loses his rifle"),
  squeezed: does("outside the line in the enemy phase he is exposed: grabbed without a roll"),
  extracted: does("on a way out at the round's end, the objective met: he gets out"),
};

export const STATUS_TABLE: Record<Status, StatusRow> = {
  dead: { status: "dead", means: "fate dead", actions: allUnitActions("ERR_UNIT_GONE", "dead"), steps: OFF_BOARD_STEPS },
  taken: { status: "taken", means: "fate taken (dragged off the board)", actions: allUnitActions("ERR_UNIT_GONE", "taken"), steps: OFF_BOARD_STEPS },
  extracted: { status: "extracted", means: "fate extracted (got out at a round's end)", actions: allUnitActions("ERR_UNIT_GONE", "out"), steps: OFF_BOARD_STEPS },
  withdrawn: { status: "withdrawn", means: "fate extracted (withdrew by his own action; the same fate)", actions: allUnitActions("ERR_UNIT_GONE", "out"), steps: OFF_BOARD_STEPS },
  carried: {
    status: "carried", means: "fate carried (in a comrade's arms, off the board)", actions: allUnitActions("ERR_UNIT_GONE", "carried"),
    steps: { ...OFF_BOARD_STEPS, extracted: does("gets out with his carrier"), dragged: does("his carrier, grabbed, sets him down first") },
  },
  down: {
    status: "down", means: "on the board at 0 hp (down > 0): dies after the next round unless revived",
    actions: { ...allUnitActions("ERR_NO_AP", "the down neither move nor act"), drop: no("ERR_NOT_CARRYING", "going down he set his man down") },
    steps: {
      dragged: does("dragged like anyone grabbed"), spatAt: does("any blow finishes him"), pounced: does("any blow finishes him"),
      splashed: does("any blow finishes him"), squeezed: does("outside the line he is exposed"), extracted: does("stays on the board unless carried out"),
    },
  },
  grabbed: { status: "grabbed", means: "grabbedBy set", actions: GRABBED_ACTIONS, steps: GRABBED_STEPS },
  held: {
    status: "held", means: "grabbed, and heldBy set (a comrade holds on this round)", actions: GRABBED_ACTIONS,
    steps: { ...GRABBED_STEPS, dragged: does("the drag halts this round; the tug does 1 damage (armor ignored); a holder who is down, grabbed or gone has let go") },
  },
  carrying: {
    status: "carrying", means: "carrying set (a comrade or a child in his arms)",
    actions: {
      move: ok("at half speed (Wang at full)"), shoot: ok(), calledShot: ok(), grenade: ok(), butt: ok(), reload: ok(), overwatch: ok(),
      holdOn: ok(), revive: ok(), carry: no("ERR_ALREADY_CARRYING", "his arms are full"), drop: ok("free: sets his man on a free tile beside him"),
      withdraw: ok("his man goes with him"), ready: ok(), undo: ok(),
    },
    steps: { ...ON_FEET_STEPS, dragged: does("grabbed, he sets his man down first"), extracted: does("gets out with his man") },
  },
  burning: {
    status: "burning", means: "burned flag (acid has burned him this battle): shown, changes no rule",
    actions: { move: ok(), shoot: ok(), calledShot: ok(), grenade: ok(), butt: ok(), reload: ok(), overwatch: ok(), holdOn: ok(), revive: ok(), carry: ok(), drop: ok(), withdraw: ok(), ready: ok(), undo: ok() },
    steps: ON_FEET_STEPS,
  },
  trapped: {
    status: "trapped", means: "a civilian with the trapped flag (at the bus's jammed door, from the map)", actions: NOBODYS,
    steps: {
      dragged: does("never: behind the jammed door he is no creature's prey (no intent names him, no lunge takes him) until the door is forced"),
      spatAt: does("never aimed at (not prey); acid landing on his tile would burn him as anyone"),
      pounced: does("never leapt at (not prey); a sweep landing beside him hits him as anyone: the sweep's damage"),
      splashed: does("a corpse beside him splashes him like anyone: 2 acid"),
      squeezed: does("never exposed: the ring is the squad's"),
      extracted: does("he does not run, so never reaches a way out, until a soldier reaches the rescue point: that frees every trapped man, and he runs for the nearest way out in the same round's environment phase (saved there)"),
    },
  },
};

/** The statuses a soldier is in (several at once: down and grabbed, grabbed and held), in the table's order. */
export function statusesOf(u: Unit): Status[] {
  const out: Status[] = [];
  if (u.fate === "dead") out.push("dead");
  if (u.fate === "taken") out.push("taken");
  if (u.fate === "extracted") out.push("extracted");
  if (u.fate === "carried") out.push("carried");
  if (u.fate === "active" && u.down > 0) out.push("down");
  if (u.grabbedBy) out.push("grabbed");
  if (u.grabbedBy && u.heldBy) out.push("held");
  if (u.carrying) out.push("carrying");
  if (u.burned) out.push("burning");
  if (u.trapped && u.fate === "active") out.push("trapped");
  return out;
}

/** The refusal the table gives a soldier acting in his statuses (the first refused cell), or null. */
export function statusRefusal(u: Unit, action: ActionType): { code: ErrorCode; status: Status; why: string } | null {
  // a soldier on the board in no status at all (most commands): nothing to look up
  if (u.fate === "active" && u.down === 0 && !u.grabbedBy && !u.carrying && !u.burned) return null;
  for (const st of statusesOf(u)) {
    const v = STATUS_TABLE[st].actions[action];
    if ("refused" in v) return { code: v.refused, status: st, why: v.why };
  }
  return null;
}
