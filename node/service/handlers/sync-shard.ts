/**
 * `syncShard`: header = BCS `SignedMessage` over a SyncShard request (intent 3); response body BCS
 * `SyncShardResponse::V1(Vec<(BlobId, Sliver)>)`. Only committee members may open the stream.
 */
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/shard/sync/1.0.0`. */
export function syncShardHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('syncShard', metrics, ({ header }) => ({ body: service.syncShard(header) }));
}
