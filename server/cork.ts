/**
 * One write per client for all a command sends it. A command's patch, its events, the plans it
 * changed and the sender's acknowledgement are separate WebSocket frames; written one by one, each
 * costs the process a system call (the largest single share of a command's CPU time once the
 * machine is busy). Corking the clients' sockets while they are sent, and uncorking them at once
 * afterwards, hands each socket all its frames in one `writev`.
 *
 * The bracket is synchronous on purpose: Colyseus encodes a room's patch into a buffer it reuses
 * for the room's next patch, and a corked socket holds a reference, not a copy, of what it was
 * given. Uncorked before anything else can run, nothing it holds can be overwritten.
 */
import type { Client } from "colyseus";

interface Corkable {
  cork(): void;
  uncork(): void;
  destroyed?: boolean;
}

/** The TCP socket under a client's WebSocket (none for another transport: nothing is corked). */
function socketOf(client: Client): Corkable | null {
  const s = (client as unknown as { ref?: { _socket?: Corkable } }).ref?._socket;
  return s && typeof s.cork === "function" && typeof s.uncork === "function" ? s : null;
}

/** Runs `send` (synchronous) with the clients' sockets corked; uncorks them even if it throws. */
export function corked<T>(clients: Iterable<Client>, send: () => T): T {
  const sockets: Corkable[] = [];
  for (const c of clients) {
    const s = socketOf(c);
    if (s && !s.destroyed) {
      s.cork();
      sockets.push(s);
    }
  }
  try {
    return send();
  } finally {
    for (const s of sockets) s.uncork();
  }
}
