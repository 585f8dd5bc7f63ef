/**
 * Domain types of the RS2 codec: slivers, metadata, decoding and recovery symbols, inconsistency proofs.
 * Their wire forms (BCS) live in shared/bcs/ and map 1:1 onto these.
 *
 * @see spec §1.5, §2.3, §3.1, §3.3, §4 "BCS layouts"
 * @packageDocumentation
 */
import type { MerkleNode, MerkleProof } from './merkle.ts';

export type { MerkleNode, MerkleProof } from './merkle.ts';

/**
 * Axis of a sliver: `primary` = a row of the expanded matrix (C symbols), `secondary` = a column (R
 * symbols). @see spec §0, §1.5
 */
export type SliverAxis = 'primary' | 'secondary';

/** The other axis. */
export function orthogonalAxis(axis: SliverAxis): SliverAxis {
  return axis === 'primary' ? 'secondary' : 'primary';
}

/**
 * One sliver. `index` is the **sliver** index (secondary sliver of pair p has index n-1-p), `data` holds
 * the symbols back to back (C * S bytes primary, R * S secondary), `symbolSize` is S in bytes.
 * @see spec §1.5, §1.6; BCS `SliverData` / `Sliver` in shared/bcs/sliver.ts
 */
export interface Sliver {
  readonly axis: SliverAxis;
  readonly index: number;
  readonly symbolSize: number;
  readonly data: Uint8Array;
}

/** The two hashes of one sliver pair p: Merkle roots over expanded row p and expanded column n-1-p. */
export interface SliverPairMetadata {
  readonly primaryHash: MerkleNode;
  readonly secondaryHash: MerkleNode;
}

/** Encoding type of a blob. Only RS2 exists (BCS variant 1; 0 = retired RaptorQ). @see spec §1.1 */
export type EncodingType = 'RS2';

/**
 * Blob metadata (BCS `BlobMetadata::V1`): encoding type, the blob's length in bytes and one
 * {@link SliverPairMetadata} per sliver pair, indexed by pair index (n entries).
 * @see spec §2.3
 */
export interface BlobMetadata {
  readonly encodingType: EncodingType;
  /** Unencoded blob length in bytes (a u64 on the wire; every valid value is a safe integer). */
  readonly unencodedLength: number;
  readonly hashes: readonly SliverPairMetadata[];
}

/** Metadata with the blob ID it claims (32 bytes). @see spec §2.3 */
export interface BlobMetadataWithId {
  readonly blobId: Uint8Array;
  readonly metadata: BlobMetadata;
}

/**
 * A symbol without proof (BCS `DecodingSymbol`): `index` is the index of the sliver it was taken from
 * (its row for a symbol of a primary sliver's expansion, its column for a secondary one's), `data` is S
 * bytes. @see spec §4 "BCS layouts"
 */
export interface DecodingSymbol {
  readonly index: number;
  readonly data: Uint8Array;
}

/**
 * A decoding symbol tagged with the axis of the sliver it helps **rebuild** (BCS `EitherDecodingSymbol`:
 * `Primary` = rebuilds a primary sliver, so it came from a secondary sliver; `index` is that source
 * sliver's index).
 */
export interface EitherDecodingSymbol extends DecodingSymbol {
  readonly axis: SliverAxis;
}

/**
 * A recovery symbol (BCS `RecoverySymbol`): a decoding symbol plus its Merkle proof within the source
 * sliver's expansion, leaf index = the target sliver index. @see spec §3.1
 */
export interface RecoverySymbol extends DecodingSymbol {
  readonly proof: MerkleProof;
}

/**
 * A recovery symbol that says which sliver it targets (BCS `GeneralRecoverySymbol`): `axis` is the axis of
 * the target sliver (as in {@link EitherDecodingSymbol}), `index` the source sliver index, `targetIndex`
 * the target sliver index (the proof's leaf index). Its symbol ID (row, column) is (targetIndex, index)
 * for a primary target and (index, targetIndex) for a secondary one. @see spec §3.1
 */
export interface GeneralRecoverySymbol extends RecoverySymbol {
  readonly axis: SliverAxis;
  readonly targetIndex: number;
}

/**
 * Proof that sliver `targetSliverIndex` of the given axis cannot be rebuilt consistently with the metadata:
 * exactly the required number of verified recovery symbols (C for a primary target, R for a secondary
 * one) whose decoding does not hash to the metadata. The axis is not part of the wire form; it is given by
 * the endpoint (`inconsistencyProof/{primary|secondary}`). @see spec §3.3
 */
export interface InconsistencyProof {
  readonly targetSliverIndex: number;
  readonly recoverySymbols: readonly RecoverySymbol[];
}
