/**
 * A battle's persistence, as the room sees it: creating its match in the store, reopening a stored
 * one (replayed in slices, see restore.ts), appending accepted commands, finishing it, and the room
 * options kept beside the record (turn timer, reconnection window, seats humans held, last activity).
 */
import { randomBytes } from "node:crypto";
import { ServerError } from "colyseus";
import { createBattle, isStandingOrder, RULES_VERSION, type BattleState, type MapDef, type Seat, type StandingOrder } from "../shared/index.js";
import { loadMapById, isKnownMap, DEFAULT_MAP_ID } from "./maps.js";
import { services } from "./services.js";
import { uniqueCode } from "./codes.js";
import { readKeyHashes, type SeatKeyHashes } from "./seat-keys.js";

/** A battle's seed nobody chose: 32 bits from the CSPRNG. */
export const drawSeed = (): number => randomBytes(4).readUInt32BE(0);
import { restoreBattle, RestoreError } from "./restore.js";
import { MapFormatError } from "../shared/map/parse.js";
import type { LoggedCommand, MatchInfo } from "./store/index.js";
import type { JoinOptions } from "./validation.js";
import { errFields, log } from "./logger.js";
import { appendDurably, writeDurably } from "./store/durable.js";

export interface StoredRoomOptions {
  turnSeconds: number;
  reconnectSeconds: number;
  /** Seats a human has held (kept open for them when the battle reopens). */
  humanSeats: Seat[];
  /** When the battle last moved on (ms since the epoch): unfinished battles idle longer expire. */
  lastActive?: number;
  /** The seats' keys and invites, hashed (seat-keys.ts): who may take each seat back. */
  seatKeys: SeatKeyHashes;
  /** Standing orders given to the bot partner, in order (served with the record: replays show them). */
  orders?: OrderEntry[];
}

/** A standing order: given when the log held `step` commands, to the bot playing `seat`. */
export interface OrderEntry {
  step: number;
  seat: Seat;
  order: StandingOrder;
}

/** A battle opened from the store: its match, map, state and each seat's last command number. */
export interface OpenedBattle {
  match: StoredMatch;
  map: MapDef;
  battle: BattleState;
  lastSeq: Record<Seat, number>;
  /** A new battle is stored only once its creator has joined (one nobody joined is never stored):
   *  this stores it. Absent when it is stored already. */
  persist?: () => Promise<void>;
}

/** The room options of a new battle (or campaign) from its create options. */
export function newRoomOptions(options: JoinOptions): StoredRoomOptions {
  return {
    turnSeconds: options.turnSeconds ?? 0,
    reconnectSeconds: options.reconnectSeconds ?? services().settings.reconnectSeconds,
    humanSeats: [],
    lastActive: Date.now(),
    seatKeys: { keys: {}, invites: {} },
  };
}

/** The map of a new battle: a known one, loaded (a broken file says which file, layer and field). */
export function loadNewMap(mapId: string, options: JoinOptions): MapDef {
  if (!isKnownMap(mapId)) throw new ServerError(404, `ERR_UNKNOWN_MAP: there is no map "${mapId}"`);
  // Split vision would need a StateView per seat; this server shares the squad's sight.
  if (options.splitVision) throw new ServerError(400, "ERR_BAD_OPTIONS: splitVision is not supported by this server yet");
  try {
    return loadMapById(mapId);
  } catch (err) {
    if (err instanceof MapFormatError) throw new ServerError(500, `ERR_BAD_MAP: ${err.message}`);
    throw err;
  }
}

/** The outcome recorded for an unfinished battle nobody touched for `expireSeconds`. */
export const EXPIRED = "expired";

/** True when a stored, unfinished battle has been idle longer than the expiry time. */
export function isExpired(info: MatchInfo, now = services().clock()): boolean {
  const ro = info.roomOptions as Partial<StoredRoomOptions>;
  const last = typeof ro.lastActive === "number" ? ro.lastActive : info.createdAt;
  return !info.finished && now - last > services().settings.expireSeconds * 1000;
}

export class StoredMatch {
  /** When lastActive was last stored: a new or reopened match stores it as it opens. */
  private activeSaved = Date.now();

  private constructor(
    readonly code: string,
    /** Entries in the stored log. */
    public logLength: number,
    public finished: boolean,
    readonly options: StoredRoomOptions,
  ) {}

  /** A new battle under a fresh code, to be stored (persist) with an empty log once its creator joins. */
  static async create(options: JoinOptions, taken: (code: string) => Promise<boolean>): Promise<OpenedBattle> {
    const { store } = services();
    const map = loadNewMap(options.map ?? DEFAULT_MAP_ID, options);
    const seed = options.seed ?? drawSeed();
    const battle = createBattle(map, seed, { difficulty: options.difficulty ?? "normal", splitVision: false });
    const code = await uniqueCode(async (c) => (await store.codeExists(c)) || (await taken(c)));
    return StoredMatch.createWith(code, map, battle, newRoomOptions(options), true);
  }

