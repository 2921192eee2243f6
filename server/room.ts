/**
 * The `battle` room: wiring between clients and the rules engine.
 *
 * Every command: rate limit → size and shape (zod, validation.ts) → sequence number → seat
 * (seats.ts, commands.ts) → engine `apply` → appended to the match record (match.ts) → only then
 * the Schema and the `events` are published (publish.ts) and the command acknowledged. The bot
 * partner (bot-partner.ts, shared/ai/autoplay.ts) plays seats no human holds once its partner is
 * ready. No rule is decided here; a failure refuses the command (ERR_INTERNAL) and changes nothing.
 *
 * The room id, the match id and the join code are one and the same five-letter code; a campaign
 * (campaign-match.ts) plays its scenes in one room under its code, each scene a match `CODE-N`.
 */
import { Room, ServerError, type Client } from "colyseus";
import { hashState, type BattleEvent, type BattleState, type MapDef, type Seat } from "../shared/index.js";
import { BattleStateSchema } from "./schema.js";
import { services } from "./services.js";
import { count, recordHandleMs, recordStoreMs } from "./metrics.js";
import { checkJoinOptions, checkMessage, type JoinOptions, type Message, type MessageType } from "./validation.js";
import { SeatTable, otherSeat } from "./seats.js";
import { SeatKeys } from "./seat-keys.js";
import { ReservationGate } from "./reservations.js";
import { relay, type RelayType } from "./relay.js";
import { TurnTimer, readyEveryone } from "./turn-timer.js";
import { ClientBook } from "./clients.js";
import { acknowledge, logFault, refuse } from "./replies.js";
import { ViewPublisher } from "./publish.js";
import { SocketBatch, ownFrames } from "./socket-batch.js";
import { stopClockInterval } from "./room-clock.js";
import type { StoredMatch } from "./match.js";
import { openMatch, type CreateOptions } from "./open-match.js";
import { Sequence } from "./sequence.js";
import { intake, logHash, type CommandType } from "./commands.js";
import { BotPartner } from "./bot-partner.js";
import { PartnerPlans } from "./partner-plan.js";
import { RoomWaits } from "./waits.js";
import { sideChannel } from "./fault.js";
import { log, roomLog } from "./logger.js";
import { StoreUnavailable } from "./store/durable.js";
import { CLOSE_DEPLOY, releaseBattle, roomClosed, roomOpened } from "./cluster/index.js";
import type { LoggedCommand } from "./store/index.js";
import { campaignFields, type CampaignRun } from "./campaign-match.js";
import { campaignReadyIntake } from "./campaign-ready.js";

export { SEATS, type Holder, type Role } from "./seats.js";
export type { CreateOptions } from "./open-match.js";

export class BattleRoom extends Room<{ state: BattleStateSchema }> {
  override patchRate: number | null = null;
  override autoDispose = false;

  /** The full battle state: never sent to any client. */
  private battle!: BattleState;
  private map!: MapDef;
  private code!: string;
  private match!: StoredMatch;
  private campaign: CampaignRun | null = null;
  private publisher!: ViewPublisher;
  private seats = new SeatTable();
  private info = new ClientBook();
  private sequence!: Sequence;
  /** One message at a time: the store may be asynchronous, and order is the log's order. */
  private queue: Promise<void> = Promise.resolve();
  private bot!: BotPartner;
  /** The bot partner's plans shown to its human partner, and the standing orders he gave it. */
  private plans = new PartnerPlans();
  /** The bot seat whose command is being committed (its plan's change is told as such). */
  private botPlayed: Seat | null = null;
  private turnTimer!: TurnTimer;
  private waits = new RoomWaits();
  /** Set when the process is stopping: commands are refused (ERR_SHUTTING_DOWN), none is lost. */
  private closing = false;
  private counted = false;
  /** A new battle until its creator has joined: he takes the seat he asked for, and its key. */
  private creating = false;
  private gate = new ReservationGate();
  /** Stores a new battle once its creator has joined (open-match.ts); the timer closes it if he never does. */
  private persist: (() => Promise<void>) | null = null;
  private unjoined?: NodeJS.Timeout;
  /** A command's frames to a client leave in one write (socket-batch.ts); null: not corked (an
   *  unexpected serializer, whose patches could not be made buffers of their own). */
  private sockets: SocketBatch | null = null;

