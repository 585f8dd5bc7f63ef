/**
 * Errors thrown when BCS bytes cannot be parsed strictly. One class per condition; callers branch on
 * `name` or `code`.
 *
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../errors.ts';

/** The bytes end before the value does. */
export class BcsTruncatedError extends InvalidArgumentError {
  static readonly name = 'BcsTruncatedError';
  constructor(typeName: string, length: number, cause?: unknown) {
    super(`BCS ${typeName}: input of ${length} bytes is truncated`, 'BCS_TRUNCATED', { cause });
  }
}

/** The value ends before the bytes do. */
export class BcsTrailingBytesError extends InvalidArgumentError {
  static readonly name = 'BcsTrailingBytesError';
  readonly trailing: number;
  constructor(typeName: string, trailing: number) {
    super(`BCS ${typeName}: ${trailing} trailing bytes after the value`, 'BCS_TRAILING_BYTES');
    this.trailing = trailing;
  }
}

/**
 * The bytes are complete but do not form a valid value: an unknown enum variant, a retired encoding type,
 * a non-canonical ULEB128, a u64 above 2^53, a wrong-sized field.
 */
export class BcsInvalidValueError extends InvalidArgumentError {
  static readonly name = 'BcsInvalidValueError';
  constructor(message: string, cause?: unknown) {
    super(message, 'BCS_INVALID_VALUE', { cause });
  }
}
