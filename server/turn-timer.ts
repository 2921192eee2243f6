/**
 * The turn timer: armed at the start of each player phase; when it runs out, the room lets the bot
 * play its seats and marks every seat not yet ready ready (`readyEveryone`, recorded in the log
 * like any command), which ends the phase.
 */
import { hashState, type BattleEvent, type BattleState } from "../shared/index.js";
import { SEATS } from "./seats.js";
import { engine } from "./fault.js";
import type { LoggedCommand } from "./store/index.js";

export class TurnTimer {
  private timer: NodeJS.Timeout | null = null;
  private round = -1;

  constructor(
    private readonly seconds: number,
    private readonly expire: (round: number) => void,
  ) {}

  /** After every change: arms for a new player phase, stops outside one. Returns the deadline (ms
   *  since the epoch; 0: none), or null when it did not change. */
  update(battle: BattleState): number | null {
    if (this.seconds <= 0) return null;
    if (battle.phase !== "player") {
      this.stop();
      // a campaign's next scene starts at round 1 again: arm for it whatever round this one ended in
      this.round = -1;
      return 0;
    }
    if (this.round === battle.round) return null;
    this.round = battle.round;
    this.stop();
    const round = battle.round;
    this.timer = setTimeout(() => this.expire(round), this.seconds * 1000);
    return Date.now() + this.seconds * 1000;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Marks every seat not yet ready in `round` ready. */
export function readyEveryone(start: BattleState, round: number): { state: BattleState; commands: LoggedCommand[]; events: BattleEvent[] } {
  let state = start;
  const commands: LoggedCommand[] = [];
  const events: BattleEvent[] = [];
  for (const seat of SEATS) {
    if (state.phase !== "player" || state.round !== round || state.ready[seat]) continue;
    const r = engine.apply(state, { seat, action: { type: "ready", ready: true } });
    if (!r.ok) continue;
    state = r.state;
    events.push(...r.events);
    commands.push({ seat, action: { type: "ready", ready: true }, hash: hashState(state) });
  }
  return { state, commands, events };
}
