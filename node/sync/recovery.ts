/**
 * Node recovery: making sure this node holds every sliver of its shards for every certified, live blob it
 * knows of, whatever happened (offline during writes, crash between an event and its sync being queued,
 * an empty or wiped data directory).
 *
 * {@link NodeRecovery.scan} walks the blob info in blob ID order and queues (persistently) every certified,
 * live blob that misses a sliver of an owned shard. It runs at start; the event follower's replay then
 * queues the blobs certified after the cursor. While the queue drains, progress goes out on the recovery
 * topic: `shardRecoveryStarted` (owned shards, blobs queued), `shardRecoveryProgress` every
 * `progressIntervalMs`, `shardRecoveryFinished` when the queue is empty.
 *
 * @see spec §3.2; W `node/node_recovery.rs`
 */
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import type { GossipBody } from '../../shared/protocol/gossip.ts';
import type { CommitteeView } from '../service/committee/tracker.ts';
import type { NodeStore } from '../storage/store.ts';
import type { BlobSync } from './blob-sync.ts';

/** What node recovery needs. */
export interface NodeRecoveryComponents {
  store: Pick<NodeStore, 'blobInfo' | 'syncProgress'>;
  committee: { readonly view: CommitteeView };
  blobSync: Pick<BlobSync, 'missingSlivers' | 'enqueue' | 'queued'>;
  gossip?: { publish(body: GossipBody): Promise<number> };
  logger: ComponentLogger;
}

/** Options of node recovery. */
export interface NodeRecoveryInit {
  /** Blob info rows read per page during a scan. @default 500 */
  pageSize?: number;
  /** Interval of progress announcements and of the "queue drained" check, ms. @default 5_000 */
  progressIntervalMs?: number;
}

/** Scans for missing slivers and reports recovery progress. */
export class NodeRecovery implements Startable {
  readonly #c: NodeRecoveryComponents;
  readonly #log: Logger;
  readonly #pageSize: number;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #active: { shards: number[]; total: number } | undefined;

  constructor(components: NodeRecoveryComponents, init: NodeRecoveryInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:sync:recovery');
    this.#pageSize = init.pageSize ?? 500;
    this.#intervalMs = init.progressIntervalMs ?? 5_000;
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/node-recovery';

  async start(): Promise<void> {
    const queued = this.scan();
    if (queued > 0 || this.#c.blobSync.queued > 0) await this.#begin(this.#c.blobSync.queued);
    this.#timer = setInterval(() => void this.#tick(), this.#intervalMs);
    this.#timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Queues every certified, live blob that misses a sliver of an owned shard.
   * @returns the number of blobs newly queued
   */
  scan(): number {
    const view = this.#c.committee.view;
    if (view.ownedShards.size === 0) return 0;
    let after: Uint8Array | undefined;
    let queued = 0;
    for (;;) {
      const page = this.#c.store.blobInfo.listBlobInfo({ after, limit: this.#pageSize });
      if (page.length === 0) break;
      for (const info of page) {
        if (info.certifiedEpoch === null || info.invalid || info.state === 'deleted') continue;
        if (info.endEpoch <= view.epoch) continue;
        if (this.#c.blobSync.missingSlivers(info.blobId).length === 0) continue;
        if (this.#c.blobSync.enqueue(info.blobId, 'recovery')) queued++;
      }
      after = page[page.length - 1].blobId;
    }
    if (queued > 0) this.#log('recovery scan queued %d blobs with missing slivers', queued);
    return queued;
  }

  /** Call when blobs were queued outside a scan (certified events): starts progress reporting if idle. */
  notifyQueued(): void {
    if (!this.#active) void this.#begin(this.#c.blobSync.queued);
  }

  async #begin(total: number): Promise<void> {
    const shards = [...this.#c.committee.view.ownedShards].sort((a, b) => a - b);
    this.#active = { shards, total };
    await this.#c.gossip?.publish({ kind: 'shardRecoveryStarted', shards, blobs: total });
  }

  async #tick(): Promise<void> {
    const a = this.#active;
    if (!a) return;
    const left = this.#c.blobSync.queued;
    a.total = Math.max(a.total, left);
    const owned = this.#c.committee.view.ownedShards;
    const shards = a.shards.filter((s) => owned.has(s));
    if (left === 0) {
      this.#active = undefined;
      await this.#c.gossip?.publish({ kind: 'shardRecoveryFinished', shards, blobs: a.total });
    } else {
      await this.#c.gossip?.publish({
        kind: 'shardRecoveryProgress',
        shards,
        blobsDone: a.total - left,
        blobsTotal: a.total,
      });
    }
  }
}
