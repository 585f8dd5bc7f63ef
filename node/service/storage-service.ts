/**
 * The storage service: the one implementation of every storage-node operation (spec §4). The libp2p
 * handlers (./handlers) and the HTTP API (node/api) are thin adapters that decode their transport's
 * request, call a method here and encode the result; errors are the typed classes of ./errors.ts.
 *
 * Rules it enforces:
 * - metadata is verified against its blob ID, and each sliver against the metadata, before anything is
 *   written; a batch of slivers is all-or-nothing (verified first, written in one transaction);
 * - uploads are accepted for registered, unexpired, valid blobs; with `pending` they are buffered (bounded)
 *   until `BlobRegistered`, when {@link StorageService.flushPending} verifies and moves them into the store;
 * - slivers are stored only for shards this node owns in the current epoch;
 * - a storage confirmation is signed only when metadata and both slivers of EVERY owned shard are stored
 *   (every store write is durable when it returns);
 * - invalid blobs' data is refused and their status reports `invalid`.
 *
 * @see spec §3.1 (recovery symbols), §3.3 (inconsistency proofs), §3.4 (sync shard), §4
 */
import type { ComponentLogger, Logger } from '@libp2p/interface';
import { bcs } from '@mysten/bcs';
import { parseBlobMetadata } from '../../shared/bcs/blob.ts';
import {
  decodeSyncShardMessage,
  SignedMessageBcs,
  type BlobPersistence,
  type SignedMessage,
} from '../../shared/bcs/messages.ts';
import { parseBcs } from '../../shared/bcs/parse.ts';
import { parseSliverData, parseSliverDataView, SliverBcs } from '../../shared/bcs/sliver.ts';
import { parseInconsistencyProof, serializeGeneralRecoverySymbols } from '../../shared/bcs/symbol.ts';
import { DecodingSymbolMapBcs } from '../../shared/bcs/symbol.ts';
import { verify as blsVerify } from '../../shared/crypto/bls.ts';
import type {
  BlobStatus,
  ServiceHealthInfo,
  SliverType,
  StoredOnNodeStatus,
} from '../../shared/api/storage-node.ts';
import { blobIdToString } from '../../shared/encoding/blob-id.ts';
import {
  assertMetadataShape,
  metadataSymbolSize,
  sliverHash,
  verifyMetadata,
} from '../../shared/encoding/metadata.ts';
import { pairOfShard, secondarySliverIndex, shardOfPair } from '../../shared/encoding/params.ts';
import { recoverySymbolFromExpansion } from '../../shared/encoding/recovery.ts';
import { symbolsAt, verifyInconsistencyProof } from '../../shared/encoding/recovery.ts';
import { MAX_SYMBOL_BATCH_BYTES, serializeSymbolBatch } from '../../shared/protocol/symbol-batch.ts';
import { sliverRootsParallel } from '../encoding/index.ts';
import {
  assertSliverShape,
  SliverExpansion,
  sliverRoot,
  sliverRoots,
  verifySliver,
} from '../../shared/encoding/sliver.ts';
import { SymbolSizeMismatchError } from '../../shared/encoding/errors.ts';
import type { ExpandResult, ExpandTask } from '../../shared/encoding/tasks.ts';
import { nodeBytes } from '../../shared/encoding/merkle.ts';
import type {
  BlobMetadata,
  EitherDecodingSymbol,
  GeneralRecoverySymbol,
  Sliver,
} from '../../shared/encoding/types.ts';
import { orthogonalAxis } from '../../shared/encoding/types.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type { ChainReader } from '../chain/types.ts';
import type { NodeMetrics } from '../metrics/metrics.ts';
import { PendingBufferFullError } from '../storage/errors.ts';
import type { NodeStore } from '../storage/store.ts';
import { isRegistered, toBlobStatus } from './blob-info/rules.ts';
import type { CommitteeTracker } from './committee/tracker.ts';
import { WALRUS_TS_VERSION } from './version.ts';
import type { BufferPool } from '../memory/buffer-pool.ts';
import type { ConfirmationSigner } from './confirmations/signer.ts';
import {
  BlobInvalidError,
  BlobNotRegisteredError,
  InvalidRequestError,
  MalformedRequestError,
  MetadataNotStoredError,
  NotAllSliversStoredError,
  NotFoundError,
  PendingUploadsFullError,
  ProofNotValidError,
  RequestNotAuthorizedError,
  ServiceUnavailableError,
  ShardNotAssignedError,
  VerificationFailedError,
} from './errors.ts';

/** What storing one item did. */
export type StoreOutcomeName = 'stored' | 'buffered' | 'alreadyStored';

/** One sliver of an upload: which one, and its BCS `SliverData` bytes. */
export interface SliverUpload {
  pairIndex: number;
  sliverType: SliverType;
  /** BCS `SliverData`. */
  data: Uint8Array;
}

/** A sliver asked for. */
export interface SliverRef {
  pairIndex: number;
  sliverType: SliverType;
}

/**
 * Which recovery symbols to return: explicit symbol IDs (row = primary sliver index, column = secondary
 * sliver index), or everything this node's slivers give for one target sliver.
 */
export type RecoverySymbolsQuery =
  | { kind: 'byId'; ids: readonly { row: number; column: number }[] }
  | { kind: 'byTarget'; targetSliver: number; targetType: SliverType };

/** BCS `SyncShardResponse::V1(Vec<(BlobId, Sliver)>)`. @see spec §3.4 */
export const SyncShardResponseBcs = bcs.enum('SyncShardResponse', {
  V1: bcs.vector(bcs.tuple([bcs.bytes(32), SliverBcs])),
});

/** Dependencies of the service (narrow on purpose: tests pass real parts, nothing else). */
export interface StorageServiceComponents {
  store: Pick<
    NodeStore,
    'blobInfo' | 'metadata' | 'slivers' | 'pending' | 'shards' | 'cursor' | 'transaction'
  >;
  committee: CommitteeTracker;
  signer: ConfirmationSigner;
  chain: Pick<ChainReader, 'getBlob'>;
  logger: ComponentLogger;
  metrics?: NodeMetrics;
  /**
   * Runs an expansion task (shared/encoding/tasks.ts) off the event loop, e.g. on the encoding worker pool;
   * {@link StorageService.storeSlivers} uses it for the Merkle roots of received slivers. Buffers in
   * `transfer` may be moved to another thread. @default the roots are computed on the calling thread
   */
  expandSlivers?: (task: ExpandTask, transfer: ArrayBuffer[]) => Promise<ExpandResult>;
}

