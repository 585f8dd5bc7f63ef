/**
 * Reusable buffers for bulk bytes: request and response bodies (SharedArrayBuffers, which worker threads
 * read in place) and the blobs an aggregator reads (ArrayBuffers). Allocating a fresh multi-MiB buffer per
 * use costs more than filling it: the memory comes from mmap, so every page faults and is zeroed on first
 * touch (on the benchmark VM, copying 4 MiB bodies cost 1.02 ms of CPU per MiB into fresh buffers against
 * 0.19 ms into reused ones; the copy into a fresh 64 MiB read result took 100-400 ms of the client's main
 * thread, a quarter of it in the kernel's page-fault handler). Buffers are kept per power-of-two size class.
 */

/** Smallest size class, bytes. */
const MIN_CLASS_BYTES = 64 * 1024;

/** Options of {@link BufferPool}. */
export interface BufferPoolInit {
  /**
   * SharedArrayBuffers (true) or ArrayBuffers (false).
   * @default false
   */
  shared?: boolean;
  /**
   * Idle bytes kept for reuse; a buffer given back beyond this is left to the collector.
   * @default 67_108_864 (64 MiB)
   */
  maxIdleBytes?: number;
  /**
   * Buffers larger than this are not pooled (a new buffer each time), bytes.
   * @default 67_108_864 (64 MiB)
   */
  maxPooledBytes?: number;
}

/**
 * A pool of buffers handed out as exact-length views starting at offset 0. Single-threaded use (the event
 * loop). Only memory this pool handed out is taken back.
 */
export class BufferPool {
  readonly #idle = new Map<number, ArrayBufferLike[]>();
  /** Every pooled buffer this pool has made (given back or not). */
  readonly #own = new WeakSet<ArrayBufferLike>();
  readonly #shared: boolean;
  readonly #maxIdleBytes: number;
  readonly #maxPooledBytes: number;
  #idleBytes = 0;

  constructor(init: BufferPoolInit = {}) {
    this.#shared = init.shared ?? false;
    this.#maxIdleBytes = init.maxIdleBytes ?? 64 * 1024 * 1024;
    this.#maxPooledBytes = init.maxPooledBytes ?? 64 * 1024 * 1024;
  }

  /** Whether the pool hands out SharedArrayBuffer memory. */
  get shared(): boolean {
    return this.#shared;
  }

  /** Bytes held by idle buffers. */
  get idleBytes(): number {
    return this.#idleBytes;
  }

  /**
   * A view of exactly `length` bytes over a pooled (or new) buffer, starting at offset 0. Its contents are
   * undefined (a reused buffer holds earlier bytes).
   * @throws RangeError for a negative or non-integer length
   */
  take(length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid buffer length ${length}`);
    const size = classOf(length);
    const pooled = size !== undefined && size <= this.#maxPooledBytes;
    const buffer = (pooled && this.#idle.get(size)?.pop()) || undefined;
    if (buffer) {
      this.#idleBytes -= buffer.byteLength;
      return new Uint8Array(buffer, 0, length);
    }
    const bytes = pooled ? size : length;
    const fresh = this.#shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    if (pooled) this.#own.add(fresh);
    return new Uint8Array(fresh, 0, length);
  }

  /**
   * Gives a view obtained from {@link take} back. The caller must hold no other reference to its memory
   * that is still used: the next {@link take} of its class overwrites it. Views of other memory (and
   * buffers above `maxPooledBytes`) are ignored; giving one back twice is harmless.
   */
  give(view: Uint8Array): void {
    const buffer = view.buffer;
    if (!this.#own.has(buffer)) return;
    const size = buffer.byteLength;
    if (this.#idleBytes + size > this.#maxIdleBytes) return;
    const list = this.#idle.get(size) ?? [];
    if (list.includes(buffer)) return; // given back twice
    list.push(buffer);
    this.#idle.set(size, list);
    this.#idleBytes += size;
  }
}

/** The power-of-two class holding `length` bytes (at least {@link MIN_CLASS_BYTES}). */
function classOf(length: number): number | undefined {
  if (length > 2 ** 52) return undefined;
  let size = MIN_CLASS_BYTES;
  while (size < length) size *= 2;
  return size;
}
