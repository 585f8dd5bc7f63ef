/**
 * WebAssembly SIMD kernels for the codec's hot paths: Blake2b-256, Walrus Merkle trees and the
 * GF(2^16) Reed-Solomon transforms of reed-solomon-simd 3.1, built from our AssemblyScript source in
 * `shared/wasm/assembly/` (see `scripts/build-wasm.ts`) and embedded as base64, so this module loads
 * the same way in Node and in the browser (no fs, no fetch).
 *
 * Two levels of API:
 * - convenience methods that take and return `Uint8Array`s (they copy in and out of WASM memory);
 * - pointer methods (`...At`, and `raw`) that work on buffers living in WASM memory, obtained with
 *   {@link WasmKernels.alloc}. Write input straight into `buffer.view()`, call the kernel, read the
 *   result from a view: no copies. Views are invalidated whenever memory grows (any `alloc` may grow
 *   it), so take a fresh `view()` after allocating.
 *
 * Everything runs synchronously on the calling thread; one {@link WasmKernels} instance is not
 * re-entrant across workers (create one per worker with {@link instantiateWasmKernels}).
 *
 * @example
 * ```ts
 * const k = loadWasmKernels();
 * const digest = k.blake2b256(new TextEncoder().encode('walrus'));
 * const root = k.merkleRoot(k.hashLeaves(symbols, 2));
 * ```
 * @see spec §1.7 (Reed-Solomon), §2.1 (hash and Merkle tree)
 * @packageDocumentation
 */
import { KernelArgumentError, KernelMemoryError, UnsupportedShardCountError } from './errors.ts';
import { KERNELS_WASM_BASE64 } from './kernels.generated.ts';
import { copyInto } from '../bytes.ts';

export { KernelArgumentError, KernelMemoryError, UnsupportedShardCountError } from './errors.ts';

/** Bytes of one Blake2b-256 digest / Merkle node. */
export const DIGEST_BYTES = 32;
/** Largest number of leaves a tree may have here (proof flags are kept per level, 32 levels max). */
const MAX_LEAVES = 2 ** 31;
/** Number of elements of GF(2^16). */
export const GF_ORDER = 65536;
/** WebAssembly page size. */
const PAGE = 65536;
/** Allocation alignment in bytes (one packed Reed-Solomon block). */
const ALIGN = 64;

/**
 * The raw exports of the kernels module. Pointers and sizes are byte offsets/lengths in
 * {@link WasmKernels.memory}; nothing is checked on this level.
 */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  /** First byte of memory the JS side may use (below: tables and scratch of the module). */
  freeStart(): number;
  /** Blake2b-256 of `data[0, len)` to `out` (32 bytes). */
  blake2b256(data: number, len: number, out: number): void;
  /** Leaf hashes H(0x00 || symbol i), symbol i at `src + i * stride`, digest i at `out + i * outStride`. */
  hashLeaves(
    src: number,
    count: number,
    symbolSize: number,
    stride: number,
    out: number,
    outStride: number,
  ): void;
  /** One Merkle level: node i at `src + i * stride` -> parents at `dst + 32 j`; returns ceil(count / 2). */
  merkleLevel(src: number, count: number, stride: number, dst: number): number;
  /** Root over `count` leaf digests at `leaves + i * stride`; scratch needs 32 * ceil(count / 2) bytes. */
  merkleRoot(leaves: number, count: number, stride: number, out: number, scratch: number): void;
  /** Roots of `trees` trees, leaf i of tree t at `leaves + t * treeStride + i * leafStride`. */
  merkleRoots(
    leaves: number,
    count: number,
    leafStride: number,
    trees: number,
    treeStride: number,
    out: number,
    scratch: number,
  ): void;
  /** Root to `out` and proof of leaf `index` (siblings to `path`, empty flags to `flags`); returns the depth. */
  merkleProof(
    leaves: number,
    count: number,
    stride: number,
    index: number,
    path: number,
    flags: number,
    out: number,
    scratch: number,
  ): number;
  /** 1: batches use the two-lane (i64x2) compression (default); 0: scalar only. */
  setTwoLanes(on: number): void;
  /** Builds the GF(2^16) tables (idempotent, ~10 ms). Every RS export below needs it first. */
  rsInit(): void;
  /** `x * exp[logM]` in the crate's field. */
  gfMul(x: number, logM: number): number;
  /** reed-solomon-simd `Engine::fft` on shards of `sb` bytes (a multiple of 64) at `data`. */
  fft(data: number, sb: number, pos: number, size: number, truncated: number, skewDelta: number): void;
  /** reed-solomon-simd `Engine::ifft`. */
  ifft(data: number, sb: number, pos: number, size: number, truncated: number, skewDelta: number): void;
  /** `x[0, bytes) ^= y[0, bytes)`, `bytes` a multiple of 16. */
  xorSlice(x: number, y: number, bytes: number): void;
  /** `x[0, bytes) *= exp[logM]` on the lo/hi block layout, `bytes` a multiple of 64. */
  mulSlice(x: number, bytes: number, logM: number): void;
  /** The crate's formal derivative over shards `[0, count)`. */
  formalDerivative(data: number, sb: number, count: number): void;
  /** The crate's `eval_poly` over 65536 u16 at `data`. */
  evalPoly(data: number, truncated: number): void;
  /** High-rate encode in place: originals in shards [0, k) -> recovery in [0, m). */
  encodeHighRate(work: number, sb: number, k: number, m: number): void;
  /** Low-rate encode in place: originals in shards [0, k) -> recovery in [0, m). */
  encodeLowRate(work: number, sb: number, k: number, m: number): void;
  /** High-rate decode in place (recovery at [0, m), originals at P(m) + j; one received byte per position). */
  decodeHighRate(work: number, sb: number, k: number, m: number, received: number): void;
  /** Low-rate decode in place (originals at [0, k), recovery at P(k) + i). */
  decodeLowRate(work: number, sb: number, k: number, m: number, received: number): void;
  /** Packs symbols into shards of `sb` bytes (see {@link packedShardBytes}). */
  pack(
    src: number,
    shards: number,
    shardStride: number,
    syms: number,
    symStride: number,
    symbolSize: number,
    dst: number,
    sb: number,
  ): void;
  /** The inverse of `pack`. */
  unpack(
    src: number,
    sb: number,
    shards: number,
    dst: number,
    shardStride: number,
    syms: number,
    symStride: number,
    symbolSize: number,
  ): void;
}

