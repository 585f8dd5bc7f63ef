/**
 * Errors of the network layer (libp2p node, request/response protocols, peer resolution, gossip topics).
 *
 * Callers branch on `err.name` or `err.code`, never on the message. Errors that describe a request/response
 * failure carry the wire {@link ResponseStatus} they map to and whether the far side reported them
 * (`remote: true`) or this node detected them itself (`remote: false`).
 *
 * @packageDocumentation
 */
import { InvalidArgumentError, WalrusTsError } from '../../shared/errors.ts';
import { ResponseStatus } from './reqresp/status.ts';

/** Root of every network error. */
export class NetworkError extends WalrusTsError {
  static readonly name: string = 'NetworkError';
  constructor(message: string, code = 'NETWORK_ERROR', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/**
 * Base of the request/response failures. `status` is the wire status this failure is (or would be) sent as;
 * `remote` says whether the other side reported it. `retryable` tells callers whether the same request may
 * succeed later against the same peer (busy, timeouts) or not (too large, unauthorized, malformed).
 */
export class ReqRespError extends NetworkError {
  static readonly name: string = 'ReqRespError';
  readonly status: number;
  readonly remote: boolean;
  readonly retryable: boolean;
  constructor(
    message: string,
    code: string,
    status: number,
    remote: boolean,
    retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, code, options);
    this.status = status;
    this.remote = remote;
    this.retryable = retryable;
  }
}

/** A message (request or response header/body) is larger than the protocol's limit. Not retryable. */
export class MessageTooLargeError extends ReqRespError {
  static readonly name = 'MessageTooLargeError';
  /** The part that was too large. */
  readonly part: 'header' | 'body' | 'reason';
  /** The limit in bytes, when known (0 when only the remote knows it). */
  readonly limit: number;
  /** The announced size in bytes, when known. */
  readonly size: number;
  constructor(
    part: 'header' | 'body' | 'reason',
    size: number,
    limit: number,
    remote = false,
    reason?: string,
  ) {
    super(
      reason ??
        `${remote ? 'remote rejected: ' : ''}${part} of ${size} bytes exceeds the limit of ${limit} bytes`,
      'NETWORK_MESSAGE_TOO_LARGE',
      ResponseStatus.TOO_LARGE,
      remote,
      false,
    );
    this.part = part;
    this.size = size;
    this.limit = limit;
  }
}

/**
 * A stream made no progress in time. `kind` is `idle` (no bytes for the idle timeout), `read` (a whole
 * message was not read within the read timeout), `write` (the remote stopped reading: no drain in time) or
 * `request` (the caller's overall deadline). Retryable.
 */
export class StreamTimeoutError extends ReqRespError {
  static readonly name = 'StreamTimeoutError';
  readonly kind: 'idle' | 'read' | 'write' | 'request';
  readonly timeoutMs: number;
  constructor(
    kind: 'idle' | 'read' | 'write' | 'request',
    timeoutMs: number,
    remote = false,
    reason?: string,
  ) {
    super(
      reason ?? `${remote ? 'remote reported: ' : ''}${kind} timeout after ${timeoutMs} ms`,
      'NETWORK_STREAM_TIMEOUT',
      ResponseStatus.TIMEOUT,
      remote,
      true,
    );
    this.kind = kind;
    this.timeoutMs = timeoutMs;
  }
}

/** The protocol's authorization hook refused the peer (e.g. not a committee member). Not retryable. */
export class UnauthorizedPeerError extends ReqRespError {
  static readonly name = 'UnauthorizedPeerError';
  constructor(message = 'peer is not authorized for this protocol', remote = true) {
    super(message, 'NETWORK_UNAUTHORIZED', ResponseStatus.UNAUTHORIZED, remote, false);
  }
}

/** The peer already has the maximum number of concurrent streams open on this protocol. Retryable later. */
export class TooManyStreamsError extends ReqRespError {
  static readonly name = 'TooManyStreamsError';
  readonly limit: number;
  constructor(limit: number, remote = true, reason?: string) {
    super(
      reason ?? `too many concurrent streams from this peer (limit ${limit})`,
      'NETWORK_TOO_MANY_STREAMS',
      ResponseStatus.TOO_MANY_STREAMS,
      remote,
      true,
    );
    this.limit = limit;
  }
}

/** The envelope or header could not be parsed (bad version, lengths, or the protocol's header decoder failed). */
export class MalformedMessageError extends ReqRespError {
  static readonly name = 'MalformedMessageError';
  constructor(message: string, remote = false, options?: ErrorOptions) {
    super(message, 'NETWORK_MALFORMED_MESSAGE', ResponseStatus.MALFORMED, remote, false, options);
  }
}

/** The stream ended (closed or reset) before a whole message arrived. Retryable. */
export class StreamClosedError extends ReqRespError {
  static readonly name = 'StreamClosedError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'NETWORK_STREAM_CLOSED', ResponseStatus.INTERNAL, false, true, options);
  }
}

