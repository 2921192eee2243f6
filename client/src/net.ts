/**
 * The online backend: a Colyseus room `battle` on the game server. The Schema state mirrors
 * WireState plus room fields; we read it with `state.toJSON()`. Reconnection: the SDK retries by
 * itself after a drop; if that fails (or the page was reloaded) we reconnect with the stored
 * reconnection token into the same seat.
 *
 * Commands (action, ready, undo, takeover) carry a sequence number (docs/PROTOCOL.md): each stays
 * pending until the server's `ack`; after a reconnection the server's `welcome { lastSeq }` says
 * which it has handled, and the rest are sent again (a repeat is refused as ERR_DUPLICATE, never
 * applied twice). A refusal comes as `error { code, message, seq }` and is reported.
 */
import type { AnyErrorCode } from "./engine";
import { Client, type Room } from "@colyseus/sdk";
import { eventsFromWire, isPhraseKey, otherSeat, type PhraseKey, type Action, type BattleEvent, type MapDef, type Pos, type Seat, type StandingOrder, type WireEvent, type WireState } from "./engine";
import { emptyInfo, type Backend, type BackendHandlers, type Holder, type PlanMessage, type RoomInfo, type ViewerSeat } from "./backend";
import type { PingMark } from "./board";
import { CLOSE_DEPLOY, rejoinByCode } from "./rejoin";
import { readCampaign } from "./campaignInfo";
import { forgetInvite, heldSeat, keepSeat } from "./seatKeys";

/** How long after an ERR_UNAVAILABLE refusal a command is sent again. */
const UNAVAILABLE_RETRY_MS = 2000;

export function serverUrl(): string {
  const override = new URLSearchParams(location.search).get("server");
  if (override) return override;
  return `${location.protocol}//${location.host}`;
}

export function makeClient(): Client {
  return new Client(serverUrl());
}

/** docs/PROTOCOL.md: `welcome { role, lastSeq, key?, invite? }`. */
interface Welcome {
  role?: string;
  lastSeq?: number;
  key?: string;
  invite?: string;
}

interface Saved {
  token: string;
  seat: ViewerSeat;
  code: string;
  roomId: string;
  map: string;
}

const KEY = "lastStand.session";

export function savedSession(): Saved | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}

function saveSession(s: Saved | null): void {
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* private mode */
  }
}

type AnyState = Record<string, unknown> & { toJSON(): Record<string, unknown> };

function readInfo(j: Record<string, unknown>): RoomInfo {
  const info = emptyInfo();
  info.code = String(j.code ?? "");
  info.matchId = String(j.matchId ?? "");
  info.holders = { takumi: (j.holderTakumi ?? "") as Holder, wang: (j.holderWang ?? "") as Holder };
  info.selects = { takumi: String(j.selectTakumi ?? ""), wang: String(j.selectWang ?? "") };
  info.spectators = Number(j.spectators ?? 0);
  info.turnSeconds = Number(j.turnSeconds ?? 0);
  info.turnDeadline = Number(j.turnDeadline ?? 0);
  if (Number(j.reconnectSeconds) > 0) info.reconnectSeconds = Number(j.reconnectSeconds);
  info.campaign = readCampaign(j);
  return info;
}

export class OnlineBackend implements Backend {
  readonly kind = "online" as const;
  wire: WireState | null = null;
  info: RoomInfo = emptyInfo();
  private h: BackendHandlers | null = null;
  private leaving = false;
  private reconnecting = false;
  /** The last command sequence number used; commands sent and not yet acknowledged, in order. */
  private seq = 0;
  private pending = new Map<number, { type: string; payload: Record<string, unknown>; gen: number }>();
  /** Commands a stopping process refused (ERR_SHUTTING_DOWN): sent again after the rejoin. */
  private deferred: { type: string; payload: Record<string, unknown> }[] = [];
  /** Connections so far (a command first sent on this one and refused as a duplicate was numbered
   *  from a stale count — after a reload — not received before: it is numbered again). */
  private gen = 0;
  constructor(
    private client: Client,
    public room: Room,
    readonly seat: ViewerSeat,
    public map: MapDef,
    lastSeq = 0,
    private loadMapFor: (id: string) => Promise<MapDef> = async () => map,
  ) {
    this.seq = lastSeq;
    this.bind(room);
  }

