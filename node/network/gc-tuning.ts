/**
 * V8 garbage-collector tuning for processes that move bulk data over libp2p (Node only).
 *
 * Every byte received over TCP + Noise + Yamux passes through several short-lived `ArrayBuffer`s: libuv's
 * read buffer, the Noise message reassembled from reads, the decrypted plaintext, the request body. By
 * default V8 counts that memory against a fixed external-memory soft limit (64 MiB above the amount at the
 * last full GC) and starts a full mark-compact whenever it is crossed, although the buffers are young and
 * scavenges free them. A storage node ingesting 1 MiB slivers therefore ran a full GC every ~300 ms over its
 * whole ~35 MiB heap (concurrent marking + sweeping: about a third of its CPU; `--trace-gc` and a perf
 * profile of `npm run bench:ingest`). With `--external-memory-accounted-in-global-limit` the external
 * bytes count towards V8's global heap limit instead, which grows with the heap like the old-generation
 * limit: the young buffers keep being freed by scavenges and full GCs become rare.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flag set by {@link tuneGcForBulkTransfers}. */
export const BULK_TRANSFER_V8_FLAG = '--external-memory-accounted-in-global-limit';

let tuned = false;

/**
 * Sets {@link BULK_TRANSFER_V8_FLAG} for this process (all isolates that check it from now on; idempotent).
 * The flag is a GC heuristic read when V8 decides on a collection, so setting it after start-up takes
 * effect (checked by counting full GCs in a test). Process-wide: call it from processes that stream bulk
 * data (storage nodes, publishers), not from a library that shares a process with a latency-critical app.
 */
export function tuneGcForBulkTransfers(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString(BULK_TRANSFER_V8_FLAG);
}
