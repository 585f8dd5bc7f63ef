/**
 * Generic request/response protocol layer over libp2p streams: one request and one response per stream,
 * each a fixed binary prefix (see `wire.ts`), an opaque header (the protocol's BCS) and a streamed body.
 *
 * What it enforces, per registered protocol:
 * - authorization (`authorize` hook) before any byte is read;
 * - a per-peer cap on concurrent inbound streams (excess streams get a `TOO_MANY_STREAMS` response);
 * - size limits on header and body, checked from the prefix before the bytes are read (`TOO_LARGE`);
 * - an idle timeout (no byte for `idleTimeoutMs`) and a read timeout (whole request) that answer `TIMEOUT`
 *   and free the slot while other peers keep being served; a handler timeout (`INTERNAL`);
 * - backpressure on every write (`send()` false -> wait for drain, with a timeout).
 *
 * Handlers return `{ header, body }` or throw {@link RequestRejectedError} to answer with a chosen status.
 * Clients call {@link ReqResp.request} and get either the response or a typed error.
 *
 * @example
 * ```ts
 * const rr = reqResp({ maxConcurrentStreamsPerPeer: 4 })({ libp2p, logger: libp2p.logger })
 * await rr.start()
 * await rr.handle('/walrus-ts/sliver/1.0.0', async ({ header, body }) => ({ header: ok, body: sliver }), {
 *   maxRequestBodyBytes: 0, maxResponseBodyBytes: maxSliverBytes, authorize: allowAnyPeer,
 * })
 * const res = await rr.request(peerId, '/walrus-ts/sliver/1.0.0', header, new Uint8Array(), {
 *   maxResponseBodyBytes: maxSliverBytes, signal: AbortSignal.timeout(10_000),
 * })
 * ```
 */
import type {
  AbortOptions,
  ComponentLogger,
  Connection,
  Libp2p,
  Logger,
  PeerId,
  Startable,
  Stream,
} from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import {
  DEFAULT_HANDLER_TIMEOUT_MS,
  DEFAULT_IDLE_STREAM_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_IDLE_STREAMS_PER_PEER,
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_STREAMS_PER_PEER,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_REJECT_GRACE_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SEND_CHUNK_BYTES,
  LIBP2P_INBOUND_STREAM_HEADROOM,
  PROTOCOL_ID_PATTERN,
} from '../constants.ts';
import {
  DuplicateProtocolHandlerError,
  InvalidProtocolIdError,
  MalformedMessageError,
  MessageTooLargeError,
  NetworkNotStartedError,
  RemoteError,
  ReqRespError,
  RequestRejectedError,
  StreamClosedError,
  StreamTimeoutError,
  TooManyStreamsError,
  UnauthorizedPeerError,
} from '../errors.ts';
import { NetworkEvent } from '../events.ts';
import type { NetworkEventBus } from '../events.ts';
import type { NetworkMetrics } from '../metrics.ts';
import { statusLabel } from '../metrics.ts';
import type { AuthorizePeer } from './auth.ts';
import { ResponseStatus } from './status.ts';
import { BufferPool } from '../../memory/buffer-pool.ts';
import { concatBytes, sendAll, StreamReader, toError } from './stream-io.ts';
import {
  decodeRequestPrefix,
  decodeResponsePrefix,
  encodeReason,
  encodeRequestPrefix,
  encodeResponsePrefix,
  MAX_REASON_BYTES,
  REQUEST_PREFIX_BYTES,
  RESPONSE_PREFIX_BYTES,
  WIRE_VERSION,
  WIRE_VERSION_KEEP_ALIVE,
} from './wire.ts';

/**
 * How long an idle keep-alive stream keeps the release of its last answer (ms); see
 * {@link OutboundResponse.release}.
 */
const RELEASE_WAIT_MS = 1000;

/** The parts of libp2p the layer uses. */
export interface ReqRespComponents {
  libp2p: Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol'>;
  logger: ComponentLogger;
  metrics?: NetworkMetrics;
  events?: NetworkEventBus;
}

/** Layer-wide defaults; each can be overridden per protocol in {@link HandleOptions}. */
export interface ReqRespInit {
  /**
   * Concurrent inbound streams one peer may have open on one protocol.
   * @default 8
   */
  maxConcurrentStreamsPerPeer?: number;
  /**
   * Fail a read (server: request; client: response) when no byte arrives for this long, in ms.
   * @default 10_000
   */
  idleTimeoutMs?: number;
  /**
   * Server: the whole request must arrive within this time, in ms.
   * @default 60_000
   */
  readTimeoutMs?: number;
  /**
   * Server: the handler must produce its response within this time, in ms.
   * @default 60_000
   */
  handlerTimeoutMs?: number;
  /**
   * Client: overall deadline of one request (dial, send, receive), in ms.
   * @default 60_000
   */
  requestTimeoutMs?: number;
  /**
   * Server: after an error response, how long to wait for the client to close before resetting, in ms.
   * @default 2_000
   */
  rejectGraceMs?: number;
  /**
   * Largest piece given to `stream.send()` at once, in bytes.
   * @default 262_144
   */
  sendChunkBytes?: number;
  /**
   * Client: send requests as envelope version 2 and keep the stream open afterwards, so the next request
   * to the same peer and protocol skips opening and negotiating a stream. Needs a peer that speaks
   * version 2 (walrus-ts since the keep-alive envelope); set false to talk to older ones.
   * @default true
   */
  keepAlive?: boolean;
  /**
   * Client: idle kept-alive streams kept per (peer, protocol); more are closed after their answer.
   * @default 4
   */
  maxIdleStreamsPerPeer?: number;
  /**
   * Client: close a kept-alive stream unused for this long, in ms (keep it below the servers'
   * `keepAliveTimeoutMs` so that they rarely close first).
   * @default 10_000
   */
  idleStreamTimeoutMs?: number;
  /**
   * Server: close a keep-alive stream when no next request starts within this time, in ms.
   * @default 30_000
   */
  keepAliveTimeoutMs?: number;
}

