/**
 * Blob sync: a node that lacks slivers of a certified blob it should hold (it was offline during the
 * write, it is a shard's new owner, its disk was lost) fetches and verifies the metadata from other nodes,
 * then rebuilds each missing sliver from recovery symbols of other nodes.
 *
 * Per blob (spec §3.2):
 * 1. check the blob is certified and live (node's blob info; the chain when a gossip hint came first);
 * 2. metadata: stored, or fetched from members in weighted random order and verified against the blob ID;
 * 3. for every owned shard's missing sliver, **secondary slivers first** (they need only R = n-2f symbols,
 *    and once stored they serve as local sources for the primary ones):
 *    a. optimistic path: own slivers of the other axis, then exactly the missing number of source slivers
 *       planned over members (random order weighted by shards), one proof-less symbol batch request per
 *       member for every target of the axis (shared/protocol/symbol-batch.ts); one batched decode; each
 *       rebuilt sliver is stored only if its root equals the metadata's sliver hash;
 *    b. verified path, for what (a) did not rebuild: recovery symbols with Merkle proofs (own slivers
 *       first, then members in waves sized by the symbols still missing), each proof verified against the
 *       metadata, decode, check the root;
 * 4. a root mismatch on the verified path means the blob is inconsistent: the inconsistency proof goes to
 *    the reporter (./invalid-blob.ts) instead of storing anything. A mismatch on the optimistic path only
 *    means some peer sent a wrong symbol: it never stores a sliver nor blames the blob.
 *
 * A blob seen certified while its upload to this node is under way (metadata stored, slivers missing) is
 * first given `uploadGraceMs` for the writer's slivers to arrive; only what is still missing then is rebuilt.
 *
 * Progress is persisted: the queue of blobs lives in the store (`sync_blobs`), each rebuilt sliver is
 * stored durably at once, so after a restart the worker resumes the queue and redoes only missing slivers.
 * Failed attempts back off exponentially. Concurrency is bounded (blobs at once, slivers per blob, and
 * requests per peer in ./peers.ts).
 *
 * @see spec §3.1, §3.2; W `node/blob_sync.rs`
 */
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import { parseBlobMetadata } from '../../shared/bcs/blob.ts';
import { parseSliverData, serializeSliverData } from '../../shared/bcs/sliver.ts';
import { blobIdToString } from '../../shared/encoding/blob-id.ts';
import { verifyMetadata } from '../../shared/encoding/metadata.ts';
import { pairOfShard, secondarySliverIndex } from '../../shared/encoding/params.ts';
import { metadataSymbolSize, sliverHash } from '../../shared/encoding/metadata.ts';
import { nodesEqual } from '../../shared/encoding/merkle.ts';
import {
  decodeSliversFromBand,
  recoverSliver,
  symbolsAt,
  recoverySymbolFromExpansion,
  recoverySymbolsRequired,
  verifyRecoverySymbol,
} from '../../shared/encoding/recovery.ts';
import { SliverExpansion, sliverRoots } from '../../shared/encoding/sliver.ts';
import {
  orthogonalAxis,
  type BlobMetadata,
  type InconsistencyProof,
  type RecoverySymbol,
  type Sliver,
  type SliverAxis,
} from '../../shared/encoding/types.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type { BlobRecoveryOutcome, GossipBody } from '../../shared/protocol/gossip.ts';
import type { ChainReader, CommitteeMember } from '../chain/types.ts';
import type { CommitteeView } from '../service/committee/tracker.ts';
import type { BlobSyncEntry, BlobSyncReason } from '../storage/repositories/sync-progress.ts';
import type { NodeStore } from '../storage/store.ts';
import {
  BlobNotCertifiedError,
  MetadataUnavailableError,
  NotEnoughSymbolsError,
  SyncError,
} from './errors.ts';
import type { SyncMetrics } from './metrics.ts';
import type { SyncPeers } from './peers.ts';
import { isShardTaskDone } from './shard-task.ts';

