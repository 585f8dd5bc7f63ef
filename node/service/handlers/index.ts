/**
 * Registers a handler for every storage protocol of shared/protocol/ids.ts on the request/response layer,
 * with limits derived from the committee's largest sliver (shared/encoding/params.ts `maxSliverSize(n)`)
 * capped by the configured limits, authorization (node-to-node shard sync for committee members only;
 * everything else public) and the per-peer stream cap.
 */
import { StorageProtocol } from '../../../shared/protocol/ids.ts';
import { MAX_SYMBOL_BATCH_BYTES } from '../../../shared/protocol/symbol-batch.ts';
import { metadataLength } from '../../../shared/encoding/params.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import { allowAnyPeer, allowPeers } from '../../network/reqresp/auth.ts';
import type { HandleOptions, ReqResp } from '../../network/reqresp/reqresp.ts';
import type { CommitteeTracker } from '../committee/tracker.ts';
import type { StorageService } from '../storage-service.ts';
import { getBlobStatusHandler } from './get-blob-status.ts';
import { getConfirmationHandler } from './get-confirmation.ts';
import { getHealthHandler } from './get-health.ts';
import { getMetadataHandler } from './get-metadata.ts';
import { getRecoverySymbolsHandler } from './get-recovery-symbols.ts';
import { getSliversHandler } from './get-slivers.ts';
import { getSymbolBatchHandler } from './get-symbol-batch.ts';
import { postInconsistencyProofHandler } from './post-inconsistency-proof.ts';
import { putMetadataHandler } from './put-metadata.ts';
import { putSliversHandler } from './put-slivers.ts';
import { syncShardHandler } from './sync-shard.ts';

const MiB = 1024 * 1024;

/** Configurable limits of the storage protocols. */
export interface StorageHandlerLimits {
  /** Upper bound on one SliverData, bytes; the committee's max sliver size is used when smaller. */
  maxSliverBytes: number;
  /** Upper bound on one metadata message, bytes; the committee's metadata size is used when smaller. */
  maxMetadataBytes: number;
  /** Upper bound on request headers, bytes. */
  maxHeaderBytes: number;
  /** Concurrent streams per peer and protocol. */
  maxStreamsPerPeer: number;
  /** Stream idle timeout, ms. */
  idleTimeoutMs: number;
  /** Whole-request read timeout, ms. */
  readTimeoutMs: number;
  /**
   * Most bytes of slivers in one `putSlivers` request.
   * @default max(2 * sliver limit, 32 MiB)
   */
  maxBatchBytes?: number;
  /**
   * Most slivers in one `putSlivers` / `getSlivers` request.
   * @default 2 * nShards
   */
  maxSliversPerRequest?: number;
}

/** The effective limits for a committee of `nShards` (what the handlers enforce). */
export function effectiveLimits(
  limits: StorageHandlerLimits,
  committee: Pick<CommitteeTracker, 'nShards' | 'maxSliverBytes'>,
) {
  const sliver = Math.min(limits.maxSliverBytes, committee.maxSliverBytes);
  const metadata = Math.min(
    limits.maxMetadataBytes,
    metadataLength(committee.nShards) + 4 * committee.nShards + 64,
  );
  return {
    sliver,
    metadata,
    batch: limits.maxBatchBytes ?? Math.max(2 * sliver, 32 * MiB),
    entries: limits.maxSliversPerRequest ?? 2 * committee.nShards,
  };
}

/**
 * Registers every storage protocol handler. The committee must have been refreshed (n known).
 * @returns the protocol IDs registered
 */
export async function registerStorageHandlers(
  reqResp: ReqResp,
  service: StorageService,
  committee: CommitteeTracker,
  limits: StorageHandlerLimits,
  metrics?: NodeMetrics,
): Promise<string[]> {
  const eff = effectiveLimits(limits, committee);
  const base: HandleOptions = {
    maxRequestHeaderBytes: limits.maxHeaderBytes,
    maxResponseHeaderBytes: limits.maxHeaderBytes,
    maxRequestBodyBytes: 0,
    maxResponseBodyBytes: eff.sliver,
    maxConcurrentStreamsPerPeer: limits.maxStreamsPerPeer,
    idleTimeoutMs: limits.idleTimeoutMs,
    readTimeoutMs: limits.readTimeoutMs,
    authorize: allowAnyPeer,
  };
  const recoveryBody = committee.nShards * (Math.ceil(eff.sliver / Math.max(1, committee.nShards - 2)) + 512);
  const table: [string, ReturnType<typeof putMetadataHandler>, HandleOptions][] = [
    [
      StorageProtocol.putMetadata,
      putMetadataHandler(service, metrics),
      { ...base, maxRequestBodyBytes: eff.metadata },
    ],
    [
      StorageProtocol.getMetadata,
      getMetadataHandler(service, metrics),
      { ...base, maxResponseBodyBytes: eff.metadata + 32 },
    ],
    [
      StorageProtocol.putSlivers,
      putSliversHandler(service, { maxSliverBytes: () => eff.sliver, maxEntries: eff.entries }, metrics),
      // shared body: the slivers are verified on the worker pool as views of it, with no copy; reused
      // across requests (the service keeps no view of it once stored: written, or copied into SQLite)
      { ...base, maxRequestBodyBytes: eff.batch, sharedBody: true, reuseBody: true },
    ],
    [
      StorageProtocol.getSlivers,
      getSliversHandler(service, eff.entries, metrics),
      { ...base, maxResponseBodyBytes: eff.sliver * eff.entries },
    ],
    [
      StorageProtocol.getRecoverySymbols,
      getRecoverySymbolsHandler(service, metrics),
      { ...base, maxResponseBodyBytes: recoveryBody },
    ],
    [
      StorageProtocol.getSymbolBatch,
      getSymbolBatchHandler(service, () => committee.nShards, metrics),
      { ...base, maxResponseBodyBytes: MAX_SYMBOL_BATCH_BYTES + 4 * committee.nShards + 16 },
    ],
    [
      StorageProtocol.getConfirmation,
      getConfirmationHandler(service, metrics),
      { ...base, maxResponseBodyBytes: 4096 },
    ],
    [
      StorageProtocol.postInconsistencyProof,
      postInconsistencyProofHandler(service, metrics),
      { ...base, maxRequestBodyBytes: recoveryBody, maxResponseBodyBytes: 4096 },
    ],
    [
      StorageProtocol.getBlobStatus,
      getBlobStatusHandler(service, metrics),
      { ...base, maxResponseBodyBytes: 64 * 1024 },
    ],
    [
      StorageProtocol.syncShard,
      syncShardHandler(service, metrics),
      {
        ...base,
        maxResponseBodyBytes: 64 * MiB + eff.sliver,
        authorize: allowPeers((peer) => committee.isMemberPeer(peer)),
      },
    ],
    [
      StorageProtocol.getHealth,
      getHealthHandler(service, metrics),
      { ...base, maxResponseBodyBytes: 1 * MiB },
    ],
  ];
  for (const [protocol, handler, opts] of table) await reqResp.handle(protocol, handler, opts);
  return table.map(([p]) => p);
}