/** Size limits of one protocol, in bytes. Server checks the request ones, client the response ones. */
export interface ProtocolLimits {
  /** @default 65_536 */
  maxRequestHeaderBytes: number;
  /** @default 1_048_576 */
  maxRequestBodyBytes: number;
  /** @default 65_536 */
  maxResponseHeaderBytes: number;
  /** @default 1_048_576 */
  maxResponseBodyBytes: number;
}

/** Options of {@link ReqResp.handle}. Unset fields take the layer defaults. */
export interface HandleOptions extends Partial<ProtocolLimits> {
  /**
   * Who may use the protocol. @default allowAnyPeer
   */
  authorize?: AuthorizePeer;
  maxConcurrentStreamsPerPeer?: number;
  idleTimeoutMs?: number;
  readTimeoutMs?: number;
  handlerTimeoutMs?: number;
  /**
   * Read each request body into a SharedArrayBuffer, so that the handler can hand views of it to worker
   * threads without copying or transferring it. The handler must then not transfer `body.buffer`.
   * @default false
   */
  sharedBody?: boolean;
  /**
   * With `sharedBody`: read request bodies into reused SharedArrayBuffers ({@link BufferPool}) instead
   * of a new one per request. A body's memory goes back to the pool once the handler has settled (even
   * after a handler timeout) and the response has been sent, so the handler must keep no reference to
   * `body` (nor views of it) beyond that: copy what it keeps. (A response body that is a view of it is
   * allowed: that memory is then not reused.)
   * @default false
   */
  reuseBody?: boolean;
}

/** What a handler receives. `signal` aborts when the stream dies or the handler times out. */
export interface InboundRequest {
  peer: PeerId;
  protocol: string;
  connection: Connection;
  header: Uint8Array;
  body: Uint8Array;
  signal: AbortSignal;
}

/** What a handler returns. `body` may be given in pieces (they are sent in order, not concatenated). */
export interface OutboundResponse {
  header?: Uint8Array;
  body?: Uint8Array | readonly Uint8Array[];
  /**
   * Called once no part of `body` is referenced by the layer any more, so that its memory can be reused:
   * when the client's next request arrives on the same stream (it has read this whole answer, so every
   * byte was encrypted and sent) or when the stream has closed. A muxer may still hold a sent part in its
   * queue until then. A response that is never sent (the handler timed out) is released when its handler
   * settles. An idle stream forgets it after a second (never released: left to the collector), so that
   * idle keep-alive streams do not pin memory.
   */
  release?: () => void;
}

/** Serves one request. Throw {@link RequestRejectedError} to answer with a specific status. */
export type RequestHandler = (request: InboundRequest) => OutboundResponse | Promise<OutboundResponse>;

/** Options of {@link ReqResp.request}. */
export interface RequestOptions extends AbortOptions {
  /** Refuse a response header larger than this. @default the protocol's registered limit or 65_536 */
  maxResponseHeaderBytes?: number;
  /** Refuse a response body larger than this. @default the protocol's registered limit or 1_048_576 */
  maxResponseBodyBytes?: number;
  /** Overall deadline for this request, in ms. @default the layer's `requestTimeoutMs` */
  timeoutMs?: number;
  /** Fail when the response makes no progress for this long, in ms. @default the layer's `idleTimeoutMs` */
  idleTimeoutMs?: number;
  /**
   * Read the response body into a SharedArrayBuffer, so the caller can hand views of it to worker threads
   * without copying or transferring it (the response-side twin of `HandleOptions.sharedBody`).
   * @default false
   */
  sharedResponseBody?: boolean;
  /**
   * Take the response body's shared memory from this pool instead of a new SharedArrayBuffer (implies
   * `sharedResponseBody`). The body is given back to the pool here when the request fails; after a
   * successful answer the caller owns it and gives it back ({@link BufferPool.give}) once done.
   */
  responseBodyPool?: BufferPool;
}

/** A successful response. */
export interface InboundResponse {
  header: Uint8Array;
  body: Uint8Array;
}

/** Where to send a request: a peer id (resolved through the peer store/DHT by libp2p) or addresses. */
export type RequestTarget = PeerId | Multiaddr | Multiaddr[];

