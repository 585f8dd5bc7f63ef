/**
 * Shard sync at epoch change: when epoch e starts and this node owns shards it did not own in e-1, it pulls
 * each from its previous owner with signed, paged SyncShard requests (primary slivers, then secondary, in
 * blob ID order), verifies every sliver against the blob's metadata and stores it. When the previous owner
 * does not answer after `transferAttempts` tries, the shard is rebuilt blob by blob from recovery symbols
 * (blob sync). When every new shard is in place (or there was none), the node calls `epoch_sync_done`.
 *
 * Progress per shard (mode, axis, last blob ID) is persisted in `sync_shards`, so a restart resumes the
 * page after the last one stored. A finished shard's task stays, marked done, until the next epoch change.
 * Gossip: `shardTransferStarted`, `shardTransferFinished`, `epochSyncDone` (epoch topic) and
 * `shardRecovery*` (recovery topic).
 *
 * @see spec §3.4, §6.5; W `node/shard_sync.rs`
 */
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import { encodeSyncShardMessage, SignedMessageBcs, type SignedMessage } from '../../shared/bcs/messages.ts';
import { blobIdToString } from '../../shared/encoding/blob-id.ts';
import { pairOfShard, secondarySliverIndex } from '../../shared/encoding/params.ts';
import { verifySliver } from '../../shared/encoding/sliver.ts';
import type { SliverAxis } from '../../shared/encoding/types.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type { GossipBody } from '../../shared/protocol/gossip.ts';
import type { ChainWriter, CommitteeMember } from '../chain/types.ts';
import type { CommitteeView } from '../service/committee/tracker.ts';
import type { ShardSyncTask } from '../storage/repositories/sync-progress.ts';
import type { NodeStore } from '../storage/store.ts';
import type { BlobSync } from './blob-sync.ts';
import { NoChainWriterError, ShardTransferFailedError } from './errors.ts';
import { isShardTaskDone, SHARD_TASK_DONE_CURSOR } from './shard-task.ts';
import type { SyncMetrics } from './metrics.ts';
import type { SyncPeers } from './peers.ts';

export { isShardTaskDone, SHARD_TASK_DONE_CURSOR } from './shard-task.ts';

/** The next blob ID in byte order, or undefined after the last one. */
export function nextBlobId(blobId: Uint8Array): Uint8Array | undefined {
  const out = blobId.slice();
  for (let i = 31; i >= 0; i--) {
    if (out[i] < 0xff) {
      out[i]++;
      return out;
    }
    out[i] = 0;
  }
  return undefined;
}

/** What shard sync needs. */
export interface ShardSyncComponents {
  store: Pick<NodeStore, 'blobInfo' | 'slivers' | 'shards' | 'syncProgress' | 'transaction'>;
  committee: { readonly view: CommitteeView };
  peers: Pick<SyncPeers, 'fetchShardPage'>;
  /** Signs SyncShard requests with the node's BLS key. */
  signer: { signMessage(serializedMessage: Uint8Array): SignedMessage };
  blobSync: Pick<BlobSync, 'ensureMetadata' | 'syncBlob' | 'enqueue'>;
  /** Sends `epoch_sync_done` with this node's chain account. */
  chainWriter?: Pick<ChainWriter, 'epochSyncDone'>;
  gossip?: { publish(body: GossipBody): Promise<number> };
  /** Queues blobs still missing slivers once the transfers are done (./recovery.ts). */
  recovery?: { scan(): number };
  logger: ComponentLogger;
  metrics?: SyncMetrics;
}

/** Options of shard sync. */
export interface ShardSyncInit {
  /** Slivers asked per SyncShard page. @default 100 */
  pageSize?: number;
  /** Tries per page before the previous owner counts as unresponsive. @default 4 */
  transferAttempts?: number;
  /** First delay between tries, ms (doubles). @default 500 */
  retryBaseMs?: number;
  /** Shards transferred at once. @default 2 */
  maxConcurrentShards?: number;
  /** Blobs rebuilt at once per shard in recovery mode. @default 2 */
  recoveryConcurrency?: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Pulls newly owned shards at epoch change and reports epoch_sync_done. */
export class ShardSync implements Startable {
  readonly #c: ShardSyncComponents;
  readonly #log: Logger;
  readonly #pageSize: number;
  readonly #attempts: number;
  readonly #retryBaseMs: number;
  readonly #maxShards: number;
  readonly #recoveryConcurrency: number;
  #abort: AbortController | undefined;
  #running: { epoch: number; done: Promise<void> } | undefined;
  readonly #completed = new Set<number>();

