/**
 * The bot partner's plan in the board's language: one line a step, "Wang will shoot
 * Spitter 5 (55%)", "Private Wang-1 holds on to Private Takumi-2", the order's name, and why a
 * soldier with no step does nothing ("Private Wang-1, held by Snatcher 3: no rounds left — waits
 * for a hold (Takumi beside him)").
 */
import type { IdleWhy, PlanIdle, PlanStep, StandingOrder, WireState } from "../engine";
import { unitName } from "../words";

export const ORDER_NAME: Record<StandingOrder, string> = {
  free: "Own judgment",
  hold: "Hold position",
  cover: "Cover me",
  follow: "Follow me",
  fallBack: "Fall back to a way out",
};

/** The order as its player says it to the bot, after the bot's name: "Wang, cover me". */
export const ORDER_SAID: Record<StandingOrder, string> = {
  free: "use your own judgment",
  hold: "hold position",
  cover: "cover me",
  follow: "follow me",
  fallBack: "fall back to a way out",
};

/** The key that gives each order (digits: the letters are the actions'). */
export const ORDER_KEY: Record<StandingOrder, string> = { hold: "6", cover: "7", follow: "8", fallBack: "9", free: "0" };

/** "Wang" for Sergeant Wang, "Private Wang-1" for a private: the plan's subject. */
function who(w: WireState | null, id: string): string {
  const name = unitName(w, id);
  return name.startsWith("Sergeant ") ? name.slice("Sergeant ".length) : name;
}

export function planLine(w: WireState | null, st: PlanStep): string {
  const a = st.action;
  const by = who(w, st.unit);
  const chance = st.chance !== undefined ? ` (${st.chance}%)` : "";
  switch (a.type) {
    case "move": return `${by} will move to ${a.to.x},${a.to.y}`;
    case "shoot": return `${by} will shoot ${unitName(w, a.target)}${chance}`;
    case "calledShot": return `${by} will shoot at the arm of ${unitName(w, a.target)}${chance}, to free its prey`;
    case "butt": return `${by} will hit ${unitName(w, a.target)} with his rifle butt`;
    case "grenade": return `${by} will throw a grenade at ${a.to.x},${a.to.y}`;
    case "holdOn": return `${by} holds on to ${unitName(w, a.comrade)}`;
    case "revive": return `${by} will get ${unitName(w, a.comrade)} up`;
    case "carry": return `${by} will carry ${unitName(w, a.comrade)}`;
    case "reload": return `${by} will reload`;
    case "overwatch": return `${by} will keep watch (overwatch)`;
    case "withdraw": return `${by} will get out`;
    case "drop": return `${by} will put down whom he carries`;
    default: return `${by}: ${a.type}`;
  }
}

/** A short tag for the board: "WANG: SHOOT 55%". */
export function planTag(w: WireState | null, st: PlanStep): string {
  const by = who(w, st.unit).toUpperCase().replace(/^PRIVATE /, "");
  const t = st.action.type;
  if (t === "shoot" || t === "calledShot") return `${by}: ${t === "calledShot" ? "ARM " : "SHOOT "}${st.chance ?? ""}%`;
  if (t === "holdOn") return `${by}: HOLD ON`;
  if (t === "revive") return `${by}: REVIVE`;
  if (t === "carry") return `${by}: CARRY`;
  if (t === "grenade") return `${by}: GRENADE`;
  if (t === "butt") return `${by}: BUTT`;
  return by;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a grabbed man's grip comes to: "held by Snatcher 3 (dragged off at the round's end)". */
function grip(w: WireState | null, i: PlanIdle): string {
  const by = i.grabber ? unitName(w, i.grabber) : "a creature out of sight";
  const drag = i.drag === undefined ? "" : i.drag <= 1 ? " (dragged off at the round's end)" : ` (dragged off in ${plural(i.drag, "round")})`;
  return `held by ${by}${drag}`;
}

/** A comrade beside him who can hold on, said after the reason: " (Takumi beside him)". */
function beside(w: WireState | null, i: PlanIdle): string {
  return i.comrade ? ` (${who(w, i.comrade)} beside him)` : "";
}

const comrade = (w: WireState | null, i: PlanIdle) => (i.comrade ? who(w, i.comrade) : "a comrade");

/** One reason's words by its key (the plan carries the facts: shared/ai/plan.ts `PlanIdle`). */
export const IDLE_WORDS: Record<IdleWhy, (w: WireState | null, i: PlanIdle) => string> = {
  down: (_w, i) => `down, he dies in ${plural(i.down ?? 1, "round")} unless a comrade gets him up`,
  held: (w, i) => `${grip(w, i)}; ${comrade(w, i)} holds on to him`,
  covered: (w, i) => `${grip(w, i)}; waits for ${comrade(w, i)}'s shot at it`,
  grabbedNoAp: (w, i) => `${grip(w, i)}; no AP left${beside(w, i)}`,
  grabbedUnarmed: (w, i) => `${grip(w, i)}; no rifle to fight with — ${i.comrade ? "waits for a hold" : "nothing he can do"}${beside(w, i)}`,
  grabbedDry: (w, i) =>
    `${grip(w, i)}; no rounds left — ${i.comrade ? "waits for a hold" : "a kill with his rifle butt would burst its acid on him"}${beside(w, i)}`,
  grabbed: (w, i) => `${grip(w, i)}; holds his fire (${plural(i.mag ?? 0, "round")}, ${plural(i.spareMags ?? 0, "spare magazine")})${beside(w, i)}`,
  overwatch: () => "keeps watch (overwatch)",
  stays: () => "stays where he is",
};

/** "Private Wang-1: held by Snatcher 3 (dragged off at the round's end); no rounds left — waits for a hold (Takumi beside him)". */
export function idleLine(w: WireState | null, i: PlanIdle): string {
  const words = IDLE_WORDS[i.why];
  return `${who(w, i.unit)}: ${words ? words(w, i) : i.why}`;
}
