/**
 * Rows to the store's objects and back, once for both databases. Both hand rows over in the same
 * raw form: JSON columns as the text that was written (the PostgreSQL pool is told not to parse
 * them), 64-bit integers as a number (SQLite) or a string (PostgreSQL), booleans as 0/1 (SQLite)
 * or true/false (PostgreSQL).
 */
import type { BattleOptions, MatchRecord } from "../../shared/index.js";
import type { CampaignProgress, CampaignRow, LoggedCommand, MatchInfo, NewMatch } from "./interface.js";

type Raw = Record<string, unknown>;

const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;
const bool = (v: unknown): boolean => v === true || v === 1 || v === "1";
const num = (v: unknown): number => Number(v);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function toInfo(row: Raw): MatchInfo {
  return {
    id: String(row.id),
    code: String(row.code),
    mapId: String(row.map_id),
    roomOptions: json(row.room_options),
    createdAt: num(row.created_at),
    finished: bool(row.finished),
    outcome: str(row.outcome),
  };
}

export function toCampaign(row: Raw): CampaignRow {
  return {
    code: String(row.code),
    seed: num(row.seed),
    options: json(row.options),
    roomOptions: json(row.room_options),
    createdAt: num(row.created_at),
    progress: {
      scene: num(row.scene),
      stage: String(row.stage),
      ready: json(row.ready),
      scenes: json(row.scenes),
      finished: bool(row.finished),
      finalHash: str(row.final_hash),
    },
  };
}

/** A `commands` row (seat, action, hash, seq, by_seat) to its log entry. */
export function toLogEntry(row: Raw): LoggedCommand {
  const entry: Record<string, unknown> = { seat: row.seat, action: json(row.action) };
  if (row.hash) entry.hash = row.hash;
  if (row.seq !== null && row.seq !== undefined) entry.seq = num(row.seq);
  if (row.by_seat !== null && row.by_seat !== undefined) entry.by = row.by_seat;
  return entry as unknown as LoggedCommand;
}

/** A `matches` row and its log to the match record (its final hash is the last entry's). */
export function toRecord(row: Raw, log: LoggedCommand[]): MatchRecord {
  const record: MatchRecord = {
    rulesVersion: num(row.rules_version),
    map: { id: String(row.map_id), hash: String(row.map_hash) },
    seed: num(row.seed),
    options: json<BattleOptions>(row.options),
    log,
  };
  const last = log[log.length - 1];
  if (last?.hash) record.finalHash = last.hash;
  return record;
}

// ---- the other way: values to write, in the tables' column order ---------------------------------

/** Booleans are written as 0/1: SQLite has no other, and PostgreSQL reads '1'/'0' as a boolean. */
const flag = (b: boolean): number => (b ? 1 : 0);

export const MATCH_COLUMNS = ["id", "code", "map_id", "map_hash", "rules_version", "seed", "options", "room_options", "created_at"] as const;

export function matchValues(m: NewMatch, createdAt: number): unknown[] {
  return [m.id, m.code, m.record.map.id, m.record.map.hash, m.record.rulesVersion, m.record.seed, JSON.stringify(m.record.options), JSON.stringify(m.roomOptions), createdAt];
}

export const COMMAND_COLUMNS = ["seat", "action", "hash", "seq", "by_seat"] as const;

export function commandValues(c: LoggedCommand): [string, string, string | null, number | null, string | null] {
  return [c.seat, JSON.stringify(c.action), c.hash ?? null, c.seq ?? null, c.by ?? null];
}

export const CAMPAIGN_COLUMNS = ["code", "seed", "options", "room_options", "created_at", "scene", "stage", "ready", "scenes", "finished", "final_hash"] as const;

export function campaignValues(c: CampaignRow): unknown[] {
  return [c.code, c.seed, JSON.stringify(c.options), JSON.stringify(c.roomOptions), c.createdAt, ...progressValues(c.progress)];
}

export const PROGRESS_COLUMNS = ["scene", "stage", "ready", "scenes", "finished", "final_hash"] as const;

export function progressValues(p: CampaignProgress): unknown[] {
  return [p.scene, p.stage, JSON.stringify(p.ready), JSON.stringify(p.scenes), flag(p.finished), p.finalHash];
}
