/**
 * The codec on all cores: the encoder and decoder plans of `shared/encoding` (`EncodePlan`,
 * `DecodePlan`) driven by a pool of worker threads, each with its own WebAssembly kernels instance.
 * Same bytes as the synchronous `encodeBlob` / `computeBlobMetadata` / `decodeBlob`; use these for
 * large blobs in Node (the node's and the client's write and read paths). Node-only.
 *
 * Small jobs (under ~30 ms of single-thread work: e.g. n <= 100 and a few hundred KiB) run on the
 * calling thread. Work split otherwise: the row pass in `2 x size` row batches; the column pass in column chunks (a power of
 * two wide) with up to `2 x size` chunk tasks in flight; sliver verification, decoding bands and the
 * consistency check in `2 x size` parts. Inputs and results are transferred, not copied, across
 * threads; the main thread gathers bands and assembles slivers.
 *
 * Merkle leaves are hashed with the AVX2 kernel of node/crypto/blake2b where it is built, on the workers
 * and on this thread (registered when this module loads), with the WASM kernel otherwise.
 *
 * Memory (see shared/encoding/PERFORMANCE.md): workers free each task input when done and the plan
 * frees results once copied (`releaseBuffer`), so dead buffers do not wait for the collector. For the
 * lowest peak, stream: `encodeBlobStreamingParallel` holds one group of repair primary slivers at a
 * time (2 repair passes from 4 MiB), and with `lendSlivers` frees each batch after its consumer
 * (~2.2-2.7x the blob at 64 MiB, input included, against ~4.8x for `encodeBlobParallel`);
 * `computeBlobMetadataParallel` peaks at ~1.8x.
 *
 * @example
 * ```ts
 * import { encodeBlobParallel, decodeBlobParallel } from '#node/encoding/index.ts';
 * const encoded = await encodeBlobParallel(bytes, 1000);
 * const back = await decodeBlobParallel(
 *   { blobId: encoded.blobId, metadata: encoded.metadata },
 *   encoded.primarySlivers.slice(0, 334),
 *   1000,
 * );
 * ```
 * @see spec §1.4-1.8, §2.2-2.4
 * @packageDocumentation
 */
import { codecKernels } from '../../shared/encoding/backend.ts';
import { enableNativeLeafHashes } from '../crypto/blake2b/index.ts';
import { bytesEqual } from '../../shared/encoding/blob-id.ts';
import { DecodePlan, type DecodeBlobOptions } from '../../shared/encoding/decode-plan.ts';
import {
  EncodePlan,
  type EncodingSummary,
  type PlannedSliverBatch,
  type SliverBatch,
} from '../../shared/encoding/encode-plan.ts';
import {
  defaultRepairPasses,
  releaseLentBatch,
  SliverCollector,
  type BlobMetadataSummary,
  type EncodedBlob,
  type StreamingEncodeOptions,
} from '../../shared/encoding/encoder.ts';
import { InconsistentBlobError } from '../../shared/encoding/errors.ts';
import { decodeBlob } from '../../shared/encoding/decoder.ts';
import { DIGEST_LENGTH } from '../../shared/encoding/params.ts';
import { assertUniformSlivers } from '../../shared/encoding/sliver.ts';
import {
  releaseBuffer,
  runColumnTask,
  runExpandTask,
  type ExpandResult,
  type ExpandTask,
} from '../../shared/encoding/tasks.ts';
import type { BlobMetadataWithId, Sliver } from '../../shared/encoding/types.ts';
import { sharedEncodingPool, type EncodingPool } from './pool.ts';
import { copyInto } from '../../shared/bytes.ts';

enableNativeLeafHashes();

export { EncodingPool, sharedEncodingPool, type EncodingPoolInit } from './pool.ts';
export * from './errors.ts';

/** Options of the parallel codec functions. */
export interface ParallelCodecOptions {
  /**
   * The worker pool to run on.
   * @default sharedEncodingPool()
   */
  readonly pool?: EncodingPool;
  /**
   * Jobs whose estimated single-thread cost (ms) is below this run on the calling thread (handing
   * them to workers costs more than it saves); 0 sends everything to the pool.
   * @default 30
   */
  readonly inThreadBelowMs?: number;
}

