/**
 * Typed event bus between the network layer and the rest of the node (sync, api, metrics).
 *
 * Event names are namespaced strings (`'network.peerConnected'`), listed once in {@link NetworkEvent}; the
 * payload of each is fixed by {@link NetworkEventData}. Cross-domain signals go over this bus, not direct
 * calls (architecture: "Cross-domain signals go over network/events.ts").
 *
 * @example
 * ```ts
 * const bus = new NetworkEventBus()
 * const off = bus.on(NetworkEvent.gossipMessage, ({ topic, data }) => { ... })
 * bus.emit(NetworkEvent.gossipMessage, { topic, from, data, msgId })
 * off()
 * ```
 */
import { TypedEventEmitter } from '@libp2p/interface';
import type { PeerId } from '@libp2p/interface';
import type { GossipTopic } from './gossip/topics.ts';

/** Names of every network event. Values never change once released (listeners and metrics key on them). */
export const NetworkEvent = {
  /** A connection to a peer opened (first connection only). */
  peerConnected: 'network.peerConnected',
  /** The last connection to a peer closed. */
  peerDisconnected: 'network.peerDisconnected',
  /** A gossip message passed validation on one of our topics. */
  gossipMessage: 'network.gossipMessage',
  /** An inbound request/response exchange finished (served or refused). */
  requestServed: 'network.requestServed',
} as const;

/** One of the {@link NetworkEvent} names. */
export type NetworkEventName = (typeof NetworkEvent)[keyof typeof NetworkEvent];

/** Payload of each network event. */
export interface NetworkEventData {
  [NetworkEvent.peerConnected]: { peerId: PeerId };
  [NetworkEvent.peerDisconnected]: { peerId: PeerId };
  [NetworkEvent.gossipMessage]: {
    /** The parsed topic the message arrived on. */
    topic: GossipTopic;
    /** The peer that forwarded it to us (propagation source). */
    from: PeerId;
    /** Message bytes as published. */
    data: Uint8Array;
    /** Gossipsub message id. */
    msgId: string;
  };
  [NetworkEvent.requestServed]: {
    protocol: string;
    peerId: PeerId;
    /** Wire status sent (0 = OK). */
    status: number;
    /** Request bytes received (prefix, header, body). */
    bytesIn: number;
    /** Response bytes sent. */
    bytesOut: number;
    durationMs: number;
  };
}

type EventMap = { [K in NetworkEventName]: CustomEvent<NetworkEventData[K]> };

/** The bus: a typed `EventTarget` plus `on`/`emit` helpers. */
export class NetworkEventBus extends TypedEventEmitter<EventMap> {
  /** Dispatches `name` with `data` to every listener, synchronously. */
  emit<K extends NetworkEventName>(name: K, data: NetworkEventData[K]): void {
    this.safeDispatchEvent(name, { detail: data });
  }

  /** Adds a listener for `name` and returns a function that removes it. */
  on<K extends NetworkEventName>(name: K, listener: (data: NetworkEventData[K]) => void): () => void {
    const wrapped = (evt: CustomEvent<NetworkEventData[K]>): void => listener(evt.detail);
    this.addEventListener(name, wrapped as never);
    return () => this.removeEventListener(name, wrapped as never);
  }
}
