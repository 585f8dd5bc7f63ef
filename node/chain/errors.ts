/**
 * Errors of the chain (node/chain): one class per condition, each with a stable `code` and the HTTP status
 * the embedded chain's API answers with. The HTTP client rebuilds the same class from the code
 * ({@link chainErrorFromCode}), so callers branch on `instanceof` / `name` / `code` the same way in-process
 * and over HTTP.
 *
 * Every constructor takes an optional message (a default one says what went wrong).
 * @see spec §6
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of every error the chain throws on purpose. `httpStatus`: what the HTTP API answers with. */
export class ChainError extends WalrusTsError {
  static readonly name: string = 'ChainError';
  static readonly httpStatus: number = 400;
  constructor(message = 'chain error', code = 'CHAIN_ERROR', options?: ErrorOptions) {
    super(message, code, options);
  }
  /** HTTP status the embedded chain's API maps this error to. */
  get httpStatus(): number {
    return (this.constructor as typeof ChainError).httpStatus;
  }
}

/** A transaction's signature does not verify for its sender, or the envelope is malformed. */
export class InvalidTransactionSignatureError extends ChainError {
  static readonly name = 'InvalidTransactionSignatureError';
  static readonly httpStatus = 401;
  constructor(message = 'transaction signature does not verify for the sender') {
    super(message, 'CHAIN_INVALID_TX_SIGNATURE');
  }
}

/** The transaction (same digest) was already applied: a replay. */
export class TransactionReplayedError extends ChainError {
  static readonly name = 'TransactionReplayedError';
  static readonly httpStatus = 409;
  constructor(message = 'transaction was already applied') {
    super(message, 'CHAIN_TX_REPLAYED');
  }
}

/** The transaction expired, expires too far ahead, or names another chain. */
export class TransactionExpiredError extends ChainError {
  static readonly name = 'TransactionExpiredError';
  static readonly httpStatus = 400;
  constructor(message = 'transaction expired or not for this chain') {
    super(message, 'CHAIN_TX_EXPIRED');
  }
}

/** The transaction body is malformed or an argument is out of range (epochs, sizes, names, keys). */
export class InvalidTransactionError extends ChainError {
  static readonly name = 'InvalidTransactionError';
  static readonly httpStatus = 400;
  constructor(message = 'invalid transaction') {
    super(message, 'CHAIN_INVALID_TX');
  }
}

/** The sender's WAL balance does not cover the payment. */
export class InsufficientBalanceError extends ChainError {
  static readonly name = 'InsufficientBalanceError';
  static readonly httpStatus = 402;
  constructor(message = 'insufficient WAL balance') {
    super(message, 'CHAIN_INSUFFICIENT_BALANCE');
  }
}

/** Not enough free storage capacity in some epoch of the requested period. @see spec §6.2 */
export class InsufficientCapacityError extends ChainError {
  static readonly name = 'InsufficientCapacityError';
  static readonly httpStatus = 409;
  constructor(message = 'not enough free storage capacity') {
    super(message, 'CHAIN_INSUFFICIENT_CAPACITY');
  }
}

/** The storage resource is smaller than the blob's encoded length. @see spec §6.2 */
export class StorageTooSmallError extends ChainError {
  static readonly name = 'StorageTooSmallError';
  static readonly httpStatus = 422;
  constructor(message = 'storage resource is smaller than the encoded blob length') {
    super(message, 'CHAIN_STORAGE_TOO_SMALL');
  }
}

/** The storage resource does not cover the current epoch. @see spec §6.2 */
export class StorageExpiredError extends ChainError {
  static readonly name = 'StorageExpiredError';
  static readonly httpStatus = 422;
  constructor(message = 'storage resource does not cover the current epoch') {
    super(message, 'CHAIN_STORAGE_EXPIRED');
  }
}

/** Two storage resources cannot be fused or a resource cannot be split as asked. */
export class StorageMismatchError extends ChainError {
  static readonly name = 'StorageMismatchError';
  static readonly httpStatus = 422;
  constructor(message = 'storage resources cannot be split or fused this way') {
    super(message, 'CHAIN_STORAGE_MISMATCH');
  }
}

/** The blob ID is not the one derived from (encoding type, size, root hash). @see spec §2.4 */
export class BlobIdMismatchError extends ChainError {
  static readonly name = 'BlobIdMismatchError';
  static readonly httpStatus = 422;
  constructor(message = 'blob ID does not match the root hash, size and encoding type') {
    super(message, 'CHAIN_BLOB_ID_MISMATCH');
  }
}

/** The aggregate signature of a certificate does not verify (or a key/signature does not parse). */
export class InvalidCertificateError extends ChainError {
  static readonly name = 'InvalidCertificateError';
  static readonly httpStatus = 422;
  constructor(message = 'certificate signature does not verify') {
    super(message, 'CHAIN_INVALID_CERTIFICATE');
  }
}

/** The signers bitmap is longer than the committee needs or has bits set past the member count. */
export class InvalidSignersBitmapError extends ChainError {
  static readonly name = 'InvalidSignersBitmapError';
  static readonly httpStatus = 422;
  constructor(message = 'signers bitmap has bits set past the member count') {
    super(message, 'CHAIN_INVALID_SIGNERS_BITMAP');
  }
}

/** The signers' weight is below the required threshold. @see spec §6.3 */
export class QuorumNotReachedError extends ChainError {
  static readonly name = 'QuorumNotReachedError';
  static readonly httpStatus = 422;
  constructor(message = 'signers do not reach the required weight') {
    super(message, 'CHAIN_QUORUM_NOT_REACHED');
  }
}

