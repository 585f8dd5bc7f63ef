/**
 * The storage node's libp2p node and the services built on it.
 *
 * Stack: TCP and WebSockets (for browsers) transports, Noise, Yamux, identify, ping, bootstrap, a private
 * Kademlia DHT (`/walrus-ts/kad/1.0.0`, server mode, loopback/LAN addresses kept) for peer routing, and
 * gossipsub (`@libp2p/gossipsub`) for the `/walrus-ts/<network>/{blobs,epoch,recovery}/1` topics. On top:
 * the request/response layer ({@link ReqResp}), peer resolution and the typed {@link NetworkEventBus}.
 *
 * @example
 * ```ts
 * const net = await createNetwork({ listen: ['/ip4/127.0.0.1/tcp/0'], networkName: 'devnet' })
 * await net.start()
 * await net.reqResp.handle('/walrus-ts/ping-echo/1.0.0', ({ body }) => ({ body }))
 * await net.stop()
 * ```
 */
import { bootstrap } from '@libp2p/bootstrap';
import { gossipsub } from '@libp2p/gossipsub';
import type { GossipSub, GossipsubMessage } from '@libp2p/gossipsub';
import { identify } from '@libp2p/identify';
import type { Identify } from '@libp2p/identify';
import type { ComponentLogger, Libp2p, PeerId, PrivateKey, Startable } from '@libp2p/interface';
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht';
import type { KadDHT } from '@libp2p/kad-dht';
import { noise } from '@libp2p/noise';
import { ping } from '@libp2p/ping';
import type { Ping } from '@libp2p/ping';
import { tcp } from '@libp2p/tcp';
import { webSockets } from '@libp2p/websockets';
import { yamux } from '@libp2p/yamux';
import type { Multiaddr } from '@multiformats/multiaddr';
import { multiaddr } from '@multiformats/multiaddr';
import { createLibp2p } from 'libp2p';
import { KAD_DHT_PROTOCOL } from './constants.ts';
import { InvalidArgumentError } from '../../shared/errors.ts';
import { fastNoiseCrypto } from './noise-crypto.ts';
import { tuneGcForBulkTransfers } from './gc-tuning.ts';
import { sendYamuxWindowUpdatesOnHalf } from './yamux-window.ts';
import { NetworkEvent, NetworkEventBus } from './events.ts';
import { isValidNetworkName, parseGossipTopic, stringifyGossipTopic } from './gossip/topics.ts';
import type { GossipTypeName } from './gossip/topics.ts';
import type { NetworkMetrics } from './metrics.ts';
import { peerResolver } from './peers/resolve.ts';
import type { PeerResolverInit, ResolvePeerOptions } from './peers/resolve.ts';
import { reqResp } from './reqresp/reqresp.ts';
import type { ReqResp, ReqRespInit } from './reqresp/reqresp.ts';
import { CONNECTION_MONITOR } from './connection-monitor.ts';

/** The libp2p services every walrus-ts node runs. */
export interface NetworkServices extends Record<string, unknown> {
  identify: Identify;
  ping: Ping;
  dht: KadDHT;
  pubsub: GossipSub;
}

