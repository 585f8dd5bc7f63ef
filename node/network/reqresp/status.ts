/**
 * Status codes of the request/response envelope (u16 on the wire, see `wire.ts`).
 *
 * 0 is success; 1..255 are reserved for the protocol layer; 256..65535 are free for application protocols
 * (handlers throw `RequestRejectedError(status, reason)` with them).
 */
export const ResponseStatus = {
  /** The request was served; header and body follow. */
  OK: 0,
  /** The request envelope or header could not be parsed. */
  MALFORMED: 1,
  /** The request header or body exceeds the protocol's limit. */
  TOO_LARGE: 2,
  /** The authorization hook refused the peer. */
  UNAUTHORIZED: 3,
  /** The peer has too many concurrent streams open on this protocol. */
  TOO_MANY_STREAMS: 4,
  /** The request was not received in time (idle or read timeout). */
  TIMEOUT: 5,
  /** The handler failed unexpectedly. */
  INTERNAL: 6,
  /** The requested item does not exist (e.g. no such sliver). */
  NOT_FOUND: 7,
  /** The request is well formed but its content is wrong (e.g. a sliver that fails verification). */
  INVALID: 8,
  /** The node cannot serve this now (e.g. shard not ready); try later or elsewhere. */
  UNAVAILABLE: 9,
} as const;

/** One of the {@link ResponseStatus} values, or an application status in 256..65535. */
export type ResponseStatusCode = (typeof ResponseStatus)[keyof typeof ResponseStatus] | number;

/** First status number application protocols may use for their own conditions. */
export const FIRST_APPLICATION_STATUS = 256;
