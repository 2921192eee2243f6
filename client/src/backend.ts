/**
 * Where a battle lives, seen from the battle screen: on the game server (net.ts) or in this page
 * (the offline harness below, which runs the same engine and the soldier bot as partner).
 */
import type { AnyErrorCode } from "./engine";
import type { Action, BattleEvent, BotPlan, MapDef, PhraseKey, Pos, Seat, StandingOrder, WireState } from "./engine";
import type { PingMark } from "./board";
import { noCampaign, type CampaignInfo } from "./campaignInfo";

export type ViewerSeat = Seat | "spectator";
export type Holder = "player" | "dropped" | "bot" | "partner" | "open" | "";

export interface RoomInfo {
  code: string;
  matchId: string;
  holders: Record<Seat, Holder>;
  selects: Record<Seat, string>;
  spectators: number;
  turnSeconds: number;
  turnDeadline: number;
  /** How long a dropped player's seat is held, when the room says (else the client names no number). */
  reconnectSeconds?: number;
  /** The campaign's stage, scene, ready flags and summary (stage "" in a single battle). */
  campaign: CampaignInfo;
  /** The invite this player may pass on for the free seat (online, while nobody owns it). */
  invite?: string;
}

/** The bot partner's plan for the round (docs/PROTOCOL.md `plan`): shown to its human partner. */
export interface PlanMessage extends BotPlan {
  /** The rest of the plan is not what was shown: the dice or a reveal changed the board. */
  changed: boolean;
}

export type ConnectionStatus = "connected" | "dropped" | "reconnecting" | "lost";

export interface BackendHandlers {
  state(wire: WireState, info: RoomInfo): void;
  events(round: number, events: BattleEvent[]): void;
  error(code: AnyErrorCode, message: string): void;
  ping(p: PingMark): void;
  pointer(seat: Seat, pos: Pos | null): void;
  /** A quick phrase said by the player of `seat` (the sender hears his own too). */
  phrase?(seat: Seat, key: PhraseKey): void;
  connection(status: ConnectionStatus, detail?: string): void;
  /** Commands sent and not yet acknowledged by the server (online only; shown as pending). */
  pending?(count: number): void;
  /** Something the server said that refuses nothing the player must redo (ERR_DUPLICATE): logged in words. */
  notice?(code: AnyErrorCode, message: string): void;
  /** The bot partner's plan changed. */
  plan?(p: PlanMessage): void;
  /** A standing order given to the bot playing `seat` (by the player of `by`). */
  order?(m: { seat: Seat; order: StandingOrder; by: Seat }): void;
}

export interface Backend {
  readonly kind: "online" | "offline";
  readonly seat: ViewerSeat;
  /** The current scene's map (a campaign's next scene replaces it before its first state is shown). */
  readonly map: MapDef;
  wire: WireState | null;
  info: RoomInfo;
  setHandlers(h: BackendHandlers): void;
  /** `seat` only when acting for a squad taken over from the partner. */
  sendAction(action: Action, seat?: Seat): void;
  sendReady(ready: boolean, seat?: Seat): void;
  sendUndo(): void;
  sendPing(p: { x: number; y: number; level: number; kind: PingMark["kind"] }): void;
  sendSelect(unit: string | null): void;
  /** A quick phrase to the partner (a key of the fixed list). */
  sendPhrase?(key: PhraseKey): void;
  sendPointer(p: Pos | null): void;
  /** A standing order to the bot playing the partner's seat. */
  sendOrder?(order: StandingOrder): void;
  /** Skip: the bot partner plays the rest of its turn at once (its partner is ready). */
  sendSkip?(): void;
  takeOver?(): void;
  /** Between a campaign's scenes: ready (or not) to go on. */
  sendCampaignReady?(ready: boolean): void;
  /** Test hook: drop the connection as a network failure would (staying away `holdMs`, or until `comeBack`). */
  dropConnection?(holdMs?: number): void;
  comeBack?(): void;
  leave(): void;
}

export const emptyInfo = (): RoomInfo => ({
  code: "",
  matchId: "",
  holders: { takumi: "", wang: "" },
  selects: { takumi: "", wang: "" },
  spectators: 0,
  turnSeconds: 0,
  turnDeadline: 0,
  campaign: noCampaign(),
});
