/**
 * A systematic Reed-Solomon erasure code over GF(2^16), byte-compatible with reed-solomon-simd 3.1 (the
 * library Walrus RS2 uses). A code with k original and m recovery symbols has n = k + m symbols: symbols
 * 0..k-1 are the originals, symbol k + i is recovery symbol i. Any k distinct symbols recover the
 * originals. Symbols are S bytes, S even; see interleave.ts for how bytes map to field elements.
 *
 * @example
 * ```ts
 * const code = reedSolomonCode(334, 666);
 * const recovery = code.encode(originals, symbolSize); // 666 * symbolSize bytes
 * const back = code.decode(new Map([[5, symbol5], [400, symbol400], ...])); // 334 * symbolSize bytes
 * ```
 *
 * @see spec §1.7
 * @packageDocumentation
 */
import {
  BufferTooSmallError,
  DuplicateSymbolIndexError,
  InvalidSymbolSizeError,
  NotEnoughSymbolsError,
  SymbolIndexOutOfRangeError,
  SymbolLengthMismatchError,
} from './errors.ts';
import { lanesToSymbol, lanesToSymbolRange, symbolRangeToLanes, symbolToLanes } from './interleave.ts';
import {
  type DecodeGeometry,
  decodeGeometry,
  decodeInPlace,
  encodeInPlace,
  encodeWorkRows,
  erasureLocator,
  useHighRate,
} from './rate.ts';

/**
 * Where a batch of codewords' symbols live in one byte buffer: symbol i of codeword c starts at byte
 * `offset + c * codewordStride + i * symbolStride`. Strides let callers read columns of a row-major
 * matrix or write straight into sliver buffers without copies. A call's input and output symbols must
 * not overlap.
 */
export interface SymbolLayout {
  /** The buffer holding the symbols. */
  readonly bytes: Uint8Array;
  /** Byte offset of symbol 0 of codeword 0. @default 0 */
  readonly offset?: number;
  /** Bytes from one symbol of a codeword to the next. @default symbolSize */
  readonly symbolStride?: number;
  /** Bytes from one codeword to the next. @default symbolStride * symbols per codeword */
  readonly codewordStride?: number;
}

/** A received symbol for decoding: `[symbol index in [0, k + m), symbol bytes]`. */
export type IndexedSymbol = readonly [index: number, symbol: Uint8Array];

interface ResolvedLayout {
  readonly bytes: Uint8Array;
  readonly offset: number;
  readonly symbolStride: number;
  readonly codewordStride: number;
}

/**
 * Work-buffer size (elements) a batch aims for: codewords with short symbols are grouped as extra lanes,
 * long symbols are split into lane windows, so the buffer stays cache-sized.
 */
let batchTargetElements = 1 << 17;
/** Fewest lanes per batch, so per-butterfly loop overhead stays amortised. */
const MIN_BATCH_LANES = 16;

/** @internal For benchmarks: sets the batch target (elements) and returns the previous one. */
export function setBatchTargetElements(elements: number): number {
  const previous = batchTargetElements;
  batchTargetElements = elements;
  return previous;
}

/** How a run of `count` codewords of `laneSize` elements per symbol is cut into batches. */
interface Batching {
  /** Codewords per batch. */
  readonly group: number;
  /** Elements of each symbol per batch (the lane window width). */
  readonly span: number;
}

function batching(count: number, rows: number, laneSize: number): Batching {
  const maxLanes = Math.max(MIN_BATCH_LANES, Math.floor(batchTargetElements / rows));
  if (laneSize <= maxLanes) {
    return { group: Math.max(1, Math.min(count, Math.floor(maxLanes / laneSize))), span: laneSize };
  }
  const windows = Math.ceil(laneSize / maxLanes);
  return { group: 1, span: Math.ceil(laneSize / windows) };
}

/** Loads elements [e0, e1) of a symbol (the whole symbol when the window covers it). */
function load(
  src: Uint8Array,
  off: number,
  symbolSize: number,
  e0: number,
  e1: number,
  w: Uint16Array,
  dst: number,
): void {
  if (e1 - e0 === symbolSize >>> 1) symbolToLanes(src, off, symbolSize, w, dst);
  else symbolRangeToLanes(src, off, symbolSize, e0, e1, w, dst);
}

