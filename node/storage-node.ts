/**
 * The storage node's composition root: builds every component from the keystore, configuration and chain
 * client, then starts them in order and stops them in reverse.
 *
 * Start order: store (open + migrate) -> committee (from the chain: current/previous committee, owned
 * shards) -> network (libp2p) + storage protocol handlers -> chain event follower (from the persisted
 * cursor) -> HTTP API. Stop: the reverse. `status` reports `stopped | starting | started | stopping`.
 *
 * @example
 * ```ts
 * const node = await createStorageNode({ keystore, chain, storePath: join(dataDir, 'node.sqlite') })
 * await node.start()
 * console.log(node.peerId.toString(), node.apiUrl)
 * await node.stop()
 * ```
 * @see /work/shared/architecture.md; spec §4
 */
import { join } from 'node:path';
import { defaultLogger } from '@libp2p/logger';
import type { ComponentLogger, Logger, PeerId, Startable } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { Registry } from 'prom-client';
import { enableNodeBls } from './crypto/blst/index.ts';
import { initHashing } from '../shared/encoding/hashing.ts';
import { ApiServer } from './api/server.ts';
import { challengeRoutes } from './challenge/api.ts';
import { createChallengeMetrics } from './challenge/metrics.ts';
import { ChallengeService, healingFromSync, type ChallengeServiceInit } from './challenge/service.ts';
import type { StorageNodeChain, StorageNodeComponents } from './components.ts';
import type { NodeConfig } from './config/config.ts';
import type { Keystore } from './identity/keystore.ts';
import { sharedEncodingPool } from './encoding/pool.ts';
import { createNodeMetrics } from './metrics/metrics.ts';
import { createNetwork, createNetworkMetrics } from './network/index.ts';
import { GossipService, type GossipServiceInit } from './network/gossip/service.ts';
import { createGossipMetrics } from './network/gossip/validator.ts';
import type { ChainWriter } from './chain/types.ts';
import { CommitteeTracker } from './service/committee/tracker.ts';
import { ConfirmationSigner } from './service/confirmations/signer.ts';
import { EventFollower, type EventFollowerInit } from './service/events/follower.ts';
import { registerStorageHandlers, type StorageHandlerLimits } from './service/handlers/index.ts';
import { StorageService, type StorageServiceInit } from './service/storage-service.ts';
import { nodeStore } from './storage/store.ts';
import { createSyncMetrics } from './sync/metrics.ts';
import { gossipCommitteeSource, SyncService, type SyncServiceInit } from './sync/sync-service.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Lifecycle status of a storage node. */
export type StorageNodeStatus = 'stopped' | 'starting' | 'started' | 'stopping';

/** Limits of the node (same names and defaults as the config file's `limits` section). */
export interface StorageNodeLimits extends StorageHandlerLimits {
  /** Client deadline per request, ms. @default 60_000 */
  requestTimeoutMs: number;
  /** Most uploads buffered before registration. @default 10_000 */
  maxPendingUploads: number;
  /** Most bytes buffered before registration. @default 256 MiB */
  maxPendingBytes: number;
}

/** Default limits. */
export const DEFAULT_NODE_LIMITS: StorageNodeLimits = {
  maxStreamsPerPeer: 8,
  maxSliverBytes: 64 * MiB,
  maxMetadataBytes: 4 * MiB,
  maxHeaderBytes: 64 * KiB,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 10_000,
  readTimeoutMs: 60_000,
  maxPendingUploads: 10_000,
  maxPendingBytes: 256 * MiB,
};

/** Options of {@link createStorageNode}. */
export interface StorageNodeInit {
  /** The node's keys: libp2p identity, BLS protocol key (signs confirmations), Sui account. */
  keystore: Keystore;
  /** The chain (reads and events). Not closed by `stop()`. */
  chain: StorageNodeChain;
  /** Database file of the node's store, or `':memory:'` (tests). */
  storePath: string;
  network?: {
    /** @default ['/ip4/127.0.0.1/tcp/0'] */
    listen?: string[];
    /** @default [] */
    announce?: string[];
    /** @default [] */
    bootstrap?: string[];
    /** Gossip network name. @default 'devnet' */
    name?: string;
  };
  /** HTTP API bind address, or `false` to run without it. @default { host: '127.0.0.1', port: 0 } */
  api?: { host?: string; port?: number } | false;
  /** Limits; unset fields take {@link DEFAULT_NODE_LIMITS}. */
  limits?: Partial<StorageNodeLimits>;
  /** @default libp2p's default logger (`DEBUG=walrus-ts:*`) */
  logger?: ComponentLogger;
  /** Prometheus registry for the node's metrics. @default a new registry */
  register?: Registry;
  /** Event follower options. */
  events?: EventFollowerInit;
  /** Storage service options. */
  service?: Omit<StorageServiceInit, 'nodeStatus'>;
  /**
   * Transactions with the node operator's account (`epoch_sync_done`, `invalidate_blob_id`), e.g. a chain
   * client built with the keystore's Sui key. Without it the node heals but cannot report either.
   */
  chainWriter?: Pick<ChainWriter, 'epochSyncDone' | 'invalidateBlobId'> &
    Partial<Pick<ChainWriter, 'reportChallengeFailure'>>;
  /** Gossip validation options. */
  gossip?: GossipServiceInit;
  /** Self-healing options, or `false` to run without blob/shard sync. @default {} */
  sync?: SyncServiceInit | false;
  /** Storage challenges (node/challenge), or `false` to run without them. @default {} */
  challenge?: ChallengeServiceInit | false;
}

