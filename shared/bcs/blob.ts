/**
 * BCS layouts of blob metadata, byte-compatible with walrus-core `metadata.rs` / `merkle.rs` and the
 * official TS SDK (`packages/walrus/src/utils/bcs.ts`):
 *
 * ```
 * Node               = enum { Empty = 0, Digest = 1 ([u8; 32]) }
 * SliverPairMetadata = { primary_hash: Node, secondary_hash: Node }
 * EncodingType       = enum { RedStuff = 0 (retired, rejected), RS2 = 1 }
 * BlobMetadataV1     = { encoding_type: EncodingType, unencoded_length: u64, hashes: vector<SliverPairMetadata> }
 * BlobMetadata       = enum { V1 = 0 (BlobMetadataV1) }
 * BlobMetadataWithId = { blob_id: [u8; 32], metadata: BlobMetadata }
 * ```
 *
 * Each schema is `.transform()`ed to the codec's domain types (shared/encoding/types.ts): nodes are
 * `Uint8Array | null`, lengths are numbers, blob IDs 32-byte arrays. Parse with {@link parseBcs} for
 * strict checks (truncated or trailing bytes throw typed errors).
 *
 * @see spec §2.1, §2.3, §4 "BCS layouts"
 * @packageDocumentation
 */
import { bcs } from '@mysten/bcs';
import type { MerkleNode } from '../encoding/merkle.ts';
import type {
  BlobMetadata,
  BlobMetadataWithId,
  EncodingType,
  SliverPairMetadata,
} from '../encoding/types.ts';
import { BcsInvalidValueError } from './errors.ts';
import { parseBcs, toBcs } from './parse.ts';

/** A 32-byte digest, copied out of the input. */
export const Digest32Bcs = bcs.bytes(32).transform({
  input: (v: Uint8Array) => v,
  output: (v) => new Uint8Array(v),
});

/** Merkle `Node`: `null` <-> `Empty` (variant 0), 32 bytes <-> `Digest` (variant 1). */
export const MerkleNodeBcs = bcs
  .enum('Node', {
    Empty: null,
    Digest: Digest32Bcs,
  })
  .transform({
    input: (node: MerkleNode) => (node === null ? { Empty: true as const } : { Digest: node }),
    output: (v): MerkleNode => (v.$kind === 'Empty' ? null : v.Digest),
  });

/** `SliverPairMetadata { primary_hash, secondary_hash }`. */
export const SliverPairMetadataBcs = bcs
  .struct('SliverPairMetadata', {
    primary_hash: MerkleNodeBcs,
    secondary_hash: MerkleNodeBcs,
  })
  .transform({
    input: (v: SliverPairMetadata) => ({ primary_hash: v.primaryHash, secondary_hash: v.secondaryHash }),
    output: (v): SliverPairMetadata => ({ primaryHash: v.primary_hash, secondaryHash: v.secondary_hash }),
  });

/** `EncodingType`: only `RS2` (variant 1) parses; the retired RaptorQ variant 0 is rejected. */
export const EncodingTypeBcs = bcs
  .enum('EncodingType', {
    RedStuff: null,
    RS2: null,
  })
  .transform({
    input: (_type: EncodingType) => ({ RS2: true as const }),
    output: (v): EncodingType => {
      if (v.$kind !== 'RS2') throw new BcsInvalidValueError(`unsupported encoding type ${v.$kind}`);
      return 'RS2';
    },
  });

/** A u64 as a JS number; values above 2^53 - 1 (never a valid blob length) are rejected on parse. */
export const SafeU64Bcs = bcs.u64().transform({
  input: (v: number | bigint) => v,
  output: (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new BcsInvalidValueError(`u64 ${v} is above 2^53 - 1`);
    return n;
  },
});

/** `BlobMetadataV1 { encoding_type, unencoded_length: u64, hashes }`. */
export const BlobMetadataV1Bcs = bcs.struct('BlobMetadataV1', {
  encoding_type: EncodingTypeBcs,
  unencoded_length: SafeU64Bcs,
  hashes: bcs.vector(SliverPairMetadataBcs),
});

/** `BlobMetadata = enum { V1 }` as the {@link BlobMetadata} domain object (the PUT metadata body). */
export const BlobMetadataBcs = bcs
  .enum('BlobMetadata', {
    V1: BlobMetadataV1Bcs,
  })
  .transform({
    input: (m: BlobMetadata) => ({
      V1: { encoding_type: m.encodingType, unencoded_length: m.unencodedLength, hashes: [...m.hashes] },
    }),
    output: (v): BlobMetadata => ({
      encodingType: v.V1.encoding_type,
      unencodedLength: v.V1.unencoded_length,
      hashes: v.V1.hashes,
    }),
  });

/** `BlobMetadataWithId { blob_id: [u8; 32], metadata }` (the GET metadata body). */
export const BlobMetadataWithIdBcs = bcs
  .struct('BlobMetadataWithId', {
    blob_id: Digest32Bcs,
    metadata: BlobMetadataBcs,
  })
  .transform({
    input: (v: BlobMetadataWithId) => ({ blob_id: v.blobId, metadata: v.metadata }),
    output: (v): BlobMetadataWithId => ({ blobId: v.blob_id, metadata: v.metadata }),
  });

/** BCS bytes of metadata (no blob ID). @see spec §2.3 */
export function serializeBlobMetadata(metadata: BlobMetadata): Uint8Array {
  return toBcs(BlobMetadataBcs, metadata);
}

/** Strictly parses BCS `BlobMetadata`. @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError */
export function parseBlobMetadata(bytes: Uint8Array): BlobMetadata {
  return parseBcs(BlobMetadataBcs, bytes);
}

/** BCS bytes of metadata with its blob ID (n = 1000 gives 66,040 bytes). @see spec §2.3 */
export function serializeBlobMetadataWithId(value: BlobMetadataWithId): Uint8Array {
  return toBcs(BlobMetadataWithIdBcs, value);
}

/**
 * Strictly parses BCS `BlobMetadataWithId`. This checks the layout only: verify the content with
 * `verifyMetadata` (shared/encoding/metadata.ts).
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError
 */
export function parseBlobMetadataWithId(bytes: Uint8Array): BlobMetadataWithId {
  return parseBcs(BlobMetadataWithIdBcs, bytes);
}