  /** A new match `id` (its code too) with an empty log for `battle` (a campaign's scene is one),
   *  stored now, or with `defer` by the `persist` returned (its room options as they are then). */
  static async createWith(id: string, map: MapDef, battle: BattleState, ro: StoredRoomOptions, defer = false): Promise<OpenedBattle> {
    const persist = () =>
      services().store.createMatch({
        id,
        code: id,
        record: { rulesVersion: battle.rulesVersion ?? RULES_VERSION, map: { id: map.id, hash: map.contentHash }, seed: battle.seed, options: battle.options },
        roomOptions: { ...ro },
      });
    if (!defer) await persist();
    return { match: new StoredMatch(id, 0, false, ro), map, battle, lastSeq: { takumi: 0, wang: 0 }, ...(defer ? { persist } : {}) };
  }

  /** Reopens a stored battle (ERR_UNKNOWN_CODE if there is none, or it expired). */
  static async open(code: string): Promise<OpenedBattle> {
    const { store, settings } = services();
    const info = await store.findByCode(code);
    const record = info ? await store.getRecord(info.id) : null;
    if (!info || !record) throw new ServerError(404, "ERR_UNKNOWN_CODE: There is no battle with that code.");
    if (isExpired(info)) {
      await store.finishMatch(info.id, EXPIRED);
      throw new ServerError(404, "ERR_UNKNOWN_CODE: That battle expired.");
    }
    let restored: Awaited<ReturnType<typeof restoreBattle>>;
    try {
      restored = await restoreBattle(record);
    } catch (err) {
      if (err instanceof RestoreError) throw new ServerError(err.code === "ERR_RULES_VERSION" ? 409 : 500, `${err.code}: ${err.message}`);
      throw err;
    }
    const raw = info.roomOptions as Partial<StoredRoomOptions>;
    const ro: StoredRoomOptions = {
      turnSeconds: typeof raw.turnSeconds === "number" ? raw.turnSeconds : 0,
      reconnectSeconds: typeof raw.reconnectSeconds === "number" ? raw.reconnectSeconds : settings.reconnectSeconds,
      humanSeats: Array.isArray(raw.humanSeats) ? raw.humanSeats.filter((s): s is Seat => s === "takumi" || s === "wang") : [],
      lastActive: Date.now(),
      seatKeys: readKeyHashes(raw.seatKeys),
      orders: Array.isArray(raw.orders) ? raw.orders.filter((o): o is OrderEntry => !!o && (o.seat === "takumi" || o.seat === "wang") && isStandingOrder(o.order) && typeof o.step === "number") : [],
    };
    const match = new StoredMatch(code, record.log.length, info.finished, ro);
    match.saveOptions();
    return { match, map: restored.map, battle: restored.state, lastSeq: restored.lastSeq };
  }

  /** Appends commands at the end of the stored log (throws on a store failure: nothing applied). */
  async append(commands: LoggedCommand[]): Promise<void> {
    const { store, settings } = services();
    // held through a database outage, then StoreUnavailable (store/durable.ts)
    await appendDurably(store, this.code, this.logLength, commands, { holdMs: settings.storeHoldMs });
    this.logLength += commands.length;
  }

  async finish(outcome: string): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const { store, settings } = services();
    await writeDurably(() => store.finishMatch(this.code, outcome), { holdMs: settings.storeHoldMs });
  }

  /** Records a standing order given to the bot playing `seat` (kept beside the record). */
  noteOrder(seat: Seat, order: StandingOrder): void {
    (this.options.orders ??= []).push({ step: this.logLength, seat, order });
    this.saveOptions();
  }

  /** Remembers that a human has held `seat`, for restarts. */
  noteHuman(seat: Seat): void {
    if (this.options.humanSeats.includes(seat)) return;
    this.options.humanSeats.push(seat);
    this.saveOptions();
  }

  /** Notes activity (at most once a minute in the store): the battle does not expire. */
  touch(now = Date.now()): void {
    if (now - this.activeSaved < 60_000) return;
    this.options.lastActive = now;
    this.saveOptions();
  }

  /** Stores the room options now (a key just issued must outlive a crash that follows). */
  async saveOptionsNow(): Promise<void> {
    this.activeSaved = Date.now();
    await services().store.setRoomOptions(this.code, { ...this.options });
  }

  private saveOptions(): void {
    this.activeSaved = Date.now();
    services()
      .store.setRoomOptions(this.code, { ...this.options })
      .catch((err) => log.error({ room: this.code, ...errFields(err) }, `could not store the room options: ${(err as Error).message}`));
  }
}
