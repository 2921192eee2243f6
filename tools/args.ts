/** A small command-line reader for the tools: `--name value`, `--flag`, and positional words. */
export interface Args {
  get(name: string, fallback: string): string;
  num(name: string, fallback: number): number;
  flag(name: string): boolean;
  positional: string[];
}

export function readArgs(argv = process.argv.slice(2)): Args {
  const named = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) { positional.push(a); continue; }
    const name = a.slice(2);
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) { named.set(name, next); i++; }
    else flags.add(name);
  }
  return {
    get: (n, f) => named.get(n) ?? f,
    num: (n, f) => {
      const v = named.get(n);
      if (v === undefined) return f;
      const x = Number(v);
      if (!Number.isFinite(x)) throw new Error(`--${n} expects a number, got "${v}"`);
      return x;
    },
    flag: (n) => flags.has(n),
    positional,
  };
}

/**
 * Runs a tool's body; a failure a user can fix (a broken or unknown map, a bad argument) is printed
 * as its one line on stderr, with exit code 1 and no stack trace.
 */
export function orExit<T>(body: () => T): T {
  try {
    return body();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
