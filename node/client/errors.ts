/**
 * Errors of the client (write and read flows, storage-node transports).
 *
 * Two subtrees say what a caller can do:
 * - {@link RetryableClientError}: the same call may succeed later (not enough confirmations or slivers yet,
 *   nodes unreachable, the epoch changed under the flow). Flows that can resume expose `reset()`-free resume
 *   via their step objects; plain calls can simply be repeated.
 * - everything else under {@link ClientError}: retrying the same call gives the same answer (the blob does
 *   not exist, was marked invalid, expired, or was encoded inconsistently; the input is wrong).
 *
 * Per-node failures are {@link StorageNodeError}s; {@link storageNodeErrorFromStatus} is the one place that
 * maps wire statuses (libp2p application statuses and HTTP AIP-193 reasons) to these classes.
 *
 * @see spec §5.1, §5.2
 * @packageDocumentation
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of every client error. */
export class ClientError extends WalrusTsError {
  static readonly name: string = 'ClientError';
  constructor(message: string, code = 'CLIENT_ERROR', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** The same call may succeed if repeated later. */
export class RetryableClientError extends ClientError {
  static readonly name: string = 'RetryableClientError';
  constructor(message: string, code = 'CLIENT_RETRYABLE', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** One node's failure as reported in write results. */
export interface NodeFailure {
  /** Node ID of the committee member. */
  readonly nodeId: string;
  readonly name: string;
  /** Shards the node holds (its weight is `shards.length`). */
  readonly shards: readonly number[];
  /** The error's `code` (stable, e.g. `CLIENT_NODE_UNREACHABLE`). */
  readonly code: string;
  readonly message: string;
}

/**
 * Fewer than a quorum of shard weight confirmed the blob: more than f shards' worth of nodes failed.
 * Retryable (nodes may come back). `failures` lists the nodes that failed.
 */
export class NotEnoughConfirmationsError extends RetryableClientError {
  static readonly name = 'NotEnoughConfirmationsError';
  readonly confirmedWeight: number;
  readonly requiredWeight: number;
  readonly failures: readonly NodeFailure[];
  constructor(confirmedWeight: number, requiredWeight: number, failures: readonly NodeFailure[]) {
    super(
      `only ${confirmedWeight} of the ${requiredWeight} shards' weight needed confirmed the blob ` +
        `(${failures.length} node(s) failed: ${failures.map((f) => `${f.name}: ${f.code}`).join(', ')})`,
      'CLIENT_NOT_ENOUGH_CONFIRMATIONS',
    );
    this.confirmedWeight = confirmedWeight;
    this.requiredWeight = requiredWeight;
    this.failures = failures;
  }
}

/** Fewer than R verified primary slivers could be fetched. Retryable. */
export class NotEnoughSliversError extends RetryableClientError {
  static readonly name = 'NotEnoughSliversError';
  readonly received: number;
  readonly required: number;
  constructor(received: number, required: number) {
    super(
      `only ${received} of the ${required} verified primary slivers needed could be fetched`,
      'CLIENT_NOT_ENOUGH_SLIVERS',
    );
    this.received = received;
    this.required = required;
  }
}

/** No node returned metadata that verifies against the blob ID. Retryable. */
export class NoMetadataError extends RetryableClientError {
  static readonly name = 'NoMetadataError';
  constructor(blobId: string) {
    super(`no storage node returned valid metadata for blob ${blobId}`, 'CLIENT_NO_METADATA');
  }
}

/** The nodes' blob statuses did not agree with f+1 shard weight (too many unreachable). Retryable. */
export class NoVerifiedStatusError extends RetryableClientError {
  static readonly name = 'NoVerifiedStatusError';
  constructor(blobId: string, answeredWeight: number, requiredWeight: number) {
    super(
      `the status of blob ${blobId} could not be vouched for: nodes with ${answeredWeight} shards answered, ` +
        `${requiredWeight} needed`,
      'CLIENT_NO_VERIFIED_STATUS',
    );
  }
}

/** The committee changed while the flow ran and retries were exhausted. Retryable. */
export class EpochChangedError extends RetryableClientError {
  static readonly name = 'EpochChangedError';
  constructor(message = 'the epoch changed while the operation ran') {
    super(message, 'CLIENT_EPOCH_CHANGED');
  }
}

/** The chain has no committee yet (genesis not done). Retryable later. */
export class NoCommitteeError extends RetryableClientError {
  static readonly name = 'NoCommitteeError';
  constructor() {
    super('the chain has no committee yet (the first epoch has not started)', 'CLIENT_NO_COMMITTEE');
  }
}

/** The blob is not stored on Walrus (never registered, or deleted/expired and gone from the nodes). */
export class BlobNotFoundError extends ClientError {
  static readonly name = 'BlobNotFoundError';
  readonly blobId: string;
  constructor(blobId: string, detail = 'it was never stored, or was deleted or expired') {
    super(`blob ${blobId} does not exist on Walrus: ${detail}`, 'CLIENT_BLOB_NOT_FOUND');
    this.blobId = blobId;
  }
}

/** The blob is registered but not certified yet (no point of availability). Retryable later. */
export class BlobNotCertifiedError extends RetryableClientError {
  static readonly name = 'BlobNotCertifiedError';
  readonly blobId: string;
  constructor(blobId: string) {
    super(`blob ${blobId} is registered but not certified (not yet available)`, 'CLIENT_BLOB_NOT_CERTIFIED');
    this.blobId = blobId;
  }
}

/** The blob's storage period ended. */
export class BlobExpiredError extends ClientError {
  static readonly name = 'BlobExpiredError';
  readonly blobId: string;
  readonly endEpoch: number;
  constructor(blobId: string, endEpoch: number, currentEpoch: number) {
    super(
      `blob ${blobId} expired: it was stored until epoch ${endEpoch}, the current epoch is ${currentEpoch}`,
      'CLIENT_BLOB_EXPIRED',
    );
    this.blobId = blobId;
    this.endEpoch = endEpoch;
  }
}

/** Every Blob object of this blob ID was deleted. */
export class BlobDeletedError extends ClientError {
  static readonly name = 'BlobDeletedError';
  readonly blobId: string;
  constructor(blobId: string) {
    super(`blob ${blobId} was deleted`, 'CLIENT_BLOB_DELETED');
    this.blobId = blobId;
  }
}

/** The blob ID was marked invalid on chain (inconsistent encoding proven); no data is returned. */
export class BlobInvalidError extends ClientError {
  static readonly name = 'BlobInvalidError';
  readonly blobId: string;
  constructor(blobId: string, detail = 'it was marked invalid (inconsistently encoded)') {
    super(`blob ${blobId} is invalid: ${detail}`, 'CLIENT_BLOB_INVALID');
    this.blobId = blobId;
  }
}

/** The decoded blob failed the consistency check: the writer encoded it inconsistently. */
export class BlobInconsistentError extends ClientError {
  static readonly name = 'BlobInconsistentError';
  readonly blobId: string;
  constructor(blobId: string, options?: ErrorOptions) {
    super(
      `blob ${blobId} is inconsistently encoded and must be treated as invalid`,
      'CLIENT_BLOB_INCONSISTENT',
      options,
    );
    this.blobId = blobId;
  }
}

/** A byte range outside the blob. */
export class RangeNotSatisfiableError extends ClientError {
  static readonly name = 'RangeNotSatisfiableError';
  readonly size: number;
  constructor(message: string, size: number) {
    super(message, 'CLIENT_RANGE_NOT_SATISFIABLE');
    this.size = size;
  }
}

/** A write flow step was called out of order, or resumed with data that does not match. */
export class FlowStateError extends ClientError {
  static readonly name = 'FlowStateError';
  constructor(message: string) {
    super(message, 'CLIENT_FLOW_STATE');
  }
}

/** Wrong use of the client (e.g. a write without a signer). */
export class ClientConfigError extends ClientError {
  static readonly name = 'ClientConfigError';
  constructor(message: string) {
    super(message, 'CLIENT_CONFIG');
  }
}

/**
 * A request to one storage node failed. `retryable` says whether the same request to the same node may
 * succeed later (unreachable, timeout, busy, not registered yet) or not (verification failed, not found).
 * `transport` is true when the request never got an application answer (connection, stream, timeout),
 * which is when a transport falls back to another one.
 */
export class StorageNodeError extends ClientError {
  static readonly name: string = 'StorageNodeError';
  readonly retryable: boolean;
  readonly transport: boolean;
  constructor(message: string, code: string, retryable: boolean, transport = false, options?: ErrorOptions) {
    super(message, code, options);
    this.retryable = retryable;
    this.transport = transport;
  }
}

/** The node could not be reached or the exchange broke (dial, connection, stream, timeout). */
export class NodeUnreachableError extends StorageNodeError {
  static readonly name = 'NodeUnreachableError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'CLIENT_NODE_UNREACHABLE', true, true, options);
  }
}

/** The node does not have the item (metadata, sliver, blob). */
export class NodeNotFoundError extends StorageNodeError {
  static readonly name = 'NodeNotFoundError';
  constructor(message: string) {
    super(message, 'CLIENT_NODE_NOT_FOUND', false);
  }
}

/** The node does not know the blob as registered yet (its event stream lags). Retryable. */
export class NodeBlobNotRegisteredError extends StorageNodeError {
  static readonly name = 'NodeBlobNotRegisteredError';
  constructor(message: string) {
    super(message, 'CLIENT_NODE_BLOB_NOT_REGISTERED', true);
  }
}

/** The node does not own the shard (committee view out of date). */
export class NodeShardNotAssignedError extends StorageNodeError {
  static readonly name = 'NodeShardNotAssignedError';
  constructor(message: string) {
    super(message, 'CLIENT_NODE_SHARD_NOT_ASSIGNED', false);
  }
}

/** The node rejected what we sent (verification, malformed) or answered something that fails checks. */
export class NodeInvalidResponseError extends StorageNodeError {
  static readonly name = 'NodeInvalidResponseError';
  constructor(message: string, code = 'CLIENT_NODE_INVALID', options?: ErrorOptions) {
    super(message, code, false, false, options);
  }
}

/** The node reports the blob as invalid. */
export class NodeBlobInvalidError extends StorageNodeError {
  static readonly name = 'NodeBlobInvalidError';
  constructor(message: string) {
    super(message, 'CLIENT_NODE_BLOB_INVALID', false);
  }
}

/** The node is busy or not ready (too many streams, unavailable, not all slivers stored yet). Retryable. */
export class NodeBusyError extends StorageNodeError {
  static readonly name = 'NodeBusyError';
  constructor(message: string, code = 'CLIENT_NODE_BUSY') {
    super(message, code, true);
  }
}

/** Any other node-side failure. */
export class NodeInternalError extends StorageNodeError {
  static readonly name = 'NodeInternalError';
  constructor(message: string, retryable = true) {
    super(message, 'CLIENT_NODE_INTERNAL', retryable);
  }
}

/**
 * Application reasons of the storage protocols (shared/protocol `STORAGE_STATUS_REASONS` and the HTTP
 * API's AIP-193 `ErrorInfo.reason`) and generic statuses, mapped to the node error class. The one place
 * both transports use.
 * @param reason upper-snake reason (`BLOB_NOT_REGISTERED`, `NOT_FOUND`, ...)
 */
export function storageNodeErrorFromReason(reason: string, message: string): StorageNodeError {
  switch (reason) {
    case 'BLOB_NOT_REGISTERED':
      return new NodeBlobNotRegisteredError(message);
    case 'SHARD_NOT_ASSIGNED':
      return new NodeShardNotAssignedError(message);
    case 'BLOB_INVALID':
      return new NodeBlobInvalidError(message);
    case 'NOT_ALL_SLIVERS_STORED':
    case 'METADATA_NOT_STORED':
    case 'PENDING_BUFFER_FULL':
    case 'UNAVAILABLE':
    case 'TOO_MANY_STREAMS':
    case 'RESOURCE_EXHAUSTED':
    case 'TIMEOUT':
      return new NodeBusyError(message, `CLIENT_NODE_${reason === 'TOO_MANY_STREAMS' ? 'BUSY' : reason}`);
    case 'NOT_FOUND':
    case 'BLOB_NOT_FOUND':
    case 'METADATA_NOT_FOUND':
    case 'SLIVER_NOT_FOUND':
      return new NodeNotFoundError(message);
    case 'VERIFICATION_FAILED':
    case 'INVALID':
    case 'MALFORMED':
    case 'TOO_LARGE':
    case 'UNAUTHORIZED':
    case 'PROOF_NOT_VALID':
      return new NodeInvalidResponseError(message, `CLIENT_NODE_${reason}`);
    default:
      return new NodeInternalError(message);
  }
}