/** What blob sync needs. */
export interface BlobSyncComponents {
  store: Pick<NodeStore, 'blobInfo' | 'metadata' | 'slivers' | 'syncProgress' | 'transaction'>;
  committee: { readonly view: CommitteeView };
  peers: Pick<SyncPeers, 'order' | 'fetchMetadata' | 'fetchRecoverySymbols' | 'fetchSymbolBatch'>;
  /** Used when a gossip hint arrives before the chain event: the chain says whether the blob is certified. */
  chain?: Pick<ChainReader, 'getBlobIdInfo'>;
  /** Receives inconsistency proofs (./invalid-blob.ts). */
  inconsistency?: {
    report(
      blobId: Uint8Array,
      axis: SliverAxis,
      proof: InconsistencyProof,
      signal?: AbortSignal,
    ): Promise<unknown>;
  };
  /** Recovery progress announcements. */
  gossip?: { publish(body: GossipBody): Promise<number> };
  logger: ComponentLogger;
  metrics?: SyncMetrics;
}

/** Options of blob sync. */
export interface BlobSyncInit {
  /**
   * Blobs synced at once: enough that one blob's round trips overlap another's decoding (wiped node, n=10,
   * 48 x 1 MiB: main thread idle 10% with 2, 5% with 4).
   * @default 4
   */
  maxConcurrentBlobs?: number;
  /** Slivers of one blob rebuilt at once. @default 4 */
  maxConcurrentSlivers?: number;
  /** First retry delay after a failed attempt, ms (doubles each attempt). @default 1_000 */
  retryBaseMs?: number;
  /** Longest retry delay, ms. @default 60_000 */
  retryMaxMs?: number;
  /** Attempts after which a blob only hinted by gossip (never confirmed by the chain) is dropped. @default 5 */
  maxGossipAttempts?: number;
  /** Publish blob recovery started/finished on the recovery topic. @default true */
  announce?: boolean;
  /**
   * Rebuild from proof-less symbol batches first (one request per source node for all target slivers of an
   * axis; each rebuilt sliver is checked against the metadata, and only mismatches are refetched with
   * proofs). False: every symbol is fetched with its Merkle proof.
   * @default true
   */
  optimistic?: boolean;
  /** Most symbol bytes asked of one node in one batch request (targets are split above it). @default 16 MiB */
  maxBatchBytes?: number;
  /**
   * Longest wait, after a blob is seen certified (chain event or gossip), for an upload to this node that
   * is under way (its metadata is stored, slivers are missing) before recovering what is still missing:
   * the writer's slivers usually arrive moments later, and recovering them meanwhile costs the whole
   * committee symbol traffic and CPU. Checked every `uploadGraceCheckMs`; done early when every owned
   * sliver arrived. 0 = recover at once.
   * @default 10_000
   */
  uploadGraceMs?: number;
  /** Interval of the checks during the upload grace, ms. @default 500 */
  uploadGraceCheckMs?: number;
}

/** Counters of how slivers were rebuilt (for the recovery benchmark and tests). */
export interface BlobSyncStats {
  /** Slivers rebuilt from proof-less symbol batches and matching the metadata. */
  batchRebuilt: number;
  /** Slivers rebuilt from proof-less symbols that did NOT match the metadata (then refetched with proofs). */
  batchMismatches: number;
  /** Slivers rebuilt from proof-verified symbols. */
  verifiedRebuilt: number;
  /** Blobs whose missing slivers all arrived from the writer during the upload grace (nothing rebuilt). */
  graceSaved: number;
}

/** Outcome of syncing one blob. */
export interface BlobSyncResult {
  /** `complete`: every owned sliver is stored; `notNeeded`: dead blob or no owned shard; `inconsistent`. */
  outcome: 'complete' | 'notNeeded' | 'inconsistent';
  /** Slivers rebuilt by this call. */
  recovered: number;
}

/** Options of {@link BlobSync.syncBlob}. */
export interface SyncBlobOptions {
  /** Only these shards (default: every shard owned in the current epoch). */
  shards?: readonly number[];
  signal?: AbortSignal;
}

interface Target {
  shard: number;
  pair: number;
  axis: SliverAxis;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length && firstError === undefined) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        firstError ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError !== undefined) throw firstError;
}

class InconsistentBlob {
  readonly axis: SliverAxis;
  readonly proof: InconsistencyProof;
  constructor(axis: SliverAxis, proof: InconsistencyProof) {
    this.axis = axis;
    this.proof = proof;
  }
}