  /** Commands not yet acknowledged. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Join (or create) and resolve once the first state has arrived. A seat is taken by the key this
   *  browser holds for the code, else by an invite (from the link), else the code alone watches. */
  static async open(
    client: Client,
    how: { create?: Record<string, unknown>; code?: string; seat: ViewerSeat; reconnectToken?: string; invite?: string },
    loadMapFor: (id: string) => Promise<MapDef>,
  ): Promise<OnlineBackend> {
    let room: Room;
    if (how.reconnectToken) {
      room = await client.reconnect(how.reconnectToken);
    } else if (how.create) {
      room = await client.create("battle", { ...how.create, seat: how.seat });
    } else {
      // The room id is the join code. A battle with no live room is reopened by the lookup first.
      const code = String(how.code ?? "").trim().toUpperCase();
      await fetch(`/api/battles/${encodeURIComponent(code)}`).catch(() => undefined);
      const held = heldSeat(code)?.key;
      const asked = how.seat === "spectator" ? { seat: "spectator" } : held ? { key: held } : how.invite ? { invite: how.invite } : how.seat ? { seat: how.seat } : {};
      room = await client.joinById(code, asked);
    }
    // Events that arrive before the first state (the bot's opening moves) are not animated.
    const offEarly = room.onMessage("events", () => {});
    // The welcome says the seat the server gave (by key, invite or creation), where its command
    // numbers stand, and the seat's key when just issued: kept at once, before anything else.
    let lastSeq = 0;
    let role: string | null = null;
    let welcomed: () => void = () => {};
    const welcome = new Promise<void>((resolve) => (welcomed = resolve));
    const offWelcome = room.onMessage("welcome", (m: Welcome) => {
      lastSeq = Number(m.lastSeq ?? 0);
      role = m.role ?? null;
      keepSeat(room.roomId, m);
      welcomed();
    });
    // the partner's standing order and the bot partner's plan come with the join: kept for the screen
    let order: OnlineBackend["lastOrder"] = null, plan: PlanMessage | null = null;
    const offOrder = room.onMessage("order", (m: NonNullable<OnlineBackend["lastOrder"]>) => (order = m));
    const offPlan = room.onMessage("plan", (m: PlanMessage) => (plan = m));
    const state = await firstState(room);
    // the server sends the welcome just after the first state: wait for it (a key comes only once)
    await Promise.race([welcome, new Promise((r) => setTimeout(r, 5000))]);
    offEarly();
    offWelcome();
    offOrder();
    offPlan();
    const map = await loadMapFor(String(state.mapId || "last-stand"));
    const seat = ((role as string | null) ?? how.seat ?? "spectator") as ViewerSeat;
    const b = new OnlineBackend(client, room, seat, map, lastSeq, loadMapFor);
    b.lastOrder ??= order;
    b.lastPlan ??= plan;
    b.ingest(state);
    return b;
  }

  setHandlers(h: BackendHandlers): void {
    this.h = h;
    if (this.wire) h.state(this.wire, this.info);
    h.connection("connected");
    // the partner's order and plan, if they came before anyone listened
    if (this.lastOrder) h.order?.(this.lastOrder);
    if (this.lastPlan) h.plan?.(this.lastPlan);
  }

  /** The last `order` and `plan` messages (passed on to handlers set after they came). */
  private lastOrder: { seat: Seat; order: StandingOrder; by: Seat } | null = null;
  private lastPlan: PlanMessage | null = null;

  /** A campaign's next scene: its map is loaded before any of its states or events is passed on. */
  private switching: Promise<void> | null = null;
  private latest: Record<string, unknown> | null = null;
  private held: { round: number; events: BattleEvent[] }[] = [];

