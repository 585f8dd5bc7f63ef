/**
 * Blake2b-256 (BLAKE2b with a 32-byte digest, not truncated Blake2b-512) and the batch hashing primitives
 * the Merkle trees of spec §2.1 are built from.
 *
 * Sync after init: every function here is synchronous. {@link initHashing} (started automatically when
 * this module loads; await it once to be sure) swaps in the hash-wasm implementation, ~15x faster than the
 * pure-JS `@noble/hashes` fallback that is used until it resolves. Both give identical digests.
 *
 * The batch functions ({@link hashLeaves}, {@link hashInnerLevel}) hash a whole batch or tree level in
 * one call of the SIMD kernels of `shared/wasm` when they are available (see `backend.ts`), and fall
 * back to one hash-wasm / noble call per hash otherwise. The encoder and decoder do not go through
 * them: they run whole tasks in WASM memory (`tasks.ts`).
 *
 * @see spec §2.1
 * @packageDocumentation
 */
import { blake2b as nobleBlake2b } from '@noble/hashes/blake2.js';
import { createBLAKE2b, type IHasher } from 'hash-wasm';
import { codecKernels } from './backend.ts';
import { DIGEST_LENGTH } from './params.ts';
import { copyInto } from '../bytes.ts';

/** Domain-separation prefix of a Merkle leaf: H(0x00 || leaf bytes). @see spec §2.1 */
export const LEAF_PREFIX = 0x00;
/** Domain-separation prefix of an inner Merkle node: H(0x01 || left || right). @see spec §2.1 */
export const INNER_PREFIX = 0x01;

/** Symbols up to this size are copied behind the prefix and hashed in one update call. */
const SCRATCH_SYMBOL_LIMIT = 1024;

let wasmHasher: IHasher | undefined;
let initPromise: Promise<void> | undefined;
const scratch = new Uint8Array(1 + Math.max(SCRATCH_SYMBOL_LIMIT, 2 * DIGEST_LENGTH));

/**
 * Loads the WebAssembly Blake2b implementation. Idempotent; resolves once it is in use. If WebAssembly is
 * unavailable the promise still resolves and the pure-JS fallback stays in use (same digests, slower).
 */
export function initHashing(): Promise<void> {
  initPromise ??= createBLAKE2b(DIGEST_LENGTH * 8).then(
    (h) => {
      wasmHasher = h;
    },
    () => undefined,
  );
  return initPromise;
}

/** True once {@link initHashing} has switched to the WebAssembly implementation. */
export function isHashingAccelerated(): boolean {
  return wasmHasher !== undefined;
}

// Start loading at import time so that most callers never have to think about it.
void initHashing();

/**
 * Blake2b-256 of the concatenation of `parts`.
 * @returns a new 32-byte digest
 */
export function blake2b256(...parts: Uint8Array[]): Uint8Array {
  const h = wasmHasher;
  if (h !== undefined) {
    h.init();
    for (const p of parts) h.update(p);
    return h.digest('binary');
  }
  const s = nobleBlake2b.create({ dkLen: DIGEST_LENGTH });
  for (const p of parts) s.update(p);
  return s.digest();
}

/** Digest of `prefix || data`, without allocating for small inputs. */
function hashPrefixed(prefix: number, data: Uint8Array): Uint8Array {
  const h = wasmHasher;
  if (data.length <= SCRATCH_SYMBOL_LIMIT) {
    scratch[0] = prefix;
    scratch.set(data, 1);
    const input = scratch.subarray(0, 1 + data.length);
    if (h !== undefined) {
      h.init();
      h.update(input);
      return h.digest('binary');
    }
    return nobleBlake2b(input, { dkLen: DIGEST_LENGTH });
  }
  return blake2b256(Uint8Array.of(prefix), data);
}

/** Merkle leaf hash H(0x00 || bytes). @see spec §2.1 */
export function leafHash(bytes: Uint8Array): Uint8Array {
  return hashPrefixed(LEAF_PREFIX, bytes);
}

/** Inner Merkle node hash H(0x01 || left || right) of two 32-byte nodes. @see spec §2.1 */
export function innerHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  scratch[0] = INNER_PREFIX;
  scratch.set(left, 1);
  scratch.set(right, 1 + DIGEST_LENGTH);
  const input = scratch.subarray(0, 1 + 2 * DIGEST_LENGTH);
  const h = wasmHasher;
  if (h !== undefined) {
    h.init();
    h.update(input);
    return h.digest('binary');
  }
  return nobleBlake2b(input, { dkLen: DIGEST_LENGTH });
}

