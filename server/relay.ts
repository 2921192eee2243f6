/**
 * The side channel between players: pings (marks on the map), quick phrases, the partner's cursor
 * and the selected unit. Nothing here touches the battle; a bad message is refused with its code.
 */
import type { MapDef } from "../shared/index.js";
import { checkMessage, onGrid } from "./validation.js";
import type { Role } from "./seats.js";

export type Relayed =
  | { kind: "error"; code: string; message?: string }
  | { kind: "broadcast"; type: "ping" | "pointer" | "phrase"; message: Record<string, unknown>; exceptSender: boolean }
  | { kind: "select"; unit: string }
  | { kind: "none" };

export type RelayType = "ping" | "pointer" | "select" | "phrase";

export function relay(map: MapDef, role: Role, type: RelayType, payload: unknown): Relayed {
  const checked = checkMessage(type, payload);
  if (!checked.ok) return { kind: "error", code: checked.code, message: checked.message };
  if (role === "spectator") return type === "pointer" ? { kind: "none" } : { kind: "error", code: "ERR_SPECTATOR" };
  if (type === "select") return { kind: "select", unit: (checked.value as { unit: string }).unit };
  // to everyone, the sender too: each client shows it at the sender's soldier and logs it alike
  if (type === "phrase") return { kind: "broadcast", type, message: { seat: role, key: (checked.value as { key: string }).key }, exceptSender: false };
  const p = checked.value as { x: number; y: number; level?: number; kind?: string };
  if (type === "pointer" && p.x === -1 && p.y === -1) return { kind: "broadcast", type, message: { seat: role }, exceptSender: true };
  if (!onGrid(map, p)) return { kind: "error", code: "ERR_OFF_GRID" };
  const at = { seat: role, x: p.x, y: p.y, level: p.level ?? 0 };
  return type === "ping"
    ? { kind: "broadcast", type, message: { ...at, kind: p.kind }, exceptSender: false }
    : { kind: "broadcast", type, message: at, exceptSender: true };
}
