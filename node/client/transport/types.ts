/**
 * The client's view of one storage node: every operation the write and read flows need, independent of how
 * the bytes travel (libp2p streams, the node's HTTP API, or a fallback chain of both).
 *
 * Implementations return what the node sent, parsed but **not verified** against the blob ID or metadata:
 * the flows verify (metadata against the blob ID, slivers against metadata, confirmations against the
 * member's key). They throw {@link StorageNodeError} subclasses (node/client/errors.ts) for node-side
 * failures, or the caller's `signal.reason` when aborted.
 *
 * @see spec §4 (REST API), shared/protocol (libp2p twins)
 * @packageDocumentation
 */
import type { BlobStatus, ServiceHealthInfo, SliverType } from '../../../shared/api/storage-node.ts';
import { serializeBlobMetadata } from '../../../shared/bcs/blob.ts';
import type { BlobPersistence, SignedMessage } from '../../../shared/bcs/messages.ts';
import type { BlobMetadata, BlobMetadataWithId, Sliver } from '../../../shared/encoding/types.ts';

/** What a transport needs to know about a node: the committee member's identity and addresses. */
export interface StorageNodeRef {
  readonly nodeId: string;
  readonly name: string;
  /** libp2p peer ID text. */
  readonly peerId: string;
  /** Announced addresses: libp2p multiaddrs, and the HTTP API as `/…/tcp/<port>/http` (see endpoints.ts). */
  readonly multiaddrs: readonly string[];
}

/** Options of every transport call. */
export interface TransportCallOptions {
  signal?: AbortSignal;
  /** Overall deadline of this request, ms. @default the transport's own default */
  timeoutMs?: number;
}

/** Options of the store calls. */
export interface PutOptions extends TransportCallOptions {
  /** Ask the node to buffer the item until it sees the blob's registration. @default false */
  pending?: boolean;
}

/** How a node took a stored item. */
export type StoreOutcomeName = 'stored' | 'buffered' | 'alreadyStored';

/** One sliver to store: its pair index and the sliver (primary p or secondary n-1-p). */
export interface SliverUpload {
  readonly pairIndex: number;
  readonly sliver: Sliver;
}

/** One sliver to fetch. */
export interface SliverRequest {
  readonly pairIndex: number;
  readonly sliverType: SliverType;
}

/** Options of {@link StorageNodeTransport.getSlivers}. */
export interface GetSliversOptions extends TransportCallOptions {
  /** Refuse a response larger than this many bytes in total. @default 64 MiB per requested sliver */
  maxResponseBytes?: number;
  /**
   * Let the transport answer in memory it reuses: the caller gives the answer back with
   * {@link StorageNodeTransport.releaseSlivers} once it no longer uses any sliver in it (an answer never
   * given back is left to the garbage collector).
   * @default false
   */
  reuseMemory?: boolean;
}

/** Options of {@link StorageNodeTransport.getConfirmation}. */
export interface GetConfirmationOptions extends TransportCallOptions {
  /** Let the node wait this long for the blob's registration before answering. @default 0 */
  waitForRegistrationMs?: number;
}

/** Operations on one storage node. */
export interface StorageNodeTransport {
  /** Stores a blob's metadata. @throws StorageNodeError */
  putMetadata(
    node: StorageNodeRef,
    blobId: Uint8Array,
    metadata: BlobMetadata,
    options?: PutOptions,
  ): Promise<StoreOutcomeName>;
  /** Stores slivers (one request where the transport allows). @returns one outcome per sliver, in order */
  putSlivers(
    node: StorageNodeRef,
    blobId: Uint8Array,
    slivers: readonly SliverUpload[],
    options?: PutOptions,
  ): Promise<StoreOutcomeName[]>;
  /** Fetches metadata (unverified). @throws NodeNotFoundError when the node has none */
  getMetadata(
    node: StorageNodeRef,
    blobId: Uint8Array,
    options?: TransportCallOptions,
  ): Promise<BlobMetadataWithId>;
  /** Fetches slivers (unverified); `null` for each one the node does not have. */
  getSlivers(
    node: StorageNodeRef,
    blobId: Uint8Array,
    requests: readonly SliverRequest[],
    options?: GetSliversOptions,
  ): Promise<(Sliver | null)[]>;
  /**
   * Gives back the memory of an answer of {@link getSlivers} (the array it returned) fetched with
   * `reuseMemory`: the transport may overwrite it with a later answer, so no sliver of it may be used
   * afterwards. Does nothing for any other array, or where the transport does not reuse memory.
   */
  releaseSlivers?(answer: readonly (Sliver | null)[]): void;
  /** Asks for a signed storage confirmation (signature not checked here). */
  getConfirmation(
    node: StorageNodeRef,
    blobId: Uint8Array,
    persistence: BlobPersistence,
    options?: GetConfirmationOptions,
  ): Promise<SignedMessage>;
  /** The blob's status as the node sees it. */
  getBlobStatus(
    node: StorageNodeRef,
    blobId: Uint8Array,
    options?: TransportCallOptions,
  ): Promise<BlobStatus>;
  /** The node's health report. */
  getHealth(node: StorageNodeRef, options?: TransportCallOptions): Promise<ServiceHealthInfo>;
}

const serializedMetadata = new WeakMap<BlobMetadata, Uint8Array>();

/**
 * BCS bytes of `metadata`, serialized once per metadata object (a write sends the same metadata to every
 * node; at n = 1000 it is 64 KiB of BCS each time).
 */
export function metadataBytes(metadata: BlobMetadata): Uint8Array {
  let bytes = serializedMetadata.get(metadata);
  if (!bytes) {
    bytes = serializeBlobMetadata(metadata);
    serializedMetadata.set(metadata, bytes);
  }
  return bytes;
}