  constructor(components: ShardSyncComponents, init: ShardSyncInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:sync:shard');
    this.#pageSize = init.pageSize ?? 100;
    this.#attempts = init.transferAttempts ?? 4;
    this.#retryBaseMs = init.retryBaseMs ?? 500;
    this.#maxShards = init.maxConcurrentShards ?? 2;
    this.#recoveryConcurrency = init.recoveryConcurrency ?? 2;
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/shard-sync';

  /** Resumes an epoch sync in progress (the chain is in EpochChangeSync and this node is a member). */
  async start(): Promise<void> {
    this.#abort = new AbortController();
    const view = this.#c.committee.view;
    if (view.epochState.kind === 'EpochChangeSync' && view.self) this.onEpochChangeStart(view.epoch);
  }

  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#running?.done;
    this.#running = undefined;
  }

  /** The epoch sync in progress, if any (resolves when it ends). */
  get current(): Promise<void> | undefined {
    return this.#running?.done;
  }

  /** Epochs whose sync this node finished (epoch_sync_done sent) since it started. */
  get completedEpochs(): ReadonlySet<number> {
    return this.#completed;
  }

  /** Starts the sync of epoch `epoch` (no-op when already running for it). Call on `EpochChangeStart`. */
  onEpochChangeStart(epoch: number): void {
    const signal = this.#abort?.signal;
    if (!signal || signal.aborted) return;
    if (this.#running?.epoch === epoch) return;
    const previous = this.#running?.done ?? Promise.resolve();
    const done = previous.then(() => this.#syncEpochLoop(epoch, signal));
    this.#running = { epoch, done };
  }

  /** Shard statuses of tasks in progress (the event follower resets owned shards to `ready` on epoch events). */
  reassertStatuses(): void {
    const epoch = this.#c.committee.view.epoch;
    for (const t of this.#c.store.syncProgress.listShardTasks()) {
      if (t.epoch !== epoch || isShardTaskDone(t)) continue;
      const status = t.mode === 'transfer' ? 'inTransfer' : 'inRecovery';
      if (this.#c.store.shards.getShardStatus(t.shard)?.status !== status) {
        this.#c.store.shards.putShardStatus({ shard: t.shard, status, epoch });
      }
    }
  }

  async #syncEpochLoop(epoch: number, signal: AbortSignal): Promise<void> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      if (this.#c.committee.view.epoch !== epoch) return;
      try {
        await this.#syncEpoch(epoch, signal);
        return;
      } catch (err) {
        if (signal.aborted) return;
        this.#log.error('epoch %d sync failed (attempt %d), retrying - %e', epoch, attempt + 1, err);
        await sleep(Math.min(30_000, this.#retryBaseMs * 2 ** Math.min(attempt, 10)), signal);
      }
    }
  }

  async #publish(body: GossipBody): Promise<void> {
    await this.#c.gossip?.publish(body);
  }

  async #syncEpoch(epoch: number, signal: AbortSignal): Promise<void> {
    const view = this.#c.committee.view;
    const self = view.self;
    if (view.epoch !== epoch || !self) return;
    const progress = this.#c.store.syncProgress;
    // Without a previous committee (genesis, or the change already completed) there is no one to pull
    // from: slivers still missing are found by the recovery scan and rebuilt by blob sync.
    const newShards = view.previous
      ? [...view.ownedShards].filter((s) => !view.previousShards.has(s)).sort((a, b) => a - b)
      : [];
    const tasks: ShardSyncTask[] = [];
    this.#c.store.transaction(() => {
      for (const t of progress.listShardTasks()) if (t.epoch < epoch) progress.finishShardTask(t.shard);
      for (const shard of newShards) {
        let task = progress.getShardTask(shard);
        if (!task) {
          const owner = this.#previousOwner(view, shard);
          task = {
            shard,
            epoch,
            mode: owner ? 'transfer' : 'recovery',
            axis: 'primary',
            cursor: null,
            blobsDone: 0,
          };
          progress.putShardTask(task);
        }
        tasks.push(task);
      }
    });
    const pending = tasks.filter((t) => !isShardTaskDone(t));
    if (pending.length > 0) {
      this.reassertStatuses();
      this.#log(
        'epoch %d: pulling %d new shards %o',
        epoch,
        pending.length,
        pending.map((t) => t.shard),
      );
      const transfer = pending.filter((t) => t.mode === 'transfer').map((t) => t.shard);
      if (transfer.length > 0) await this.#publish({ kind: 'shardTransferStarted', shards: transfer });
      this.#c.metrics?.shardTasks.set({ mode: 'transfer' }, transfer.length);
      let next = 0;
      const errors: unknown[] = [];
      await Promise.all(
        Array.from({ length: Math.min(this.#maxShards, pending.length) }, async () => {
          while (next < pending.length) {
            const t = pending[next++];
            try {
              await this.#runTask(t, view, signal);
            } catch (err) {
              errors.push(err);
            }
          }
        }),
      );
      if (errors.length > 0) throw errors[0];
      // Blobs the transfer skipped or that arrived behind its cursor: queue whatever is still missing.
      this.#c.recovery?.scan();
      const done = progress.listShardTasks().filter((t) => t.epoch === epoch);
      await this.#publish({
        kind: 'shardTransferFinished',
        shards: done.filter((t) => t.mode === 'transfer').map((t) => t.shard),
        recovered: done.filter((t) => t.mode === 'recovery').map((t) => t.shard),
      });
      this.#c.metrics?.shardTasks.set({ mode: 'transfer' }, 0);
      this.#c.metrics?.shardTasks.set({ mode: 'recovery' }, 0);
    }
    this.#c.store.transaction(() => {
      for (const s of newShards) this.#c.store.shards.putShardStatus({ shard: s, status: 'ready', epoch });
    });
    const now = this.#c.committee.view;
    if (now.epoch !== epoch || now.epochState.kind !== 'EpochChangeSync') {
      this.#completed.add(epoch);
      return;
    }
    const writer = this.#c.chainWriter;
    if (!writer) throw new NoChainWriterError(`report epoch_sync_done for epoch ${epoch}`);
    await writer.epochSyncDone({ nodeId: self.nodeId, epoch, signal });
    this.#completed.add(epoch);
    this.#log('epoch %d: shards in place, epoch_sync_done sent', epoch);
    await this.#publish({ kind: 'epochSyncDone' });
  }

  #previousOwner(view: CommitteeView, shard: number): CommitteeMember | undefined {
    return view.previous?.members.find((m) => m.shards.includes(shard) && m.nodeId !== view.self?.nodeId);
  }

  async #runTask(task: ShardSyncTask, view: CommitteeView, signal: AbortSignal): Promise<void> {
    if (task.mode === 'transfer') {
      const owner = this.#previousOwner(view, task.shard);
      if (owner) {
        try {
          await this.#transfer(task, owner, signal);
          return;
        } catch (err) {
          if (signal.aborted) throw err;
          this.#log(
            'shard %d: previous owner %s did not serve it, recovering instead - %e',
            task.shard,
            owner.name,
            err,
          );
        }
      }
      task = { ...task, mode: 'recovery', axis: 'primary', cursor: null };
      this.#c.store.syncProgress.putShardTask(task);
      this.reassertStatuses();
    }
    await this.#recover(task, signal);
  }

  async #page(owner: CommitteeMember, request: Uint8Array, shard: number, signal: AbortSignal) {
    let lastError: unknown;
    for (let i = 0; i < this.#attempts; i++) {
      signal.throwIfAborted();
      try {
        return await this.#c.peers.fetchShardPage(owner, request, signal);
      } catch (err) {
        lastError = err;
        if (i + 1 < this.#attempts) await sleep(this.#retryBaseMs * 2 ** i, signal);
      }
    }
    throw new ShardTransferFailedError(
      shard,
      lastError instanceof Error ? lastError.message : String(lastError),
      {
        cause: lastError,
      },
    );
  }

  async #transfer(task: ShardSyncTask, owner: CommitteeMember, signal: AbortSignal): Promise<void> {
    const n = this.#c.committee.view.nShards;
    const store = this.#c.store;
    const axes: SliverAxis[] = task.axis === 'primary' ? ['primary', 'secondary'] : ['secondary'];
    for (const axis of axes) {
      let cursor = task.axis === axis ? task.cursor : null;
      for (;;) {
        const start = cursor ? nextBlobId(cursor) : new Uint8Array(32);
        if (!start) break;
        const request = SignedMessageBcs.serialize(
          this.#c.signer.signMessage(
            encodeSyncShardMessage(task.epoch, {
              shardIndex: task.shard,
              sliverType: axis === 'primary' ? 0 : 1,
              startingBlobId: start,
              sliverCount: BigInt(this.#pageSize),
              epoch: task.epoch,
            }),
          ),
        ).toBytes();
        const page = await this.#page(owner, request, task.shard, signal);
        this.#log.trace('shard %d %s: page of %d slivers from %s', task.shard, axis, page.length, owner.name);
        if (page.length === 0) break;
        let stored = 0;
        for (const entry of page) {
          const id = entry.blobId;
          const info = store.blobInfo.getBlobInfo(id);
          const live = info && !info.invalid && info.state !== 'deleted' && info.endEpoch > task.epoch;
          if (
            !live ||
            entry.sliver.axis !== axis ||
            store.slivers.hasSliver({ blobId: id, shard: task.shard, axis })
          ) {
            continue;
          }
          const pair = pairOfShard(task.shard, id, n);
          const expected = axis === 'primary' ? pair : secondarySliverIndex(pair, n);
          try {
            if (entry.sliver.index !== expected)
              throw new Error(`sliver index ${entry.sliver.index} != ${expected}`);
            const metadata = await this.#c.blobSync.ensureMetadata(id, signal);
            verifySliver(entry.sliver, metadata, n);
          } catch (err) {
            if (signal.aborted) throw err;
            if (!(err instanceof WalrusTsError) && !(err instanceof Error)) throw err;
            this.#log(
              'shard %d: sliver of %s from %s rejected, will rebuild - %s',
              task.shard,
              blobIdToString(id),
              owner.name,
              err.message,
            );
            this.#c.blobSync.enqueue(id, 'transfer');
            continue;
          }
          store.slivers.putSliver({ blobId: id, shard: task.shard, axis, data: entry.data.slice() });
          stored++;
        }
        cursor = page[page.length - 1].blobId;
        task = { ...task, axis, cursor, blobsDone: task.blobsDone + page.length };
        store.syncProgress.putShardTask(task);
        this.#c.metrics?.sliversTransferred.inc(stored);
      }
      task = { ...task, axis: 'secondary', cursor: null };
    }
    store.syncProgress.putShardTask({ ...task, axis: 'secondary', cursor: SHARD_TASK_DONE_CURSOR });
  }

  async #recover(task: ShardSyncTask, signal: AbortSignal): Promise<void> {
    const store = this.#c.store;
    let cursor = task.cursor ?? undefined;
    let done = task.blobsDone;
    await this.#publish({ kind: 'shardRecoveryStarted', shards: [task.shard], blobs: 0 });
    this.#c.metrics?.shardTasks.inc({ mode: 'recovery' });
    for (;;) {
      const infos = store.blobInfo.listBlobInfo({ after: cursor, limit: 100 });
      if (infos.length === 0) break;
      const live = infos.filter(
        (i) => i.certifiedEpoch !== null && !i.invalid && i.state !== 'deleted' && i.endEpoch > task.epoch,
      );
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(this.#recoveryConcurrency, live.length) }, async () => {
          while (next < live.length) {
            const info = live[next++];
            try {
              await this.#c.blobSync.syncBlob(info.blobId, { shards: [task.shard], signal });
            } catch (err) {
              if (signal.aborted) throw err;
              this.#c.blobSync.enqueue(info.blobId, 'recovery');
            }
          }
        }),
      );
      signal.throwIfAborted();
      cursor = infos[infos.length - 1].blobId;
      done += live.length;
      store.syncProgress.putShardTask({
        ...task,
        mode: 'recovery',
        axis: 'primary',
        cursor,
        blobsDone: done,
      });
      await this.#publish({
        kind: 'shardRecoveryProgress',
        shards: [task.shard],
        blobsDone: done,
        blobsTotal: 0,
      });
    }
    store.syncProgress.putShardTask({
      ...task,
      mode: 'recovery',
      axis: 'secondary',
      cursor: SHARD_TASK_DONE_CURSOR,
      blobsDone: done,
    });
    await this.#publish({ kind: 'shardRecoveryFinished', shards: [task.shard], blobs: done });
  }
}

/** Factory: `shardSync(init)(components)`. */
export function shardSync(init: ShardSyncInit = {}): (components: ShardSyncComponents) => ShardSync {
  return (components) => new ShardSync(components, init);
}
