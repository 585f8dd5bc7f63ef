/**
 * The codec's units of work, as pure functions of plain byte buffers: expanding slivers (RS encode
 * plus optional Merkle roots over each expansion), encoding a band of columns (repair rows, leaf
 * hashes of every cell, column roots and row-subtree roots), and decoding a band of codewords. The
 * encoder, decoder, sliver verification and the worker pool (`node/encoding`) are all built from
 * them, so a task gives the same bytes wherever it runs.
 *
 * Each task runs on a {@link WasmKernels} instance (copying its input into WASM memory, working there
 * in bounded sub-batches, copying the result out) or, with `kernels` undefined, on the plain-TS
 * Reed-Solomon code and hashing: identical bytes, much slower.
 *
 * @see spec §1.5 (expansion), §1.7 (Reed-Solomon), §2.1-2.2 (Merkle trees, sliver hashes)
 * @packageDocumentation
 */
import type { WasmKernels } from '../wasm/index.ts';
import { hashLeaves } from './hashing.ts';
import { merkleRootOfLeafHashes, nodeBytes } from './merkle.ts';
import { DIGEST_LENGTH, encodingParams } from './params.ts';
import { reedSolomonCode } from './reed-solomon/index.ts';
import type { SliverAxis } from './types.ts';
import { copyInto } from '../bytes.ts';

/** Bytes of input a WASM task works on per sub-batch (bounds each instance's memory growth). */
const SUB_BATCH_BYTES = 4 * 1024 * 1024;

/** The code a sliver of `axis` is expanded with: k source and m repair symbols. @see spec §1.5 */
export function expansionShape(axis: SliverAxis, nShards: number): { k: number; m: number } {
  const p = encodingParams(nShards);
  const k = axis === 'primary' ? p.secondarySymbols : p.primarySymbols;
  return { k, m: nShards - k };
}

/** Input of {@link runExpandTask}: `count` slivers of one axis, contiguous. */
export interface ExpandTask {
  readonly axis: SliverAxis;
  readonly nShards: number;
  /** S in bytes. */
  readonly symbolSize: number;
  readonly count: number;
  /** `count` slivers of k symbols (C for primary, R for secondary) each, back to back. */
  readonly slivers: Uint8Array;
  /** Return the m repair symbols of each expansion. */
  readonly repair: boolean;
  /** Return the Merkle root over each full expansion (the sliver's hash in the metadata). */
  readonly roots: boolean;
}

/** Output of {@link runExpandTask}. */
export interface ExpandResult {
  /** `count` x m x S bytes: expansion symbols k..n-1 of each sliver, back to back. */
  readonly repair?: Uint8Array;
  /** `count` x 32 bytes. */
  readonly roots?: Uint8Array;
}

/**
 * Expands slivers with their code (a primary sliver with the secondary code into its whole row, a
 * secondary sliver with the primary code into its whole column) and/or computes the Merkle roots
 * over the expansions.
 * @see spec §1.5, §2.2
 */