/**
 * The remote handler answered with a non-OK status that has no more specific class here: `NOT_FOUND`,
 * `INVALID`, `UNAVAILABLE`, `INTERNAL` or an application status >= 256. `status` and `reason` come from the
 * wire.
 */
export class RemoteError extends ReqRespError {
  static readonly name = 'RemoteError';
  readonly reason: string;
  constructor(status: number, reason: string) {
    super(
      `remote error ${status}: ${reason}`,
      'NETWORK_REMOTE_ERROR',
      status,
      true,
      status === ResponseStatus.UNAVAILABLE || status === ResponseStatus.INTERNAL,
    );
    this.reason = reason;
  }
}

/**
 * Thrown by a request handler to answer with a chosen status and reason, e.g.
 * `throw new RequestRejectedError(ResponseStatus.NOT_FOUND, 'no such sliver')`. The client receives it as the
 * matching typed error ({@link RemoteError} for application statuses).
 */
export class RequestRejectedError extends NetworkError {
  static readonly name = 'RequestRejectedError';
  readonly status: number;
  readonly reason: string;
  constructor(status: number, reason: string) {
    super(reason, 'NETWORK_REQUEST_REJECTED');
    if (!Number.isInteger(status) || status <= 0 || status > 0xffff) {
      throw new InvalidArgumentError(`status must be an integer in 1..65535, got ${status}`);
    }
    this.status = status;
    this.reason = reason;
  }
}

/** `handle()` was called twice for one protocol id. */
export class DuplicateProtocolHandlerError extends NetworkError {
  static readonly name = 'DuplicateProtocolHandlerError';
  constructor(protocol: string) {
    super(`a handler is already registered for ${protocol}`, 'NETWORK_DUPLICATE_HANDLER');
  }
}

/** A protocol id does not look like `/walrus-ts/<name>/<major>.<minor>.<patch>`. */
export class InvalidProtocolIdError extends NetworkError {
  static readonly name = 'InvalidProtocolIdError';
  constructor(protocol: string) {
    super(`invalid protocol id ${JSON.stringify(protocol)}`, 'NETWORK_INVALID_PROTOCOL_ID');
  }
}

/** Neither the peer store nor the DHT produced addresses for a peer within the timeout. Retryable. */
export class PeerNotFoundError extends NetworkError {
  static readonly name = 'PeerNotFoundError';
  readonly peerId: string;
  constructor(peerId: string, options?: ErrorOptions) {
    super(`no addresses found for peer ${peerId}`, 'NETWORK_PEER_NOT_FOUND', options);
    this.peerId = peerId;
  }
}

/** A gossip topic string is not `/walrus-ts/<network>/<type>/<version>` with a known type. */
export class InvalidGossipTopicError extends NetworkError {
  static readonly name = 'InvalidGossipTopicError';
  constructor(topic: string, why: string) {
    super(`invalid gossip topic ${JSON.stringify(topic)}: ${why}`, 'NETWORK_INVALID_GOSSIP_TOPIC');
  }
}

/** The network service was used before `start()` or after `stop()`. */
export class NetworkNotStartedError extends NetworkError {
  static readonly name = 'NetworkNotStartedError';
  constructor() {
    super('the network service is not started', 'NETWORK_NOT_STARTED');
  }
}
