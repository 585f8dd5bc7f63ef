/**
 * Resolving a committee member's peer ID to dialable addresses: first the peer store (addresses learnt
 * from identify, earlier connections or the DHT), then a DHT `findPeer` bounded by a timeout.
 */
import type {
  AbortOptions,
  ComponentLogger,
  Logger,
  PeerId,
  PeerRouting,
  PeerStore,
} from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import { DEFAULT_FIND_PEER_TIMEOUT_MS } from '../constants.ts';
import { PeerNotFoundError } from '../errors.ts';

/** What the resolver needs from libp2p. */
export interface PeerResolverComponents {
  peerStore: Pick<PeerStore, 'get' | 'has'>;
  peerRouting: Pick<PeerRouting, 'findPeer'>;
  logger: ComponentLogger;
}

/** Options of {@link PeerResolverComponents}. */
export interface PeerResolverInit {
  /**
   * Time allowed for the DHT lookup, in ms.
   * @default 10_000
   */
  findPeerTimeoutMs?: number;
}

/** Options of one resolution. */
export interface ResolvePeerOptions extends AbortOptions {
  /** Skip the peer store and always ask the DHT (e.g. after dialing the stored addresses failed). */
  refresh?: boolean;
  /** Overrides the resolver's `findPeerTimeoutMs` for this call. */
  timeoutMs?: number;
}

/** Turns peer IDs into addresses. */
export interface PeerResolver {
  /**
   * Returns the known addresses of `peerId` (never empty).
   * @throws PeerNotFoundError when neither the peer store nor the DHT knows addresses in time; the signal's
   *   reason when the caller aborted.
   */
  resolve(peerId: PeerId, opts?: ResolvePeerOptions): Promise<Multiaddr[]>;
}

class DefaultPeerResolver implements PeerResolver {
  readonly #components: PeerResolverComponents;
  readonly #log: Logger;
  readonly #timeoutMs: number;

  constructor(components: PeerResolverComponents, init: PeerResolverInit = {}) {
    this.#components = components;
    this.#log = components.logger.forComponent('walrus-ts:network:peers:resolve');
    this.#timeoutMs = init.findPeerTimeoutMs ?? DEFAULT_FIND_PEER_TIMEOUT_MS;
  }

  async resolve(peerId: PeerId, opts: ResolvePeerOptions = {}): Promise<Multiaddr[]> {
    opts.signal?.throwIfAborted();
    if (opts.refresh !== true && (await this.#components.peerStore.has(peerId))) {
      const peer = await this.#components.peerStore.get(peerId);
      if (peer.addresses.length > 0) return peer.addresses.map((a) => a.multiaddr);
    }
    const timeoutMs = opts.timeoutMs ?? this.#timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (opts.signal) signals.push(opts.signal);
    try {
      const info = await this.#components.peerRouting.findPeer(peerId, { signal: AbortSignal.any(signals) });
      if (info.multiaddrs.length > 0) return info.multiaddrs;
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      this.#log('findPeer %p failed - %e', peerId, err);
      throw new PeerNotFoundError(peerId.toString(), { cause: err });
    }
    throw new PeerNotFoundError(peerId.toString());
  }
}

/** Factory: `peerResolver(init)(components)`. */
export function peerResolver(
  init: PeerResolverInit = {},
): (components: PeerResolverComponents) => PeerResolver {
  return (components) => new DefaultPeerResolver(components, init);
}