export function runExpandTask(task: ExpandTask, kernels: WasmKernels | undefined): ExpandResult {
  const { nShards: n, symbolSize: S, count } = task;
  const { k, m } = expansionShape(task.axis, n);
  const len = k * S;
  const repair = task.repair ? new Uint8Array(count * m * S) : undefined;
  const roots = task.roots ? new Uint8Array(count * DIGEST_LENGTH) : undefined;
  if (kernels === undefined) {
    const scratch = repair ?? new Uint8Array(count * m * S);
    reedSolomonCode(k, m).encodeMany(
      count,
      S,
      { bytes: task.slivers, symbolStride: S, codewordStride: len },
      { bytes: scratch, symbolStride: S, codewordStride: m * S },
    );
    if (roots !== undefined) {
      const leaves = new Uint8Array(n * DIGEST_LENGTH);
      for (let c = 0; c < count; c++) {
        hashLeaves(task.slivers, c * len, S, k, leaves, 0);
        hashLeaves(scratch, c * m * S, S, m, leaves, k * DIGEST_LENGTH);
        roots.set(nodeBytes(merkleRootOfLeafHashes(leaves, n)), c * DIGEST_LENGTH);
      }
    }
    return { repair, roots };
  }
  const per = Math.max(1, Math.floor(SUB_BATCH_BYTES / (n * S)));
  const batch = Math.min(per, count);
  const input = kernels.alloc(batch * len);
  const output = kernels.alloc(batch * m * S);
  const leaves = roots === undefined ? undefined : kernels.alloc(batch * n * DIGEST_LENGTH);
  const rootsOut = roots === undefined ? undefined : kernels.alloc(batch * DIGEST_LENGTH);
  try {
    for (let c0 = 0; c0 < count; c0 += batch) {
      const b = Math.min(batch, count - c0);
      copyInto(kernels.bytes(), task.slivers.subarray(c0 * len, (c0 + b) * len), input.ptr);
      kernels.rsEncodeBatchAt({
        k,
        m,
        symbolSize: S,
        codewords: b,
        input: { ptr: input.ptr, symbolStride: S, codewordStride: len },
        output: { ptr: output.ptr, symbolStride: S, codewordStride: m * S },
      });
      if (leaves !== undefined && rootsOut !== undefined && roots !== undefined) {
        for (let c = 0; c < b; c++) {
          const l = leaves.ptr + c * n * DIGEST_LENGTH;
          kernels.hashLeavesAt(input.ptr + c * len, k, S, S, l);
          kernels.hashLeavesAt(output.ptr + c * m * S, m, S, S, l + k * DIGEST_LENGTH);
        }
        kernels.merkleRootsAt(leaves.ptr, n, DIGEST_LENGTH, b, n * DIGEST_LENGTH, rootsOut.ptr);
        roots.set(
          kernels.bytes().subarray(rootsOut.ptr, rootsOut.ptr + b * DIGEST_LENGTH),
          c0 * DIGEST_LENGTH,
        );
      }
      if (repair !== undefined) {
        repair.set(kernels.bytes().subarray(output.ptr, output.ptr + b * m * S), c0 * m * S);
      }
    }
  } finally {
    input.free();
    output.free();
    leaves?.free();
    rootsOut?.free();
  }
  return { repair, roots };
}

/**
 * Input of {@link runColumnTask}: a band of `width` adjacent columns of the row-expanded matrix, rows
 * 0..R-1, row-major (cell (r, j) at `(r * width + j) * S`). The band's first column must sit at a
 * multiple of the encoder's chunk width (a power of two), so its row-subtree roots are nodes of the
 * row trees (see `encode-plan.ts`).
 */
export interface ColumnTask {
  readonly nShards: number;
  readonly symbolSize: number;
  readonly width: number;
  /** R x width x S bytes. */
  readonly band: Uint8Array;
  /** Return the repair rows (rows R..n-1 of the band's columns, or the range `repairRows`). */
  readonly repair: boolean;
  /**
   * Repair rows [from, to) to return, counted from row R (0 <= from <= to <= n - R).
   * @default [0, n - R]
   */
  readonly repairRows?: readonly [number, number];
  /**
   * Leaf-hash the band's cells and return column roots and row-subtree roots. false: Reed-Solomon
   * only (the roots in the result are empty), for a second pass that only wants repair rows; the band
   * then need not start at a chunk boundary.
   * @default true
   */
  readonly hashes?: boolean;
  /** Return the band's columns as contiguous secondary slivers. */
  readonly secondary: boolean;
}

/** Output of {@link runColumnTask}. */
export interface ColumnResult {
  /** width x 32 bytes: the Merkle root over each full column (n cells); empty without `hashes`. */
  readonly columnRoots: Uint8Array;
  /** n x 32 bytes: for every row, the root of the subtree over the band's `width` cells; empty without `hashes`. */
  readonly rowSubtreeRoots: Uint8Array;
  /**
   * (to - from) x width x S bytes for `repairRows` [from, to) (default all n - R), row-major: cell
   * (R + from + i, j) at `(i * width + j) * S`.
   */
  readonly repair?: Uint8Array;
  /** width x R x S bytes: column j of the band (secondary sliver j0 + j) at `j * R * S`. */
  readonly secondary?: Uint8Array;
}

/**
 * Encodes a band of columns with the primary code (k = R, m = 2f), leaf-hashes every one of the band's
 * n x width cells once, and from those leaves computes each column's root and each row's subtree root
 * over the band.
 * @see spec §1.5, §2.2
 */
