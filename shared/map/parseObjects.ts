/**
 * The map loader's object steps: the units (soldiers and civilians), the spawn points and the
 * objectives (perimeter, rescue, extraction points, fires), placed on the grid. Each returns a
 * result naming the layer and the object's field of its first problem.
 */
import {
  TERRAIN_NAMES,
  type CivilianKind,
  type CivilianStart,
  type MapDef,
  type ObjectiveDef,
  type PerimeterDef,
  type Seat,
  type SoldierKind,
  type SoldierStart,
  type SpawnPoint,
  type TerrainName,
} from "./types.js";
import { checked, parsed, problem, type Parsed } from "./problem.js";
import type { Grid } from "./parseGrid.js";
import {
  CIVILIAN_KINDS,
  FireProps,
  PerimeterProps,
  propsRecord,
  RescueProps,
  SOLDIER_KINDS,
  SPAWN_KINDS,
  SpawnProps,
  UnitProps,
  type TiledObject,
} from "./tiled.js";

interface Placed {
  kind: string;
  x: number;
  y: number;
  level: number;
  label: string;
}

const terrainAt = (g: Grid, x: number, y: number, level: number): TerrainName => TERRAIN_NAMES[g.terrain[level * g.area + y * g.width + x]];
const onBorder = (g: Grid, x: number, y: number) => x === 0 || y === 0 || x === g.width - 1 || y === g.height - 1;
const standable = (t: TerrainName) => t !== "wall" && t !== "vehicle" && t !== "hole";

/** An object's kind, tile and level; refuses non-points and positions off the grid. */
function place(g: Grid, layer: string, obj: TiledObject, i: number, level: number | undefined): Parsed<Placed> {
  const label = `object ${obj.id ?? i}${obj.name ? ` "${obj.name}"` : ""}`;
  if (obj.point !== true) return problem(layer, `objects[${i}].point`, `${label} must be a point object (Insert Point)`);
  const x = Math.floor(obj.x / g.tilewidth);
  const y = Math.floor(obj.y / g.tileheight);
  if (x < 0 || x >= g.width) return problem(layer, `objects[${i}].x`, `${label} is off the grid (tile x=${x}, map is ${g.width} wide)`);
  if (y < 0 || y >= g.height) return problem(layer, `objects[${i}].y`, `${label} is off the grid (tile y=${y}, map is ${g.height} high)`);
  const lv = level ?? 0;
  if (lv >= g.levels) return problem(layer, `objects[${i}].level`, `${label} is on level ${lv} but the map has ${g.levels} level(s)`);
  return parsed({ kind: obj.type || obj.class || "", x, y, level: lv, label });
}

export interface UnitStarts {
  soldiers: SoldierStart[];
  civilians: CivilianStart[];
}

/** The units layer: every soldier (with his seat) and civilian on free ground, one a tile; each sergeant exactly once. */
export function parseUnits(g: Grid): Parsed<UnitStarts> {
  const layer = g.objectLayers.get("units");
  if (!layer) return problem("units", "name", "the map has no object layer named \"units\"");
  const soldiers: SoldierStart[] = [];
  const civilians: CivilianStart[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < layer.objects.length; i++) {
    const obj = layer.objects[i];
    const props = checked(UnitProps, propsRecord(obj.properties), "units", `objects[${i}]`);
    if (!props.ok) return props;
    const up = props.value;
    const at = place(g, "units", obj, i, up.level);
    if (!at.ok) return at;
    const p = at.value;
    const civilian = (CIVILIAN_KINDS as readonly string[]).includes(p.kind);
    if (!civilian && !(SOLDIER_KINDS as readonly string[]).includes(p.kind)) {
      return problem("units", `objects[${i}].type`, `${p.label} has type "${p.kind}"; expected one of ${[...SOLDIER_KINDS, ...CIVILIAN_KINDS].join(", ")}`);
    }
    let seat: Seat | undefined;
    if (civilian) {
      if (up.seat !== undefined) return problem("units", `objects[${i}].seat`, `${p.label}: a ${p.kind} has no seat`);
      if (up.trapped && p.kind !== "civilian") return problem("units", `objects[${i}].trapped`, `${p.label}: only a grown civilian can be trapped (a child waits to be carried)`);
    } else if (up.trapped !== undefined) {
      return problem("units", `objects[${i}].trapped`, `${p.label}: only a civilian can be trapped`);
    } else if (p.kind === "private") {
      if (up.seat === undefined) return problem("units", `objects[${i}].seat`, `${p.label}: a private needs a seat (takumi or wang)`);
      seat = up.seat;
    } else {
      if (up.seat !== undefined && up.seat !== p.kind) return problem("units", `objects[${i}].seat`, `${p.label}: Sergeant ${p.kind} belongs to seat "${p.kind}"`);
      seat = p.kind as Seat;
    }
    const t = terrainAt(g, p.x, p.y, p.level);
    if (!standable(t)) return problem("units", `objects[${i}].x`, `${p.label} stands on ${t} at (${p.x}, ${p.y}, level ${p.level})`);
    const key = p.level * g.area + p.y * g.width + p.x;
    if (taken.has(key)) return problem("units", `objects[${i}].x`, `${p.label} shares tile (${p.x}, ${p.y}, level ${p.level}) with another unit`);
    taken.add(key);
    if (civilian) civilians.push({ kind: p.kind as CivilianKind, x: p.x, y: p.y, level: p.level, ...(up.trapped ? { trapped: true } : {}) });
    else soldiers.push({ kind: p.kind as SoldierKind, seat: seat!, x: p.x, y: p.y, level: p.level });
  }
  for (const sergeant of ["takumi", "wang"] as const) {
    const n = soldiers.filter((s) => s.kind === sergeant).length;
    if (n !== 1) return problem("units", "objects", n === 0 ? `no ${sergeant}: each map needs Sergeant ${sergeant}` : `${n} units of type ${sergeant}; expected exactly 1`);
  }
  return parsed({ soldiers, civilians });
}

