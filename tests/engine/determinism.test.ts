/** Determinism (docs/DESIGN.md §12): same seed and commands, same hashes; records replay; shared/ is pure. */
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { apply, createBattle, hashState, replay, RULES_VERSION, type Command, type MatchRecord } from "../../shared/index.js";
import { playBattle } from "../../tools/play.js";
import { map, type MapId } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("same seed, same commands, same battle", () => {
  for (const [id, seed] of [["last-stand", 101], ["the-alley", 102], ["tower-test", 103]] as [MapId, number][]) {
    it(`${id}: two bot battles from seed ${seed} match hash for hash`, () => {
      const a = playBattle(map(id), seed, {}, true);
      const b = playBattle(map(id), seed, {}, true);
      expect(a.record!.log.length).toBeGreaterThan(5);
      expect(b.record!.log).toEqual(a.record!.log);
      expect(hashState(b.state)).toBe(hashState(a.state));
    });
  }

  it("the same commands applied by hand give the same hash after every step", () => {
    const { record } = playBattle(map("last-stand"), 104, {}, true);
    let s = createBattle(map("last-stand"), 104);
    for (const [k, c] of record!.log.entries()) {
      const r = apply(s, { seat: c.seat, action: structuredClone(c.action) });
      expect(r.ok, `step ${k + 1}`).toBe(true);
      if (!r.ok) return;
      s = r.state;
      expect(hashState(s), `step ${k + 1}`).toBe(c.hash);
    }
  });

  it("different seeds give different battles", () => {
    const hashes = new Set([1, 2, 3, 4].map((seed) => hashState(createBattle(map("last-stand"), seed))));
    expect(hashes.size).toBe(4);
  });
});

describe("match records replay", () => {
  for (const [id, seed] of [["last-stand", 201], ["the-alley", 202], ["tower-test", 203]] as [MapId, number][]) {
    it(`${id}: replay(record) of a played battle reproduces every step's hash`, () => {
      const { record, state } = playBattle(map(id), seed, {}, true);
      const r = replay(record!, map(id));
      expect(r.error).toBeNull();
      expect(r.steps.map((st) => st.hash)).toEqual(record!.log.map((c) => c.hash));
      expect(r.steps.every((st) => st.expected === undefined)).toBe(true);
      expect(r.hash).toBe(hashState(state));
      expect(r.hash).toBe(record!.finalHash);
    });
  }

  it("a record survives JSON (as stored and served) and still replays", () => {
    const { record } = playBattle(map("the-alley"), 204, { splitVision: true }, true);
    const back = JSON.parse(JSON.stringify(record)) as MatchRecord;
    expect(replay(back, map("the-alley")).error).toBeNull();
  });

  it("replay reports the first step whose hash differs, a refused command, a foreign map or rules version", () => {
    const { record } = playBattle(map("tower-test"), 205, {}, true);
    const tampered = structuredClone(record!);
    tampered.log[3].hash = "00000000000000";
    const r = replay(tampered, map("tower-test"));
    expect(r.error).toMatch(/step 4/);
    expect(r.steps).toHaveLength(4);

    const refused: MatchRecord = { ...structuredClone(record!), log: [{ seat: "takumi", action: { type: "undo" } } as Command] };
    expect(replay(refused, map("tower-test")).error).toMatch(/step 1: refused ERR_NOTHING_TO_UNDO/);

    expect(replay({ ...record!, map: { id: "tower-test", hash: "nope" } }, map("tower-test")).error).toMatch(/differs/);
    expect(replay({ ...record!, rulesVersion: RULES_VERSION + 1 }, map("tower-test")).error).toMatch(/rules version/);
  });
});

describe("createBattle depends on its arguments only", () => {
  it("does not depend on call order, other maps or battles played in between", () => {
    const first = hashState(createBattle(map("last-stand"), 7));
    const alleyFirst = hashState(createBattle(map("the-alley"), 7, { difficulty: "hard" }));
    createBattle(map("tower-test"), 99);
    playBattle(map("the-alley"), 3);
    createBattle(map("last-stand"), 8, { splitVision: true });
    expect(hashState(createBattle(map("last-stand"), 7))).toBe(first);
    expect(hashState(createBattle(map("the-alley"), 7, { difficulty: "hard" }))).toBe(alleyFirst);
  });

  it("two loads of the same map give the same battle (the map is named by its content hash)", () => {
    const a = createBattle(map("last-stand"), 5);
    const b = createBattle(structuredClone(map("last-stand")), 5);
    expect(hashState(b)).toBe(hashState(a));
  });

  it("seeds are taken as 32-bit unsigned numbers", () => {
    expect(createBattle(map("last-stand"), -1).seed).toBe(0xffffffff);
    expect(hashState(createBattle(map("last-stand"), -1))).toBe(hashState(createBattle(map("last-stand"), 0xffffffff)));
  });
});

