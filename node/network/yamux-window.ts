/**
 * Yamux window updates once half the receive window is used, as rust-yamux (libp2p/rust-yamux#109) and
 * hashicorp/go-yamux send them, instead of after every data frame as @libp2p/yamux 8 does.
 *
 * Why: a bulk transfer (a batch of slivers, a read's answers) arrives in data frames of at most the
 * sender's window, and @libp2p/yamux answers each one with its own 12-byte window-update frame. Each of those
 * is a Noise message of its own (encrypted, authenticated, framed) and, as nothing else is queued on a
 * receiving connection, a socket write of its own; the sender decrypts and parses every one. On a 64 MiB
 * read the client's main thread spent 67-137 ms in those socket writes alone (CPU profile, 7 nodes, n = 100).
 * Granting credit once half the window is consumed keeps the sender busy (it still holds the other half
 * while the update travels) with a fraction of the frames.
 *
 * The wire protocol is unchanged: any yamux peer accepts updates of any size at any time.
 * @see https://github.com/libp2p/specs/blob/master/yamux/README.md, https://github.com/libp2p/rust-yamux/pull/109
 * @packageDocumentation
 */
import { StreamState, YamuxStream } from '@libp2p/yamux/stream';

/** The receive-window fields of a {@link YamuxStream} (private in its typings). */
interface ReceiveWindow {
  state: StreamState;
  /** Bytes the peer may send in a full window. */
  recvWindow: number;
  /** Bytes the peer may still send before it needs an update. */
  recvWindowCapacity: number;
}

let applied = false;

/**
 * Makes every yamux stream of this process send a window update only when at most half of its receive
 * window is left (or when a flag must be sent: SYN/ACK while opening; pausing is unchanged). Idempotent;
 * {@link createNetwork} and the client's network call it.
 */
export function sendYamuxWindowUpdatesOnHalf(): void {
  if (applied) return;
  applied = true;
  const proto = YamuxStream.prototype as unknown as { sendWindowUpdate(this: ReceiveWindow): void };
  const sendWindowUpdate = proto.sendWindowUpdate;
  proto.sendWindowUpdate = function (this: ReceiveWindow): void {
    // Only an established stream sends a bare update (other states carry flags or are paused).
    if (this.state === StreamState.Established && this.recvWindowCapacity * 2 > this.recvWindow) return;
    sendWindowUpdate.call(this);
  };
}
