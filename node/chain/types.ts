/**
 * The chain as the rest of walrus-ts sees it: one {@link ChainClient} interface, types only.
 *
 * Implementations: the embedded chain (node/chain/embedded: in-process and over HTTP) and, later, a Sui
 * adapter (node/chain/sui). Consumers (storage node, client, CLI, explorer server) import from this file
 * only, never from an implementation.
 *
 * Conventions of every type here:
 * - blob IDs are the 43-character URL-safe base64 text form (spec §2.4);
 * - object IDs, node IDs and Sui addresses are `0x` + 64 lowercase hex characters;
 * - WAL amounts and prices are `bigint` FROST (1 WAL = 10^9 FROST);
 * - sizes are `number` bytes (always safe integers), epochs are `number` (u32);
 * - keys, signatures, root hashes and messages are `Uint8Array`;
 * - transaction digests are base58 of 32 bytes (as Sui's), event sequence numbers are u64 decimal strings;
 * - every method that may wait takes `{ signal }`.
 *
 * Errors thrown by implementations are the classes of node/chain/errors.ts (same class in-process and over
 * HTTP).
 *
 * @see spec §6 (on-chain side), §4 "Signed messages", §3.3 (invalid blob IDs)
 * @packageDocumentation
 */

/** Options of every method that may wait. */
export interface AbortOptions {
  signal?: AbortSignal;
}

/** `0x` + 64 lowercase hex characters: an object ID, a node ID or a Sui address. */
export type ObjectId = string;
/** A Sui address, `0x` + 64 lowercase hex characters. */
export type SuiAddress = string;
/** A blob ID in its text form (43 characters of URL-safe base64 without padding). @see spec §2.4 */
export type BlobIdText = string;

/**
 * The state of the epoch machine. @see spec §6.5
 * - `EpochChangeDone`: the current epoch's committee has all its shards; `since` = when it got there.
 * - `NextParamsSelected`: the next committee and its parameters are chosen (voting ended at `since`).
 * - `EpochChangeSync`: epoch `epoch` has started; its new shard owners are syncing; `syncedWeight` shards'
 *   worth of members have called epoch_sync_done so far.
 * - `NotStarted`: genesis: nodes may register but no committee exists yet (embedded chain only).
 */
export type EpochState =
  | { readonly kind: 'NotStarted' }
  | { readonly kind: 'EpochChangeDone'; readonly sinceMs: number }
  | { readonly kind: 'NextParamsSelected'; readonly sinceMs: number }
  | { readonly kind: 'EpochChangeSync'; readonly syncedWeight: number; readonly sinceMs: number };

/** One storage node in a committee. `weight` = number of shards it holds. */
export interface CommitteeMember {
  /** Node ID = the ID of its staking pool object. */
  readonly nodeId: ObjectId;
  readonly name: string;
  /** libp2p peer ID (base58btc / CID text as libp2p prints it). */
  readonly peerId: string;
  /** libp2p multiaddrs the node announces. */
  readonly multiaddrs: readonly string[];
  /** BLS12-381 min-pk public key, 48 bytes compressed G1. */
  readonly publicKey: Uint8Array;
  /** Sui address of the operator (the account that registered the node and holds its capability). */
  readonly suiAddress: SuiAddress;
  /** Shard indices owned in this committee's epoch, ascending. */
  readonly shards: readonly number[];
  /** Number of shards (= shards.length). */
  readonly weight: number;
}

/** The committee of one epoch; members sorted by node ID (bitmap bit i = members[i]). @see spec §6.3 */
export interface Committee {
  readonly epoch: number;
  readonly nShards: number;
  readonly members: readonly CommitteeMember[];
}

