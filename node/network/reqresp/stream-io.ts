/**
 * Exact-length reads and backpressured writes on a libp2p 3 `Stream` (which has no sink/source: data arrives
 * as `message` events, writes go through `send()` which returns `false` when the muxer wants a drain).
 *
 * {@link StreamReader} copies incoming chunks straight into caller-provided buffers (a 16 MiB body is copied
 * once), pauses the stream when too much unread data piles up, and fails pending reads with a typed error on
 * idle timeout, on `fail(err)`, or when the stream ends early. {@link sendAll} writes in bounded chunks and
 * waits for `drain` (with a timeout) whenever `send()` returns `false`.
 */
import type { Stream } from '@libp2p/interface';
import type { Uint8ArrayList } from 'uint8arraylist';
import { StreamClosedError, StreamTimeoutError } from '../errors.ts';
import { copyInto } from '../../../shared/bytes.ts';

/** Unread bytes above which the reader pauses the stream (the muxer then stops granting send window). */
const READ_HIGH_WATER_MARK_BYTES = 4 * 1024 * 1024;

/** Options of {@link StreamReader}. */
export interface StreamReaderInit {
  /**
   * Fail a pending read when no byte arrives for this long (ms). 0 disables the idle timer.
   * @default 0
   */
  idleTimeoutMs?: number;
}

/** Turns anything a stream rejects with (an `Error`, or a DOM `Event` on close) into an `Error`. */
export function toError(err: unknown, fallback = 'stream closed'): Error {
  if (err instanceof Error) return err;
  const maybe = err as { error?: unknown } | undefined;
  if (maybe?.error instanceof Error) return maybe.error;
  return new StreamClosedError(fallback);
}

/**
 * Reads exact byte counts from a stream. Attach it as soon as the stream exists (it starts listening at
 * construction) and `release()` it when done so later data is left to the stream's own bounded buffer.
 */
export class StreamReader {
  readonly #stream: Stream;
  /** Current idle timeout of reads (ms, 0 = none); a keep-alive stream changes it per request. */
  idleTimeoutMs: number;
  readonly #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #released = false;
  /** Bytes received so far (for metrics). */
  bytesRead = 0;

