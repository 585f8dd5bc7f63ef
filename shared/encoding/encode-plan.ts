/**
 * The RS2 encoder as a plan of independent tasks (`tasks.ts`), driven either synchronously on this
 * thread (`encoder.ts`) or by a worker pool (`node/encoding`). Both drivers hand slivers to their
 * consumer as they are produced and give byte-identical results.
 *
 * Steps (n shards, R = n-2f rows, C = n-f columns, S-byte symbols, f' = n - C repair columns,
 * m = n - R repair rows):
 * 1. Row pass: rows of the message matrix are expanded with the secondary code (row tasks); the
 *    R x f' row repair block is kept until the columns that need it are done.
 * 2. Column pass, in chunks of `width` adjacent columns (a power of two, the first at a multiple of
 *    it): each chunk's band (rows 0..R-1) is encoded with the primary code, every cell of its n rows
 *    is leaf-hashed once, and the task returns the chunk's column roots (secondary hashes), each row's
 *    subtree root over the chunk (a node of the row tree at level log2(width)) and, for columns < C,
 *    the repair rows. Chunks that need the row repair block go first, so it is dropped early.
 * 3. Row roots (primary hashes) are the Merkle roots over each row's chunk subtree roots; metadata,
 *    root hash and blob ID follow.
 *
 * 4. With `repairPasses` p > 1, the repair rows R..n-1 are split into p groups: the column pass keeps
 *    only the first group's rows; each further pass re-encodes the columns left of C (Reed-Solomon
 *    only, no hashing: `repairTask` / `acceptRepair`) for its group.
 *
 * Slivers are emitted as they complete: primary slivers 0..R-1 (rows of the blob) first, secondary
 * slivers with their chunk, each group of primary slivers R..n-1 once its last chunk is done.
 *
 * Memory besides the input: the row repair block (about 0.5x the blob at n = 1000, released once the
 * chunks right of C are done, before any repair row is held), one group of repair primary slivers
 * (about 2x / p) when slivers are wanted, n x chunks x 32 bytes of subtree roots, and one chunk per
 * task in flight. Buffers the plan is handed (task results) are its own: it releases them
 * (`releaseBuffer`) as soon as it copied what it needs. Secondary slivers are not held by the plan:
 * the consumer decides.
 *
 * @see spec §1.4, §1.5, §2.1-2.4
 * @packageDocumentation
 */
import type { WasmKernels } from '../wasm/index.ts';
import { innerHash } from './hashing.ts';
import { EMPTY_NODE_BYTES, merklePathLength, merkleRootOfLeafHashes, nodeBytes } from './merkle.ts';
import { blobIdFromRootHash, computeRootHash } from './metadata.ts';
import { DIGEST_LENGTH, encodingParams, symbolSize as computeSymbolSize } from './params.ts';
import {
  releaseBuffer,
  type ColumnResult,
  type ColumnTask,
  type ExpandResult,
  type ExpandTask,
} from './tasks.ts';
import type { BlobMetadata, BlobMetadataWithId, Sliver, SliverPairMetadata } from './types.ts';

/** Slivers handed to a consumer: any number of primary and secondary slivers (by sliver index). */
export interface SliverBatch {
  readonly primary: readonly Sliver[];
  readonly secondary: readonly Sliver[];
}

/**
 * A batch as the plan emits it: `owned` lists the buffers behind its slivers that belong to the plan
 * alone (not the input), which a driver may release once a consumer that was lent the batch is done.
 */
export interface PlannedSliverBatch extends SliverBatch {
  readonly owned: readonly ArrayBuffer[];
}

/** Options of {@link EncodePlan}. */
export interface EncodePlanOptions {
  /**
   * Passes over the column code that produce the repair primary slivers (rows R..n-1): their rows
   * are split into this many groups, the first filled by the column pass, each further group by
   * re-encoding the columns left of C without hashing. Only one group is held at a time, so the
   * held repair rows shrink from ~2x the blob (n = 1000) to ~2x / passes, for one more Reed-Solomon
   * pass over 2/3 of the columns per extra pass. Clamped to [1, n - R]; only used with slivers.
   * @default 1
   */
  readonly repairPasses?: number;
}

