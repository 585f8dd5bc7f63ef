/**
 * Errors thrown by the Reed-Solomon erasure code over GF(2^16) (spec §1.7). One class per condition;
 * callers branch on `name` or `code`, never on the message.
 *
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../../errors.ts';

/**
 * `InvalidArgumentError` seen only through its constructor signature, so subclasses may declare their
 * own literal `static name` (shared/errors.ts types the base's static `name` as a literal, which
 * TypeScript would otherwise require every subclass to repeat). Same runtime class: `instanceof
 * InvalidArgumentError` holds for every error below.
 */
const InvalidArgumentBase: new (
  message: string,
  code?: string,
  options?: ErrorOptions,
) => InvalidArgumentError = InvalidArgumentError;

/**
 * The (original count k, recovery count m) pair is rejected by the code, exactly as reed-solomon-simd 3.1
 * rejects it: k = 0, m = 0, k or m >= 65536, or `min(P(k), P(m)) + max(k, m) > 65536` with P = next power
 * of two (and the chosen rate's own limit).
 */
export class UnsupportedSymbolCountError extends InvalidArgumentBase {
  static readonly name = 'UnsupportedSymbolCountError';
  readonly originalCount: number;
  readonly recoveryCount: number;
  constructor(originalCount: number, recoveryCount: number) {
    super(
      `unsupported Reed-Solomon symbol counts: ${originalCount} original + ${recoveryCount} recovery`,
      'ENCODING_RS_UNSUPPORTED_SYMBOL_COUNT',
    );
    this.originalCount = originalCount;
    this.recoveryCount = recoveryCount;
  }
}

/** The symbol size is zero, odd or not an integer (symbols hold whole 16-bit field elements). */
export class InvalidSymbolSizeError extends InvalidArgumentBase {
  static readonly name = 'InvalidSymbolSizeError';
  readonly symbolSize: number;
  constructor(symbolSize: number) {
    super(
      `invalid symbol size ${symbolSize}: must be a positive even number of bytes`,
      'ENCODING_RS_INVALID_SYMBOL_SIZE',
    );
    this.symbolSize = symbolSize;
  }
}

/** A symbol, or a buffer of symbols, does not have the length the call requires. */
export class SymbolLengthMismatchError extends InvalidArgumentBase {
  static readonly name = 'SymbolLengthMismatchError';
  readonly expected: number;
  readonly actual: number;
  constructor(what: string, expected: number, actual: number) {
    super(`${what} has ${actual} bytes, expected ${expected}`, 'ENCODING_RS_SYMBOL_LENGTH_MISMATCH');
    this.expected = expected;
    this.actual = actual;
  }
}

/** A caller-provided output buffer, or a strided layout, does not fit the bytes to be written or read. */
export class BufferTooSmallError extends InvalidArgumentBase {
  static readonly name = 'BufferTooSmallError';
  readonly required: number;
  readonly actual: number;
  constructor(what: string, required: number, actual: number) {
    super(`${what} needs ${required} bytes but has ${actual}`, 'ENCODING_RS_BUFFER_TOO_SMALL');
    this.required = required;
    this.actual = actual;
  }
}

/** Decoding was given fewer distinct symbols than the original count k. */
export class NotEnoughSymbolsError extends InvalidArgumentBase {
  static readonly name = 'NotEnoughSymbolsError';
  readonly required: number;
  readonly received: number;
  constructor(required: number, received: number) {
    super(
      `cannot decode: ${received} symbols given, at least ${required} are needed`,
      'ENCODING_RS_NOT_ENOUGH_SYMBOLS',
    );
    this.required = required;
    this.received = received;
  }
}

/** A symbol index is not an integer in [0, k + m). */
export class SymbolIndexOutOfRangeError extends InvalidArgumentBase {
  static readonly name = 'SymbolIndexOutOfRangeError';
  readonly index: number;
  readonly limit: number;
  constructor(index: number, limit: number) {
    super(`symbol index ${index} is out of range [0, ${limit})`, 'ENCODING_RS_SYMBOL_INDEX_OUT_OF_RANGE');
    this.index = index;
    this.limit = limit;
  }
}

/** The same symbol index was given twice to one decode call. */
export class DuplicateSymbolIndexError extends InvalidArgumentBase {
  static readonly name = 'DuplicateSymbolIndexError';
  readonly index: number;
  constructor(index: number) {
    super(`symbol index ${index} was given more than once`, 'ENCODING_RS_DUPLICATE_SYMBOL_INDEX');
    this.index = index;
  }
}
