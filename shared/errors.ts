/**
 * Base error classes shared by every walrus-ts module.
 *
 * Each module keeps its own `errors.ts` with one class per condition; every class extends
 * {@link WalrusTsError}, sets `static readonly name` and a stable `code` (a bounded string such as
 * `ENCODING_DATA_TOO_LARGE`) that callers and metrics branch on, never on the message text.
 *
 * @packageDocumentation
 */

/** Root of every error walrus-ts throws on purpose. `name` is the class name, `code` a stable label. */
export class WalrusTsError extends Error {
  static readonly name: string = 'WalrusTsError';
  /** Stable, bounded error code (SCREAMING_SNAKE with a domain prefix), safe to use as a metric label. */
  readonly code: string;

  constructor(message: string, code = 'WALRUS_TS_ERROR', options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A value handed to a walrus-ts function is outside what the function accepts. */
export class InvalidArgumentError extends WalrusTsError {
  static readonly name: string = 'InvalidArgumentError';
  constructor(message: string, code = 'INVALID_ARGUMENT', options?: ErrorOptions) {
    super(message, code, options);
  }
}
