/**
 * Errors of the node's durable store. One class per condition; callers branch on `name`/`code`.
 *
 * @packageDocumentation
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of the storage errors. */
export class StorageError extends WalrusTsError {
  static readonly name: string = 'StorageError';
  constructor(message: string, code = 'STORAGE_ERROR', options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** The store was used before `start()` or after `stop()`. */
export class StoreNotOpenError extends StorageError {
  static readonly name = 'StoreNotOpenError';
  constructor() {
    super('the node store is not open', 'STORAGE_NOT_OPEN');
  }
}

/** A key or value given to a repository has the wrong shape (blob ID not 32 bytes, shard out of range, ...). */
export class InvalidStorageKeyError extends StorageError {
  static readonly name = 'InvalidStorageKeyError';
  readonly field: string;
  constructor(field: string, why: string) {
    super(`${field}: ${why}`, 'STORAGE_INVALID_KEY');
    this.field = field;
  }
}

/** The database was written by a newer build (its schema version is above what this build knows). */
export class UnsupportedSchemaVersionError extends StorageError {
  static readonly name = 'UnsupportedSchemaVersionError';
  readonly found: number;
  readonly supported: number;
  constructor(found: number, supported: number) {
    super(
      `database schema version ${found} is newer than this build supports (${supported}); upgrade walrus-ts`,
      'STORAGE_UNSUPPORTED_SCHEMA',
    );
    this.found = found;
    this.supported = supported;
  }
}

/**
 * The pending-upload buffer (uploads that arrived before `BlobRegistered`) is full by entry count or bytes.
 * Retryable once the blob is registered or older entries expire.
 */
export class PendingBufferFullError extends StorageError {
  static readonly name = 'PendingBufferFullError';
  readonly limit: 'entries' | 'bytes';
  constructor(limit: 'entries' | 'bytes', max: number) {
    super(`pending upload buffer is full (max ${max} ${limit})`, 'STORAGE_PENDING_BUFFER_FULL');
    this.limit = limit;
  }
}

/** The database file could not be opened or is corrupt. */
export class StoreOpenError extends StorageError {
  static readonly name = 'StoreOpenError';
  constructor(path: string, options?: ErrorOptions) {
    super(`cannot open the node store at ${path}`, 'STORAGE_OPEN_FAILED', options);
  }
}

/** Writing or syncing a sliver segment file failed (disk full, I/O error, closed log). */
export class SegmentWriteError extends StorageError {
  static readonly name = 'SegmentWriteError';
  constructor(what: string, options?: ErrorOptions) {
    super(`sliver segment write failed: ${what}`, 'STORAGE_SEGMENT_WRITE_FAILED', options);
  }
}

/** Reading a sliver segment file failed (I/O error, or the log was closed during the read). */
export class SegmentReadError extends StorageError {
  static readonly name = 'SegmentReadError';
  constructor(what: string, options?: ErrorOptions) {
    super(`sliver segment read failed: ${what}`, 'STORAGE_SEGMENT_READ_FAILED', options);
  }
}

/** A stored sliver's bytes are short or do not match their CRC-32 (disk corruption or a foreign edit). */
export class SliverChecksumError extends StorageError {
  static readonly name = 'SliverChecksumError';
  constructor(path: string, offset: number) {
    super(`sliver bytes at ${path}:${offset} fail their checksum`, 'STORAGE_SLIVER_CHECKSUM');
  }
}