/** A storage node. */
export interface StorageNode extends Startable {
  readonly status: StorageNodeStatus;
  readonly components: StorageNodeComponents;
  /** libp2p peer ID. */
  readonly peerId: PeerId;
  /** libp2p addresses peers can dial (with `/p2p/<peerId>`); empty until started. */
  getMultiaddrs(): Multiaddr[];
  /** `http://host:port` of the HTTP API once started (undefined when disabled). */
  readonly apiUrl: string | undefined;
}

/** The {@link StorageNodeInit} for a loaded {@link NodeConfig} (store in `<dataDir>/node.sqlite`). */
export function storageNodeInitFromConfig(
  config: NodeConfig,
  keystore: Keystore,
  chain: StorageNodeChain,
): StorageNodeInit {
  return {
    keystore,
    chain,
    storePath: join(config.dataDir, 'node.sqlite'),
    network: {
      listen: config.network.listen,
      announce: config.network.announce,
      bootstrap: config.network.bootstrap,
      name: config.network.name,
    },
    api: { host: config.api.host, port: config.api.port },
    limits: { ...config.limits },
  };
}

class DefaultStorageNode implements StorageNode {
  readonly components: StorageNodeComponents;
  readonly #limits: StorageNodeLimits;
  readonly #log: Logger;
  #status: StorageNodeStatus = 'stopped';
  #started: Startable[] = [];