/** A signed message names another epoch than the current one. */
export class WrongEpochError extends ChainError {
  static readonly name = 'WrongEpochError';
  static readonly httpStatus = 422;
  constructor(message = 'message epoch is not the current epoch') {
    super(message, 'CHAIN_WRONG_EPOCH');
  }
}

/** The certified message has the wrong intent, blob ID or persistence type, or does not parse. */
export class InvalidMessageError extends ChainError {
  static readonly name = 'InvalidMessageError';
  static readonly httpStatus = 422;
  constructor(message = 'signed message does not match') {
    super(message, 'CHAIN_INVALID_MESSAGE');
  }
}

/** The blob is already certified. */
export class BlobAlreadyCertifiedError extends ChainError {
  static readonly name = 'BlobAlreadyCertifiedError';
  static readonly httpStatus = 409;
  constructor(message = 'blob is already certified') {
    super(message, 'CHAIN_BLOB_ALREADY_CERTIFIED');
  }
}

/** The node's challenge failure in that epoch was already reported. */
export class ChallengeAlreadyReportedError extends ChainError {
  static readonly name = 'ChallengeAlreadyReportedError';
  static readonly httpStatus = 409;
  constructor(message = 'the node was already reported for this epoch') {
    super(message, 'CHAIN_CHALLENGE_ALREADY_REPORTED');
  }
}

/** The blob's storage has ended (current epoch >= end epoch). */
export class BlobExpiredError extends ChainError {
  static readonly name = 'BlobExpiredError';
  static readonly httpStatus = 422;
  constructor(message = 'blob has expired') {
    super(message, 'CHAIN_BLOB_EXPIRED');
  }
}

/** The operation needs a certified blob (extend). */
export class BlobNotCertifiedError extends ChainError {
  static readonly name = 'BlobNotCertifiedError';
  static readonly httpStatus = 422;
  constructor(message = 'blob is not certified') {
    super(message, 'CHAIN_BLOB_NOT_CERTIFIED');
  }
}

/** The blob is permanent and cannot be deleted. */
export class BlobNotDeletableError extends ChainError {
  static readonly name = 'BlobNotDeletableError';
  static readonly httpStatus = 422;
  constructor(message = 'blob is not deletable') {
    super(message, 'CHAIN_BLOB_NOT_DELETABLE');
  }
}

/** No live object (blob, storage resource, node) with this ID. */
export class ObjectNotFoundError extends ChainError {
  static readonly name = 'ObjectNotFoundError';
  static readonly httpStatus = 404;
  constructor(message = 'object not found') {
    super(message, 'CHAIN_OBJECT_NOT_FOUND');
  }
}

/** The sender does not own the object or operate the node. */
export class NotOwnerError extends ChainError {
  static readonly name = 'NotOwnerError';
  static readonly httpStatus = 403;
  constructor(message = 'sender does not own this object') {
    super(message, 'CHAIN_NOT_OWNER');
  }
}

/** The BLS proof of possession does not verify for (epoch, sender, public key). @see spec §4 */
export class InvalidProofOfPossessionError extends ChainError {
  static readonly name = 'InvalidProofOfPossessionError';
  static readonly httpStatus = 422;
  constructor(message = 'proof of possession does not verify') {
    super(message, 'CHAIN_INVALID_POP');
  }
}

/** The operation is not allowed in the current epoch state (e.g. genesis twice, sync done too early). */
export class EpochStateError extends ChainError {
  static readonly name = 'EpochStateError';
  static readonly httpStatus = 409;
  constructor(message = 'operation not allowed in the current epoch state') {
    super(message, 'CHAIN_EPOCH_STATE');
  }
}

/** The request body exceeds the HTTP API's limit. */
export class RequestTooLargeError extends ChainError {
  static readonly name = 'RequestTooLargeError';
  static readonly httpStatus = 413;
  constructor(message = 'request body too large') {
    super(message, 'CHAIN_REQUEST_TOO_LARGE');
  }
}

/** The chain could not be reached or answered with something unexpected. Retryable. */
export class ChainUnavailableError extends ChainError {
  static readonly name = 'ChainUnavailableError';
  static readonly httpStatus = 503;
  constructor(message = 'chain unavailable') {
    super(message, 'CHAIN_UNAVAILABLE');
  }
}

type ChainErrorClass = (new (message?: string) => ChainError) & { readonly httpStatus: number };

const CLASSES: readonly ChainErrorClass[] = [
  InvalidTransactionSignatureError,
  TransactionReplayedError,
  TransactionExpiredError,
  InvalidTransactionError,
  InsufficientBalanceError,
  InsufficientCapacityError,
  StorageTooSmallError,
  StorageExpiredError,
  StorageMismatchError,
  BlobIdMismatchError,
  InvalidCertificateError,
  InvalidSignersBitmapError,
  QuorumNotReachedError,
  WrongEpochError,
  InvalidMessageError,
  BlobAlreadyCertifiedError,
  ChallengeAlreadyReportedError,
  BlobExpiredError,
  BlobNotCertifiedError,
  BlobNotDeletableError,
  ObjectNotFoundError,
  NotOwnerError,
  InvalidProofOfPossessionError,
  EpochStateError,
  RequestTooLargeError,
  ChainUnavailableError,
];

const BY_CODE = new Map<string, ChainErrorClass>(CLASSES.map((c) => [new c().code, c]));

/** Every chain error code, for documentation and tests. */
export const CHAIN_ERROR_CODES: readonly string[] = [...BY_CODE.keys()];

/**
 * Rebuilds the error class for `code` with `message` (unknown codes give a plain {@link ChainError} with
 * that code).
 */
export function chainErrorFromCode(code: string, message: string): ChainError {
  const cls = BY_CODE.get(code);
  return cls ? new cls(message) : new ChainError(message, code);
}
