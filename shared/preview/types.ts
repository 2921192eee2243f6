/**
 * What the engine says about an action before it is committed (docs/DESIGN.md §14): every
 * consequence it has at once, whether it should ask first, and why it would be refused. Plain data,
 * computed from the seat's view only (nothing hidden leaks through a preview).
 */
import type { Action, Pos } from "../core/types.js";
import type { ErrorCode } from "../core/errors.js";
import type { HitChance } from "../rules/combat.js";

export type ConsequenceKind =
  /** Hit points a unit loses (the shot's target, the acid of a walk, a splash, the tug...). */
  | "damage"
  /** A soldier goes down (0 hp): revive him before the next round ends or he dies. */
  | "down"
  /** A unit dies (a creature killed; a soldier already down finished). */
  | "dies"
  /** A kill's burst of acid on a unit beside the corpse (armor ignored). */
  | "splash"
  /** A soldier loses his rifle (splashed while standing on acid). */
  | "weaponLost"
  /** Acid left on a tile (under the corpse, around it, a leak); `unit` when someone stands in it. */
  | "acid"
  /** Armor corroded by acid. */
  | "corroded"
  /** The ring squeezes: the radius after the next environment phase shrinks (corpses at the line). */
  | "ringSqueezed"
  /** The soldier ends outside the holding line: exposed in the enemy phase (grabbed without a roll). */
  | "exposed"
  /** He steps out of the ring (was inside, ends outside). */
  | "leavesRing"
  /** He ends on a tile a creature has announced it will attack. */
  | "telegraphed"
  /** He ends on a spawn point the next wave uses. */
  | "spawnPoint"
  /** He falls through a melted floor. */
  | "falls"
  /** Fire burns him on a tile he enters. */
  | "fire"
  /** A grabbed comrade is freed. */
  | "freed"
  /** A soldier (or child) leaves the board alive (withdraw, or extraction at the round's end). */
  | "leaves"
  /** The scene ends (no sergeant left on the board, or the last round). */
  | "endsScene"
  /** A soldier left on the board when the scene ends: lost (the campaign does not carry him on). */
  | "leftBehind"
  /** A soldier who is down bleeds out at this round's end unless revived. */
  | "bleedsOut"
  /** The round ends: the enemy phase plays out what was announced. */
  | "endsRound"
  /** The objective changes (the rescue reached). */
  | "objective";

export interface Consequence {
  kind: ConsequenceKind;
  /** The unit it happens to (absent for a tile or the ring). */
  unit?: string;
  /** Whether it happens on a hit, on a miss, or whatever the roll ("always"). */
  when: "always" | "hit" | "miss";
  /** Hit points (damage, splash, fire), acid intensity (acid), armor left (corroded), radius after (ringSqueezed). */
  amount?: number;
  at?: Pos;
  /** What it is, in a player's words ("Private Wang-1 takes 2 acid (armor ignored)"). */
  text: string;
}

export interface Refused {
  code: ErrorCode;
  /** The true cause in a player's words ("Sergeant Takumi's magazine is empty: reload first (1 AP)"). */
  message: string;
}

export interface ActionPreview {
  action: Action;
  /** Would the engine accept it now (judged on the seat's view)? */
  ok: boolean;
  refusal: Refused | null;
  /** A shot's chance and its parts; null for anything that does not roll. */
  chance: HitChance | null;
  /** Every consequence at once, in the order the engine would resolve them (hit branch first). */
  consequences: Consequence[];
  /** The choice loses soldiers or hurts: confirm first (askFirst.ts); null for one click. */
  ask: AskFirst | null;
}

export interface AskFirst {
  /** One line a player reads before the second click: "Private Takumi-2 will be left behind." */
  cost: string;
  /** Each cost, one per line. */
  costs: string[];
}
