/**
 * The `battle` room: a thin adapter between clients and the rules engine.
 *
 * Every message: rate limit → size and shape (zod) → seat → engine `apply` → the soldier bot plays
 * seats no human holds → the accepted commands are appended to the match record in the store →
 * only then is the Schema (the squad's view, diffed) updated, `events` broadcast and the patch sent.
 * No rule is decided here; refusals come from the engine or from validation, and change nothing.
 *
 * The room id, the match id and the join code are one and the same five-letter code.
 */
import { Room, ServerError, type Client } from "colyseus";
import {
  apply,
  botCommand,
  createBattle,
  hashState,
  viewFor,
  RULES_VERSION,
  ERROR_CODES,
  type Action,
  type BattleEvent,
  type BattleState,
  type Command,
  type MapDef,
  type Seat,
} from "../shared/index.js";
import { toWire, type WireState } from "../shared/wire.js";
import { randomInt } from "node:crypto";
import { BattleStateSchema, syncWire } from "./schema.js";
import { eventsFor } from "../shared/view.js";
import { eventsToWire } from "../shared/wire.js";
import { loadMapById, isKnownMap, DEFAULT_MAP_ID } from "./maps.js";
import { services } from "./services.js";
import type { LoggedCommand } from "./store.js";
import { recordHandleMs, recordStoreMs } from "./metrics.js";
import { uniqueCode, normalizeCode } from "./codes.js";
import { restoreBattle } from "./restore.js";
import { CLOSE_DEPLOY, claimBattle, claimNewCode, releaseBattle, roomClosed, roomOpened } from "./cluster/index.js";
import {
  checkJoinOptions,
  checkMessage,
  toEngineAction,
  onGrid,
  SERVER_ERROR_CODES,
  type JoinOptions,
  type MessageType,
  type ServerErrorCode,
} from "./validation.js";

export const SEATS: readonly Seat[] = ["takumi", "wang"];
export type Holder = "player" | "dropped" | "bot" | "partner" | "open";
export type Role = Seat | "spectator";

interface SeatState {
  holder: Holder;
  /** Session of the human commanding the seat (its owner, or the partner who took it over). */
  sessionId: string | null;
}

interface ClientInfo {
  role: Role;
  tokens: number;
  lastRefill: number;
  /** Pointer updates have their own, lossy budget. */
  pointerTokens: number;
  pointerRefill: number;
}

/** Pointer updates a client may send per second (burst as many); the rest are dropped silently. */
const POINTER_RATE = 15;

/** Options the room is created with (join options, plus the server's own restore marker). */
export interface CreateOptions extends JoinOptions {
  /** Set only by the server (with its secret) to reopen a stored battle. */
  __restore?: { secret: string; code: string };
}


function otherSeat(seat: Seat): Seat {
  return seat === "takumi" ? "wang" : "takumi";
}

function errorCodeText(code: string): string {
  return (ERROR_CODES as Record<string, string>)[code] ?? (SERVER_ERROR_CODES as Record<string, string>)[code] ?? code;
}

export class BattleRoom extends Room<{ state: BattleStateSchema }> {
  override patchRate: number | null = null;
  override autoDispose = false;

  /** The full battle state: never sent to any client. */
  private battle!: BattleState;
  private map!: MapDef;
  private code!: string;
  /** Entries in the stored match log. */
  private logLength = 0;
  private seats: Record<Seat, SeatState> = {
    takumi: { holder: "bot", sessionId: null },
    wang: { holder: "bot", sessionId: null },
  };
  private info = new Map<string, ClientInfo>();
  /** One message at a time: the store may be asynchronous, and order is the log's order. */
  private queue: Promise<void> = Promise.resolve();
  private lastWire: WireState | null = null;
  private turnSeconds = 0;
  private turnRound = -1;
  // Node timers, not this.clock: the room clock only ticks on patches (patchRate is null).
  private turnTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private reconnectSeconds = 60;
  private finishedStored = false;
  /** Seats a human has held in this battle (kept in the store's room options, for restarts). */
  private humanSeats = new Set<Seat>();
  private reopenTimer: NodeJS.Timeout | null = null;
  /** Set when the process is stopping: commands are refused (ERR_SHUTTING_DOWN), none is lost. */
  private closing = false;
  private counted = false;