  // ---- lifecycle ------------------------------------------------------------------------------

  override async onCreate(raw: CreateOptions) {
    const { settings } = services();
    this.state = new BattleStateSchema();
    if (ownFrames(this)) this.sockets = new SocketBatch();
    stopClockInterval(this);
    this.maxMessagesPerSecond = settings.hardMessagesPerSecond;
    // no gate: reservations and places are judged by the ReservationGate and the seats (reservations.ts)
    this.maxClients = 1000;
    this.gateReservations();
    this.seatReservationTimeout = settings.reservationSeconds;
    const { keepOpen, created, persist, ...opened } = await openMatch(raw);
    this.creating = created;
    this.persist = persist ?? null;
    // its creator never came (his reservation lapsed): the battle closes, never stored
    if (created) this.unjoined = setTimeout(() => this.creating && void this.disconnect().catch(() => {}), (settings.reservationSeconds + 1) * 1000);
    ({ match: this.match, map: this.map, battle: this.battle } = opened);
    this.campaign = opened.campaign ?? null;
    this.sequence = new Sequence(opened.lastSeq);
    this.code = this.campaign?.code ?? this.match.code;
    this.roomId = this.code;
    this.publisher = new ViewPublisher(this.map);
    this.turnTimer = new TurnTimer(this.match.options.turnSeconds, (round) => this.enqueueInternal(() => this.expireTurn(round)));
    this.bot = new BotPartner(settings.botDelayMs, () => this.enqueueInternal(() => this.playBot()));
    if (keepOpen) this.seats.keepOpen(keepOpen);
    for (const o of this.match.options.orders ?? []) this.plans.setOrder(o.seat, o.order);
    const ro = this.match.options;
    this.waits.keepSeatsForReturn(this.seats, ro.humanSeats, ro.reconnectSeconds, () => this.enqueueInternal(() => this.afterChange()));
    roomOpened();
    this.counted = true;
    // Rooms are private: a new battle is never joined by matchmaking; friends join by code (room id).
    await this.setPrivate(true);

    for (const type of ["action", "ready", "undo", "takeover", "campaignReady"] as const) {
      this.onMessage(type, (client, payload) => this.enqueue(client, type, payload ?? (type === "undo" ? {} : payload)));
    }
    this.onMessage("order", (client, payload) => this.guard(client, "order", payload, () => this.handleOrder(client, payload)));
    this.onMessage("partner", (client, payload) => this.guard(client, "partner", payload, () => this.handlePartner(client, payload)));
    this.onMessage("skip", (client, payload) => this.guard(client, "skip", payload ?? {}, () => this.handleSkip(client, payload ?? {})));
    for (const type of ["ping", "select", "pointer", "phrase"] as const) {
      this.onMessage(type, (client, payload) => this.guard(client, type, payload, () => this.handleRelay(client, type, payload)));
    }
    const unknown = (client: Client, type: unknown) => this.allow(client) && refuse(client, "ERR_BAD_MESSAGE", `Unknown message type "${String(type).slice(0, 32)}".`);
    this.onMessage("*", (client, type) => this.guard(client, "*", type, () => unknown(client, type)));
    this.publish([], this.battle);
    // Nobody has joined yet: drop the initial changes now, or a client whose full state is sent
    // before the first patch (a store slower than SQLite) would get them a second time in that patch.
    this.broadcastPatch();
    this.armIdleTimer();
  }

