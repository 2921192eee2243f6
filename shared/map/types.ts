/** A parsed, validated map: what the engine needs from a Tiled `.tmj` file. Immutable at runtime. */

/** Terrain kinds, stored as small integers in flat arrays for speed. */
export const Terrain = {
  street: 0,
  rubble: 1,
  wall: 2,
  vehicle: 3,
  manhole: 4,
  exit: 5,
  stairs: 6,
  hole: 7,
} as const;
export type TerrainName = keyof typeof Terrain;
export type TerrainCode = (typeof Terrain)[TerrainName];
export const TERRAIN_NAMES = Object.keys(Terrain) as TerrainName[];

export type SoldierKind = "takumi" | "wang" | "private";
export type CreatureKind = "snatcher" | "leaper" | "spitter";
export type Seat = "takumi" | "wang";
/** Civilians: adults run for the way out; children wait with their family to be carried. */
export type CivilianKind = "civilian" | "child";

export interface CivilianStart {
  kind: CivilianKind;
  x: number;
  y: number;
  level: number;
  /** Trapped (a grown civilian on a `reach` map): he cannot run until a soldier reaches the rescue point. */
  trapped?: boolean;
}

export interface SoldierStart {
  kind: SoldierKind;
  seat: Seat;
  x: number;
  y: number;
  level: number;
}

export type SpawnKind = "manhole" | "edge" | "rooftop";
export interface SpawnPoint {
  kind: SpawnKind;
  x: number;
  y: number;
  level: number;
}

/** One row of the wave table: at the start of `round`, these creatures arrive. */
export interface Wave {
  round: number;
  creatures: { kind: CreatureKind; count: number }[];
}

export interface PerimeterDef {
  cx: number;
  cy: number;
  level: number;
  radius: number;
  /** When the radius reaches this value the objective turns to break-out. */
  breakPoint: number;
  /** The radius falls by 1 for every this many corpses lying within 1 tile outside the line. */
  squeezeCorpses: number;
  /** The radius falls by 1 every this many rounds regardless (0: never). */
  squeezeEveryRounds: number;
}

export interface ObjectiveDef {
  /** `hold`: hold the perimeter until it breaks; `reach`: a soldier reaches `rescue`. Then: extract.
   *  `escape`: extract from the first round (cross the map to its extraction points). */
  kind: "hold" | "reach" | "escape";
  rescue?: { x: number; y: number; level: number };
  /** Where soldiers get out; empty means the map's `exit` tiles. */
  extract: { x: number; y: number; level: number }[];
}

export interface MapDef {
  id: string;
  name: string;
  width: number;
  height: number;
  levels: number;
  /** terrain[level * width * height + y * width + x] */
  terrain: Uint8Array;
  /** 1 where dust hangs (hit chance penalty beyond 3 tiles). */
  dust: Uint8Array;
  /** Sight range in tiles (4 in dust, 6 on clear maps). */
  visionRange: number;
  maxRounds: number;
  soldiers: SoldierStart[];
  spawns: SpawnPoint[];
  waves: Wave[];
  perimeter: PerimeterDef | null;
  objective: ObjectiveDef;
  /** A few lines from the story, shown before the scene (optional map property `briefing`). */
  briefing?: string;
  /** Civilians on the board when the battle opens (objects of class `civilian`/`child` in `units`). */
  civilians?: CivilianStart[];
  /** Won only if at least this many civilians are saved when the battle ends (map property `saveAtLeast`). */
  saveAtLeast?: number;
  /** Tiles burning when the battle opens, for `rounds` rounds (objectives of class `fire`). */
  fires?: { x: number; y: number; level: number; rounds: number }[];
  /** Stable hash of the source file's content, recorded in match records. */
  contentHash: string;
}