  // ---- lifecycle ------------------------------------------------------------------------------

  override async onCreate(rawOptions: CreateOptions) {
    const { settings, restoreSecret } = services();
    this.state = new BattleStateSchema();
    this.maxMessagesPerSecond = settings.hardMessagesPerSecond;
    this.reconnectSeconds = settings.reconnectSeconds;

    const restore = rawOptions?.__restore;
    if (restore !== undefined) {
      if (restore.secret !== restoreSecret) throw new ServerError(400, "ERR_BAD_OPTIONS: not allowed");
      await this.openStored(restore.code);
    } else {
      const checked = checkJoinOptions(rawOptions);
      if (!checked.ok) throw new ServerError(400, `${checked.code}: ${checked.message}`);
      const options = checked.value;
      if (options.code !== undefined) {
        // joinOrCreate("battle", { code }) for a battle with no live room: reopen it from the store.
        const code = normalizeCode(options.code);
        if (!code) throw new ServerError(404, `ERR_UNKNOWN_CODE: ${SERVER_ERROR_CODES.ERR_UNKNOWN_CODE}`);
        await this.openStored(code);
      } else {
        await this.openNew(options);
        // With waitForPartner, the seat the creator does not take stays open for a friend: the
        // bot does not play it until someone has held it and left (or the creator takes it over).
        if (options.waitForPartner) {
          const mine = options.seat === "wang" ? "wang" : "takumi";
          this.seats[otherSeat(mine)].holder = "open";
        }
      }
    }
    roomOpened();
    this.counted = true;
    // Rooms are private: a new battle is never joined by matchmaking; friends join by code (room id).
    await this.setPrivate(true);

    this.onMessage("action", (client, payload) => this.enqueue(client, "action", payload));
    this.onMessage("ready", (client, payload) => this.enqueue(client, "ready", payload));
    this.onMessage("undo", (client, payload) => this.enqueue(client, "undo", payload ?? {}));
    this.onMessage("ping", (client, payload) => this.handlePing(client, payload));
    this.onMessage("select", (client, payload) => this.handleSelect(client, payload));
    this.onMessage("takeover", (client, payload) => this.enqueue(client, "takeover", payload));
    this.onMessage("pointer", (client, payload) => this.handlePointer(client, payload));
    this.onMessage("*", (client, type) => {
      if (!this.allow(client)) return;
      this.sendError(client, "ERR_BAD_MESSAGE", `Unknown message type "${String(type).slice(0, 32)}".`);
    });

    this.publish([], { initial: true });
    // Nobody has joined yet: drop the initial changes now, or a client whose full state is sent
    // before the first patch (a store slower than SQLite) would get them a second time in that patch.
    this.broadcastPatch();
    this.armIdleTimer();
  }

  private async openNew(options: JoinOptions) {
    const { store } = services();
    const mapId = options.map ?? DEFAULT_MAP_ID;
    if (!isKnownMap(mapId)) throw new ServerError(404, `ERR_UNKNOWN_MAP: there is no map "${mapId}"`);
    if (options.splitVision) {
      // Split vision would need a StateView per seat; this server shares the squad's sight.
      throw new ServerError(400, "ERR_BAD_OPTIONS: splitVision is not supported by this server yet");
    }
    this.map = loadMapById(mapId);
    const seed = options.seed ?? randomInt(0, 0x7fffffff);
    this.battle = createBattle(this.map, seed, { difficulty: options.difficulty ?? "normal", splitVision: false });
    this.turnSeconds = options.turnSeconds ?? 0;
    if (options.reconnectSeconds !== undefined) this.reconnectSeconds = options.reconnectSeconds;
    // A fresh code is claimed for this process (cluster-wide) as it is picked.
    this.code = await uniqueCode(async (c) => (await store.codeExists(c)) || !(await claimNewCode(c)));
    this.roomId = this.code;
    await store.createMatch({
      id: this.code,
      code: this.code,
      record: {
        rulesVersion: this.battle.rulesVersion ?? RULES_VERSION,
        map: { id: this.map.id, hash: this.map.contentHash },
        seed,
        options: this.battle.options,
      },
      roomOptions: { turnSeconds: this.turnSeconds, reconnectSeconds: this.reconnectSeconds, humanSeats: [] },
    });
    this.logLength = 0;
  }

