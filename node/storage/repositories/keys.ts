/** Key validation and conversions shared by the repositories. */
import { InvalidStorageKeyError } from '../errors.ts';

/** Blob ID as stored: the 32 raw bytes (bytewise order = Rust `BlobId` order). */
export type BlobIdBytes = Uint8Array;

/** Which sliver of a pair. Stored as 0 (primary) / 1 (secondary). */
export type SliverAxis = 'primary' | 'secondary';

/** Throws InvalidStorageKeyError unless `blobId` is 32 bytes; returns it. */
export function checkBlobId(blobId: Uint8Array, field = 'blobId'): Uint8Array {
  if (!(blobId instanceof Uint8Array) || blobId.byteLength !== 32) {
    throw new InvalidStorageKeyError(field, `must be 32 bytes, got ${blobId?.byteLength}`);
  }
  return blobId;
}

/** Throws InvalidStorageKeyError unless `shard` is an integer in 0..65535 (u16); returns it. */
export function checkShard(shard: number): number {
  if (!Number.isInteger(shard) || shard < 0 || shard > 0xffff) {
    throw new InvalidStorageKeyError('shard', `must be an integer in 0..65535, got ${shard}`);
  }
  return shard;
}

/** Throws InvalidStorageKeyError unless `epoch` is a u32; returns it. */
export function checkEpoch(epoch: number, field = 'epoch'): number {
  if (!Number.isInteger(epoch) || epoch < 0 || epoch > 0xffffffff) {
    throw new InvalidStorageKeyError(field, `must be a u32, got ${epoch}`);
  }
  return epoch;
}

/** 0 for primary, 1 for secondary; throws for anything else. */
export function axisToInt(axis: SliverAxis): 0 | 1 {
  if (axis === 'primary') return 0;
  if (axis === 'secondary') return 1;
  throw new InvalidStorageKeyError('axis', `must be 'primary' or 'secondary', got ${String(axis)}`);
}

/** Inverse of {@link axisToInt}. */
export function intToAxis(v: number): SliverAxis {
  return v === 0 ? 'primary' : 'secondary';
}

/** A copy that owns its memory (values read from SQLite are fresh already; inputs may be views). */
export function ownBytes(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}
