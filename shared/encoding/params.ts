/**
 * RS2 encoding parameters and size formulas as functions of the number of shards `n`.
 *
 * All formulas follow walrus-core `encoding/config.rs` and the Move twin `redstuff.move`, which must agree
 * byte for byte because the chain charges storage on {@link encodedBlobLength}.
 * @see spec §1.1 (parameters), §1.2 (symbol size), §1.3 (sizes), §1.6 (index mapping)
 */
import { DataTooLargeError, IndexOutOfRangeError, InvalidShardCountError } from './errors.ts';

/** Encoding type byte of RS2 (BCS enum index 1; 0 was RaptorQ and is rejected). @see spec §1.1 */
export const RS2_ENCODING_TYPE = 1;
/** Symbols are a multiple of this many bytes (one GF(2^16) element). @see spec §1.1 */
export const RS2_REQUIRED_ALIGNMENT = 2;
/** Largest symbol size in bytes (`u16::MAX - 1`, aligned). @see spec §1.1 */
export const RS2_MAX_SYMBOL_SIZE = 65534;
/** Length of a Blake2b-256 digest, a Merkle node, a blob ID: 32 bytes. */
export const DIGEST_LENGTH = 32;
/** Storage is charged in units of 1 MiB of encoded size. @see spec §6.2 */
export const BYTES_PER_UNIT_SIZE = 1024 * 1024;
/** Smallest number of shards RS2 supports (f must be >= 1). @see spec §1.1 */
export const MIN_N_SHARDS = 4;
/** Largest number of shards (shard and sliver indices are u16). */
export const MAX_N_SHARDS = 65535;

/**
 * The parameters of one RS2 configuration.
 * - `nShards` n; `maxFaulty` f = floor((n-1)/3); `minCorrect` n - f;
 * - `primarySymbols` R = n - 2f: rows of the message matrix = symbols in a secondary sliver;
 * - `secondarySymbols` C = n - f: columns = symbols in a primary sliver.
 */
export interface EncodingParams {
  readonly nShards: number;
  readonly maxFaulty: number;
  readonly minCorrect: number;
  readonly primarySymbols: number;
  readonly secondarySymbols: number;
}

/** f = floor((n-1)/3): the most shards (by weight) that may be faulty. @see spec §1.1 */
export function maxFaulty(nShards: number): number {
  return Math.floor((nShards - 1) / 3);
}

/** n - f: the least number of correct shards. @see spec §1.1 */
export function minCorrect(nShards: number): number {
  return nShards - maxFaulty(nShards);
}

/** Throws {@link InvalidShardCountError} unless `nShards` is an integer in [4, 65535]. */
export function assertValidShardCount(nShards: number): void {
  if (!Number.isInteger(nShards) || nShards < MIN_N_SHARDS || nShards > MAX_N_SHARDS) {
    throw new InvalidShardCountError(nShards);
  }
}

const paramsCache = new Map<number, EncodingParams>();

/**
 * The RS2 parameters for `nShards` (cached).
 * @throws InvalidShardCountError when n < 4, n > 65535 or n is not an integer
 * @see spec §1.1
 */
export function encodingParams(nShards: number): EncodingParams {
  let p = paramsCache.get(nShards);
  if (p === undefined) {
    assertValidShardCount(nShards);
    const f = maxFaulty(nShards);
    p = Object.freeze({
      nShards,
      maxFaulty: f,
      minCorrect: nShards - f,
      primarySymbols: nShards - 2 * f,
      secondarySymbols: nShards - f,
    });
    paramsCache.set(nShards, p);
  }
  return p;
}

/**
 * The largest blob (bytes) that RS2 can encode with `nShards`: R * C * 65534.
 * n = 1000 gives 14,599,533,452 bytes (13.6 GiB).
 * @see spec §1.3
 */
export function maxBlobSize(nShards: number): number {
  const p = encodingParams(nShards);
  return p.primarySymbols * p.secondarySymbols * RS2_MAX_SYMBOL_SIZE;
}

/**
 * Symbol size in bytes for a blob of `length` bytes: ceil(max(L,1) / (R*C)) rounded up to a multiple of 2.
 * @throws DataTooLargeError when the symbol size would exceed 65534 bytes (the blob is over {@link maxBlobSize})
 * @throws InvalidShardCountError for an unusable `nShards`
 * @see spec §1.2
 */