/** What encoding a blob yields besides its slivers. */
export interface EncodingSummary extends BlobMetadataWithId {
  readonly nShards: number;
  /** S in bytes. */
  readonly symbolSize: number;
  readonly unencodedLength: number;
  /** 32 bytes: the Merkle root over the sliver-pair hashes (the `root_hash` of `register_blob`). */
  readonly rootHash: Uint8Array;
}

/** Bytes of n x width cells a column chunk aims for. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Fewest column chunks per blob (so a pool has work to share). */
const MIN_CHUNKS = 8;

function floorPow2(x: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, x)));
}

/** Columns per chunk for n shards and S-byte symbols: a power of two. */
export function encoderChunkWidth(nShards: number, symbolSize: number): number {
  const byBytes = Math.floor(CHUNK_BYTES / (nShards * symbolSize));
  const byCount = Math.floor(nShards / MIN_CHUNKS);
  return floorPow2(Math.min(byBytes, byCount));
}

/** A row task of the plan: rows [start, start + count). */
export interface PlannedRowTask {
  readonly start: number;
  readonly count: number;
  readonly task: ExpandTask;
}

/**
 * One encoding of one blob. Call {@link rowTasks} and feed every result to {@link acceptRows}; then,
 * in {@link columnOrder}, build each chunk's task with {@link columnTask} (after the row pass) and feed
 * its result to {@link acceptColumn}; finally {@link finish}. Column tasks may run concurrently and
 * complete in any order.
 */
export class EncodePlan {
  readonly nShards: number;
  readonly symbolSize: number;
  /** Blob length in bytes. */
  readonly unencodedLength: number;
  /** Rows of the message matrix (primary source symbols). */
  readonly rows: number;
  /** Columns of the message matrix (secondary source symbols). */
  readonly columns: number;
  /** Columns per chunk (a power of two). */
  readonly width: number;
  readonly chunkCount: number;
  /** Whether slivers are produced (false: metadata and blob ID only). */
  readonly slivers: boolean;
  readonly #data: Uint8Array;
  readonly #fullRows: number;
  readonly #tail: Uint8Array;
  /** Row repair symbols as the row tasks returned them: rows [start, start + count), f' x S each. */
  #rowRepair: { start: number; count: number; data: Uint8Array }[] | undefined = [];
  #rowsPending: number;
  #primaryRepair: Uint8Array<ArrayBuffer> | undefined;
  readonly #columnRoots: Uint8Array;
  /** Chunk-major: subtree root of row i over chunk c at (c * n + i) * 32. */
  readonly #subRoots: Uint8Array;
  readonly #done: boolean[];
  #leftPending: number;
  #rightPending: number;
  /** Repair rows of each pass, counted from row R: group g is [bounds[g], bounds[g + 1]). */
  readonly #groupBounds: number[];
  /** Left chunks still to be accepted in each repair pass (index 0: the column pass). */
  readonly #groupPending: number[];
  readonly #repairDone: boolean[][];

