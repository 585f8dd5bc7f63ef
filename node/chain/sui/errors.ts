/**
 * Errors of the Sui adapter (node/chain/sui). Conditions shared with the embedded chain use the classes of
 * node/chain/errors.ts; these are the ones only Sui has.
 * @packageDocumentation
 */
import { InvalidArgumentError } from '../../../shared/errors.ts';
import { ChainError } from '../errors.ts';

/** The Sui adapter's configuration is missing a field or has an invalid one. */
export class SuiConfigError extends InvalidArgumentError {
  static readonly name = 'SuiConfigError';
  constructor(message = 'invalid Sui chain configuration') {
    super(message, 'CHAIN_SUI_INVALID_CONFIG');
  }
}

/** The operation has no Walrus-on-Sui equivalent (e.g. the devnet faucet). */
export class UnsupportedOnSuiError extends ChainError {
  static readonly name = 'UnsupportedOnSuiError';
  static readonly httpStatus = 501;
  constructor(message = 'operation is not supported on Sui') {
    super(message, 'CHAIN_SUI_UNSUPPORTED');
  }
}

/** A write was asked of a client built without a signer (keypair). */
export class MissingSignerError extends ChainError {
  static readonly name = 'MissingSignerError';
  static readonly httpStatus = 400;
  constructor(message = 'this Sui chain client has no signer; pass a keypair to write') {
    super(message, 'CHAIN_SUI_NO_SIGNER');
  }
}

/** An event cursor does not come from this adapter's `events()` (or is corrupted). */
export class InvalidSuiCursorError extends InvalidArgumentError {
  static readonly name = 'InvalidSuiCursorError';
  constructor(message = 'invalid Sui event cursor') {
    super(message, 'CHAIN_SUI_INVALID_CURSOR');
  }
}

/** An object or event read from Sui does not have the expected Walrus type or layout. */
export class UnexpectedSuiDataError extends ChainError {
  static readonly name = 'UnexpectedSuiDataError';
  static readonly httpStatus = 502;
  constructor(message = 'unexpected data read from Sui') {
    super(message, 'CHAIN_SUI_UNEXPECTED_DATA');
  }
}