/** A region of WASM memory owned by the caller until {@link WasmBuffer.free}. */
export interface WasmBuffer {
  /** Byte offset in WASM memory (64-byte aligned). */
  readonly ptr: number;
  /** Usable bytes. */
  readonly size: number;
  /** A fresh view of the region (views die when memory grows: do not keep one across `alloc`). */
  view(): Uint8Array;
  /** Returns the region to the allocator; the buffer must not be used afterwards. */
  free(): void;
}

/** A Merkle inclusion proof (spec §2.1). */
export interface MerkleProofResult {
  /** The tree's root. */
  readonly root: Uint8Array;
  /** Sibling digests bottom-up (32 bytes each); a padding sibling is 32 zero bytes. */
  readonly path: Uint8Array[];
  /** Per level: true when the sibling is the padding node (BCS `Node::Empty`). */
  readonly empty: boolean[];
}

/** Where the symbols of a batch of codewords live (all offsets in bytes, in WASM memory). */
export interface CodewordLayout {
  /** Address of symbol 0 of codeword 0. */
  readonly ptr: number;
  /** Distance between symbol i and i + 1 of one codeword. */
  readonly symbolStride: number;
  /** Distance between symbol i of codeword c and of codeword c + 1. */
  readonly codewordStride: number;
}

/** Options of {@link WasmKernels.rsEncodeBatchAt}. */
export interface RsEncodeBatchOptions {
  /** Source symbols per codeword (`original_count`). */
  readonly k: number;
  /** Recovery symbols per codeword (`recovery_count`). */
  readonly m: number;
  /** Bytes per symbol (even, > 0). */
  readonly symbolSize: number;
  /** Number of independent codewords. */
  readonly codewords: number;
  /** The k source symbols of each codeword. */
  readonly input: CodewordLayout;
  /** Where recovery symbol i of each codeword goes. */
  readonly output: CodewordLayout;
  /**
   * Target bytes per packed shard: codewords are encoded side by side in groups whose shards are
   * about this wide (more = fewer table loads, less = better cache use).
   * @default 4096
   */
  readonly shardBytesTarget?: number;
}

