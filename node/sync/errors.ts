/**
 * Errors of blob sync, shard sync and inconsistent-blob reporting. One class per condition with a stable
 * `code`; `retryable` says whether trying again later (other nodes, new committee) may succeed.
 *
 * @see spec §3.2, §3.3, §3.4
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of the sync errors. */
export class SyncError extends WalrusTsError {
  static readonly name: string = 'SyncError';
  /** True when a later attempt may succeed. */
  readonly retryable: boolean;
  constructor(message: string, code = 'SYNC_ERROR', retryable = true, options?: ErrorOptions) {
    super(message, code, options);
    this.retryable = retryable;
  }
}

/** No committee member returned metadata that verifies against the blob ID. */
export class MetadataUnavailableError extends SyncError {
  static readonly name = 'MetadataUnavailableError';
  constructor(blobId: string, tried: number) {
    super(`no verified metadata for blob ${blobId} from ${tried} nodes`, 'SYNC_METADATA_UNAVAILABLE');
  }
}

/** Fewer verified recovery symbols than needed were collected for a sliver. */
export class NotEnoughSymbolsError extends SyncError {
  static readonly name = 'NotEnoughSymbolsError';
  readonly needed: number;
  readonly got: number;
  constructor(what: string, needed: number, got: number) {
    super(`${what}: ${got} verified recovery symbols of ${needed} needed`, 'SYNC_NOT_ENOUGH_SYMBOLS');
    this.needed = needed;
    this.got = got;
  }
}

/** The blob is not (yet) known as certified and live, so there is nothing this node must hold. */
export class BlobNotCertifiedError extends SyncError {
  static readonly name = 'BlobNotCertifiedError';
  constructor(blobId: string) {
    super(`blob ${blobId} is not known as certified yet`, 'SYNC_BLOB_NOT_CERTIFIED');
  }
}

/** The previous owner of a shard did not serve it (after the allowed attempts). */
export class ShardTransferFailedError extends SyncError {
  static readonly name = 'ShardTransferFailedError';
  constructor(shard: number, why: string, options?: ErrorOptions) {
    super(`transfer of shard ${shard} failed: ${why}`, 'SYNC_SHARD_TRANSFER_FAILED', true, options);
  }
}

/** Not enough committee weight attested that a blob is invalid to reach f+1. */
export class NotEnoughAttestationsError extends SyncError {
  static readonly name = 'NotEnoughAttestationsError';
  readonly weight: number;
  readonly needed: number;
  constructor(blobId: string, weight: number, needed: number) {
    super(
      `invalid-blob attestations for ${blobId} reach weight ${weight}, ${needed} needed`,
      'SYNC_NOT_ENOUGH_ATTESTATIONS',
    );
    this.weight = weight;
    this.needed = needed;
  }
}

/** The node has no chain account to send a transaction (epoch_sync_done, invalidate_blob_id) with. */
export class NoChainWriterError extends SyncError {
  static readonly name = 'NoChainWriterError';
  constructor(what: string) {
    super(`no chain writer configured: cannot ${what}`, 'SYNC_NO_CHAIN_WRITER', false);
  }
}
