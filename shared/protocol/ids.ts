/**
 * libp2p protocol IDs of walrus-ts and the gossip topic names, as data.
 *
 * Every storage operation of the Walrus REST API (spec §4) has a libp2p twin: one protocol ID per operation,
 * so each gets its own size limits, authorization and per-peer concurrency. Request and response headers are
 * BCS (see ./headers.ts); bodies are the same BCS payloads the REST API carries (SliverData,
 * BlobMetadata, Vec<GeneralRecoverySymbol>, SignedMessage, ...), or JSON where Walrus uses JSON (status).
 * @see spec §4
 */

/** Prefix of every walrus-ts libp2p protocol. */
export const PROTOCOL_PREFIX = '/walrus-ts';

/** The storage protocols. Bump the trailing version on any incompatible change to a header or body. */
export const StorageProtocol = {
  /** Store a blob's metadata (body: BCS BlobMetadata). Anyone may write; the node verifies. */
  putMetadata: '/walrus-ts/metadata/put/1.0.0',
  /** Fetch a blob's metadata (response body: BCS BlobMetadataWithId). Public. */
  getMetadata: '/walrus-ts/metadata/get/1.0.0',
  /** Store one or more slivers of a blob (body: the BCS SliverData of each entry, concatenated). */
  putSlivers: '/walrus-ts/slivers/put/1.0.0',
  /** Fetch one or more slivers (response body: the BCS SliverData of each found entry, concatenated). */
  getSlivers: '/walrus-ts/slivers/get/1.0.0',
  /** Fetch recovery symbols with proofs (response body: BCS Vec<GeneralRecoverySymbol>). */
  getRecoverySymbols: '/walrus-ts/recovery-symbols/get/1.0.0',
  /**
   * Fetch the proof-less recovery symbols a node's source slivers give for many target slivers at once
   * (header: GetSymbolBatchHeader; response body: SymbolBatch; see ./symbol-batch.ts). Public.
   */
  getSymbolBatch: '/walrus-ts/recovery-symbols/batch/1.0.0',
  /** Ask for a signed storage confirmation (response body: BCS SignedMessage). */
  getConfirmation: '/walrus-ts/confirmation/get/1.0.0',
  /** Post an inconsistency proof (body: BCS InconsistencyProof); response: signed InvalidBlobIdMsg. */
  postInconsistencyProof: '/walrus-ts/inconsistency-proof/post/1.0.0',
  /** A blob's status as the node sees it (response body: JSON BlobStatus). Public. */
  getBlobStatus: '/walrus-ts/blob-status/get/1.0.0',
  /** Pull a page of a shard from its previous owner (header: BCS SignedMessage<SyncShardMsg>). Members only. */
  syncShard: '/walrus-ts/shard/sync/1.0.0',
  /** The node's health (response body: JSON ServiceHealthInfo). Public. */
  getHealth: '/walrus-ts/health/get/1.0.0',
} as const;

/** One of the storage protocol IDs. */
export type StorageProtocolId = (typeof StorageProtocol)[keyof typeof StorageProtocol];

/** Gossip topic kinds: `/walrus-ts/<network>/<kind>/1`. */
export const GossipTopicKind = {
  /** Certified-blob announcements. */
  blobs: 'blobs',
  /** Epoch-change progress: shard transfer started/finished, sync done. */
  epoch: 'epoch',
  /** Recovery progress: blob and shard recovery started, progress, finished. */
  recovery: 'recovery',
} as const;

/** One of the gossip topic kinds. */
export type GossipTopicKindName = (typeof GossipTopicKind)[keyof typeof GossipTopicKind];
