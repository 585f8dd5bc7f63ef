/**
 * The walrus-ts client: writes and reads blobs against a committee of storage nodes, with the chain as the
 * source of truth. Isomorphic: it depends on a {@link ChainClient}-like object and a
 * {@link StorageNodeTransport}; node/client/node-client.ts builds one with a libp2p transport for Node.
 *
 * @example
 * ```ts
 * const client = new WalrusClient({ chain, transport: httpTransport() })
 * const { result } = await client.writeBlob(bytes, { epochs: 2 }) // resumable: client.writeBlobFlow(...)
 * const { data } = await client.readBlob(blobId)
 * ```
 * @see spec §5.1, §5.2
 * @packageDocumentation
 */
import { blobIdFromString } from '../../shared/encoding/blob-id.ts';
import type { ServiceHealthInfo } from '../../shared/api/storage-node.ts';
import type {
  BlobObject,
  ChainReader,
  ChainWriter,
  CommitteeMember,
  StorageResource,
} from '../chain/types.ts';
import type { ClientCodec } from './codec.ts';
import { writeCommittee } from './committee.ts';
import { ClientConfigError, RangeNotSatisfiableError } from './errors.ts';
import { createWriteBlobFlow, DEFAULT_WRITE_FLOW_INIT, writeBlob } from './flows/write-blob.ts';
import type { WriteBlobFlow, WriteFlowInit } from './flows/write-blob.ts';
import { DEFAULT_READ_FLOW_INIT, getVerifiedBlobStatus, readBlob } from './flows/read-blob.ts';
import type { ReadFlowInit } from './flows/read-blob.ts';
import type { StorageNodeTransport, TransportCallOptions } from './transport/types.ts';
import type {
  ClientComponents,
  ClientInit,
  ClientLogger,
  ProgressOptions,
  ReadBlobOptions,
  ReadBlobResult,
  VerifiedBlobStatus,
  WriteBlobOptions,
  WriteBlobResult,
} from './types.ts';

/** Health of one committee member as `health` reports it. */
export type NodeHealth =
  | { node: CommitteeMember; ok: true; health: ServiceHealthInfo }
  | { node: CommitteeMember; ok: false; code: string; message: string };

/** Reads and writes blobs. */
export class WalrusClient {
  readonly chain: ChainReader & Partial<ChainWriter>;
  readonly transport: StorageNodeTransport;
  readonly #logger?: ClientLogger;
  readonly #random?: () => number;
  readonly #codec?: ClientCodec;
  readonly #write: WriteFlowInit;
  readonly #read: ReadFlowInit;

