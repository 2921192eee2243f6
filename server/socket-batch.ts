/**
 * One write per client for a command's frames. A command sends each client its `events`, the
 * patch, maybe a `plan` and (to its sender) the `ack`: one system call each, the largest share of a
 * command's CPU. `run` corks every client's socket for a synchronous step and uncorks them at its
 * end, so the frames a client gets in that step leave in one `writev`.
 *
 * Colyseus sends a patch as a view of the room's encode buffer, which the room's next patch
 * overwrites: a frame still held by a corked socket must not be overwritten. So the step must not
 * await (nothing else of the room runs in between), and a second patch in the same step first
 * lets the frames held so far leave (`beforePatch`).
 */
import type { Client } from "colyseus";

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** The client's TCP socket, under the WebSocket (null for a transport without one). */
function socketOf(client: Client): Corkable | null {
  const s = (client as unknown as { ref?: { _socket?: Partial<Corkable> } }).ref?._socket;
  return s && typeof s.cork === "function" && typeof s.uncork === "function" ? (s as Corkable) : null;
}

export class SocketBatch {
  private corked: Corkable[] | null = null;
  private patched = false;

  /** Runs `fn` (synchronous: it must not await) with the clients' sockets corked. */
  run(clients: Iterable<Client>, fn: () => void): void {
    if (this.corked) return fn();
    const socks: Corkable[] = [];
    for (const c of clients) {
      const s = socketOf(c);
      if (s) {
        s.cork();
        socks.push(s);
      }
    }
    this.corked = socks;
    this.patched = false;
    try {
      fn();
    } finally {
      this.corked = null;
      for (const s of socks) s.uncork();
    }
  }

  /** Call before the room encodes a patch: a patch already held by a corked socket leaves first. */
  beforePatch(): void {
    if (!this.corked) return;
    if (this.patched) for (const s of this.corked) (s.uncork(), s.cork());
    this.patched = true;
  }
}