/** Options of {@link encodeBlobStreamingParallel}. */
export interface ParallelEncodeOptions extends ParallelCodecOptions, StreamingEncodeOptions {
  /**
   * Receives slivers in batches as they complete (calls are serialized; the encoder waits for a
   * returned promise before handing over more, so a slow consumer bounds memory). With
   * `lendSlivers`, a batch's buffers are released once the returned promise settles.
   */
  readonly onSlivers?: (batch: SliverBatch) => void | Promise<void>;
}

/**
 * Work below this estimate (ms on one thread) runs on the calling thread: handing it to workers costs
 * more than it saves.
 */
const IN_THREAD_MS = 30;

/**
 * Rough single-thread cost of encoding/decoding a blob: ~40 MiB/s of data plus ~0.5 us per cell of the
 * n x n matrix (leaf hash and its share of two Merkle trees).
 */
function inThread(length: number, nShards: number, options: ParallelCodecOptions): boolean {
  const estimate = (length / (1024 * 1024)) * 25 + nShards * nShards * 0.0005;
  return estimate < (options.inThreadBelowMs ?? IN_THREAD_MS);
}

/**
 * A copy of `view[start, end)` in a new ArrayBuffer, safe to transfer to a worker. Not `view.slice()`:
 * on a Node `Buffer` (e.g. an HTTP body) `slice` is a view, and transferring its buffer would detach the
 * caller's bytes.
 */
function copyBytes(view: Uint8Array, start = 0, end = view.length): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view.subarray(start, end));
}

/** Runs `fn` over `items` with at most `concurrency` calls in flight. */
async function runLanes<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(items.length, Math.max(1, concurrency)) }, lane));
}

async function runEncodePlan(
  plan: EncodePlan,
  options: ParallelCodecOptions,
  consumer: ((batch: SliverBatch) => void | Promise<void>) | undefined,
  lend = false,
): Promise<EncodingSummary> {
  const pool = options.pool ?? sharedEncodingPool();
  let chain: Promise<void> = Promise.resolve();
  const emit = (batch: PlannedSliverBatch): Promise<void> => {
    if (consumer === undefined || (batch.primary.length === 0 && batch.secondary.length === 0)) return chain;
    chain = chain.then(async () => {
      await consumer(batch);
      if (lend) releaseLentBatch(batch);
    });
    return chain;
  };
  const firstEmit = emit({ primary: plan.systematicPrimarySlivers(), secondary: [], owned: [] });
  if (inThread(plan.unencodedLength, plan.nShards, options)) {
    const kernels = codecKernels();
    for (const t of plan.rowTasks(1)) plan.acceptRows(t.start, t.count, runExpandTask(t.task, kernels));
    for (const chunk of plan.columnOrder()) {
      const task = plan.columnTask(chunk);
      const result = runColumnTask(task, kernels);
      releaseBuffer(task.band.buffer);
      await emit(plan.acceptColumn(chunk, result));
    }
    for (let pass = 1; pass < plan.repairPasses; pass++) {
      for (const chunk of plan.leftChunks()) {
        const task = plan.repairTask(pass, chunk);
        const result = runColumnTask(task, kernels);
        releaseBuffer(task.band.buffer);
        await emit(plan.acceptRepair(pass, chunk, result));
      }
    }
    await firstEmit;
    await chain;
    return plan.finish(kernels);
  }
  // Row batches are copied to be transferred: keep only a few in flight to bound that copy.
  await runLanes(plan.rowTasks(8 * pool.size), 2 * pool.size, async ({ start, count, task }) => {
    const slivers = copyBytes(task.slivers);
    const result = await pool.run('expand', { ...task, slivers }, [slivers.buffer]);
    plan.acceptRows(start, count, result);
  });
  await runLanes(plan.columnOrder(), 2 * pool.size, async (chunk) => {
    const task = plan.columnTask(chunk);
    const result = await pool.run('column', task, [task.band.buffer as ArrayBuffer]);
    await emit(plan.acceptColumn(chunk, result));
  });
  // Each further pass starts once the previous group was consumed (and, lent, released).
  for (let pass = 1; pass < plan.repairPasses; pass++) {
    await chain;
    await runLanes(plan.leftChunks(), 2 * pool.size, async (chunk) => {
      const task = plan.repairTask(pass, chunk);
      const result = await pool.run('column', task, [task.band.buffer as ArrayBuffer]);
      await emit(plan.acceptRepair(pass, chunk, result));
    });
  }
  await firstEmit;
  await chain;
  return plan.finish(codecKernels());
}

