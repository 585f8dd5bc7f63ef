/**
 * {@link StorageNodeTransport} over a storage node's HTTP API (Walrus routes, spec §4): the fallback when
 * libp2p cannot reach a node, and the transport of browsers. Isomorphic: `fetch` + `AbortSignal` only.
 *
 * Slivers go one per request (the REST API has no batch route). Errors are read from AIP-193 envelopes and
 * mapped by {@link storageNodeErrorFromReason}.
 * @see spec §4, shared/api/storage-node.ts
 * @packageDocumentation
 */
import { errorReason, isErrorEnvelope } from '../../../shared/api/status.ts';
import { storageNodePath } from '../../../shared/api/storage-node.ts';
import type {
  BlobStatus,
  ConfirmationResponse,
  ServiceHealthInfo,
  SuccessEnvelope,
} from '../../../shared/api/index.ts';
import { parseBlobMetadataWithId } from '../../../shared/bcs/blob.ts';
import type { BlobPersistence, SignedMessage } from '../../../shared/bcs/messages.ts';
import { parseSliverData, serializeSliverData } from '../../../shared/bcs/sliver.ts';
import { blobIdToString } from '../../../shared/encoding/blob-id.ts';
import type { BlobMetadata, BlobMetadataWithId, Sliver } from '../../../shared/encoding/types.ts';
import {
  NodeInvalidResponseError,
  NodeNotFoundError,
  NodeUnreachableError,
  StorageNodeError,
  storageNodeErrorFromReason,
} from '../errors.ts';
import { nodeHttpUrl } from './endpoints.ts';
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

/** Options of {@link httpTransport}. */
export interface HttpTransportInit {
  /** The fetch to use. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Overall deadline of one request, ms. @default 60_000 */
  requestTimeoutMs?: number;
  /** Base URL of a node, overriding what it announces on chain (endpoints.ts). */
  urlOf?: (node: StorageNodeRef) => string | undefined;
  /** Requests in flight per node when storing several slivers. @default 8 */
  sliverConcurrency?: number;
}

function base64ToBytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const HTTP_REASONS: Record<number, string> = {
  400: 'INVALID',
  401: 'UNAUTHORIZED',
  403: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'INVALID',
  413: 'TOO_LARGE',
  429: 'RESOURCE_EXHAUSTED',
  503: 'UNAVAILABLE',
  504: 'TIMEOUT',
};

class HttpTransport implements StorageNodeTransport {
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #urlOf: (node: StorageNodeRef) => string | undefined;
  readonly #concurrency: number;

  constructor(init: HttpTransportInit) {
    this.#fetch = init.fetch ?? ((...args) => globalThis.fetch(...args));
    this.#timeoutMs = init.requestTimeoutMs ?? 60_000;
    this.#urlOf = init.urlOf ?? nodeHttpUrl;
    this.#concurrency = Math.max(1, init.sliverConcurrency ?? 8);
  }

