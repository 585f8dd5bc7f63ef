/**
 * Errors of shared/crypto. One class per condition; callers branch on `name`/`code`.
 * (They extend WalrusTsError: InvalidArgumentError's literal-typed static `name` does not allow subclasses
 * to override it under strict TypeScript.)
 */
import { WalrusTsError } from '../errors.ts';

/** Bytes that are not a valid BLS12-381 min-pk public key (48-byte compressed G1, not infinity). */
export class InvalidBlsPublicKeyError extends WalrusTsError {
  static readonly name = 'InvalidBlsPublicKeyError';
  constructor(message = 'invalid BLS public key') {
    super(message, 'CRYPTO_INVALID_BLS_PUBLIC_KEY');
  }
}

/** Bytes that are not a valid BLS12-381 min-pk signature (96-byte compressed G2). */
export class InvalidBlsSignatureError extends WalrusTsError {
  static readonly name = 'InvalidBlsSignatureError';
  constructor(message = 'invalid BLS signature') {
    super(message, 'CRYPTO_INVALID_BLS_SIGNATURE');
  }
}

/** A BLS secret key or key-generation seed of the wrong length or value. */
export class InvalidBlsSecretKeyError extends WalrusTsError {
  static readonly name = 'InvalidBlsSecretKeyError';
  constructor(message = 'invalid BLS secret key') {
    super(message, 'CRYPTO_INVALID_BLS_SECRET_KEY');
  }
}

/** A BLS verification backend (e.g. mcl-wasm) could not be loaded or failed its self-test. */
export class BlsBackendUnavailableError extends WalrusTsError {
  static readonly name = 'BlsBackendUnavailableError';
  constructor(message = 'BLS backend unavailable') {
    super(message, 'CRYPTO_BLS_BACKEND_UNAVAILABLE');
  }
}
