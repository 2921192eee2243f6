/**
 * View publishing: the squad's view of the battle into the room's Schema (diffed), and the events
 * the squad may see, filtered by the engine. Sight is shared by the squad (splitVision is refused),
 * so every client, player or spectator, gets the engine's "spectator" view: the union of every
 * soldier's sight. Nothing here reads the full state into anything a client receives but through
 * `viewFor` and `eventsFor`.
 */
import type { BattleEvent, BattleState, MapDef } from "../shared/index.js";
import { eventsFor, viewerMask } from "../shared/view/view.js";
import { WireBuilder, eventsToWire, type WireState } from "../shared/view/wire.js";
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
  /** `toWire(viewFor(battle, "spectator", mask))`, state after state, keeping what did not change. */
  private wire = new WireBuilder("spectator");
  /** The battle state last synced, and the squad's sight in it: the next command's events are
   *  judged against it (sight is the costliest part of a view, worked out once per state). */
  private last: { battle: BattleState; mask: Uint8Array } | null = null;
  /** The one synced before it (the `before` of the events sent with the last sync). */
  private previous: { battle: BattleState; mask: Uint8Array } | null = null;

  constructor(private readonly map: MapDef) {}

  /** A hash of the squad's current view (nothing hidden in it). */
  viewHash(): string {
    return this.lastWire ? wireHash(this.lastWire) : "";
  }

  /** Copies the squad's view of `battle` into the Schema (only what changed). */
  sync(schema: BattleStateSchema, battle: BattleState): void {
    // the same state as last time (seats or room fields changed, not the battle): the same view
    if (this.lastWire && this.last?.battle === battle) return;
    const mask = this.maskOf(battle);
    const wire = this.wire.build(battle, mask);
    syncWire(schema, wire, this.lastWire);
    this.lastWire = wire;
    if (this.last?.battle !== battle) [this.previous, this.last] = [this.last, { battle, mask }];
  }

  /** The squad's sight in `battle` (the engine never changes a state once made: its mask holds). */
  private maskOf(battle: BattleState): Uint8Array {
    if (this.last?.battle === battle) return this.last.mask;
    if (this.previous?.battle === battle) return this.previous.mask;
    return viewerMask(battle, "spectator");
  }

  /** The room-level fields as last set (nothing else writes them): compared instead of the Schema's getters. */
  private lastFields: Record<string, string | number | boolean> | null = null;

  /** Sets the room-level fields (code, seat holders, spectators…) that changed. */
  roomFields(schema: BattleStateSchema, fields: Record<string, string | number | boolean>): void {
    const s = schema as unknown as Record<string, unknown>;
    const last = this.lastFields;
    for (const k in fields) if ((last && k in last ? last[k] : s[k]) !== fields[k]) s[k] = fields[k];
    this.lastFields = fields;
  }

  /** The `events` message for going from `before` to `after`, or null when the squad saw nothing. */
  events(before: BattleState, after: BattleState, events: BattleEvent[]): EventsMessage | null {
    if (events.length === 0) return null;
    const visible = eventsFor(before, after, events, "spectator", { before: this.maskOf(before), after: this.maskOf(after) });
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