  override async onJoin(client: Client, raw: JoinOptions) {
    this.gate.used(client.sessionId);
    const checked = checkJoinOptions(raw);
    if (!checked.ok) throw new ServerError(400, `${checked.code}: ${checked.message}`);
    const { settings, clock } = services();
    // who he is: a seat's key, an invite, the creator, or (the bare code) a spectator
    const access = new SeatKeys(this.match.options.seatKeys).admit(this.code, checked.value, this.creating);
    if (!access.ok) throw new ServerError(403, `${access.code}: ${access.message}`);
    const joined = this.seats.join(client.sessionId, access.role, this.info.spectators() < settings.maxSpectators);
    if (!joined.ok) throw new ServerError(409, `${joined.code}: ${joined.message}`);
    const { role, displaced } = joined.value;
    this.creating = false;
    const persist = this.persist;
    this.persist = null;
    if (persist) {
      // the creator is here: the battle is stored now (with his key's hash)
      clearTimeout(this.unjoined);
      await persist();
    }
    if (role !== "spectator") {
      // a seat's new holder (its key just issued) starts a new count of command numbers
      if (access.issued) this.sequence.restart(role);
      this.match.noteHuman(role);
      // the key (and the invite's hash) are kept before he is told: it must outlive a crash
      if (access.issued || access.invite) await this.match.saveOptionsNow();
    }
    if (displaced) this.demote(displaced);
    this.info.add(client.sessionId, role, settings, clock);
    client.userData = { role };
    client.send("welcome", { role, lastSeq: this.sequence.last(role), ...(access.issued ? { key: access.issued } : {}), ...(access.invite ? { invite: access.invite } : {}) });
    if (role !== "spectator") {
      const partner = otherSeat(role);
      client.send("order", { seat: partner, order: this.plans.orders[partner], by: role });
      const plan = this.plans.last(partner);
      if (plan) client.send("plan", { ...plan, changed: false });
    }
    this.log(`join ${client.sessionId} as ${role}`);
    this.waits.stopIdle();
    this.autoDispose = false;
    this.enqueueInternal(() => this.afterChange());
  }

  /** Colyseus reserves a place per matchmaking request: a seat's key or invite always gets one,
   *  others only while few wait (reservations.ts). */
  private gateReservations() {
    const self = this as unknown as { _reserveSeat: (sessionId: string, options: unknown, ...rest: unknown[]) => Promise<boolean> };
    const reserve = self._reserveSeat.bind(this);
    self._reserveSeat = async (sessionId, options, auth, seconds, allowReconnection, ...rest) => {
      if (!allowReconnection) {
        const o = (options ?? {}) as { key?: unknown; invite?: unknown };
        const keys = new SeatKeys(this.match.options.seatKeys);
        const seat = (typeof o.key === "string" && keys.seatOfKey(o.key)) || (typeof o.invite === "string" && keys.seatOfInvite(o.invite)) || "other";
        if (!this.gate.admit(sessionId, seat, this.seatReservationTimeout)) return false;
      }
      return reserve(sessionId, options, auth, seconds, allowReconnection, ...rest);
    };
  }

  /** His seat's owner came back on another connection: this one (his old one) only watches now. */
  private demote(sessionId: string) {
    const info = this.info.get(sessionId);
    if (!info || info.role === "spectator") return;
    info.role = "spectator";
    const old = this.clients.getById(sessionId);
    old?.send("welcome", { role: "spectator", lastSeq: 0 });
  }

  override async onDrop(client: Client) {
    if (this.seats.drop(client.sessionId, this.info.get(client.sessionId)?.role ?? "spectator")) this.enqueueInternal(() => this.afterChange());
    this.log(`drop ${client.sessionId}`);
    // Window over: the promise rejects, and onLeave follows.
    await this.allowReconnection(client, this.match.options.reconnectSeconds).catch(() => {});
  }

  override onReconnect(client: Client) {
    const info = this.info.get(client.sessionId);
    // his seat was taken back by its key on a newer connection meanwhile: this one watches
    if (info && info.role !== "spectator" && this.seats.sessionOf(info.role) !== client.sessionId) info.role = "spectator";
    if (info && this.seats.reconnect(client.sessionId, info.role)) this.enqueueInternal(() => this.afterChange());
    if (info) client.send("welcome", { role: info.role, lastSeq: this.sequence.last(info.role) });
    count.reconnection();
    this.log(`reconnect ${client.sessionId}`);
  }