/** Chain-wide parameters and state. @see spec §6.2, §6.4, §6.5 */
export interface SystemState {
  /** Current epoch (0 before genesis). */
  readonly epoch: number;
  readonly epochState: EpochState;
  readonly nShards: number;
  /** Nominal epoch length in milliseconds. */
  readonly epochDurationMs: number;
  /** When the current epoch started (ms since Unix epoch); 0 before genesis. */
  readonly epochStartMs: number;
  /** Largest number of epochs a storage resource may be reserved ahead. */
  readonly maxEpochsAhead: number;
  /** Committee of the current epoch (empty members before genesis). */
  readonly committee: Committee;
  /** Committee of the previous epoch while `epochState.kind === 'EpochChangeSync'`, else undefined. */
  readonly previousCommittee?: Committee;
  /** Committee selected for the next epoch once `epochState.kind === 'NextParamsSelected'`. */
  readonly nextCommittee?: Committee;
  /** FROST per storage unit (1 MiB of encoded size) per epoch. */
  readonly storagePricePerUnit: bigint;
  /** FROST per storage unit, paid once at registration. */
  readonly writePricePerUnit: bigint;
  /** Total capacity in bytes (of encoded size) for the current epoch. */
  readonly totalCapacity: number;
  /** Bytes of capacity reserved for the current epoch. */
  readonly usedCapacity: number;
}

/** A storage resource: `storageSize` bytes of encoded size for epochs [startEpoch, endEpoch). @see spec §6.2 */
export interface StorageResource {
  readonly id: ObjectId;
  readonly owner: SuiAddress;
  readonly startEpoch: number;
  /** Exclusive. */
  readonly endEpoch: number;
  readonly storageSize: number;
}