/** The spawns layer: manholes on manhole tiles, rooftops on walls, edges on the open border; at least one. */
export function parseSpawns(g: Grid): Parsed<SpawnPoint[]> {
  const layer = g.objectLayers.get("spawns");
  if (!layer) return problem("spawns", "name", "the map has no object layer named \"spawns\"");
  const spawns: SpawnPoint[] = [];
  for (let i = 0; i < layer.objects.length; i++) {
    const obj = layer.objects[i];
    const props = checked(SpawnProps, propsRecord(obj.properties), "spawns", `objects[${i}]`);
    if (!props.ok) return props;
    const at = place(g, "spawns", obj, i, props.value.level);
    if (!at.ok) return at;
    const p = at.value;
    const kind = p.kind as SpawnPoint["kind"];
    if (!(SPAWN_KINDS as readonly string[]).includes(kind)) return problem("spawns", `objects[${i}].type`, `${p.label} has type "${p.kind}"; expected one of ${SPAWN_KINDS.join(", ")}`);
    const t = terrainAt(g, p.x, p.y, p.level);
    const where = `(${p.x}, ${p.y}, level ${p.level})`;
    if (kind === "manhole" && t !== "manhole") return problem("spawns", `objects[${i}].x`, `${p.label}: a manhole spawn must sit on a manhole tile, not ${t} at ${where}`);
    if (kind === "rooftop" && t !== "wall") return problem("spawns", `objects[${i}].x`, `${p.label}: a rooftop spawn must sit on a wall tile, not ${t} at ${where}`);
    if (kind === "edge") {
      if (!onBorder(g, p.x, p.y)) return problem("spawns", `objects[${i}].x`, `${p.label}: an edge spawn must be on the map's border, not at ${where}`);
      if (!standable(t)) return problem("spawns", `objects[${i}].x`, `${p.label}: an edge spawn can't be on ${t} at ${where}`);
    }
    spawns.push({ kind, x: p.x, y: p.y, level: p.level });
  }
  if (spawns.length === 0) return problem("spawns", "objects", "the map has no spawn points");
  return parsed(spawns);
}

export interface Objectives {
  perimeter: PerimeterDef | null;
  rescue: ObjectiveDef["rescue"];
  extract: ObjectiveDef["extract"];
  fires: NonNullable<MapDef["fires"]>;
}

/** The objectives layer (optional): at most one perimeter and one rescue point, any extraction points and fires. */
export function parseObjectives(g: Grid): Parsed<Objectives> {
  const out: Objectives = { perimeter: null, rescue: undefined, extract: [], fires: [] };
  const objects = g.objectLayers.get("objectives")?.objects ?? [];
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const raw = propsRecord(obj.properties);
    const kind = obj.type || obj.class || "";
    const field = `objects[${i}]`;
    if (kind === "perimeter") {
      if (out.perimeter) return problem("objectives", `${field}.type`, "a second perimeter; a map has at most one");
      const props = checked(PerimeterProps, raw, "objectives", field);
      if (!props.ok) return props;
      const pp = props.value;
      const at = place(g, "objectives", obj, i, pp.level);
      if (!at.ok) return at;
      if (pp.breakPoint > pp.radius) return problem("objectives", `${field}.breakPoint`, `breakPoint ${pp.breakPoint} is larger than radius ${pp.radius}`);
      const p = at.value;
      out.perimeter = { cx: p.x, cy: p.y, level: p.level, radius: pp.radius, breakPoint: pp.breakPoint, squeezeCorpses: pp.squeezeCorpses, squeezeEveryRounds: pp.squeezeEveryRounds };
    } else if (kind === "rescue" || kind === "extract") {
      if (kind === "rescue" && out.rescue) return problem("objectives", `${field}.type`, "a second rescue point; a map has at most one");
      const props = checked(RescueProps, raw, "objectives", field);
      if (!props.ok) return props;
      const at = place(g, "objectives", obj, i, props.value.level);
      if (!at.ok) return at;
      const p = at.value;
      const t = terrainAt(g, p.x, p.y, p.level);
      if (!standable(t)) return problem("objectives", `${field}.x`, `${p.label}: the ${kind === "rescue" ? "rescue point" : "extraction point"} is on ${t}`);
      if (kind === "rescue") out.rescue = { x: p.x, y: p.y, level: p.level };
      else out.extract.push({ x: p.x, y: p.y, level: p.level });
    } else if (kind === "fire") {
      const props = checked(FireProps, raw, "objectives", field);
      if (!props.ok) return props;
      const at = place(g, "objectives", obj, i, props.value.level);
      if (!at.ok) return at;
      const p = at.value;
      const t = terrainAt(g, p.x, p.y, p.level);
      if (t === "wall" || t === "hole") return problem("objectives", `${field}.x`, `${p.label}: a fire on ${t} cannot burn`);
      out.fires.push({ x: p.x, y: p.y, level: p.level, rounds: props.value.rounds });
    } else {
      return problem("objectives", `${field}.type`, `object ${obj.id ?? i} has type "${kind}"; expected perimeter, rescue, extract or fire`);
    }
  }
  return parsed(out);
}
