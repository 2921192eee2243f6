/**
 * One write per client for a command's frames. A command sends each client its `events`, the
 * patch, maybe a `plan` and (to its sender) the `ack`: one system call each (on loopback the
 * sender also pays the receiving side's TCP work), the largest single share of a command's CPU.
 * `run` corks every client's socket for a synchronous step and uncorks them at its end, so the
 * frames a client gets in that step leave in one `writev`.
 *
 * A corked socket (like one the kernel cannot take a frame from at once, or a WebSocket waiting on
 * a compressed frame before it) holds the frames it was given by reference. Colyseus' messages are
 * fresh buffers, but it sends a patch (and the full state on a join) as a view of a buffer the room
 * reuses for the next one: `ownFrames` makes those copies, so no held frame can be overwritten,
 * corked or not.
 */
import type { Client, Room } from "colyseus";

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
    try {
      fn();
    } finally {
      this.corked = null;
      for (const s of socks) s.uncork();
    }
  }
}

type Encoded = Uint8Array;
interface SchemaSerializerLike {
  encoder?: { encode: (...a: unknown[]) => Encoded };
  getFullState?: (...a: unknown[]) => Encoded;
}

/**
 * The room's patches and full states sent as buffers of their own (a copy of the encoder's shared
 * buffer: a patch is ~100 bytes, a full state a few KB, once per patch for all clients). Call once
 * the room's state is set (its serializer and encoder exist). Returns false if Colyseus' serializer
 * is not the one expected (then nothing is changed, and the room must not cork).
 */
export function ownFrames(room: Room): boolean {
  const ser = (room as unknown as { _serializer?: SchemaSerializerLike })._serializer;
  const encoder = ser?.encoder;
  if (!ser || !encoder || typeof encoder.encode !== "function" || typeof ser.getFullState !== "function") return false;
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (...a: unknown[]) => copy(encode(...a));
  const full = ser.getFullState.bind(ser);
  ser.getFullState = (...a: unknown[]) => copy(full(...a));
  return true;
}

function copy(bytes: Encoded): Encoded {
  return bytes instanceof Uint8Array ? Buffer.from(bytes) : bytes;
}
