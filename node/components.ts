/**
 * The storage node's components: what the composition root (./storage-node.ts) builds and hands to each
 * service. Services depend on narrow `Pick<>`s of these, never on each other's classes.
 *
 * @see /work/shared/style.md §1.2 (minimal components), §1.4 (composition root)
 */
import type { ComponentLogger } from '@libp2p/interface';
import type { Registry } from 'prom-client';
import type { ApiServer } from './api/server.ts';
import type { ChallengeService } from './challenge/service.ts';
import type { ChainReader } from './chain/types.ts';
import type { NodeMetrics } from './metrics/metrics.ts';
import type { Network, NetworkMetrics } from './network/index.ts';
import type { GossipService } from './network/gossip/service.ts';
import type { CommitteeTracker } from './service/committee/tracker.ts';
import type { ConfirmationSigner } from './service/confirmations/signer.ts';
import type { EventFollower } from './service/events/follower.ts';
import type { StorageService } from './service/storage-service.ts';
import type { NodeStore } from './storage/store.ts';
import type { SyncService } from './sync/sync-service.ts';

/** The chain operations a storage node uses (reads and events only; it signs no transactions). */
export type StorageNodeChain = Pick<
  ChainReader,
  'systemState' | 'events' | 'getBlob' | 'getBlobIdInfo' | 'committeeAt'
>;

/** Everything a running storage node is made of. */
export interface StorageNodeComponents {
  logger: ComponentLogger;
  /** Prometheus registry of every metric of the node (served at `/metrics`). */
  register: Registry;
  metrics: NodeMetrics;
  networkMetrics: NetworkMetrics;
  store: NodeStore;
  chain: StorageNodeChain;
  committee: CommitteeTracker;
  signer: ConfirmationSigner;
  service: StorageService;
  follower: EventFollower;
  network: Network;
  /** Gossip validation, delivery and publishing (node/network/gossip). */
  gossip: GossipService;
  /** Self-healing: blob sync, shard sync, recovery, invalid blobs (node/sync); absent when disabled. */
  sync?: SyncService;
  /** Storage challenges: prover, verifier, verdicts, failure reports (node/challenge); absent when disabled. */
  challenges?: ChallengeService;
  /** The HTTP API, unless disabled. */
  api?: ApiServer;
}
