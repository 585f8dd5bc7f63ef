/**
 * Network constants: protocol ids, defaults for the request/response layer, units in the names.
 *
 * @see /work/shared/architecture.md ("What the nodes agree through") and spec §9.
 */

/** Prefix of every walrus-ts libp2p protocol id and gossip topic. */
export const PROTOCOL_PREFIX = '/walrus-ts';

/** Protocol id of our private Kademlia DHT (kept apart from the public IPFS DHT). */
export const KAD_DHT_PROTOCOL = '/walrus-ts/kad/1.0.0';

/**
 * Versioned request/response protocol ids look like `/walrus-ts/<name>[/<sub>]/<major>.<minor>.<patch>`,
 * all lower case, e.g. `/walrus-ts/sliver/1.0.0`.
 */
export const PROTOCOL_ID_PATTERN = /^\/walrus-ts(\/[a-z0-9][a-z0-9-]*)+\/\d+\.\d+\.\d+$/;

const KiB = 1024;
const MiB = 1024 * KiB;
const SECOND_MS = 1000;

/** Default cap of concurrent inbound streams per peer and protocol. */
export const DEFAULT_MAX_STREAMS_PER_PEER = 8;
/** Default limit on a request or response header (BCS), in bytes. */
export const DEFAULT_MAX_HEADER_BYTES = 64 * KiB;
/** Default limit on a request or response body when a protocol does not set one, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1 * MiB;
/** Fail a read when no byte arrived for this long. */
export const DEFAULT_IDLE_TIMEOUT_MS = 10 * SECOND_MS;
/** Fail when a whole request (prefix, header, body) is not received within this time. */
export const DEFAULT_READ_TIMEOUT_MS = 60 * SECOND_MS;
/** Abort a handler that has not produced its response within this time. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 60 * SECOND_MS;
/** Client-side overall deadline for one request (dial, send, receive). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60 * SECOND_MS;
/** After an error response, how long the server waits for the client to close before resetting. */
export const DEFAULT_REJECT_GRACE_MS = 2 * SECOND_MS;
/** Client: idle kept-alive request/response streams kept per (peer, protocol). */
export const DEFAULT_MAX_IDLE_STREAMS_PER_PEER = 4;
/** Client: a kept-alive stream unused for this long is closed (below the server's keep-alive timeout). */
export const DEFAULT_IDLE_STREAM_TIMEOUT_MS = 10 * SECOND_MS;
/** Server: a keep-alive stream with no next request within this time is closed. */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 30 * SECOND_MS;
/** Largest piece handed to `stream.send()` at once. */
export const DEFAULT_SEND_CHUNK_BYTES = 256 * KiB;
/** Default time allowed for a DHT `findPeer` when resolving a committee member. */
export const DEFAULT_FIND_PEER_TIMEOUT_MS = 10 * SECOND_MS;

/** libp2p's own per-connection inbound stream cap is set to this multiple of our per-peer limit. */
export const LIBP2P_INBOUND_STREAM_HEADROOM = 4;