/** Options of {@link createNetwork}. */
export interface NetworkInit {
  /** The node's libp2p identity (Ed25519). @default a fresh random key (tests only) */
  privateKey?: PrivateKey;
  /**
   * Listen multiaddrs: TCP (`/ip4/0.0.0.0/tcp/9300`) and WebSockets for browsers (`.../tcp/9301/ws`).
   * @default ['/ip4/127.0.0.1/tcp/0']
   */
  listen?: string[];
  /** Addresses announced to peers instead of the listen addresses (public IP/DNS). @default [] */
  announce?: string[];
  /** Bootstrap peers, `/ip4/…/tcp/…/p2p/<peerId>`. @default [] */
  bootstrap?: string[];
  /** Network name used in gossip topics (`[a-z0-9-]+`). @default 'devnet' */
  networkName?: string;
  /** Subscribe to every gossip topic of the network at start. @default true */
  subscribeGossip?: boolean;
  /** Request/response layer defaults. */
  reqResp?: ReqRespInit;
  /** Peer resolution. */
  peers?: PeerResolverInit;
  /** Logger used instead of libp2p's default (`DEBUG=walrus-ts:*,libp2p:*`). */
  logger?: ComponentLogger;
  /** Optional metrics. */
  metrics?: NetworkMetrics;
  /**
   * Inbound connections accepted per second from one IP address. libp2p's default (5) refuses peers that
   * share an address, which every node of a loopback devnet does (and clients behind one NAT).
   * @default 200
   */
  inboundConnectionsPerHostPerSecond?: number;
  /** Inbound connections being upgraded at once. @default 64 */
  maxIncomingPendingConnections?: number;
  /**
   * Tune V8's garbage collector for bulk transfers ({@link tuneGcForBulkTransfers}, process-wide): without
   * it every 64 MiB received starts a full GC.
   * @default true
   */
  tuneGc?: boolean;
}

/** The running network service. */
export interface Network extends Startable {
  readonly libp2p: Libp2p<NetworkServices>;
  readonly peerId: PeerId;
  readonly events: NetworkEventBus;
  readonly reqResp: ReqResp;
  readonly networkName: string;
  /** The addresses peers can dial (listen or announce addresses, with `/p2p/<peerId>`). */
  getMultiaddrs(): Multiaddr[];
  /**
   * Addresses of a committee member: peer store first, then DHT `findPeer` with a timeout.
   * @throws PeerNotFoundError
   */
  resolvePeer(peerId: PeerId, opts?: ResolvePeerOptions): Promise<Multiaddr[]>;
  /** Topic string of `type` on this network. */
  gossipTopic(type: GossipTypeName): string;
  /** Publishes `data` on the `type` topic; returns the number of peers it was sent to. */
  publish(type: GossipTypeName, data: Uint8Array): Promise<{ recipients: number }>;
}

function parseAddrs(field: string, list: readonly string[]): void {
  for (const a of list) {
    try {
      multiaddr(a);
    } catch (err) {
      throw new InvalidArgumentError(
        `${field}: invalid multiaddr ${JSON.stringify(a)}`,
        'NETWORK_INVALID_MULTIADDR',
        {
          cause: err,
        },
      );
    }
  }
}

class DefaultNetwork implements Network {
  readonly libp2p: Libp2p<NetworkServices>;
  readonly events: NetworkEventBus;
  readonly reqResp: ReqResp;
  readonly networkName: string;
  readonly #subscribe: boolean;
  readonly #resolver: ReturnType<ReturnType<typeof peerResolver>>;
  #started = false;