/** The request/response service. */
export interface ReqResp extends Startable {
  /**
   * Registers `handler` for `protocol` (e.g. `/walrus-ts/sliver/1.0.0`).
   * @throws InvalidProtocolIdError, DuplicateProtocolHandlerError, NetworkNotStartedError
   */
  handle(protocol: string, handler: RequestHandler, opts?: HandleOptions): Promise<void>;
  /** Removes the handler of `protocol` (streams in progress finish). */
  unhandle(protocol: string): Promise<void>;
  /**
   * Sends one request and returns the response.
   * @throws MessageTooLargeError, StreamTimeoutError, UnauthorizedPeerError, TooManyStreamsError,
   *   MalformedMessageError, RemoteError (other statuses), StreamClosedError, or the dial error / the
   *   signal's reason.
   */
  request(
    target: RequestTarget,
    protocol: string,
    header: Uint8Array,
    body: Uint8Array | readonly Uint8Array[],
    opts?: RequestOptions,
  ): Promise<InboundResponse>;
  /** Inbound streams currently being served for `protocol` from `peer` (for tests and status pages). */
  activeStreams(protocol: string, peer?: PeerId): number;
}

interface Registration {
  handler: RequestHandler;
  limits: ProtocolLimits;
  authorize?: AuthorizePeer;
  maxStreams: number;
  idleTimeoutMs: number;
  readTimeoutMs: number;
  handlerTimeoutMs: number;
  sharedBody: boolean;
  reuseBody: boolean;
  active: Map<string, number>;
}

