/**
 * {@link StorageNodeTransport} over the walrus-ts libp2p storage protocols (shared/protocol): one
 * request/response stream per operation, BCS headers, raw BCS bodies. Slivers for one node travel in one
 * `putSlivers` request (the flows batch them).
 *
 * Node-side only through its dependency on the network layer's `ReqResp`; the flow logic never imports this
 * file.
 * @see shared/protocol (the node <-> client contract), spec §4
 * @packageDocumentation
 */
import type { Libp2p, PeerId } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { BlobStatus, ServiceHealthInfo } from '../../../shared/api/storage-node.ts';
import { parseBlobMetadataWithId } from '../../../shared/bcs/blob.ts';
import { SignedMessageBcs } from '../../../shared/bcs/messages.ts';
import type { BlobPersistence, SignedMessage } from '../../../shared/bcs/messages.ts';
import { parseBcs } from '../../../shared/bcs/parse.ts';
import { parseSliverDataView, sliverDataBcsLength } from '../../../shared/bcs/sliver.ts';
import type { BlobMetadata, BlobMetadataWithId, Sliver } from '../../../shared/encoding/types.ts';
import {
  BlobIdHeaderBcs,
  decodeHeader,
  encodeHeader,
  GetConfirmationHeaderBcs,
  GetSliversHeaderBcs,
  GetSliversResponseHeaderBcs,
  PutMetadataHeaderBcs,
  PutResponseHeaderBcs,
  PutSliversHeaderBcs,
  STORAGE_STATUS_REASONS,
  StorageProtocol,
  StoreOutcome,
} from '../../../shared/protocol/index.ts';
import type { StorageStatusCode } from '../../../shared/protocol/index.ts';
import type { ReqResp, RequestTarget } from '../../network/reqresp/reqresp.ts';
import { ReqRespError, RemoteError } from '../../network/errors.ts';
import { BufferPool } from '../../memory/buffer-pool.ts';
import { ResponseStatus } from '../../network/reqresp/status.ts';
import {
  NodeInvalidResponseError,
  NodeUnreachableError,
  StorageNodeError,
  storageNodeErrorFromReason,
} from '../errors.ts';
import { nodeLibp2pAddrs } from './endpoints.ts';
import { metadataBytes } from './types.ts';
import type {
  GetConfirmationOptions,
  GetSliversOptions,
  PutOptions,
  SliverRequest,
  SliverUpload,
  StorageNodeRef,
  StorageNodeTransport,
  StoreOutcomeName,
  TransportCallOptions,
} from './types.ts';

const MiB = 1024 * 1024;
/** Response-body cap per requested sliver when the caller gives none. */
const DEFAULT_MAX_SLIVER_RESPONSE_BYTES = 64 * MiB;
/** Cap on JSON and metadata responses. */
const MAX_SMALL_RESPONSE_BYTES = 16 * MiB;

/** What the libp2p transport needs. */
export interface Libp2pTransportComponents {
  reqResp: Pick<ReqResp, 'request'>;
  /**
   * The libp2p node under `reqResp`. When given, requests to a node already connected name its peer ID
   * instead of its addresses, which skips libp2p's address bookkeeping on every request.
   */
  libp2p?: Pick<Libp2p, 'getConnections'>;
}

/** Options of {@link libp2pTransport}. */
export interface Libp2pTransportInit {
  /**
   * Overall deadline of one request, ms (a batch of slivers is one request).
   * @default 120_000
   */
  requestTimeoutMs?: number;
  /**
   * Idle memory kept for sliver answers fetched with `reuseMemory` and given back (bytes): a read then
   * receives slivers into memory an earlier read used instead of fresh pages. 0 keeps none.
   * @default 67_108_864 (64 MiB)
   */
  reusedSliverMemoryBytes?: number;
}

const WIRE_STATUS_REASONS: Record<number, string> = {
  [ResponseStatus.MALFORMED]: 'MALFORMED',
  [ResponseStatus.TOO_LARGE]: 'TOO_LARGE',
  [ResponseStatus.UNAUTHORIZED]: 'UNAUTHORIZED',
  [ResponseStatus.TOO_MANY_STREAMS]: 'TOO_MANY_STREAMS',
  [ResponseStatus.TIMEOUT]: 'TIMEOUT',
  [ResponseStatus.INTERNAL]: 'INTERNAL',
  [ResponseStatus.NOT_FOUND]: 'NOT_FOUND',
  [ResponseStatus.INVALID]: 'INVALID',
  [ResponseStatus.UNAVAILABLE]: 'UNAVAILABLE',
};

