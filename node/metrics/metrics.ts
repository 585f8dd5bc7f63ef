/**
 * Prometheus metrics of the storage node (`walrus_ts_node_*`), served at `/metrics` by the HTTP API.
 *
 * Labels are bounded: `operation` (the storage operations), `transport` (`libp2p` | `http`), `outcome`
 * (`ok` or an error `code`), `axis`, `event` (chain event types), `kind` (garbage-collection kinds).
 * Build once per registry with {@link createNodeMetrics}; every service works without metrics.
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** The storage operations, as metric label values. */
export const NODE_OPERATIONS = [
  'putMetadata',
  'getMetadata',
  'metadataStatus',
  'putSlivers',
  'getSlivers',
  'sliverStatus',
  'getRecoverySymbols',
  'getSymbolBatch',
  'getDecodingSymbols',
  'getConfirmation',
  'postInconsistencyProof',
  'getBlobStatus',
  'syncShard',
  'getHealth',
] as const;

/** One of {@link NODE_OPERATIONS}. */
export type NodeOperation = (typeof NODE_OPERATIONS)[number];

/** Creates and registers the node metrics on `register`. */
export function createNodeMetrics(register: Registry) {
  const registers = [register];
  return {
    requests: new Counter({
      name: 'walrus_ts_node_requests_total',
      help: 'Storage operations served, by operation, transport and outcome (ok or error code)',
      labelNames: ['operation', 'transport', 'outcome'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: 'walrus_ts_node_request_duration_seconds',
      help: 'Time to serve a storage operation',
      labelNames: ['operation', 'transport'] as const,
      buckets: [0.001, 0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    sliversStored: new Counter({
      name: 'walrus_ts_node_slivers_stored_total',
      help: 'Slivers verified and stored durably, by axis',
      labelNames: ['axis'] as const,
      registers,
    }),
    sliverBytesStored: new Counter({
      name: 'walrus_ts_node_sliver_bytes_stored_total',
      help: 'Bytes of BCS SliverData stored durably',
      registers,
    }),
    metadataStored: new Counter({
      name: 'walrus_ts_node_metadata_stored_total',
      help: 'Blob metadata verified and stored',
      registers,
    }),
    uploadsBuffered: new Counter({
      name: 'walrus_ts_node_uploads_buffered_total',
      help: 'Uploads buffered pending registration, by kind (metadata or sliver)',
      labelNames: ['kind'] as const,
      registers,
    }),
    verificationFailures: new Counter({
      name: 'walrus_ts_node_verification_failures_total',
      help: 'Uploads refused because metadata or a sliver failed verification, by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    confirmationsSigned: new Counter({
      name: 'walrus_ts_node_confirmations_signed_total',
      help: 'Storage confirmations signed, by persistence (permanent or deletable)',
      labelNames: ['persistence'] as const,
      registers,
    }),
    eventsProcessed: new Counter({
      name: 'walrus_ts_node_events_processed_total',
      help: 'Chain events applied, by event type',
      labelNames: ['event'] as const,
      registers,
    }),
    eventIndex: new Gauge({
      name: 'walrus_ts_node_event_index',
      help: 'Number of chain events processed so far (persisted cursor)',
      registers,
    }),
    gcBlobs: new Counter({
      name: 'walrus_ts_node_gc_blobs_total',
      help: 'Blobs garbage-collected, by kind (expired, deleted, invalidated)',
      labelNames: ['kind'] as const,
      registers,
    }),
    epoch: new Gauge({ name: 'walrus_ts_node_epoch', help: 'Current epoch as the node sees it', registers }),
    ownedShards: new Gauge({
      name: 'walrus_ts_node_owned_shards',
      help: 'Shards this node owns in the current epoch',
      registers,
    }),
    pendingUploads: new Gauge({
      name: 'walrus_ts_node_pending_uploads',
      help: 'Uploads buffered pending registration',
      registers,
    }),
    pendingBytes: new Gauge({
      name: 'walrus_ts_node_pending_bytes',
      help: 'Bytes buffered pending registration',
      registers,
    }),
  };
}

/** The node metrics; the type is whatever {@link createNodeMetrics} returns. */
export type NodeMetrics = ReturnType<typeof createNodeMetrics>;
