/**
 * npm run bench -- --against REF [--rounds 2]
 * Today's engine against the engine of commit REF, side by side in one run: REF is checked out in
 * a temporary git worktree sharing this node_modules, and each side's `tools/bench.ts --json` runs
 * alternately (REF, today, REF, today, ...), so both see the same load. Prints each figure's
 * medians and today's ratio to REF's.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const FIGURES = ["applyPerSec", "legalActionsPerSec", "battleMsMedian", "battleMsP90", "simGamesPerSec", "worstCallMs", "maxRssMb"] as const;

function benchJson(root: string, extra: string[]): Record<string, number> {
  const out = execFileSync(join(root, "node_modules", ".bin", "tsx"), ["tools/bench.ts", "--json", ...extra], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const line = out.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  if (!line) throw new Error(`the bench in ${root} printed no JSON`);
  return JSON.parse(line) as Record<string, number>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function benchAgainst(ref: string, rounds: number, extra: string[]): void {
  const root = resolve(import.meta.dirname, "..");
  const tmp = mkdtempSync(join(tmpdir(), "bench-against-"));
  const refDir = join(tmp, "ref");
  execFileSync("git", ["-C", root, "worktree", "add", "--detach", "-f", "-q", refDir, ref], { stdio: "inherit" });
  try {
    symlinkSync(join(root, "node_modules"), join(refDir, "node_modules"));
    const runs: { ref: Record<string, number>[]; now: Record<string, number>[] } = { ref: [], now: [] };
    for (let i = 0; i < rounds; i++) {
      runs.ref.push(benchJson(refDir, extra));
      runs.now.push(benchJson(root, extra));
    }
    console.log(`${"figure".padEnd(20)} ${ref.padStart(12)} ${"today".padStart(12)}  ratio`);
    for (const k of FIGURES) {
      const a = median(runs.ref.map((r) => r[k]).filter((v) => typeof v === "number"));
      const b = median(runs.now.map((r) => r[k]).filter((v) => typeof v === "number"));
      if (a === undefined || b === undefined) continue;
      console.log(`${k.padEnd(20)} ${String(a).padStart(12)} ${String(b).padStart(12)}  ${(b / a).toFixed(2)}x`);
    }
  } finally {
    execFileSync("git", ["-C", root, "worktree", "remove", "--force", refDir], { stdio: "ignore" });
    rmSync(tmp, { recursive: true, force: true });
  }
}