export function runColumnTask(task: ColumnTask, kernels: WasmKernels | undefined): ColumnResult {
  const { nShards: n, symbolSize: S, width: w, band } = task;
  const { primarySymbols: R } = encodingParams(n);
  const m = n - R;
  const rowBytes = w * S;
  const [from, to] = task.repairRows ?? [0, m];
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= m)) {
    throw new RangeError(`repair rows [${from}, ${to}) outside [0, ${m})`);
  }
  const hashes = task.hashes ?? true;
  const secondary = task.secondary ? transposeBand(band, R, w, S) : undefined;
  const columnRoots = new Uint8Array(hashes ? w * DIGEST_LENGTH : 0);
  const rowSubtreeRoots = new Uint8Array(hashes ? n * DIGEST_LENGTH : 0);
  if (kernels === undefined) {
    const repair = new Uint8Array(m * rowBytes);
    reedSolomonCode(R, m).encodeMany(
      w,
      S,
      { bytes: band, symbolStride: rowBytes, codewordStride: S },
      { bytes: repair, symbolStride: rowBytes, codewordStride: S },
    );
    if (hashes) {
      // Leaves column-major: cell (i, j) at (j * n + i) * 32.
      const leaves = new Uint8Array(w * n * DIGEST_LENGTH);
      for (let j = 0; j < w; j++) {
        hashLeaves(band, j * S, S, R, leaves, j * n * DIGEST_LENGTH, rowBytes);
        hashLeaves(repair, j * S, S, m, leaves, (j * n + R) * DIGEST_LENGTH, rowBytes);
        const root = merkleRootOfLeafHashes(leaves.subarray(j * n * DIGEST_LENGTH), n);
        columnRoots.set(nodeBytes(root), j * DIGEST_LENGTH);
      }
      const row = new Uint8Array(w * DIGEST_LENGTH);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < w; j++) {
          const at = (j * n + i) * DIGEST_LENGTH;
          row.set(leaves.subarray(at, at + DIGEST_LENGTH), j * DIGEST_LENGTH);
        }
        rowSubtreeRoots.set(nodeBytes(merkleRootOfLeafHashes(row, w)), i * DIGEST_LENGTH);
      }
    }
    const kept = !task.repair
      ? undefined
      : from === 0 && to === m
        ? repair
        : repair.slice(from * rowBytes, to * rowBytes);
    return { columnRoots, rowSubtreeRoots, repair: kept, secondary };
  }
  const input = kernels.alloc(R * rowBytes);
  const output = kernels.alloc(m * rowBytes);
  const leaves = hashes ? kernels.alloc(w * n * DIGEST_LENGTH) : undefined;
  const roots = hashes ? kernels.alloc((w + n) * DIGEST_LENGTH) : undefined;
  try {
    copyInto(kernels.bytes(), band.subarray(0, R * rowBytes), input.ptr);
    kernels.rsEncodeBatchAt({
      k: R,
      m,
      symbolSize: S,
      codewords: w,
      input: { ptr: input.ptr, symbolStride: rowBytes, codewordStride: S },
      output: { ptr: output.ptr, symbolStride: rowBytes, codewordStride: S },
    });
    if (leaves !== undefined && roots !== undefined) {
      for (let j = 0; j < w; j++) {
        const l = leaves.ptr + j * n * DIGEST_LENGTH;
        kernels.hashLeavesAt(input.ptr + j * S, R, S, rowBytes, l);
        kernels.hashLeavesAt(output.ptr + j * S, m, S, rowBytes, l + R * DIGEST_LENGTH);
      }
      kernels.merkleRootsAt(leaves.ptr, n, DIGEST_LENGTH, w, n * DIGEST_LENGTH, roots.ptr);
      const sub = roots.ptr + w * DIGEST_LENGTH;
      kernels.merkleRootsAt(leaves.ptr, w, n * DIGEST_LENGTH, n, DIGEST_LENGTH, sub);
      const mem = kernels.bytes();
      columnRoots.set(mem.subarray(roots.ptr, roots.ptr + w * DIGEST_LENGTH));
      rowSubtreeRoots.set(mem.subarray(sub, sub + n * DIGEST_LENGTH));
    }
    const repair = task.repair
      ? kernels.bytes().slice(output.ptr + from * rowBytes, output.ptr + to * rowBytes)
      : undefined;
    return { columnRoots, rowSubtreeRoots, repair, secondary };
  } finally {
    input.free();
    output.free();
    leaves?.free();
    roots?.free();
  }
}