  async #call(
    node: StorageNodeRef,
    what: string,
    method: 'GET' | 'PUT',
    path: string,
    options: TransportCallOptions,
    body?: Uint8Array,
  ): Promise<Response> {
    const base = this.#urlOf(node);
    if (!base) throw new NodeUnreachableError(`${node.name}: no HTTP endpoint announced`);
    const timeout = AbortSignal.timeout(options.timeoutMs ?? this.#timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.#fetch(base + path, {
        method,
        signal,
        headers: body ? { 'content-type': 'application/octet-stream' } : undefined,
        body: body as BodyInit | undefined,
      });
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw new NodeUnreachableError(`${node.name}: ${what}: ${(e as Error).message}`, { cause: e });
    }
    if (res.ok) return res;
    let text = '';
    try {
      text = await res.text();
    } catch {
      // body unreadable: fall back to the status code
    }
    let reason = HTTP_REASONS[res.status] ?? 'INTERNAL';
    let message = `${node.name}: ${what}: HTTP ${res.status}`;
    try {
      const j: unknown = JSON.parse(text);
      if (isErrorEnvelope(j)) {
        reason = errorReason(j) ?? reason;
        message += ` ${j.error.status}: ${j.error.message}`;
      }
    } catch {
      if (text) message += ` ${text.slice(0, 200)}`;
    }
    throw storageNodeErrorFromReason(reason, message);
  }

  async #json<T>(res: Response, node: StorageNodeRef, what: string): Promise<T> {
    let j: unknown;
    try {
      j = await res.json();
    } catch (e) {
      throw new NodeInvalidResponseError(`${node.name}: ${what}: invalid JSON`, 'CLIENT_NODE_INVALID', {
        cause: e,
      });
    }
    if (typeof j !== 'object' || j === null || !('success' in j)) {
      throw new NodeInvalidResponseError(`${node.name}: ${what}: not a success envelope`);
    }
    return (j as SuccessEnvelope<T>).success.data;
  }

  async #bytes(res: Response): Promise<Uint8Array> {
    return new Uint8Array(await res.arrayBuffer());
  }

  #outcome(res: Response): StoreOutcomeName {
    return res.status === 202 ? 'buffered' : res.status === 201 ? 'stored' : 'alreadyStored';
  }

  async putMetadata(
    node: StorageNodeRef,
    blobId: Uint8Array,
    metadata: BlobMetadata,
    options: PutOptions = {},
  ): Promise<StoreOutcomeName> {
    const path =
      storageNodePath('metadata', { blob_id: blobIdToString(blobId) }) +
      (options.pending ? '?pending=true' : '');
    const res = await this.#call(node, 'put metadata', 'PUT', path, options, metadataBytes(metadata));
    await res.arrayBuffer().catch(() => undefined);
    return this.#outcome(res);
  }

  async putSlivers(
    node: StorageNodeRef,
    blobId: Uint8Array,
    slivers: readonly SliverUpload[],
    options: PutOptions = {},
  ): Promise<StoreOutcomeName[]> {
    const id = blobIdToString(blobId);
    const out: StoreOutcomeName[] = new Array<StoreOutcomeName>(slivers.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < slivers.length) {
        const i = next++;
        const s = slivers[i];
        const path =
          storageNodePath('sliver', {
            blob_id: id,
            sliver_pair_index: s.pairIndex,
            sliver_type: s.sliver.axis,
          }) + (options.pending ? '?pending=true' : '');
        const res = await this.#call(node, 'put sliver', 'PUT', path, options, serializeSliverData(s.sliver));
        await res.arrayBuffer().catch(() => undefined);
        out[i] = this.#outcome(res);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, slivers.length) }, worker));
    return out;
  }

  async getMetadata(
    node: StorageNodeRef,
    blobId: Uint8Array,
    options: TransportCallOptions = {},
  ): Promise<BlobMetadataWithId> {
    const res = await this.#call(
      node,
      'get metadata',
      'GET',
      storageNodePath('metadata', { blob_id: blobIdToString(blobId) }),
      options,
    );
    try {
      return parseBlobMetadataWithId(await this.#bytes(res));
    } catch (e) {
      if (e instanceof StorageNodeError) throw e;
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
    const id = blobIdToString(blobId);
    return Promise.all(
      requests.map(async (r) => {
        try {
          const res = await this.#call(
            node,
            'get sliver',
            'GET',
            storageNodePath('sliver', {
              blob_id: id,
              sliver_pair_index: r.pairIndex,
              sliver_type: r.sliverType,
            }),
            options,
          );
          return parseSliverData(await this.#bytes(res), r.sliverType);
        } catch (e) {
          if (e instanceof NodeNotFoundError) return null;
          if (e instanceof StorageNodeError) throw e;
          if (options.signal?.aborted) throw e;
          return null; // malformed sliver: treat as missing
        }
      }),
    );
  }

  async getConfirmation(
    node: StorageNodeRef,
    blobId: Uint8Array,
    persistence: BlobPersistence,
    options: GetConfirmationOptions = {},
  ): Promise<SignedMessage> {
    const id = blobIdToString(blobId);
    const path =
      persistence.kind === 'permanent'
        ? storageNodePath('permanentConfirmation', { blob_id: id })
        : storageNodePath('deletableConfirmation', {
            blob_id: id,
            object_id:
              '0x' + Array.from(persistence.objectId, (b) => b.toString(16).padStart(2, '0')).join(''),
          });
    const wait = options.waitForRegistrationMs ?? 0;
    const query = wait > 0 ? `?wait_for_registration=true&wait_millis=${wait}` : '';
    const res = await this.#call(node, 'get confirmation', 'GET', path + query, options);
    const data = await this.#json<ConfirmationResponse>(res, node, 'confirmation');
    try {
      return {
        serializedMessage: base64ToBytes(data.signed.serializedMessage),
        signature: base64ToBytes(data.signed.signature),
      };
    } catch (e) {
      throw new NodeInvalidResponseError(`${node.name}: malformed confirmation`, 'CLIENT_NODE_INVALID', {
        cause: e,
      });
    }
  }

  async getBlobStatus(
    node: StorageNodeRef,
    blobId: Uint8Array,
    options: TransportCallOptions = {},
  ): Promise<BlobStatus> {
    const res = await this.#call(
      node,
      'get blob status',
      'GET',
      storageNodePath('blobStatus', { blob_id: blobIdToString(blobId) }),
      options,
    );
    return this.#json<BlobStatus>(res, node, 'blob status');
  }

  async getHealth(node: StorageNodeRef, options: TransportCallOptions = {}): Promise<ServiceHealthInfo> {
    const res = await this.#call(node, 'get health', 'GET', storageNodePath('health'), options);
    return this.#json<ServiceHealthInfo>(res, node, 'health');
  }
}

/** The HTTP transport (isomorphic). */
export function httpTransport(init: HttpTransportInit = {}): StorageNodeTransport {
  return new HttpTransport(init);
}