/**
 * Leaf hashes of `count` symbols of `symbolSize` bytes read from `src`: symbol i starts at
 * `srcOffset + i * srcStride`; its hash is written at `out[outOffset + i * outStride]` (32 bytes).
 * `srcStride` defaults to `symbolSize` (contiguous symbols), `outStride` to 32.
 */
export function hashLeaves(
  src: Uint8Array,
  srcOffset: number,
  symbolSize: number,
  count: number,
  out: Uint8Array,
  outOffset = 0,
  srcStride = symbolSize,
  outStride = DIGEST_LENGTH,
): void {
  if (count <= 0) return;
  const kernels = codecKernels();
  if (kernels !== undefined) {
    const span = (count - 1) * srcStride + symbolSize;
    const input = kernels.alloc(span);
    const digests = kernels.alloc(count * DIGEST_LENGTH);
    try {
      copyInto(kernels.bytes(), src.subarray(srcOffset, srcOffset + span), input.ptr);
      kernels.hashLeavesAt(input.ptr, count, symbolSize, srcStride, digests.ptr);
      const result = kernels.bytes().subarray(digests.ptr, digests.ptr + count * DIGEST_LENGTH);
      if (outStride === DIGEST_LENGTH) out.set(result, outOffset);
      else {
        for (let i = 0; i < count; i++) {
          out.set(result.subarray(i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH), outOffset + i * outStride);
        }
      }
    } finally {
      input.free();
      digests.free();
    }
    return;
  }
  const h = wasmHasher;
  if (h === undefined || symbolSize > SCRATCH_SYMBOL_LIMIT) {
    for (let i = 0; i < count; i++) {
      const start = srcOffset + i * srcStride;
      out.set(leafHash(src.subarray(start, start + symbolSize)), outOffset + i * outStride);
    }
    return;
  }
  // Hot path: copy each symbol behind the prefix byte-wise (no per-symbol views), one update per hash.
  const input = scratch.subarray(0, 1 + symbolSize);
  scratch[0] = LEAF_PREFIX;
  for (let i = 0; i < count; i++) {
    const start = srcOffset + i * srcStride;
    for (let b = 0; b < symbolSize; b++) scratch[1 + b] = src[start + b];
    h.init();
    h.update(input);
    out.set(h.digest('binary'), outOffset + i * outStride);
  }
}

/**
 * Hashes one Merkle level into its parent level. `level` holds `count` nodes of 32 bytes, contiguous from
 * offset 0; when `count` is odd the missing right sibling is the empty node (32 zero bytes).
 * @returns ceil(count / 2) parent nodes, contiguous (32 bytes each)
 */
export function hashInnerLevel(level: Uint8Array, count: number): Uint8Array {
  const parents = Math.ceil(count / 2);
  const out = new Uint8Array(parents * DIGEST_LENGTH);
  const kernels = codecKernels();
  if (kernels !== undefined && count > 0) {
    const input = kernels.alloc(count * DIGEST_LENGTH);
    const output = kernels.alloc(parents * DIGEST_LENGTH);
    try {
      kernels.bytes().set(level.subarray(0, count * DIGEST_LENGTH), input.ptr);
      kernels.raw.merkleLevel(input.ptr, count, DIGEST_LENGTH, output.ptr);
      out.set(kernels.bytes().subarray(output.ptr, output.ptr + parents * DIGEST_LENGTH));
    } finally {
      input.free();
      output.free();
    }
    return out;
  }
  const h = wasmHasher;
  const input = scratch.subarray(0, 1 + 2 * DIGEST_LENGTH);
  for (let i = 0; i < parents; i++) {
    const l = 2 * i * DIGEST_LENGTH;
    const pairBytes = 2 * i + 1 < count ? 2 * DIGEST_LENGTH : DIGEST_LENGTH;
    scratch[0] = INNER_PREFIX;
    for (let b = 0; b < pairBytes; b++) scratch[1 + b] = level[l + b];
    for (let b = pairBytes; b < 2 * DIGEST_LENGTH; b++) scratch[1 + b] = 0;
    if (h !== undefined) {
      h.init();
      h.update(input);
      out.set(h.digest('binary'), i * DIGEST_LENGTH);
    } else {
      out.set(nobleBlake2b(input, { dkLen: DIGEST_LENGTH }), i * DIGEST_LENGTH);
    }
  }
  return out;
}
