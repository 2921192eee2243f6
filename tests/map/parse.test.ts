import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseMap, parseWaves, MapFormatError } from "../../shared/map/parse.js";
import { Terrain, type MapDef } from "../../shared/map/types.js";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (rel: string): unknown => JSON.parse(readFileSync(join(ROOT, rel), "utf8"));
const load = (id: string): MapDef => parseMap(`maps/${id}.tmj`, read(`maps/${id}.tmj`));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

// Loose access to the raw Tiled JSON for mutation.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const at = (m: MapDef, x: number, y: number, level = 0) => m.terrain[level * m.width * m.height + y * m.width + x];
const cheb = (ax: number, ay: number, bx: number, by: number) => Math.max(Math.abs(ax - bx), Math.abs(ay - by));

describe("the shipped maps", () => {
  it("every maps/*.tmj parses and its id matches the file name", () => {
    const files = readdirSync(join(ROOT, "maps")).filter((f) => f.endsWith(".tmj"));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(load(f.slice(0, -4)).id).toBe(f.slice(0, -4));
  });

  it("last-stand: the street, the bus, the circle", () => {
    const m = load("last-stand");
    expect([m.width, m.height, m.levels]).toEqual([22, 16, 1]);
    expect(m.name).toBe("Last Stand");
    expect(m.visionRange).toBe(4);
    expect(m.maxRounds).toBe(30);
    expect(m.objective).toEqual({ kind: "hold", extract: [] });
    expect(m.perimeter).toEqual({ cx: 11, cy: 8, level: 0, radius: 5, breakPoint: 2, squeezeCorpses: 4, squeezeEveryRounds: 5 });
    expect(m.terrain.length).toBe(22 * 16);
    expect(m.dust.every((d) => d === 1)).toBe(true);

    // Soldiers: Takumi + 2 privates, Wang + 2 privates, all inside the circle on street tiles.
    expect(m.soldiers.length).toBe(6);
    expect(m.soldiers.filter((s) => s.seat === "takumi").map((s) => s.kind).sort()).toEqual(["private", "private", "takumi"]);
    expect(m.soldiers.filter((s) => s.seat === "wang").map((s) => s.kind).sort()).toEqual(["private", "private", "wang"]);
    for (const s of m.soldiers) {
      expect(at(m, s.x, s.y)).toBe(Terrain.street);
      expect(cheb(s.x, s.y, 11, 8)).toBeLessThanOrEqual(5);
    }

    // The bus: a block of vehicle tiles next to the centre; an alley mouth of exit tiles.
    const count = (t: number) => m.terrain.filter((v) => v === t).length;
    expect(count(Terrain.vehicle)).toBe(8);
    expect(count(Terrain.exit)).toBeGreaterThanOrEqual(2);
    expect(count(Terrain.rubble)).toBeGreaterThanOrEqual(10);

    // Spawns: manholes 5–8 tiles out, edges on the border, rooftops on walls.
    const manholes = m.spawns.filter((s) => s.kind === "manhole");
    expect(manholes.length).toBe(4);
    for (const s of manholes) {
      expect(at(m, s.x, s.y)).toBe(Terrain.manhole);
      expect(cheb(s.x, s.y, 11, 8)).toBeGreaterThanOrEqual(5);
      expect(cheb(s.x, s.y, 11, 8)).toBeLessThanOrEqual(8);
    }
    expect(m.spawns.filter((s) => s.kind === "edge").length).toBeGreaterThanOrEqual(3);
    const roofs = m.spawns.filter((s) => s.kind === "rooftop");
    expect(roofs.length).toBeGreaterThanOrEqual(1);
    for (const s of roofs) expect(at(m, s.x, s.y)).toBe(Terrain.wall);

    // Waves: one in every round to the 18th (the break-out comes in the 15th), the first as written.
    expect(m.waves.map((w) => w.round)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(m.waves[0].creatures).toEqual([
      { kind: "snatcher", count: 2 },
      { kind: "spitter", count: 1 },
    ]);
  });

  it("the-alley: reach the woman", () => {
    const m = load("the-alley");
    expect([m.width, m.height, m.levels]).toEqual([12, 18, 1]);
    expect(m.objective.kind).toBe("reach");
    expect(m.objective.rescue).toEqual({ x: 6, y: 3, level: 0 });
    expect(m.objective.extract).toHaveLength(12);
    expect(m.perimeter).toBeNull();
    expect(m.visionRange).toBe(4);
    expect(m.soldiers.length).toBe(6);
    expect(m.soldiers.every((s) => s.y >= 13)).toBe(true); // at the street mouth
    expect(m.spawns.some((s) => s.kind === "manhole" && s.y < m.objective.rescue!.y)).toBe(true); // deeper in
    expect(at(m, 5, 0)).toBe(Terrain.exit);
    expect(m.waves.length).toBeGreaterThan(0);
    expect(m.waves.length).toBeLessThan(load("last-stand").waves.length);
  });

  it("tower-test: two levels, stairs, sergeants upstairs, no dust", () => {
    const m = load("tower-test");
    expect([m.width, m.height, m.levels]).toEqual([8, 8, 2]);
    expect(m.terrain.length).toBe(8 * 8 * 2);
    expect(at(m, 6, 6, 0)).toBe(Terrain.stairs);
    expect(at(m, 6, 6, 1)).toBe(Terrain.stairs);
    expect(m.soldiers.map((s) => [s.kind, s.level])).toEqual([
      ["takumi", 1],
      ["wang", 1],
    ]);
    expect(m.dust.every((d) => d === 0)).toBe(true);
    expect(m.visionRange).toBe(6);
    expect(m.spawns.find((s) => s.kind === "manhole")).toEqual({ kind: "manhole", x: 4, y: 4, level: 0 });
  });
});

describe("content hash", () => {
  const good = read("maps/last-stand.tmj") as Json;
  it("the-tower: civilians in the units layer, escape, saveAtLeast", () => {
    const m = parseMap("maps/the-tower.tmj", read("maps/the-tower.tmj"));
    expect(m.civilians).toEqual([
      { kind: "civilian", x: 2, y: 7, level: 2 },
      { kind: "civilian", x: 3, y: 8, level: 2 },
      { kind: "child", x: 1, y: 7, level: 2 },
      { kind: "child", x: 2, y: 8, level: 2 },
      { kind: "child", x: 1, y: 6, level: 2 },
    ]);
    expect(m.soldiers).toHaveLength(6);
    expect(m.objective.kind).toBe("escape");
    expect(m.saveAtLeast).toBe(4);
    // a map without civilians has none (and no quota)
    const ls = parseMap("maps/last-stand.tmj", read("maps/last-stand.tmj"));
    expect(ls.civilians).toBeUndefined();
    expect(ls.saveAtLeast).toBeUndefined();
  });

  it("is stable for the same JSON", () => {
    expect(parseMap("a.tmj", good).contentHash).toBe(parseMap("b.tmj", clone(good)).contentHash);
    expect(parseMap("a.tmj", good).contentHash).toMatch(/^[0-9a-f]{14}$/);
  });
  it("changes when the content changes", () => {
    const j = clone(good);
    j.layers[0].data[2 * 22 + 3] = Terrain.street + 1; // one rubble tile becomes street
    expect(parseMap("a.tmj", j).contentHash).not.toBe(parseMap("a.tmj", good).contentHash);
  });
  it("does not depend on whitespace in the file", () => {
    const text = readFileSync(join(ROOT, "maps/last-stand.tmj"), "utf8");
    expect(parseMap("a", JSON.parse(text)).contentHash).toBe(parseMap("a", JSON.parse(JSON.stringify(JSON.parse(text)))).contentHash);
  });
});

describe("the loader's details", () => {
  const good = read("maps/last-stand.tmj") as Json;
  it("gid 0 is street, flip flags are ignored, Tiled 1.9 `class` works like `type`", () => {
    const j = clone(good);
    const terrain = j.layers[0];
    terrain.data[2 * 22 + 0] = 0;
    terrain.data[2 * 22 + 1] = Terrain.rubble + 1 + 0x80000000; // flipped horizontally
    for (const t of j.tilesets[0].tiles) {
      t.class = t.type;
      delete t.type;
    }
    const units = j.layers.find((l: Json) => l.name === "units");
    units.objects[0].class = units.objects[0].type;
    delete units.objects[0].type;
    const m = parseMap("x.tmj", j);
    expect(at(m, 0, 2)).toBe(Terrain.street);
    expect(at(m, 1, 2)).toBe(Terrain.rubble);
    expect(m.soldiers[0].kind).toBe("takumi");
  });
  it("a per-level dust layer only covers its level", () => {
    const j = clone(read("maps/tower-test.tmj")) as Json;
    j.layers.push({ ...clone(j.layers[0]), id: 99, name: "dust", properties: [{ name: "level", type: "int", value: 1 }] });
    const m = parseMap("t.tmj", j);
    expect(m.dust.slice(0, 64).every((d) => d === 0)).toBe(true);
    expect(m.dust.slice(64).every((d) => d === 1)).toBe(true);
  });
  it("parseWaves merges repeats and sorts by round", () => {
    expect(parseWaves("3: leaper; 1: snatcher, snatcher*2;", 10)).toEqual([
      { round: 1, creatures: [{ kind: "snatcher", count: 3 }] },
      { round: 3, creatures: [{ kind: "leaper", count: 1 }] },
    ]);
    expect(parseWaves("", 10)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Broken maps: each is a good map with one thing wrong, refused naming the file, layer and field.

const layerOf = (j: Json, name: string) => j.layers.find((l: Json) => l.name === name);
const prop = (j: Json, name: string) => j.properties.find((p: Json) => p.name === name);
const objProp = (o: Json, name: string) => o.properties.find((p: Json) => p.name === name);
const obj = (j: Json, layer: string, type: string) => layerOf(j, layer).objects.find((o: Json) => o.type === type);
const px = (tile: number) => tile * 32 + 16;

interface Broken {
  what: string;
  base?: string;
  mutate: (j: Json) => void;
  layer: string | null;
  field: string;
  says?: RegExp;
}

const BROKEN: Broken[] = [
  { what: "terrain data too short", mutate: (j) => (layerOf(j, "terrain").data = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), layer: "terrain", field: "data", says: /expected 352 tiles, got 10/ },
  { what: "dust data too long", mutate: (j) => layerOf(j, "dust").data.push(1), layer: "dust", field: "data", says: /expected 352 tiles, got 353/ },
  { what: "unknown gid", mutate: (j) => (layerOf(j, "terrain").data[5] = 42), layer: "terrain", field: "data[5]", says: /unknown gid 42 at x=5, y=0/ },
  { what: "tile data not numbers", mutate: (j) => (layerOf(j, "terrain").data[3] = "wall"), layer: "terrain", field: "data[3]" },
  { what: "base64 tile layer", mutate: (j) => Object.assign(layerOf(j, "terrain"), { encoding: "base64", data: "AAAA" }), layer: "terrain", field: "encoding", says: /CSV/ },
  { what: "unknown terrain type in the tileset", mutate: (j) => (j.tilesets[0].tiles[3].type = "lava"), layer: null, field: "tilesets[0].tiles[3].type", says: /unknown terrain type "lava"/ },
  { what: "tileset tile without a type", mutate: (j) => delete j.tilesets[0].tiles[1].type, layer: null, field: "tilesets[0].tiles[1].type" },
  { what: "external tileset", mutate: (j) => (j.tilesets[0] = { firstgid: 1, source: "terrain.tsx" }), layer: null, field: "tilesets[0].source", says: /embed/ },
  { what: "missing visionRange", mutate: (j) => (j.properties = j.properties.filter((p: Json) => p.name !== "visionRange")), layer: null, field: "visionRange" },
  { what: "visionRange as a string", mutate: (j) => (prop(j, "visionRange").value = "4"), layer: null, field: "visionRange" },
  { what: "fractional maxRounds", mutate: (j) => (prop(j, "maxRounds").value = 2.5), layer: null, field: "maxRounds" },
  { what: "unknown objective", mutate: (j) => (prop(j, "objective").value = "survive"), layer: null, field: "objective" },
  { what: "bad map id", mutate: (j) => (prop(j, "id").value = "Last Stand!"), layer: null, field: "id" },
  { what: "property value of the wrong kind (raw zod path)", mutate: (j) => (j.properties[0].name = 7), layer: null, field: "properties[0].name" },
  { what: "waves: unknown creature", mutate: (j) => (prop(j, "waves").value = "1: snatcher*2; 2: spider"), layer: null, field: "waves", says: /unknown creature "spider"/ },
  { what: "waves: bad syntax", mutate: (j) => (prop(j, "waves").value = "1 snatcher"), layer: null, field: "waves", says: /expected "<round>:/ },
  { what: "waves: bad count", mutate: (j) => (prop(j, "waves").value = "1: snatcher*x"), layer: null, field: "waves" },
  { what: "waves: round listed twice", mutate: (j) => (prop(j, "waves").value = "1: snatcher; 1: leaper"), layer: null, field: "waves", says: /listed twice/ },
  { what: "waves: round beyond maxRounds", mutate: (j) => (prop(j, "waves").value = "31: snatcher"), layer: null, field: "waves", says: /outside 1\.\.30/ },
  { what: "width over 64", mutate: (j) => (j.width = 65), layer: null, field: "width" },
  { what: "isometric map", mutate: (j) => (j.orientation = "isometric"), layer: null, field: "orientation" },
  { what: "layer size differs from the map", mutate: (j) => (layerOf(j, "dust").width = 21), layer: "dust", field: "width" },
  { what: "no terrain layer", mutate: (j) => (j.layers = j.layers.filter((l: Json) => l.name !== "terrain")), layer: "terrain", field: "name" },
  { what: "unknown layer", mutate: (j) => j.layers.push({ id: 50, name: "notes", type: "objectgroup", objects: [] }), layer: "notes", field: "name", says: /unknown layer/ },
  { what: "units as a tile layer", mutate: (j) => Object.assign(layerOf(j, "units"), { type: "tilelayer", width: 22, height: 16, data: [] }), layer: "units", field: "type" },
  { what: "levels mismatch: terrain only for level 1", base: "tower-test", mutate: (j) => (j.layers[0].properties[0].value = 2), layer: "terrain", field: "level", says: /level 1 is missing|levels 0\.\.1/ },
  { what: "two terrain layers for one level", base: "tower-test", mutate: (j) => (j.layers[1].properties[0].value = 0), layer: "terrain", field: "level" },
  { what: "unit on a level the map lacks", base: "tower-test", mutate: (j) => (objProp(obj(j, "units", "takumi"), "level").value = 2), layer: "units", field: "objects[0].level" },
  { what: "unit on a wall", mutate: (j) => Object.assign(obj(j, "units", "wang"), { x: px(0), y: px(0) }), layer: "units", field: "objects[3].x", says: /stands on wall/ },
  { what: "unit on the bus", mutate: (j) => Object.assign(obj(j, "units", "takumi"), { x: px(10), y: px(6) }), layer: "units", field: "objects[0].x", says: /stands on vehicle/ },
  { what: "unit off the grid", mutate: (j) => (obj(j, "units", "takumi").x = px(22)), layer: "units", field: "objects[0].x", says: /off the grid/ },
  { what: "unit above the grid", mutate: (j) => (obj(j, "units", "takumi").y = -3), layer: "units", field: "objects[0].y", says: /off the grid/ },
  { what: "two units on one tile", mutate: (j) => Object.assign(layerOf(j, "units").objects[1], { x: px(8), y: px(9) }), layer: "units", field: "objects[1].x", says: /shares tile/ },
  { what: "no takumi", mutate: (j) => (layerOf(j, "units").objects = layerOf(j, "units").objects.filter((o: Json) => o.type !== "takumi")), layer: "units", field: "objects", says: /no takumi/ },
  { what: "no wang", mutate: (j) => (layerOf(j, "units").objects = layerOf(j, "units").objects.filter((o: Json) => o.type !== "wang")), layer: "units", field: "objects", says: /no wang/ },
  { what: "two takumis", mutate: (j) => Object.assign(obj(j, "units", "wang"), { type: "takumi" }), layer: "units", field: "objects", says: /2 units of type takumi/ },
  { what: "unknown unit type", mutate: (j) => (obj(j, "units", "takumi").type = "zhu"), layer: "units", field: "objects[0].type", says: /"zhu"/ },
  { what: "private without a seat", mutate: (j) => (obj(j, "units", "private").properties = []), layer: "units", field: "objects[1].seat" },
  { what: "bad seat", mutate: (j) => (objProp(obj(j, "units", "private"), "seat").value = "zhu"), layer: "units", field: "objects[1].seat" },
  { what: "sergeant in the other seat", mutate: (j) => (obj(j, "units", "takumi").properties = [{ name: "seat", type: "string", value: "wang" }]), layer: "units", field: "objects[0].seat" },
  { what: "unit drawn as a rectangle", mutate: (j) => delete obj(j, "units", "wang").point, layer: "units", field: "objects[3].point" },
  { what: "spawn off the grid", mutate: (j) => (obj(j, "spawns", "edge").y = px(16)), layer: "spawns", field: "objects[4].y", says: /off the grid/ },
  { what: "edge spawn inside the map", mutate: (j) => Object.assign(obj(j, "spawns", "edge"), { x: px(2), y: px(4) }), layer: "spawns", field: "objects[4].x", says: /border/ },
  { what: "manhole spawn off its manhole", mutate: (j) => (obj(j, "spawns", "manhole").x = px(3)), layer: "spawns", field: "objects[0].x", says: /manhole tile/ },
  { what: "rooftop spawn on the street", mutate: (j) => (obj(j, "spawns", "rooftop").y = px(3)), layer: "spawns", field: "objects[9].x", says: /wall tile/ },
  { what: "unknown spawn type", mutate: (j) => (obj(j, "spawns", "edge").type = "sky"), layer: "spawns", field: "objects[4].type" },
  { what: "perimeter without a radius", mutate: (j) => (obj(j, "objectives", "perimeter").properties = obj(j, "objectives", "perimeter").properties.filter((p: Json) => p.name !== "radius")), layer: "objectives", field: "objects[0].radius" },
  { what: "perimeter breakPoint beyond radius", mutate: (j) => (objProp(obj(j, "objectives", "perimeter"), "breakPoint").value = 9), layer: "objectives", field: "objects[0].breakPoint" },
  { what: "perimeter squeezeCorpses 0", mutate: (j) => (objProp(obj(j, "objectives", "perimeter"), "squeezeCorpses").value = 0), layer: "objectives", field: "objects[0].squeezeCorpses" },
  { what: "unknown objective object", mutate: (j) => (obj(j, "objectives", "perimeter").type = "flag"), layer: "objectives", field: "objects[0].type" },
  { what: "reach without a rescue point", base: "the-alley", mutate: (j) => (layerOf(j, "objectives").objects = []), layer: "objectives", field: "objects", says: /rescue/ },
  { what: "rescue point on a wall", base: "the-alley", mutate: (j) => (obj(j, "objectives", "rescue").x = px(1)), layer: "objectives", field: "objects[0].x" },
  { what: "extraction point on a wall", base: "the-alley", mutate: (j) => (obj(j, "objectives", "extract").y = px(10)), layer: "objectives", field: "objects[1].x", says: /extraction point is on wall/ },
  { what: "fire on a wall", base: "the-bus", mutate: (j) => (obj(j, "objectives", "fire").y = px(0)), layer: "objectives", field: "objects[11].x", says: /fire on wall cannot burn/ },
  { what: "fire for 0 rounds", base: "the-bus", mutate: (j) => (objProp(obj(j, "objectives", "fire"), "rounds").value = 0), layer: "objectives", field: "objects[11].rounds" },
  { what: "fire without rounds", base: "the-bus", mutate: (j) => (obj(j, "objectives", "fire").properties = []), layer: "objectives", field: "objects[11].rounds" },
  { what: "empty briefing", base: "the-bus", mutate: (j) => (j.properties.find((p: Json) => p.name === "briefing").value = ""), layer: null, field: "briefing" },
  { what: "briefing as an int", base: "the-bus", mutate: (j) => Object.assign(j.properties.find((p: Json) => p.name === "briefing"), { type: "int", value: 3 }), layer: null, field: "briefing" },
  { what: "civilian on a wall", base: "the-tower", mutate: (j) => Object.assign(obj(j, "units", "civilian"), { x: px(0) }), layer: "units", field: "objects[6].x", says: /stands on wall/ },
  { what: "child sharing a soldier's tile", base: "the-tower", mutate: (j) => Object.assign(obj(j, "units", "child"), { x: px(4), y: px(7), properties: [] }), layer: "units", field: "objects[8].x", says: /shares tile/ },
  { what: "civilian with a seat", base: "the-tower", mutate: (j) => (obj(j, "units", "civilian").properties.push({ name: "seat", type: "string", value: "wang" })), layer: "units", field: "objects[6].seat", says: /has no seat/ },
  { what: "a trapped soldier", base: "the-bus", mutate: (j) => (obj(j, "units", "wang").properties ??= []).push({ name: "trapped", type: "bool", value: true }), layer: "units", field: "objects[3].trapped", says: /only a civilian can be trapped/ },
  { what: "a trapped child", base: "the-tower", mutate: (j) => (obj(j, "units", "child").properties ??= []).push({ name: "trapped", type: "bool", value: true }), layer: "units", field: "objects[8].trapped", says: /only a grown civilian/ },
  { what: "trapped as a string", base: "the-bus", mutate: (j) => (objProp(obj(j, "units", "civilian"), "trapped").value = "yes"), layer: "units", field: "objects[6].trapped" },
  { what: "trapped on a map that never frees them", base: "the-tower", mutate: (j) => (obj(j, "units", "civilian").properties ??= []).push({ name: "trapped", type: "bool", value: true }), layer: "units", field: "trapped", says: /only a "reach" map frees the trapped/ },
  { what: "saveAtLeast beyond the civilians", base: "the-tower", mutate: (j) => (prop(j, "saveAtLeast").value = 9), layer: null, field: "saveAtLeast", says: /more than the map's 5 civilian/ },
  { what: "saveAtLeast negative", base: "the-tower", mutate: (j) => (prop(j, "saveAtLeast").value = -1), layer: null, field: "saveAtLeast" },
  { what: "no spawns layer", mutate: (j) => (j.layers = j.layers.filter((l: Json) => l.name !== "spawns")), layer: "spawns", field: "name" },
];

describe("broken maps are refused with the file, layer and field", () => {
  const bases: Record<string, Json> = {
    "last-stand": read("maps/last-stand.tmj"),
    "the-alley": read("maps/the-alley.tmj"),
    "tower-test": read("maps/tower-test.tmj"),
    "the-bus": read("maps/the-bus.tmj"),
    "the-tower": read("maps/the-tower.tmj"),
  };

  it.each(BROKEN.map((b) => [b.what, b] as const))("%s", (_, b) => {
    const j = clone(bases[b.base ?? "last-stand"]);
    b.mutate(j);
    const file = `maps/broken-${(b.base ?? "last-stand")}.tmj`;
    let err: unknown;
    try {
      parseMap(file, j);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MapFormatError);
    const e = err as MapFormatError;
    expect({ file: e.file, layer: e.layer, field: e.field }).toEqual({ file, layer: b.layer, field: b.field });
    expect(e.message.startsWith(`${file}: ${b.layer === null ? "map" : `layer "${b.layer}"`}: field "${b.field}": `)).toBe(true);
    if (b.says) expect(e.message).toMatch(b.says);
  });

  const FIXTURES: [string, string | null, string][] = [
    ["short-terrain.tmj", "terrain", "data"],
    ["no-wang.tmj", "units", "objects"],
    ["bad-waves.tmj", null, "waves"],
  ];
  it.each(FIXTURES)("fixture %s is refused (layer %s, field %s)", (name, layer, field) => {
    const file = `tests/fixtures/maps/${name}`;
    expect(() => parseMap(file, read(file))).toThrow(MapFormatError);
    try {
      parseMap(file, read(file));
    } catch (e) {
      expect([(e as MapFormatError).file, (e as MapFormatError).layer, (e as MapFormatError).field]).toEqual([file, layer, field]);
    }
  });
  it("every fixture is in the table", () => {
    const files = readdirSync(join(ROOT, "tests/fixtures/maps")).filter((f) => f.endsWith(".tmj")).sort();
    expect(files).toEqual(FIXTURES.map((f) => f[0]).sort());
  });

  it("non-objects are refused", () => {
    expect(() => parseMap("x.tmj", null)).toThrow(/x\.tmj: map: field "\(root\)"/);
    expect(() => parseMap("x.tmj", [])).toThrow(MapFormatError);
  });
});
