/**
 * Byte copies that stay fast when shared memory is involved.
 *
 * `TypedArray.prototype.set` copies with relaxed atomic loads and stores whenever the source or the target
 * is backed by a SharedArrayBuffer (V8 must not tear a concurrent writer's bytes), and byte by byte when
 * the two views are not equally aligned. Measured on Node 24 here, 2 MiB copies, CPU per MiB: ArrayBuffer to
 * ArrayBuffer 0.035-0.038 ms at any alignment; from or to a SharedArrayBuffer 0.095 ms aligned and
 * 0.38-0.72 ms misaligned (a sliver inside a BCS body starts after its length prefix, so most are).
 * Node's `Buffer#copy` of a source range is a plain `memmove` whatever backs the views: 0.035-0.06 ms in
 * every case. But a `copy` of a whole source view is itself a `set` in Node 24 (0.6-0.7 ms misaligned), so
 * {@link copyInto} always names a range that is not the whole view (session 5's version passed whole
 * pieces, and so still copied through `set`). Slivers travel in shared memory (request and response bodies
 * that worker threads read in place), so every copy of one goes through {@link copyInto}.
 *
 * One case stays slow on this VM's AMD EPYC with glibc 2.36: `memmove` by `rep movsb` runs at 0.45-0.65
 * ms/MiB when the target starts a few bytes after the source modulo 4 KiB (page aliasing in the CPU's
 * string copy). Turning `rep movsb` off
 * (`GLIBC_TUNABLES=glibc.cpu.x86_rep_movsb_threshold=16777216`) made every other copy slower and the
 * ingest benchmark no faster, so it is left on.
 * @packageDocumentation
 */

/** `Buffer.prototype.copy` where the runtime has Node's `Buffer` (Node, its workers), else undefined. */
const nativeCopy = (
  globalThis as {
    Buffer?: {
      prototype: {
        copy(
          this: Uint8Array,
          target: Uint8Array,
          targetStart: number,
          sourceStart: number,
          sourceEnd: number,
        ): number;
      };
    };
  }
).Buffer?.prototype.copy;

/** SharedArrayBuffer where the runtime has it (browsers without cross-origin isolation do not). */
const Shared: typeof SharedArrayBuffer | undefined =
  typeof SharedArrayBuffer === 'undefined' ? undefined : SharedArrayBuffer;

/**
 * Native copies go in pieces of this many bytes, so that a copy of megabytes never reaches glibc's
 * non-temporal threshold (stores around the cache, after which the next reader of the bytes, the verifying
 * worker or the kernel, fetches them from memory again). The threshold is 240 MiB on this VM, far above a
 * sliver; the pieces cost one call per 64 KiB.
 */
const NATIVE_COPY_CHUNK_BYTES = 64 * 1024;

/** Below this many bytes `set` is as fast as a native call (and it needs no shared-memory check). */
const NATIVE_COPY_MIN_BYTES = 256;

/**
 * Copies all of `src` into `dst` starting at `offset`, like `dst.set(src, offset)`, but with plain memory
 * copies when either view is backed by a SharedArrayBuffer (where the runtime offers one).
 * @throws RangeError when `src` does not fit into `dst` at `offset` (as `set` does)
 */
export function copyInto(dst: Uint8Array, src: Uint8Array, offset = 0): void {
  if (
    nativeCopy !== undefined &&
    Shared !== undefined &&
    src.byteLength >= NATIVE_COPY_MIN_BYTES &&
    src.buffer !== dst.buffer && // views of one buffer may overlap: `set` copies those as memmove would
    (src.buffer instanceof Shared || dst.buffer instanceof Shared)
  ) {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + src.byteLength > dst.byteLength) {
      throw new RangeError(`${src.byteLength} bytes do not fit at offset ${offset} of ${dst.byteLength}`);
    }
    const n = src.byteLength;
    if (n <= NATIVE_COPY_CHUNK_BYTES) {
      // `copy` of a whole source view (start 0, every byte) is a `set` in Node 24: the last byte of a
      // source that fits in one piece is a plain store
      nativeCopy.call(src, dst, offset, 0, n - 1);
      dst[offset + n - 1] = src[n - 1];
      return;
    }
    for (let o = 0; o < n; o += NATIVE_COPY_CHUNK_BYTES) {
      nativeCopy.call(src, dst, offset + o, o, Math.min(n, o + NATIVE_COPY_CHUNK_BYTES));
    }
    return;
  }
  dst.set(src, offset);
}
