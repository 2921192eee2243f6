/**
 * The drill's map ("a way in"): a small clear yard where the first battle teaches by
 * doing. It has no waves: every creature the drill shows is placed by its steps (shared/drill/).
 * The drain at the bottom left is where a Snatcher drags its victim; the gap on the right is the
 * way out the drill ends on. Wang waits in the far corner (his seat stays idle in the drill).
 */
import type { MapSpec } from "./map-spec.js";

//         x: 012345678901
const DRILL = [
  /* 0 */ "############",
  /* 1 */ "#....r.....#",
  /* 2 */ "#..........E",
  /* 3 */ "#...B......E",
  /* 4 */ "#..........#",
  /* 5 */ "#......r...#",
  /* 6 */ "#..........#",
  /* 7 */ "E..........#",
  /* 8 */ "############",
];

export const DRILL_MAP: MapSpec = {
  id: "drill",
  name: "The Drill",
  visionRange: 6,
  maxRounds: 30,
  objective: "escape",
  briefing:
    "Before the bus, before the alley: the yard behind the barracks, and a sergeant who shows you " +
    "how it goes. Move, shoot, read what they mean to do, hold on to your own, and get out alive.",
  waves: [],
  levels: [DRILL],
  dust: false,
  units: [
    { kind: "takumi", x: 3, y: 5 },
    { kind: "private", seat: "takumi", x: 4, y: 6 },
    { kind: "wang", x: 1, y: 1 },
  ],
  spawns: [{ kind: "rooftop", x: 6, y: 0 }],
};
