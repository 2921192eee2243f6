/**
 * How the soldier bots conduct themselves in a battle, read from the commands they gave
 * and the events those produced (the report's own fields are the engine's; these are the tools'):
 *  - friendlySplash: acid burst damage on soldiers from creatures the soldiers killed (by a shot,
 *    an overwatch shot, a grenade or a rifle butt); a creature that burns to death in a fire is
 *    not their kill, and a rifle butt's own blood on the stock, without a kill, is not counted;
 *  - riflesLost: rifles dropped into acid by a splash;
 *  - leftBehind: soldiers still on the board (not dead, not in a creature's grip) when the battle
 *    ended who did not come out while others did;
 *  - grabs / grabsAnswered: soldiers grabbed, and of them those answered before the drag that
 *    follows: a comrade held on, a comrade shot (or hit, or grenaded) the grabber, or he was freed
 *    (an overwatch shot in the same enemy phase counts). A victim killed or taken before the squad's
 *    next player phase left nothing to answer: that grab is not judged. grabsAlone: grabs with
 *    nobody on the board to answer them (every comrade down, grabbed or gone), and not answered.
 */
import { cameOut, type BattleState, type Command, type BattleEvent } from "../shared/index.js";

export interface Conduct {
  friendlySplash: number;
  riflesLost: number;
  leftBehind: number;
  grabs: number;
  grabsAnswered: number;
  /** Of `grabs`, those with no comrade on his feet and free on the board to answer (none counted answered). */
  grabsAlone: number;
}

export function emptyConduct(): Conduct {
  return { friendlySplash: 0, riflesLost: 0, leftBehind: 0, grabs: 0, grabsAnswered: 0, grabsAlone: 0 };
}

/** The damage causes of the soldiers' own weapons (a shot, overwatch included, a grenade, a butt). */
const SOLDIERS_HURT = new Set(["shot", "grenade", "butt"]);

interface Grab {
  victim: string;
  grabber: string;
  answered: boolean;
  /** A player phase has begun since the grab (the squad had its chance). */
  chance: boolean;
  /** When it began, no comrade was on his feet and free on the board to answer. */
  alone?: boolean;
}

/** Follows one battle's steps (command and events), then the final state. */
export class ConductTracker {
  readonly c = emptyConduct();
  private open: Grab[] = [];
  /** Soldiers killed or taken so far. */
  private readonly gone = new Set<string>();

  constructor(private readonly squad: ReadonlySet<string>) {}

  /** One command, its events and the state after them (the state a new player phase begins with). */
  step(command: Command, events: readonly BattleEvent[], after?: BattleState): void {
    const a = command.action;
    for (const g of this.open) {
      if (!g.chance) continue;
      if (a.type === "holdOn" && a.comrade === g.victim) g.answered = true;
      if ((a.type === "shoot" || a.type === "calledShot" || a.type === "butt") && a.target === g.grabber && a.unit !== g.victim) g.answered = true;
      if (a.type === "grenade" && events.some((e) => e.type === "damaged" && e.unit === g.grabber)) g.answered = true;
    }
    // the burst of a creature the soldiers killed splashes whoever stands beside it: the splash
    // events follow its death (a fire's kill is not theirs)
    let soldiersKill = false;
    const lastHurt = new Map<string, string>();
    for (const e of events) {
      switch (e.type) {
        case "died":
          if (!this.squad.has(e.unit)) soldiersKill = SOLDIERS_HURT.has(lastHurt.get(e.unit) ?? "");
          else this.gone.add(e.unit);
          break;
        case "taken":
          this.gone.add(e.unit);
          break;
        case "damaged":
          lastHurt.set(e.unit, e.cause);
          if (e.cause === "splash" && soldiersKill && this.squad.has(e.unit)) this.c.friendlySplash += e.amount;
          break;
        case "weaponLost":
          if (this.squad.has(e.unit)) this.c.riflesLost++;
          break;
        case "grabbed":
          if (e.hit && this.squad.has(e.victim)) this.open.push({ victim: e.victim, grabber: e.unit, answered: false, chance: false });
          break;
        case "freed":
          for (const g of this.open) if (g.victim === e.unit) g.answered = true;
          break;
        case "phase":
          // a victim gone (killed, taken) before the squad's turn left it nothing to answer
          if (e.phase === "player") this.open = this.open.filter((g) => g.chance || !this.gone.has(g.victim));
          if (e.phase === "player")
            for (const g of this.open) {
              if (!g.chance && after) g.alone = !after.units.some((c) => c.side === "squad" && c.fate === "active" && c.id !== g.victim && c.down === 0 && !c.grabbedBy);
              g.chance = true;
            }
          // the enemy phase after the squad's chance: the drag comes now, the grab is judged
          if (e.phase === "enemy") this.close((g) => g.chance);
          break;
      }
    }
  }

  /** The battle is over: grabs the squad had a chance at are judged, and who was left behind counted. */
  end(s: BattleState): Conduct {
    this.close((g) => g.chance);
    const out = cameOut(s);
    // (a battle lost with nobody out leaves no one behind: nobody left)
    if (out.size > 0)
      this.c.leftBehind = s.units.filter((u) => u.side === "squad" && (u.fate === "active" || u.fate === "carried") && !out.has(u.id) && !u.grabbedBy).length;
    return this.c;
  }

  private close(due: (g: Grab) => boolean): void {
    const keep: Grab[] = [];
    for (const g of this.open) {
      if (!due(g)) { keep.push(g); continue; }
      this.c.grabs++;
      if (g.answered) this.c.grabsAnswered++;
      else if (g.alone) this.c.grabsAlone++;
    }
    this.open = keep;
  }
}