  override onLeave(client: Client) {
    const info = this.info.get(client.sessionId);
    this.info.delete(client.sessionId);
    this.seats.leave(client.sessionId);
    this.log(`leave ${client.sessionId} (${info?.role ?? "?"})`);
    this.enqueueInternal(() => this.afterChange());
    this.armIdleTimer();
  }

  /** The process is stopping (SIGTERM, a deploy): refuse new commands, finish the one in hand (every
   *  accepted command is in the log), then tell the clients, who come back by the code elsewhere. */
  override async onBeforeShutdown() {
    this.closing = true;
    // The command in hand finishes (a stuck store must not hold the process forever: 15 s at most).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.queue, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
    this.log("process stopping: clients sent elsewhere");
    await this.disconnect(CLOSE_DEPLOY).catch(() => {});
  }

  override onDispose() {
    clearTimeout(this.unjoined);
    if (this.counted) roomClosed();
    if (this.code) void releaseBattle(this.code);
    for (const t of [this.waits, this.bot, this.turnTimer]) t?.stop();
    this.log("dispose");
  }

  /** Colyseus hands us any exception of a lifecycle method, timer or handler: log it, keep the room. */
  override onUncaughtException(error: Error & { client?: Client; cause?: unknown }, method: string) {
    const cause = error.cause ?? error;
    if (cause instanceof ServerError) return; // a deliberate refusal (bad options, seat taken…)
    logFault(this.code, method, null, cause);
    if (error.client && method === "onMessage") refuse(error.client, "ERR_INTERNAL");
  }

  summary() {
    const [b, seats] = [this.battle, { takumi: this.seats.holder("takumi"), wang: this.seats.holder("wang") }];
    return { code: this.code, roomId: this.roomId, matchId: this.match.code, map: this.map.id, round: b.round, phase: b.phase, outcome: b.outcome,
      step: this.match.logLength, hash: hashState(b), seats, clients: this.clients.length, live: true, ...(this.campaign ? { campaign: this.campaign.info() } : {}) };
  }

  /** The summary served over HTTP (from any process): the hash is of what the squad sees, not of the
   *  full state, whose hash would let a client test guesses about hidden creatures. */
  publicSummary() {
    // no count of connections: it told a watcher when a player's connection dropped
    const { clients: _clients, ...open } = this.summary();
    return { ...open, hash: this.viewHash() };
  }

  /** The hash of what the squad sees (served over HTTP instead of the full state's hash). */
  viewHash(): string { return this.publisher.viewHash(); }

  /** The full state, and the campaign's, for in-process tests only (never sent to a client). */
  fullStateForTests(): BattleState { return this.battle; }
  campaignForTests() { return this.campaign?.stateForTests() ?? null; }
  botScheduledForTests(): boolean { return this.bot.scheduled; }

  /** Resolves once every queued message has been handled. */
  idle(): Promise<void> { return this.queue; }

  /** The client's message budget (the rate limit): false, and refused, when it is spent. */
  private allow(client: Client): boolean {
    const info = this.info.get(client.sessionId);
    return !!info && (info.messages.take() || (refuse(client, "ERR_RATE_LIMITED"), false));
  }

  /** Runs a side-channel handler (ping, select, pointer, unknown types): an exception is logged
   *  and answered with ERR_INTERNAL, and goes no further. */
  private guard(client: Client, type: string, payload: unknown, fn: () => void) {
    try {
      sideChannel.before(type);
      fn();
    } catch (err) {
      logFault(this.code, type, payload, err);
      refuse(client, "ERR_INTERNAL");
    }
  }

