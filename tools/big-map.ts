/**
 * A large generated map for the benchmark and the engine's size tests (never committed as a map):
 * `size`×`size` tiles on `levels` floors linked by stairs, blocks of buildings, rubble, manholes,
 * six soldiers in the middle of the ground floor and a steady wave table.
 */
import { parseMap } from "../shared/map/parse.js";
import type { MapDef } from "../shared/index.js";
import { buildTmj, type MapSpec } from "./make-maps.js";

function floor(size: number, level: number): string[] {
  const rows: string[] = [];
  for (let y = 0; y < size; y++) {
    let row = "";
    for (let x = 0; x < size; x++) {
      const bx = x % 12, by = y % 12;
      // buildings: 5×5 blocks with streets between; on upper floors the blocks are the rooms' walls
      const inBlock = bx >= 3 && bx <= 7 && by >= 3 && by <= 7 && !(bx === 5 || by === 5);
      if ((x === 9 && y % 12 === 9) || (x % 24 === 1 && y % 24 === 1)) row += "S";
      else if (level === 0 && x % 16 === 10 && y % 16 === 10) row += "M";
      else if (inBlock) row += "#";
      else if ((x * 7 + y * 13 + level * 5) % 29 === 0) row += "r";
      else row += ".";
    }
    rows.push(row);
  }
  return rows;
}

export function bigMapSpec(size = 64, levels = 4): MapSpec {
  const mid = Math.floor(size / 2);
  const spawns: MapSpec["spawns"] = [];
  for (let k = 2; k < size; k += 12) {
    spawns.push({ kind: "edge", x: 0, y: k }, { kind: "edge", x: size - 1, y: k });
    spawns.push({ kind: "edge", x: k, y: 0 }, { kind: "edge", x: k, y: size - 1 });
  }
  for (let y = 10; y < size; y += 16) for (let x = 10; x < size; x += 16) spawns.push({ kind: "manhole", x, y });
  for (let l = 1; l < levels; l++) spawns.push({ kind: "rooftop", x: 3, y: 3, level: l });
  return {
    id: `big-${size}x${size}x${levels}`,
    name: "Big (generated)",
    visionRange: 16,
    maxRounds: 12,
    objective: "hold",
    waves: Array.from({ length: 10 }, (_, r) => `${r + 1}: snatcher*3, spitter*2, leaper*2`),
    levels: Array.from({ length: levels }, (_, l) => floor(size, l)),
    dust: false,
    units: [
      { kind: "takumi", x: mid - 2, y: mid },
      { kind: "private", seat: "takumi", x: mid - 2, y: mid + 1 },
      { kind: "private", seat: "takumi", x: mid - 1, y: mid + 1 },
      { kind: "wang", x: mid + 1, y: mid },
      { kind: "private", seat: "wang", x: mid + 1, y: mid + 1 },
      { kind: "private", seat: "wang", x: mid + 2, y: mid + 1 },
    ],
    spawns,
  };
}

export function bigMap(size = 64, levels = 4): MapDef {
  const spec = bigMapSpec(size, levels);
  return parseMap(`${spec.id}.tmj`, JSON.parse(JSON.stringify(buildTmj(spec))));
}
