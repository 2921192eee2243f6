/**
 * The bot partner's pace: it plays its squad after its human partner is ready (the room decides
 * when that is, see SeatTable.botsDue), one command every `delayMs`, so a person can follow it.
 * With `delayMs` 0 (tests) it plays everything due at once. The moves come from the engine's
 * autoplay driver (shared/ai/autoplay.ts): a refused bot plan becomes a ready, so nothing stalls.
 */
import { botCommand, type AutoStep, type BattleState, type Seat, type StandingOrder } from "../shared/index.js";
import { engine } from "./fault.js";
import { OneShot } from "./timer.js";

export class BotPartner {
  private timer = new OneShot();

  constructor(
    readonly delayMs: number,
    /** Schedules the bot's turn on the room's queue. */
    private readonly run: () => void,
  ) {}

  /** Called after every change of the battle or the seats, with whether the bot has a move due. */
  wake(due: boolean): void {
    if (!due) return this.timer.stop();
    if (!this.timer.pending) this.timer.start(this.delayMs, this.run);
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
      const step = engine.autoplayStep(battle, seats[0], (s, seat) => botCommand(s, seat, orders?.[seat] ?? "free"));
      return step ? [step] : [];
    }
    return engine.autoplay(battle, seats, { max, untilPhaseEnds: true, orders }).steps;
  }
}