/** Options of {@link WasmKernels.rsDecodeBatchAt}. */
export interface RsDecodeBatchOptions {
  /** Source symbols per codeword (`original_count`). */
  readonly k: number;
  /** Recovery symbols per codeword (`recovery_count`). */
  readonly m: number;
  /** Bytes per symbol (even, > 0). */
  readonly symbolSize: number;
  /** Number of independent codewords (all with the same received indices). */
  readonly codewords: number;
  /** Codeword index (in [0, k + m)) of each received symbol, in input order. */
  readonly indices: readonly number[];
  /** Source symbol indices (in [0, k)) to write to the output, in output order. */
  readonly missing: readonly number[];
  /** Received symbol q of each codeword (`symbolStride` steps over q). */
  readonly input: CodewordLayout;
  /** Where output symbol t (source symbol `missing[t]`) of each codeword goes. */
  readonly output: CodewordLayout;
  /**
   * Target bytes per packed shard (the decoder's work buffer is P(P(k) + m) or P(P(m) + k) shards).
   * @default 8192
   */
  readonly shardBytesTarget?: number;
}

/** Shard counts of a `ReedSolomonEncoder::new(k, m, _)` in reed-solomon-simd 3.1 (spec §1.7). */
export function rsSupported(k: number, m: number): boolean {
  if (!Number.isInteger(k) || !Number.isInteger(m) || k <= 0 || m <= 0) return false;
  if (k > GF_ORDER || m > GF_ORDER) return false;
  return Math.min(nextPow2(k), nextPow2(m)) + Math.max(k, m) <= GF_ORDER;
}

/**
 * The crate's default rate choice (`rate_default.rs::use_high_rate`): high rate if
 * P(k) > P(m), low if P(k) < P(m), and high iff k <= m when equal (P = next power of two).
 * @throws {UnsupportedShardCountError} when {@link rsSupported} is false
 */
export function useHighRate(k: number, m: number): boolean {
  if (!rsSupported(k, m)) throw new UnsupportedShardCountError(k, m);
  const pk = nextPow2(k);
  const pm = nextPow2(m);
  if (pk !== pm) return pk > pm;
  return k <= m;
}

/** Shards in the encoder's work buffer: `ceil(k / P(m)) * P(m)` (high rate) or `ceil(m / P(k)) * P(k)`. */
export function encodeWorkCount(k: number, m: number, highRate: boolean): number {
  const chunk = highRate ? nextPow2(m) : nextPow2(k);
  return Math.ceil((highRate ? k : m) / chunk) * chunk;
}

/** Shards in the decoder's work buffer: `P(P(m) + k)` (high rate) or `P(P(k) + m)` (low rate). */
export function decodeWorkCount(k: number, m: number, highRate: boolean): number {
  return nextPow2(highRate ? nextPow2(m) + k : nextPow2(k) + m);
}

/**
 * Field lanes one symbol takes in a packed shard: `symbolSize / 2` below 64 bytes (dense), else 32
 * per started 64-byte block (so a single symbol is laid out exactly like the crate's shard).
 */
export function lanesPerSymbol(symbolSize: number): number {
  return symbolSize >= 64 ? Math.ceil(symbolSize / 64) * 32 : symbolSize / 2;
}

/** Bytes of a packed shard holding `symbols` symbols of `symbolSize` bytes (a multiple of 64). */
export function packedShardBytes(symbols: number, symbolSize: number): number {
  return Math.ceil((symbols * lanesPerSymbol(symbolSize)) / 32) * 64;
}

function nextPow2(x: number): number {
  return x <= 1 ? 1 : 2 ** Math.ceil(Math.log2(x));
}