/** Stores elements [e0, e1) of a symbol (the whole symbol when the window covers it). */
function store(
  w: Uint16Array,
  src: number,
  symbolSize: number,
  e0: number,
  e1: number,
  out: Uint8Array,
  off: number,
): void {
  if (e1 - e0 === symbolSize >>> 1) lanesToSymbol(w, src, symbolSize, out, off);
  else lanesToSymbolRange(w, src, symbolSize, e0, e1, out, off);
}

let sharedWork = new Uint16Array(0);

/** The module's one work buffer (codes run synchronously, so one is enough), grown on demand. */
function workBuffer(elements: number): Uint16Array {
  if (sharedWork.length < elements) sharedWork = new Uint16Array(Math.max(elements, sharedWork.length * 2));
  return sharedWork;
}

function checkSymbolSize(symbolSize: number): void {
  if (!Number.isSafeInteger(symbolSize) || symbolSize <= 0 || symbolSize % 2 !== 0) {
    throw new InvalidSymbolSizeError(symbolSize);
  }
}

function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`invalid codeword count ${count}`);
}

function resolveLayout(
  what: string,
  layout: SymbolLayout,
  count: number,
  symbols: number,
  symbolSize: number,
): ResolvedLayout {
  const offset = layout.offset ?? 0;
  const symbolStride = layout.symbolStride ?? symbolSize;
  const codewordStride = layout.codewordStride ?? symbolStride * symbols;
  for (const v of [offset, symbolStride, codewordStride]) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${what}: offsets and strides must be >= 0`);
  }
  if (count > 0 && symbols > 0) {
    const required = offset + (count - 1) * codewordStride + (symbols - 1) * symbolStride + symbolSize;
    if (required > layout.bytes.length) throw new BufferTooSmallError(what, required, layout.bytes.length);
  }
  return { bytes: layout.bytes, offset, symbolStride, codewordStride };
}

function copySymbol(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, size: number): void {
  if (size <= 16) {
    for (let i = 0; i < size; i++) dst[dstOff + i] = src[srcOff + i];
  } else {
    dst.set(src.subarray(srcOff, srcOff + size), dstOff);
  }
}

/**
 * One (k, m) Reed-Solomon code. Construct through {@link reedSolomonCode} to share instances. All
 * methods are synchronous and allocate nothing per element; encoding and decoding do O(n log n) field
 * operations per element position.
 */
export class ReedSolomonCode {
  /** k: number of original (source) symbols. */
  readonly originalCount: number;
  /** m: number of recovery (repair) symbols. */
  readonly recoveryCount: number;
  /** n = k + m. */
  readonly totalCount: number;
  /** Whether the crate's high-rate algorithm is used (see {@link useHighRate}). */
  readonly highRate: boolean;
  #decodeGeometry: DecodeGeometry | undefined;
  #lastPlan: ReedSolomonDecodePlan | undefined;

  /**
   * @param originalCount k >= 1
   * @param recoveryCount m >= 1
   * @throws UnsupportedSymbolCountError when reed-solomon-simd 3.1 rejects (k, m)
   */
  constructor(originalCount: number, recoveryCount: number) {
    this.highRate = useHighRate(originalCount, recoveryCount);
    this.originalCount = originalCount;
    this.recoveryCount = recoveryCount;
    this.totalCount = originalCount + recoveryCount;
  }

  /**
   * Computes the m recovery symbols of k original symbols.
   *
   * @param originals k symbols of `symbolSize` bytes, contiguous (`k * symbolSize` bytes)
   * @param symbolSize S, a positive even number of bytes
   * @param out optional output of at least `m * symbolSize` bytes; recovery symbol i is written to
   *   `[i * S, (i + 1) * S)`
   * @returns `out` (or a new buffer of `m * S` bytes) holding the recovery symbols contiguously
   * @throws InvalidSymbolSizeError, SymbolLengthMismatchError (wrong `originals` length),
   *   BufferTooSmallError (`out` too short)
   */
  encode(originals: Uint8Array, symbolSize: number, out?: Uint8Array): Uint8Array {
    checkSymbolSize(symbolSize);
    const k = this.originalCount;
    const need = this.recoveryCount * symbolSize;
    if (originals.length !== k * symbolSize) {
      throw new SymbolLengthMismatchError('originals buffer', k * symbolSize, originals.length);
    }
    const output = out ?? new Uint8Array(need);
    if (output.length < need) throw new BufferTooSmallError('recovery output buffer', need, output.length);
    this.encodeMany(1, symbolSize, { bytes: originals }, { bytes: output });
    return output;
  }

  /**
   * Encodes `count` codewords laid out as `src` (k symbols each) into their recovery symbols laid out as
   * `dst` (m symbols each). Codewords are processed several at a time as extra lanes.
   *
   * @throws InvalidSymbolSizeError; BufferTooSmallError if a layout runs past its buffer; RangeError
   *   for negative counts, offsets or strides
   */
  encodeMany(count: number, symbolSize: number, src: SymbolLayout, dst: SymbolLayout): void {
    checkSymbolSize(symbolSize);
    checkCount(count);
    const k = this.originalCount;
    const m = this.recoveryCount;
    const s = resolveLayout('original symbols layout', src, count, k, symbolSize);
    const d = resolveLayout('recovery symbols layout', dst, count, m, symbolSize);
    const laneSize = symbolSize >>> 1;
    const rows = encodeWorkRows(k, m, this.highRate);
    const { group, span } = batching(count, rows, laneSize);
    for (let c0 = 0; c0 < count; c0 += group) {
      const g = Math.min(group, count - c0);
      for (let e0 = 0; e0 < laneSize; e0 += span) {
        const e1 = Math.min(laneSize, e0 + span);
        const width = e1 - e0;
        const lanes = g * width;
        const w = workBuffer(rows * lanes);
        for (let i = 0; i < k; i++) {
          const base = s.offset + c0 * s.codewordStride + i * s.symbolStride;
          for (let c = 0; c < g; c++) {
            load(s.bytes, base + c * s.codewordStride, symbolSize, e0, e1, w, i * lanes + c * width);
          }
        }
        encodeInPlace(w, lanes, k, m, this.highRate);
        for (let i = 0; i < m; i++) {
          const base = d.offset + c0 * d.codewordStride + i * d.symbolStride;
          for (let c = 0; c < g; c++) {
            store(w, i * lanes + c * width, symbolSize, e0, e1, d.bytes, base + c * d.codewordStride);
          }
        }
      }
    }
  }

  /**
   * Convenience form of {@link encode}: k separate symbols in, m recovery symbols out (views into one
   * new buffer).
   *
   * @throws InvalidSymbolSizeError, SymbolLengthMismatchError (wrong number of symbols or unequal lengths)
   */
  encodeSymbols(originals: readonly Uint8Array[]): Uint8Array[] {
    const k = this.originalCount;
    if (originals.length !== k)
      throw new SymbolLengthMismatchError('originals list (symbols)', k, originals.length);
    const symbolSize = originals[0].length;
    checkSymbolSize(symbolSize);
    const joined = new Uint8Array(k * symbolSize);
    originals.forEach((sym, i) => {
      if (sym.length !== symbolSize)
        throw new SymbolLengthMismatchError(`original symbol ${i}`, symbolSize, sym.length);
      joined.set(sym, i * symbolSize);
    });
    const out = this.encode(joined, symbolSize);
    return Array.from({ length: this.recoveryCount }, (_, i) =>
      out.subarray(i * symbolSize, (i + 1) * symbolSize),
    );
  }

  /**
   * Prepares decoding from a fixed set of received symbol indices. The plan's erasure locator (two
   * 65536-point transforms) is computed once and reused for every codeword decoded with it, so decode
   * many codewords with the same indices through one plan. The last plan is cached on the code.
   *
   * @param indices distinct symbol indices in [0, k + m), at least k of them, in the order the symbols
   *   will be given to the plan
   * @throws SymbolIndexOutOfRangeError, DuplicateSymbolIndexError, NotEnoughSymbolsError
   */
  decoderFor(indices: readonly number[]): ReedSolomonDecodePlan {
    const last = this.#lastPlan;
    if (
      last !== undefined &&
      last.indices.length === indices.length &&
      last.indices.every((v, i) => v === indices[i])
    ) {
      return last;
    }
    this.#decodeGeometry ??= decodeGeometry(this.originalCount, this.recoveryCount, this.highRate);
    const plan = new ReedSolomonDecodePlan(this, indices, this.#decodeGeometry);
    this.#lastPlan = plan;
    return plan;
  }

  /**
   * Recovers the k originals from at least k distinct symbols (all given symbols are used, as the crate
   * does). The symbol size is the length of the first symbol.
   *
   * @param symbols `[index, bytes]` pairs (a `Map<number, Uint8Array>` works), all of one even length
   * @param out optional output of at least `k * S` bytes
   * @returns `out` (or a new buffer) with original i at `[i * S, (i + 1) * S)`
   * @throws SymbolIndexOutOfRangeError, DuplicateSymbolIndexError, NotEnoughSymbolsError,
   *   InvalidSymbolSizeError, SymbolLengthMismatchError, BufferTooSmallError
   */
  decode(symbols: Iterable<IndexedSymbol>, out?: Uint8Array): Uint8Array {
    const indices: number[] = [];
    const parts: Uint8Array[] = [];
    for (const [index, bytes] of symbols) {
      indices.push(index);
      parts.push(bytes);
    }
    const plan = this.decoderFor(indices);
    const symbolSize = parts[0].length;
    checkSymbolSize(symbolSize);
    parts.forEach((p, j) => {
      if (p.length !== symbolSize)
        throw new SymbolLengthMismatchError(`symbol ${indices[j]}`, symbolSize, p.length);
    });
    return plan.decodeParts(parts, symbolSize, out);
  }

  /** Convenience form of {@link decode} returning the k originals as views into one new buffer. */
  decodeSymbols(symbols: Iterable<IndexedSymbol>): Uint8Array[] {
    const out = this.decode(symbols);
    const size = out.length / this.originalCount;
    return Array.from({ length: this.originalCount }, (_, i) => out.subarray(i * size, (i + 1) * size));
  }
}

/**
 * Decoding for one fixed set of received symbol indices (from {@link ReedSolomonCode.decoderFor}).
 * Received symbols are given in the order of `indices`.
 */
export class ReedSolomonDecodePlan {
  readonly code: ReedSolomonCode;
  /** The received symbol indices, in the order their symbols are passed in. */
  readonly indices: readonly number[];
  readonly #geometry: DecodeGeometry;
  /** Work row of each received symbol (same order as `indices`). */
  readonly #rowOf: Int32Array;
  /** For original i: position in `indices` of its received symbol, or -1 if it is missing. */
  readonly #originalFrom: Int32Array;
  readonly #received: Uint8Array;
  /** Undefined when every original was received (decoding is then a copy). */
  readonly #erasures: Uint16Array | undefined;

  /** @internal Use {@link ReedSolomonCode.decoderFor}. */
  constructor(code: ReedSolomonCode, indices: readonly number[], geometry: DecodeGeometry) {
    const k = code.originalCount;
    const n = code.totalCount;
    this.code = code;
    this.indices = Object.freeze([...indices]);
    this.#geometry = geometry;
    this.#rowOf = new Int32Array(indices.length);
    this.#originalFrom = new Int32Array(k).fill(-1);
    this.#received = new Uint8Array(geometry.rows);
    let originalsReceived = 0;
    indices.forEach((index, j) => {
      if (!Number.isSafeInteger(index) || index < 0 || index >= n)
        throw new SymbolIndexOutOfRangeError(index, n);
      const row = index < k ? geometry.originalBase + index : geometry.recoveryBase + index - k;
      if (this.#received[row]) throw new DuplicateSymbolIndexError(index);
      this.#received[row] = 1;
      this.#rowOf[j] = row;
      if (index < k) {
        this.#originalFrom[index] = j;
        originalsReceived++;
      }
    });
    if (indices.length < k) throw new NotEnoughSymbolsError(k, indices.length);
    this.#erasures =
      originalsReceived === k ? undefined : erasureLocator(k, code.recoveryCount, geometry, this.#received);
  }

  /**
   * Decodes one codeword.
   *
   * @param received the received symbols, contiguous in `indices` order (`indices.length * S` bytes)
   * @param symbolSize S, positive and even
   * @param out optional output of at least `k * S` bytes
   * @returns `out` (or a new buffer) with the k originals contiguous
   * @throws InvalidSymbolSizeError, SymbolLengthMismatchError, BufferTooSmallError
   */
  decode(received: Uint8Array, symbolSize: number, out?: Uint8Array): Uint8Array {
    checkSymbolSize(symbolSize);
    const need = this.indices.length * symbolSize;
    if (received.length !== need)
      throw new SymbolLengthMismatchError('received symbols buffer', need, received.length);
    const output = this.#output(symbolSize, out);
    this.decodeMany(1, symbolSize, { bytes: received }, { bytes: output });
    return output;
  }

  /** @internal Decodes one codeword from separate symbol buffers (already length-checked). */
  decodeParts(parts: readonly Uint8Array[], symbolSize: number, out?: Uint8Array): Uint8Array {
    const output = this.#output(symbolSize, out);
    this.#run(
      1,
      symbolSize,
      (j) => parts[j],
      () => 0,
      resolveLayout('output', { bytes: output }, 1, this.code.originalCount, symbolSize),
    );
    return output;
  }

  /**
   * Decodes `count` codewords that share this plan's received indices: `src` holds, per codeword, the
   * received symbols in `indices` order; `dst` receives the k originals per codeword.
   *
   * @throws InvalidSymbolSizeError; BufferTooSmallError if a layout runs past its buffer; RangeError
   *   for negative counts, offsets or strides
   */
  decodeMany(count: number, symbolSize: number, src: SymbolLayout, dst: SymbolLayout): void {
    checkSymbolSize(symbolSize);
    checkCount(count);
    const s = resolveLayout('received symbols layout', src, count, this.indices.length, symbolSize);
    const d = resolveLayout('original symbols layout', dst, count, this.code.originalCount, symbolSize);
    const bytes = s.bytes;
    this.#run(
      count,
      symbolSize,
      () => bytes,
      (j, c) => s.offset + c * s.codewordStride + j * s.symbolStride,
      d,
    );
  }

  #output(symbolSize: number, out: Uint8Array | undefined): Uint8Array {
    const need = this.code.originalCount * symbolSize;
    const output = out ?? new Uint8Array(need);
    if (output.length < need) throw new BufferTooSmallError('original output buffer', need, output.length);
    return output;
  }

  #run(
    count: number,
    symbolSize: number,
    srcBytes: (j: number) => Uint8Array,
    srcOffset: (j: number, c: number) => number,
    d: ResolvedLayout,
  ): void {
    const k = this.code.originalCount;
    const received = this.indices.length;
    const from = this.#originalFrom;
    const erasures = this.#erasures;
    const g0 = this.#geometry;
    const laneSize = symbolSize >>> 1;
    const { group, span } =
      erasures === undefined ? { group: count, span: laneSize } : batching(count, g0.rows, laneSize);
    for (let c0 = 0; c0 < count; c0 += group) {
      const g = Math.min(group, count - c0);
      if (erasures !== undefined) {
        for (let e0 = 0; e0 < laneSize; e0 += span) {
          const e1 = Math.min(laneSize, e0 + span);
          const width = e1 - e0;
          const lanes = g * width;
          const w = workBuffer(g0.rows * lanes);
          for (let j = 0; j < received; j++) {
            const bytes = srcBytes(j);
            const row = this.#rowOf[j] * lanes;
            for (let c = 0; c < g; c++) {
              load(bytes, srcOffset(j, c0 + c), symbolSize, e0, e1, w, row + c * width);
            }
          }
          decodeInPlace(w, lanes, k, g0, erasures, this.#received);
          for (let i = 0; i < k; i++) {
            if (from[i] >= 0) continue;
            const row = (g0.originalBase + i) * lanes;
            const base = d.offset + c0 * d.codewordStride + i * d.symbolStride;
            for (let c = 0; c < g; c++) {
              store(w, row + c * width, symbolSize, e0, e1, d.bytes, base + c * d.codewordStride);
            }
          }
        }
      }
      for (let i = 0; i < k; i++) {
        const j = from[i];
        if (j < 0) continue;
        const bytes = srcBytes(j);
        const base = d.offset + c0 * d.codewordStride + i * d.symbolStride;
        for (let c = 0; c < g; c++) {
          copySymbol(bytes, srcOffset(j, c0 + c), d.bytes, base + c * d.codewordStride, symbolSize);
        }
      }
    }
  }
}

const codes = new Map<number, ReedSolomonCode>();

/**
 * The shared {@link ReedSolomonCode} for (k, m), created on first use and cached for the life of the
 * module.
 *
 * @throws UnsupportedSymbolCountError when reed-solomon-simd 3.1 rejects (k, m)
 */
export function reedSolomonCode(originalCount: number, recoveryCount: number): ReedSolomonCode {
  const key = originalCount * 0x20000 + recoveryCount;
  let code = Number.isSafeInteger(key) ? codes.get(key) : undefined;
  if (code === undefined) {
    code = new ReedSolomonCode(originalCount, recoveryCount);
    codes.set(key, code);
  }
  return code;
}