  private enqueue(client: Client, type: CommandType | "takeover" | "campaignReady", payload: unknown) {
    if (!this.allow(client)) return count.command(type, "ERR_RATE_LIMITED");
    const seq = (payload as { seq?: unknown } | null)?.seq;
    // the process is stopping: refused (the client sends it again where the battle moves), never lost
    if (this.closing) return (count.command(type, "ERR_SHUTTING_DOWN"), refuse(client, "ERR_SHUTTING_DOWN", undefined, typeof seq === "number" ? seq : undefined));
    this.enqueueInternal(async () => {
      const t0 = performance.now();
      try {
        count.command(type, (await this.handle(client, type, payload)) ?? "ok");
        recordHandleMs(performance.now() - t0);
      } catch (err) {
        const s = typeof seq === "number" ? seq : undefined;
        // The database did not answer (held up to LAST_STAND_STORE_HOLD_SECONDS) or refuses writes:
        // nothing applied, nothing acknowledged; the client sends it again (docs/PROTOCOL.md).
        if (err instanceof StoreUnavailable) {
          count.command(type, "ERR_UNAVAILABLE");
          log.warn({ room: this.code, seat: this.info.get(client.sessionId)?.role, seq: s, kind: "store" }, `command refused (ERR_UNAVAILABLE): ${err.message}`);
          return refuse(client, "ERR_UNAVAILABLE", "The battle's record cannot be written now: your command was not played. It is sent again in a moment.", s);
        }
        count.command(type, "ERR_INTERNAL");
        // An engine or store failure: the battle stays as it was, and the room keeps serving.
        logFault(this.code, type, payload, err, { seat: this.info.get(client.sessionId)?.role, seq });
        refuse(client, "ERR_INTERNAL", undefined, typeof seq === "number" ? seq : undefined);
      }
    });
  }

  private enqueueInternal(task: () => Promise<void> | void) {
    this.queue = this.queue.then(task).catch((err) =>
      // the database is away (the bot retries its turn): an outage, already logged, not a bug
      err instanceof StoreUnavailable ? log.warn({ room: this.code, kind: "store" }, `a room task could not be stored: ${err.message}`) : logFault(this.code, "a room task", null, err),
    );
  }

  /** Returns the refusal's code, if refused (for the metrics). */
  private async handle(client: Client, type: CommandType | "takeover" | "campaignReady", payload: unknown): Promise<string | undefined> {
    const info = this.info.get(client.sessionId);
    if (!info) return "ERR_GONE";
    const ctx = { map: this.map, battle: this.battle, campaign: this.campaign, seats: this.seats, sequence: this.sequence, sessionId: client.sessionId, role: info.role };
    const r = type === "campaignReady" ? campaignReadyIntake(ctx, payload) : intake(ctx, type, payload);
    if (r.kind === "refuse") return (this.corked([client], () => refuse(client, r.code, r.message, r.seq, r.lastSeq !== undefined ? { lastSeq: r.lastSeq } : undefined)), r.code);
    if (r.kind === "mark") {
      await this.campaign!.mark(r.role, r.seats, r.ready, r.seq);
      this.afterChange();
    } else if (r.kind === "takeover") {
      this.log(`takeover ${r.seat} by ${client.sessionId}`);
      this.afterChange();
    } else {
      // acknowledged after the patch and events it caused (see commit)
      return void (await this.commit([r.logged], r.state, r.events, () => acknowledge(client, r.seq)));
    }
    acknowledge(client, r.seq);
  }

  /** A seated player's message, checked: his seat and the message, or null once it was refused
   *  (unknown sender, over his budget, malformed, or from a spectator). */
  private fromPlayer<T extends MessageType>(client: Client, type: T, payload: unknown): { role: Seat; value: Message<T> } | null {
    const info = this.info.get(client.sessionId);
    if (!info || !this.allow(client)) return null;
    const checked = checkMessage(type, payload);
    if (!checked.ok) {
      refuse(client, checked.code, checked.message);
      return null;
    }
    if (info.role === "spectator") {
      refuse(client, "ERR_SPECTATOR");
      return null;
    }
    return { role: info.role, value: checked.value };
  }

