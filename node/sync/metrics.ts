/**
 * Optional Prometheus metrics of sync (`walrus_ts_sync_*`). Labels are bounded: `axis`, `outcome`
 * (complete|notNeeded|inconsistent|failed), `kind` (metadata|symbols|shard), `mode` (transfer|recovery).
 */
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

/** Creates and registers the sync metrics on `register`. */
export function createSyncMetrics(register: Registry) {
  const registers = [register];
  return {
    blobsSynced: new Counter({
      name: 'walrus_ts_sync_blobs_total',
      help: 'Blob sync attempts finished, by outcome',
      labelNames: ['outcome'] as const,
      registers,
    }),
    sliversRecovered: new Counter({
      name: 'walrus_ts_sync_slivers_recovered_total',
      help: 'Slivers rebuilt from recovery symbols, by axis',
      labelNames: ['axis'] as const,
      registers,
    }),
    symbolBatchMismatches: new Counter({
      name: 'walrus_ts_sync_symbol_batch_mismatches_total',
      help: 'Slivers rebuilt from proof-less symbols that did not match the metadata (refetched with proofs)',
      labelNames: ['axis'] as const,
      registers,
    }),
    sliversTransferred: new Counter({
      name: 'walrus_ts_sync_slivers_transferred_total',
      help: "Slivers pulled from a shard's previous owner and stored",
      registers,
    }),
    queue: new Gauge({
      name: 'walrus_ts_sync_queue_blobs',
      help: 'Blobs waiting for sync (persisted queue)',
      registers,
    }),
    shardTasks: new Gauge({
      name: 'walrus_ts_sync_shard_tasks',
      help: 'Shards being transferred or recovered, by mode',
      labelNames: ['mode'] as const,
      registers,
    }),
  };
}

/** The sync metrics; its type is whatever {@link createSyncMetrics} returns. */
export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
