/**
 * What the page tells its tests: `window.__lastStand` (what the screen shows, written with each
 * redraw) and `window.__lastStandDebug` (read-outs and a few handles: a tile's place on the page,
 * the wire, the legal actions, the board's tags and sprites, the log, the sound, the redraw count).
 */
import * as engine from "../engine";
import type { WireState } from "../engine";
import type { RoomInfo, ViewerSeat } from "../backend";
import type { BattleController } from "../controller";
import { setTestState } from "../teststate";

export interface ShownState {
  wire: WireState;
  info: RoomInfo;
  seat: ViewerSeat;
  ctl: BattleController;
  playing: boolean;
  animPhase: string | null;
  connection: string;
  partnerSelected: string;
}

/** The hash of what the squad sees (the server's view hash of the same wire), for tests comparing pages. */
const viewHash = (w: WireState) => engine.wireHash(w);

/** The controller's part (selection, target, mode, cursor, waypoints): written as soon as input changes it. */
export function publishControl(ctl: BattleController): void {
  setTestState({ selected: ctl.selected, target: ctl.target, mode: ctl.mode, cursor: ctl.cursor, waypoints: ctl.waypoints.length });
}

/** Everything the screen shows, written with each redraw. */
export function publishShown(s: ShownState): void {
  const { wire: w, ctl } = s;
  const c = s.info.campaign;
  setTestState({
    ready: true,
    seat: s.seat,
    round: w.round,
    phase: s.animPhase ?? w.phase,
    animating: s.playing,
    step: w.step,
    code: s.info.code,
    matchId: s.info.matchId,
    outcome: w.outcome,
    readyTakumi: w.readyTakumi,
    readyWang: w.readyWang,
    selected: ctl.selected,
    target: ctl.target,
    mode: ctl.mode,
    cursor: ctl.cursor,
    waypoints: ctl.waypoints.length,
    viewHash: viewHash(w),
    connection: s.connection,
    partnerSelected: s.partnerSelected,
    holders: s.info.holders,
    mapId: w.mapId,
    campaignStage: c.stage,
    campaignScene: c.scene,
    campaignReady: c.ready,
    fallen: c.summary?.fallen.length ?? 0,
  });
}

/** Sets a test state key two animation frames on: what was drawn has been painted by then. */
export function markPainted(key: string, value: () => unknown): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTestState({ [key]: value() })));
}

export function installDebug(hooks: Record<string, unknown>): void {
  (window as unknown as { __lastStandDebug: unknown }).__lastStandDebug = hooks;
}
