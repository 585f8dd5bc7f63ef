/**
 * Errors thrown by the codec (shared/encoding). One class per condition; callers branch on `name`/`code`.
 * @see spec sections 1-3
 */
import { InvalidArgumentError } from '../errors.ts';

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