  /** A standing order to the bot playing the sender's partner seat: kept, recorded, told to both players, and planned by. */
  private handleOrder(client: Client, payload: unknown) {
    const m = this.fromPlayer(client, "order", payload);
    if (!m) return;
    const { role, value } = m;
    const seat = otherSeat(role);
    this.plans.setOrder(seat, value.order);
    this.match.noteOrder(seat, value.order);
    this.broadcast("order", { seat, order: value.order, by: role });
    this.sendPlans();
  }

  /**
   * Skip: a player who is ready and waits on the bot partner has it play the rest of its turn at
   * once (the commands are the same, only the pace goes). Nothing due: nothing happens.
   */
  private handleSkip(client: Client, payload: unknown) {
    if (!this.fromPlayer(client, "skip", payload)) return;
    this.enqueueInternal(() => this.playBot("due"));
  }

  /** A player's client, its handlers set (after a join or a reconnection), asks for the standing
   *  order his partner seat's bot is under and its plan (sent during the join, they could be lost). */
  private handlePartner(client: Client, payload: unknown) {
    const m = this.fromPlayer(client, "partner", payload);
    if (!m) return;
    const partner = otherSeat(m.role);
    client.send("order", { seat: partner, order: this.plans.orders[partner], by: m.role });
    this.sendPlans();
    const plan = this.plans.last(partner);
    if (plan && this.seats.botSeats().includes(partner)) client.send("plan", { ...plan, changed: false });
  }

  /** The bot partner's plans, planned again, to its human partner's clients (only when changed). */
  private sendPlans() {
    const played = this.botPlayed ? { seat: this.botPlayed } : undefined;
    for (const { to, message } of this.plans.update(this.battle, this.seats.botSeats(), played))
      for (const c of this.clients) if (this.info.get(c.sessionId)?.role === to) c.send("plan", message);
  }

  /** Pings, phrases, the cursor (lossy: over its budget dropped without an error) and the selection. */
  private handleRelay(client: Client, type: RelayType, payload: unknown) {
    const info = this.info.get(client.sessionId);
    if (!info || !(type === "pointer" ? info.pointer.take() : this.allow(client))) return;
    const r = relay(this.map, info.role, type, payload);
    if (r.kind === "error") return refuse(client, r.code, r.message);
    if (r.kind === "broadcast") return this.broadcast(r.type, r.message, r.exceptSender ? { except: client } : {});
    if (r.kind !== "select") return;
    this.state[info.role === "takumi" ? "selectTakumi" : "selectWang"] = r.unit;
    this.broadcastPatch();
  }

  /** Appends `commands` to the record, and only then makes `state` current and tells the clients
   *  (`ack`, the sender's acknowledgement, last). A store failure throws: nothing changes. */
  private async commit(commands: LoggedCommand[], state: BattleState, events: BattleEvent[], ack?: () => void) {
    const t0 = performance.now();
    if (commands.length > 0) await this.match.append(commands).then(() => recordStoreMs(performance.now() - t0));
    const before = this.battle;
    this.battle = state;
    if (state.phase === "ended") {
      await this.match.finish(String(state.outcome ?? "ended")).catch((err) => logFault(this.code, "finish", null, err));
      await this.campaign?.sceneEnded(this.match, this.map, state).catch((err) => logFault(this.code, "the scene's end", null, err));
    }
    this.match.touch();
    // synchronous from here: the events, patch, plans and ack leave in one write per client
    this.corked(this.clients, () => {
      this.publish(events, before);
      this.afterChange(false);
      ack?.();
    });
  }

  /** Runs `fn` (synchronous) with the clients' sockets corked: their frames leave in one write each. */
  private corked(clients: Iterable<Client>, fn: () => void) {
    if (this.sockets) this.sockets.run(clients, fn);
    else fn();
  }

