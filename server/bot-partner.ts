/**
 * The bot partner's pace: it plays its squad after its human partner is ready (the room decides
 * when that is, see SeatTable.botsDue), one command every `delayMs`, so a person can follow it.
 * Its first command comes soon after the partner's ready (he has just watched his own), and its
 * ready goes with its last command (nothing to watch in it): no pause that shows nothing. With
 * `delayMs` 0 (tests) it plays everything due at once. The moves come from the engine's autoplay
 * driver (shared/ai/autoplay.ts): a refused bot plan becomes a ready, so nothing stalls.
 */
import { botCommand, type AutoStep, type BattleState, type Seat, type StandingOrder } from "../shared/index.js";
import { otherSeat } from "./seats.js";
import { engine } from "./fault.js";
import { OneShot } from "./timer.js";

/** How soon the first command of the bot's turn follows its partner's ready (ms). */
export const FIRST_COMMAND_MS = 100;

export class BotPartner {
  private timer = new OneShot();
  /** Its turn is under way (a command of it was due at the last wake): the next waits the whole delay. */
  private inTurn = false;

  constructor(
    readonly delayMs: number,
    /** Schedules the bot's turn on the room's queue. */
    private readonly run: () => void,
  ) {}

  /** Called after every change of the battle or the seats, with whether the bot has a move due. */
  wake(due: boolean): void {
    if (!due) {
      this.inTurn = false;
      return this.timer.stop();
    }
    if (!this.timer.pending) this.timer.start(this.inTurn ? this.delayMs : Math.min(this.delayMs, FIRST_COMMAND_MS), this.run);
    this.inTurn = true;
  }

  /** Its commands could not be stored (the database is out): it tries again in a second. */
  retryLater(): void {
    this.timer.start(Math.max(this.delayMs, 1000), this.run);
  }

  stop(): void {
    this.timer.stop();
  }

  /** A turn is scheduled (its delay running). */
  get scheduled(): boolean {
    return this.timer.pending;
  }

  /** The commands to play now for `seats`: one (paced), or all of this phase (no delay, or `all`). */
  steps(battle: BattleState, seats: Seat[], all: boolean, max: number, orders?: Record<Seat, StandingOrder>): AutoStep[] {
    if (seats.length === 0 || battle.phase !== "player") return [];
    if (this.delayMs > 0 && !all) {
      // the standing order its partner gave (free by default) steers the bot
      // (with both seats the bot's, each counts on the other's holds)
      const partnerBot = seats.includes(otherSeat(seats[0]));
      const plan = (s: BattleState, seat: Seat) => botCommand(s, seat, orders?.[seat] ?? "free", partnerBot);
      const step = engine.autoplayStep(battle, seats[0], plan);
      if (!step) return [];
      // its ready after its last command goes with that command, not a pause later
      if (step.command.action.type !== "ready" && step.state.phase === "player") {
        const next = engine.autoplayStep(step.state, seats[0], plan);
        if (next && next.command.action.type === "ready" && !next.refused) return [step, next];
      }
      return [step];
    }
    return engine.autoplay(battle, seats, { max, untilPhaseEnds: true, orders }).steps;
  }
}