export function symbolSize(length: number, nShards: number): number {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new DataTooLargeError(length, maxBlobSize(nShards));
  }
  const p = encodingParams(nShards);
  const perSymbol = Math.ceil(Math.max(length, 1) / (p.primarySymbols * p.secondarySymbols));
  const size = Math.ceil(perSymbol / RS2_REQUIRED_ALIGNMENT) * RS2_REQUIRED_ALIGNMENT;
  if (size > RS2_MAX_SYMBOL_SIZE) throw new DataTooLargeError(length, maxBlobSize(nShards));
  return size;
}

/** Bytes of a primary sliver (C symbols) for a blob of `length` bytes. @see spec §1.3 */
export function primarySliverSize(length: number, nShards: number): number {
  return encodingParams(nShards).secondarySymbols * symbolSize(length, nShards);
}

/** Bytes of a secondary sliver (R symbols) for a blob of `length` bytes. @see spec §1.3 */
export function secondarySliverSize(length: number, nShards: number): number {
  return encodingParams(nShards).primarySymbols * symbolSize(length, nShards);
}

/** Largest sliver in bytes for `nShards`: C * 65534 (a primary sliver at the maximum symbol size). */
export function maxSliverSize(nShards: number): number {
  return encodingParams(nShards).secondarySymbols * RS2_MAX_SYMBOL_SIZE;
}

/** Bytes of metadata: n * 2 * 32 (all sliver hashes) + 32 (blob ID). 64,032 for n = 1000. @see spec §1.3 */
export function metadataLength(nShards: number): number {
  assertValidShardCount(nShards);
  return nShards * 2 * DIGEST_LENGTH + DIGEST_LENGTH;
}

/**
 * Encoded size in bytes that storage is charged on: n * metadataLength(n) + n * (R + C) * S.
 * The metadata counts once per shard. L = 17 at n = 1000 gives 66,034,000.
 * @throws DataTooLargeError, InvalidShardCountError
 * @see spec §1.3
 */
export function encodedBlobLength(length: number, nShards: number): number {
  const p = encodingParams(nShards);
  const s = symbolSize(length, nShards);
  return nShards * metadataLength(nShards) + nShards * (p.primarySymbols + p.secondarySymbols) * s;
}

/** Storage units (1 MiB each, rounded up) that `encodedLength` bytes occupy. @see spec §6.2 */
export function storageUnits(encodedLength: number): number {
  return Math.ceil(encodedLength / BYTES_PER_UNIT_SIZE);
}

function assertIndex(what: string, index: number, nShards: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= nShards)
    throw new IndexOutOfRangeError(what, index, nShards);
}

/**
 * Index of the secondary sliver in sliver pair `pairIndex`: n - 1 - p (secondary slivers are assigned in
 * descending order). The mapping is its own inverse.
 * @throws IndexOutOfRangeError
 * @see spec §1.6
 */
export function secondarySliverIndex(pairIndex: number, nShards: number): number {
  assertIndex('sliver pair index', pairIndex, nShards);
  return nShards - 1 - pairIndex;
}

/** Sliver pair that holds secondary sliver `sliverIndex` (n - 1 - j). @see spec §1.6 */
export function pairIndexOfSecondarySliver(sliverIndex: number, nShards: number): number {
  assertIndex('secondary sliver index', sliverIndex, nShards);
  return nShards - 1 - sliverIndex;
}

/**
 * Rotation offset of a blob: its 32 ID bytes read as a big-endian unsigned integer, mod n.
 * @see spec §1.6
 */
export function rotationOffset(blobId: Uint8Array, nShards: number): number {
  assertValidShardCount(nShards);
  let acc = 0;
  for (const byte of blobId) acc = (acc * 256 + byte) % nShards;
  return acc;
}

/** Shard that stores sliver pair `pairIndex` of a blob: (p + offset) mod n. @see spec §1.6 */
export function shardOfPair(pairIndex: number, blobId: Uint8Array, nShards: number): number {
  assertIndex('sliver pair index', pairIndex, nShards);
  return (pairIndex + rotationOffset(blobId, nShards)) % nShards;
}

/** Sliver pair that shard `shardIndex` stores for a blob: (n + shard - offset) mod n. @see spec §1.6 */
export function pairOfShard(shardIndex: number, blobId: Uint8Array, nShards: number): number {
  assertIndex('shard index', shardIndex, nShards);
  return (nShards + shardIndex - rotationOffset(blobId, nShards)) % nShards;
}
