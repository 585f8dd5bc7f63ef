/**
 * Maps a failed Sui transaction (a Move abort in a Walrus module, or another execution error) to the
 * chain error classes of node/chain/errors.ts, so callers branch the same way on Sui and on the embedded
 * chain. Abort codes and constant names are those of `mainnet-contracts/walrus/sources/**`.
 * @packageDocumentation
 */
import type { SuiClientTypes } from '@mysten/sui/client';
import {
  BlobAlreadyCertifiedError,
  BlobExpiredError,
  BlobIdMismatchError,
  BlobNotCertifiedError,
  BlobNotDeletableError,
  ChainError,
  EpochStateError,
  InsufficientBalanceError,
  InsufficientCapacityError,
  InvalidCertificateError,
  InvalidMessageError,
  InvalidProofOfPossessionError,
  InvalidSignersBitmapError,
  InvalidTransactionError,
  NotOwnerError,
  ObjectNotFoundError,
  QuorumNotReachedError,
  StorageExpiredError,
  StorageMismatchError,
  StorageTooSmallError,
  WrongEpochError,
} from '../errors.ts';

type Make = (message: string) => ChainError;

/** `module` → abort constant name → (abort code, error). Codes are the fallback when no name is reported. */
const ABORTS: Record<string, Record<string, [number, Make]>> = {
  blob: {
    ENotCertified: [0, (m) => new BlobNotCertifiedError(m)],
    EBlobNotDeletable: [1, (m) => new BlobNotDeletableError(m)],
    EResourceBounds: [2, (m) => new StorageExpiredError(m)],
    EResourceSize: [3, (m) => new StorageTooSmallError(m)],
    EAlreadyCertified: [5, (m) => new BlobAlreadyCertifiedError(m)],
    EInvalidBlobId: [6, (m) => new BlobIdMismatchError(m)],
    EDuplicateMetadata: [7, (m) => new InvalidTransactionError(m)],
    EMissingMetadata: [8, (m) => new InvalidTransactionError(m)],
    EInvalidBlobPersistenceType: [9, (m) => new InvalidMessageError(m)],
    EInvalidBlobObject: [10, (m) => new InvalidMessageError(m)],
  },
  bls_aggregate: {
    EInvalidBitmap: [0, (m) => new InvalidSignersBitmapError(m)],
    ESigVerification: [1, (m) => new InvalidCertificateError(m)],
    ENotEnoughStake: [2, (m) => new QuorumNotReachedError(m)],
    EIncorrectCommittee: [3, (m) => new WrongEpochError(m)],
  },
  messages: {
    EIncorrectAppId: [0, (m) => new InvalidMessageError(m)],
    EIncorrectEpoch: [1, (m) => new WrongEpochError(m)],
    EInvalidMsgType: [2, (m) => new InvalidMessageError(m)],
    EIncorrectIntentVersion: [3, (m) => new InvalidMessageError(m)],
    EInvalidBlobPersistenceType: [4, (m) => new InvalidMessageError(m)],
    ENotDeletable: [5, (m) => new InvalidMessageError(m)],
    EInvalidKeyLength: [6, (m) => new InvalidTransactionError(m)],
  },
  system_state_inner: {
    EInvalidMaxEpochsAhead: [0, (m) => new InvalidTransactionError(m)],
    EStorageExceeded: [1, (m) => new InsufficientCapacityError(m)],
    EInvalidEpochsAhead: [2, (m) => new InvalidTransactionError(m)],
    EInvalidIdEpoch: [3, (m) => new WrongEpochError(m)],
    EIncorrectCommittee: [4, (m) => new WrongEpochError(m)],
    EInvalidResourceSize: [11, (m) => new InvalidTransactionError(m)],
    EInvalidStartEpoch: [12, (m) => new InvalidTransactionError(m)],
  },
  storage_resource: {
    EInvalidEpoch: [0, (m) => new StorageMismatchError(m)],
    EIncompatibleEpochs: [1, (m) => new StorageMismatchError(m)],
    EIncompatibleAmount: [2, (m) => new StorageMismatchError(m)],
    EInvalidEpochRange: [3, (m) => new StorageMismatchError(m)],
  },
  staking_inner: {
    EWrongEpochState: [0, (m) => new EpochStateError(m)],
    EInvalidSyncEpoch: [1, (m) => new EpochStateError(m)],
    EDuplicateSyncDone: [2, (m) => new EpochStateError(m)],
    ENotInCommittee: [4, (m) => new EpochStateError(m)],
    EPoolNotFound: [8, (m) => new ObjectNotFoundError(m)],
  },
  storage_node: {
    EInvalidNetworkPublicKey: [0, (m) => new InvalidTransactionError(m)],
  },
  // sui::balance::split / sui::coin::split when the payment is short.
  balance: { ENotEnough: [2, (m) => new InsufficientBalanceError(m)] },
  coin: { ENotEnough: [2, (m) => new InsufficientBalanceError(m)] },
};

/** Operations whose EResourceBounds abort means the blob (not a fresh storage resource) has expired. */
const BLOB_OPS = new Set(['certifyBlob', 'extendBlob', 'deleteBlob']);

/**
 * The chain error for a failed transaction of operation `op` (a ChainWriter method name).
 * Unknown aborts give InvalidTransactionError with the Sui message.
 */
export function chainErrorFromExecution(error: SuiClientTypes.ExecutionError, op: string): ChainError {
  const message = `${op}: ${error.message}`;
  if (error.MoveAbort) {
    const abort = error.MoveAbort;
    const module = abort.location?.module ?? '';
    const table = ABORTS[module] ?? {};
    const name = abort.cleverError?.constantName;
    if (name && /ProofOfPossession/i.test(name)) return new InvalidProofOfPossessionError(message);
    if (name === 'EAuthorizationFailure') return new NotOwnerError(message);
    let entry = name !== undefined ? table[name] : undefined;
    if (entry === undefined && name === undefined) {
      const code = Number(abort.abortCode);
      entry = Object.values(table).find(([c]) => c === code);
    }
    if (entry !== undefined) {
      const err = entry[1](message);
      if (err instanceof StorageExpiredError && BLOB_OPS.has(op)) return new BlobExpiredError(message);
      return err;
    }
    return new InvalidTransactionError(message);
  }
  return new InvalidTransactionError(message);
}
