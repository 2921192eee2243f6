/**
 * Live battles by code in this process (for the HTTP API), and codes whose room is being opened
 * right now (one room per battle, even when requests race).
 */
import type { BattleRoom } from "./room.js";

export const liveRooms = new Map<string, BattleRoom>();
export const opening = new Set<string>();
