/**
 * BCS request/response headers of the walrus-ts storage protocols (./ids.ts). All integers little-endian,
 * blob IDs as 32 raw bytes, sliver types as `0 = primary, 1 = secondary` (Walrus's `SliverType` order).
 *
 * A header carries what the REST API puts in the path and query string; the body carries what the REST
 * API puts in the HTTP body, byte for byte.
 * @see spec §4
 */
import { bcs } from '@mysten/bcs';
import { BcsInvalidValueError } from '../bcs/errors.ts';
import { parseBcs, toBcs } from '../bcs/parse.ts';
import type { SliverType } from '../api/storage-node.ts';

const BlobIdBytes = bcs.bytes(32);
const ObjectIdBytes = bcs.bytes(32);

/** `SliverType` as a BCS u8 enum: primary = 0, secondary = 1. */
export const SliverTypeBcs = bcs.u8().transform({
  input: (t: SliverType) => (t === 'primary' ? 0 : 1),
  output: (v: number): SliverType => {
    if (v === 0) return 'primary';
    if (v === 1) return 'secondary';
    throw new BcsInvalidValueError(`unknown sliver type ${v}`);
  },
});

/** Header of `putMetadata`: blob ID; `pending` = buffer until the blob is registered. */
export const PutMetadataHeaderBcs = bcs.struct('PutMetadataHeader', {
  blobId: BlobIdBytes,
  pending: bcs.bool(),
});
/** Header of `getMetadata`, `getBlobStatus`. */
export const BlobIdHeaderBcs = bcs.struct('BlobIdHeader', { blobId: BlobIdBytes });

/** One sliver of a `putSlivers` request: which sliver, and the byte length of its BCS SliverData in the body. */
export const SliverEntryBcs = bcs.struct('SliverEntry', {
  pairIndex: bcs.u16(),
  sliverType: SliverTypeBcs,
  length: bcs.u32(),
});
/** Header of `putSlivers`: the body is the entries' SliverData bytes, concatenated in this order. */
export const PutSliversHeaderBcs = bcs.struct('PutSliversHeader', {
  blobId: BlobIdBytes,
  pending: bcs.bool(),
  entries: bcs.vector(SliverEntryBcs),
});

/** Outcome of storing one item. */
export const StoreOutcome = { stored: 0, buffered: 1, alreadyStored: 2 } as const;
/** One of {@link StoreOutcome}. */
export type StoreOutcomeValue = (typeof StoreOutcome)[keyof typeof StoreOutcome];
/** Response header of `putMetadata` / `putSlivers`: one outcome per item, in request order. */
export const PutResponseHeaderBcs = bcs.struct('PutResponseHeader', { outcomes: bcs.vector(bcs.u8()) });

/** A sliver wanted by `getSlivers`. */
export const SliverRefBcs = bcs.struct('SliverRef', { pairIndex: bcs.u16(), sliverType: SliverTypeBcs });
/** Header of `getSlivers`. */
export const GetSliversHeaderBcs = bcs.struct('GetSliversHeader', {
  blobId: BlobIdBytes,
  slivers: bcs.vector(SliverRefBcs),
});
/**
 * Response header of `getSlivers`: per requested sliver, its byte length in the body, or 0 when the node
 * does not have it (a SliverData is never 0 bytes long).
 */
export const GetSliversResponseHeaderBcs = bcs.struct('GetSliversResponseHeader', {
  lengths: bcs.vector(bcs.u32()),
});

/** Which recovery symbols `getRecoverySymbols` asks for. */
export const RecoverySymbolsQueryBcs = bcs.enum('RecoverySymbolsQuery', {
  /** Explicit symbol IDs (row = primary sliver index, column = secondary sliver index). */
  ById: bcs.vector(bcs.struct('SymbolId', { primary: bcs.u16(), secondary: bcs.u16() })),
  /** Every symbol the node's shards can give for one target sliver. */
  ByTarget: bcs.struct('TargetSliver', { targetSliver: bcs.u16(), targetType: SliverTypeBcs }),
});
/** Header of `getRecoverySymbols`. `proofAxis`: the axis whose Merkle tree the proofs are in. */
export const GetRecoverySymbolsHeaderBcs = bcs.struct('GetRecoverySymbolsHeader', {
  blobId: BlobIdBytes,
  query: RecoverySymbolsQueryBcs,
  proofAxis: bcs.option(SliverTypeBcs),
});

/** Persistence of the blob a confirmation is asked for: permanent, or the deletable Blob object's ID. */
export const PersistenceBcs = bcs.enum('Persistence', { Permanent: null, Deletable: ObjectIdBytes });
/** Header of `getConfirmation`. `waitForRegistrationMs`: long-poll for the registration (0 = no wait). */
export const GetConfirmationHeaderBcs = bcs.struct('GetConfirmationHeader', {
  blobId: BlobIdBytes,
  persistence: PersistenceBcs,
  waitForRegistrationMs: bcs.u32(),
});

/** Header of `postInconsistencyProof`: which axis the proof's target sliver is on. */
export const PostInconsistencyProofHeaderBcs = bcs.struct('PostInconsistencyProofHeader', {
  blobId: BlobIdBytes,
  sliverType: SliverTypeBcs,
});

/** Encodes a header value with its schema. */
export const encodeHeader = toBcs;
/**
 * Decodes a header strictly (no trailing bytes).
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError
 */
export const decodeHeader = parseBcs;

/** Application status codes of the storage protocols (256 and up, see the network layer's status space). */
export const StorageStatus = {
  /** The blob is not registered (or expired) and `pending` was not set. */
  BLOB_NOT_REGISTERED: 256,
  /** The node does not own the shard of this sliver pair in the current epoch. */
  SHARD_NOT_ASSIGNED: 257,
  /** Metadata must be stored before slivers. */
  METADATA_MISSING: 258,
  /** The metadata does not match the blob ID, or a sliver does not match the metadata. */
  VERIFICATION_FAILED: 259,
  /** The blob was marked invalid. */
  BLOB_INVALID: 260,
  /** Not all slivers of the node's shards are stored yet, so no confirmation. */
  NOT_ALL_SLIVERS_STORED: 261,
  /** The pending buffer is full. */
  PENDING_BUFFER_FULL: 262,
  /** The sliver is not inconsistent: the proof is wrong. */
  PROOF_NOT_VALID: 263,
} as const;

/** One of {@link StorageStatus}. */
export type StorageStatusCode = (typeof StorageStatus)[keyof typeof StorageStatus];

/** The AIP-193 reason string used by the HTTP API for each storage status. */
export const STORAGE_STATUS_REASONS: Record<StorageStatusCode, string> = {
  256: 'BLOB_NOT_REGISTERED',
  257: 'SHARD_NOT_ASSIGNED',
  258: 'METADATA_NOT_STORED',
  259: 'VERIFICATION_FAILED',
  260: 'BLOB_INVALID',
  261: 'NOT_ALL_SLIVERS_STORED',
  262: 'PENDING_BUFFER_FULL',
  263: 'PROOF_NOT_VALID',
};
