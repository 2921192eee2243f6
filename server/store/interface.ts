/**
 * The match store: every battle's match record (design section 12), appended to before an action is
 * acknowledged, and what the server keeps beside it (room options, campaigns). One interface, two
 * databases: SQLite in a local file (the default, needing nothing installed) and PostgreSQL (what
 * many game processes share). Methods return promises so that the asynchronous database fits; the
 * SQLite store does its work synchronously and returns settled promises.
 */
import type { Command, MatchRecord } from "../../shared/index.js";

/** What the server keeps about a battle beside its record. */
export interface MatchInfo {
  id: string;
  code: string;
  mapId: string;
  /** Room options that are not part of the rules (turn timer, reconnection window…), as JSON-able data. */
  roomOptions: Record<string, unknown>;
  createdAt: number;
  finished: boolean;
  outcome: string | null;
}

/** A logged command; `seq` and `by` are the client sequence number and the seat of the client that
 *  sent it (absent for the bot's and the turn timer's commands), kept so a restart still knows the
 *  last number each seat's client had acknowledged. */
export type LoggedCommand = Command & { hash?: string; seq?: number; by?: Command["seat"] };

export interface NewMatch {
  id: string;
  code: string;
  record: Omit<MatchRecord, "log">;
  roomOptions: Record<string, unknown>;
}

/** A campaign (shared/campaign): its seed and options, and how far it got. Each scene is a match of
 *  its own (id `CODE-N`); the campaign's state is derived by replaying the finished scenes' records
 *  (`scenes`, in order), so the progress kept here is only what no record says. */
export interface CampaignRow {
  code: string;
  seed: number;
  options: Record<string, unknown>;
  roomOptions: Record<string, unknown>;
  createdAt: number;
  progress: CampaignProgress;
}

export interface CampaignProgress {
  /** 0-based index of the scene being played, or (between scenes, after the end) the last played. */
  scene: number;
  /** "scene" | "report" | "over" | "complete". */
  stage: string;
  /** Who marked ready between scenes, and the last client sequence numbers seen (a restart keeps them). */
  ready: Record<string, unknown>;
  /** Match ids of the finished scenes, in order. */
  scenes: string[];
  finished: boolean;
  /** hashCampaign once the campaign has ended (null before). */
  finalHash: string | null;
}

/** The end of a match's log: how many entries it has and the state hash after the last one. */
export interface LogTail {
  length: number;
  lastHash: string | null;
}

export interface MatchStore {
  /** Creates the match with an empty log. Throws if the id or code is already used. */
  createMatch(match: NewMatch): Promise<void>;
  /** Appends commands (one transaction) starting at log position `index` (0-based); refuses
   *  (throws) a gap or a duplicate. `hash` is the state hash after that step, kept in the record. */
  appendCommands(id: string, index: number, commands: LoggedCommand[]): Promise<void>;
  /** The log's length and last hash: after an append whose outcome is unknown (the connection
   *  broke before the answer), it says whether the append was stored. */
  logTail(id: string): Promise<LogTail>;
  finishMatch(id: string, outcome: string): Promise<void>;
  /** Replaces the match's room options (e.g. which seats humans have held). */
  setRoomOptions(id: string, roomOptions: Record<string, unknown>): Promise<void>;
  getRecord(id: string): Promise<MatchRecord | null>;
  getInfo(id: string): Promise<MatchInfo | null>;
  findByCode(code: string): Promise<MatchInfo | null>;
  codeExists(code: string): Promise<boolean>;
  listUnfinished(): Promise<MatchInfo[]>;
  /** Creates a campaign (its code must be free among matches and campaigns). */
  createCampaign(campaign: CampaignRow): Promise<void>;
  getCampaign(code: string): Promise<CampaignRow | null>;
  saveCampaign(code: string, progress: CampaignProgress): Promise<void>;
  /** Resolves when the database answers a read and would take a write (readiness, `GET /ready`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