  constructor(components: StorageNodeComponents, limits: StorageNodeLimits) {
    this.components = components;
    this.#limits = limits;
    this.#log = components.logger.forComponent('walrus-ts:node');
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/storage-node';

  get status(): StorageNodeStatus {
    return this.#status;
  }

  get peerId(): PeerId {
    return this.components.network.peerId;
  }

  get apiUrl(): string | undefined {
    return this.components.api && this.#status === 'started' ? this.components.api.url : undefined;
  }

  getMultiaddrs(): Multiaddr[] {
    return this.#status === 'started' ? this.components.network.getMultiaddrs() : [];
  }

  async start(): Promise<void> {
    if (this.#status !== 'stopped') return;
    this.#status = 'starting';
    const c = this.components;
    try {
      // Boot the codec workers while the node starts, not inside the first upload: each loads its modules
      // and WASM kernels (~0.3-1.9 s of CPU on the loaded 2-core devnet box), which made the first 1 MiB
      // store after start cost the 7 nodes 4.2 s of CPU instead of ~0.8 s. Not awaited: a slow worker
      // delays nothing but the first pooled task.
      sharedEncodingPool();
      // Sign storage confirmations natively (blst, ~0.6 ms of CPU each; mcl-wasm ~3.8 ms where the binding
      // was not built) rather than with noble (~24 ms): measured on the devnet, noble's field arithmetic was
      // ~16% of the nodes' CPU during 1 MiB stores.
      void enableNodeBls();
      await initHashing();
      await c.store.start();
      this.#started.push(c.store);
      const view = await c.committee.refresh();
      if (view.nShards < 4) throw new Error(`the chain reports ${view.nShards} shards`);
      c.store.transaction(() => {
        for (const shard of view.ownedShards) {
          if (c.store.shards.getShardStatus(shard)?.status !== 'ready') {
            c.store.shards.putShardStatus({ shard, status: 'ready', epoch: view.epoch });
          }
        }
      });
      c.metrics.epoch.set(view.epoch);
      c.metrics.ownedShards.set(view.ownedShards.size);
      await c.network.start();
      this.#started.push(c.network);
      await registerStorageHandlers(c.network.reqResp, c.service, c.committee, this.#limits, c.metrics);
      await c.gossip.start();
      this.#started.push(c.gossip);
      if (c.sync) {
        await c.sync.start();
        this.#started.push(c.sync);
      }
      if (c.challenges) {
        await c.challenges.start();
        this.#started.push(c.challenges);
      }
      await c.follower.start();
      this.#started.push(c.follower);
      if (c.api) {
        await c.api.start();
        this.#started.push(c.api);
      }
      this.#status = 'started';
      this.#log(
        'started: peer %s, epoch %d, %d shards owned%s',
        this.peerId.toString(),
        view.epoch,
        view.ownedShards.size,
        c.api ? `, API ${c.api.url}` : '',
      );
    } catch (err) {
      this.#status = 'stopping';
      await this.#stopStarted();
      this.#status = 'stopped';
      throw err;
    }
  }

  async #stopStarted(): Promise<void> {
    while (this.#started.length > 0) {
      const s = this.#started.pop()!;
      try {
        await s.stop();
      } catch (err) {
        this.#log.error('stopping %s failed - %e', String(s), err);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#status !== 'started') return;
    this.#status = 'stopping';
    await this.#stopStarted();
    this.#status = 'stopped';
    this.#log('stopped');
  }
}

/**
 * Builds (does not start) a storage node: store, committee tracker, BLS signer, storage service, libp2p
 * network with the storage protocols, chain event follower and HTTP API.
 * @throws InvalidArgumentError for malformed multiaddrs or network name (from the network layer)
 */
export async function createStorageNode(init: StorageNodeInit): Promise<StorageNode> {
  const logger = init.logger ?? defaultLogger();
  const limits: StorageNodeLimits = { ...DEFAULT_NODE_LIMITS, ...init.limits };
  const register = init.register ?? new Registry();
  const metrics = createNodeMetrics(register);
  const networkMetrics = createNetworkMetrics(register);
  const store = nodeStore({
    path: init.storePath,
    maxPendingEntries: limits.maxPendingUploads,
    maxPendingBytes: limits.maxPendingBytes,
  })({ logger });
  const committee = new CommitteeTracker(
    { chain: init.chain, logger },
    { publicKey: init.keystore.blsPublicKey },
  );
  const signer = new ConfirmationSigner(init.keystore.blsSecretKey, init.keystore.blsPublicKey);
  const self: { node?: DefaultStorageNode } = {};
  const service = new StorageService(
    {
      store,
      committee,
      signer,
      chain: init.chain,
      logger,
      metrics,
      // Merkle roots of received slivers on the codec worker pool, off the event loop
      expandSlivers: (task, transfer) => sharedEncodingPool().run('expand', task, transfer),
    },
    {
      ...init.service,
      nodeStatus: () => (self.node?.status === 'started' ? 'Active' : 'Starting'),
      peers: () => self.node?.components.network.libp2p.getPeers().map(String) ?? [],
    },
  );
  const follower = new EventFollower(
    { chain: init.chain, store, committee, service, logger, metrics },
    init.events,
  );
  const network = await createNetwork({
    privateKey: init.keystore.libp2pKey,
    listen: init.network?.listen ?? ['/ip4/127.0.0.1/tcp/0'],
    announce: init.network?.announce ?? [],
    bootstrap: init.network?.bootstrap ?? [],
    networkName: init.network?.name ?? 'devnet',
    logger,
    metrics: networkMetrics,
    reqResp: {
      maxConcurrentStreamsPerPeer: limits.maxStreamsPerPeer,
      idleTimeoutMs: limits.idleTimeoutMs,
      readTimeoutMs: limits.readTimeoutMs,
      requestTimeoutMs: limits.requestTimeoutMs,
    },
  });
  const gossip = new GossipService(
    {
      network,
      committee: gossipCommitteeSource(committee, init.chain),
      logger,
      metrics: createGossipMetrics(register),
    },
    init.gossip,
  );
  const sync =
    init.sync === false
      ? undefined
      : new SyncService(
          {
            store,
            committee,
            network,
            signer,
            local: service,
            chain: init.chain,
            chainWriter: init.chainWriter,
            gossip,
            logger,
            metrics: createSyncMetrics(register),
          },
          init.sync,
        );
  if (sync) follower.onEvent((event) => sync.onChainEvent(event));
  const writer = init.chainWriter;
  const challenges =
    init.challenge === false
      ? undefined
      : new ChallengeService(
          {
            store,
            committee,
            network,
            signer,
            chain: init.chain,
            chainWriter: writer?.reportChallengeFailure
              ? { reportChallengeFailure: (p) => writer.reportChallengeFailure!(p) }
              : undefined,
            healing: sync ? healingFromSync(sync) : undefined,
            logger,
            metrics: createChallengeMetrics(register),
          },
          init.challenge,
        );
  if (challenges) follower.onEvent((event) => challenges.onChainEvent(event));
  const api =
    init.api === false
      ? undefined
      : new ApiServer(
          { service, committee, logger, metrics, register },
          {
            host: init.api?.host ?? '127.0.0.1',
            port: init.api?.port ?? 0,
            limits,
            routes: challenges ? [challengeRoutes(challenges)] : [],
          },
        );
  const components: StorageNodeComponents = {
    logger,
    register,
    metrics,
    networkMetrics,
    store,
    chain: init.chain,
    committee,
    signer,
    service,
    follower,
    network,
    gossip,
    sync,
    challenges,
    api,
  };
  self.node = new DefaultStorageNode(components, limits);
  return self.node;
}
