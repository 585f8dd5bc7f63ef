/**
 * Errors of the storage service (the operations behind both the libp2p protocols and the HTTP API).
 *
 * Every class carries the three things an adapter needs: the libp2p wire `status` (a
 * {@link ResponseStatus} or an application {@link StorageStatus}), the AIP-193 canonical `httpStatus`
 * name, and the AIP-193 `reason` (upper snake). Callers branch on `name` / `code`, never on the message.
 *
 * HTTP reasons are Walrus's own where Walrus has one (`NOT_REGISTERED`, `INVALID_SLIVER`,
 * `INVALID_METADATA`, `INVALID_BLOB`, `MISSING_SLIVERS`, `INVALID_PROOF`, `SHARD_NOT_ASSIGNED`; Rust
 * `walrus-service/src/node/errors.rs`), because Walrus clients branch on them (the TS SDK maps
 * `NOT_REGISTERED` to its `BlobNotRegisteredError`); otherwise the reason of
 * `STORAGE_STATUS_REASONS`.
 *
 * @see spec §4 "JSON envelopes"; shared/protocol/headers.ts (StorageStatus)
 * @packageDocumentation
 */
import { WalrusTsError } from '../../shared/errors.ts';
import type { StatusName } from '../../shared/api/status.ts';
import { STORAGE_STATUS_REASONS, StorageStatus } from '../../shared/protocol/headers.ts';
import type { StorageStatusCode } from '../../shared/protocol/headers.ts';
import { ResponseStatus } from '../network/reqresp/status.ts';

/** Root of every storage-service error. */
export class StorageServiceError extends WalrusTsError {
  static readonly name: string = 'StorageServiceError';
  /** Wire status of the libp2p protocols (ResponseStatus 1..255 or StorageStatus 256+). */
  readonly status: number;
  /** AIP-193 canonical status name (decides the HTTP code). */
  readonly httpStatus: StatusName;
  /** AIP-193 `ErrorInfo.reason`. */
  readonly reason: string;
  constructor(
    message: string,
    code: string,
    status: number,
    httpStatus: StatusName,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(message, code, options);
    this.status = status;
    this.httpStatus = httpStatus;
    this.reason = reason;
  }
}

function storageReason(status: StorageStatusCode): string {
  return STORAGE_STATUS_REASONS[status];
}

/** A request could not be parsed: truncated or malformed BCS, a bad blob ID, a bad query parameter. */
export class MalformedRequestError extends StorageServiceError {
  static readonly name = 'MalformedRequestError';
  constructor(message: string, options?: ErrorOptions) {
    super(
      message,
      'NODE_MALFORMED_REQUEST',
      ResponseStatus.MALFORMED,
      'INVALID_ARGUMENT',
      'MALFORMED_REQUEST',
      options,
    );
  }
}

/** The blob is not registered on chain (or its registrations expired) and the upload was not `pending`. */
export class BlobNotRegisteredError extends StorageServiceError {
  static readonly name = 'BlobNotRegisteredError';
  constructor(blobId: string) {
    super(
      `blob ${blobId} is not registered (or has expired)`,
      'NODE_BLOB_NOT_REGISTERED',
      StorageStatus.BLOB_NOT_REGISTERED,
      'FAILED_PRECONDITION',
      'NOT_REGISTERED',
    );
  }
}

/** The node does not own the shard of the sliver pair in the current epoch. */
export class ShardNotAssignedError extends StorageServiceError {
  static readonly name = 'ShardNotAssignedError';
  readonly shard: number;
  readonly epoch: number;
  constructor(shard: number, epoch: number, message?: string) {
    super(
      message ?? `shard ${shard} is not assigned to this node in epoch ${epoch}`,
      'NODE_SHARD_NOT_ASSIGNED',
      StorageStatus.SHARD_NOT_ASSIGNED,
      'FAILED_PRECONDITION',
      storageReason(StorageStatus.SHARD_NOT_ASSIGNED),
    );
    this.shard = shard;
    this.epoch = epoch;
  }
}

/** Slivers (or symbols) were sent before the blob's metadata was stored or buffered. */
export class MetadataNotStoredError extends StorageServiceError {
  static readonly name = 'MetadataNotStoredError';
  constructor(blobId: string) {
    super(
      `metadata of blob ${blobId} must be stored first`,
      'NODE_METADATA_NOT_STORED',
      StorageStatus.METADATA_MISSING,
      'FAILED_PRECONDITION',
      storageReason(StorageStatus.METADATA_MISSING),
    );
  }
}

