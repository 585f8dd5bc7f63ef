/**
 * Byte copies that stay fast when shared memory is involved.
 *
 * `TypedArray.prototype.set` copies with relaxed atomic loads and stores whenever the source or the target
 * is backed by a SharedArrayBuffer (V8 must not tear a concurrent writer's bytes), and byte by byte when
 * the two views are not equally aligned. Measured on Node 24 here, 2 MiB copies, CPU per MiB: ArrayBuffer to
 * ArrayBuffer 0.035-0.038 ms at any alignment; from or to a SharedArrayBuffer 0.095 ms aligned and
 * 0.38-0.72 ms misaligned (a sliver inside a BCS body starts after its length prefix, so most are).
 * Node's `Buffer#copy` is a plain `memmove` whatever backs the views: 0.03-0.045 ms in every case (see
 * {@link NATIVE_COPY_CHUNK_BYTES} for why it copies in pieces). Slivers travel in shared memory (request
 * and response bodies that worker threads read in place), so every copy of one goes through
 * {@link copyInto}.
 * @packageDocumentation
 */

/** `Buffer.prototype.copy` where the runtime has Node's `Buffer` (Node, its workers), else undefined. */
const nativeCopy = (
  globalThis as {
    Buffer?: {
      prototype: {
        copy(this: Uint8Array, target: Uint8Array, targetStart?: number): number;
      };
    };
  }
).Buffer?.prototype.copy;

/** SharedArrayBuffer where the runtime has it (browsers without cross-origin isolation do not). */
const Shared: typeof SharedArrayBuffer | undefined =
  typeof SharedArrayBuffer === 'undefined' ? undefined : SharedArrayBuffer;

/**
 * Native copies go in pieces of this many bytes: glibc's memmove writes a copy of megabytes with
 * non-temporal stores (around the cache), and the next reader of the bytes (the verifying worker, the
 * kernel hashing them) then fetched them from memory again. Whole-sliver native copies made the 64 MiB
 * store/read benchmark slower than `set` (client main thread 1020-1205 vs 675-880 ms per read, A/B
 * interleaved); in 64 KiB pieces they were as fast as `set` there (510-675 vs 565-820 ms).
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
    for (let o = 0; o < src.byteLength; o += NATIVE_COPY_CHUNK_BYTES) {
      nativeCopy.call(src.subarray(o, o + NATIVE_COPY_CHUNK_BYTES), dst, offset + o);
    }
    return;
  }
  dst.set(src, offset);
}