  private ingest(j: Record<string, unknown>): void {
    const mapId = String(j.mapId ?? "");
    if (this.switching || (mapId && mapId !== this.map.id)) {
      this.latest = j;
      if (!this.switching) this.switching = this.switchMap(mapId);
      return;
    }
    this.wire = j as unknown as WireState;
    this.info = readInfo(j);
    if (this.seat !== "spectator") {
      // a player in the other seat came in by the invite (or holds its key): the invite is spent
      const other = this.info.holders[otherSeat(this.seat)];
      if (other === "player" || other === "dropped") forgetInvite(this.info.code);
      this.info.invite = heldSeat(this.info.code)?.invite;
    }
    saveSession({
      token: this.room.reconnectionToken,
      seat: this.seat,
      code: this.info.code,
      roomId: this.room.roomId,
      map: String(j.mapId ?? ""),
    });
    this.h?.state(this.wire, this.info);
  }

  private async switchMap(id: string): Promise<void> {
    try {
      for (;;) {
        const map = await this.loadMapFor(id);
        const want = String(this.latest?.mapId ?? id);
        // the room moved on again while the map loaded
        if (want !== id) {
          id = want;
          continue;
        }
        this.map = map;
        break;
      }
    } catch (err) {
      // the next state tries again
      this.switching = null;
      this.h?.error("ERR_BAD_MAP", `The next scene's map could not be loaded: ${(err as Error).message}`);
      return;
    }
    this.switching = null;
    const j = this.latest;
    this.latest = null;
    if (j) this.ingest(j);
    for (const e of this.held.splice(0)) this.h?.events(e.round, normalizeEvents(this.map, e.events));
  }

