/**
 * Reopening a stored battle: its map (checked against the recorded content hash) and its state,
 * rebuilt by applying the match record's log with the engine and checking every recorded hash.
 *
 * A long battle takes a while to replay, so the replay runs in slices of at most `sliceMs` and
 * yields to the event loop between them (setImmediate): other rooms keep being served while one
 * battle reopens. `maxSliceMs` reports the longest slice, measured.
 */
import { apply, createBattle, hashState, rulesVersionProblem, MapFormatError, type BattleState, type MapDef, type MatchRecord, type Seat } from "../shared/index.js";
import { loadMapById } from "./maps.js";
import type { LoggedCommand } from "./store/index.js";

/** Why a stored battle cannot be reopened; `code` is what a client is told. */
export class RestoreError extends Error {
  constructor(message: string, readonly code: "ERR_RESTORE" | "ERR_RULES_VERSION" | "ERR_BAD_MAP" = "ERR_RESTORE") {
    super(message);
  }
}

export interface Restored {
  map: MapDef;
  state: BattleState;
  hash: string;
  /** The last client sequence number logged for each sending seat (0: none). */
  lastSeq: Record<Seat, number>;
  /** The longest time the replay held the event loop without yielding, in ms (wall clock: on a
   *  loaded machine it includes time the process was not scheduled). */
  maxSliceMs: number;
  /** The same in CPU time of this process (what the replay itself costs a slice). */
  maxSliceCpuMs: number;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function restoreBattle(record: MatchRecord, opts: { sliceMs?: number; onSlice?: () => void } = {}): Promise<Restored> {
  const sliceMs = opts.sliceMs ?? 20;
  // checked before the map is even read: a battle of other rules is refused as such
  const otherRules = rulesVersionProblem(record);
  if (otherRules) throw new RestoreError(otherRules, "ERR_RULES_VERSION");
  let map: MapDef;
  try {
    map = loadMapById(record.map.id);
  } catch (err) {
    if (err instanceof MapFormatError) throw new RestoreError(err.message, "ERR_BAD_MAP");
    throw err;
  }
  if (map.contentHash !== record.map.hash) {
    throw new RestoreError(
      `map "${record.map.id}" changed since the battle started (recorded ${record.map.hash}, now ${map.contentHash})`,
    );
  }
  let t0 = performance.now();
  let state = createBattle(map, record.seed, record.options);
  const lastSeq: Record<Seat, number> = { takumi: 0, wang: 0 };
  let cpu0 = process.cpuUsage();
  const cpuMs = () => {
    const d = process.cpuUsage(cpu0);
    return (d.user + d.system) / 1000;
  };
  let maxSliceMs = performance.now() - t0;
  let maxSliceCpuMs = cpuMs();
  const pause = async () => {
    opts.onSlice?.();
    await yieldToLoop();
    t0 = performance.now();
    cpu0 = process.cpuUsage();
  };
  await pause();
  const log = record.log as LoggedCommand[];
  for (let i = 0; i < log.length; i++) {
    const { seat, action, hash: expected, seq, by } = log[i];
    const r = apply(state, { seat, action });
    if (!r.ok) throw new RestoreError(`replay of the record failed: step ${i + 1}: refused ${r.code}: ${r.message}`);
    state = r.state;
    if (expected) {
      const hash = hashState(state);
      if (hash !== expected) throw new RestoreError(`replay of the record failed: step ${i + 1}: hash ${hash}, the record says ${expected}`);
    }
    if (typeof seq === "number") lastSeq[by ?? seat] = Math.max(lastSeq[by ?? seat], seq);
    const elapsed = performance.now() - t0;
    if (elapsed >= sliceMs) {
      maxSliceMs = Math.max(maxSliceMs, elapsed);
      maxSliceCpuMs = Math.max(maxSliceCpuMs, cpuMs());
      await pause();
    }
  }
  maxSliceMs = Math.max(maxSliceMs, performance.now() - t0);
  maxSliceCpuMs = Math.max(maxSliceCpuMs, cpuMs());
  const hash = hashState(state);
  if (record.finalHash && record.finalHash !== hash) throw new RestoreError(`replay of the record failed: final hash ${hash}, the record says ${record.finalHash}`);
  return { map, state, hash, lastSeq, maxSliceMs, maxSliceCpuMs };
}
