/**
 * Network layer of the storage node: libp2p node, request/response protocols, peer resolution, gossip topics
 * and the typed event bus.
 *
 * @packageDocumentation
 */
export * from './constants.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './gossip/topics.ts';
export * from './metrics.ts';
export * from './network.ts';
export * from './peers/resolve.ts';
export * from './reqresp/auth.ts';
export * from './reqresp/limits.ts';
export * from './reqresp/reqresp.ts';
export * from './reqresp/status.ts';
export * from './reqresp/wire.ts';