/** Metadata does not match its blob ID, or a sliver does not match the metadata. Nothing was stored. */
export class VerificationFailedError extends StorageServiceError {
  static readonly name = 'VerificationFailedError';
  constructor(message: string, options?: ErrorOptions & { what?: 'metadata' | 'sliver' }) {
    super(
      message,
      'NODE_VERIFICATION_FAILED',
      StorageStatus.VERIFICATION_FAILED,
      'INVALID_ARGUMENT',
      options?.what === 'metadata' ? 'INVALID_METADATA' : 'INVALID_SLIVER',
      options,
    );
  }
}

/** The blob was marked invalid on chain (InvalidBlobID event). */
export class BlobInvalidError extends StorageServiceError {
  static readonly name = 'BlobInvalidError';
  constructor(blobId: string) {
    super(
      `blob ${blobId} is marked invalid`,
      'NODE_BLOB_INVALID',
      StorageStatus.BLOB_INVALID,
      'FAILED_PRECONDITION',
      'INVALID_BLOB',
    );
  }
}

/** The node does not hold the slivers of every shard it owns (so it signs no confirmation). */
export class NotAllSliversStoredError extends StorageServiceError {
  static readonly name = 'NotAllSliversStoredError';
  constructor(message: string) {
    super(
      message,
      'NODE_NOT_ALL_SLIVERS_STORED',
      StorageStatus.NOT_ALL_SLIVERS_STORED,
      'FAILED_PRECONDITION',
      'MISSING_SLIVERS',
    );
  }
}

/** The pending-upload buffer is full. Retry after the blob's registration lands. */
export class PendingUploadsFullError extends StorageServiceError {
  static readonly name = 'PendingUploadsFullError';
  constructor(message: string, options?: ErrorOptions) {
    super(
      message,
      'NODE_PENDING_BUFFER_FULL',
      StorageStatus.PENDING_BUFFER_FULL,
      'RESOURCE_EXHAUSTED',
      storageReason(StorageStatus.PENDING_BUFFER_FULL),
      options,
    );
  }
}

/** An inconsistency proof that does not prove anything (bad symbols, or the sliver is consistent). */
export class ProofNotValidError extends StorageServiceError {
  static readonly name = 'ProofNotValidError';
  constructor(message: string, options?: ErrorOptions) {
    super(
      message,
      'NODE_PROOF_NOT_VALID',
      StorageStatus.PROOF_NOT_VALID,
      'INVALID_ARGUMENT',
      'INVALID_PROOF',
      options,
    );
  }
}

/** The requested metadata, sliver or symbols are not on this node. */
export class NotFoundError extends StorageServiceError {
  static readonly name = 'NotFoundError';
  constructor(what: string, reason = 'NOT_FOUND') {
    super(`${what} not found`, 'NODE_NOT_FOUND', ResponseStatus.NOT_FOUND, 'NOT_FOUND', reason);
  }
}

/** The node cannot serve this now (starting, no committee yet, too many symbol requests). Retryable. */
export class ServiceUnavailableError extends StorageServiceError {
  static readonly name = 'ServiceUnavailableError';
  constructor(message: string) {
    super(message, 'NODE_UNAVAILABLE', ResponseStatus.UNAVAILABLE, 'UNAVAILABLE', 'UNAVAILABLE');
  }
}

/** A node-to-node request whose signature or signer is not acceptable (sync shard). */
export class RequestNotAuthorizedError extends StorageServiceError {
  static readonly name = 'RequestNotAuthorizedError';
  constructor(message: string) {
    super(message, 'NODE_UNAUTHORIZED', ResponseStatus.UNAUTHORIZED, 'PERMISSION_DENIED', 'UNAUTHORIZED');
  }
}

/** A request that is well formed but asks for something impossible (index out of range, bad axis mix). */
export class InvalidRequestError extends StorageServiceError {
  static readonly name = 'InvalidRequestError';
  constructor(message: string, options?: ErrorOptions) {
    super(
      message,
      'NODE_INVALID_REQUEST',
      ResponseStatus.INVALID,
      'INVALID_ARGUMENT',
      'INVALID_REQUEST',
      options,
    );
  }
}