/** A Blob object. @see spec §6.2 */
export interface BlobObject {
  readonly id: ObjectId;
  readonly owner: SuiAddress;
  readonly registeredEpoch: number;
  readonly blobId: BlobIdText;
  /** Unencoded size in bytes. */
  readonly size: number;
  readonly encodingType: number;
  /** Epoch of certification (the point of availability), or null while only registered. */
  readonly certifiedEpoch: number | null;
  readonly storage: StorageResource;
  readonly deletable: boolean;
  /** Attributes (the Move `metadata` dynamic field): string to string. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** What the chain knows about one blob ID across all its Blob objects. */
export interface BlobIdInfo {
  readonly blobId: BlobIdText;
  /** Live (not deleted, not burned) Blob objects with this blob ID. */
  readonly objects: readonly BlobObject[];
  /** The InvalidBlobID event if the blob ID was invalidated. */
  readonly invalidated: EventId | null;
}

/** A registered storage node (candidate or committee member) with its pool and votes. @see spec §6.4 */
export interface StorageNodeInfo {
  readonly nodeId: ObjectId;
  readonly name: string;
  readonly peerId: string;
  readonly multiaddrs: readonly string[];
  readonly publicKey: Uint8Array;
  readonly suiAddress: SuiAddress;
  /** Total stake (FROST) that counts for the next committee selection. */
  readonly stake: bigint;
  readonly storagePriceVote: bigint;
  readonly writePriceVote: bigint;
  /** Capacity the node offers, bytes. */
  readonly nodeCapacityVote: number;
}

/** Identifies one event: the transaction that emitted it and its index inside it. @see spec §4 BlobStatus */
export interface EventId {
  readonly txDigest: string;
  /** Index of the event within its transaction, u64 decimal string. */
  readonly eventSeq: string;
}

/** Fields every event carries. `cursor` is opaque: pass it as `after` to resume just past this event. */
export interface EventBase {
  readonly id: EventId;
  readonly cursor: string;
  /** Time of the transaction (ms since Unix epoch). */
  readonly timestampMs: number;
}

/** The events of spec §6.6 that the embedded chain produces. Field names follow events.move in camelCase. */
export type ChainEventData =
  | {
      readonly type: 'BlobRegistered';
      readonly epoch: number;
      readonly blobId: BlobIdText;
      readonly size: number;
      readonly encodingType: number;
      readonly endEpoch: number;
      readonly deletable: boolean;
      readonly objectId: ObjectId;
    }
  | {
      readonly type: 'BlobCertified';
      readonly epoch: number;
      readonly blobId: BlobIdText;
      readonly endEpoch: number;
      readonly deletable: boolean;
      readonly objectId: ObjectId;
      readonly isExtension: boolean;
    }
  | {
      readonly type: 'BlobDeleted';
      readonly epoch: number;
      readonly blobId: BlobIdText;
      readonly endEpoch: number;
      readonly objectId: ObjectId;
      readonly wasCertified: boolean;
    }
  | { readonly type: 'InvalidBlobID'; readonly epoch: number; readonly blobId: BlobIdText }
  | { readonly type: 'EpochParametersSelected'; readonly nextEpoch: number }
  | { readonly type: 'EpochChangeStart'; readonly epoch: number }
  | { readonly type: 'EpochChangeDone'; readonly epoch: number }
  | { readonly type: 'ShardsReceived'; readonly epoch: number; readonly shards: readonly number[] }
  | {
      /** A quorum of verifiers attested that `nodeId` failed its storage challenges in `epoch`. */
      readonly type: 'NodeChallengeFailed';
      readonly epoch: number;
      readonly nodeId: ObjectId;
    }
  | {
      readonly type: 'PricesUpdated';
      readonly epoch: number;
      readonly storagePrice: bigint;
      readonly writePrice: bigint;
    };

/** One event as delivered by {@link ChainClient.events}. */
export type ChainEvent = EventBase & ChainEventData;
/** The `type` strings of {@link ChainEvent}. */
export type ChainEventType = ChainEventData['type'];

/** Result of every transaction. */
export interface TxReceipt {
  /** Transaction digest, base58 of 32 bytes. */
  readonly digest: string;
  /** Events the transaction emitted, in order. */
  readonly events: readonly ChainEvent[];
}

/**
 * A quorum certificate over a signed protocol message. @see spec §4 "Signed messages", §6.3
 * - `signers`: indices into the committee's `members` (ascending, no duplicates);
 * - `serializedMessage`: the BCS ProtocolMessage (7-byte header + body) every signer signed;
 * - `signature`: the aggregate BLS min-pk signature, 96 bytes.
 */
export interface ProtocolCertificate {
  readonly signers: readonly number[];
  readonly serializedMessage: Uint8Array;
  readonly signature: Uint8Array;
}

/**
 * A transaction as the chain recorded it (for explorers): who sent it, when, what it emitted and, for a
 * certificate-carrying call (certify_blob, invalidate_blob_id), the certificate. @see spec §6.3
 */
export interface ChainTransaction {
  /** Base58 digest. */
  readonly digest: string;
  readonly sender: SuiAddress;
  /** When it was applied (ms since Unix epoch). */
  readonly timestampMs: number;
  /** Epoch in which it was applied. */
  readonly epoch: number;
  /** The call, e.g. `certify_blob`. */
  readonly kind: string;
  readonly events: readonly ChainEvent[];
  /** The certificate it carried; `signers` index the committee of the message's epoch. */
  readonly certificate?: ProtocolCertificate;
}

/** Registration data of a storage node. @see spec §6.4 */
export interface RegisterCandidateParams extends AbortOptions {
  readonly name: string;
  readonly peerId: string;
  readonly multiaddrs: readonly string[];
  /** BLS public key, 48 bytes. */
  readonly publicKey: Uint8Array;
  /**
   * BLS signature (96 bytes) over the proof-of-possession message
   * `intent(0,0,3) || epoch u32 LE || sender address[32] || publicKey[48]` with the current epoch.
   * @see shared/bcs/messages.ts proofOfPossessionMessage
   */
  readonly proofOfPossession: Uint8Array;
  readonly storagePrice: bigint;
  readonly writePrice: bigint;
  /** Bytes of capacity offered. */
  readonly nodeCapacity: number;
}

/** Options of {@link ChainClient.events}. */
export interface EventsOptions extends AbortOptions {
  /** Resume after this cursor (from a previous event's `cursor`); omitted = from the first event. */
  readonly after?: string;
}

/** Read side of the chain. */
export interface ChainReader {
  /** Chain-wide state: epoch, epoch state, committee(s), prices, capacity. */
  systemState(options?: AbortOptions): Promise<SystemState>;
  /** A Blob object by object ID. @throws ObjectNotFoundError (also once deleted or burned) */
  getBlob(objectId: ObjectId, options?: AbortOptions): Promise<BlobObject>;
  /** All live Blob objects of a blob ID and whether it was invalidated (never throws for unknown IDs). */
  getBlobIdInfo(blobId: BlobIdText, options?: AbortOptions): Promise<BlobIdInfo>;
  /** A storage resource by object ID. @throws ObjectNotFoundError */
  getStorage(objectId: ObjectId, options?: AbortOptions): Promise<StorageResource>;
  /** Live Blob objects and free storage resources owned by `owner`. */
  ownedObjects(
    owner: SuiAddress,
    options?: AbortOptions,
  ): Promise<{ blobs: readonly BlobObject[]; storage: readonly StorageResource[] }>;
  /** WAL balance of an address in FROST (0 for an unknown address). */
  balance(address: SuiAddress, options?: AbortOptions): Promise<bigint>;
  /** All registered storage nodes (candidates and members), sorted by node ID. */
  storageNodes(options?: AbortOptions): Promise<readonly StorageNodeInfo[]>;
  /**
   * A transaction by digest, with the certificate it carried if any.
   * @throws ObjectNotFoundError for a digest the chain does not know (or does not keep)
   */
  getTransaction(digest: string, options?: AbortOptions): Promise<ChainTransaction>;
  /**
   * The committee of `epoch` (from 1 up to the current epoch), as selected for that epoch.
   * @throws ObjectNotFoundError for epoch 0 or a future epoch
   */
  committeeAt(epoch: number, options?: AbortOptions): Promise<Committee>;
  /**
   * Every event from `after` on, then new ones as they happen, until `signal` aborts (the iterator then
   * returns quietly). Events come in chain order, each exactly once per iteration.
   */
  events(options?: EventsOptions): AsyncIterable<ChainEvent>;
}

/**
 * Write side: every method signs a transaction with the client's account (`address`), submits it and
 * resolves once it is applied. A rejected transaction throws a ChainError subclass and changes nothing.
 */
export interface ChainWriter {
  /** The Sui address transactions are sent from. */
  readonly address: SuiAddress;
  /** Devnet faucet: credits `amount` FROST (default 100 WAL) to the sender. */
  faucet(params?: { amount?: bigint } & AbortOptions): Promise<TxReceipt & { balance: bigint }>;
  /** Moves WAL to another address. */
  transfer(params: { to: SuiAddress; amount: bigint } & AbortOptions): Promise<TxReceipt>;
  /** Registers a storage node candidate (PoP verified). @throws InvalidProofOfPossessionError */
  registerCandidate(params: RegisterCandidateParams): Promise<TxReceipt & { nodeId: ObjectId }>;
  /** Updates the node's libp2p peer ID / multiaddrs / name (operator only). */
  updateNodeInfo(
    params: {
      nodeId: ObjectId;
      name?: string;
      peerId?: string;
      multiaddrs?: readonly string[];
    } & AbortOptions,
  ): Promise<TxReceipt>;
  /** Stakes `amount` FROST with a node; counts from the next committee selection. */
  stake(params: { nodeId: ObjectId; amount: bigint } & AbortOptions): Promise<TxReceipt>;
  /** Sets the node's price and capacity votes (operator only); prices are recomputed at once. */
  setVotes(
    params: {
      nodeId: ObjectId;
      storagePrice?: bigint;
      writePrice?: bigint;
      nodeCapacity?: number;
    } & AbortOptions,
  ): Promise<TxReceipt>;
  /**
   * Buys `size` bytes (of encoded size) for `epochs` epochs from the current epoch; pays
   * storagePrice * units * epochs. @throws InsufficientBalanceError, InsufficientCapacityError
   */
  reserveSpace(
    params: { size: number; epochs: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }>;
  /** Splits a storage resource at `epoch` ([start, epoch) stays, [epoch, end) is new). */
  splitStorageByEpoch(
    params: { storageId: ObjectId; epoch: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }>;
  /** Splits off `size` bytes into a new resource with the same period. */
  splitStorageBySize(
    params: { storageId: ObjectId; size: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }>;
  /** Fuses `other` into `storageId` (same period: sizes add; same size and adjacent: periods join). */
  fuseStorage(
    params: { storageId: ObjectId; other: ObjectId } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }>;
  /**
   * Registers a blob on a storage resource (consumed into the Blob object); pays writePrice * units.
   * @throws BlobIdMismatchError, StorageTooSmallError, StorageExpiredError, InsufficientBalanceError
   */
  registerBlob(
    params: {
      storageId: ObjectId;
      blobId: BlobIdText;
      /** Merkle root over the sliver pairs, 32 bytes. @see spec §2.4 */
      rootHash: Uint8Array;
      size: number;
      encodingType: number;
      deletable: boolean;
    } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }>;
  /**
   * Certifies a registered blob with a quorum certificate over its storage confirmation (intent 1).
   * @throws InvalidCertificateError (signature), WrongEpochError, QuorumNotReachedError,
   *   InvalidSignersBitmapError, BlobAlreadyCertifiedError, BlobExpiredError
   */
  certifyBlob(
    params: { blobObjectId: ObjectId; certificate: ProtocolCertificate } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }>;
  /** Deletes a deletable blob; its storage resource returns to the sender. */
  deleteBlob(
    params: { blobObjectId: ObjectId } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }>;
  /** Extends a certified blob by `epochs`, paying storagePrice * units * epochs. */
  extendBlob(
    params: { blobObjectId: ObjectId; epochs: number } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }>;
  /** Destroys the Blob object (data stays until expiry; no further extension or deletion). */
  burnBlob(params: { blobObjectId: ObjectId } & AbortOptions): Promise<TxReceipt>;
  /** Sets (insert or overwrite) attributes of a blob. */
  setBlobAttributes(
    params: { blobObjectId: ObjectId; attributes: Readonly<Record<string, string>> } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }>;
  /** Removes the given attribute keys (all attributes when `keys` is omitted). */
  removeBlobAttributes(
    params: { blobObjectId: ObjectId; keys?: readonly string[] } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }>;
  /**
   * Marks a blob ID invalid with a certificate over InvalidBlobIdMsg (intent 2) of f+1 weight.
   * @throws InvalidCertificateError, WrongEpochError, QuorumNotReachedError
   */
  invalidateBlobId(params: { certificate: ProtocolCertificate } & AbortOptions): Promise<TxReceipt>;
  /**
   * Reports a committee member that failed its storage challenges, with a quorum certificate (weight
   * 3w >= 2n+1) over the challenge-failure message `intent(64,0,3) || epoch || node_id` of the current
   * epoch (shared/protocol/challenge.ts). Emits NodeChallengeFailed; once per node and epoch.
   * @throws InvalidCertificateError, WrongEpochError, QuorumNotReachedError, InvalidMessageError,
   *   ChallengeAlreadyReportedError
   */
  reportChallengeFailure(params: { certificate: ProtocolCertificate } & AbortOptions): Promise<TxReceipt>;
  /**
   * Genesis (embedded chain): selects the first committee from the registered, staked nodes and starts
   * epoch 1. Allowed once, in state NotStarted (and only from the admin address when one is configured).
   * @throws EpochStateError
   */
  startFirstEpoch(params?: AbortOptions): Promise<TxReceipt>;
  /** A new committee member reports it holds its shards for `epoch` (operator only). @see spec §6.5 */
  epochSyncDone(params: { nodeId: ObjectId; epoch: number } & AbortOptions): Promise<TxReceipt>;
}

/** The whole chain client: reads, transactions, events. */
export interface ChainClient extends ChainReader, ChainWriter {
  /** Releases connections and subscriptions. */
  close(): Promise<void>;
}
