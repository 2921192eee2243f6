/**
 * View publishing: the squad's view of the battle into the room's Schema (diffed), and the events
 * the squad may see, filtered by the engine. Sight is shared by the squad (splitVision is refused),
 * so every client, player or spectator, gets the engine's "spectator" view: the union of every
 * soldier's sight. Nothing here reads the full state into anything a client receives but through
 * `viewFor` and `eventsFor`.
 */
import { viewFor, type BattleEvent, type BattleState, type MapDef } from "../shared/index.js";
import { eventsFor } from "../shared/view/view.js";
import { eventsToWire, toWire, type WireState } from "../shared/view/wire.js";
import { wireHash } from "../shared/view/wireFields.js";
import { syncWire, type BattleStateSchema } from "./schema.js";

export interface EventsMessage {
  round: number;
  events: unknown[];
  step: number;
  /** The log step the events lead from, when it is not `step - 1` (bots' commands followed). */
  fromStep?: number;
}

export class ViewPublisher {
  private lastWire: WireState | null = null;

  constructor(private readonly map: MapDef) {}

  /** A hash of the squad's current view (nothing hidden in it). */
  viewHash(): string {
    return this.lastWire ? wireHash(this.lastWire) : "";
  }

  /** Copies the squad's view of `battle` into the Schema (only what changed). */
  sync(schema: BattleStateSchema, battle: BattleState): void {
    const wire = toWire(viewFor(battle, "spectator"));
    syncWire(schema, wire, this.lastWire);
    this.lastWire = wire;
  }

  /** Sets the room-level fields (code, seat holders, spectators…) that changed. */
  roomFields(schema: BattleStateSchema, fields: Record<string, string | number | boolean>): void {
    const s = schema as unknown as Record<string, unknown>;
    for (const k in fields) if (s[k] !== fields[k]) s[k] = fields[k];
  }

  /** The `events` message for going from `before` to `after`, or null when the squad saw nothing. */
  events(before: BattleState, after: BattleState, events: BattleEvent[]): EventsMessage | null {
    if (events.length === 0) return null;
    const visible = eventsFor(before, after, events, "spectator");
    if (visible.length === 0) return null;
    const fromStep = before.step;
    return {
      round: after.round,
      // positions as tile indices (the wire form); clients turn them back with eventsFromWire
      events: eventsToWire(this.map, visible),
      step: after.step,
      ...(fromStep !== after.step - 1 ? { fromStep } : {}),
    };
  }
}
