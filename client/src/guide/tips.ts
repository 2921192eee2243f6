/**
 * Tips the first time each thing happens in a real battle, as XCOM does: driven by the
 * battle's events, shown once the animation has played, one at a time, dismissed by "Got it" and
 * remembered in localStorage ("No more tips" silences them all).
 */
import type { BattleEvent, WireState } from "../engine";
import { esc } from "../dom";
import { markTipSeen, muteTips, tipsSeen } from "./prefs";
import { setTestState, getTestState } from "../teststate";
import { unitName } from "../words";
import { RULES } from "../engine";

export interface Tip {
  id: string;
  title: string;
  text: string;
}

type Name = (id: string) => string;

const SPLASH: Omit<Tip, "id"> = { title: "Acid blood", text: "A kill splashes acid on the tiles around the corpse, and whoever stands there is burned; the corpse leaks. The preview of a shot names who a kill would splash: kill them away from your own." };

/** Which tip an event calls for (the first that applies), given the viewer's squad and the creatures. */
export function tipFor(e: BattleEvent, mine: (id: string) => boolean, name: Name, creature: (id: string) => boolean = () => false): Tip | null {
  switch (e.type) {
    case "died":
      return creature(e.unit) ? { id: "splash", ...SPLASH } : null;
    case "grabbed":
      if (!e.hit || !mine(e.victim)) return null;
      return { id: "grab", title: "Grabbed", text: `A Snatcher has ${name(e.victim)}. It drags him toward the nearest drain or alley mouth ("gone in N" on the board). A comrade beside him can hold on (H): the drag halts this round. Killing it frees him with its splash; a called shot at its arm (C) frees him clean.` };
    case "damaged":
      if (e.cause === "splash") return { id: "splash", ...SPLASH };
      if (e.cause === "acid") return { id: "acid", title: "Standing in acid", text: "Acid burns whoever stands in it or walks through it, and eats armor. It fades over the rounds; the route preview shows what a path through it costs." };
      if (e.cause === "fire") return { id: "fire", title: "Fire", text: "Fire burns whoever enters or stands on a burning tile, armor or not, and its smoke blocks sight." };
      if (e.cause === "vapour") return { id: "vapour", title: "Corpse vapour", text: "Where corpses pile up, their vapour burns whoever stands beside them." };
      return null;
    case "down":
      if (!mine(e.unit)) return null;
      return { id: "down", title: "Soldier down", text: `${name(e.unit)} is down, not dead. Revive him (V, ${RULES.down.reviveAp} AP, from beside him) before the next round ends, or carry him (K) to a way out; left alone he dies.` };
    case "squeezed":
      return { id: "squeeze", title: "The ring closes", text: `The line drew in to radius ${e.radius}. Corpses at its edge and the passing rounds push it in; a soldier outside the line is exposed: a Snatcher takes him without a roll.` };
    case "perimeterBroken":
      return { id: "broken", title: "The line broke", text: "Get out: the sergeants to the way out (green tiles). Withdraw there (W), or stand on it as the round ends." };
    case "taken":
      if (!mine(e.unit)) return null;
      return { id: "taken", title: "Taken", text: `${name(e.unit)} was dragged off the board. In a campaign he is gone for good. Next time hold on (H) or free him before the countdown ends.` };
    case "weaponLost":
      if (!mine(e.unit)) return null;
      return { id: "weaponLost", title: "Rifle lost", text: `${name(e.unit)}'s rifle melted in the acid. He can still strike with the butt (B), at ${RULES.butt.damage} damage and a splash.` };
    case "spat":
      return { id: "spit", title: "Spitter", text: "A Spitter spits acid on the tile it announced: whoever stands there is hit, and the acid stays. Step off the marked tile." };
    case "pounced":
      return { id: "pounce", title: "Leaper", text: "A Leaper lands where it announced and its tail sweeps the eight tiles around: stand clear of the marked ring." };
    default:
      return null;
  }
}

export const TIP_IDS = ["grab", "splash", "acid", "fire", "vapour", "down", "squeeze", "broken", "taken", "weaponLost", "spit", "pounce"];

export class Tips {
  private queue: Tip[] = [];
  private el: HTMLElement | null = null;
  private timer = 0;

  constructor(private busy: () => boolean) {}

  /** A batch of the battle's events: the first time each tip applies, it is queued. */
  events(events: BattleEvent[], wire: WireState | null, seat: string): void {
    const seen = tipsSeen();
    const mine = (id: string) => wire?.units[id]?.side === "squad" && wire.units[id].seat === seat;
    const name = (id: string) => unitName(wire, id);
    // a creature that died this batch may be gone from the state already: the creatures are the non-squad, non-civilian ids
    const creature = (id: string) => (wire?.units[id] ? wire.units[id].side === "creature" : /^c\d+$/.test(id));
    for (const e of events) {
      const t = tipFor(e, mine, name, creature);
      if (!t || seen.has(t.id) || this.queue.some((q) => q.id === t.id) || this.el?.dataset.tip === t.id) continue;
      this.queue.push(t);
    }
    this.pump();
  }

  /** Shows the next tip once the board has played what happened. */
  private pump(): void {
    if (this.el || !this.queue.length || this.timer) return;
    const tick = () => {
      this.timer = 0;
      if (this.busy()) {
        this.timer = window.setTimeout(tick, 150);
        return;
      }
      this.show(this.queue.shift()!);
    };
    tick();
  }

  private show(t: Tip): void {
    const el = document.createElement("aside");
    el.id = "tip-card";
    el.dataset.tip = t.id;
    el.setAttribute("role", "status");
    el.innerHTML = `<h3>${esc(t.title)}</h3><p>${esc(t.text)}</p><p class="tip-buttons"><button id="tip-ok" class="primary" type="button">Got it</button> <button id="tip-mute" type="button">No more tips</button></p>`;
    el.querySelector("#tip-ok")!.addEventListener("click", () => this.dismiss(t.id));
    el.querySelector("#tip-mute")!.addEventListener("click", () => {
      muteTips(TIP_IDS);
      this.queue = [];
      this.dismiss(t.id);
    });
    document.body.appendChild(el);
    this.el = el;
    const shown = ((getTestState().tipsShown as string[]) ?? []).concat(t.id);
    setTestState({ tip: t.id, tipsShown: shown });
  }

  private dismiss(id: string): void {
    markTipSeen(id);
    this.el?.remove();
    this.el = null;
    setTestState({ tip: null });
    this.pump();
  }
}
