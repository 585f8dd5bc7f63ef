/**
 * The RS2 blob encoder: message matrix, two-axis expansion, slivers, sliver hashes, metadata, root hash
 * and blob ID, byte-compatible with walrus-core `blob_encoding.rs` (and so with `@mysten/walrus-wasm`).
 *
 * The work is an {@link EncodePlan} (`encode-plan.ts`: row pass, then column chunks whose tasks
 * leaf-hash every cell once and return column roots and row-subtree roots) run here on one thread
 * with the WebAssembly kernels (plain TS where WebAssembly is unavailable; same bytes). For large
 * blobs in Node, `node/encoding` runs the same plan on a worker pool.
 *
 * Memory: {@link encodeBlob} keeps every sliver (about 4.5x the blob at n = 1000, of which primary
 * slivers 0..R-1 that lie wholly inside the input are views of it); {@link encodeBlobStreaming} keeps
 * one group of repair primary slivers at a time (about 1x with 2 repair passes, the default from 4 MiB) and hands
 * everything else to its consumer as it is produced (lent, with `lendSlivers`, so nothing piles up as
 * garbage); {@link computeBlobMetadata} keeps neither (about 0.5x, the row repair).
 *
 * @see spec §1.4, §1.5, §2.2-2.4
 * @packageDocumentation
 */
import { codecKernels } from './backend.ts';
import {
  EncodePlan,
  type EncodingSummary,
  type PlannedSliverBatch,
  type SliverBatch,
} from './encode-plan.ts';
import { IndexOutOfRangeError } from './errors.ts';
import { releaseBuffer, runColumnTask, runExpandTask } from './tasks.ts';
import type { BlobMetadata, BlobMetadataWithId, Sliver } from './types.ts';

export type { EncodingSummary, SliverBatch } from './encode-plan.ts';

/**
 * A blob encoded for `nShards` shards.
 * - `primarySlivers[i]` is primary sliver i, `secondarySlivers[j]` secondary sliver j (by **sliver**
 *   index; pair p holds primary p and secondary n-1-p, see {@link sliverPairOf}).
 * - The slivers' `data` are views into shared buffers (and, for primary slivers 0..R-1 wholly inside the
 *   blob, into the input itself): do not mutate the input while the slivers are in use.
 */
export interface EncodedBlob {
  readonly nShards: number;
  /** S in bytes. */
  readonly symbolSize: number;
  readonly unencodedLength: number;
  /** 32 bytes. */
  readonly blobId: Uint8Array;
  /** 32 bytes: the Merkle root over the sliver-pair hashes (the `root_hash` of `register_blob`). */
  readonly rootHash: Uint8Array;
  readonly metadata: BlobMetadata;
  readonly primarySlivers: readonly Sliver[];
  readonly secondarySlivers: readonly Sliver[];
}

/** Metadata of a blob without its slivers (what registering a blob needs). */
export interface BlobMetadataSummary extends BlobMetadataWithId {
  /** 32 bytes. */
  readonly rootHash: Uint8Array;
}

/** Sliver pair p of an encoded blob: primary sliver p and secondary sliver n-1-p. @throws IndexOutOfRangeError @see spec §1.6 */
export function sliverPairOf(
  encoded: EncodedBlob,
  pairIndex: number,
): { primary: Sliver; secondary: Sliver } {
  const n = encoded.nShards;
  if (!Number.isInteger(pairIndex) || pairIndex < 0 || pairIndex >= n) {
    throw new IndexOutOfRangeError('sliver pair index', pairIndex, n);
  }
  return {
    primary: encoded.primarySlivers[pairIndex],
    secondary: encoded.secondarySlivers[n - 1 - pairIndex],
  };
}

/** Options of {@link encodeBlobStreaming} (and, in `node/encoding`, its pool counterpart). */
export interface StreamingEncodeOptions {
  /**
   * Lend the batches instead of giving them: a batch's buffers are valid only until the consumer
   * returns (or, where the consumer may be async, until its returned promise settles); then the
   * encoder releases them at once (the views become empty). A consumer that keeps slivers must copy
   * them. This keeps dropped slivers from piling up as garbage (the collector lets tens of MiB of dead
   * buffers accumulate), which matters for peak memory on large blobs. Primary slivers 0..R-1 (views
   * of the input or of the plan's padded tail) are never released.
   * @default false
   */
  readonly lendSlivers?: boolean;
  /**
   * Passes producing the repair primary slivers (`EncodePlanOptions.repairPasses`): 2 holds ~1x the
   * blob of them at a time instead of ~2x, for one more Reed-Solomon pass over the columns left of C
   * (measured on one thread, 64 MiB: +7-18% CPU at n = 1000, +23% at n = 100).
   * @default {@link defaultRepairPasses}: 2 from 4 MiB on, else 1
   */
  readonly repairPasses?: number;
}

/** Blobs from this size on are stream-encoded in 2 repair passes by default. */
const TWO_PASSES_FROM_BYTES = 4 * 1024 * 1024;

/**
 * The default repair passes of the streaming encoders for a blob of `length` bytes: 2 from 4 MiB on
 * (halves the held repair slivers), 1 below (what 2 would save is a few MiB, the CPU is not free).
 */
export function defaultRepairPasses(length: number): number {
  return length >= TWO_PASSES_FROM_BYTES ? 2 : 1;
}

/** Releases the plan-owned buffers of a lent batch (see {@link StreamingEncodeOptions.lendSlivers}). */
export function releaseLentBatch(batch: SliverBatch): void {
  for (const b of (batch as Partial<PlannedSliverBatch>).owned ?? []) releaseBuffer(b);
}