/** The blob sync worker and the per-blob algorithm. */
export class BlobSync implements Startable {
  readonly #c: BlobSyncComponents;
  readonly #log: Logger;
  readonly #maxBlobs: number;
  readonly #maxSlivers: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #maxGossipAttempts: number;
  readonly #announce: boolean;
  readonly #optimistic: boolean;
  readonly #maxBatchBytes: number;
  readonly #graceMs: number;
  readonly #graceCheckMs: number;
  /** Blobs in their upload grace: hex blob ID -> deadline (ms). In memory: a restart recovers at once. */
  readonly #grace = new Map<string, number>();
  readonly stats: BlobSyncStats = { batchRebuilt: 0, batchMismatches: 0, verifiedRebuilt: 0, graceSaved: 0 };
  readonly #active = new Map<string, Promise<void>>();
  readonly #listeners = new Set<(blobId: Uint8Array, result: BlobSyncResult | Error) => void>();
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(components: BlobSyncComponents, init: BlobSyncInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:sync:blob');
    this.#maxBlobs = init.maxConcurrentBlobs ?? 4;
    this.#maxSlivers = init.maxConcurrentSlivers ?? 4;
    this.#retryBaseMs = init.retryBaseMs ?? 1_000;
    this.#retryMaxMs = init.retryMaxMs ?? 60_000;
    this.#maxGossipAttempts = init.maxGossipAttempts ?? 5;
    this.#announce = init.announce ?? true;
    this.#optimistic = init.optimistic ?? true;
    this.#maxBatchBytes = init.maxBatchBytes ?? 16 * 1024 * 1024;
    this.#graceMs = init.uploadGraceMs ?? 10_000;
    this.#graceCheckMs = Math.max(1, init.uploadGraceCheckMs ?? 500);
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/blob-sync';

  async start(): Promise<void> {
    if (this.#loop) return;
    this.#abort = new AbortController();
    this.#loop = this.#run(this.#abort.signal);
  }

  async stop(): Promise<void> {
    this.#abort?.abort();
    this.#wake?.();
    await this.#loop;
    await Promise.allSettled([...this.#active.values()]);
    this.#loop = undefined;
    this.#abort = undefined;
  }

  /** Blobs waiting in the persisted queue (including those in progress). */
  get queued(): number {
    return this.#c.store.syncProgress.countBlobs();
  }

  /** Blobs being synced right now. */
  get inProgress(): number {
    return this.#active.size;
  }

  /**
   * Queues `blobId` for sync (persisted; no-op when already queued) and wakes the worker.
   * @returns true when newly queued
   */
  enqueue(blobId: Uint8Array, reason: BlobSyncReason): boolean {
    // A certified blob whose upload to this node is under way gets a grace period (see `uploadGraceMs`).
    const now = Date.now();
    const grace =
      (reason === 'certified' || reason === 'gossip') &&
      this.#graceMs > 0 &&
      this.#c.store.metadata.hasMetadata(blobId);
    const added = this.#c.store.syncProgress.enqueueBlob({
      blobId,
      reason,
      epoch: this.#c.committee.view.epoch,
      nowMs: grace ? now + Math.min(this.#graceCheckMs, this.#graceMs) : now,
    });
    if (added && grace) this.#grace.set(hex(blobId), now + this.#graceMs);
    if (added) {
      this.#c.metrics?.queue.set(this.queued);
      this.#wake?.();
    }
    return added;
  }

  /** Drops `blobId` from the queue (it became invalid, deleted or expired). */
  cancel(blobId: Uint8Array): void {
    this.#grace.delete(hex(blobId));
    this.#c.store.syncProgress.finishBlob(blobId);
  }

  /** Calls `listener` after each finished attempt (result, or the error of a failed one). */
  onSynced(listener: (blobId: Uint8Array, result: BlobSyncResult | Error) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The owned slivers of `blobId` that are missing here (shard, pair, axis), for shards owned in the
   * current epoch (or `shards`).
   */
  missingSlivers(blobId: Uint8Array, shards?: readonly number[]): Target[] {
    const view = this.#c.committee.view;
    const n = view.nShards;
    const out: Target[] = [];
    // By default, shards being pulled from their previous owner are left to the transfer (./shard-sync.ts).
    const candidates =
      shards ?? [...view.ownedShards].filter((s) => !this.#leftToTransfer(s, view)).sort((a, b) => a - b);
    for (const shard of candidates) {
      const pair = pairOfShard(shard, blobId, n);
      for (const axis of ['secondary', 'primary'] as const) {
        if (!this.#c.store.slivers.hasSliver({ blobId, shard, axis })) out.push({ shard, pair, axis });
      }
    }
    return out;
  }

  /**
   * True when `shard` is (or is about to be) pulled from its previous owner: a transfer task of this epoch
   * not yet done, or, before the task exists, a shard new to this node during an epoch change whose previous
   * owner is another node.
   */
  #leftToTransfer(shard: number, view: CommitteeView): boolean {
    const t = this.#c.store.syncProgress.getShardTask(shard);
    if (t) return t.mode === 'transfer' && t.epoch === view.epoch && !isShardTaskDone(t);
    if (!view.previous || view.epochState.kind !== 'EpochChangeSync' || view.previousShards.has(shard))
      return false;
    return view.previous.members.some((m) => m.shards.includes(shard) && m.nodeId !== view.self?.nodeId);
  }

  /** Whether the blob is certified and live: from blob info, else from the chain; undefined = unknown yet. */
  async #isLive(blobId: Uint8Array, signal?: AbortSignal): Promise<boolean | undefined> {
    const epoch = this.#c.committee.view.epoch;
    const info = this.#c.store.blobInfo.getBlobInfo(blobId);
    if (info) {
      if (info.invalid || info.state === 'deleted' || info.endEpoch <= epoch) return false;
      if (info.certifiedEpoch !== null) return true;
    }
    if (!this.#c.chain) return undefined;
    const onChain = await this.#c.chain.getBlobIdInfo(blobIdToString(blobId), { signal });
    if (onChain.invalidated) return false;
    const live = onChain.objects.filter((o) => o.storage.endEpoch > epoch);
    if (live.some((o) => o.certifiedEpoch !== null)) return true;
    return undefined;
  }

  /**
   * Stored metadata of `blobId`, or metadata fetched from members (weighted random order), verified
   * against the blob ID and stored.
   * @throws MetadataUnavailableError
   */
  async ensureMetadata(blobId: Uint8Array, signal?: AbortSignal): Promise<BlobMetadata> {
    const stored = this.#c.store.metadata.getMetadata(blobId);
    if (stored) return parseBlobMetadata(stored);
    const view = this.#c.committee.view;
    const members = this.#members(view);
    let tried = 0;
    for (const m of this.#c.peers.order(members)) {
      signal?.throwIfAborted();
      tried++;
      try {
        const { metadata, bytes } = await this.#c.peers.fetchMetadata(m, blobId, signal);
        verifyMetadata({ blobId, metadata }, view.nShards);
        this.#c.store.metadata.putMetadata(blobId, bytes.slice());
        return metadata;
      } catch (err) {
        if (signal?.aborted) throw err;
        this.#log.trace('metadata of %s from %s unusable - %e', blobIdToString(blobId), m.name, err);
      }
    }
    throw new MetadataUnavailableError(blobIdToString(blobId), tried);
  }

  /** Members that may hold data: the current committee, plus the previous one during an epoch change. */
  #members(view: CommitteeView): CommitteeMember[] {
    const byPeer = new Map<string, CommitteeMember>();
    for (const m of view.previous?.members ?? []) byPeer.set(m.peerId, m);
    for (const m of view.current.members) {
      const prev = byPeer.get(m.peerId);
      byPeer.set(m.peerId, prev && prev.weight > m.weight ? { ...m, weight: prev.weight } : m);
    }
    return [...byPeer.values()];
  }

  /**
   * Syncs one blob now (see the module steps). Idempotent: stored slivers are skipped.
   * @throws BlobNotCertifiedError (not known certified yet), MetadataUnavailableError,
   *   NotEnoughSymbolsError, the signal's reason
   */
  async syncBlob(blobId: Uint8Array, opts: SyncBlobOptions = {}): Promise<BlobSyncResult> {
    const live = await this.#isLive(blobId, opts.signal);
    if (live === false) return { outcome: 'notNeeded', recovered: 0 };
    if (live === undefined) throw new BlobNotCertifiedError(blobIdToString(blobId));
    const targets = this.missingSlivers(blobId, opts.shards);
    if (targets.length === 0) {
      if (this.#c.committee.view.ownedShards.size === 0) return { outcome: 'notNeeded', recovered: 0 };
      return { outcome: 'complete', recovered: 0 };
    }
    const metadata = await this.ensureMetadata(blobId, opts.signal);
    await this.#announceBody({ kind: 'blobRecoveryStarted', blobId, slivers: targets.length });
    let recovered = 0;
    let outcome: BlobRecoveryOutcome = 'failed';
    try {
      const sources = new Map<string, SliverExpansion | null>();
      for (const axis of ['secondary', 'primary'] as const) {
        let left = targets.filter((t) => t.axis === axis);
        if (left.length === 0) continue;
        if (this.#optimistic) {
          const done = await this.#recoverBatch(blobId, metadata, axis, left, opts.signal);
          recovered += done.size;
          left = left.filter((t) => !done.has(t));
        }
        await mapLimit(left, this.#maxSlivers, async (t) => {
          await this.#recoverOne(blobId, metadata, t, sources, opts.signal);
          recovered++;
        });
      }
      outcome = 'recovered';
      return { outcome: 'complete', recovered };
    } catch (err) {
      if (err instanceof InconsistentBlob) {
        outcome = 'inconsistent';
        this.#log(
          'blob %s is inconsistent (%s sliver %d)',
          blobIdToString(blobId),
          err.axis,
          err.proof.targetSliverIndex,
        );
        await this.#c.inconsistency?.report(blobId, err.axis, err.proof, opts.signal);
        return { outcome: 'inconsistent', recovered };
      }
      throw err;
    } finally {
      await this.#announceBody({ kind: 'blobRecoveryFinished', blobId, outcome, slivers: recovered });
    }
  }

  async #announceBody(body: GossipBody): Promise<void> {
    if (this.#announce && this.#c.gossip) await this.#c.gossip.publish(body);
  }

  /** A local source sliver's expansion (own stored sliver of `axis` for `shard`), cached per blob. */
  #source(
    blobId: Uint8Array,
    shard: number,
    axis: SliverAxis,
    cache: Map<string, SliverExpansion | null>,
  ): SliverExpansion | null {
    const key = `${shard}:${axis}`;
    let e = cache.get(key);
    if (e !== undefined) return e;
    const bytes = this.#c.store.slivers.getSliver({ blobId, shard, axis });
    e = bytes ? new SliverExpansion(parseSliverData(bytes, axis), this.#c.committee.view.nShards) : null;
    cache.set(key, e);
    return e;
  }

  /** Holders of source slivers of `sourceAxis`: member -> source sliver indices it should hold. */
  #sourceHolders(
    blobId: Uint8Array,
    view: CommitteeView,
    sourceAxis: SliverAxis,
  ): Map<string, { member: CommitteeMember; indices: Set<number> }> {
    const n = view.nShards;
    const out = new Map<string, { member: CommitteeMember; indices: Set<number> }>();
    for (const m of this.#members(view)) out.set(m.peerId, { member: m, indices: new Set() });
    for (const c of [view.previous, view.current]) {
      for (const m of c?.members ?? []) {
        const h = out.get(m.peerId);
        if (!h) continue;
        for (const shard of m.shards) {
          const pair = pairOfShard(shard, blobId, n);
          h.indices.add(sourceAxis === 'primary' ? pair : secondarySliverIndex(pair, n));
        }
      }
    }
    return out;
  }

  /**
   * The optimistic path: rebuilds every target of `axis` from proof-less symbols. Sources: this node's own
   * slivers of the other axis, then exactly the missing number of source slivers, planned over members in
   * weighted random order, each asked once for all targets (split only above `maxBatchBytes`). Members that
   * fail or serve fewer sources are made up for by the next ones. Each rebuilt sliver is stored only when
   * its root equals the metadata's sliver hash (the metadata was verified against the blob ID, so a wrong
   * symbol cannot pass); the others are left to the verified path.
   * @returns the targets rebuilt and stored
   */
  async #recoverBatch(
    blobId: Uint8Array,
    metadata: BlobMetadata,
    axis: SliverAxis,
    targets: readonly Target[],
    signal?: AbortSignal,
  ): Promise<Set<Target>> {
    const view = this.#c.committee.view;
    const n = view.nShards;
    const S = metadataSymbolSize(metadata, n);
    const need = recoverySymbolsRequired(axis, n);
    const sourceAxis = orthogonalAxis(axis);
    const indices = targets.map((t) => (axis === 'primary' ? t.pair : secondarySliverIndex(t.pair, n)));
    // symbols[i]: source sliver index -> symbol for target i.
    const symbols = targets.map(() => new Map<number, Uint8Array>());
    const have = new Set<number>();
    const locals: Sliver[] = [];
    for (const shard of new Set([...view.ownedShards, ...view.previousShards])) {
      if (have.size >= need) break;
      const bytes = this.#c.store.slivers.getSliver({ blobId, shard, axis: sourceAxis });
      if (!bytes) continue;
      const sliver = parseSliverData(bytes, sourceAxis);
      if (sliver.symbolSize !== S || have.has(sliver.index)) continue;
      locals.push(sliver);
      have.add(sliver.index);
    }
    // One batched expansion of every local source for all targets.
    const block = symbolsAt(locals, indices, n);
    indices.forEach((_, ti) => {
      locals.forEach((sl, j) => {
        const at = (ti * locals.length + j) * S;
        symbols[ti].set(sl.index, block.subarray(at, at + S));
      });
    });
    // Remote sources, planned: each member is asked for the sources it holds that nobody supplied yet, the
    // last one of a wave only for as many as are still missing.
    const holders = this.#sourceHolders(blobId, view, sourceAxis);
    const order = this.#c.peers.order([...holders.values()].map((h) => h.member));
    const perRequest = Math.max(1, Math.floor(this.#maxBatchBytes / Math.max(1, S)));
    let next = 0;
    while (have.size < need && next < order.length) {
      signal?.throwIfAborted();
      const wave: { member: CommitteeMember; sources: number[] }[] = [];
      let planned = 0;
      while (next < order.length && have.size + planned < need) {
        const m = order[next++];
        const free = [...(holders.get(m.peerId)?.indices ?? [])].filter((i) => !have.has(i));
        if (free.length === 0) continue;
        const sources = free.sort((a, b) => a - b).slice(0, need - have.size - planned);
        wave.push({ member: m, sources });
        planned += sources.length;
      }
      const requests: Promise<void>[] = [];
      for (const { member, sources } of wave) {
        // targets x sources x S per request stays below maxBatchBytes.
        const chunk = Math.max(1, Math.floor(perRequest / sources.length));
        for (let from = 0; from < targets.length; from += chunk) {
          const part = indices.slice(from, from + chunk);
          requests.push(
            this.#c.peers
              .fetchSymbolBatch(member, blobId, axis, part, n, sources, signal)
              .then((batch) => {
                if (batch.symbolSize !== S) return;
                const m = batch.sources.length;
                part.forEach((_, pi) => {
                  const into = symbols[from + pi];
                  batch.sources.forEach((src, j) => {
                    into.set(src, batch.data.subarray((pi * m + j) * S, (pi * m + j + 1) * S));
                  });
                });
              })
              .catch((err: unknown) => {
                if (signal?.aborted) throw err;
                this.#log.trace('symbol batch from %s failed - %e', member.name, err);
              }),
          );
        }
      }
      await Promise.all(requests);
      // A source counts once every target has its symbol (a member may have failed one chunk).
      for (const { sources } of wave) {
        for (const src of sources) if (symbols.every((m) => m.has(src))) have.add(src);
      }
    }
    signal?.throwIfAborted();
    // Targets with the same k source positions share one batched decode (normally all of them).
    const groups = new Map<string, { positions: number[]; members: number[] }>();
    targets.forEach((_, ti) => {
      if (symbols[ti].size < need) return;
      const positions = [...symbols[ti].keys()].sort((a, b) => a - b).slice(0, need);
      const key = positions.join(',');
      const g = groups.get(key);
      if (g) g.members.push(ti);
      else groups.set(key, { positions, members: [ti] });
    });
    const decoded: { t: Target; sliver: Sliver }[] = [];
    for (const { positions, members } of groups.values()) {
      const w = members.length;
      const band = new Uint8Array(need * w * S);
      positions.forEach((p, q) => {
        members.forEach((ti, c) => band.set(symbols[ti].get(p)!, (q * w + c) * S));
      });
      const slivers = decodeSliversFromBand(
        axis,
        members.map((ti) => indices[ti]),
        positions,
        band,
        S,
        n,
      );
      members.forEach((ti, c) => decoded.push({ t: targets[ti], sliver: slivers[c] }));
    }
    const done = new Set<Target>();
    if (decoded.length === 0) return done;
    const roots = sliverRoots(
      decoded.map((d) => d.sliver),
      n,
    );
    const rows: { blobId: Uint8Array; shard: number; axis: SliverAxis; data: Uint8Array }[] = [];
    decoded.forEach(({ t, sliver }, i) => {
      if (!nodesEqual(roots[i], sliverHash(metadata, axis, sliver.index))) {
        this.stats.batchMismatches++;
        this.#c.metrics?.symbolBatchMismatches.inc({ axis });
        this.#log(
          '%s sliver %d of %s rebuilt from proof-less symbols does not match the metadata; refetching with proofs',
          axis,
          sliver.index,
          blobIdToString(blobId),
        );
        return;
      }
      rows.push({ blobId, shard: t.shard, axis, data: serializeSliverData(sliver) });
      done.add(t);
    });
    // One write + fdatasync off the event loop, committed with the other writes in flight.
    await this.#c.store.slivers.storeSlivers(rows);
    this.stats.batchRebuilt += rows.length;
    this.#c.metrics?.sliversRecovered.inc({ axis }, rows.length);
    return done;
  }

  async #recoverOne(
    blobId: Uint8Array,
    metadata: BlobMetadata,
    t: Target,
    sources: Map<string, SliverExpansion | null>,
    signal?: AbortSignal,
  ): Promise<void> {
    const view = this.#c.committee.view;
    const n = view.nShards;
    const index = t.axis === 'primary' ? t.pair : secondarySliverIndex(t.pair, n);
    const need = recoverySymbolsRequired(t.axis, n);
    const symbols = new Map<number, RecoverySymbol>();
    const sourceAxis = orthogonalAxis(t.axis);
    // Local sources: this node's own stored slivers of the other axis (verified when they were stored).
    for (const shard of new Set([...view.ownedShards, ...view.previousShards])) {
      if (symbols.size >= need) break;
      const e = this.#source(blobId, shard, sourceAxis, sources);
      if (!e) continue;
      const g = recoverySymbolFromExpansion(e, index);
      symbols.set(g.index, { index: g.index, data: g.data, proof: g.proof });
    }
    // Remote sources, in waves: ask members until their shard weight covers what is still missing.
    const order = this.#c.peers.order(this.#members(view));
    let next = 0;
    while (symbols.size < need && next < order.length) {
      signal?.throwIfAborted();
      const wave: CommitteeMember[] = [];
      let weight = 0;
      while (next < order.length && weight < need - symbols.size) {
        wave.push(order[next]);
        weight += order[next].weight;
        next++;
      }
      const results = await Promise.allSettled(
        wave.map((m) => this.#c.peers.fetchRecoverySymbols(m, blobId, t.axis, index, signal)),
      );
      for (const r of results) {
        if (r.status !== 'fulfilled') continue;
        for (const g of r.value) {
          if (g.axis !== t.axis || g.targetIndex !== index || symbols.has(g.index)) continue;
          const s: RecoverySymbol = { index: g.index, data: g.data, proof: g.proof };
          try {
            verifyRecoverySymbol(s, metadata, n, t.axis, index);
          } catch (err) {
            if (err instanceof WalrusTsError) continue;
            throw err;
          }
          symbols.set(g.index, s);
        }
      }
    }
    signal?.throwIfAborted();
    if (symbols.size < need) {
      throw new NotEnoughSymbolsError(
        `${t.axis} sliver ${index} of ${blobIdToString(blobId)}`,
        need,
        symbols.size,
      );
    }
    const result = recoverSliver(t.axis, index, symbols.values(), metadata, n, { verified: true });
    if (result.kind === 'inconsistent') throw new InconsistentBlob(t.axis, result.proof);
    const data = serializeSliverData(result.sliver);
    await this.#c.store.slivers.storeSlivers([{ blobId, shard: t.shard, axis: t.axis, data }]);
    this.stats.verifiedRebuilt++;
    sources.delete(`${t.shard}:${t.axis}`);
    this.#c.metrics?.sliversRecovered.inc({ axis: t.axis });
  }

  // ------------------------------------------------------------------ worker

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const free = this.#maxBlobs - this.#active.size;
      if (free > 0) {
        const due = this.#c.store.syncProgress
          .dueBlobs(Date.now(), free + this.#active.size)
          .filter((e) => !this.#active.has(hex(e.blobId)))
          .slice(0, free);
        for (const e of due) this.#startTask(e, signal);
      }
      const nextDue = this.#c.store.syncProgress.nextDueMs();
      const waitMs = nextDue === undefined ? 60_000 : Math.max(10, Math.min(60_000, nextDue - Date.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.#wake = done;
      });
      this.#wake = undefined;
    }
  }

  #startTask(e: BlobSyncEntry, signal: AbortSignal): void {
    const key = hex(e.blobId);
    const p = this.#process(e, signal).finally(() => {
      this.#active.delete(key);
      this.#wake?.();
    });
    this.#active.set(key, p);
  }

