/**
 * A room's Colyseus clock without its 60 Hz interval. A room that sends its patches itself
 * (patchRate null) still gets an interval ticking its clock 60 times a second: with hundreds of
 * battles, thousands of timer callbacks a second for a clock nothing of ours reads (the rooms' waits
 * are Node timers, waits.ts). Colyseus reads it in two places: `broadcastPatch`, which ticks it
 * itself, and a message's arrival (the per-second message count behind maxMessagesPerSecond), which
 * `tickOnMessage` ticks first. So the clock reads the time wherever it is read, and no interval runs.
 */
import type { Room } from "colyseus";

interface ClockInternals {
  _simulationInterval?: unknown;
  _onMessage?: (...a: unknown[]) => unknown;
}

/**
 * Clears the clock's interval (call in onCreate, before any client joins). Returns false, changing
 * nothing, if Colyseus' room is not the one expected (then its interval stays).
 */
export function stopClockInterval(room: Room): boolean {
  const r = room as unknown as ClockInternals;
  const onMessage = r._onMessage;
  if (typeof onMessage !== "function" || r._simulationInterval !== undefined) return false;
  // patchRate's setter clears the interval it made, and makes another only without a simulation
  // interval: one stands in for the moment of the call.
  r._simulationInterval = true;
  try {
    room.patchRate = null;
  } finally {
    r._simulationInterval = undefined;
  }
  // each client's socket binds _onMessage as it joins: from now on it is this one
  r._onMessage = function (this: Room, ...a: unknown[]) {
    this.clock.tick();
    return onMessage.apply(this, a);
  };
  return true;
}
