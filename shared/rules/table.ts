/**
 * The one rules table: every number of the design lives here (or in map data), not in code.
 * Tuned by simulation (`npm run sim`).
 */
import type { CivilianKind, CreatureKind, SoldierKind } from "../map/types.js";

export const RULES_VERSION = 10;

export interface SoldierStats {
  hp: number;
  armor: number;
  move: number;
  aim: number;
  grenades: number;
  /** Extra grenade range (Wang throws 2 tiles farther). */
  throwBonus: number;
}

export interface CreatureStats {
  hp: number;
  armor: number;
  move: number;
}

export const SOLDIERS: Record<SoldierKind, SoldierStats> = {
  takumi: { hp: 6, armor: 1, move: 4, aim: 75, grenades: 1, throwBonus: 0 },
  wang: { hp: 8, armor: 1, move: 4, aim: 65, grenades: 2, throwBonus: 2 },
  private: { hp: 5, armor: 1, move: 4, aim: 60, grenades: 1, throwBonus: 0 },
};

export const CREATURES: Record<CreatureKind, CreatureStats> = {
  snatcher: { hp: 5, armor: 0, move: 5 },
  leaper: { hp: 6, armor: 1, move: 4 },
  spitter: { hp: 4, armor: 0, move: 3 },
};

/** Civilians: an adult runs `move` tiles a round for the way out; a child does not run (move 0). */
export const CIVILIANS: Record<CivilianKind, CreatureStats> = {
  civilian: { hp: 4, armor: 0, move: 5 },
  child: { hp: 3, armor: 0, move: 0 },
};

export const RULES = {
  apPerRound: 2,
  rifle: { magazine: 3, spareMagazines: 3, damage: 3, range: 8 },
  grenade: { range: 5, radius: 1, damage: 3 },
  hit: {
    min: 5,
    max: 95,
    /** −5 per tile beyond this distance. */
    falloffFrom: 3,
    falloffPerTile: 5,
    halfCover: 20,
    fullCover: 40,
    /** Target more than `dustFrom` tiles away and standing in dust. */
    dustFrom: 3,
    dust: 10,
    onWall: 20,
    overwatch: 10,
    grabbedShooter: 20,
    calledShot: 25,
  },
  butt: { damage: 1, splash: 1 },
  calledShotDamage: 1,
  acid: {
    leak: 1,
    corpse: 3,
    corpseNeighbours: 2,
    deathSplash: 2,
    /** Intensity falls by 1 every this many rounds. */
    decayEveryRounds: 2,
    vapourCorpses: 2,
    vapourDamage: 1,
    meltRounds: 2,
    fallDamage: 2,
  },
  snatcher: {
    grabAim: 70,
    /** The grab's chance falls by this much per point of the victim's armor (corroded armor matters). */
    grabPerArmor: 15,
    /** The lunge reaches this far around the tile the Snatcher moves to (in its sight). */
    reach: 1,
    /** Tiles a drag moves a round. */
    dragTiles: 5,
    /** Damage the victim takes when a comrade's hold halts the drag. */
    tugDamage: 1,
  },
  /** The tail's sweep: armor counts against it. */
  leaper: { pounceRange: 4, sweepDamage: 3 },
  spitter: { range: 4, damage: 2, acid: 2 },
  /** A soldier at 0 hp is down, not dead: he dies at the end of the next round unless revived. */
  down: { rounds: 2, reviveAp: 2, reviveHp: 1 },
  /** Carrying a comrade who is down: Wang at full speed, anyone else at half (rounded down, at least 1). */
  carry: { ap: 1, fullSpeed: ["wang"] as readonly string[] },
  /**
   * Fire: a grenade that hits a vehicle sets it burning for `vehicleRounds`; each environment phase
   * a burning vehicle spreads fire to each tile beside it on a `spreadChance` roll, burning `rounds`.
   * Whoever enters or stands on a burning tile takes `damage` (armor ignored); smoke blocks sight.
   */
  fire: { vehicleRounds: 6, rounds: 2, spreadChance: 30, damage: 1 },
  spawnBlockDamage: 1,
  noise: { range: 8, offset: 1 },
  freedAp: 1,
  /** Times a seat may take its ready back in one round (beyond: ERR_TOO_MANY_TOGGLES), and take a
   *  move back (beyond: ERR_TOO_MANY_UNDOS). Bound the match log: ready/unready and move/undo are
   *  the pairs of commands a seat could otherwise repeat without end. */
  unreadyPerRound: 10,
  undoPerRound: 30,
} as const;

export type Difficulty = "easy" | "normal" | "hard";
export const DIFFICULTIES: Difficulty[] = ["easy", "normal", "hard"];

/** Difficulty scales the wave table's creature counts (rounded, at least 1 where the table has any). */
export const DIFFICULTY_WAVE_SCALE: Record<Difficulty, number> = {
  easy: 0.7,
  normal: 1,
  hard: 1.35,
};
