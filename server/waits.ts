/**
 * The room's two waits for people (Node timers, not the room clock, which only ticks on patches):
 * seats humans held before the room closed stay open for the reconnection window, so both players
 * can come back by the code (then the bot takes any nobody took); and an empty room (no client, no
 * seat waiting for a reconnection) closes after idleSeconds, its battle reopening by its code.
 */
import type { Seat } from "../shared/index.js";
import type { SeatTable } from "./seats.js";
import { OneShot } from "./timer.js";

export class RoomWaits {
  private idleTimer = new OneShot();
  private reopenTimer = new OneShot();

  /** Keeps `humanSeats` open for `seconds`; `closed` runs if the window closed any still open. */
  keepSeatsForReturn(seats: SeatTable, humanSeats: Seat[], seconds: number, closed: () => void): void {
    if (humanSeats.length === 0) return;
    for (const seat of humanSeats) seats.keepOpen(seat);
    this.reopenTimer.start(seconds * 1000, () => {
      if (seats.closeOpen()) closed();
    });
  }

  /** Arms the idle close when the room is empty; `close` runs if it still is after `seconds`. */
  armIdle(empty: () => boolean, seats: SeatTable, seconds: number, close: () => void): void {
    if (!empty() || seats.anyDropped()) return;
    this.idleTimer.start(seconds * 1000, () => {
      if (empty()) close();
    });
  }

  /** Someone joined: the room is not idle. */
  stopIdle(): void {
    this.idleTimer.stop();
  }

  stop(): void {
    this.idleTimer.stop();
    this.reopenTimer.stop();
  }
}
