/**
 * The self-healing services of a storage node, built and started together: blob sync (./blob-sync.ts),
 * shard sync at epoch change (./shard-sync.ts), node recovery scans (./recovery.ts) and inconsistent-blob
 * reporting (./invalid-blob.ts), over one peer layer (./peers.ts).
 *
 * The composition root calls {@link SyncService.onChainEvent} for every event the chain event follower
 * applied, and hands it the gossip service so certified-blob announcements can start a sync before the
 * chain event arrives (the chain is still checked before anything is stored).
 *
 * @example
 * ```ts
 * const sync = syncService()({ store, committee, network, signer, local: service, chain, chainWriter, gossip, logger })
 * await sync.start()
 * follower.onEvent((e) => sync.onChainEvent(e))
 * ```
 * @see spec §3.2-§3.4, §6.5; architecture.md "What the nodes agree through", "Epochs"
 */
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import { blobIdFromString } from '../../shared/encoding/blob-id.ts';
import { shardOfPair } from '../../shared/encoding/params.ts';
import type { SliverAxis } from '../../shared/encoding/types.ts';
import type { SignedMessage } from '../../shared/bcs/messages.ts';
import type { ChainEvent, ChainReader, ChainWriter, Committee } from '../chain/types.ts';
import type { GossipService } from '../network/gossip/service.ts';
import type { GossipValidatorComponents } from '../network/gossip/validator.ts';
import type { Network } from '../network/network.ts';
import type { CommitteeView } from '../service/committee/tracker.ts';
import type { NodeStore } from '../storage/store.ts';
import { BlobSync, type BlobSyncInit } from './blob-sync.ts';
import { InvalidBlobReporter } from './invalid-blob.ts';
import type { SyncMetrics } from './metrics.ts';
import { SyncPeers, type SyncPeersInit } from './peers.ts';
import { NodeRecovery, type NodeRecoveryInit } from './recovery.ts';
import { ShardSync, type ShardSyncInit } from './shard-sync.ts';

/** Everything the sync services use. */
export interface SyncServiceComponents {
  store: Pick<NodeStore, 'blobInfo' | 'metadata' | 'slivers' | 'shards' | 'syncProgress' | 'transaction'>;
  committee: { readonly view: CommitteeView };
  network: Pick<Network, 'reqResp' | 'resolvePeer' | 'peerId'>;
  /** Signs SyncShard requests (BLS). */
  signer: { signMessage(serializedMessage: Uint8Array): SignedMessage };
  /** This node's own verification of an inconsistency proof (the storage service). */
  local: { postInconsistencyProof(blobId: Uint8Array, axis: SliverAxis, proof: Uint8Array): SignedMessage };
  chain?: Pick<ChainReader, 'getBlobIdInfo'>;
  /** Transactions with the node's account: `epoch_sync_done`, `invalidate_blob_id`. */
  chainWriter?: Pick<ChainWriter, 'epochSyncDone' | 'invalidateBlobId'>;
  gossip?: Pick<GossipService, 'publish' | 'on'>;
  logger: ComponentLogger;
  metrics?: SyncMetrics;
}

/** Options of the sync services. */
export interface SyncServiceInit {
  peers?: SyncPeersInit;
  blob?: BlobSyncInit;
  shard?: ShardSyncInit;
  recovery?: NodeRecoveryInit;
  /** Announce certified blobs on the blobs topic (one announcer per blob). @default true */
  announceCertified?: boolean;
}

/** Blob sync, shard sync, recovery and invalid-blob reporting, as one startable. */
export class SyncService implements Startable {
  readonly peers: SyncPeers;
  readonly blobSync: BlobSync;
  readonly shardSync: ShardSync;
  readonly recovery: NodeRecovery;
  readonly invalidBlobs: InvalidBlobReporter;
  readonly #c: SyncServiceComponents;
  readonly #log: Logger;
  readonly #announce: boolean;
  #offGossip: (() => void) | undefined;

