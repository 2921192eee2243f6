/**
 * Must be imported before anything that loads Colyseus: on Node 20, @colyseus/core's reconnection
 * needs a global WebSocket (Node 22 has one built in); without it a reconnecting client throws.
 */
import { WebSocket } from "ws";

const g = globalThis as unknown as { WebSocket?: unknown };
g.WebSocket ??= WebSocket;
