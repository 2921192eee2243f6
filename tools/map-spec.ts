/**
 * The ASCII map specification the map tool turns into Tiled files (tools/make-maps.ts), shared by
 * the tool and the story's scenes (tools/story-maps.ts).
 */
import type { SoldierKind, Seat, SpawnKind } from "../shared/map/types.js";

export interface UnitSpec {
  kind: SoldierKind;
  x: number;
  y: number;
  seat?: Seat;
  level?: number;
}
export interface SpawnSpec {
  kind: SpawnKind;
  x: number;
  y: number;
  level?: number;
}
export interface MapSpec {
  id: string;
  name: string;
  visionRange: number;
  maxRounds: number;
  objective: "hold" | "reach" | "escape";
  /** Won only with at least this many civilians saved (map property `saveAtLeast`). */
  saveAtLeast?: number;
  /** Civilians on the board from the start: adults run for the way out, children wait to be carried. */
  civilians?: { kind: "civilian" | "child"; x: number; y: number; level?: number; trapped?: boolean }[];
  /** round: creature*count, ...; rounds separated by ";" */
  waves: string[];
  /** One picture per level, level 0 first. */
  levels: string[][];
  /** Dust over every level (true), none (false), or only the listed levels. */
  dust: boolean | number[];
  units: UnitSpec[];
  spawns: SpawnSpec[];
  perimeter?: {
    x: number;
    y: number;
    level?: number;
    radius: number;
    breakPoint: number;
    squeezeCorpses: number;
    squeezeEveryRounds: number;
  };
  rescue?: { x: number; y: number; level?: number };
  /** Where soldiers get out (default: the exit tiles). */
  extract?: { x: number; y: number; level?: number }[];
  /** A few lines from the story, shown before the scene. */
  briefing?: string;
  /** Tiles burning from the first round, for `rounds` rounds (a burning vehicle spreads it). */
  fires?: { x: number; y: number; level?: number; rounds: number }[];
}