  /** After any change of the battle or the seats: the room fields, the patch, the timers, the bot. */
  private afterChange(patch = true) {
    if (patch) this.publish([], this.battle);
    this.sendPlans();
    const deadline = this.turnTimer.update(this.battle); // null: unchanged
    if (deadline !== null && this.state.turnDeadline !== deadline) this.state.turnDeadline = deadline;
    this.bot.wake(this.battle.phase === "player" && this.seats.botsDue(this.battle.ready).length > 0);
    if (this.campaign?.due(this.seats.humanSeats())) this.enqueueInternal(() => this.nextScene());
  }

  /** Every human is ready between a campaign's scenes: the next scene's battle replaces the last. */
  private async nextScene() {
    if (this.closing || !this.campaign?.due(this.seats.humanSeats())) return;
    ({ match: this.match, map: this.map, battle: this.battle } = await this.campaign.nextScene(this.match.options));
    this.publisher = new ViewPublisher(this.map);
    this.state.selectTakumi = this.state.selectWang = "";
    this.log(`campaign: scene ${this.match.code} begins on ${this.map.id}`);
    this.afterChange();
  }

  /**
   * The bot partner's turn for the seats due: one command (or, with no delay, all it has due);
   * `due` all it has due at once (a skip); `all` every bot seat not ready, due or not (the turn timer).
   */
  private async playBot(how: "paced" | "due" | "all" = "paced") {
    if (this.closing) return; // a stopping room takes no more commands, the bot's neither
    const all = how !== "paced";
    const due = how === "all" ? this.seats.botSeats().filter((s) => !this.battle.ready[s]) : this.seats.botsDue(this.battle.ready);
    if (how === "due" && (due.length === 0 || this.battle.phase !== "player")) return;
    const steps = this.bot.steps(this.battle, due, all, services().settings.maxBotCommands, this.plans.orders);
    for (const s of steps) if (s.refused) this.log(`bot ${s.command.seat} command refused (${s.refused.code}): ready instead`);
    if (steps.length === 0) return this.afterChange(false);
    this.botPlayed = steps.length === 1 ? steps[0].command.seat : null;
    try {
      await this.commit(steps.map((s) => ({ ...s.command, hash: logHash(s.state) })), steps[steps.length - 1].state, steps.flatMap((s) => s.events)).catch((err) => {
        // the store is out: the bot tries again later (its turn must not wait for someone else's command)
        if (err instanceof StoreUnavailable) this.bot.retryLater();
        throw err;
      });
    } finally {
      this.botPlayed = null;
    }
  }

  /** Syncs the squad's view into the Schema, broadcasts the filtered events, sends the patch. */
  private publish(events: BattleEvent[], before: BattleState) {
    this.publisher.sync(this.state, this.battle);
    const [holderTakumi, holderWang, turnSeconds] = [this.seats.holder("takumi"), this.seats.holder("wang"), this.match.options.turnSeconds];
    const campaign = campaignFields(this.campaign, this.seats.humanSeats());
    this.publisher.roomFields(this.state, { code: this.code, matchId: this.match.code, holderTakumi, holderWang, spectators: this.info.spectators(), turnSeconds, ...campaign });
    const message = this.publisher.events(before, this.battle, events);
    if (message) this.broadcast("events", message);
    this.broadcastPatch();
  }

  private async expireTurn(round: number) {
    if (this.battle.phase !== "player" || this.battle.round !== round) return;
    this.log(`turn timer ran out in round ${round}`);
    await this.playBot("all");
    const r = readyEveryone(this.battle, round);
    if (r.commands.length > 0) await this.commit(r.commands, r.state, r.events);
  }

  /** An empty room closes after idleSeconds (waits.ts); Colyseus disposes it only once no seat
   *  reservation is pending. Its battle reopens by its code. */
  private armIdleTimer() {
    const { idleSeconds } = services().settings;
    this.waits.armIdle(() => this.clients.length === 0, this.seats, idleSeconds, () => {
      this.log(`idle for ${idleSeconds}s: closing (reopen by code)`);
      this.autoDispose = true;
    });
  }

  private log(message: string) {
    roomLog(this.code, message);
  }
}