/** Maps a request failure to a {@link StorageNodeError} (the caller's abort reason passes through). */
export function mapLibp2pError(
  err: unknown,
  node: StorageNodeRef,
  what: string,
  signal?: AbortSignal,
): Error {
  if (signal?.aborted)
    return signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
  if (err instanceof StorageNodeError) return err;
  const prefix = `${node.name}: ${what}`;
  if (err instanceof RemoteError) {
    const reason =
      STORAGE_STATUS_REASONS[err.status as StorageStatusCode] ??
      WIRE_STATUS_REASONS[err.status] ??
      'INTERNAL';
    return storageNodeErrorFromReason(reason, `${prefix}: ${err.reason}`);
  }
  if (err instanceof ReqRespError) {
    if (err.remote) {
      return storageNodeErrorFromReason(
        WIRE_STATUS_REASONS[err.status] ?? 'INTERNAL',
        `${prefix}: ${err.message}`,
      );
    }
    if (err.status === ResponseStatus.TOO_LARGE || err.status === ResponseStatus.MALFORMED) {
      return new NodeInvalidResponseError(`${prefix}: ${err.message}`, 'CLIENT_NODE_RESPONSE_REFUSED', {
        cause: err,
      });
    }
  }
  const message = err instanceof Error ? err.message : String(err);
  return new NodeUnreachableError(`${prefix}: ${message}`, { cause: err });
}

function outcomeName(v: number): StoreOutcomeName {
  if (v === StoreOutcome.stored) return 'stored';
  if (v === StoreOutcome.buffered) return 'buffered';
  if (v === StoreOutcome.alreadyStored) return 'alreadyStored';
  throw new NodeInvalidResponseError(`unknown store outcome ${v}`);
}

function parseJson<T>(bytes: Uint8Array, node: StorageNodeRef, what: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (e) {
    throw new NodeInvalidResponseError(`${node.name}: ${what}: invalid JSON`, 'CLIENT_NODE_INVALID', {
      cause: e,
    });
  }
}

/**
 * The concatenated BCS `SliverData` of `slivers` (`uleb128 length, data, symbol_size u16, index u16` each)
 * as body parts that reference the slivers' bytes instead of copying them: the small framing between two
 * slivers (one's trailer and the next one's length prefix) is one part, each sliver's data another. The
 * bytes sent are identical to the concatenated `serializeSliverData` outputs.
 */
export function sliverDataBodyParts(
  slivers: readonly Pick<Sliver, 'data' | 'symbolSize' | 'index'>[],
): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let framing: number[] = [];
  for (const s of slivers) {
    for (let v = s.data.length; ; v = Math.floor(v / 128)) {
      if (v < 128) {
        framing.push(v);
        break;
      }
      framing.push((v % 128) | 0x80);
    }
    parts.push(Uint8Array.from(framing));
    if (s.data.length > 0) parts.push(s.data);
    framing = [s.symbolSize & 0xff, (s.symbolSize >> 8) & 0xff, s.index & 0xff, (s.index >> 8) & 0xff];
  }
  if (slivers.length > 0) parts.push(Uint8Array.from(framing));
  return parts;
}

class Libp2pTransport implements StorageNodeTransport {
  readonly #reqResp: Pick<ReqResp, 'request'>;
  readonly #libp2p?: Pick<Libp2p, 'getConnections'>;
  readonly #timeoutMs: number;
  readonly #targets = new Map<string, { peerId: PeerId; dial: RequestTarget }>();
  /** Memory of sliver answers fetched with `reuseMemory`. */
  readonly #bodies: BufferPool;
  /** The body under each lent answer not given back yet. */
  readonly #lent = new WeakMap<readonly (Sliver | null)[], Uint8Array>();

  constructor(components: Libp2pTransportComponents, init: Libp2pTransportInit) {
    this.#reqResp = components.reqResp;
    this.#libp2p = components.libp2p;
    this.#timeoutMs = init.requestTimeoutMs ?? 120_000;
    const idle = init.reusedSliverMemoryBytes ?? 64 * MiB;
    this.#bodies = new BufferPool({ shared: true, maxIdleBytes: idle, maxPooledBytes: idle });
  }