/**
 * {@link encodeBlob} on the worker pool, handing slivers to `options.onSlivers` as they complete
 * (same order and memory bounds as `encodeBlobStreaming`, including `lendSlivers` and
 * `repairPasses`, default `defaultRepairPasses`).
 * @throws DataTooLargeError, InvalidShardCountError, EncodingPoolClosedError, EncodingWorkerError
 * @see spec §1.4, §1.5, §2.2-2.4
 */
export function encodeBlobStreamingParallel(
  data: Uint8Array,
  nShards: number,
  options: ParallelEncodeOptions = {},
): Promise<EncodingSummary> {
  const repairPasses = options.repairPasses ?? defaultRepairPasses(data.length);
  const plan = new EncodePlan(data, nShards, true, { repairPasses });
  return runEncodePlan(plan, options, options.onSlivers, options.lendSlivers ?? false);
}

/**
 * `encodeBlob` on the worker pool: all 2n slivers, metadata, root hash and blob ID (byte-identical).
 * @throws DataTooLargeError, InvalidShardCountError, EncodingPoolClosedError, EncodingWorkerError
 * @see spec §1.4, §1.5, §2.2-2.4
 */
export async function encodeBlobParallel(
  data: Uint8Array,
  nShards: number,
  options: ParallelCodecOptions = {},
): Promise<EncodedBlob> {
  const collector = new SliverCollector(nShards);
  const summary = await runEncodePlan(new EncodePlan(data, nShards, true), options, collector.add);
  return { ...summary, primarySlivers: collector.primary, secondarySlivers: collector.secondary };
}

/**
 * `computeBlobMetadata` on the worker pool: metadata, root hash and blob ID, no slivers kept.
 * @throws DataTooLargeError, InvalidShardCountError, EncodingPoolClosedError, EncodingWorkerError
 * @see spec §2.2-2.4
 */
export async function computeBlobMetadataParallel(
  data: Uint8Array,
  nShards: number,
  options: ParallelCodecOptions = {},
): Promise<BlobMetadataSummary> {
  const r = await runEncodePlan(new EncodePlan(data, nShards, false), options, undefined);
  return { blobId: r.blobId, rootHash: r.rootHash, metadata: r.metadata };
}

/** The blob ID (32 bytes) of `data` for `nShards`, on the worker pool. @see {@link computeBlobMetadataParallel} */
export async function computeBlobIdParallel(
  data: Uint8Array,
  nShards: number,
  options: ParallelCodecOptions = {},
): Promise<Uint8Array> {
  return (await computeBlobMetadataParallel(data, nShards, options)).blobId;
}

function splitExpandTask(task: ExpandTask, parts: number): { first: number; task: ExpandTask }[] {
  const len = task.slivers.length / task.count;
  const step = Math.max(1, Math.ceil(task.count / parts));
  const out: { first: number; task: ExpandTask }[] = [];
  for (let a = 0; a < task.count; a += step) {
    const b = Math.min(task.count, a + step);
    out.push({
      first: a,
      task: { ...task, count: b - a, slivers: copyBytes(task.slivers, a * len, b * len) },
    });
  }
  return out;
}

async function expandRoots(pool: EncodingPool, task: ExpandTask): Promise<Uint8Array> {
  const roots = new Uint8Array(task.count * 32);
  await Promise.all(
    splitExpandTask(task, 2 * pool.size).map(async ({ first, task: t }) => {
      const r = await pool.run('expand', t, [t.slivers.buffer as ArrayBuffer]);
      roots.set(r.roots as Uint8Array, first * 32);
    }),
  );
  return roots;
}

/** Runs one expansion task on a worker (e.g. `(t, tr) => pool.run('expand', t, tr)`); `transfer` is handed over. */
export type ExpandRunner = (task: ExpandTask, transfer: ArrayBuffer[]) => Promise<ExpandResult>;

/** Options of {@link sliverRootsParallel}. */
export interface SliverRootsParallelOptions {
  /** Tasks to split packed copies into (e.g. 2 x the pool's workers). @default 1 */
  parts?: number;
  /** Shared-memory slivers are read in place only when each is at least this long, bytes. @default 0 */
  minSharedTaskBytes?: number;
}

/**
 * Merkle roots over the full expansions of slivers of one axis and symbol size (the values the metadata
 * stores), on worker threads through `run`. Slivers that are all views of shared memory (request or
 * response bodies read into a SharedArrayBuffer) go one task each, read in place with no copy; otherwise
 * they are packed into `parts` copies, each transferred to its worker.
 * @returns `roots[i]` (32 bytes) for `slivers[i]`
 * @throws as {@link assertUniformSlivers}; the runner's errors; Error when a task returns no roots
 * @see spec §2.2
 */