// ---- purity ----------------------------------------------------------------------------------

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

/** The source with comments blanked out (string contents are kept: import paths live there). */
function stripComments(src: string): string {
  let out = "";
  let i = 0;
  let quote: string | null = null;
  while (i < src.length) {
    const c = src[i], n = src[i + 1];
    if (quote) {
      out += c;
      if (c === "\\") { out += n ?? ""; i += 2; continue; }
      if (c === quote) quote = null;
      i++;
    } else if (c === "/" && n === "/") {
      while (i < src.length && src[i] !== "\n") i++;
    } else if (c === "/" && n === "*") {
      const end = src.indexOf("*/", i + 2);
      i = end < 0 ? src.length : end + 2;
      out += " ";
    } else {
      if (c === '"' || c === "'" || c === "`") quote = c;
      out += c;
      i++;
    }
  }
  return out;
}

const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\s*\.\s*random\b/, "Math.random"],
  [/\bDate\b/, "Date"],
  [/\bperformance\s*\.\s*now\b/, "performance.now"],
  [/\bsetTimeout\b/, "setTimeout"],
  [/\bsetInterval\b/, "setInterval"],
  [/\bsetImmediate\b/, "setImmediate"],
  [/\bprocess\s*\.\s*(hrtime|env)\b/, "process clock/env"],
  [/\bcrypto\s*\.\s*(getRandomValues|randomUUID)\b/, "crypto randomness"],
];

function badImport(spec: string): boolean {
  if (spec.startsWith("node:")) return true;
  if (/^(fs|fs\/promises|path|os|child_process|http|https|net|crypto|worker_threads)$/.test(spec)) return true;
  if (/^(colyseus|pixi\.js|express|better-sqlite3|ws)(\/|$)/.test(spec) || spec.startsWith("@colyseus/")) return true;
  return /(^|\/)\.\.\/(\.\.\/)*(server|client|tools|tests)(\/|$)/.test(spec);
}

function purityProblems(files: { path: string; text: string }[]): string[] {
  const problems: string[] = [];
  for (const { path, text } of files) {
    const code = stripComments(text);
    for (const [re, what] of FORBIDDEN) if (re.test(code)) problems.push(`${path}: uses ${what}`);
    const specs = [...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g), ...code.matchAll(/\brequire\s*\(\s*["']([^"']+)["']/g)].map((m) => m[1]);
    for (const spec of specs) if (badImport(spec)) problems.push(`${path}: imports ${spec}`);
  }
  return problems;
}

describe("purity of shared/", () => {
  it("no clock, timer, Math.random or I/O, and no imports of node:, fs, colyseus, pixi.js, express, server/ or client/", () => {
    const files = tsFiles(join(ROOT, "shared")).map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, "utf8") }));
    expect(files.length).toBeGreaterThan(20);
    expect(purityProblems(files)).toEqual([]);
  });

  it("the check itself catches each forbidden thing (and ignores comments)", () => {
    const cases = [
      "const r = Math.random();",
      "const t = Date.now();",
      "const d = new Date();",
      "performance.now()",
      "setTimeout(() => 0, 1)",
      "setInterval(f, 5)",
      'import { readFileSync } from "node:fs";',
      'import fs from "fs";',
      'import { Room } from "colyseus";',
      'import { Room } from "@colyseus/core";',
      'import * as PIXI from "pixi.js";',
      'import express from "express";',
      'import { loadMapById } from "../server/maps.js";',
      'import { x } from "../../client/src/main.js";',
      'const m = await import("node:path");',
    ];
    for (const text of cases) expect(purityProblems([{ path: "x.ts", text }]), text).toHaveLength(1);
    const clean = ["// Math.random and Date are banned", "/* setTimeout( */ const a = 1;", 'import { x } from "./date.js";', "const updated = 1;"];
    for (const text of clean) expect(purityProblems([{ path: "x.ts", text }]), text).toEqual([]);
  });
});