/** Options of the service. */
export interface StorageServiceInit {
  /**
   * Recovery/decoding-symbol requests served at once; more get `UNAVAILABLE` (503), as Walrus does.
   * @default 16
   */
  maxConcurrentSymbolRequests?: number;
  /**
   * Longest a confirmation request may wait for the blob's registration, in ms.
   * @default 10_000
   */
  maxConfirmationWaitMs?: number;
  /**
   * Most symbol IDs in one recovery-symbol request.
   * @default 2048
   */
  maxSymbolIdsPerRequest?: number;
  /**
   * Most slivers in one sync-shard page.
   * @default 1000
   */
  maxSyncShardSlivers?: number;
  /**
   * Most bytes of slivers in one sync-shard page (a page always holds at least one sliver).
   * @default 67_108_864 (64 MiB)
   */
  maxSyncShardBytes?: number;
  /** Reported by `health()` as `nodeStatus`. @default () => 'Active' */
  nodeStatus?: () => string;
  /**
   * Connected libp2p peer IDs, reported by `health()` as `peers` (walrus-ts extension).
   * @default none reported (the field is left out)
   */
  peers?: () => string[];
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** Below this many sliver bytes per request, roots are computed on the calling thread, not the pool. */
const MIN_POOLED_VERIFY_BYTES = 256 * 1024;

/** A sliver in shared memory at least this large is verified on the pool as a view of its own task. */
const MIN_SHARED_TASK_BYTES = 64 * 1024;

/** From this many slivers in one request, which are stored already is read in one query. */
const BATCH_STORED_CHECK = 8;

/**
 * Sliver pairs of parsed metadata kept by the sliver put path (entries = this / n, at least 64 and at most
 * 1024): metadata is stored first, then the slivers, and with many small blobs uploaded at once more than
 * 64 blobs' metadata may be waiting for their slivers (each miss parses the metadata again from the store:
 * ~0.1 ms at n = 25, ~4 us per 1 KiB sliver).
 */
const METADATA_CACHE_PAIRS = 65_536;

/** One upload of a {@link SliverPlan} that still has to be verified and written. */
interface SliverPlanItem {
  shard: number;
  axis: SliverType;
  /** BCS `SliverData`, as received (what is stored). */
  data: Uint8Array;
  sliver: Sliver;
}

/** A checked batch of uploads. */
interface SliverPlan {
  n: number;
  registered: boolean;
  outcomes: StoreOutcomeName[];
  items: SliverPlanItem[];
  /** Set whenever `items` is not empty. */
  metadata: BlobMetadata;
}

function sliverIndexOf(pairIndex: number, type: SliverType, nShards: number): number {
  return type === 'primary' ? pairIndex : secondarySliverIndex(pairIndex, nShards);
}

/** The storage service. */
export class StorageService {
  readonly #c: StorageServiceComponents;
  readonly #log: Logger;
  readonly #maxSymbolRequests: number;
  readonly #maxWaitMs: number;
  readonly #maxSymbolIds: number;
  readonly #maxSyncSlivers: number;
  readonly #maxSyncBytes: number;
  readonly #nodeStatus: () => string;
  readonly #peers: (() => string[]) | undefined;
  readonly #startedAt = Date.now();
  readonly #waiters = new Map<string, Set<() => void>>();
  /** Parsed metadata of recent blobs, least recently used first. */
  readonly #metadataCache = new Map<string, BlobMetadata>();
  #activeSymbolRequests = 0;

  constructor(components: StorageServiceComponents, init: StorageServiceInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:service:storage');
    this.#maxSymbolRequests = init.maxConcurrentSymbolRequests ?? 16;
    this.#maxWaitMs = init.maxConfirmationWaitMs ?? 10_000;
    this.#maxSymbolIds = init.maxSymbolIdsPerRequest ?? 2048;
    this.#maxSyncSlivers = init.maxSyncShardSlivers ?? 1000;
    this.#maxSyncBytes = init.maxSyncShardBytes ?? 64 * 1024 * 1024;
    this.#nodeStatus = init.nodeStatus ?? (() => 'Active');
    this.#peers = init.peers;
  }

  #nShards(): number {
    const n = this.#c.committee.nShards;
    if (n < 4) throw new ServiceUnavailableError('the node does not know the committee yet');
    return n;
  }

