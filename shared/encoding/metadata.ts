/**
 * Blob metadata (one pair of sliver hashes per sliver pair), its root hash and the blob ID derived from it.
 *
 * @see spec §2.2 (sliver hashes), §2.3 (metadata), §2.4 (blob ID)
 * @packageDocumentation
 */
import { blobIdToString, bytesEqual } from './blob-id.ts';
import { BlobIdMismatchError, IndexOutOfRangeError, InvalidMetadataError } from './errors.ts';
import { blake2b256, hashLeaves } from './hashing.ts';
import { merkleRootOfLeafHashes, nodeBytes, type MerkleNode } from './merkle.ts';
import {
  DIGEST_LENGTH,
  RS2_ENCODING_TYPE,
  assertValidShardCount,
  maxBlobSize,
  pairIndexOfSecondarySliver,
  symbolSize,
} from './params.ts';
import type { BlobMetadata, BlobMetadataWithId, SliverAxis, SliverPairMetadata } from './types.ts';

/**
 * Root hash of the metadata: the Merkle root over the n leaves `primary_hash[p] || secondary_hash[p]`
 * (64 bytes each, empty nodes as 32 zeros). This is the `root_hash` passed to `register_blob`.
 * @returns 32 bytes (the empty node's zeros for 0 pairs, which no valid metadata has)
 * @see spec §2.4
 */
export function computeRootHash(hashes: readonly SliverPairMetadata[]): Uint8Array {
  const n = hashes.length;
  const leaves = new Uint8Array(n * 2 * DIGEST_LENGTH);
  hashes.forEach((h, p) => {
    leaves.set(nodeBytes(h.primaryHash), p * 2 * DIGEST_LENGTH);
    leaves.set(nodeBytes(h.secondaryHash), (p * 2 + 1) * DIGEST_LENGTH);
  });
  const leafHashes = new Uint8Array(n * DIGEST_LENGTH);
  hashLeaves(leaves, 0, 2 * DIGEST_LENGTH, n, leafHashes);
  return nodeBytes(merkleRootOfLeafHashes(leafHashes, n)).slice();
}

/**
 * Blob ID = Blake2b256(0x01 (RS2) || u64_le(unencodedLength) || rootHash), the BCS of Move
 * `BlobIdDerivation`.
 * @param rootHash 32 bytes ({@link computeRootHash})
 * @param unencodedLength blob length in bytes (a non-negative safe integer or a u64 bigint)
 * @returns 32 bytes
 * @throws InvalidMetadataError when the length is not a u64 or the root hash is not 32 bytes
 * @see spec §2.4
 */
export function blobIdFromRootHash(rootHash: Uint8Array, unencodedLength: number | bigint): Uint8Array {
  if (rootHash.length !== DIGEST_LENGTH) {
    throw new InvalidMetadataError(`root hash must be 32 bytes, got ${rootHash.length}`);
  }
  const len = BigInt(unencodedLength);
  if (
    len < 0n ||
    len >= 1n << 64n ||
    (typeof unencodedLength === 'number' && !Number.isSafeInteger(unencodedLength))
  ) {
    throw new InvalidMetadataError(`invalid unencoded length ${unencodedLength}`);
  }
  const header = new Uint8Array(9);
  header[0] = RS2_ENCODING_TYPE;
  new DataView(header.buffer).setBigUint64(1, len, true);
  return blake2b256(header, rootHash);
}

/** Blob ID of metadata (root hash of its sliver hashes, then {@link blobIdFromRootHash}). @see spec §2.4 */
export function blobIdOfMetadata(metadata: BlobMetadata): Uint8Array {
  return blobIdFromRootHash(computeRootHash(metadata.hashes), metadata.unencodedLength);
}

/**
 * Checks that metadata can belong to an RS2 blob on `nShards` shards: encoding type RS2, exactly n hash
 * pairs, length at most the maximum blob size, every hash a 32-byte digest or empty.
 * @throws InvalidMetadataError, InvalidShardCountError
 * @see spec §2.3
 */
export function assertMetadataShape(metadata: BlobMetadata, nShards: number): void {
  assertValidShardCount(nShards);
  if (metadata.encodingType !== 'RS2') {
    throw new InvalidMetadataError(`unsupported encoding type ${String(metadata.encodingType)}`);
  }
  if (metadata.hashes.length !== nShards) {
    throw new InvalidMetadataError(
      `metadata has ${metadata.hashes.length} sliver pair hashes, expected ${nShards}`,
    );
  }
  const len = metadata.unencodedLength;
  if (!Number.isSafeInteger(len) || len < 0 || len > maxBlobSize(nShards)) {
    throw new InvalidMetadataError(`unencoded length ${len} is outside [0, ${maxBlobSize(nShards)}]`);
  }
  for (const h of metadata.hashes) {
    for (const node of [h.primaryHash, h.secondaryHash]) {
      if (node !== null && node.length !== DIGEST_LENGTH) {
        throw new InvalidMetadataError(`a sliver hash has ${node.length} bytes, expected 32`);
      }
    }
  }
}

/**
 * Verifies received metadata the way a storage node does (walrus-core
 * `UnverifiedBlobMetadataWithId::verify`): {@link assertMetadataShape}, then the recomputed blob ID must
 * equal the claimed one.
 * @throws InvalidMetadataError, BlobIdMismatchError, InvalidShardCountError
 * @see spec §2.3
 */
export function verifyMetadata(metadataWithId: BlobMetadataWithId, nShards: number): void {
  assertMetadataShape(metadataWithId.metadata, nShards);
  const actual = blobIdOfMetadata(metadataWithId.metadata);
  if (!bytesEqual(actual, metadataWithId.blobId)) {
    const claimed =
      metadataWithId.blobId.length === DIGEST_LENGTH
        ? blobIdToString(metadataWithId.blobId)
        : '(not 32 bytes)';
    throw new BlobIdMismatchError(claimed, blobIdToString(actual));
  }
}

/** Symbol size S of the blob the metadata describes. @throws DataTooLargeError @see spec §1.2 */
export function metadataSymbolSize(metadata: BlobMetadata, nShards: number): number {
  return symbolSize(metadata.unencodedLength, nShards);
}

/**
 * The metadata hash a sliver must match: primary sliver i -> `hashes[i].primaryHash`; secondary sliver j
 * -> `hashes[n-1-j].secondaryHash`.
 * @throws IndexOutOfRangeError unless 0 <= sliverIndex < hashes.length
 * @see spec §1.6, §2.2
 */
export function sliverHash(metadata: BlobMetadata, axis: SliverAxis, sliverIndex: number): MerkleNode {
  const n = metadata.hashes.length;
  if (!Number.isInteger(sliverIndex) || sliverIndex < 0 || sliverIndex >= n) {
    throw new IndexOutOfRangeError(`${axis} sliver index`, sliverIndex, n);
  }
  return axis === 'primary'
    ? metadata.hashes[sliverIndex].primaryHash
    : metadata.hashes[pairIndexOfSecondarySliver(sliverIndex, n)].secondaryHash;
}