  #target(node: StorageNodeRef): RequestTarget {
    const key = `${node.peerId} ${node.multiaddrs.join(' ')}`;
    let t = this.#targets.get(key);
    if (!t) {
      const peerId = peerIdFromString(node.peerId);
      const addrs: Multiaddr[] = [];
      for (const a of nodeLibp2pAddrs(node)) {
        try {
          addrs.push(multiaddr(a));
        } catch {
          // an address this libp2p cannot parse: skip it
        }
      }
      t = { peerId, dial: addrs.length > 0 ? addrs : peerId };
      this.#targets.set(key, t);
    }
    // Connected already: the peer ID finds the connection; addresses would be merged into the peer store
    // (a peer-store write) on every request.
    if (this.#libp2p && this.#libp2p.getConnections(t.peerId).length > 0) return t.peerId;
    return t.dial;
  }

  async #request(
    node: StorageNodeRef,
    what: string,
    protocol: string,
    header: Uint8Array,
    body: Uint8Array | readonly Uint8Array[],
    options: TransportCallOptions,
    maxResponseBodyBytes: number,
    sharedResponseBody: boolean | BufferPool = false,
  ): Promise<{ header: Uint8Array; body: Uint8Array }> {
    let target: RequestTarget;
    try {
      target = this.#target(node);
    } catch (e) {
      throw new NodeUnreachableError(`${node.name}: no usable libp2p address`, { cause: e });
    }
    try {
      return await this.#reqResp.request(target, protocol, header, body, {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? this.#timeoutMs,
        maxResponseBodyBytes,
        maxResponseHeaderBytes: 1 * MiB,
        sharedResponseBody: sharedResponseBody !== false,
        responseBodyPool: sharedResponseBody instanceof BufferPool ? sharedResponseBody : undefined,
      });
    } catch (e) {
      throw mapLibp2pError(e, node, what, options.signal);
    }
  }

  async putMetadata(
    node: StorageNodeRef,
    blobId: Uint8Array,
    metadata: BlobMetadata,
    options: PutOptions = {},
  ): Promise<StoreOutcomeName> {
    const header = encodeHeader(PutMetadataHeaderBcs, { blobId, pending: options.pending ?? false });
    const res = await this.#request(
      node,
      'put metadata',
      StorageProtocol.putMetadata,
      header,
      metadataBytes(metadata),
      options,
      0,
    );
    const { outcomes } = decodeHeader(PutResponseHeaderBcs, res.header);
    if (outcomes.length !== 1) throw new NodeInvalidResponseError(`${node.name}: expected one store outcome`);
    return outcomeName(outcomes[0]);
  }

  async putSlivers(
    node: StorageNodeRef,
    blobId: Uint8Array,
    slivers: readonly SliverUpload[],
    options: PutOptions = {},
  ): Promise<StoreOutcomeName[]> {
    if (slivers.length === 0) return [];
    const header = encodeHeader(PutSliversHeaderBcs, {
      blobId,
      pending: options.pending ?? false,
      entries: slivers.map((s) => ({
        pairIndex: s.pairIndex,
        sliverType: s.sliver.axis,
        length: sliverDataBcsLength(s.sliver.data.length),
      })),
    });
    const res = await this.#request(
      node,
      'put slivers',
      StorageProtocol.putSlivers,
      header,
      sliverDataBodyParts(slivers.map((s) => s.sliver)),
      options,
      0,
    );
    const { outcomes } = decodeHeader(PutResponseHeaderBcs, res.header);
    if (outcomes.length !== slivers.length) {
      throw new NodeInvalidResponseError(`${node.name}: expected ${slivers.length} store outcomes`);
    }
    return outcomes.map(outcomeName);
  }

  async getMetadata(
    node: StorageNodeRef,
    blobId: Uint8Array,
    options: TransportCallOptions = {},
  ): Promise<BlobMetadataWithId> {
    const res = await this.#request(
      node,
      'get metadata',
      StorageProtocol.getMetadata,
      encodeHeader(BlobIdHeaderBcs, { blobId }),
      new Uint8Array(0),
      options,
      MAX_SMALL_RESPONSE_BYTES,
    );
    try {
      return parseBlobMetadataWithId(res.body);
    } catch (e) {
      throw new NodeInvalidResponseError(`${node.name}: malformed metadata`, 'CLIENT_NODE_INVALID', {
        cause: e,
      });
    }
  }

  async getSlivers(
    node: StorageNodeRef,
    blobId: Uint8Array,
    requests: readonly SliverRequest[],
    options: GetSliversOptions = {},
  ): Promise<(Sliver | null)[]> {
    if (requests.length === 0) return [];
    const res = await this.#request(
      node,
      'get slivers',
      StorageProtocol.getSlivers,
      encodeHeader(GetSliversHeaderBcs, {
        blobId,
        slivers: requests.map((r) => ({ pairIndex: r.pairIndex, sliverType: r.sliverType })),
      }),
      new Uint8Array(0),
      options,
      options.maxResponseBytes ?? requests.length * DEFAULT_MAX_SLIVER_RESPONSE_BYTES,
      // In shared memory and parsed as views: the codec verifies the slivers on its worker threads straight
      // from this body, without a copy per sliver (parseSliverData copies) or per task.
      options.reuseMemory ? this.#bodies : true,
    );
    try {
      const out = this.#parseSlivers(node, requests, res);
      if (options.reuseMemory && res.body.byteLength > 0) this.#lent.set(out, res.body);
      return out;
    } catch (e) {
      if (options.reuseMemory) this.#bodies.give(res.body);
      throw e;
    }
  }

  releaseSlivers(answer: readonly (Sliver | null)[]): void {
    const body = this.#lent.get(answer);
    if (body === undefined) return;
    this.#lent.delete(answer);
    this.#bodies.give(body);
  }

  /** The slivers of a getSlivers answer, as views of its body. @throws NodeInvalidResponseError */
  #parseSlivers(
    node: StorageNodeRef,
    requests: readonly SliverRequest[],
    res: { header: Uint8Array; body: Uint8Array },
  ): (Sliver | null)[] {
    const { lengths } = decodeHeader(GetSliversResponseHeaderBcs, res.header);
    if (lengths.length !== requests.length) {
      throw new NodeInvalidResponseError(`${node.name}: expected ${requests.length} sliver lengths`);
    }
    const out: (Sliver | null)[] = [];
    let offset = 0;
    for (let i = 0; i < requests.length; i++) {
      const len = lengths[i];
      if (len === 0) {
        out.push(null);
        continue;
      }
      if (offset + len > res.body.byteLength) {
        throw new NodeInvalidResponseError(`${node.name}: sliver lengths exceed the response body`);
      }
      try {
        out.push(parseSliverDataView(res.body.subarray(offset, offset + len), requests[i].sliverType));
      } catch {
        out.push(null); // a malformed sliver counts as missing; the flow asks elsewhere
      }
      offset += len;
    }
    return out;
  }

  async getConfirmation(
    node: StorageNodeRef,
    blobId: Uint8Array,
    persistence: BlobPersistence,
    options: GetConfirmationOptions = {},
  ): Promise<SignedMessage> {
    const header = encodeHeader(GetConfirmationHeaderBcs, {
      blobId,
      persistence:
        persistence.kind === 'permanent' ? { Permanent: true } : { Deletable: persistence.objectId },
      waitForRegistrationMs: options.waitForRegistrationMs ?? 0,
    });
    const res = await this.#request(
      node,
      'get confirmation',
      StorageProtocol.getConfirmation,
      header,
      new Uint8Array(0),
      options,
      64 * 1024,
    );
    try {
      return parseBcs(SignedMessageBcs, res.body);
    } catch (e) {
      throw new NodeInvalidResponseError(`${node.name}: malformed signed message`, 'CLIENT_NODE_INVALID', {
        cause: e,
      });
    }
  }

  async getBlobStatus(
    node: StorageNodeRef,
    blobId: Uint8Array,
    options: TransportCallOptions = {},
  ): Promise<BlobStatus> {
    const res = await this.#request(
      node,
      'get blob status',
      StorageProtocol.getBlobStatus,
      encodeHeader(BlobIdHeaderBcs, { blobId }),
      new Uint8Array(0),
      options,
      MAX_SMALL_RESPONSE_BYTES,
    );
    return parseJson<BlobStatus>(res.body, node, 'blob status');
  }

  async getHealth(node: StorageNodeRef, options: TransportCallOptions = {}): Promise<ServiceHealthInfo> {
    const res = await this.#request(
      node,
      'get health',
      StorageProtocol.getHealth,
      new Uint8Array(0),
      new Uint8Array(0),
      options,
      MAX_SMALL_RESPONSE_BYTES,
    );
    return parseJson<ServiceHealthInfo>(res.body, node, 'health');
  }
}

/**
 * Factory of the libp2p transport: `libp2pTransport(init)(components)`. `components.reqResp` is the
 * client's own started request/response layer (node/network `createNetwork().reqResp`).
 */
export function libp2pTransport(
  init: Libp2pTransportInit = {},
): (components: Libp2pTransportComponents) => StorageNodeTransport {
  return (components) => new Libp2pTransport(components, init);
}