  private async openStored(code: string) {
    // One room per battle across every process, even when opens race (server/cluster/ownership.ts).
    await claimBattle(code);
    try {
      await this.loadStored(code);
    } catch (err) {
      await releaseBattle(code);
      throw err;
    }
  }

  private async loadStored(code: string) {
    const { store } = services();
    const infoRow = await store.findByCode(code);
    const record = infoRow ? await store.getRecord(infoRow.id) : null;
    if (!infoRow || !record) throw new ServerError(404, `ERR_UNKNOWN_CODE: ${SERVER_ERROR_CODES.ERR_UNKNOWN_CODE}`);
    const restored = restoreBattle(record);
    this.map = restored.map;
    this.battle = restored.state;
    this.logLength = record.log.length;
    this.code = code;
    this.roomId = code;
    const ro = infoRow.roomOptions as { turnSeconds?: number; reconnectSeconds?: number };
    this.turnSeconds = typeof ro.turnSeconds === "number" ? ro.turnSeconds : 0;
    if (typeof ro.reconnectSeconds === "number") this.reconnectSeconds = ro.reconnectSeconds;
    this.finishedStored = infoRow.finished;
    // Seats humans held before the room closed (restart, idle) stay open for the reconnection
    // window, so both players can come back by the code; then the bot takes any nobody took.
    // A seat only the bot ever played is the bot's at once (a lone player's partner).
    const held = Array.isArray((ro as { humanSeats?: unknown }).humanSeats) ? ((ro as { humanSeats: string[] }).humanSeats) : [];
    for (const seat of SEATS) {
      if (held.includes(seat)) {
        this.humanSeats.add(seat);
        this.seats[seat].holder = "open";
      }
    }
    if (this.humanSeats.size > 0) {
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = null;
        let changed = false;
        for (const seat of SEATS) {
          if (this.seats[seat].holder === "open") {
            this.seats[seat].holder = "bot";
            changed = true;
          }
        }
        if (changed) this.enqueueInternal(() => this.runBotsAndCommit([]));
      }, this.reconnectSeconds * 1000);
    }
  }

  /** Remembers (in the store) that a human has held `seat`, for restarts. */
  private noteHuman(seat: Seat) {
    if (this.humanSeats.has(seat)) return;
    this.humanSeats.add(seat);
    const { store } = services();
    store
      .setRoomOptions(this.code, {
        turnSeconds: this.turnSeconds,
        reconnectSeconds: this.reconnectSeconds,
        humanSeats: [...this.humanSeats],
      })
      .catch((err) => console.error(`[battle ${this.code}] could not store the seats`, err));
  }

  override onJoin(client: Client, rawOptions: JoinOptions) {
    const checked = checkJoinOptions(rawOptions);
    if (!checked.ok) throw new ServerError(400, `${checked.code}: ${checked.message}`);
    const wanted = checked.value.seat;
    let role: Role = "spectator";
    if (wanted === "takumi" || wanted === "wang") {
      const s = this.seats[wanted];
      if (s.holder === "player" || s.holder === "dropped") {
        throw new ServerError(409, `ERR_SEAT_TAKEN: ${SERVER_ERROR_CODES.ERR_SEAT_TAKEN} (${wanted})`);
      }
      role = wanted;
    } else if (wanted === undefined) {
      const free =
        SEATS.find((s) => this.seats[s].holder === "open") ??
        SEATS.find((s) => this.seats[s].holder === "bot") ??
        SEATS.find((s) => this.seats[s].holder === "partner");
      role = free ?? "spectator";
    }
    if (role !== "spectator") {
      const s = this.seats[role];
      s.holder = "player";
      s.sessionId = client.sessionId;
      this.noteHuman(role);
    }
    const { settings } = services();
    this.info.set(client.sessionId, {
      role,
      tokens: settings.rateBurst,
      lastRefill: Date.now(),
      pointerTokens: POINTER_RATE,
      pointerRefill: Date.now(),
    });
    client.userData = { role };
    this.log(`join ${client.sessionId} as ${role}`);
    this.cancelIdleTimer();
    // A human now holds a seat: the bot may need to play the other one.
    this.enqueueInternal(() => this.runBotsAndCommit([]));
  }

  override async onDrop(client: Client) {
    const info = this.info.get(client.sessionId);
    if (info && info.role !== "spectator" && this.seats[info.role].sessionId === client.sessionId) {
      this.seats[info.role].holder = "dropped";
      this.refreshRoomFields();
      this.broadcastPatch();
    }
    this.log(`drop ${client.sessionId}`);
    try {
      await this.allowReconnection(client, this.reconnectSeconds);
    } catch {
      // Window over: onLeave follows.
    }
  }

  override onReconnect(client: Client) {
    const info = this.info.get(client.sessionId);
    if (info && info.role !== "spectator" && this.seats[info.role].sessionId === client.sessionId) {
      this.seats[info.role].holder = "player";
      this.refreshRoomFields();
      this.broadcastPatch();
    }
    this.log(`reconnect ${client.sessionId}`);
  }

  override onLeave(client: Client) {
    const info = this.info.get(client.sessionId);
    this.info.delete(client.sessionId);
    for (const seat of SEATS) {
      const s = this.seats[seat];
      if (s.sessionId === client.sessionId) {
        s.holder = "bot";
        s.sessionId = null;
      }
    }
    this.log(`leave ${client.sessionId} (${info?.role ?? "?"})`);
    this.enqueueInternal(() => this.runBotsAndCommit([]));
    this.armIdleTimer();
  }

  override onDispose() {
    if (this.counted) roomClosed();
    if (this.code) void releaseBattle(this.code);
    if (this.turnTimer) clearTimeout(this.turnTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.log(`dispose`);
  }

  /** The process is stopping (SIGTERM, a deploy): refuse new commands, finish the one in hand (every
   *  accepted command is in the log), then tell the clients, who come back by the code elsewhere. */
  override async onBeforeShutdown() {
    this.closing = true;
    // The command in hand finishes (a stuck store must not hold the process forever: 15 s at most).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
    this.log(`process stopping: clients sent elsewhere`);
    await this.disconnect(CLOSE_DEPLOY).catch(() => {});
  }

  // ---- public, for the HTTP API and tests ---------------------------------------------------------

  summary() {
    return {
      code: this.code,
      roomId: this.roomId,
      matchId: this.code,
      map: this.map.id,
      round: this.battle.round,
      phase: this.battle.phase,
      outcome: this.battle.outcome,
      step: this.logLength,
      hash: hashState(this.battle),
      seats: { takumi: this.seats.takumi.holder, wang: this.seats.wang.holder },
      clients: this.clients.length,
      live: true,
    };
  }

  /** The full state, for in-process tests only (never sent to a client). */
  fullStateForTests(): BattleState {
    return this.battle;
  }

  /** Resolves once every queued message has been handled. */
  idle(): Promise<void> {
    return this.queue;
  }

  // ---- messages -------------------------------------------------------------------------------

  private allow(client: Client): boolean {
    const info = this.info.get(client.sessionId);
    if (!info) return false;
    const { settings } = services();
    const now = Date.now();
    info.tokens = Math.min(settings.rateBurst, info.tokens + ((now - info.lastRefill) / 1000) * settings.ratePerSecond);
    info.lastRefill = now;
    if (info.tokens < 1) {
      this.sendError(client, "ERR_RATE_LIMITED", SERVER_ERROR_CODES.ERR_RATE_LIMITED);
      return false;
    }
    info.tokens -= 1;
    return true;
  }

  private sendError(client: Client, code: string, message?: string) {
    client.send("error", { code, message: message ?? errorCodeText(code) });
  }

  private enqueue(client: Client, type: MessageType, payload: unknown) {
    if (!this.allow(client)) return;
    if (this.closing) return this.sendError(client, "ERR_SHUTTING_DOWN");
    this.enqueueInternal(async () => {
      const t0 = performance.now();
      try {
        await this.handle(client, type, payload);
        recordHandleMs(performance.now() - t0);
      } catch (err) {
        // An engine or store failure: the battle stays as it was, and the room keeps serving.
        console.error(`[battle ${this.code}] ${type} failed`, err);
        this.sendError(client, "ERR_INTERNAL");
      }
    });
  }

  private enqueueInternal(task: () => Promise<void> | void) {
    this.queue = this.queue.then(task).catch((err) => {
      console.error(`[room ${this.code}]`, err);
    });
  }

  /** The seats a client commands: his own, and one he took over. */
  private controlled(sessionId: string): Seat[] {
    return SEATS.filter((s) => this.seats[s].sessionId === sessionId && (this.seats[s].holder === "player" || this.seats[s].holder === "partner"));
  }

  private async handle(client: Client, type: MessageType, payload: unknown) {
    const info = this.info.get(client.sessionId);
    if (!info) return;
    const checked = checkMessage(type, payload);
    if (!checked.ok) return this.sendError(client, checked.code, checked.message);
    if (info.role === "spectator") return this.sendError(client, "ERR_SPECTATOR");
    const own = this.controlled(client.sessionId);
    if (own.length === 0) return this.sendError(client, "ERR_NOT_YOUR_SEAT");

    if (type === "takeover") {
      const seat = (checked.value as { seat: Seat }).seat;
      const s = this.seats[seat];
      if (seat === info.role || (s.holder !== "bot" && s.holder !== "open")) {
        return this.sendError(client, "ERR_NOT_YOUR_SEAT", `The ${seat} seat is not free to take over (${s.holder}).`);
      }
      s.holder = "partner";
      s.sessionId = client.sessionId;
      this.log(`takeover ${seat} by ${client.sessionId}`);
      this.refreshRoomFields();
      this.broadcastPatch();
      return;
    }

    let action: Action;
    const requestedSeat = (checked.value as { seat?: Seat }).seat;
    if (type === "action") {
      const a = toEngineAction(this.map, (checked.value as { action: Parameters<typeof toEngineAction>[1] }).action);
      if (!a.ok) return this.sendError(client, a.code, a.message);
      action = a.value;
    } else if (type === "ready") {
      action = { type: "ready", ready: (checked.value as { ready: boolean }).ready };
    } else {
      action = { type: "undo" };
    }

    let seat: Seat;
    if (requestedSeat !== undefined) {
      if (!own.includes(requestedSeat)) return this.sendError(client, "ERR_NOT_YOUR_SEAT");
      seat = requestedSeat;
    } else if ("unit" in action && own.length > 1) {
      // A player who took his partner's squad over acts for the seat of the unit he names.
      const unit = this.battle.units.find((u) => u.id === (action as { unit: string }).unit);
      seat = unit?.seat && own.includes(unit.seat) ? unit.seat : (info.role as Seat);
    } else {
      seat = own.includes(info.role as Seat) ? (info.role as Seat) : own[0];
    }

    const result = apply(this.battle, { seat, action });
    if (!result.ok) return this.sendError(client, result.code, result.message);
    await this.runBotsAndCommit([{ seat, action, hash: hashState(result.state) }], result.state, result.events, client);
  }

  private handlePing(client: Client, payload: unknown) {
    if (!this.allow(client)) return;
    const info = this.info.get(client.sessionId);
    if (!info) return;
    const checked = checkMessage("ping", payload);
    if (!checked.ok) return this.sendError(client, checked.code, checked.message);
    if (info.role === "spectator") return this.sendError(client, "ERR_SPECTATOR");
    const p = checked.value;
    if (!onGrid(this.map, p)) return this.sendError(client, "ERR_OFF_GRID");
    this.broadcast("ping", { seat: info.role, x: p.x, y: p.y, level: p.level ?? 0, kind: p.kind });
  }

  /** The player's cursor, relayed to everyone else (lossy: over its budget it is dropped, no error). */
  private handlePointer(client: Client, payload: unknown) {
    const info = this.info.get(client.sessionId);
    if (!info) return;
    const now = Date.now();
    info.pointerTokens = Math.min(POINTER_RATE, info.pointerTokens + ((now - info.pointerRefill) / 1000) * POINTER_RATE);
    info.pointerRefill = now;
    if (info.pointerTokens < 1) return;
    info.pointerTokens -= 1;
    const checked = checkMessage("pointer", payload);
    if (!checked.ok) return this.sendError(client, checked.code, checked.message);
    if (info.role === "spectator") return;
    const p = checked.value;
    if (p.x === -1 && p.y === -1) {
      this.broadcast("pointer", { seat: info.role }, { except: client });
      return;
    }
    if (!onGrid(this.map, p)) return this.sendError(client, "ERR_OFF_GRID");
    this.broadcast("pointer", { seat: info.role, x: p.x, y: p.y, level: p.level ?? 0 }, { except: client });
  }

  private handleSelect(client: Client, payload: unknown) {
    if (!this.allow(client)) return;
    const info = this.info.get(client.sessionId);
    if (!info) return;
    const checked = checkMessage("select", payload);
    if (!checked.ok) return this.sendError(client, checked.code, checked.message);
    if (info.role === "spectator") return this.sendError(client, "ERR_SPECTATOR");
    const unit = checked.value.unit;
    if (info.role === "takumi") this.state.selectTakumi = unit;
    else this.state.selectWang = unit;
    this.broadcastPatch();
  }

  // ---- engine → record → clients --------------------------------------------------------------

  /** Seats the soldier bot plays now: no human commands them, and some human is seated. */
  private botSeats(): Seat[] {
    const humanSeated = SEATS.some((s) => this.seats[s].holder === "player" || this.seats[s].holder === "partner");
    if (!humanSeated) return [];
    return SEATS.filter((s) => this.seats[s].holder === "bot");
  }

  /**
   * Lets the bot play its seats from `state`, appends `commands` and the bot's to the record, and
   * only then makes the new state current and tells the clients. A store failure refuses the whole
   * step (the battle stays as it was).
   */
  private async runBotsAndCommit(
    commands: LoggedCommand[],
    start: BattleState = this.battle,
    startEvents: BattleEvent[] = [],
    actor?: Client,
  ) {
    const { store, settings } = services();
    let state = start;
    const events = [...startEvents];
    const all: LoggedCommand[] = [...commands];
    const bots = this.botSeats();
    let played = 0;
    let progress = true;
    while (progress && state.phase === "player" && played < settings.maxBotCommands) {
      progress = false;
      for (const seat of bots) {
        if (state.phase !== "player") break;
        const cmd = botCommand(state, seat);
        if (!cmd) continue;
        const r = apply(state, cmd);
        if (!r.ok) {
          this.log(`bot ${seat} command refused: ${r.code} ${JSON.stringify(cmd.action)}`);
          continue;
        }
        state = r.state;
        events.push(...r.events);
        all.push({ ...cmd, hash: hashState(state) });
        played++;
        progress = true;
        if (played >= settings.maxBotCommands) break;
      }
    }
    if (all.length === 0) {
      this.refreshRoomFields();
      this.broadcastPatch();
      return;
    }
    try {
      const t0 = performance.now();
      await store.appendCommands(this.code, this.logLength, all);
      recordStoreMs(performance.now() - t0);
    } catch (err) {
      console.error(`[room ${this.code}] store append failed`, err);
      if (actor) this.sendError(actor, "ERR_INTERNAL");
      return;
    }
    this.logLength += all.length;
    const before = this.battle;
    this.battle = state;
    if (state.phase === "ended" && !this.finishedStored) {
      this.finishedStored = true;
      await store.finishMatch(this.code, String(state.outcome ?? "ended")).catch((err) => console.error(err));
    }
    this.publish(events, { before });
  }

  /** Syncs the squad's view into the Schema, broadcasts the filtered events, sends the patch. */
  private publish(events: BattleEvent[], opts: { initial?: boolean; before?: BattleState } = {}) {
    // Sight is shared by the squad (splitVision is refused): every client, player or spectator,
    // gets the squad's view — the engine's "spectator" view, the union of every soldier's sight.
    const wire = toWire(viewFor(this.battle, "spectator"));
    syncWire(this.state, wire, this.lastWire);
    this.lastWire = wire;
    this.refreshRoomFields();
    this.armTurnTimer();
    if (!opts.initial) {
      // The engine judges which events the squad may see (hidden creatures removed, walks trimmed).
      const visible = opts.before && events.length > 0 ? eventsFor(opts.before, this.battle, events, "spectator") : [];
      if (visible.length > 0) {
        // The log steps these events lead from and to (the state's `step` after the patch is `step`);
        // `fromStep` is sent only when it is not `step - 1` (bots' commands followed), to keep messages small.
        const fromStep = opts.before?.step ?? this.battle.step;
        this.broadcast("events", {
          round: this.battle.round,
          // positions as tile indices (the wire form); clients turn them back with eventsFromWire
          events: eventsToWire(this.map, visible),
          step: this.battle.step,
          ...(fromStep !== this.battle.step - 1 ? { fromStep } : {}),
        });
      }
      this.broadcastPatch();
    }
  }

  private refreshRoomFields() {
    const s = this.state;
    if (s.code !== this.code) s.code = this.code;
    if (s.matchId !== this.code) s.matchId = this.code;
    if (s.holderTakumi !== this.seats.takumi.holder) s.holderTakumi = this.seats.takumi.holder;
    if (s.holderWang !== this.seats.wang.holder) s.holderWang = this.seats.wang.holder;
    let spectators = 0;
    for (const i of this.info.values()) if (i.role === "spectator") spectators++;
    if (s.spectators !== spectators) s.spectators = spectators;
    if (s.turnSeconds !== this.turnSeconds) s.turnSeconds = this.turnSeconds;
  }

  // ---- timers ---------------------------------------------------------------------------------

  /** Turn timer: at the start of each player phase; when it runs out, every seat not yet ready is
   *  marked ready (recorded in the log like any command), which ends the phase. */
  private armTurnTimer() {
    if (this.turnSeconds <= 0) return;
    if (this.battle.phase !== "player") {
      if (this.turnTimer) clearTimeout(this.turnTimer);
      this.turnTimer = null;
      if (this.state.turnDeadline !== 0) this.state.turnDeadline = 0;
      return;
    }
    if (this.turnRound === this.battle.round) return;
    this.turnRound = this.battle.round;
    if (this.turnTimer) clearTimeout(this.turnTimer);
    const round = this.battle.round;
    this.state.turnDeadline = Date.now() + this.turnSeconds * 1000;
    this.turnTimer = setTimeout(() => {
      this.enqueueInternal(() => this.expireTurn(round));
    }, this.turnSeconds * 1000);
  }

  private async expireTurn(round: number) {
    if (this.battle.phase !== "player" || this.battle.round !== round) return;
    let state = this.battle;
    const events: BattleEvent[] = [];
    const commands: LoggedCommand[] = [];
    for (const seat of SEATS) {
      if (state.phase !== "player" || state.round !== round || state.ready[seat]) continue;
      const cmd: Command = { seat, action: { type: "ready", ready: true } };
      const r = apply(state, cmd);
      if (!r.ok) continue;
      state = r.state;
      events.push(...r.events);
      commands.push({ ...cmd, hash: hashState(state) });
    }
    this.log(`turn timer ran out in round ${round}`);
    await this.runBotsAndCommit(commands, state, events);
  }

  private armIdleTimer() {
    if (this.clients.length > 0 || SEATS.some((s) => this.seats[s].holder === "dropped")) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const { settings } = services();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.clients.length > 0) return;
      // A client between matchmaking and connecting holds a reserved seat: wait for it.
      const reserved = Object.keys((this as unknown as { _reservedSeats: object })._reservedSeats ?? {}).length;
      if (reserved > 0) return this.armIdleTimer();
      this.log(`idle for ${settings.idleSeconds}s: closing (reopen by code)`);
      this.disconnect().catch(() => {});
    }, settings.idleSeconds * 1000);
  }

  private cancelIdleTimer() {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private log(message: string) {
    if (services().settings.log) console.log(`[battle ${this.code}] ${message}`);
  }
}