  /**
   * During a blob's upload grace: true (and the blob is re-queued for the next check) while owned slivers
   * are still missing and the deadline has not passed.
   */
  #inGrace(e: BlobSyncEntry): boolean {
    const key = hex(e.blobId);
    const deadline = this.#grace.get(key);
    if (deadline === undefined) return false;
    const now = Date.now();
    const missing = this.missingSlivers(e.blobId).length;
    if (missing > 0 && now < deadline) {
      this.#c.store.transaction(() => {
        this.#c.store.syncProgress.finishBlob(e.blobId);
        this.#c.store.syncProgress.enqueueBlob({
          blobId: e.blobId,
          reason: e.reason,
          epoch: e.epoch,
          nowMs: Math.min(deadline, now + this.#graceCheckMs),
        });
      });
      return true;
    }
    this.#grace.delete(key);
    if (missing === 0) this.stats.graceSaved++;
    return false;
  }

  async #process(e: BlobSyncEntry, signal: AbortSignal): Promise<void> {
    const id = blobIdToString(e.blobId);
    if (this.#inGrace(e)) return;
    try {
      const result = await this.syncBlob(e.blobId, { signal });
      this.#c.store.syncProgress.finishBlob(e.blobId);
      this.#c.metrics?.blobsSynced.inc({ outcome: result.outcome });
      if (result.recovered > 0)
        this.#log('blob %s: %s, %d slivers rebuilt', id, result.outcome, result.recovered);
      this.#emit(e.blobId, result);
    } catch (err) {
      if (signal.aborted) return;
      const error = err instanceof Error ? err : new Error(String(err));
      const attempts = e.attempts + 1;
      const giveUp =
        (err instanceof SyncError && !err.retryable) ||
        (err instanceof BlobNotCertifiedError &&
          e.reason === 'gossip' &&
          attempts >= this.#maxGossipAttempts);
      if (giveUp) {
        this.#c.store.syncProgress.finishBlob(e.blobId);
      } else {
        const delay = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** Math.min(20, e.attempts));
        this.#c.store.syncProgress.deferBlob(e.blobId, Date.now() + delay, error.message);
      }
      this.#c.metrics?.blobsSynced.inc({ outcome: 'failed' });
      this.#log(
        'sync of blob %s failed (attempt %d%s) - %s',
        id,
        attempts,
        giveUp ? ', dropped' : '',
        error.message,
      );
      this.#emit(e.blobId, error);
    } finally {
      this.#c.metrics?.queue.set(this.queued);
    }
  }

  #emit(blobId: Uint8Array, r: BlobSyncResult | Error): void {
    for (const l of this.#listeners) {
      try {
        l(blobId, r);
      } catch (err) {
        this.#log.error('blob sync listener failed - %e', err);
      }
    }
  }
}

/** Factory: `blobSync(init)(components)`. */
export function blobSync(init: BlobSyncInit = {}): (components: BlobSyncComponents) => BlobSync {
  return (components) => new BlobSync(components, init);
}