  constructor(components: ClientComponents, init: ClientInit = {}) {
    this.chain = components.chain;
    this.transport = components.transport;
    this.#logger = components.logger;
    this.#random = components.random;
    this.#codec = components.codec;
    const defined = <T extends object>(o: T): Partial<T> =>
      Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
    this.#write = {
      ...DEFAULT_WRITE_FLOW_INIT,
      ...defined(pick(init, Object.keys(DEFAULT_WRITE_FLOW_INIT))),
    };
    this.#read = { ...DEFAULT_READ_FLOW_INIT, ...defined(pick(init, Object.keys(DEFAULT_READ_FLOW_INIT))) };
  }

  #components() {
    return {
      chain: this.chain,
      transport: this.transport,
      logger: this.#logger,
      random: this.#random,
      codec: this.#codec,
    };
  }

  /**
   * A resumable write flow for `blob` (steps `encoded -> registered -> uploaded -> certified`).
   * @throws ClientConfigError for invalid options
   */
  writeBlobFlow(blob: Uint8Array, options: WriteBlobOptions = {}): WriteBlobFlow {
    return createWriteBlobFlow(this.#components(), blob, options, this.#write);
  }

  /**
   * Stores a blob: encode, register, upload, certify.
   * @throws NotEnoughConfirmationsError (retryable), EpochChangedError (retryable), ClientConfigError,
   *   DataTooLargeError, chain errors (InsufficientBalanceError, ...)
   * @see spec §5.1
   */
  writeBlob(blob: Uint8Array, options: WriteBlobOptions = {}): Promise<WriteBlobResult> {
    return writeBlob(this.#components(), blob, options, this.#write);
  }

  /**
   * Reads a blob by its ID (43-character base64url text).
   * @throws InvalidBlobIdError, BlobNotFoundError, BlobExpiredError, BlobDeletedError, BlobInvalidError,
   *   BlobNotCertifiedError, BlobInconsistentError, NotEnoughSliversError, NoMetadataError
   * @see spec §5.2
   */
  readBlob(blobId: string, options: ReadBlobOptions = {}): Promise<ReadBlobResult> {
    blobIdFromString(blobId);
    return readBlob(this.#components(), blobId, options, this.#read);
  }

  /**
   * Reads `length` bytes from `start` of a blob (the whole blob is read and checked, then sliced).
   * @throws RangeNotSatisfiableError when the range is empty or starts past the end, plus readBlob's errors
   */
  async readBlobRange(
    blobId: string,
    start: number,
    length: number,
    options: ReadBlobOptions = {},
  ): Promise<ReadBlobResult & { size: number }> {
    const r = await this.readBlob(blobId, options);
    const size = r.data.length;
    if (
      !Number.isSafeInteger(start) ||
      !Number.isSafeInteger(length) ||
      start < 0 ||
      length < 1 ||
      start >= size
    ) {
      throw new RangeNotSatisfiableError(
        `range start ${start}, length ${length} is outside the blob of ${size} bytes`,
        size,
      );
    }
    return { ...r, data: r.data.subarray(start, Math.min(size, start + length)), size };
  }

  /** The blob's status: f+1-vouched node status cross-checked with the chain. @throws NoVerifiedStatusError */
  getBlobStatus(blobId: string, options: ProgressOptions = {}): Promise<VerifiedBlobStatus> {
    return getVerifiedBlobStatus(this.#components(), blobId, options, this.#read);
  }

  /** A Blob object by object ID. @throws ObjectNotFoundError */
  getBlobObject(objectId: string, options: ProgressOptions = {}): Promise<BlobObject> {
    return this.chain.getBlob(objectId, { signal: options.signal });
  }

  /** Blob objects and free storage resources of `owner` (default: the client's own address). */
  async listBlobs(
    owner?: string,
    options: ProgressOptions = {},
  ): Promise<{ blobs: readonly BlobObject[]; storage: readonly StorageResource[] }> {
    const address = owner ?? this.chain.address;
    if (!address) throw new ClientConfigError('listing blobs needs an owner address or a wallet');
    return this.chain.ownedObjects(address, { signal: options.signal });
  }

  #writer(): ChainWriter {
    if (!this.chain.address || !this.chain.deleteBlob) {
      throw new ClientConfigError('this operation needs a chain client with a signer (a wallet)');
    }
    return this.chain as ChainWriter;
  }

  /** Deletes a deletable blob object; its storage returns to the owner. */
  async deleteBlob(blobObjectId: string, options: ProgressOptions = {}): Promise<StorageResource> {
    const r = await this.#writer().deleteBlob({ blobObjectId, signal: options.signal });
    return r.storage;
  }

  /** Extends a certified blob by `epochs`. */
  async extendBlob(blobObjectId: string, epochs: number, options: ProgressOptions = {}): Promise<BlobObject> {
    const r = await this.#writer().extendBlob({ blobObjectId, epochs, signal: options.signal });
    return r.blob;
  }

  /** Health of every member of the current committee (never throws for a node that is down). */
  async health(options: TransportCallOptions = {}): Promise<NodeHealth[]> {
    const state = await this.chain.systemState({ signal: options.signal });
    const committee = writeCommittee(state);
    return Promise.all(
      committee.members.map(async (node): Promise<NodeHealth> => {
        try {
          return {
            node,
            ok: true,
            health: await this.transport.getHealth(node, { timeoutMs: 10_000, ...options }),
          };
        } catch (e) {
          if (options.signal?.aborted) throw e;
          const err = e as Error & { code?: string };
          return { node, ok: false, code: err.code ?? 'UNEXPECTED', message: err.message };
        }
      }),
    );
  }
}

function pick(o: object, keys: string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in src).map((k) => [k, src[k]]));
}