  private bind(room: Room): void {
    this.gen++;
    room.reconnection.minUptime = 0;
    // A few quick tries of the same socket; then manualReconnect() goes on with the token and, if the
    // room's process died, with the battle's code (it reopens on another process), for 60 s.
    room.reconnection.maxRetries = 6;
    room.reconnection.maxDelay = 1000;
    room.onStateChange((state: unknown) => this.ingest((state as AnyState).toJSON()));
    room.onMessage("events", (m: { round: number; events: BattleEvent[] }) => {
      if (this.switching) this.held.push({ round: m.round, events: m.events ?? [] });
      else this.h?.events(m.round, normalizeEvents(this.map, m.events ?? []));
    });
    room.onMessage("error", (m: { code: AnyErrorCode; message: string; seq?: number }) => {
      // A repeat of a command already handled (resent after a reconnection): said as a note, not a refusal.
      // A command refused by a stopping process is sent again once back (see the ack): a note too.
      if (m.code === "ERR_DUPLICATE" || m.code === "ERR_SHUTTING_DOWN" || m.code === "ERR_UNAVAILABLE") this.h?.notice?.(m.code, m.message);
      else this.h?.error(m.code, m.message);
    });
    room.onMessage("ack", (m: { seq: number; ok: boolean; code?: AnyErrorCode; lastSeq?: number }) => {
      const entry = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      if (entry && m.code === "ERR_DUPLICATE" && entry.gen === this.gen && typeof m.lastSeq === "number") {
        this.seq = Math.max(this.seq, m.lastSeq);
        const { seq: _old, ...payload } = entry.payload;
        return this.command(entry.type, payload);
      }
      // The room's process is stopping: the command was not applied; it goes again, with a new
      // number, to the room the battle reopens in (after the 4001 close and the rejoin's welcome).
      // The battle's record could not be written (the database is away): not applied; sent again,
      // with a new number, in a moment (the server held it LAST_STAND_STORE_HOLD_SECONDS already).
      if (entry && m.code === "ERR_UNAVAILABLE") {
        const { seq: _old, ...payload } = entry.payload;
        setTimeout(() => !this.leaving && this.command(entry.type, payload), UNAVAILABLE_RETRY_MS);
      }
      if (entry && m.code === "ERR_SHUTTING_DOWN") {
        const { seq: _old, ...payload } = entry.payload;
        this.deferred.push({ type: entry.type, payload });
      }
      this.h?.pending?.(this.pending.size);
    });
    room.onMessage("welcome", (m: Welcome) => {
      keepSeat(this.info.code || room.roomId, m);
      this.resume(Number(m.lastSeq ?? 0));
    });
    room.onMessage("ping", (m: { x: number; y: number; level?: number; kind: PingMark["kind"]; seat?: string }) =>
      this.h?.ping({ x: m.x, y: m.y, level: m.level ?? 0, kind: m.kind, seat: m.seat ?? "", at: performance.now() }),
    );
    room.onMessage("phrase", (m: { seat: Seat; key: string }) => {
      if (isPhraseKey(m.key)) this.h?.phrase?.(m.seat, m.key);
    });
    room.onMessage("pointer", (m: { seat: Seat; x: number; y: number; level?: number } | { seat: Seat; x?: undefined }) =>
      this.h?.pointer(m.seat, m.x === undefined || m.x < 0 ? null : { x: m.x, y: m.y!, level: m.level ?? 0 }),
    );
    room.onMessage("plan", (m: PlanMessage) => {
      this.lastPlan = m;
      this.h?.plan?.(m);
    });
    room.onMessage("order", (m: { seat: Seat; order: StandingOrder; by: Seat }) => {
      this.lastOrder = m;
      this.h?.order?.(m);
    });
    room.onMessage("*", () => {});
    // asked for now that they are listened to (sent with the join, they may have been lost)
    if (this.seat !== "spectator") room.send("partner", {});
    room.onDrop(() => this.h?.connection("dropped"));
    room.onReconnect(() => {
      this.gen++;
      if (this.seat !== "spectator") room.send("partner", {});
      this.h?.connection("connected");
    });
    room.onLeave((code: number) => {
      if (this.leaving) return;
      if (code === 4000) return this.h?.connection("lost", "You left the battle.");
      // The server process is stopping (a deploy): the battle reopens on another one; same seat.
      if (code === CLOSE_DEPLOY) return void this.manualReconnect(true);
      void this.manualReconnect();
    });
  }

