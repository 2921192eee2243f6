/**
 * The bot partner's plan in the board's language: one line a step, "Wang will shoot
 * Spitter 5 (55%)", "Private Wang-1 holds on to Private Takumi-2", and the order's name.
 */
import type { PlanStep, StandingOrder, WireState } from "../engine";
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
