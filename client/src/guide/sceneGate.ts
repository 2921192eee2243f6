/** When a state opens a scene that should show its briefing screen (pure: tested in Node). */
import type { WireState } from "../engine";
import type { RoomInfo } from "../backend";

/**
 * `last` is the key of the scene seen before (empty at first). A scene opens when its key (the
 * campaign's scene and the map) is new; it is briefed if it is at its start (round 1, the player
 * phase) and not a between-scenes or end screen (those show their own panels).
 */
export function sceneOpening(last: string, wire: Pick<WireState, "mapId" | "round" | "phase">, info: Pick<RoomInfo, "campaign">): { key: string; brief: boolean } {
  const c = info.campaign;
  const key = `${c.stage ? c.scene : ""}:${wire.mapId}`;
  if (key === last) return { key, brief: false };
  const between = c.stage === "report" || c.stage === "over" || c.stage === "complete";
  return { key, brief: wire.round <= 1 && wire.phase === "player" && !between };
}