  constructor(components: SyncServiceComponents, init: SyncServiceInit = {}) {
    const c = components;
    this.#c = c;
    this.#log = c.logger.forComponent('walrus-ts:sync');
    this.#announce = init.announceCertified ?? true;
    this.peers = new SyncPeers({ network: c.network, logger: c.logger }, init.peers);
    this.invalidBlobs = new InvalidBlobReporter({
      committee: c.committee,
      peers: this.peers,
      local: c.local,
      chainWriter: c.chainWriter,
      chain: c.chain,
      logger: c.logger,
    });
    this.blobSync = new BlobSync(
      {
        store: c.store,
        committee: c.committee,
        peers: this.peers,
        chain: c.chain,
        inconsistency: this.invalidBlobs,
        gossip: c.gossip,
        logger: c.logger,
        metrics: c.metrics,
      },
      init.blob,
    );
    this.shardSync = new ShardSync(
      {
        store: c.store,
        committee: c.committee,
        peers: this.peers,
        signer: c.signer,
        blobSync: this.blobSync,
        chainWriter: c.chainWriter,
        gossip: c.gossip,
        recovery: { scan: () => this.recovery.scan() },
        logger: c.logger,
        metrics: c.metrics,
      },
      init.shard,
    );
    this.recovery = new NodeRecovery(
      { store: c.store, committee: c.committee, blobSync: this.blobSync, gossip: c.gossip, logger: c.logger },
      init.recovery,
    );
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/sync';

  async start(): Promise<void> {
    await this.blobSync.start();
    await this.recovery.start();
    await this.shardSync.start();
    this.#offGossip = this.#c.gossip?.on('blobCertified', ({ message }) => {
      const body = message.body;
      this.#hint(body.blobId);
    });
  }

  async stop(): Promise<void> {
    this.#offGossip?.();
    this.#offGossip = undefined;
    await this.shardSync.stop();
    await this.recovery.stop();
    await this.blobSync.stop();
  }

  /** A gossip announcement: queue the blob if we miss slivers of it (sync checks the chain first). */
  #hint(blobId: Uint8Array): void {
    try {
      if (this.blobSync.missingSlivers(blobId).length === 0) return;
      const info = this.#c.store.blobInfo.getBlobInfo(blobId);
      if (info?.invalid) return;
      if (this.blobSync.enqueue(blobId, info?.certifiedEpoch != null ? 'certified' : 'gossip')) {
        this.recovery.notifyQueued();
      }
    } catch (err) {
      this.#log.error('handling a certified-blob announcement failed - %e', err);
    }
  }

  /** Applies one chain event (call after the event follower applied it). */
  onChainEvent(event: ChainEvent): void {
    try {
      switch (event.type) {
        case 'BlobCertified': {
          const blobId = blobIdFromString(event.blobId);
          const view = this.#c.committee.view;
          if (view.ownedShards.size === 0) return;
          if (this.blobSync.missingSlivers(blobId).length > 0) {
            if (this.blobSync.enqueue(blobId, 'certified')) this.recovery.notifyQueued();
          } else if (this.#announce && !event.isExtension && this.#isAnnouncer(blobId, view)) {
            void this.#c.gossip?.publish({
              kind: 'blobCertified',
              blobId,
              objectId: Uint8Array.from(Buffer.from(event.objectId.slice(2), 'hex')),
              endEpoch: event.endEpoch,
            });
          }
          return;
        }
        case 'InvalidBlobID':
        case 'BlobDeleted':
          if (event.type === 'InvalidBlobID') this.blobSync.cancel(blobIdFromString(event.blobId));
          return;
        case 'EpochChangeStart':
          this.shardSync.onEpochChangeStart(event.epoch);
          this.shardSync.reassertStatuses();
          return;
        case 'EpochChangeDone':
        case 'EpochParametersSelected':
        case 'ShardsReceived':
          this.shardSync.reassertStatuses();
          return;
        default:
          return;
      }
    } catch (err) {
      this.#log.error('sync handling of %s failed - %e', event.type, err);
    }
  }

  /** One announcer per blob: the owner of the shard holding sliver pair 0. */
  #isAnnouncer(blobId: Uint8Array, view: CommitteeView): boolean {
    return view.ownedShards.has(shardOfPair(0, blobId, view.nShards));
  }
}

/** Factory: `syncService(init)(components)`. */
export function syncService(init: SyncServiceInit = {}): (components: SyncServiceComponents) => SyncService {
  return (components) => new SyncService(components, init);
}

/**
 * The committee source of the gossip validator: the tracker's current and previous committees, else the
 * chain's `committeeAt` (cached).
 */
export function gossipCommitteeSource(
  committee: { readonly view: CommitteeView },
  chain?: Pick<ChainReader, 'committeeAt'>,
): GossipValidatorComponents {
  const cache = new Map<number, Committee>();
  return {
    currentEpoch: () => committee.view.epoch,
    async committeeOf(epoch: number): Promise<Committee | undefined> {
      const v = committee.view;
      if (epoch === v.epoch && v.current.members.length > 0) return v.current;
      if (v.previous && v.previous.epoch === epoch) return v.previous;
      const hit = cache.get(epoch);
      if (hit) return hit;
      if (!chain || epoch < 1) return undefined;
      try {
        const c = await chain.committeeAt(epoch);
        if (cache.size > 8) cache.delete(cache.keys().next().value as number);
        cache.set(epoch, c);
        return c;
      } catch {
        return undefined;
      }
    },
  };
}
