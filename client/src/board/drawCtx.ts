/** What a drawing of the board's overlay needs: the map, the wire, the level shown, the tile size, where each unit is drawn now. */
import type { MapDef, WireState } from "../engine";

export interface DrawCtx {
  map: MapDef;
  wire: WireState;
  level: number;
  ts: number;
  /** Where a unit's sprite is drawn now (it may be mid-animation). */
  at(id: string): { x: number; y: number } | null;
}
