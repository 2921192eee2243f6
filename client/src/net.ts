/**
 * The online backend: a Colyseus room `battle` on the game server. The Schema state mirrors
 * WireState plus room fields; we read it with `state.toJSON()`. Reconnection: the SDK retries by
 * itself after a drop; if that fails (or the page was reloaded) we reconnect with the stored
 * reconnection token into the same seat.
 */
import { Client, type Room } from "@colyseus/sdk";
import { eventsFromWire, type Action, type BattleEvent, type MapDef, type Pos, type Seat, type WireEvent, type WireState } from "./engine";
import { emptyInfo, type Backend, type BackendHandlers, type Holder, type RoomInfo, type ViewerSeat } from "./backend";
import type { PingMark } from "./board";
import { CLOSE_DEPLOY, rejoinByCode } from "./rejoin";

export function serverUrl(): string {
  const override = new URLSearchParams(location.search).get("server");
  if (override) return override;
  return `${location.protocol}//${location.host}`;
}

export function makeClient(): Client {
  return new Client(serverUrl());
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
  return info;
}

export class OnlineBackend implements Backend {
  readonly kind = "online" as const;
  wire: WireState | null = null;
  info: RoomInfo = emptyInfo();
  private h: BackendHandlers | null = null;
  private leaving = false;
  private reconnecting = false;
  /** The seat whose squad this player commands on top of his own after a takeover. */
  constructor(
    private client: Client,
    public room: Room,
    readonly seat: ViewerSeat,
    readonly map: MapDef,
  ) {
    this.bind(room);
  }

  /** Join (or create) and resolve once the first state has arrived. */
  static async open(
    client: Client,
    how: { create?: Record<string, unknown>; code?: string; seat: ViewerSeat; reconnectToken?: string },
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
      room = await client.joinById(code, { seat: how.seat });
    }
    // Events that arrive before the first state (the bot's opening moves) are not animated.
    const offEarly = room.onMessage("events", () => {});
    const state = await firstState(room);
    offEarly();
    const map = await loadMapFor(String(state.mapId || "last-stand"));
    const seat = (how.seat ?? "spectator") as ViewerSeat;
    const b = new OnlineBackend(client, room, seat, map);
    b.ingest(state);
    return b;
  }

  setHandlers(h: BackendHandlers): void {
    this.h = h;
    if (this.wire) h.state(this.wire, this.info);
    h.connection("connected");
  }

  private ingest(j: Record<string, unknown>): void {
    this.wire = j as unknown as WireState;
    this.info = readInfo(j);
    saveSession({
      token: this.room.reconnectionToken,
      seat: this.seat,
      code: this.info.code,
      roomId: this.room.roomId,
      map: String(j.mapId ?? ""),
    });
    this.h?.state(this.wire, this.info);
  }

  private bind(room: Room): void {
    room.reconnection.minUptime = 0;
    // A few quick tries of the same socket; then manualReconnect() goes on with the token and, if the
    // room's process died, with the battle's code (it reopens on another process), for 60 s.
    room.reconnection.maxRetries = 6;
    room.reconnection.maxDelay = 1000;
    room.onStateChange((state: unknown) => this.ingest((state as AnyState).toJSON()));
    room.onMessage("events", (m: { round: number; events: BattleEvent[] }) => this.h?.events(m.round, normalizeEvents(this.map, m.events ?? [])));
    room.onMessage("error", (m: { code: string; message: string }) => this.h?.error(m.code, m.message));
    room.onMessage("ping", (m: { x: number; y: number; level?: number; kind: PingMark["kind"]; seat?: string }) =>
      this.h?.ping({ x: m.x, y: m.y, level: m.level ?? 0, kind: m.kind, seat: m.seat ?? "", at: performance.now() }),
    );
    room.onMessage("pointer", (m: { seat: Seat; x: number; y: number; level?: number } | { seat: Seat; x?: undefined }) =>
      this.h?.pointer(m.seat, m.x === undefined || m.x < 0 ? null : { x: m.x, y: m.y!, level: m.level ?? 0 }),
    );
    room.onMessage("*", () => {});
    room.onDrop(() => this.h?.connection("dropped"));
    room.onReconnect(() => this.h?.connection("connected"));
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
    if (this.holdUntil > Date.now()) await new Promise((r) => setTimeout(r, this.holdUntil - Date.now()));
    const until = Date.now() + 60_000;
    let delay = 250;
    while (!this.leaving && Date.now() < until) {
      try {
        const room = byCode
          ? await rejoinByCode(this.client, serverUrl(), this.info.code, this.seat, { timeoutMs: 2000, cancelled: () => this.leaving })
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

  private send(type: string, payload: unknown): void {
    try {
      this.room.send(type, payload);
    } catch (err) {
      this.h?.error("ERR_CONNECTION", `Not sent: ${(err as Error).message}`);
    }
  }

  sendAction(action: Action, seat?: Seat): void {
    if (action.type === "ready") return this.sendReady(action.ready, seat);
    if (action.type === "undo") return this.sendUndo();
    this.send("action", seat ? { action, seat } : { action });
  }
  sendReady(ready: boolean, seat?: Seat): void {
    this.send("ready", seat ? { ready, seat } : { ready });
  }
  sendUndo(): void {
    this.send("undo", {});
  }
  sendPing(p: { x: number; y: number; level: number; kind: PingMark["kind"] }): void {
    this.send("ping", { x: p.x, y: p.y, level: p.level, kind: p.kind });
  }
  sendSelect(unit: string | null): void {
    this.send("select", { unit: unit ?? "" });
  }
  pointerSupported = true;
  sendPointer(p: Pos | null): void {
    if (!this.pointerSupported) return;
    this.send("pointer", p ? { x: p.x, y: p.y, level: p.level } : { x: -1, y: -1 });
  }
  takeOver(): void {
    const other = this.seat === "takumi" ? "wang" : "takumi";
    this.send("takeover", { seat: other });
  }
  /** Test hook: the socket closes as on a network failure. With `holdMs`, the page stays away that
   *  long before reconnecting with its token (the SDK's own retry is switched off for it). */
  private holdUntil = 0;
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
 * plain engine events; the animation wants positions.
 */
export function normalizeEvents(map: MapDef, events: BattleEvent[]): BattleEvent[] {
  const compact = events.some((e) =>
    ["at", "to", "path", "tiles"].some((k) => {
      const v = (e as unknown as Record<string, unknown>)[k];
      return typeof v === "number" || (Array.isArray(v) && typeof v[0] === "number");
    }),
  );
  return compact ? eventsFromWire(map, events as unknown as WireEvent[]) : events;
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