  constructor(libp2p: Libp2p<NetworkServices>, init: NetworkInit, networkName: string) {
    this.libp2p = libp2p;
    this.networkName = networkName;
    this.events = new NetworkEventBus();
    this.#subscribe = init.subscribeGossip ?? true;
    this.reqResp = reqResp(init.reqResp)({
      libp2p,
      logger: libp2p.logger,
      metrics: init.metrics,
      events: this.events,
    });
    this.#resolver = peerResolver(init.peers)({
      peerStore: libp2p.peerStore,
      peerRouting: libp2p.peerRouting,
      logger: libp2p.logger,
    });
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/network';

  get peerId(): PeerId {
    return this.libp2p.peerId;
  }

  readonly #onConnect = (evt: CustomEvent<PeerId>): void => {
    this.events.emit(NetworkEvent.peerConnected, { peerId: evt.detail });
  };

  readonly #onDisconnect = (evt: CustomEvent<PeerId>): void => {
    this.events.emit(NetworkEvent.peerDisconnected, { peerId: evt.detail });
  };

  readonly #onGossip = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msg, msgId, propagationSource } = evt.detail;
    let topic;
    try {
      topic = parseGossipTopic(msg.topic);
    } catch {
      return;
    }
    if (topic.network !== this.networkName) return;
    this.events.emit(NetworkEvent.gossipMessage, { topic, from: propagationSource, data: msg.data, msgId });
  };

  async start(): Promise<void> {
    if (this.#started) return;
    await this.libp2p.start();
    await this.reqResp.start();
    this.libp2p.addEventListener('peer:connect', this.#onConnect);
    this.libp2p.addEventListener('peer:disconnect', this.#onDisconnect);
    this.libp2p.services.pubsub.addEventListener('gossipsub:message', this.#onGossip);
    if (this.#subscribe) {
      for (const type of ['blobs', 'epoch', 'recovery'] as const) {
        this.libp2p.services.pubsub.subscribe(this.gossipTopic(type));
      }
    }
    this.#started = true;
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.libp2p.removeEventListener('peer:connect', this.#onConnect);
    this.libp2p.removeEventListener('peer:disconnect', this.#onDisconnect);
    this.libp2p.services.pubsub.removeEventListener('gossipsub:message', this.#onGossip);
    await this.reqResp.stop();
    await this.libp2p.stop();
  }

  getMultiaddrs(): Multiaddr[] {
    return this.libp2p.getMultiaddrs();
  }

  resolvePeer(peerId: PeerId, opts?: ResolvePeerOptions): Promise<Multiaddr[]> {
    return this.#resolver.resolve(peerId, opts);
  }

  gossipTopic(type: GossipTypeName): string {
    return stringifyGossipTopic({ network: this.networkName, type });
  }

  async publish(type: GossipTypeName, data: Uint8Array): Promise<{ recipients: number }> {
    const res = await this.libp2p.services.pubsub.publish(this.gossipTopic(type), data);
    return { recipients: res.recipients.length };
  }
}

/**
 * Builds (does not start) the node's libp2p stack and network services. Call `start()`/`stop()`.
 * @throws InvalidArgumentError for a malformed multiaddr or network name.
 */
export async function createNetwork(init: NetworkInit = {}): Promise<Network> {
  const listen = init.listen ?? ['/ip4/127.0.0.1/tcp/0'];
  const announce = init.announce ?? [];
  const bootstrapList = init.bootstrap ?? [];
  const networkName = init.networkName ?? 'devnet';
  parseAddrs('listen', listen);
  parseAddrs('announce', announce);
  parseAddrs('bootstrap', bootstrapList);
  if (!isValidNetworkName(networkName)) {
    throw new InvalidArgumentError(
      `networkName: invalid ${JSON.stringify(networkName)}`,
      'NETWORK_INVALID_NAME',
    );
  }
  if (init.tuneGc ?? true) tuneGcForBulkTransfers();
  sendYamuxWindowUpdatesOnHalf();
  const libp2p = await createLibp2p<NetworkServices>({
    start: false,
    privateKey: init.privateKey,
    logger: init.logger,
    addresses: { listen, announce },
    connectionManager: {
      inboundConnectionThreshold: init.inboundConnectionsPerHostPerSecond ?? 200,
      maxIncomingPendingConnections: init.maxIncomingPendingConnections ?? 64,
    },
    transports: [tcp(), webSockets()],
    // The client's Noise back end: one KeyObject per cipher key instead of one per 64 KiB message (key
    // import was ~3.4% of the storage nodes' CPU during a 64 MiB store).
    connectionEncrypters: [noise({ crypto: fastNoiseCrypto })],
    streamMuxers: [yamux()],
    connectionMonitor: CONNECTION_MONITOR,
    peerDiscovery: bootstrapList.length > 0 ? [bootstrap({ list: bootstrapList, timeout: 100 })] : [],
    services: {
      identify: identify(),
      ping: ping(),
      dht: kadDHT({ protocol: KAD_DHT_PROTOCOL, clientMode: false, peerInfoMapper: passthroughMapper }),
      pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }),
    },
  });
  return new DefaultNetwork(libp2p, init, networkName);
}