  /**
   * @throws DataTooLargeError, InvalidShardCountError
   */
  constructor(data: Uint8Array, nShards: number, slivers: boolean, options: EncodePlanOptions = {}) {
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(nShards);
    const S = computeSymbolSize(data.length, nShards);
    this.nShards = nShards;
    this.symbolSize = S;
    this.unencodedLength = data.length;
    this.rows = R;
    this.columns = C;
    this.slivers = slivers;
    this.width = encoderChunkWidth(nShards, S);
    this.chunkCount = Math.ceil(nShards / this.width);
    this.#data = data;
    const rowLen = C * S;
    this.#fullRows = Math.min(R, Math.floor(data.length / rowLen));
    this.#tail = new Uint8Array((R - this.#fullRows) * rowLen);
    this.#tail.set(data.subarray(this.#fullRows * rowLen, R * rowLen));
    this.#rowsPending = R;
    this.#columnRoots = new Uint8Array(nShards * DIGEST_LENGTH);
    this.#subRoots = new Uint8Array(this.chunkCount * nShards * DIGEST_LENGTH);
    this.#done = new Array<boolean>(this.chunkCount).fill(false);
    this.#leftPending = Math.ceil(C / this.width);
    this.#rightPending = this.chunkCount - Math.floor(C / this.width);
    const m = nShards - R;
    const passes = slivers ? Math.min(m, Math.max(1, Math.floor(options.repairPasses ?? 1))) : 1;
    const per = Math.ceil(m / passes);
    this.#groupBounds = Array.from({ length: passes + 1 }, (_, g) => Math.min(m, g * per));
    this.#groupPending = new Array<number>(passes).fill(this.#leftPending);
    this.#repairDone = Array.from({ length: passes }, () => new Array<boolean>(this.chunkCount).fill(false));
  }

  /** Passes producing repair primary slivers (1: the column pass alone; see {@link EncodePlanOptions}). */
  get repairPasses(): number {
    return this.#groupPending.length;
  }

  /** Chunks left of column C (those with repair rows), in index order. */
  leftChunks(): number[] {
    return Array.from({ length: Math.ceil(this.columns / this.width) }, (_, c) => c);
  }