  #checkBlobId(blobId: Uint8Array): void {
    if (!(blobId instanceof Uint8Array) || blobId.length !== 32) {
      throw new MalformedRequestError('a blob ID is 32 bytes');
    }
  }

  #checkPair(pairIndex: number, n: number): void {
    if (!Number.isInteger(pairIndex) || pairIndex < 0 || pairIndex >= n) {
      throw new InvalidRequestError(`sliver pair index ${pairIndex} is outside [0, ${n})`);
    }
  }

  /** The stored metadata of a blob, parsed, or undefined. */
  #storedMetadata(blobId: Uint8Array): BlobMetadata | undefined {
    const bytes = this.#c.store.metadata.getMetadata(blobId);
    return bytes ? parseBlobMetadata(bytes) : undefined;
  }

  /** {@link #storedMetadata} through a small cache of parsed metadata (metadata never changes for a blob ID). */
  #cachedMetadata(blobId: Uint8Array): BlobMetadata | undefined {
    if (!this.#c.store.metadata.hasMetadata(blobId)) return undefined;
    const key = hex(blobId);
    const m = this.#metadataCache.get(key) ?? this.#storedMetadata(blobId);
    if (m) this.#rememberMetadata(key, m);
    return m;
  }

  /** Puts parsed metadata into the cache as its most recently used entry. */
  #rememberMetadata(key: string, m: BlobMetadata): void {
    this.#metadataCache.delete(key);
    const max = Math.min(
      1024,
      Math.max(64, Math.floor(METADATA_CACHE_PAIRS / Math.max(1, this.#c.committee.nShards))),
    );
    while (this.#metadataCache.size >= max) {
      this.#metadataCache.delete(this.#metadataCache.keys().next().value as string);
    }
    this.#metadataCache.set(key, m);
  }

  #bufferedMetadata(blobId: Uint8Array): BlobMetadata | undefined {
    const m = this.#c.store.pending.listPending(blobId).find((p) => p.kind === 'metadata');
    return m ? parseBlobMetadata(m.data) : undefined;
  }

  #bufferPending(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (err instanceof PendingBufferFullError)
        throw new PendingUploadsFullError(err.message, { cause: err });
      throw err;
    }
    const stats = this.#c.store.pending.stats();
    this.#c.metrics?.pendingUploads.set(stats.entries);
    this.#c.metrics?.pendingBytes.set(stats.bytes);
  }

  /**
   * Parses and verifies metadata against `blobId`.
   * @throws MalformedRequestError (BCS), VerificationFailedError (shape, blob ID mismatch)
   */
  #parseVerifiedMetadata(blobId: Uint8Array, bytes: Uint8Array, n: number): BlobMetadata {
    let metadata: BlobMetadata;
    try {
      metadata = parseBlobMetadata(bytes);
    } catch (err) {
      if (err instanceof WalrusTsError)
        throw new MalformedRequestError(`metadata: ${err.message}`, { cause: err });
      throw err;
    }
    try {
      verifyMetadata({ blobId, metadata }, n);
    } catch (err) {
      if (err instanceof WalrusTsError) {
        this.#c.metrics?.verificationFailures.inc({ kind: 'metadata' });
        throw new VerificationFailedError(`metadata does not verify: ${err.message}`, {
          cause: err,
          what: 'metadata',
        });
      }
      throw err;
    }
    return metadata;
  }

  /**
   * Stores a blob's metadata (BCS `BlobMetadata`, no blob ID) after verifying it against `blobId`.
   * @returns `stored`, `alreadyStored`, or `buffered` (pending registration)
   * @throws MalformedRequestError, VerificationFailedError, BlobInvalidError, BlobNotRegisteredError,
   *   PendingUploadsFullError, ServiceUnavailableError
   */
  putMetadata(blobId: Uint8Array, bytes: Uint8Array, opts: { pending?: boolean } = {}): StoreOutcomeName {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    const info = this.#c.store.blobInfo.getBlobInfo(blobId);
    if (info?.invalid) throw new BlobInvalidError(blobIdToString(blobId));
    const metadata = this.#parseVerifiedMetadata(blobId, bytes, n);
    // the slivers come next: keep the parsed metadata (verified against the blob ID, so equal to any stored
    // copy) rather than parse it again for every sliver request (~0.1 ms at n = 25, more at n = 1000)
    if (this.#c.store.metadata.hasMetadata(blobId)) {
      this.#rememberMetadata(hex(blobId), metadata);
      return 'alreadyStored';
    }
    if (isRegistered(info, this.#c.committee.epoch)) {
      this.#c.store.metadata.putMetadata(blobId, bytes);
      this.#rememberMetadata(hex(blobId), metadata);
      this.#c.metrics?.metadataStored.inc();
      return 'stored';
    }
    if (!opts.pending) throw new BlobNotRegisteredError(blobIdToString(blobId));
    this.#bufferPending(() => this.#c.store.pending.putPending({ kind: 'metadata', blobId, data: bytes }));
    this.#c.metrics?.uploadsBuffered.inc({ kind: 'metadata' });
    return 'buffered';
  }

  /**
   * The metadata of a blob as BCS `BlobMetadataWithId`.
   * @throws NotFoundError, BlobInvalidError
   */
  getMetadata(blobId: Uint8Array): Uint8Array {
    this.#checkBlobId(blobId);
    const bytes = this.#c.store.metadata.getMetadata(blobId);
    if (!bytes) {
      if (this.#c.store.blobInfo.getBlobInfo(blobId)?.invalid)
        throw new BlobInvalidError(blobIdToString(blobId));
      throw new NotFoundError(`metadata of blob ${blobIdToString(blobId)}`, 'METADATA_NOT_FOUND');
    }
    const out = new Uint8Array(32 + bytes.length);
    out.set(blobId);
    out.set(bytes, 32);
    return out;
  }

  /** Whether the metadata is stored, buffered or absent. */
  metadataStatus(blobId: Uint8Array): StoredOnNodeStatus {
    this.#checkBlobId(blobId);
    if (this.#c.store.metadata.hasMetadata(blobId)) return 'stored';
    return this.#c.store.pending.listPending(blobId).some((p) => p.kind === 'metadata')
      ? 'buffered'
      : 'nonexistent';
  }

  /**
   * Verifies and stores slivers of one blob, all or nothing, synchronously (the write and its fsync block
   * the event loop; the libp2p path uses {@link storeSlivers}). Each must belong to a shard this node owns
   * in the current epoch, carry the sliver index of its pair and axis, and hash to the metadata.
   * @returns one outcome per upload, in order
   * @throws MalformedRequestError, InvalidRequestError, ShardNotAssignedError, MetadataNotStoredError,
   *   VerificationFailedError, BlobInvalidError, BlobNotRegisteredError, PendingUploadsFullError
   */
  putSlivers(
    blobId: Uint8Array,
    uploads: readonly SliverUpload[],
    opts: { pending?: boolean } = {},
  ): StoreOutcomeName[] {
    const plan = this.#planSlivers(blobId, uploads, opts);
    for (const item of plan.items) this.#verifyRoot(item, plan.metadata, sliverRoot(item.sliver, plan.n));
    if (plan.items.length === 0) return plan.outcomes;
    if (plan.registered) {
      this.#c.store.slivers.putSlivers(
        plan.items.map((w) => ({ blobId, shard: w.shard, axis: w.axis, data: w.data })),
      );
      this.#countStored(plan.items);
    } else {
      this.#bufferSlivers(blobId, plan.items);
    }
    return plan.outcomes;
  }

  /**
   * {@link putSlivers} without blocking the event loop: the Merkle roots of the slivers' expansions are
   * computed by `components.expandSlivers` when given (a worker pool), and the bytes are written and
   * fsync'd on the thread pool with group commit across concurrent calls. Durable when it resolves (a
   * confirmation may then be signed).
   * @returns one outcome per upload, in order
   * @throws as {@link putSlivers}
   */
  async storeSlivers(
    blobId: Uint8Array,
    uploads: readonly SliverUpload[],
    opts: { pending?: boolean } = {},
  ): Promise<StoreOutcomeName[]> {
    const plan = this.#planSlivers(blobId, uploads, opts);
    if (plan.items.length === 0) return plan.outcomes;
    const roots = await this.#rootsOf(plan.items, plan.n);
    plan.items.forEach((item, i) => this.#verifyRoot(item, plan.metadata, roots[i]));
    if (plan.registered) {
      await this.#c.store.slivers.storeSlivers(
        plan.items.map((w) => ({ blobId, shard: w.shard, axis: w.axis, data: w.data })),
      );
      this.#countStored(plan.items);
    } else {
      this.#bufferSlivers(blobId, plan.items);
    }
    return plan.outcomes;
  }

  /** Checks and parses a batch of uploads (everything but the Merkle roots). */
  #planSlivers(
    blobId: Uint8Array,
    uploads: readonly SliverUpload[],
    opts: { pending?: boolean },
  ): SliverPlan {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    const epoch = this.#c.committee.epoch;
    const idText = (): string => blobIdToString(blobId);
    const info = this.#c.store.blobInfo.getBlobInfo(blobId);
    if (info?.invalid) throw new BlobInvalidError(idText());
    const registered = isRegistered(info, epoch);
    if (!registered && !opts.pending) throw new BlobNotRegisteredError(idText());

    const outcomes: StoreOutcomeName[] = [];
    const items: SliverPlanItem[] = [];
    let metadata: BlobMetadata | undefined;
    // many slivers: one query for what is already stored; a few: a point lookup each
    let stored: Set<number> | undefined;
    const isStored = (shard: number, axis: SliverType): boolean => {
      if (uploads.length < BATCH_STORED_CHECK)
        return this.#c.store.slivers.hasSliver({ blobId, shard, axis });
      stored ??= this.#c.store.slivers.storedSliversOf(blobId);
      return stored.has(shard * 2 + (axis === 'primary' ? 0 : 1));
    };
    for (const u of uploads) {
      if (u.sliverType !== 'primary' && u.sliverType !== 'secondary') {
        throw new MalformedRequestError(`unknown sliver type ${String(u.sliverType)}`);
      }
      this.#checkPair(u.pairIndex, n);
      const shard = shardOfPair(u.pairIndex, blobId, n);
      if (!this.#c.committee.ownsShard(shard)) throw new ShardNotAssignedError(shard, epoch);
      if (registered && isStored(shard, u.sliverType)) {
        outcomes.push('alreadyStored');
        continue;
      }
      let sliver: Sliver;
      try {
        // a view into the request body, not a copy (it is only read, and the body itself is what is stored)
        sliver = parseSliverDataView(u.data, u.sliverType);
      } catch (err) {
        if (err instanceof WalrusTsError)
          throw new MalformedRequestError(`sliver: ${err.message}`, { cause: err });
        throw err;
      }
      metadata ??=
        this.#cachedMetadata(blobId) ?? (opts.pending ? this.#bufferedMetadata(blobId) : undefined);
      if (!metadata) throw new MetadataNotStoredError(idText());
      const expected = sliverIndexOf(u.pairIndex, u.sliverType, n);
      if (sliver.index !== expected) {
        this.#c.metrics?.verificationFailures.inc({ kind: 'sliver' });
        throw new VerificationFailedError(
          `${u.sliverType} sliver of pair ${u.pairIndex} must have index ${expected}, got ${sliver.index}`,
        );
      }
      try {
        assertMetadataShape(metadata, n);
        const size = metadataSymbolSize(metadata, n);
        if (sliver.symbolSize !== size) {
          throw new SymbolSizeMismatchError(`${sliver.axis} sliver ${sliver.index}`, size, sliver.symbolSize);
        }
        assertSliverShape(sliver, n);
      } catch (err) {
        if (err instanceof WalrusTsError) {
          this.#c.metrics?.verificationFailures.inc({ kind: 'sliver' });
          throw new VerificationFailedError(`sliver does not verify: ${err.message}`, { cause: err });
        }
        throw err;
      }
      items.push({ shard, axis: u.sliverType, data: u.data, sliver });
      outcomes.push(registered ? 'stored' : 'buffered');
    }
    return { n, registered, outcomes, items, metadata: metadata as BlobMetadata };
  }

  /** Throws VerificationFailedError unless `root` is the metadata's hash of the item's sliver. */
  #verifyRoot(item: SliverPlanItem, metadata: BlobMetadata, root: Uint8Array): void {
    const expected = nodeBytes(sliverHash(metadata, item.sliver.axis, item.sliver.index));
    let same = expected.length === root.length;
    for (let i = 0; same && i < root.length; i++) same = expected[i] === root[i];
    if (same) return;
    this.#c.metrics?.verificationFailures.inc({ kind: 'sliver' });
    throw new VerificationFailedError(
      `sliver does not verify: ${item.sliver.axis} sliver ${item.sliver.index} does not match its hash in the metadata`,
    );
  }

  /**
   * Merkle roots over the items' expansions, one batched task per axis and symbol size: on the pool, or
   * here when there is none or the slivers are small (a round trip to a worker costs more than hashing
   * them here, and one task for all of them costs less than one per sliver).
   */
  async #rootsOf(items: readonly SliverPlanItem[], n: number): Promise<Uint8Array[]> {
    const expand = this.#c.expandSlivers;
    let bytes = 0;
    for (const it of items) bytes += it.sliver.data.length;
    const onThread = !expand || bytes < MIN_POOLED_VERIFY_BYTES;
    // On the pool, a request body read into shared memory (`sharedBody` of the put-slivers handler) goes
    // one sliver per task, read in place, so both workers hash.
    const out: Uint8Array[] = new Array<Uint8Array>(items.length);
    const groups = new Map<string, number[]>();
    items.forEach((it, i) => {
      const key = `${it.sliver.axis}:${it.sliver.symbolSize}`;
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    });
    await Promise.all(
      [...groups.values()].map(async (idx) => {
        const slivers = idx.map((i) => items[i].sliver);
        const roots =
          onThread || !expand
            ? sliverRoots(slivers, n)
            : await sliverRootsParallel(expand, slivers, n, { minSharedTaskBytes: MIN_SHARED_TASK_BYTES });
        idx.forEach((i, j) => (out[i] = roots[j]));
      }),
    );
    return out;
  }

  #countStored(items: readonly SliverPlanItem[]): void {
    let bytes = 0;
    for (const w of items) {
      this.#c.metrics?.sliversStored.inc({ axis: w.axis });
      bytes += w.data.length;
    }
    this.#c.metrics?.sliverBytesStored.inc(bytes);
  }

  #bufferSlivers(blobId: Uint8Array, items: readonly SliverPlanItem[]): void {
    this.#bufferPending(() =>
      this.#c.store.transaction(() => {
        for (const w of items)
          this.#c.store.pending.putPending({
            kind: 'sliver',
            blobId,
            shard: w.shard,
            axis: w.axis,
            data: w.data,
          });
      }),
    );
    this.#c.metrics?.uploadsBuffered.inc({ kind: 'sliver' }, items.length);
  }

  /**
   * BCS `SliverData` of each wanted sliver, or undefined for those this node does not hold. The bytes are
   * read in parallel on libuv's thread pool, without blocking the event loop. With `memory`, each is a view
   * of a buffer taken from it, which the caller gives back once the bytes are sent.
   * @throws InvalidRequestError for a pair index out of range; BlobInvalidError; SegmentReadError
   */
  async getSlivers(
    blobId: Uint8Array,
    refs: readonly SliverRef[],
    memory?: BufferPool,
  ): Promise<(Uint8Array | undefined)[]> {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    if (this.#c.store.blobInfo.getBlobInfo(blobId)?.invalid)
      throw new BlobInvalidError(blobIdToString(blobId));
    const keys = refs.map((r) => {
      this.#checkPair(r.pairIndex, n);
      return { blobId, shard: shardOfPair(r.pairIndex, blobId, n), axis: r.sliverType };
    });
    const reads = keys.map((k) => this.#c.store.slivers.readSliver(k, memory));
    const settled = await Promise.allSettled(reads);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) {
      // the memory of the reads that succeeded goes back before the failure is reported
      for (const r of settled) if (r.status === 'fulfilled' && r.value) memory?.give(r.value);
      throw failed.reason;
    }
    return settled.map((r) => (r as PromiseFulfilledResult<Uint8Array | undefined>).value);
  }

  /** Whether a sliver is stored, buffered or absent. */
  sliverStatus(blobId: Uint8Array, ref: SliverRef): StoredOnNodeStatus {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    this.#checkPair(ref.pairIndex, n);
    const shard = shardOfPair(ref.pairIndex, blobId, n);
    if (this.#c.store.slivers.hasSliver({ blobId, shard, axis: ref.sliverType })) return 'stored';
    const buffered = this.#c.store.pending
      .listPending(blobId)
      .some((p) => p.kind === 'sliver' && p.shard === shard && p.axis === ref.sliverType);
    return buffered ? 'buffered' : 'nonexistent';
  }

  /**
   * Moves the buffered uploads of a just-registered blob into the store, verifying them again (metadata
   * against the blob ID, slivers against the metadata, shard ownership). Invalid or foreign ones are
   * dropped. Call it inside the transaction that applies the `BlobRegistered` event.
   * @returns counts of what was stored and dropped
   */
  flushPending(blobId: Uint8Array): { metadata: boolean; slivers: number; dropped: number } {
    const entries = this.#c.store.pending.takePending(blobId);
    const result = { metadata: false, slivers: 0, dropped: 0 };
    if (entries.length === 0) return result;
    const n = this.#c.committee.nShards;
    let metadata = this.#storedMetadata(blobId);
    for (const e of entries) {
      if (e.kind !== 'metadata') continue;
      if (metadata) continue;
      try {
        metadata = this.#parseVerifiedMetadata(blobId, e.data, n);
        this.#c.store.metadata.putMetadata(blobId, e.data);
        this.#c.metrics?.metadataStored.inc();
        result.metadata = true;
      } catch (err) {
        if (!(err instanceof WalrusTsError)) throw err;
        result.dropped++;
      }
    }
    for (const e of entries) {
      if (e.kind !== 'sliver') continue;
      if (!metadata || !this.#c.committee.ownsShard(e.shard)) {
        result.dropped++;
        continue;
      }
      try {
        const sliver = parseSliverData(e.data, e.axis);
        if (sliver.index !== sliverIndexOf(pairOfShard(e.shard, blobId, n), e.axis, n)) {
          throw new VerificationFailedError('wrong sliver index');
        }
        verifySliver(sliver, metadata, n);
      } catch (err) {
        if (!(err instanceof WalrusTsError)) throw err;
        result.dropped++;
        continue;
      }
      this.#c.store.slivers.putSliver({ blobId, shard: e.shard, axis: e.axis, data: e.data });
      this.#c.metrics?.sliversStored.inc({ axis: e.axis });
      this.#c.metrics?.sliverBytesStored.inc(e.data.length);
      result.slivers++;
    }
    const stats = this.#c.store.pending.stats();
    this.#c.metrics?.pendingUploads.set(stats.entries);
    this.#c.metrics?.pendingBytes.set(stats.bytes);
    return result;
  }

  /** Wakes confirmation requests waiting for `blobId`'s registration (called by the event follower). */
  notifyRegistered(blobId: Uint8Array): void {
    const set = this.#waiters.get(hex(blobId));
    if (!set) return;
    this.#waiters.delete(hex(blobId));
    for (const w of set) w();
  }

  async #waitForRegistration(blobId: Uint8Array, ms: number, signal?: AbortSignal): Promise<void> {
    const key = hex(blobId);
    await new Promise<void>((resolve) => {
      let set = this.#waiters.get(key);
      if (!set) this.#waiters.set(key, (set = new Set()));
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0 && this.#waiters.get(key) === set) this.#waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  #checkRegisteredFor(blobId: Uint8Array, persistence: BlobPersistence): boolean {
    const info = this.#c.store.blobInfo.getBlobInfo(blobId);
    if (info?.invalid) throw new BlobInvalidError(blobIdToString(blobId));
    if (!isRegistered(info, this.#c.committee.epoch)) return false;
    return persistence.kind === 'permanent' ? info.permanentTotal > 0 : info.deletableTotal > 0;
  }

  /**
   * A signed storage confirmation for `blobId` with `persistence`, in the current epoch. Waits up to
   * `waitForRegistrationMs` (capped by the service's maximum) for the registration to be seen.
   * For a deletable blob the Blob object is checked on chain (ID, deletable, not expired).
   * @throws BlobNotRegisteredError, BlobInvalidError, ShardNotAssignedError (not a committee member),
   *   MetadataNotStoredError, NotAllSliversStoredError
   */
  async getConfirmation(
    blobId: Uint8Array,
    persistence: BlobPersistence,
    opts: { waitForRegistrationMs?: number; signal?: AbortSignal } = {},
  ): Promise<SignedMessage> {
    this.#checkBlobId(blobId);
    const idText = blobIdToString(blobId);
    if (!this.#checkRegisteredFor(blobId, persistence)) {
      const wait = Math.min(opts.waitForRegistrationMs ?? 0, this.#maxWaitMs);
      if (wait > 0) await this.#waitForRegistration(blobId, wait, opts.signal);
      if (!this.#checkRegisteredFor(blobId, persistence)) throw new BlobNotRegisteredError(idText);
    }
    const view = this.#c.committee.view;
    if (persistence.kind === 'deletable') {
      const objectId = `0x${hex(persistence.objectId)}`;
      let ok = false;
      try {
        const blob = await this.#c.chain.getBlob(objectId, { signal: opts.signal });
        ok = blob.blobId === idText && blob.deletable && blob.storage.endEpoch > view.epoch;
      } catch (err) {
        this.#log('deletable blob object %s not usable - %e', objectId, err);
      }
      if (!ok) throw new BlobNotRegisteredError(idText);
    }
    if (view.ownedShards.size === 0) {
      throw new ShardNotAssignedError(-1, view.epoch, `this node owns no shards in epoch ${view.epoch}`);
    }
    if (!this.#c.store.metadata.hasMetadata(blobId)) throw new MetadataNotStoredError(idText);
    let missing = 0;
    for (const shard of view.ownedShards) {
      for (const axis of ['primary', 'secondary'] as const) {
        if (!this.#c.store.slivers.hasSliver({ blobId, shard, axis })) missing++;
      }
    }
    if (missing > 0) {
      throw new NotAllSliversStoredError(
        `${missing} slivers of the ${view.ownedShards.size} owned shards are not stored for blob ${idText}`,
      );
    }
    const signed = this.#c.signer.signStorageConfirmation(view.epoch, blobId, persistence);
    this.#c.metrics?.confirmationsSigned.inc({ persistence: persistence.kind });
    return signed;
  }

  async #withSymbolPermit<T>(fn: () => T): Promise<T> {
    if (this.#activeSymbolRequests >= this.#maxSymbolRequests) {
      throw new ServiceUnavailableError('too many symbol requests in progress; retry later');
    }
    this.#activeSymbolRequests++;
    try {
      // Yield once so concurrent requests see each other's permits.
      await Promise.resolve();
      return fn();
    } finally {
      this.#activeSymbolRequests--;
    }
  }

  /** Shards whose slivers this node may hold: owned now, or owned in the previous epoch. */
  #heldShards(): number[] {
    const v = this.#c.committee.view;
    return [...new Set([...v.ownedShards, ...v.previousShards])].sort((a, b) => a - b);
  }

  #loadSliver(blobId: Uint8Array, shard: number, axis: SliverType): Sliver | undefined {
    const bytes = this.#c.store.slivers.getSliver({ blobId, shard, axis });
    return bytes ? parseSliverData(bytes, axis) : undefined;
  }

  /**
   * Recovery symbols (with Merkle proofs) from this node's slivers, BCS `Vec<GeneralRecoverySymbol>`.
   * `proofAxis` is the axis of the source slivers (whose trees hold the proofs); for a by-target query it
   * must be the target's orthogonal axis.
   * @throws InvalidRequestError, NotFoundError (none available), ServiceUnavailableError (too busy)
   * @see spec §3.1
   */
  getRecoverySymbols(
    blobId: Uint8Array,
    query: RecoverySymbolsQuery,
    proofAxis?: SliverType,
  ): Promise<Uint8Array> {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    return this.#withSymbolPermit(() => {
      const expansions = new Map<string, SliverExpansion | null>();
      const expansionOf = (axis: SliverType, sliverIndex: number): SliverExpansion | null => {
        const key = `${axis}:${sliverIndex}`;
        let e = expansions.get(key);
        if (e === undefined) {
          const pair = axis === 'primary' ? sliverIndex : secondarySliverIndex(sliverIndex, n);
          const shard = shardOfPair(pair, blobId, n);
          const held = this.#c.committee.ownsShard(shard) || this.#c.committee.view.previousShards.has(shard);
          const sliver = held ? this.#loadSliver(blobId, shard, axis) : undefined;
          e = sliver ? new SliverExpansion(sliver, n) : null;
          expansions.set(key, e);
        }
        return e;
      };
      const out: GeneralRecoverySymbol[] = [];
      if (query.kind === 'byTarget') {
        const { targetSliver, targetType } = query;
        if (!Number.isInteger(targetSliver) || targetSliver < 0 || targetSliver >= n) {
          throw new InvalidRequestError(`target sliver ${targetSliver} is outside [0, ${n})`);
        }
        const sourceAxis = orthogonalAxis(targetType);
        if (proofAxis !== undefined && proofAxis !== sourceAxis) {
          throw new InvalidRequestError(`proofs for a ${targetType} target come from ${sourceAxis} slivers`);
        }
        for (const shard of this.#heldShards()) {
          const pair = pairOfShard(shard, blobId, n);
          const e = expansionOf(sourceAxis, sliverIndexOf(pair, sourceAxis, n));
          if (e) out.push(recoverySymbolFromExpansion(e, targetSliver));
        }
      } else {
        if (query.ids.length === 0) throw new InvalidRequestError('no symbol IDs given');
        if (query.ids.length > this.#maxSymbolIds) {
          throw new InvalidRequestError(`at most ${this.#maxSymbolIds} symbol IDs per request`);
        }
        const seen = new Set<string>();
        for (const { row, column } of query.ids) {
          for (const [v, what] of [
            [row, 'row'],
            [column, 'column'],
          ] as const) {
            if (!Number.isInteger(v) || v < 0 || v >= n)
              throw new InvalidRequestError(`symbol ${what} ${v} out of range`);
          }
          if (seen.has(`${row}-${column}`)) continue;
          seen.add(`${row}-${column}`);
          // Row r is primary sliver r (proof leaf = column); column c is secondary sliver c (leaf = row).
          const fromPrimary = proofAxis !== 'secondary' ? expansionOf('primary', row) : null;
          if (fromPrimary) {
            out.push(recoverySymbolFromExpansion(fromPrimary, column));
            continue;
          }
          const fromSecondary = proofAxis !== 'primary' ? expansionOf('secondary', column) : null;
          if (fromSecondary) out.push(recoverySymbolFromExpansion(fromSecondary, row));
        }
      }
      if (out.length === 0)
        throw new NotFoundError(`recovery symbols of blob ${blobIdToString(blobId)}`, 'SYMBOLS_NOT_FOUND');
      return serializeGeneralRecoverySymbols(out);
    });
  }

  /**
   * Proof-less recovery symbols from this node's source slivers (the axis orthogonal to `targetType`) for
   * many target slivers at once: the batched exchange of shared/protocol/symbol-batch.ts. The requester
   * checks what it rebuilds against the metadata, so no Merkle tree is built here; targets inside a source
   * sliver's systematic part are copied from it, others cost one RS expansion per source.
   * @param targets target sliver indices (1..n, distinct, each below n)
   * @param sources source sliver indices wanted (ascending); undefined = every source this node holds
   * @returns BCS SymbolBatch (sources served ascending; data target-major, S bytes per symbol)
   * @throws InvalidRequestError (bad targets, response above MAX_SYMBOL_BATCH_BYTES), NotFoundError (no
   *   wanted source held), ServiceUnavailableError (too busy)
   * @see spec §3.1
   */
  getSymbolBatch(
    blobId: Uint8Array,
    targetType: SliverType,
    targets: readonly number[],
    sources?: readonly number[],
  ): Promise<Uint8Array> {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    if (targets.length === 0 || targets.length > n) {
      throw new InvalidRequestError(`give between 1 and ${n} target slivers`);
    }
    const distinct = new Set<number>();
    for (const t of targets) {
      if (!Number.isInteger(t) || t < 0 || t >= n)
        throw new InvalidRequestError(`target sliver ${t} out of range`);
      if (distinct.has(t)) throw new InvalidRequestError(`target sliver ${t} appears twice`);
      distinct.add(t);
    }
    return this.#withSymbolPermit(() => {
      const sourceAxis = orthogonalAxis(targetType);
      const wanted = sources ? new Set(sources) : undefined;
      const held: Sliver[] = [];
      for (const shard of this.#heldShards()) {
        const index = sliverIndexOf(pairOfShard(shard, blobId, n), sourceAxis, n);
        if (wanted && !wanted.has(index)) continue;
        const s = this.#loadSliver(blobId, shard, sourceAxis);
        if (s && s.index === index) held.push(s);
      }
      if (held.length === 0)
        throw new NotFoundError(`recovery symbols of blob ${blobIdToString(blobId)}`, 'SYMBOLS_NOT_FOUND');
      held.sort((a, b) => a.index - b.index);
      const S = held[0].symbolSize;
      const size = targets.length * held.length * S;
      if (size > MAX_SYMBOL_BATCH_BYTES) {
        throw new InvalidRequestError(
          `${targets.length} targets x ${held.length} sources x ${S} B exceeds ${MAX_SYMBOL_BATCH_BYTES} B; ask for fewer`,
        );
      }
      // One batched RS encode for all sources (none when every target is systematic).
      const data = symbolsAt(held, targets, n);
      return serializeSymbolBatch({ symbolSize: S, sources: held.map((s) => s.index), data });
    });
  }

  /**
   * Decoding symbols (no proofs) for the given target slivers, BCS `BTreeMap<u16, Vec<EitherDecodingSymbol>>`.
   * @throws InvalidRequestError, NotFoundError, ServiceUnavailableError
   */
  getDecodingSymbols(
    blobId: Uint8Array,
    targetSlivers: readonly number[],
    targetType: SliverType,
  ): Promise<Uint8Array> {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    if (targetSlivers.length === 0 || targetSlivers.length > n) {
      throw new InvalidRequestError(`give between 1 and ${n} target slivers`);
    }
    return this.#withSymbolPermit(() => {
      const sourceAxis = orthogonalAxis(targetType);
      const sources: SliverExpansion[] = [];
      for (const shard of this.#heldShards()) {
        const pair = pairOfShard(shard, blobId, n);
        const s = this.#loadSliver(blobId, shard, sourceAxis);
        if (s && s.index === sliverIndexOf(pair, sourceAxis, n)) sources.push(new SliverExpansion(s, n));
      }
      if (sources.length === 0)
        throw new NotFoundError(`decoding symbols of blob ${blobIdToString(blobId)}`, 'SYMBOLS_NOT_FOUND');
      const map = new Map<number, EitherDecodingSymbol[]>();
      for (const t of targetSlivers) {
        if (!Number.isInteger(t) || t < 0 || t >= n)
          throw new InvalidRequestError(`target sliver ${t} out of range`);
        map.set(
          t,
          sources.map((e) => ({ axis: targetType, index: e.sliver.index, data: e.symbol(t).slice() })),
        );
      }
      return DecodingSymbolMapBcs.serialize(map).toBytes();
    });
  }

  /**
   * Verifies an inconsistency proof (BCS `InconsistencyProof`) for a sliver of `axis` against the stored
   * metadata and returns a signed InvalidBlobIdMsg for the current epoch.
   * @throws MalformedRequestError, MetadataNotStoredError, ProofNotValidError
   * @see spec §3.3
   */
  postInconsistencyProof(blobId: Uint8Array, axis: SliverType, proofBytes: Uint8Array): SignedMessage {
    this.#checkBlobId(blobId);
    const n = this.#nShards();
    let proof;
    try {
      proof = parseInconsistencyProof(proofBytes);
    } catch (err) {
      if (err instanceof WalrusTsError)
        throw new MalformedRequestError(`inconsistency proof: ${err.message}`, { cause: err });
      throw err;
    }
    const metadata = this.#storedMetadata(blobId);
    if (!metadata) throw new MetadataNotStoredError(blobIdToString(blobId));
    try {
      verifyInconsistencyProof(axis, proof, metadata, n);
    } catch (err) {
      if (err instanceof WalrusTsError)
        throw new ProofNotValidError(`inconsistency proof rejected: ${err.message}`, { cause: err });
      throw err;
    }
    return this.#c.signer.signInvalidBlobId(this.#c.committee.epoch, blobId);
  }

  /** The blob's status as this node sees it (spec §4 `BlobStatus`). */
  blobStatus(blobId: Uint8Array): BlobStatus {
    this.#checkBlobId(blobId);
    return toBlobStatus(this.#c.store.blobInfo.getBlobInfo(blobId), this.#c.committee.epoch);
  }

  /**
   * One page of a shard for its new owner (BCS `SyncShardResponse`), from a BCS `SignedMessage` whose
   * message is a SyncShard request (intent 3) of the current epoch, signed by a current member that owns
   * the shard. This node must hold the shard (owned now or in the previous epoch).
   * @throws MalformedRequestError, InvalidRequestError, RequestNotAuthorizedError, ShardNotAssignedError
   * @see spec §3.4
   */
  syncShard(signedBytes: Uint8Array): Uint8Array {
    const n = this.#nShards();
    let signed: SignedMessage;
    let request;
    let msgEpoch: number;
    try {
      signed = parseBcs(SignedMessageBcs, signedBytes);
      ({ epoch: msgEpoch, request } = decodeSyncShardMessage(signed.serializedMessage));
    } catch (err) {
      if (err instanceof WalrusTsError)
        throw new MalformedRequestError(`sync shard request: ${err.message}`, { cause: err });
      throw err;
    }
    const view = this.#c.committee.view;
    if (msgEpoch !== view.epoch || request.epoch !== view.epoch) {
      throw new InvalidRequestError(
        `sync shard request for epoch ${request.epoch}, current epoch is ${view.epoch}`,
      );
    }
    if (request.shardIndex >= n) throw new InvalidRequestError(`shard ${request.shardIndex} out of range`);
    const signers = this.#c.committee.ownersOf(request.shardIndex);
    if (!signers.some((m) => blsVerify(signed.signature, signed.serializedMessage, m.publicKey))) {
      throw new RequestNotAuthorizedError('the request is not signed by the current owner of the shard');
    }
    if (!this.#c.committee.ownsShard(request.shardIndex) && !view.previousShards.has(request.shardIndex)) {
      throw new ShardNotAssignedError(
        request.shardIndex,
        view.epoch,
        `this node does not hold shard ${request.shardIndex}`,
      );
    }
    const limit = Number(
      request.sliverCount < BigInt(this.#maxSyncSlivers) ? request.sliverCount : BigInt(this.#maxSyncSlivers),
    );
    const axis: SliverType = request.sliverType === 0 ? 'primary' : 'secondary';
    const page = this.#c.store.slivers.listSlivers({
      shard: request.shardIndex,
      axis,
      from: request.startingBlobId,
      limit,
    });
    const parts: Uint8Array[] = [];
    let bytes = 0;
    let count = 0;
    for (const s of page) {
      if (count > 0 && bytes + s.data.length > this.#maxSyncBytes) break;
      const invalid = this.#c.store.blobInfo.getBlobInfo(s.blobId)?.invalid;
      if (invalid) continue;
      const entry = new Uint8Array(33 + s.data.length);
      entry.set(s.blobId, 0);
      entry[32] = request.sliverType;
      entry.set(s.data, 33);
      parts.push(entry);
      bytes += entry.length;
      count++;
    }
    // enum tag V1 = 0, then ULEB128 vector length.
    const head: number[] = [0];
    for (let v = count; ; v = Math.floor(v / 128)) {
      if (v < 128) {
        head.push(v);
        break;
      }
      head.push((v % 128) | 0x80);
    }
    const out = new Uint8Array(head.length + bytes);
    out.set(head, 0);
    let o = head.length;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /**
   * The node's health report (spec §4 `ServiceHealthInfo`), plus the walrus-ts extensions `version` and,
   * when the `peers` option is set, `peers`.
   * @param detailed include per-shard statuses
   */
  health(detailed = false): ServiceHealthInfo {
    const view = this.#c.committee.view;
    const up = Date.now() - this.#startedAt;
    const cursor = this.#c.store.cursor.getEventCursor();
    const statuses = new Map(this.#c.store.shards.listShardStatus().map((r) => [r.shard, r.status]));
    const counts = { unknown: 0, ready: 0, inTransfer: 0, inRecovery: 0 };
    let readOnly = 0;
    const owned: { shard: number; status: 'unknown' | 'ready' | 'inTransfer' | 'inRecovery' | 'readOnly' }[] =
      [];
    for (const shard of [...view.ownedShards].sort((a, b) => a - b)) {
      const s = statuses.get(shard) ?? 'unknown';
      const st = s === 'removed' ? 'unknown' : s;
      if (st === 'readOnly') readOnly++;
      else counts[st]++;
      owned.push({ shard, status: st });
    }
    const info: ServiceHealthInfo = {
      uptime: { secs: Math.floor(up / 1000), nanos: (up % 1000) * 1_000_000 },
      epoch: view.epoch,
      publicKey: Buffer.from(this.#c.signer.publicKey).toString('base64'),
      nodeStatus: this.#nodeStatus(),
      eventProgress: {
        persisted: cursor?.eventIndex ?? 0,
        pending: 0,
        highestFinishedEventIndex: cursor ? cursor.eventIndex - 1 : null,
      },
      shardSummary: { owned: view.ownedShards.size, ownedShardStatus: counts, readOnly },
      version: WALRUS_TS_VERSION,
    };
    if (this.#peers) info.peers = this.#peers();
    if (detailed) {
      const other = [...statuses.entries()]
        .filter(([s, st]) => !view.ownedShards.has(s) && st !== 'removed')
        .map(([shard, st]) => ({
          shard,
          status: st as 'unknown' | 'ready' | 'inTransfer' | 'inRecovery' | 'readOnly',
        }));
      info.shardDetail = { owned, other };
    }
    return info;
  }
}