function checkCount(what: string, value: number, min = 0, max = 2 ** 32 - 1): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KernelArgumentError(`${what} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

function checkSymbolSize(symbolSize: number): void {
  checkCount('symbolSize', symbolSize, 2, 2 ** 30);
  if (symbolSize % 2 !== 0) throw new KernelArgumentError(`symbolSize must be even, got ${symbolSize}`);
}

/** First-fit allocator over [start, memory end), 64-byte aligned, growing memory on demand. */
class Heap {
  readonly #memory: WebAssembly.Memory;
  /** Free blocks sorted by address, never adjacent. */
  readonly #free: { ptr: number; size: number }[] = [];

  constructor(memory: WebAssembly.Memory, start: number) {
    this.#memory = memory;
    const end = memory.buffer.byteLength;
    if (end > start) this.#free.push({ ptr: start, size: end - start });
  }

  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    for (let i = 0; i < this.#free.length; i++) {
      const block = this.#free[i];
      if (block.size >= size) {
        const ptr = block.ptr;
        if (block.size === size) this.#free.splice(i, 1);
        else {
          block.ptr += size;
          block.size -= size;
        }
        return ptr;
      }
    }
    this.#grow(size);
    return this.alloc(bytes);
  }

  release(ptr: number, bytes: number): void {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let i = 0;
    while (i < this.#free.length && this.#free[i].ptr < ptr) i++;
    this.#free.splice(i, 0, { ptr, size });
    // Merge with the next block, then with the previous one.
    const next = this.#free[i + 1];
    if (next !== undefined && ptr + size === next.ptr) {
      this.#free[i].size += next.size;
      this.#free.splice(i + 1, 1);
    }
    const prev = this.#free[i - 1];
    if (prev !== undefined && prev.ptr + prev.size === ptr) {
      prev.size += this.#free[i].size;
      this.#free.splice(i, 1);
    }
  }

  #grow(size: number): void {
    const end = this.#memory.buffer.byteLength;
    const last = this.#free[this.#free.length - 1];
    const tail = last !== undefined && last.ptr + last.size === end ? last.size : 0;
    const needed = size - tail;
    // Grow by at least 1/8 of the current size to keep the number of grows small.
    const pages = Math.max(Math.ceil(needed / PAGE), Math.ceil(end / PAGE / 8));
    try {
      this.#memory.grow(pages);
    } catch (cause) {
      try {
        this.#memory.grow(Math.ceil(needed / PAGE));
      } catch {
        throw new KernelMemoryError(size, { cause });
      }
    }
    this.release(end, this.#memory.buffer.byteLength - end);
  }
}

/**
 * A native implementation of {@link KernelExports.hashLeaves} over a kernels instance's memory (same
 * arguments, `memory` first): Node registers its AVX2 kernel (node/crypto/blake2b) with
 * {@link setLeafHasher}; it must write exactly the digests the WASM kernel would.
 */
export type LeafHasher = (memory: Uint8Array, ...args: Parameters<KernelExports['hashLeaves']>) => void;

/** Smallest batch (symbols x bytes) worth a call into a native leaf hasher. */
const NATIVE_LEAF_MIN_BYTES = 4096;
let leafHasher: LeafHasher | undefined;

/**
 * Makes every {@link WasmKernels} instance on this thread hash Merkle leaves with `hasher` (batches of at
 * least 4 KiB; smaller ones stay in WASM), or with the WASM kernel again when `undefined`.
 */
export function setLeafHasher(hasher: LeafHasher | undefined): void {
  leafHasher = hasher;
}

/** The native leaf hasher in use on this thread, if any. */
export function currentLeafHasher(): LeafHasher | undefined {
  return leafHasher;
}

/**
 * An instance of the kernels module with its own memory. Obtain one with {@link loadWasmKernels}
 * (shared, created on first use) or {@link instantiateWasmKernels} (a new one).
 */
export class WasmKernels {
  /** The module's exports, for callers that manage pointers themselves. */
  readonly raw: KernelExports;
  readonly #heap: Heap;
  readonly #scratch = new Map<string, WasmBuffer>();
  #rsReady = false;

  constructor(instance: WebAssembly.Instance) {
    this.raw = instance.exports as unknown as KernelExports;
    this.#heap = new Heap(this.raw.memory, this.raw.freeStart());
  }

  /** The module's memory (its buffer changes when it grows). */
  get memory(): WebAssembly.Memory {
    return this.raw.memory;
  }

  /** A fresh byte view of the whole memory. */
  bytes(): Uint8Array {
    return new Uint8Array(this.raw.memory.buffer);
  }

  /**
   * Allocates `size` bytes (64-byte aligned, contents unspecified) in WASM memory, growing it when
   * needed. Existing views die when memory grows.
   * @throws {KernelMemoryError} when memory cannot grow enough
   */
  alloc(size: number): WasmBuffer {
    checkCount('size', size, 0, 2 ** 32 - PAGE);
    const heap = this.#heap;
    const memory = this.raw.memory;
    const ptr = heap.alloc(size);
    let live = true;
    return {
      ptr,
      size,
      view: () => new Uint8Array(memory.buffer, ptr, size),
      free: () => {
        if (live) heap.release(ptr, size);
        live = false;
      },
    };
  }

  /** A reusable internal buffer of at least `size` bytes, keyed by purpose. */
  #buffer(key: string, size: number): WasmBuffer {
    const old = this.#scratch.get(key);
    if (old !== undefined && old.size >= size) return old;
    old?.free();
    const buffer = this.alloc(Math.max(size, old === undefined ? 0 : old.size * 2));
    this.#scratch.set(key, buffer);
    return buffer;
  }

  /** Copies `data` into the reusable input buffer `key` and returns its pointer. */
  #copyIn(key: string, data: Uint8Array): number {
    const buffer = this.#buffer(key, data.length);
    copyInto(this.bytes(), data, buffer.ptr);
    return buffer.ptr;
  }

  #copyOut(ptr: number, size: number): Uint8Array {
    return this.bytes().slice(ptr, ptr + size);
  }

  /** Chooses two-lane (i64x2, default) or scalar compressions for batched hashing (results are equal). */
  setTwoLanes(on: boolean): void {
    this.raw.setTwoLanes(on ? 1 : 0);
  }

  // ---------------------------------------------------------------- hashing (spec §2.1)

  /** Blake2b-256 (RFC 7693, 32-byte digest, no key) of `data`. */
  blake2b256(data: Uint8Array): Uint8Array {
    const ptr = this.#copyIn('in', data);
    const out = this.#buffer('out', DIGEST_BYTES).ptr;
    this.raw.blake2b256(ptr, data.length, out);
    return this.#copyOut(out, DIGEST_BYTES);
  }

  /**
   * Merkle leaf hashes H(0x00 || symbol) of `count` symbols of `symbolSize` bytes, symbol i at
   * `symbols[offset + i * stride]`.
   * @param stride distance between symbols in bytes (default `symbolSize`: contiguous)
   * @param count number of symbols (default: as many as fit)
   * @returns count x 32 bytes of digests
   * @throws {KernelArgumentError} when the symbols do not fit in `symbols`
   */
  hashLeaves(
    symbols: Uint8Array,
    symbolSize: number,
    stride = symbolSize,
    count?: number,
    offset = 0,
  ): Uint8Array {
    checkCount('symbolSize', symbolSize);
    checkCount('stride', stride);
    const n =
      count ?? (symbolSize === 0 ? 0 : Math.floor((symbols.length - offset - symbolSize) / stride) + 1);
    checkCount('count', Math.max(n, 0));
    if (n > 0 && offset + (n - 1) * stride + symbolSize > symbols.length) {
      throw new KernelArgumentError('hashLeaves: symbols out of range');
    }
    if (n <= 0) return new Uint8Array(0);
    const span = (n - 1) * stride + symbolSize;
    const src = this.#copyIn('in', symbols.subarray(offset, offset + span));
    const out = this.#buffer('out', n * DIGEST_BYTES).ptr;
    this.hashLeavesAt(src, n, symbolSize, stride, out, DIGEST_BYTES);
    return this.#copyOut(out, n * DIGEST_BYTES);
  }

  /**
   * Pointer form of {@link hashLeaves}: symbol i at `src + i * stride`, digest i written to
   * `out + i * outStride` (default 32). Works for a row-major matrix's rows (stride = symbolSize)
   * and columns (stride = row length in bytes).
   */
  hashLeavesAt(
    src: number,
    count: number,
    symbolSize: number,
    stride: number,
    out: number,
    outStride = DIGEST_BYTES,
  ): void {
    if (leafHasher !== undefined && count * symbolSize >= NATIVE_LEAF_MIN_BYTES) {
      leafHasher(this.#memoryView(), src, count, symbolSize, stride, out, outStride);
    } else {
      this.raw.hashLeaves(src, count, symbolSize, stride, out, outStride);
    }
  }

  #view: Uint8Array | undefined;

  /** A byte view of the whole memory, kept until memory grows. */
  #memoryView(): Uint8Array {
    const buffer = this.raw.memory.buffer;
    if (this.#view === undefined || this.#view.buffer !== buffer) this.#view = new Uint8Array(buffer);
    return this.#view;
  }

  /**
   * Merkle root over leaf digests (32 bytes each, concatenated): 0 leaves -> 32 zero bytes, 1 leaf ->
   * that digest, odd levels padded with a zero node (spec §2.1).
   * @throws {KernelArgumentError} when the length is not a multiple of 32
   */
  merkleRoot(leafDigests: Uint8Array): Uint8Array {
    const count = this.#digestCount(leafDigests);
    const leaves = this.#copyIn('in', leafDigests);
    const scratch = this.#buffer('scratch', Math.max(1, Math.ceil(count / 2)) * DIGEST_BYTES).ptr;
    const out = this.#buffer('out', DIGEST_BYTES).ptr;
    this.raw.merkleRoot(leaves, count, DIGEST_BYTES, out, scratch);
    return this.#copyOut(out, DIGEST_BYTES);
  }

  /**
   * Pointer form: root of `count` leaf digests at `leaves + i * stride` written to `out`. Uses an
   * internal scratch buffer (it may grow memory).
   */
  merkleRootAt(leaves: number, count: number, stride: number, out: number): void {
    const scratch = this.#buffer('scratch', Math.max(1, Math.ceil(count / 2)) * DIGEST_BYTES).ptr;
    this.raw.merkleRoot(leaves, count, stride, out, scratch);
  }

  /**
   * Roots of `trees` trees in one call: leaf i of tree t is at `leaves + t * treeStride + i * leafStride`;
   * root t goes to `out + 32 t`. For an n x n digest matrix (row-major, 32 bytes per cell): row
   * trees use (leafStride 32, treeStride 32n), column trees (leafStride 32n, treeStride 32).
   */
  merkleRootsAt(
    leaves: number,
    count: number,
    leafStride: number,
    trees: number,
    treeStride: number,
    out: number,
  ): void {
    const scratch = this.#buffer('scratch', Math.max(1, Math.ceil(count / 2)) * DIGEST_BYTES).ptr;
    this.raw.merkleRoots(leaves, count, leafStride, trees, treeStride, out, scratch);
  }

  /**
   * Root and inclusion proof for leaf `index` over concatenated leaf digests (spec §2.1).
   * @throws {KernelArgumentError} for a bad length or index
   */
  merkleProof(leafDigests: Uint8Array, index: number): MerkleProofResult {
    const count = this.#digestCount(leafDigests);
    checkCount('index', index, 0, Math.max(0, count - 1));
    if (count === 0) throw new KernelArgumentError('merkleProof: the tree has no leaves');
    const leaves = this.#copyIn('in', leafDigests);
    const scratch = this.#buffer('scratch', Math.max(1, Math.ceil(count / 2)) * DIGEST_BYTES).ptr;
    const path = this.#buffer('path', 32 * DIGEST_BYTES + 32 + DIGEST_BYTES).ptr;
    const flags = path + 32 * DIGEST_BYTES;
    const out = flags + 32;
    const depth = this.raw.merkleProof(leaves, count, DIGEST_BYTES, index, path, flags, out, scratch);
    const mem = this.bytes();
    return {
      root: mem.slice(out, out + DIGEST_BYTES),
      path: Array.from({ length: depth }, (_, i) => mem.slice(path + i * 32, path + i * 32 + 32)),
      empty: Array.from({ length: depth }, (_, i) => mem[flags + i] === 1),
    };
  }

  #digestCount(leafDigests: Uint8Array): number {
    if (leafDigests.length % DIGEST_BYTES !== 0) {
      throw new KernelArgumentError(`leaf digests must be a multiple of 32 bytes, got ${leafDigests.length}`);
    }
    const count = leafDigests.length / DIGEST_BYTES;
    checkCount('leaf count', count, 0, MAX_LEAVES);
    return count;
  }

  // ---------------------------------------------------------------- Reed-Solomon (spec §1.7)

  /** Builds the GF(2^16) tables (once per instance, ~10-20 ms); the RS methods call it themselves. */
  rsInit(): void {
    if (!this.#rsReady) {
      this.raw.rsInit();
      this.#rsReady = true;
    }
  }

  /**
   * Encodes `codewords` independent codewords of `k` source symbols into `m` recovery symbols each,
   * byte-compatible with reed-solomon-simd 3.1 (`ReedSolomonEncoder::new(k, m, symbolSize)`, its
   * default rate choice). Symbols are read and written in place in WASM memory through the given
   * layouts, so a row-major matrix's rows and columns can be encoded without copies in JS. Groups of
   * codewords are packed side by side into shards; a constant number of calls per group.
   * @throws {UnsupportedShardCountError} for unsupported (k, m)
   * @throws {KernelArgumentError} for a bad symbol size or count
   */
  rsEncodeBatchAt(options: RsEncodeBatchOptions): void {
    const { k, m, symbolSize, codewords, input, output } = options;
    checkSymbolSize(symbolSize);
    checkCount('codewords', codewords);
    const high = useHighRate(k, m);
    this.rsInit();
    const lanes = lanesPerSymbol(symbolSize);
    const target = options.shardBytesTarget ?? 4096;
    const group = Math.max(1, Math.min(codewords, Math.floor(target / (2 * lanes))));
    const sb = packedShardBytes(group, symbolSize);
    const work = this.#buffer('rs-work', encodeWorkCount(k, m, high) * sb).ptr;
    const raw = this.raw;
    for (let c = 0; c < codewords; c += group) {
      const g = Math.min(group, codewords - c);
      raw.pack(
        input.ptr + c * input.codewordStride,
        k,
        input.symbolStride,
        g,
        input.codewordStride,
        symbolSize,
        work,
        sb,
      );
      if (high) raw.encodeHighRate(work, sb, k, m);
      else raw.encodeLowRate(work, sb, k, m);
      raw.unpack(
        work,
        sb,
        m,
        output.ptr + c * output.codewordStride,
        output.symbolStride,
        g,
        output.codewordStride,
        symbolSize,
      );
    }
  }

  /**
   * Decodes `codewords` independent codewords that all received the same symbol indices (e.g. every
   * column of a blob from the same R primary slivers), byte-compatible with reed-solomon-simd 3.1's
   * decoder. Received symbol q (codeword index `indices[q]`: < k a source symbol, >= k recovery
   * symbol `indices[q] - k`) of codeword c is read at `input.ptr + q * input.symbolStride +
   * c * input.codewordStride`; source symbol `missing[t]` of codeword c is written at
   * `output.ptr + t * output.symbolStride + c * output.codewordStride`. Only the first k distinct
   * indices are used; `missing` must list only source indices not among them. Groups of codewords
   * are packed side by side into shards, as for encoding.
   * @throws {KernelArgumentError} with fewer than k distinct indices, a bad index or size, or a
   *   "missing" index that was received
   * @throws {UnsupportedShardCountError} for unsupported (k, m)
   */
  rsDecodeBatchAt(options: RsDecodeBatchOptions): void {
    const { k, m, symbolSize, codewords, indices, missing, input, output } = options;
    checkSymbolSize(symbolSize);
    checkCount('codewords', codewords);
    const high = useHighRate(k, m);
    this.rsInit();
    const used: { q: number; index: number }[] = [];
    const seen = new Set<number>();
    indices.forEach((index, q) => {
      checkCount('symbol index', index, 0, k + m - 1);
      if (used.length < k && !seen.has(index)) {
        seen.add(index);
        used.push({ q, index });
      }
    });
    if (used.length < k) throw new KernelArgumentError(`need ${k} distinct symbols, got ${used.length}`);
    for (const i of missing) {
      checkCount('missing index', i, 0, k - 1);
      if (seen.has(i)) throw new KernelArgumentError(`source symbol ${i} was received: it is not missing`);
    }
    if (codewords === 0 || missing.length === 0) return;
    const lanes = lanesPerSymbol(symbolSize);
    const target = options.shardBytesTarget ?? 8192;
    const group = Math.max(1, Math.min(codewords, Math.floor(target / (2 * lanes))));
    const sb = packedShardBytes(group, symbolSize);
    const count = decodeWorkCount(k, m, high);
    const work = this.#buffer('rs-work', count * sb).ptr;
    const received = this.#buffer('rs-received', count).ptr;
    const originalBase = high ? nextPow2(m) : 0;
    const recoveryBase = high ? 0 : nextPow2(k);
    const position = (index: number) => (index < k ? originalBase + index : recoveryBase + index - k);
    const raw = this.raw;
    for (let c = 0; c < codewords; c += group) {
      const g = Math.min(group, codewords - c);
      // Decoding may scale and clobber the received flags' shards but not the flags themselves;
      // set them per group anyway (cheap) so nothing depends on that.
      const mem = this.bytes();
      mem.fill(0, received, received + count);
      for (const { q, index } of used) {
        mem[received + position(index)] = 1;
        raw.pack(
          input.ptr + q * input.symbolStride + c * input.codewordStride,
          1,
          0,
          g,
          input.codewordStride,
          symbolSize,
          work + position(index) * sb,
          sb,
        );
      }
      if (high) raw.decodeHighRate(work, sb, k, m, received);
      else raw.decodeLowRate(work, sb, k, m, received);
      missing.forEach((i, t) => {
        raw.unpack(
          work + (originalBase + i) * sb,
          sb,
          1,
          output.ptr + t * output.symbolStride + c * output.codewordStride,
          0,
          g,
          output.codewordStride,
          symbolSize,
        );
      });
    }
  }

  /**
   * Recovery symbols of one codeword: `originals` holds k symbols of `symbolSize` bytes back to
   * back; returns m symbols back to back (recovery symbol i = codeword symbol k + i).
   * @throws {UnsupportedShardCountError} for unsupported (k, m)
   * @throws {KernelArgumentError} when `originals` is not k x symbolSize bytes
   */
  rsEncode(originals: Uint8Array, k: number, m: number, symbolSize: number): Uint8Array {
    checkSymbolSize(symbolSize);
    if (originals.length !== k * symbolSize) {
      throw new KernelArgumentError(
        `expected ${k} x ${symbolSize} bytes of originals, got ${originals.length}`,
      );
    }
    useHighRate(k, m);
    const input = this.#copyIn('rs-in', originals);
    const out = this.#buffer('rs-out', m * symbolSize).ptr;
    this.rsEncodeBatchAt({
      k,
      m,
      symbolSize,
      codewords: 1,
      input: { ptr: input, symbolStride: symbolSize, codewordStride: 0 },
      output: { ptr: out, symbolStride: symbolSize, codewordStride: 0 },
    });
    return this.#copyOut(out, m * symbolSize);
  }

  /**
   * Recovers the k source symbols of one codeword from any k (or more) of its n = k + m symbols,
   * as reed-solomon-simd 3.1's decoder does. `shards` lists symbols by codeword index (index < k:
   * source symbol, index >= k: recovery symbol index - k); duplicates are ignored.
   * @returns the k source symbols back to back
   * @throws {KernelArgumentError} with fewer than k distinct symbols, or a bad index or size
   * @throws {UnsupportedShardCountError} for unsupported (k, m)
   */
  rsDecode(
    k: number,
    m: number,
    symbolSize: number,
    shards: ReadonlyArray<{ readonly index: number; readonly data: Uint8Array }>,
  ): Uint8Array {
    checkSymbolSize(symbolSize);
    const high = useHighRate(k, m);
    this.rsInit();
    const byIndex = new Map<number, Uint8Array>();
    for (const { index, data } of shards) {
      checkCount('symbol index', index, 0, k + m - 1);
      if (data.length !== symbolSize) {
        throw new KernelArgumentError(`symbol ${index} has ${data.length} bytes, expected ${symbolSize}`);
      }
      if (!byIndex.has(index)) byIndex.set(index, data);
    }
    if (byIndex.size < k) throw new KernelArgumentError(`need ${k} distinct symbols, got ${byIndex.size}`);
    const result = new Uint8Array(k * symbolSize);
    let missing = 0;
    for (let i = 0; i < k; i++) {
      const data = byIndex.get(i);
      if (data === undefined) missing++;
      else result.set(data, i * symbolSize);
    }
    if (missing === 0) return result;

    const sb = packedShardBytes(1, symbolSize);
    const count = decodeWorkCount(k, m, high);
    const work = this.#buffer('rs-work', count * sb);
    const received = this.#buffer('rs-received', count);
    const staging = this.#buffer('rs-in', symbolSize);
    const originalBase = high ? nextPow2(m) : 0;
    const recoveryBase = high ? 0 : nextPow2(k);
    this.bytes().fill(0, received.ptr, received.ptr + count);
    for (const [index, data] of byIndex) {
      const pos = index < k ? originalBase + index : recoveryBase + index - k;
      const mem = this.bytes();
      mem.set(data, staging.ptr);
      mem[received.ptr + pos] = 1;
      this.raw.pack(staging.ptr, 1, 0, 1, 0, symbolSize, work.ptr + pos * sb, sb);
    }
    if (high) this.raw.decodeHighRate(work.ptr, sb, k, m, received.ptr);
    else this.raw.decodeLowRate(work.ptr, sb, k, m, received.ptr);
    const out = this.#buffer('rs-out', symbolSize).ptr;
    for (let i = 0; i < k; i++) {
      if (byIndex.has(i)) continue;
      this.raw.unpack(work.ptr + (originalBase + i) * sb, sb, 1, out, 0, 1, 0, symbolSize);
      result.set(this.bytes().subarray(out, out + symbolSize), i * symbolSize);
    }
    return result;
  }
}

let bytes: Uint8Array | undefined;
let module: WebAssembly.Module | undefined;
let shared: WasmKernels | undefined;

/** The kernels' WebAssembly binary (decoded once from the embedded base64). */
export function kernelsWasmBytes(): Uint8Array {
  if (bytes === undefined) {
    const text = atob(KERNELS_WASM_BASE64);
    bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  }
  return bytes;
}

function compiledModule(): WebAssembly.Module {
  module ??= new WebAssembly.Module(kernelsWasmBytes() as Uint8Array<ArrayBuffer>);
  return module;
}

/**
 * The shared kernels instance, compiled and instantiated synchronously on first use (the binary is
 * ~32 KiB, well under browsers' main-thread limit for synchronous compilation).
 */
export function loadWasmKernels(): WasmKernels {
  shared ??= new WasmKernels(new WebAssembly.Instance(compiledModule(), {}));
  return shared;
}

/** A new kernels instance with its own memory (e.g. one per worker), instantiated asynchronously. */
export async function instantiateWasmKernels(): Promise<WasmKernels> {
  module ??= await WebAssembly.compile(kernelsWasmBytes() as Uint8Array<ArrayBuffer>);
  return new WasmKernels(await WebAssembly.instantiate(module, {}));
}