  /** Rows [start, start + count) of the message matrix, contiguous (a view when possible). */
  messageRows(start: number, count: number): Uint8Array {
    const rowLen = this.columns * this.symbolSize;
    const full = this.#fullRows;
    if (start + count <= full) return this.#data.subarray(start * rowLen, (start + count) * rowLen);
    if (start >= full) return this.#tail.subarray((start - full) * rowLen, (start - full + count) * rowLen);
    const out = new Uint8Array(count * rowLen);
    out.set(this.#data.subarray(start * rowLen, full * rowLen));
    out.set(this.#tail.subarray(0, (start + count - full) * rowLen), (full - start) * rowLen);
    return out;
  }

  /** The row pass split into at most `parts` tasks (never straddling the padded tail). */
  rowTasks(parts = 1): PlannedRowTask[] {
    const R = this.rows;
    const out: PlannedRowTask[] = [];
    const ranges: [number, number][] = [];
    const split = (a: number, b: number, pieces: number) => {
      const step = Math.max(1, Math.ceil((b - a) / pieces));
      for (let s = a; s < b; s += step) ranges.push([s, Math.min(b, s + step)]);
    };
    split(0, this.#fullRows, parts);
    split(this.#fullRows, R, Math.max(1, Math.ceil((parts * (R - this.#fullRows)) / R)));
    for (const [a, b] of ranges) {
      out.push({
        start: a,
        count: b - a,
        task: {
          axis: 'primary',
          nShards: this.nShards,
          symbolSize: this.symbolSize,
          count: b - a,
          slivers: this.messageRows(a, b - a),
          repair: true,
          roots: false,
        },
      });
    }
    return out;
  }

  /** Stores the row repair symbols of rows [start, start + count). */
  acceptRows(start: number, count: number, result: ExpandResult): void {
    if (result.repair === undefined) throw new TypeError('row task result without repair symbols');
    if (this.#rowRepair === undefined) throw new Error('the row repair block was already released');
    this.#rowRepair.push({ start, count, data: result.repair });
    this.#rowsPending -= count;
  }

  /** True once every row task's result was accepted. */
  get rowsDone(): boolean {
    return this.#rowsPending <= 0;
  }

  /** Chunk indices in the order their tasks should be issued (those needing the row repair first). */
  columnOrder(): number[] {
    const firstRight = Math.floor(this.columns / this.width);
    const order: number[] = [];
    for (let c = firstRight; c < this.chunkCount; c++) order.push(c);
    for (let c = 0; c < firstRight; c++) order.push(c);
    return order;
  }

  /** Columns [start, end) of chunk `chunk`. */
  chunkColumns(chunk: number): [number, number] {
    const start = chunk * this.width;
    return [start, Math.min(this.nShards, start + this.width)];
  }

  /**
   * The task of column chunk `chunk`: its band of rows 0..R-1 gathered from the blob (columns < C)
   * and the row repair block (columns >= C).
   * @throws Error when the chunk needs the row repair block and the row pass is not complete
   */
  columnTask(chunk: number): ColumnTask {
    const [j0, j1] = this.chunkColumns(chunk);
    const w = j1 - j0;
    const S = this.symbolSize;
    const R = this.rows;
    const C = this.columns;
    const f = this.nShards - C;
    const band = new Uint8Array(R * w * S);
    const leftEnd = Math.min(j1, C);
    const rowLen = C * S;
    const pieces = this.#rowRepair;
    if (j1 > C && (pieces === undefined || !this.rowsDone)) {
      throw new Error(`column chunk ${chunk} needs the row pass to be complete`);
    }
    if (j0 < C) {
      for (let r = 0; r < R; r++) {
        const [src, base] =
          r < this.#fullRows ? [this.#data, r * rowLen] : [this.#tail, (r - this.#fullRows) * rowLen];
        band.set(src.subarray(base + j0 * S, base + leftEnd * S), r * w * S);
      }
    }
    if (j1 > C && pieces !== undefined) {
      const a = Math.max(j0, C);
      for (const { start, count, data } of pieces) {
        for (let q = 0; q < count; q++) {
          const from = (q * f + a - C) * S;
          band.set(data.subarray(from, from + (j1 - a) * S), (start + q) * w * S + (a - j0) * S);
        }
      }
    }
    return {
      nShards: this.nShards,
      symbolSize: S,
      width: w,
      band,
      repair: this.slivers && j0 < C,
      repairRows: [this.#groupBounds[0], this.#groupBounds[1]],
      secondary: this.slivers,
    };
  }

  /**
   * The task of repair pass `pass` (1 <= pass < {@link repairPasses}) for left chunk `chunk`: its
   * columns below C re-encoded without hashing, returning that pass's group of repair rows. May be
   * issued once every column chunk of the previous passes was accepted.
   */
  repairTask(pass: number, chunk: number): ColumnTask {
    if (!(pass >= 1 && pass < this.repairPasses)) throw new RangeError(`no repair pass ${pass}`);
    const [j0, j1] = this.chunkColumns(chunk);
    const C = this.columns;
    if (j0 >= C) throw new RangeError(`column chunk ${chunk} has no repair rows`);
    const end = Math.min(j1, C);
    const w = end - j0;
    const S = this.symbolSize;
    const R = this.rows;
    const rowLen = C * S;
    const band = new Uint8Array(R * w * S);
    for (let r = 0; r < R; r++) {
      const [src, base] =
        r < this.#fullRows ? [this.#data, r * rowLen] : [this.#tail, (r - this.#fullRows) * rowLen];
      band.set(src.subarray(base + j0 * S, base + end * S), r * w * S);
    }
    return {
      nShards: this.nShards,
      symbolSize: S,
      width: w,
      band,
      repair: true,
      repairRows: [this.#groupBounds[pass], this.#groupBounds[pass + 1]],
      hashes: false,
      secondary: false,
    };
  }

  /**
   * Stores a repair pass's rows for one chunk (taking ownership of `result.repair`, which is released)
   * and returns that pass's primary slivers once its last chunk is in (else an empty batch).
   */
  acceptRepair(pass: number, chunk: number, result: ColumnResult): PlannedSliverBatch {
    if (!(pass >= 1 && pass < this.repairPasses)) throw new RangeError(`no repair pass ${pass}`);
    if (this.#repairDone[pass][chunk])
      throw new Error(`repair pass ${pass} chunk ${chunk} was already accepted`);
    if (result.repair === undefined) throw new TypeError('repair task result without repair rows');
    this.#repairDone[pass][chunk] = true;
    const [j0, j1] = this.chunkColumns(chunk);
    this.#storeRepair(
      pass,
      j0,
      Math.min(j1, this.columns) - j0,
      Math.min(j1, this.columns) - j0,
      result.repair,
    );
    return this.#groupFinished(pass);
  }

  /** Copies a group's repair rows of columns [j0, j0 + keep) from a (rows x w x S) block, then releases it. */
  #storeRepair(pass: number, j0: number, w: number, keep: number, repair: Uint8Array): void {
    const S = this.symbolSize;
    const rows = this.#groupBounds[pass + 1] - this.#groupBounds[pass];
    const rowLen = this.columns * S;
    this.#primaryRepair ??= new Uint8Array(rows * rowLen);
    for (let i = 0; i < rows; i++) {
      const from = i * w * S;
      this.#primaryRepair.set(repair.subarray(from, from + keep * S), i * rowLen + j0 * S);
    }
    releaseBuffer(repair.buffer);
  }

  /** Counts a left chunk of `pass` done; its group's slivers when it was the last one. */
  #groupFinished(pass: number): PlannedSliverBatch {
    if (--this.#groupPending[pass] > 0 || this.#primaryRepair === undefined) {
      return { primary: [], secondary: [], owned: [] };
    }
    const block = this.#primaryRepair;
    this.#primaryRepair = undefined;
    const rowLen = this.columns * this.symbolSize;
    const first = this.rows + this.#groupBounds[pass];
    const count = this.#groupBounds[pass + 1] - this.#groupBounds[pass];
    const primary = Array.from({ length: count }, (_, i): Sliver => ({
      axis: 'primary',
      index: first + i,
      symbolSize: this.symbolSize,
      data: block.subarray(i * rowLen, (i + 1) * rowLen),
    }));
    return { primary, secondary: [], owned: [block.buffer] };
  }

  /**
   * Stores a chunk's roots (and its first group of repair rows, taking ownership of `result.repair`,
   * which is released) and returns the slivers it completes: the chunk's secondary slivers, plus the
   * first group of primary slivers R.. when this was the last chunk left of column C.
   */
  acceptColumn(chunk: number, result: ColumnResult): PlannedSliverBatch {
    if (this.#done[chunk]) throw new Error(`column chunk ${chunk} was already accepted`);
    this.#done[chunk] = true;
    const [j0, j1] = this.chunkColumns(chunk);
    const n = this.nShards;
    const S = this.symbolSize;
    const R = this.rows;
    const C = this.columns;
    const w = j1 - j0;
    this.#columnRoots.set(result.columnRoots.subarray(0, w * DIGEST_LENGTH), j0 * DIGEST_LENGTH);
    this.#subRoots.set(result.rowSubtreeRoots.subarray(0, n * DIGEST_LENGTH), chunk * n * DIGEST_LENGTH);
    const secondary: Sliver[] = [];
    const owned: ArrayBuffer[] = [];
    if (result.secondary !== undefined) {
      if (result.secondary.buffer instanceof ArrayBuffer) owned.push(result.secondary.buffer);
      for (let j = j0; j < j1; j++) {
        const at = (j - j0) * R * S;
        secondary.push({
          axis: 'secondary',
          index: j,
          symbolSize: S,
          data: result.secondary.subarray(at, at + R * S),
        });
      }
    }
    if (j1 > C && --this.#rightPending === 0) {
      for (const piece of this.#rowRepair ?? []) releaseBuffer(piece.data.buffer);
      this.#rowRepair = undefined;
    }
    if (j0 >= C) return { primary: [], secondary, owned };
    if (result.repair !== undefined) this.#storeRepair(0, j0, w, Math.min(j1, C) - j0, result.repair);
    const group = this.#groupFinished(0);
    return { primary: group.primary, secondary, owned: [...owned, ...group.owned] };
  }

  /** Primary slivers 0..R-1: the rows of the blob (views of the input where it is not padded). */
  systematicPrimarySlivers(): Sliver[] {
    const rowLen = this.columns * this.symbolSize;
    return Array.from({ length: this.rows }, (_, i): Sliver => {
      const data =
        i < this.#fullRows
          ? this.#data.subarray(i * rowLen, (i + 1) * rowLen)
          : this.#tail.subarray((i - this.#fullRows) * rowLen, (i - this.#fullRows + 1) * rowLen);
      return { axis: 'primary', index: i, symbolSize: this.symbolSize, data };
    });
  }

  /**
   * Row roots from the chunk subtree roots, then metadata, root hash and blob ID.
   * @throws Error when a chunk was not accepted
   */
  finish(kernels: WasmKernels | undefined): EncodingSummary {
    if (this.#done.some((d) => !d)) throw new Error('every column chunk must be accepted before finish()');
    const n = this.nShards;
    const chunks = this.chunkCount;
    const rowRoots = new Uint8Array(n * DIGEST_LENGTH);
    if (chunks === 1) {
      rowRoots.set(this.#subRoots.subarray(0, n * DIGEST_LENGTH));
    } else {
      // The last chunk's subtree stops growing once it has one node; the row tree keeps pairing that
      // node with the empty node up to the chunk level.
      const lastWidth = n - (chunks - 1) * this.width;
      const missingLevels = Math.log2(this.width) - merklePathLength(lastWidth);
      const base = (chunks - 1) * n * DIGEST_LENGTH;
      for (let i = 0; i < n && missingLevels > 0; i++) {
        const at = base + i * DIGEST_LENGTH;
        let node: Uint8Array = this.#subRoots.slice(at, at + DIGEST_LENGTH);
        for (let l = 0; l < missingLevels; l++) node = innerHash(node, EMPTY_NODE_BYTES);
        this.#subRoots.set(node, at);
      }
      if (kernels !== undefined) {
        const leaves = kernels.alloc(this.#subRoots.length);
        const out = kernels.alloc(n * DIGEST_LENGTH);
        try {
          kernels.bytes().set(this.#subRoots, leaves.ptr);
          kernels.merkleRootsAt(leaves.ptr, chunks, n * DIGEST_LENGTH, n, DIGEST_LENGTH, out.ptr);
          rowRoots.set(kernels.bytes().subarray(out.ptr, out.ptr + n * DIGEST_LENGTH));
        } finally {
          leaves.free();
          out.free();
        }
      } else {
        const row = new Uint8Array(chunks * DIGEST_LENGTH);
        for (let i = 0; i < n; i++) {
          for (let c = 0; c < chunks; c++) {
            const at = (c * n + i) * DIGEST_LENGTH;
            row.set(this.#subRoots.subarray(at, at + DIGEST_LENGTH), c * DIGEST_LENGTH);
          }
          rowRoots.set(nodeBytes(merkleRootOfLeafHashes(row, chunks)), i * DIGEST_LENGTH);
        }
      }
    }
    const digest = (buf: Uint8Array, i: number) => buf.slice(i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH);
    const hashes: SliverPairMetadata[] = Array.from({ length: n }, (_, p) => ({
      primaryHash: digest(rowRoots, p),
      secondaryHash: digest(this.#columnRoots, n - 1 - p),
    }));
    const length = this.#data.length;
    const metadata: BlobMetadata = { encodingType: 'RS2', unencodedLength: length, hashes };
    const rootHash = computeRootHash(hashes);
    return {
      nShards: n,
      symbolSize: this.symbolSize,
      unencodedLength: length,
      blobId: blobIdFromRootHash(rootHash, length),
      rootHash,
      metadata,
    };
  }
}
