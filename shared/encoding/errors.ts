/**
 * Errors thrown by the codec (shared/encoding). One class per condition; callers branch on `name`/`code`.
 * @see spec sections 1-3
 */
import { InvalidArgumentError, WalrusTsError } from '../errors.ts';

/** The number of shards is not usable for RS2 (needs 4 <= n <= 65535, spec §1.1). */
export class InvalidShardCountError extends InvalidArgumentError {
  static readonly name = 'InvalidShardCountError';
  constructor(nShards: number) {
    super(
      `invalid number of shards ${nShards}: RS2 needs an integer 4 <= n <= 65535`,
      'ENCODING_INVALID_N_SHARDS',
    );
  }
}

/** The blob is larger than the maximum blob size for this number of shards (spec §1.2, §1.3). */
export class DataTooLargeError extends InvalidArgumentError {
  static readonly name = 'DataTooLargeError';
  constructor(length: number | bigint, maxLength: number | bigint) {
    super(
      `blob of ${length} bytes exceeds the maximum blob size of ${maxLength} bytes`,
      'ENCODING_DATA_TOO_LARGE',
    );
  }
}

/** A sliver, sliver pair, shard or symbol index is outside its range. */
export class IndexOutOfRangeError extends InvalidArgumentError {
  static readonly name = 'IndexOutOfRangeError';
  constructor(what: string, index: number, limit: number) {
    super(`${what} ${index} is out of range [0, ${limit})`, 'ENCODING_INDEX_OUT_OF_RANGE');
  }
}

/** A blob ID is not 32 bytes, or its text form is not 43 characters of URL-safe base64 (spec §2.4). */
export class InvalidBlobIdError extends InvalidArgumentError {
  static readonly name = 'InvalidBlobIdError';
  constructor(message: string) {
    super(message, 'ENCODING_INVALID_BLOB_ID');
  }
}

/**
 * A sliver's or symbol's symbol size, or a symbol's length, differs from the symbol size that the blob's
 * length and the number of shards give (spec §1.2).
 */
export class SymbolSizeMismatchError extends InvalidArgumentError {
  static readonly name = 'SymbolSizeMismatchError';
  readonly expected: number;
  readonly actual: number;
  constructor(what: string, expected: number, actual: number) {
    super(`${what}: symbol size ${actual}, expected ${expected}`, 'ENCODING_SYMBOL_SIZE_MISMATCH');
    this.expected = expected;
    this.actual = actual;
  }
}

/** A sliver's data is not the length its axis needs (C * S bytes primary, R * S secondary; spec §1.3). */
export class SliverLengthMismatchError extends InvalidArgumentError {
  static readonly name = 'SliverLengthMismatchError';
  readonly expected: number;
  readonly actual: number;
  constructor(what: string, expected: number, actual: number) {
    super(`${what} has ${actual} bytes, expected ${expected}`, 'ENCODING_SLIVER_LENGTH_MISMATCH');
    this.expected = expected;
    this.actual = actual;
  }
}

/** A Merkle proof's path does not have ceil(log2(leaves)) nodes (spec §2.1). */
export class MerkleProofLengthError extends InvalidArgumentError {
  static readonly name = 'MerkleProofLengthError';
  readonly expected: number;
  readonly actual: number;
  constructor(expected: number, actual: number) {
    super(`Merkle proof has ${actual} nodes, expected ${expected}`, 'ENCODING_MERKLE_PROOF_LENGTH');
    this.expected = expected;
    this.actual = actual;
  }
}

/** A sliver's Merkle root (over its full expansion) differs from the hash in the metadata (spec §2.2). */
export class SliverVerificationError extends InvalidArgumentError {
  static readonly name = 'SliverVerificationError';
  constructor(message: string) {
    super(message, 'ENCODING_SLIVER_VERIFICATION_FAILED');
  }
}

/** A recovery symbol's Merkle proof does not lead to the source sliver's hash in the metadata (spec §3.1). */
export class SymbolVerificationError extends InvalidArgumentError {
  static readonly name = 'SymbolVerificationError';
  constructor(message: string) {
    super(message, 'ENCODING_SYMBOL_VERIFICATION_FAILED');
  }
}

/** A recovery symbol is valid but cannot help rebuild the requested target sliver (spec §3.1). */
export class SymbolNotUsableError extends InvalidArgumentError {
  static readonly name = 'SymbolNotUsableError';
  constructor(message: string) {
    super(message, 'ENCODING_SYMBOL_NOT_USABLE');
  }
}

/** Fewer distinct usable slivers than decoding needs (R primary or C secondary; spec §1.8). */
export class NotEnoughSliversError extends InvalidArgumentError {
  static readonly name = 'NotEnoughSliversError';
  readonly required: number;
  readonly received: number;
  constructor(what: string, required: number, received: number) {
    super(
      `cannot decode the blob: ${received} usable ${what} slivers, ${required} needed`,
      'ENCODING_NOT_ENOUGH_SLIVERS',
    );
    this.required = required;
    this.received = received;
  }
}

/** Fewer distinct usable recovery symbols than rebuilding a sliver needs (C primary, R secondary; §3.1). */
export class NotEnoughRecoverySymbolsError extends InvalidArgumentError {
  static readonly name = 'NotEnoughRecoverySymbolsError';
  readonly required: number;
  readonly received: number;
  constructor(required: number, received: number) {
    super(
      `cannot rebuild the sliver: ${received} usable recovery symbols, ${required} needed`,
      'ENCODING_NOT_ENOUGH_RECOVERY_SYMBOLS',
    );
    this.required = required;
    this.received = received;
  }
}

/**
 * The blob was not encoded consistently: a decoded blob fails the consistency check, or a rebuilt sliver
 * does not match its metadata hash (spec §1.8, §3.3). Readers must treat the blob as invalid.
 */
export class InconsistentBlobError extends WalrusTsError {
  static readonly name = 'InconsistentBlobError';
  constructor(message: string) {
    super(message, 'ENCODING_INCONSISTENT_BLOB');
  }
}

/**
 * Metadata that cannot belong to a valid RS2 blob: the number of sliver-pair hashes differs from n, the
 * length exceeds the maximum blob size, or the encoding type is not RS2 (spec §2.3).
 */
export class InvalidMetadataError extends InvalidArgumentError {
  static readonly name = 'InvalidMetadataError';
  constructor(message: string) {
    super(message, 'ENCODING_INVALID_METADATA');
  }
}

/** The blob ID recomputed from the metadata differs from the claimed one (spec §2.3, §2.4). */
export class BlobIdMismatchError extends InvalidArgumentError {
  static readonly name = 'BlobIdMismatchError';
  constructor(expected: string, actual: string) {
    super(`metadata gives blob ID ${actual}, expected ${expected}`, 'ENCODING_BLOB_ID_MISMATCH');
  }
}

/** An inconsistency proof is malformed: wrong number of symbols or a symbol that fails verification (§3.3). */
export class InvalidInconsistencyProofError extends InvalidArgumentError {
  static readonly name = 'InvalidInconsistencyProofError';
  constructor(message: string) {
    super(message, 'ENCODING_INVALID_INCONSISTENCY_PROOF');
  }
}

/** An inconsistency proof is well formed, but the sliver it rebuilds matches the metadata (spec §3.3). */
export class SliverNotInconsistentError extends InvalidArgumentError {
  static readonly name = 'SliverNotInconsistentError';
  constructor(message: string) {
    super(message, 'ENCODING_SLIVER_NOT_INCONSISTENT');
  }
}