function checkPositiveInt(name: string, value: number, allowZero = false): number {
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new RangeError(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${value}`,
    );
  }
  return value;
}

function asParts(body: Uint8Array | readonly Uint8Array[]): readonly Uint8Array[] {
  return body instanceof Uint8Array ? [body] : body;
}

function totalLength(parts: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of parts) n += p.byteLength;
  return n;
}

/** Maps a non-OK wire status and reason to the typed client error. */
export function errorFromStatus(status: number, reason: string): ReqRespError {
  switch (status) {
    case ResponseStatus.TOO_LARGE:
      return new MessageTooLargeError('body', 0, 0, true, `remote rejected: ${reason}`);
    case ResponseStatus.TIMEOUT:
      return new StreamTimeoutError('read', 0, true, `remote timed out: ${reason}`);
    case ResponseStatus.UNAUTHORIZED:
      return new UnauthorizedPeerError(`remote refused: ${reason}`, true);
    case ResponseStatus.TOO_MANY_STREAMS:
      return new TooManyStreamsError(0, true, `remote refused: ${reason}`);
    case ResponseStatus.MALFORMED:
      return new MalformedMessageError(`remote could not parse the request: ${reason}`, true);
    default:
      return new RemoteError(status, reason);
  }
}

/** Wire status and reason for an error raised while serving a request. */
function statusFromError(err: Error): { status: number; reason: string } {
  if (err instanceof RequestRejectedError) return { status: err.status, reason: err.reason };
  if (err instanceof ReqRespError) return { status: err.status, reason: err.message };
  return { status: ResponseStatus.INTERNAL, reason: 'internal error' };
}

class DefaultReqResp implements ReqResp {
  readonly #components: ReqRespComponents;
  readonly #log: Logger;
  readonly #maxStreams: number;
  readonly #idleTimeoutMs: number;
  readonly #readTimeoutMs: number;
  readonly #handlerTimeoutMs: number;
  readonly #requestTimeoutMs: number;
  readonly #rejectGraceMs: number;
  readonly #chunkBytes: number;
  readonly #registrations = new Map<string, Registration>();
  readonly #lingering = new Set<Stream>();
  readonly #keepAlive: boolean;
  readonly #maxIdleStreams: number;
  readonly #idleStreamTimeoutMs: number;
  readonly #keepAliveTimeoutMs: number;
  /** Client: kept-alive streams by {@link poolKey}, most recently used last. */
  readonly #idle = new Map<string, PooledStream[]>();
  /** Server: keep-alive streams waiting for their next request. */
  readonly #idleInbound = new Set<Stream>();
  /** Server: reused request bodies of protocols registered with `reuseBody`. */
  readonly #bodies = new BufferPool({ shared: true });
  #started = false;

  constructor(components: ReqRespComponents, init: ReqRespInit = {}) {
    this.#components = components;
    this.#log = components.logger.forComponent('walrus-ts:network:reqresp');
    this.#maxStreams = checkPositiveInt(
      'maxConcurrentStreamsPerPeer',
      init.maxConcurrentStreamsPerPeer ?? DEFAULT_MAX_STREAMS_PER_PEER,
    );
    this.#idleTimeoutMs = checkPositiveInt('idleTimeoutMs', init.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    this.#readTimeoutMs = checkPositiveInt('readTimeoutMs', init.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS);
    this.#handlerTimeoutMs = checkPositiveInt(
      'handlerTimeoutMs',
      init.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    );
    this.#requestTimeoutMs = checkPositiveInt(
      'requestTimeoutMs',
      init.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    );
    this.#rejectGraceMs = checkPositiveInt(
      'rejectGraceMs',
      init.rejectGraceMs ?? DEFAULT_REJECT_GRACE_MS,
      true,
    );
    this.#chunkBytes = checkPositiveInt('sendChunkBytes', init.sendChunkBytes ?? DEFAULT_SEND_CHUNK_BYTES);
    this.#keepAlive = init.keepAlive ?? true;
    this.#maxIdleStreams = checkPositiveInt(
      'maxIdleStreamsPerPeer',
      init.maxIdleStreamsPerPeer ?? DEFAULT_MAX_IDLE_STREAMS_PER_PEER,
      true,
    );
    this.#idleStreamTimeoutMs = checkPositiveInt(
      'idleStreamTimeoutMs',
      init.idleStreamTimeoutMs ?? DEFAULT_IDLE_STREAM_TIMEOUT_MS,
    );
    this.#keepAliveTimeoutMs = checkPositiveInt(
      'keepAliveTimeoutMs',
      init.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    );
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/reqresp';

  async start(): Promise<void> {
    this.#started = true;
  }

  async stop(): Promise<void> {
    this.#started = false;
    const protocols = [...this.#registrations.keys()];
    this.#registrations.clear();
    if (protocols.length > 0) await this.#components.libp2p.unhandle(protocols).catch(() => {});
    for (const s of this.#lingering) s.abort(new StreamClosedError('request/response layer stopped'));
    this.#lingering.clear();
    for (const s of this.#idleInbound) s.abort(new StreamClosedError('request/response layer stopped'));
    this.#idleInbound.clear();
    for (const list of this.#idle.values()) {
      for (const e of list) {
        this.#unpool(e);
        e.reader.release();
        e.stream.abort(new StreamClosedError('request/response layer stopped'));
      }
    }
    this.#idle.clear();
  }

  activeStreams(protocol: string, peer?: PeerId): number {
    const reg = this.#registrations.get(protocol);
    if (!reg) return 0;
    if (peer) return reg.active.get(peer.toString()) ?? 0;
    let n = 0;
    for (const v of reg.active.values()) n += v;
    return n;
  }

  async handle(protocol: string, handler: RequestHandler, opts: HandleOptions = {}): Promise<void> {
    if (!this.#started) throw new NetworkNotStartedError();
    if (!PROTOCOL_ID_PATTERN.test(protocol)) throw new InvalidProtocolIdError(protocol);
    if (this.#registrations.has(protocol)) throw new DuplicateProtocolHandlerError(protocol);
    const reg: Registration = {
      handler,
      limits: {
        maxRequestHeaderBytes: checkPositiveInt(
          'maxRequestHeaderBytes',
          opts.maxRequestHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
          true,
        ),
        maxRequestBodyBytes: checkPositiveInt(
          'maxRequestBodyBytes',
          opts.maxRequestBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          true,
        ),
        maxResponseHeaderBytes: checkPositiveInt(
          'maxResponseHeaderBytes',
          opts.maxResponseHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
          true,
        ),
        maxResponseBodyBytes: checkPositiveInt(
          'maxResponseBodyBytes',
          opts.maxResponseBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          true,
        ),
      },
      authorize: opts.authorize,
      maxStreams: checkPositiveInt(
        'maxConcurrentStreamsPerPeer',
        opts.maxConcurrentStreamsPerPeer ?? this.#maxStreams,
      ),
      idleTimeoutMs: checkPositiveInt('idleTimeoutMs', opts.idleTimeoutMs ?? this.#idleTimeoutMs),
      readTimeoutMs: checkPositiveInt('readTimeoutMs', opts.readTimeoutMs ?? this.#readTimeoutMs),
      handlerTimeoutMs: checkPositiveInt('handlerTimeoutMs', opts.handlerTimeoutMs ?? this.#handlerTimeoutMs),
      sharedBody: opts.sharedBody ?? false,
      reuseBody: (opts.sharedBody ?? false) && (opts.reuseBody ?? false),
      active: new Map(),
    };
    this.#registrations.set(protocol, reg);
    try {
      await this.#components.libp2p.handle(
        protocol,
        (stream, connection) => this.#serve(protocol, reg, stream, connection),
        {
          // libp2p resets streams beyond this silently; keep it above our own limit so peers get a typed
          // TOO_MANY_STREAMS answer instead.
          maxInboundStreams: reg.maxStreams * LIBP2P_INBOUND_STREAM_HEADROOM + 1,
        },
      );
    } catch (err) {
      this.#registrations.delete(protocol);
      throw err;
    }
  }

  async unhandle(protocol: string): Promise<void> {
    if (!this.#registrations.delete(protocol)) return;
    await this.#components.libp2p.unhandle(protocol);
  }

  /**
   * Serves one inbound stream: one request (envelope version 1), or requests one after another for as long
   * as the client sends them with version 2 and they succeed (keep-alive). Between requests the stream holds
   * no slot of the per-peer limit; it is closed after {@link ReqRespInit.keepAliveTimeoutMs} without one.
   */
  async #serve(protocol: string, reg: Registration, stream: Stream, connection: Connection): Promise<void> {
    const reader = new StreamReader(stream, { idleTimeoutMs: reg.idleTimeoutMs });
    /** The release of the last response sent on this stream (see {@link OutboundResponse.release}). */
    const sent: { release?: () => void } = {};
    const releaseSent = (): void => {
      const release = sent.release;
      sent.release = undefined;
      release?.();
    };
    stream.addEventListener('close', releaseSent);
    try {
      for (let first = true; ; first = false) {
        if (!first) {
          this.#idleInbound.add(stream);
          // an idle stream does not keep the last answer's memory for long: past a short wait it is left to
          // the collector (reused only if the client's next request comes soon, as in a bulk transfer)
          const forget = setTimeout(() => (sent.release = undefined), RELEASE_WAIT_MS);
          let next: 'data' | 'end' | 'idle';
          try {
            next = await reader.waitReadable(this.#keepAliveTimeoutMs);
          } catch {
            return; // the stream died while idle
          } finally {
            clearTimeout(forget);
            this.#idleInbound.delete(stream);
          }
          if (next !== 'data' || !this.#started || this.#registrations.get(protocol) !== reg) {
            await stream.close().catch(() => {});
            return;
          }
          releaseSent(); // the client has read the previous answer
        }
        if (!(await this.#serveOne(protocol, reg, stream, connection, reader, first, sent))) return;
      }
    } finally {
      reader.release();
      // a stream that closed between the handler's answer and its taking fired 'close' before the release
      // was set: release it here
      if (stream.status === 'closed' || stream.status === 'aborted' || stream.status === 'reset') {
        stream.removeEventListener('close', releaseSent);
        releaseSent();
      }
    }
  }

  /** Serves one request of a stream; true when the stream stays open for another (keep-alive, OK). */
  async #serveOne(
    protocol: string,
    reg: Registration,
    stream: Stream,
    connection: Connection,
    reader: StreamReader,
    first: boolean,
    sent: { release?: () => void },
  ): Promise<boolean> {
    const started = performance.now();
    const peer = connection.remotePeer;
    const peerKey = peer.toString();
    const metrics = this.#components.metrics;
    const readBefore = reader.bytesRead;
    let bytesIn = 0;
    let bytesOut = 0;
    let status: number = ResponseStatus.OK;
    let holdsSlot = false;
    let version: number = WIRE_VERSION;
    let keepAlive = false;
    const handlerAbort = new AbortController();
    /** A pooled request body, given back once the handler has settled and the response is sent. */
    let pooledBody: Uint8Array | undefined;
    let handled: Promise<OutboundResponse> | undefined;
    /** The handler's response once the layer has taken it (its release is then `sent`'s). */
    let taken: OutboundResponse | undefined;
    const onClose = (): void => {
      if (!handlerAbort.signal.aborted) handlerAbort.abort(new StreamClosedError('stream closed'));
    };
    try {
      if (first && reg.authorize) {
        let allowed: boolean;
        try {
          allowed = await reg.authorize(peer, { protocol, connection });
        } catch (err) {
          this.#log.error('authorize hook for %s threw - %e', protocol, err);
          allowed = false;
        }
        if (!allowed) throw new UnauthorizedPeerError('peer is not authorized for this protocol', false);
      }

      const active = reg.active.get(peerKey) ?? 0;
      if (active >= reg.maxStreams) throw new TooManyStreamsError(reg.maxStreams, false);
      reg.active.set(peerKey, active + 1);
      holdsSlot = true;
      metrics?.activeStreams.inc({ protocol });

      reader.idleTimeoutMs = reg.idleTimeoutMs;
      const readTimer = setTimeout(
        () => reader.fail(new StreamTimeoutError('read', reg.readTimeoutMs)),
        reg.readTimeoutMs,
      );
      let header: Uint8Array;
      let body: Uint8Array;
      try {
        const prefix = decodeRequestPrefix(await reader.readExactly(REQUEST_PREFIX_BYTES));
        version = prefix.version ?? WIRE_VERSION;
        if (prefix.headerLength > reg.limits.maxRequestHeaderBytes) {
          throw new MessageTooLargeError('header', prefix.headerLength, reg.limits.maxRequestHeaderBytes);
        }
        if (prefix.bodyLength > reg.limits.maxRequestBodyBytes) {
          throw new MessageTooLargeError('body', prefix.bodyLength, reg.limits.maxRequestBodyBytes);
        }
        header = await reader.readExactly(prefix.headerLength);
        let into: Uint8Array | undefined;
        if (reg.sharedBody && prefix.bodyLength > 0) {
          into = reg.reuseBody
            ? (pooledBody = this.#bodies.take(prefix.bodyLength))
            : new Uint8Array(new SharedArrayBuffer(prefix.bodyLength));
        }
        body = await reader.readExactly(prefix.bodyLength, into);
      } finally {
        clearTimeout(readTimer);
        bytesIn = reader.bytesRead - readBefore;
      }

      stream.addEventListener('close', onClose);
      const handlerTimer = setTimeout(
        () => handlerAbort.abort(new StreamTimeoutError('request', reg.handlerTimeoutMs)),
        reg.handlerTimeoutMs,
      );
      let response: OutboundResponse;
      try {
        handled = Promise.resolve().then(() =>
          reg.handler({ peer, protocol, connection, header, body, signal: handlerAbort.signal }),
        );
        response = await Promise.race([
          handled,
          new Promise<never>((_, reject) => {
            const s = handlerAbort.signal;
            if (s.aborted) reject(toError(s.reason));
            else s.addEventListener('abort', () => reject(toError(s.reason)), { once: true });
          }),
        ]);
      } finally {
        clearTimeout(handlerTimer);
        stream.removeEventListener('close', onClose);
      }
      sent.release = response.release;
      taken = response;
      const resHeader = response.header ?? new Uint8Array(0);
      const resBody = asParts(response.body ?? new Uint8Array(0));
      // a response that points into a pooled body may still be queued in the muxer after it is "sent":
      // that memory is then left to the collector instead of being reused
      if (pooledBody && resBody.some((p) => p.buffer === pooledBody?.buffer)) pooledBody = undefined;
      const bodyLength = totalLength(resBody);
      const prefix = encodeResponsePrefix({
        version,
        status: ResponseStatus.OK,
        reasonLength: 0,
        headerLength: resHeader.byteLength,
        bodyLength,
      });
      bytesOut = await sendAll(stream, [concatBytes([prefix, resHeader]), ...resBody], {
        chunkBytes: this.#chunkBytes,
        drainTimeoutMs: reg.idleTimeoutMs,
      });
      if (version === WIRE_VERSION_KEEP_ALIVE) keepAlive = true;
      else await stream.close();
    } catch (e) {
      const err = toError(e);
      ({ status } = statusFromError(err));
      if (status === ResponseStatus.INTERNAL && !(err instanceof RequestRejectedError)) {
        this.#log.error('serving %s for %p failed - %e', protocol, peer, err);
      } else {
        this.#log('refused %s from %p: %s', protocol, peer, err.message);
      }
      bytesOut += this.#reject(stream, err, version);
    } finally {
      if (pooledBody) {
        const release = (): void => this.#bodies.give(pooledBody as Uint8Array);
        if (handled) handled.then(release, release);
        else release();
      }
      // a response that was never sent (the handler timed out or the stream closed first)
      handled?.then(
        (r) => {
          if (r !== taken) r?.release?.();
        },
        () => {},
      );
      if (holdsSlot) {
        const n = (reg.active.get(peerKey) ?? 1) - 1;
        if (n <= 0) reg.active.delete(peerKey);
        else reg.active.set(peerKey, n);
        metrics?.activeStreams.dec({ protocol });
      }
      const durationMs = performance.now() - started;
      metrics?.requests.inc({ protocol, direction: 'inbound', status: statusLabel(status) });
      metrics?.bytes.inc({ protocol, direction: 'in' }, bytesIn);
      metrics?.bytes.inc({ protocol, direction: 'out' }, bytesOut);
      metrics?.duration.observe({ protocol, direction: 'inbound' }, durationMs / 1000);
      this.#components.events?.emit(NetworkEvent.requestServed, {
        protocol,
        peerId: peer,
        status,
        bytesIn,
        bytesOut,
        durationMs,
      });
    }
    return keepAlive;
  }

  /**
   * Answers a failed request with its status (best effort), half-closes, and resets the stream if the client
   * has not closed it within the grace period. Returns the bytes sent.
   */
  #reject(stream: Stream, err: Error, version: number = WIRE_VERSION): number {
    if (stream.status !== 'open' || stream.writeStatus !== 'writable') {
      stream.abort(err);
      return 0;
    }
    const { status, reason } = statusFromError(err);
    const reasonBytes = encodeReason(reason);
    const msg = concatBytes([
      encodeResponsePrefix({
        version,
        status,
        reasonLength: reasonBytes.byteLength,
        headerLength: 0,
        bodyLength: 0,
      }),
      reasonBytes,
    ]);
    try {
      stream.send(msg);
    } catch {
      stream.abort(err);
      return 0;
    }
    this.#lingering.add(stream);
    const timer = setTimeout(() => {
      if (stream.status !== 'closed') stream.abort(err);
    }, this.#rejectGraceMs);
    timer.unref?.();
    const done = (): void => {
      clearTimeout(timer);
      this.#lingering.delete(stream);
    };
    stream.addEventListener('close', done, { once: true });
    stream.close().catch(() => {});
    return msg.byteLength;
  }

  async request(
    target: RequestTarget,
    protocol: string,
    header: Uint8Array,
    body: Uint8Array | readonly Uint8Array[],
    opts: RequestOptions = {},
  ): Promise<InboundResponse> {
    if (!this.#started) throw new NetworkNotStartedError();
    if (!PROTOCOL_ID_PATTERN.test(protocol)) throw new InvalidProtocolIdError(protocol);
    const reg = this.#registrations.get(protocol);
    const limits = {
      maxHeader:
        opts.maxResponseHeaderBytes ?? reg?.limits.maxResponseHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
      maxBody: opts.maxResponseBodyBytes ?? reg?.limits.maxResponseBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      idleTimeoutMs: opts.idleTimeoutMs ?? this.#idleTimeoutMs,
      sharedBody: (opts.sharedResponseBody ?? false) || opts.responseBodyPool !== undefined,
      bodyPool: opts.responseBodyPool,
    };
    const timeoutMs = opts.timeoutMs ?? this.#requestTimeoutMs;
    const metrics = this.#components.metrics;
    const started = performance.now();
    const parts = asParts(body);
    const key = this.#keepAlive ? poolKey(target, protocol) : undefined;

    const controller = new AbortController();
    const deadline = setTimeout(
      () => controller.abort(new StreamTimeoutError('request', timeoutMs)),
      timeoutMs,
    );
    const onCallerAbort = (): void => controller.abort(opts.signal?.reason);
    if (opts.signal?.aborted) onCallerAbort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = controller.signal;

    let outcome = 'OK';
    const counts = { out: 0, in: 0 };
    try {
      if (signal.aborted) throw toError(signal.reason);
      const idle = key === undefined ? undefined : this.#takeIdle(key);
      if (idle) {
        try {
          return await this.#exchange(idle, target, protocol, header, parts, key, limits, signal, counts);
        } catch (err) {
          // The pooled stream died before any byte of the answer (e.g. the server's keep-alive ran out as we
          // sent): say it again once on a new stream. Every /walrus-ts/ request is idempotent.
          if (!(err instanceof RetryOnNewStream)) throw err;
          this.#log.trace(
            'pooled stream for %s failed before the answer (%e), retrying',
            protocol,
            err.cause,
          );
        }
      }
      return await this.#exchange(undefined, target, protocol, header, parts, key, limits, signal, counts);
    } catch (e) {
      const err = e instanceof RetryOnNewStream ? toError(e.cause) : toError(e);
      outcome = err instanceof ReqRespError ? statusLabel(err.status) : 'ERROR';
      throw err;
    } finally {
      clearTimeout(deadline);
      opts.signal?.removeEventListener('abort', onCallerAbort);
      metrics?.requests.inc({ protocol, direction: 'outbound', status: outcome });
      metrics?.bytes.inc({ protocol, direction: 'out' }, counts.out);
      metrics?.bytes.inc({ protocol, direction: 'in' }, counts.in);
      metrics?.duration.observe({ protocol, direction: 'outbound' }, (performance.now() - started) / 1000);
    }
  }

  /**
   * One request/response exchange on `pooled` (a kept-alive stream) or on a newly opened stream. With a
   * pool `key` the request is sent as envelope version 2 and the stream goes back to the pool after an OK
   * answer. Throws {@link RetryOnNewStream} when a pooled stream failed before any byte of the answer.
   */
  async #exchange(
    pooled: PooledStream | undefined,
    target: RequestTarget,
    protocol: string,
    header: Uint8Array,
    parts: readonly Uint8Array[],
    key: string | undefined,
    limits: {
      maxHeader: number;
      maxBody: number;
      idleTimeoutMs: number;
      sharedBody: boolean;
      bodyPool?: BufferPool;
    },
    signal: AbortSignal,
    counts: { out: number; in: number },
  ): Promise<InboundResponse> {
    let entry = pooled;
    if (!entry) {
      let stream: Stream;
      try {
        stream = await this.#components.libp2p.dialProtocol(target, protocol, { signal });
      } catch (err) {
        throw signal.aborted ? toError(signal.reason) : err;
      }
      entry = { stream, reader: new StreamReader(stream), timer: undefined };
    }
    const { stream: s, reader: r } = entry;
    r.idleTimeoutMs = limits.idleTimeoutMs;
    const readBefore = r.bytesRead;
    const onAbort = (): void => r.fail(toError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    const version = key === undefined ? WIRE_VERSION : WIRE_VERSION_KEEP_ALIVE;
    const bodyLength = totalLength(parts);
    let answered = false;
    let complete = false;
    let into: Uint8Array | undefined; // the response body's memory, when the caller asked for shared memory
    try {
      const writing = (async () => {
        const head = concatBytes([
          encodeRequestPrefix({ version, headerLength: header.byteLength, bodyLength }),
          header,
        ]);
        const sent = await sendAll(s, [head, ...parts], {
          chunkBytes: this.#chunkBytes,
          drainTimeoutMs: limits.idleTimeoutMs,
          shouldStop: () => answered,
          signal,
        });
        counts.out += sent;
        complete = sent === head.byteLength + bodyLength;
        if (!answered && version === WIRE_VERSION) await s.close({ signal });
      })();
      // A write failure (e.g. the server reset after refusing) surfaces through the read side, which still
      // sees the server's answer if one was sent; only report it when nothing was read.
      const writeFailure = writing.then(
        () => undefined,
        (err: unknown) => toError(err),
      );

      let prefixBytes: Uint8Array;
      try {
        prefixBytes = await r.readExactly(RESPONSE_PREFIX_BYTES);
      } catch (readErr) {
        const werr = await Promise.race([writeFailure, Promise.resolve(undefined)]);
        throw werr && readErr instanceof StreamClosedError ? werr : readErr;
      }
      const prefix = decodeResponsePrefix(prefixBytes);
      if (prefix.status !== ResponseStatus.OK) {
        answered = true;
        const reasonBytes = await r.readExactly(Math.min(prefix.reasonLength, MAX_REASON_BYTES));
        throw errorFromStatus(prefix.status, new TextDecoder().decode(reasonBytes));
      }
      if (prefix.headerLength > limits.maxHeader) {
        throw new MessageTooLargeError('header', prefix.headerLength, limits.maxHeader);
      }
      if (prefix.bodyLength > limits.maxBody) {
        throw new MessageTooLargeError('body', prefix.bodyLength, limits.maxBody);
      }
      await r.readExactly(prefix.reasonLength);
      const resHeader = await r.readExactly(prefix.headerLength);
      if (limits.sharedBody && prefix.bodyLength > 0) {
        into =
          limits.bodyPool?.take(prefix.bodyLength) ??
          new Uint8Array(new SharedArrayBuffer(prefix.bodyLength));
      }
      const resBody = await r.readExactly(prefix.bodyLength, into);
      answered = true;
      const werr = await writeFailure;
      if (werr) this.#log.trace('request write side ended with %e after a full response', werr);
      signal.removeEventListener('abort', onAbort);
      counts.in += r.bytesRead - readBefore;
      if (key !== undefined && prefix.version === WIRE_VERSION_KEEP_ALIVE && !werr && complete) {
        this.#putIdle(key, entry);
      } else {
        r.release();
      }
      return { header: resHeader, body: resBody };
    } catch (e) {
      const err = toError(e);
      if (into !== undefined) limits.bodyPool?.give(into);
      signal.removeEventListener('abort', onAbort);
      counts.in += r.bytesRead - readBefore;
      s.abort(err);
      r.release();
      if (pooled && r.bytesRead === readBefore && !signal.aborted) throw new RetryOnNewStream(err);
      throw err;
    }
  }

  /** A reusable idle stream for `key`, if any (stale ones are closed on the way). */
  #takeIdle(key: string): PooledStream | undefined {
    const list = this.#idle.get(key);
    while (list && list.length > 0) {
      const e = list.pop() as PooledStream;
      if (list.length === 0) this.#idle.delete(key);
      this.#unpool(e);
      if (e.reader.reusable) return e;
      e.reader.release();
      e.stream.close().catch(() => {});
    }
    return undefined;
  }

  /** Keeps a stream for the next request to the same peer and protocol, or closes it when the pool is full. */
  #putIdle(key: string, e: PooledStream): void {
    const list = this.#idle.get(key) ?? [];
    if (!this.#started || list.length >= this.#maxIdleStreams) {
      e.reader.release();
      e.stream.close().catch(() => {});
      return;
    }
    // dropped after idleStreamTimeoutMs, or as soon as the server closes it
    const drop = (): void => {
      const at = list.indexOf(e);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0 && this.#idle.get(key) === list) this.#idle.delete(key);
      this.#unpool(e);
      e.reader.release();
      e.stream.close().catch(() => {});
    };
    e.drop = drop;
    e.timer = setTimeout(drop, this.#idleStreamTimeoutMs);
    e.timer.unref?.();
    e.stream.addEventListener('remoteCloseWrite', drop, { once: true });
    e.stream.addEventListener('close', drop, { once: true });
    list.push(e);
    this.#idle.set(key, list);
  }

  /** Detaches the idle-pool timer and listeners of `e`. */
  #unpool(e: PooledStream): void {
    clearTimeout(e.timer);
    e.timer = undefined;
    if (e.drop) {
      e.stream.removeEventListener('remoteCloseWrite', e.drop);
      e.stream.removeEventListener('close', e.drop);
      e.drop = undefined;
    }
  }
}

/** A kept-alive client stream with its reader (which stays attached between requests). */
interface PooledStream {
  stream: Stream;
  reader: StreamReader;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Removes it from the pool and closes it (set while idle). */
  drop?: () => void;
}

/** Internal: a pooled stream failed before any byte of the answer; the request may be sent again. */
class RetryOnNewStream extends Error {
  constructor(cause: Error) {
    super('pooled stream failed before the answer', { cause });
  }
}

/** Pool key of a request target and protocol. */
function poolKey(target: RequestTarget, protocol: string): string {
  const t = Array.isArray(target) ? target.map((a) => a.toString()).join(',') : target.toString();
  return `${protocol} ${t}`;
}

/**
 * Factory for the request/response layer: `reqResp(init)` returns `(components) => ReqResp`, so the
 * composition root decides when to build it. Call `start()` before `handle()`/`request()`.
 * @throws RangeError for a non-positive limit or timeout in `init`.
 */
export function reqResp(init: ReqRespInit = {}): (components: ReqRespComponents) => ReqResp {
  return (components) => new DefaultReqResp(components, init);
}