  constructor(stream: Stream, init: StreamReaderInit = {}) {
    this.#stream = stream;
    this.idleTimeoutMs = init.idleTimeoutMs ?? 0;
    stream.addEventListener('message', this.#onMessage);
    stream.addEventListener('remoteCloseWrite', this.#onEnd);
    stream.addEventListener('close', this.#onClose);
  }

  readonly #onMessage = (evt: { data: Uint8Array | Uint8ArrayList }): void => {
    const data = evt.data;
    if (data instanceof Uint8Array) {
      this.#push(data);
    } else {
      for (const buf of data) this.#push(buf);
    }
    if (this.#buffered > READ_HIGH_WATER_MARK_BYTES && this.#stream.readStatus === 'readable') {
      this.#stream.pause();
    }
    this.#armIdle();
    this.#notify();
  };

  readonly #onEnd = (): void => {
    this.#ended = true;
    this.#notify();
  };

  readonly #onClose = (evt: { error?: Error }): void => {
    this.#ended = true;
    if (evt.error != null && this.#error == null) this.#error = evt.error;
    this.#notify();
  };

  #push(buf: Uint8Array): void {
    if (buf.byteLength === 0) return;
    this.#chunks.push(buf);
    this.#buffered += buf.byteLength;
    this.bytesRead += buf.byteLength;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #armIdle(): void {
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
    const ms = this.idleTimeoutMs;
    if (ms > 0 && this.#wake !== undefined) {
      this.#idleTimer = setTimeout(() => {
        this.fail(new StreamTimeoutError('idle', ms));
      }, ms);
    }
  }

  /** Makes the pending read and every later read reject with `err` (the stream itself is left as is). */
  fail(err: Error): void {
    if (this.#error == null) this.#error = err;
    this.#notify();
  }

  /**
   * Reads exactly `n` bytes, into `into` at `offset` when given (which must have room), else into a new
   * buffer. Returns the filled view.
   * @throws StreamTimeoutError (idle), the error given to `fail()`, the stream's close error, or
   *   StreamClosedError when the stream ends before `n` bytes arrived.
   */
  async readExactly(n: number, into?: Uint8Array, offset = 0): Promise<Uint8Array> {
    const target = into ? into.subarray(offset, offset + n) : new Uint8Array(n);
    if (target.byteLength !== n) throw new RangeError(`target buffer too small for ${n} bytes`);
    let filled = 0;
    while (filled < n) {
      if (this.#error) throw this.#error;
      if (this.#buffered === 0) {
        if (this.#ended) {
          throw new StreamClosedError(`stream ended after ${filled} of ${n} expected bytes`);
        }
        if (this.#stream.readStatus === 'paused') this.#stream.resume();
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          this.#armIdle();
        });
        if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
        this.#idleTimer = undefined;
        continue;
      }
      const chunk = this.#chunks[0];
      const take = Math.min(chunk.byteLength, n - filled);
      copyInto(target, take === chunk.byteLength ? chunk : chunk.subarray(0, take), filled);
      filled += take;
      this.#buffered -= take;
      if (take === chunk.byteLength) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(take);
    }
    if (this.#buffered < READ_HIGH_WATER_MARK_BYTES && this.#stream.readStatus === 'paused') {
      this.#stream.resume();
    }
    return target;
  }

  /**
   * True while the stream can carry another exchange: no error, not ended, nothing unread (a stream with
   * stray bytes is out of step and must not be reused).
   */
  get reusable(): boolean {
    return (
      !this.#released &&
      this.#error == null &&
      !this.#ended &&
      this.#buffered === 0 &&
      this.#stream.status === 'open' &&
      this.#stream.writeStatus === 'writable'
    );
  }

  /**
   * Waits until at least one byte is unread (`'data'`), the remote ends its side (`'end'`), or `timeoutMs`
   * pass with neither (`'idle'`). Consumes nothing.
   * @throws the error given to `fail()` or the stream's close error
   */
  async waitReadable(timeoutMs: number): Promise<'data' | 'end' | 'idle'> {
    for (;;) {
      if (this.#error) throw this.#error;
      if (this.#buffered > 0) return 'data';
      if (this.#ended) return 'end';
      if (this.#stream.readStatus === 'paused') this.#stream.resume();
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        timer = setTimeout(() => {
          timedOut = true;
          this.#notify();
        }, timeoutMs);
      });
      clearTimeout(timer);
      if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
      if (timedOut && this.#buffered === 0 && !this.#ended && this.#error == null) return 'idle';
    }
  }

  /** Stops listening and drops unread data. Later data stays in the stream's bounded buffer. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
    this.#stream.removeEventListener('message', this.#onMessage);
    this.#stream.removeEventListener('remoteCloseWrite', this.#onEnd);
    this.#stream.removeEventListener('close', this.#onClose);
    this.#chunks.length = 0;
    this.#buffered = 0;
    this.#notify();
  }
}

/** Options of {@link sendAll}. */
export interface SendAllOptions {
  /** Largest piece handed to `send()` at once, in bytes. */
  chunkBytes: number;
  /** Give up (and abort the stream) when a drain takes longer than this, in ms. */
  drainTimeoutMs: number;
  /** Stop early (without error) when this returns true, e.g. once the peer has already answered. */
  shouldStop?: () => boolean;
  /** Rejects the wait for drain with `signal.reason` when aborted. */
  signal?: AbortSignal;
}

/** Waits for the stream's `drain`, failing with StreamTimeoutError('write') after `timeoutMs`. */
export async function waitForDrain(stream: Stream, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  if (!stream.writableNeedsDrain) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        const err = new StreamTimeoutError('write', timeoutMs);
        stream.abort(err);
        reject(err);
      }, timeoutMs);
      if (signal) {
        if (signal.aborted) return reject(toError(signal.reason));
        onAbort = () => reject(toError(signal.reason));
        signal.addEventListener('abort', onAbort, { once: true });
      }
      stream.onDrain().then(resolve, (err: unknown) => reject(toError(err)));
    });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Parts smaller than this are copied together into one `send()` (one muxer frame, one noise message). */
const COALESCE_PART_BYTES = 16 * 1024;

/**
 * Sends `parts` in order, cut into pieces of at most `chunkBytes`, respecting backpressure: whenever
 * `send()` returns false it waits for drain before sending more. Runs of small parts (each under 16 KiB)
 * are copied into one piece first: every `send()` becomes its own yamux frame, noise message and socket
 * write, and the receiver answers each frame with a window update, so 25 slivers of 1 KiB sent one by one
 * cost 26 frames each way instead of 1. Returns the number of bytes sent.
 * @throws StreamTimeoutError('write') when a drain does not come in time; the stream's error when it dies.
 */
export async function sendAll(
  stream: Stream,
  parts: readonly Uint8Array[],
  opts: SendAllOptions,
): Promise<number> {
  let sent = 0;
  const put = async (piece: Uint8Array): Promise<boolean> => {
    if (opts.shouldStop?.()) return false;
    if (!stream.send(piece)) await waitForDrain(stream, opts.drainTimeoutMs, opts.signal);
    sent += piece.byteLength;
    return true;
  };
  let small: Uint8Array[] = [];
  let smallBytes = 0;
  const flush = async (): Promise<boolean> => {
    if (small.length === 0) return true;
    const piece = small.length === 1 ? small[0] : concatBytes(small);
    small = [];
    smallBytes = 0;
    return put(piece);
  };
  for (const part of parts) {
    if (part.byteLength === 0) continue;
    if (part.byteLength < COALESCE_PART_BYTES) {
      if (smallBytes + part.byteLength > opts.chunkBytes && !(await flush())) return sent;
      small.push(part);
      smallBytes += part.byteLength;
      continue;
    }
    if (!(await flush())) return sent;
    for (let off = 0; off < part.byteLength; off += opts.chunkBytes) {
      if (!(await put(part.subarray(off, Math.min(off + opts.chunkBytes, part.byteLength))))) return sent;
    }
  }
  await flush();
  return sent;
}

/** Concatenates small buffers (prefixes and headers) so they go out in one muxer frame. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}
