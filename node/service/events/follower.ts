/**
 * The chain event follower: reads the chain's events from the node's persisted cursor and applies them.
 *
 * - Blob events (`BlobRegistered`, `BlobCertified`, `BlobDeleted`, `InvalidBlobID`) update the blob info by
 *   the rules of ../blob-info/rules.ts; a registration moves the blob's buffered uploads into the store
 *   (verified again); an invalidation drops the blob's metadata, slivers and buffered uploads.
 * - Epoch events (`EpochChangeStart`, `EpochChangeDone`, `EpochParametersSelected`, `ShardsReceived`)
 *   refresh the committee and the owned shards' statuses, then collect garbage (expired, deleted blobs).
 * - Each event's effects and the cursor past it are written in ONE transaction, so after a crash or restart
 *   the follower resumes exactly after the last applied event (each event is applied once).
 *
 * Chain errors are retried with a delay; `stop()` ends the loop.
 *
 * @see spec §6.6 (events); architecture "What the nodes agree through"
 */
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import { blobIdFromString } from '../../../shared/encoding/blob-id.ts';
import type { ChainEvent, ChainReader } from '../../chain/types.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { NodeStore } from '../../storage/store.ts';
import { applyBlobEvent, isBlobEvent } from '../blob-info/rules.ts';
import type { CommitteeTracker } from '../committee/tracker.ts';
import type { StorageService } from '../storage-service.ts';

/** Dependencies of the follower. */
export interface EventFollowerComponents {
  chain: Pick<ChainReader, 'events'>;
  store: Pick<
    NodeStore,
    'blobInfo' | 'metadata' | 'slivers' | 'pending' | 'cursor' | 'shards' | 'transaction' | 'collectGarbage'
  >;
  committee: Pick<CommitteeTracker, 'refresh' | 'view'>;
  service: Pick<StorageService, 'flushPending' | 'notifyRegistered'>;
  logger: ComponentLogger;
  metrics?: NodeMetrics;
}

/** Options of the follower. */
export interface EventFollowerInit {
  /**
   * Delay before re-subscribing after a chain error, in ms.
   * @default 1_000
   */
  retryDelayMs?: number;
  /**
   * Interval of the periodic garbage collection (besides the one after each epoch change), in ms.
   * @default 60_000
   */
  gcIntervalMs?: number;
}

const EPOCH_EVENTS = new Set([
  'EpochChangeStart',
  'EpochChangeDone',
  'EpochParametersSelected',
  'ShardsReceived',
]);

/** Follows chain events and applies them to the store. */
export class EventFollower implements Startable {
  readonly #c: EventFollowerComponents;
  readonly #log: Logger;
  readonly #retryDelayMs: number;
  readonly #gcIntervalMs: number;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #gcTimer: ReturnType<typeof setInterval> | undefined;
  #listeners = new Set<(event: ChainEvent) => void>();

  constructor(components: EventFollowerComponents, init: EventFollowerInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:service:events');
    this.#retryDelayMs = init.retryDelayMs ?? 1_000;
    this.#gcIntervalMs = init.gcIntervalMs ?? 60_000;
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/event-follower';

  /** Events applied so far (the persisted cursor's index). */
  get eventIndex(): number {
    return this.#c.store.cursor.getEventCursor()?.eventIndex ?? 0;
  }

  /** Calls `listener` after each applied event; returns a function that removes it. */
  onEvent(listener: (event: ChainEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.#loop) return;
    this.#abort = new AbortController();
    this.#loop = this.#run(this.#abort.signal);
    this.#gcTimer = setInterval(() => this.collectGarbage(), this.#gcIntervalMs);
    this.#gcTimer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.#gcTimer);
    this.#gcTimer = undefined;
    this.#abort?.abort();
    await this.#loop;
    this.#loop = undefined;
    this.#abort = undefined;
  }

  /** Removes expired and deleted blobs and the data of invalid ones (at the current epoch). */
  collectGarbage(): void {
    try {
      const r = this.#c.store.collectGarbage({ currentEpoch: this.#c.committee.view.epoch });
      this.#c.metrics?.gcBlobs.inc({ kind: 'expired' }, r.expired);
      this.#c.metrics?.gcBlobs.inc({ kind: 'deleted' }, r.deleted);
      this.#c.metrics?.gcBlobs.inc({ kind: 'invalidated' }, r.invalidated);
    } catch (err) {
      this.#log.error('garbage collection failed - %e', err);
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const after = this.#c.store.cursor.getEventCursor()?.cursor;
        for await (const event of this.#c.chain.events({ after, signal })) {
          if (signal.aborted) return;
          await this.#apply(event);
        }
      } catch (err) {
        if (signal.aborted) return;
        this.#log.error('following chain events failed, retrying - %e', err);
      }
      if (signal.aborted) return;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.#retryDelayMs);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(t);
            resolve();
          },
          { once: true },
        );
      });
    }
  }

  async #apply(event: ChainEvent): Promise<void> {
    const store = this.#c.store;
    const isEpoch = EPOCH_EVENTS.has(event.type);
    if (isEpoch) await this.#c.committee.refresh();
    let registered: Uint8Array | undefined;
    store.transaction(() => {
      const index = (store.cursor.getEventCursor()?.eventIndex ?? 0) + 1;
      if (isBlobEvent(event)) {
        const blobId = blobIdFromString(event.blobId);
        const info = applyBlobEvent(store.blobInfo.getBlobInfo(blobId), blobId, event);
        store.blobInfo.putBlobInfo(info);
        if (event.type === 'BlobRegistered') {
          const r = this.#c.service.flushPending(blobId);
          if (r.metadata || r.slivers > 0 || r.dropped > 0)
            this.#log('flushed pending uploads of %s: %o', event.blobId, r);
          registered = blobId;
        } else if (event.type === 'InvalidBlobID') {
          store.slivers.deleteBlobSlivers(blobId);
          store.metadata.deleteMetadata(blobId);
          store.pending.takePending(blobId);
        }
      } else if (isEpoch) {
        const view = this.#c.committee.view;
        for (const rec of store.shards.listShardStatus()) {
          if (!view.ownedShards.has(rec.shard) && rec.status !== 'removed' && rec.status !== 'readOnly') {
            store.shards.putShardStatus({ shard: rec.shard, status: 'readOnly', epoch: view.epoch });
          }
        }
        for (const shard of view.ownedShards) {
          const rec = store.shards.getShardStatus(shard);
          if (rec?.status !== 'ready')
            store.shards.putShardStatus({ shard, status: 'ready', epoch: view.epoch });
        }
      }
      store.cursor.putEventCursor({ cursor: event.cursor, eventIndex: index });
      this.#c.metrics?.eventIndex.set(index);
    });
    this.#c.metrics?.eventsProcessed.inc({ event: event.type });
    if (registered) this.#c.service.notifyRegistered(registered);
    if (event.type === 'EpochChangeStart' || event.type === 'EpochChangeDone') this.collectGarbage();
    const view = this.#c.committee.view;
    this.#c.metrics?.epoch.set(view.epoch);
    this.#c.metrics?.ownedShards.set(view.ownedShards.size);
    for (const l of this.#listeners) l(event);
  }
}
