/**
 * Errors of the node identity (keystore) module. One class per condition; callers branch on `name`/`code`.
 *
 * @packageDocumentation
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of the keystore errors. `path` is the keystore file involved, when there is one. */
export class KeystoreError extends WalrusTsError {
  static readonly name: string = 'KeystoreError';
  readonly path: string | undefined;
  constructor(message: string, code: string, path?: string, options?: ErrorOptions) {
    super(message, code, options);
    this.path = path;
  }
}

/** No file at the keystore path. Create one with `walrus-ts keygen` (or `generateKeystore` + `writeKeystore`). */
export class KeystoreNotFoundError extends KeystoreError {
  static readonly name = 'KeystoreNotFoundError';
  constructor(path: string, options?: ErrorOptions) {
    super(`keystore not found at ${path}`, 'KEYSTORE_NOT_FOUND', path, options);
  }
}

/** The keystore file is readable or writable by group or others; it holds private keys. */
export class KeystorePermissionsError extends KeystoreError {
  static readonly name = 'KeystorePermissionsError';
  /** The file's permission bits (e.g. 0o644). */
  readonly mode: number;
  constructor(path: string, mode: number) {
    super(
      `keystore ${path} is accessible by group/others (mode 0${(mode & 0o777).toString(8)}); it holds private ` +
        `keys: restrict it with "chmod 600 ${path}"`,
      'KEYSTORE_INSECURE_PERMISSIONS',
      path,
    );
    this.mode = mode & 0o777;
  }
}

/** The file is not a keystore this version understands: bad JSON, a missing field or a badly encoded key. */
export class KeystoreFormatError extends KeystoreError {
  static readonly name = 'KeystoreFormatError';
  /** Dotted name of the offending field (`bls.secretKey`), or `file` for the whole file. */
  readonly field: string;
  constructor(field: string, why: string, path?: string, options?: ErrorOptions) {
    super(
      `invalid keystore${path ? ` ${path}` : ''}: ${field}: ${why}`,
      'KEYSTORE_INVALID_FORMAT',
      path,
      options,
    );
    this.field = field;
  }
}

/** The file declares a keystore version this build does not read. */
export class KeystoreVersionError extends KeystoreError {
  static readonly name = 'KeystoreVersionError';
  readonly version: unknown;
  constructor(version: unknown, supported: number, path?: string) {
    super(
      `unsupported keystore version ${JSON.stringify(version)} (this build reads version ${supported})`,
      'KEYSTORE_UNSUPPORTED_VERSION',
      path,
    );
    this.version = version;
  }
}

/** A public value stored next to a private key (peer ID, BLS public key, Sui address) does not match it. */
export class KeystoreKeyMismatchError extends KeystoreError {
  static readonly name = 'KeystoreKeyMismatchError';
  readonly field: string;
  constructor(field: string, path?: string) {
    super(
      `keystore ${path ?? ''}: ${field} does not match its private key`.replace('  ', ' '),
      'KEYSTORE_KEY_MISMATCH',
      path,
    );
    this.field = field;
  }
}

/** `writeKeystore` refuses to replace an existing file unless asked to. */
export class KeystoreExistsError extends KeystoreError {
  static readonly name = 'KeystoreExistsError';
  constructor(path: string) {
    super(`a keystore already exists at ${path} (pass overwrite to replace it)`, 'KEYSTORE_EXISTS', path);
  }
}

/** A proof-of-possession input has the wrong shape (epoch out of range, address or key length). */
export class InvalidProofOfPossessionInputError extends WalrusTsError {
  static readonly name = 'InvalidProofOfPossessionInputError';
  constructor(message: string) {
    super(message, 'IDENTITY_INVALID_POP_INPUT');
  }
}
