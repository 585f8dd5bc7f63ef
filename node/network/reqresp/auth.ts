/**
 * Authorization hooks for request/response protocols: decide, per protocol, which peers may open a stream.
 * A hook runs before any request byte is read; a refusal is answered with `UNAUTHORIZED`.
 */
import type { Connection, PeerId } from '@libp2p/interface';

/** Context passed to an {@link AuthorizePeer} hook. */
export interface AuthorizeContext {
  protocol: string;
  connection: Connection;
}

/**
 * Returns true when `peer` may use the protocol. May be async (e.g. look the peer up in the current
 * committee). A hook that throws counts as a refusal.
 */
export type AuthorizePeer = (peer: PeerId, ctx: AuthorizeContext) => boolean | Promise<boolean>;

/** Lets every peer in (public protocols such as client uploads and reads). */
export const allowAnyPeer: AuthorizePeer = () => true;

/**
 * Lets in only the peers for which `isMember(peerIdString)` is true, e.g. committee members for shard sync
 * and recovery. The predicate is called on every new stream, so it follows committee changes.
 */
export function allowPeers(isMember: (peerId: string) => boolean | Promise<boolean>): AuthorizePeer {
  return (peer) => isMember(peer.toString());
}