export async function sliverRootsParallel(
  run: ExpandRunner,
  slivers: readonly Sliver[],
  nShards: number,
  options: SliverRootsParallelOptions = {},
): Promise<Uint8Array[]> {
  if (slivers.length === 0) return [];
  assertUniformSlivers(slivers, nShards);
  const { axis, symbolSize } = slivers[0];
  const base = { axis, nShards, symbolSize, repair: false, roots: true } as const;
  const rootsOf = (r: ExpandResult): Uint8Array => {
    if (!r.roots) throw new Error('an expansion task returned no roots');
    return r.roots;
  };
  const minShared = options.minSharedTaskBytes ?? 0;
  if (slivers.every((s) => isSharedView(s.data) && s.data.length >= minShared)) {
    return Promise.all(
      slivers.map(async (s) =>
        rootsOf(await run({ ...base, count: 1, slivers: s.data }, [])).slice(0, DIGEST_LENGTH),
      ),
    );
  }
  const len = slivers[0].data.length;
  const out: Uint8Array[] = new Array<Uint8Array>(slivers.length);
  const step = Math.ceil(slivers.length / Math.max(1, Math.min(slivers.length, options.parts ?? 1)));
  const tasks: Promise<void>[] = [];
  for (let first = 0; first < slivers.length; first += step) {
    const group = slivers.slice(first, first + step);
    const packed = new Uint8Array(group.length * len);
    group.forEach((s, i) => copyInto(packed, s.data, i * len));
    tasks.push(
      run({ ...base, count: group.length, slivers: packed }, [packed.buffer]).then((r) => {
        const roots = rootsOf(r);
        for (let i = 0; i < group.length; i++) {
          out[first + i] = roots.slice(i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH);
        }
      }),
    );
  }
  await Promise.all(tasks);
  return out;
}

/** True for a view of a SharedArrayBuffer (worker threads read it without a copy). */
function isSharedView(v: Uint8Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && v.buffer instanceof SharedArrayBuffer;
}

/**
 * `decodeBlob` on the worker pool: sliver verification, Reed-Solomon decoding and the consistency
 * check are split across the workers. Same results and errors as `decodeBlob`.
 * @throws NotEnoughSliversError, InconsistentBlobError, InvalidMetadataError, InvalidShardCountError,
 *   EncodingPoolClosedError, EncodingWorkerError
 * @see spec §1.8
 */
export async function decodeBlobParallel(
  metadataWithId: BlobMetadataWithId,
  slivers: Iterable<Sliver>,
  nShards: number,
  options: DecodeBlobOptions & ParallelCodecOptions = {},
): Promise<Uint8Array> {
  const pool = options.pool ?? sharedEncodingPool();
  if (inThread(metadataWithId.metadata.unencodedLength, nShards, options)) {
    return decodeBlob(metadataWithId, slivers, nShards, options);
  }
  const plan = new DecodePlan(metadataWithId, slivers, nShards, options);
  for (let v = plan.nextVerification(); v !== undefined; v = plan.nextVerification()) {
    plan.acceptVerification(v.slivers, await expandRoots(pool, v.task));
  }
  await runLanes(plan.decodeTasks(4 * pool.size), 2 * pool.size, async (planned) => {
    const task = plan.decodeTask(planned);
    const out = await pool.run('decode', task, [task.band.buffer as ArrayBuffer]);
    plan.acceptDecoded(planned, out);
    releaseBuffer(out.buffer);
  });
  await runLanes(plan.checkTasks(4 * pool.size), 2 * pool.size, async (planned) => {
    // A copy: the rows are part of the decoded blob, which must stay attached here.
    const slivers = copyBytes(planned.task.slivers);
    const r = await pool.run('expand', { ...planned.task, slivers }, [slivers.buffer]);
    plan.acceptCheck(planned, r.roots as Uint8Array);
  });
  const blob = plan.blob();
  if (plan.check === 'strict') {
    const id = await computeBlobIdParallel(blob, nShards, options);
    if (!bytesEqual(id, metadataWithId.blobId)) {
      throw new InconsistentBlobError('the decoded blob re-encodes to a different blob ID');
    }
  }
  return blob;
}