  /** After the SDK gives up (or the socket closed in a way it does not retry), try the token ourselves;
   *  when the room is gone (its process stopped or died), rejoin the battle by its code, same seat. */
  private async manualReconnect(byCode = false): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    this.h?.connection("reconnecting");
    const token = this.room.reconnectionToken;
    if (this.holdUntil > Date.now()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.holdUntil - Date.now());
        this.endHold = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.endHold = null;
    }
    const until = Date.now() + 60_000;
    let delay = 250;
    while (!this.leaving && Date.now() < until) {
      try {
        const room = byCode
          ? await rejoinByCode(this.client, serverUrl(), this.info.code, this.seat === "spectator" ? null : (heldSeat(this.info.code)?.key ?? null), { timeoutMs: 2000, cancelled: () => this.leaving })
          : await this.client.reconnect(token);
        this.room = room;
        this.bind(room);
        this.reconnecting = false;
        this.h?.connection("connected");
        return;
      } catch {
        // A token only works while its room lives; alternate with the code (the battle reopens elsewhere).
        if (this.info.code) byCode = !byCode;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(2000, delay * 2);
      }
    }
    this.reconnecting = false;
    this.h?.connection("lost", "The connection could not be restored.");
  }

  /** After a reconnection: what the server handled is no longer pending; the rest is sent again. */
  private resume(lastSeq: number): void {
    // A new connection: what is still pending was sent on an earlier one.
    for (const n of [...this.pending.keys()]) if (n <= lastSeq) this.pending.delete(n);
    this.seq = Math.max(this.seq, lastSeq);
    for (const [n, entry] of this.pending) {
      this.send(entry.type, entry.payload);
      this.pending.set(n, { ...entry, gen: -1 });
    }
    // refused by a stopping process: numbered anew for this connection
    for (const d of this.deferred.splice(0)) this.command(d.type, d.payload);
    this.h?.pending?.(this.pending.size);
  }

  /** A command: numbered, kept until acknowledged, sent now if the connection is up. */
  private command(type: string, payload: Record<string, unknown>): void {
    const seq = ++this.seq;
    const numbered = { ...payload, seq };
    this.pending.set(seq, { type, payload: numbered, gen: this.gen });
    this.h?.pending?.(this.pending.size);
    this.send(type, numbered, true);
  }

  private send(type: string, payload: unknown, pending = false): void {
    try {
      this.room.send(type, payload);
    } catch (err) {
      // A command stays pending and is sent again after the reconnection.
      if (!pending) this.h?.error("ERR_CONNECTION", `Not sent: ${(err as Error).message}`);
    }
  }

  sendAction(action: Action, seat?: Seat): void {
    if (action.type === "ready") return this.sendReady(action.ready, seat);
    if (action.type === "undo") return this.sendUndo();
    this.command("action", seat ? { action, seat } : { action });
  }
  sendReady(ready: boolean, seat?: Seat): void {
    this.command("ready", seat ? { ready, seat } : { ready });
  }
  sendUndo(): void {
    this.command("undo", {});
  }
  sendPing(p: { x: number; y: number; level: number; kind: PingMark["kind"] }): void {
    this.send("ping", { x: p.x, y: p.y, level: p.level, kind: p.kind });
  }
  sendSelect(unit: string | null): void {
    this.send("select", { unit: unit ?? "" });
  }
  sendPhrase(key: PhraseKey): void {
    this.send("phrase", { key });
  }
  pointerSupported = true;
  sendPointer(p: Pos | null): void {
    if (!this.pointerSupported) return;
    this.send("pointer", p ? { x: p.x, y: p.y, level: p.level } : { x: -1, y: -1 });
  }
  sendOrder(order: StandingOrder): void {
    this.send("order", { order });
  }
  sendSkip(): void {
    this.send("skip", {});
  }
  sendCampaignReady(ready: boolean): void {
    this.command("campaignReady", { ready });
  }
  takeOver(): void {
    if (this.seat === "spectator") return;
    this.command("takeover", { seat: otherSeat(this.seat) });
  }
  /** Test hook: the socket closes as on a network failure. With `holdMs`, the page stays away that
   *  long (or until `comeBack()`) before reconnecting with its token (the SDK's own retry is switched off for it). */
  private holdUntil = 0;
  private endHold: (() => void) | null = null;
  comeBack(): void {
    this.holdUntil = 0;
    this.endHold?.();
  }
  dropConnection(holdMs = 0): void {
    if (holdMs > 0) {
      this.room.reconnection.enabled = false;
      this.holdUntil = Date.now() + holdMs;
    }
    (this.room.connection as unknown as { close(code?: number, reason?: string): void }).close(4010, "dropped (test)");
  }
  leave(): void {
    this.leaving = true;
    saveSession(null);
    void this.room.leave(true);
  }
}

/**
 * Events may come in the compact wire form (positions as tile indices, `eventsToWire`) or as
 * plain engine events (which pass unchanged); the animation wants positions and every flag.
 */
export function normalizeEvents(map: MapDef, events: BattleEvent[]): BattleEvent[] {
  return eventsFromWire(map, events as unknown as WireEvent[]);
}

function firstState(room: Room): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const st = room.state as AnyState | undefined;
    if (st && typeof st.toJSON === "function" && (st as Record<string, unknown>).mapId) return resolve(st.toJSON());
    const timer = setTimeout(() => reject(new Error("The server sent no battle state.")), 15000);
    room.onStateChange.once((s: unknown) => {
      clearTimeout(timer);
      resolve((s as AnyState).toJSON());
    });
  });
}