/**
 * Runs an {@link EncodePlan} on this thread (WASM kernels when available, else plain TS), handing
 * slivers to `consumer` as they complete (and releasing each batch after it when `lend`).
 */
function runPlan(
  plan: EncodePlan,
  consumer: ((batch: SliverBatch) => void) | undefined,
  lend = false,
): EncodingSummary {
  const kernels = codecKernels();
  const emit = (batch: PlannedSliverBatch): void => {
    if (consumer === undefined || (batch.primary.length === 0 && batch.secondary.length === 0)) return;
    consumer(batch);
    if (lend) releaseLentBatch(batch);
  };
  if (consumer !== undefined) consumer({ primary: plan.systematicPrimarySlivers(), secondary: [] });
  for (const t of plan.rowTasks(1)) plan.acceptRows(t.start, t.count, runExpandTask(t.task, kernels));
  for (const chunk of plan.columnOrder()) {
    const task = plan.columnTask(chunk);
    const result = runColumnTask(task, kernels);
    releaseBuffer(task.band.buffer);
    emit(plan.acceptColumn(chunk, result));
  }
  for (let pass = 1; pass < plan.repairPasses; pass++) {
    for (const chunk of plan.leftChunks()) {
      const task = plan.repairTask(pass, chunk);
      const result = runColumnTask(task, kernels);
      releaseBuffer(task.band.buffer);
      emit(plan.acceptRepair(pass, chunk, result));
    }
  }
  return plan.finish(kernels);
}

/**
 * Encodes a blob and hands its slivers to `onSlivers` in batches as they are produced, without
 * keeping them: primary slivers 0..R-1 first (views of `data` where it needs no padding), then the
 * secondary slivers chunk by chunk, then primary slivers R..n-1 in `repairPasses` groups. Every
 * sliver is handed over exactly once; batch views stay valid after the callback returns (the consumer
 * may keep or drop them) unless `options.lendSlivers`.
 * Peak memory besides `data` and what the consumer keeps: one group of repair primary slivers (~1x
 * the blob at n = 1000 with 2 passes, the default from 4 MiB), the row repair block (~0.5x, released before the
 * first group fills) and one column chunk; with `lendSlivers` nothing else accumulates.
 * @param data the blob, 0 <= length <= maxBlobSize(nShards)
 * @param nShards n >= 4
 * @param onSlivers called synchronously, several times, before this function returns
 * @returns metadata, root hash and blob ID (same bytes as {@link encodeBlob})
 * @throws DataTooLargeError, InvalidShardCountError
 * @see spec §1.4, §1.5, §2.2-2.4
 */
export function encodeBlobStreaming(
  data: Uint8Array,
  nShards: number,
  onSlivers: (batch: SliverBatch) => void,
  options: StreamingEncodeOptions = {},
): EncodingSummary {
  const repairPasses = options.repairPasses ?? defaultRepairPasses(data.length);
  const plan = new EncodePlan(data, nShards, true, { repairPasses });
  return runPlan(plan, onSlivers, options.lendSlivers ?? false);
}

/** Collects streamed sliver batches into arrays indexed by sliver index. */
export class SliverCollector {
  readonly primary: Sliver[];
  readonly secondary: Sliver[];

  constructor(nShards: number) {
    this.primary = new Array<Sliver>(nShards);
    this.secondary = new Array<Sliver>(nShards);
  }

  /** A consumer for {@link encodeBlobStreaming}. */
  readonly add = (batch: SliverBatch): void => {
    for (const s of batch.primary) this.primary[s.index] = s;
    for (const s of batch.secondary) this.secondary[s.index] = s;
  };
}

/**
 * Encodes a blob into its 2n slivers, metadata, root hash and blob ID. Same input and n give the same
 * bytes as Walrus (`walrus blob-id`, `@mysten/walrus-wasm` `BlobEncoder.encode`).
 * @param data the blob, 0 <= length <= maxBlobSize(nShards)
 * @param nShards n >= 4
 * @throws DataTooLargeError when the blob exceeds the maximum blob size for n
 * @throws InvalidShardCountError when n < 4, n > 65535 or n is not an integer
 * @see spec §1.4, §1.5, §2.2-2.4
 */
export function encodeBlob(data: Uint8Array, nShards: number): EncodedBlob {
  const plan = new EncodePlan(data, nShards, true);
  const collector = new SliverCollector(nShards);
  const summary = runPlan(plan, collector.add);
  return {
    ...summary,
    primarySlivers: collector.primary,
    secondarySlivers: collector.secondary,
  };
}

/**
 * Computes a blob's metadata, root hash and blob ID without keeping its slivers (the repair primary
 * slivers are hashed in bounded chunks and dropped). Same work as {@link encodeBlob}, less memory.
 * @throws DataTooLargeError, InvalidShardCountError
 * @see spec §2.2-2.4
 */
export function computeBlobMetadata(data: Uint8Array, nShards: number): BlobMetadataSummary {
  const r = runPlan(new EncodePlan(data, nShards, false), undefined);
  return { blobId: r.blobId, rootHash: r.rootHash, metadata: r.metadata };
}

/** The blob ID of `data` for `nShards` shards (32 bytes). @throws DataTooLargeError, InvalidShardCountError */
export function computeBlobId(data: Uint8Array, nShards: number): Uint8Array {
  return computeBlobMetadata(data, nShards).blobId;
}
