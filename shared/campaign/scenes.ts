/** The campaign's scenes in story order, and the words the roll of the fallen uses for each place. */

export interface Scene {
  /** The map id (`maps/<id>.tmj`). */
  map: string;
  /** Where it happened, as the roll of the fallen says it: "killed at the bus". */
  place: string;
  /** Where the creatures take their victims on this map: "taken into the drain at the alley". */
  takenInto: string;
}

export const SCENES: readonly Scene[] = [
  { map: "the-bus", place: "at the bus", takenInto: "into the dust" },
  { map: "the-alley", place: "in the alley", takenInto: "into the drain" },
  { map: "last-stand", place: "at the last stand", takenInto: "down a manhole" },
  { map: "the-streets", place: "in the streets", takenInto: "into the sewers" },
  { map: "the-tower", place: "in the tower", takenInto: "out of a window" },
  { map: "the-wall", place: "at the wall", takenInto: "over the wall" },
];

export const SCENE_IDS: readonly string[] = SCENES.map((s) => s.map);