/**
 * Releases an ArrayBuffer's memory at once (`transfer(0)` detaches it) instead of leaving it to the
 * garbage collector, which lets tens of MiB of dead buffers pile up between collections. For buffers
 * nobody else holds a view of: every view of it becomes empty. Shared, detached (byteLength 0) and
 * empty buffers are left alone.
 */
export function releaseBuffer(buffer: ArrayBufferLike | undefined): void {
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) return;
  // Engines without ArrayBuffer.prototype.transfer (ES2024; older browsers) leave it to the collector.
  const transfer = (buffer as Partial<Pick<ArrayBuffer, 'transfer'>>).transfer;
  if (typeof transfer === 'function') transfer.call(buffer, 0);
}

/** Copies symbol `S` bytes at a time; byte loops for short symbols (cheaper than views). */
function copySymbol(src: Uint8Array, from: number, dst: Uint8Array, to: number, S: number): void {
  if (S <= 32) {
    for (let b = 0; b < S; b++) dst[to + b] = src[from + b];
  } else {
    dst.set(src.subarray(from, from + S), to);
  }
}

/** Row-major `rows x width` symbols to column-major (`width x rows`). */
export function transposeBand(band: Uint8Array, rows: number, width: number, S: number): Uint8Array {
  const out = new Uint8Array(rows * width * S);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) copySymbol(band, (r * width + j) * S, out, (j * rows + r) * S, S);
  }
  return out;
}

/**
 * Input of {@link runDecodeTask}: `width` codewords of a (k, m) code that all received the symbols
 * `indices` (exactly k distinct ones), row q of the band holding received symbol q of every codeword.
 */
export interface DecodeTask {
  readonly k: number;
  readonly m: number;
  readonly symbolSize: number;
  readonly width: number;
  /** Codeword index in [0, k + m) of each received symbol; k distinct values. */
  readonly indices: readonly number[];
  /** indices.length x width x S bytes, row-major. */
  readonly band: Uint8Array;
  /** Source indices in [0, k) not among `indices`, to be rebuilt. */
  readonly missing: readonly number[];
}

/**
 * Rebuilds the missing source symbols of a band of codewords.
 * @returns missing.length x width x S bytes, row-major (row t = source symbol `missing[t]`)
 * @see spec §1.7, §1.8
 */
export function runDecodeTask(task: DecodeTask, kernels: WasmKernels | undefined): Uint8Array {
  const { k, m, symbolSize: S, width: w, band, missing, indices } = task;
  const rowBytes = w * S;
  const out = new Uint8Array(missing.length * rowBytes);
  if (missing.length === 0 || w === 0) return out;
  if (kernels === undefined) {
    const all = new Uint8Array(k * rowBytes);
    reedSolomonCode(k, m)
      .decoderFor(indices)
      .decodeMany(
        w,
        S,
        { bytes: band, symbolStride: rowBytes, codewordStride: S },
        { bytes: all, symbolStride: rowBytes, codewordStride: S },
      );
    missing.forEach((i, t) => out.set(all.subarray(i * rowBytes, (i + 1) * rowBytes), t * rowBytes));
    return out;
  }
  const rowsPerBatch = Math.max(1, Math.floor(SUB_BATCH_BYTES / ((indices.length + missing.length) * S)));
  const cols = Math.min(w, rowsPerBatch);
  const input = kernels.alloc(indices.length * cols * S);
  const output = kernels.alloc(missing.length * cols * S);
  try {
    for (let c0 = 0; c0 < w; c0 += cols) {
      const b = Math.min(cols, w - c0);
      let mem = kernels.bytes();
      for (let q = 0; q < indices.length; q++) {
        const from = q * rowBytes + c0 * S;
        copyInto(mem, band.subarray(from, from + b * S), input.ptr + q * b * S);
      }
      kernels.rsDecodeBatchAt({
        k,
        m,
        symbolSize: S,
        codewords: b,
        indices,
        missing,
        input: { ptr: input.ptr, symbolStride: b * S, codewordStride: S },
        output: { ptr: output.ptr, symbolStride: b * S, codewordStride: S },
      });
      mem = kernels.bytes();
      for (let t = 0; t < missing.length; t++) {
        const from = output.ptr + t * b * S;
        out.set(mem.subarray(from, from + b * S), t * rowBytes + c0 * S);
      }
    }
  } finally {
    input.free();
    output.free();
  }
  return out;
}
