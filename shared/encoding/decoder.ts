/**
 * The RS2 blob decoder: the blob from any R primary slivers (rows) or any C secondary slivers (columns),
 * followed by a consistency check.
 *
 * @see spec §1.8
 * @packageDocumentation
 */
import { bytesEqual } from './blob-id.ts';
import { computeBlobId } from './encoder.ts';
import { InconsistentBlobError, NotEnoughSliversError } from './errors.ts';
import { assertMetadataShape, metadataSymbolSize } from './metadata.ts';
import { nodesEqual } from './merkle.ts';
import { encodingParams } from './params.ts';
import { reedSolomonCode } from './reed-solomon/index.ts';
import { isValidSliver, sliverRoot } from './sliver.ts';
import type { BlobMetadataWithId, Sliver, SliverAxis } from './types.ts';

/**
 * How much a reader checks a decoded blob against its metadata (walrus-core `ConsistencyCheckType`).
 * - `default`: every systematic primary sliver 0..R-1 implied by the decoded blob must hash to the
 *   metadata's primary hash (slivers that were given to the decoder and verified are skipped);
 * - `strict`: re-encode the whole blob and require the same blob ID;
 * - `skip`: trust the writer (slivers are still authenticated unless `verified` says they already are).
 * @see spec §1.8
 */
export type ConsistencyCheck = 'default' | 'strict' | 'skip';

/** Options of {@link decodeBlob}. */
export interface DecodeBlobOptions {
  /**
   * The consistency check run on the decoded blob.
   * @default 'default'
   */
  readonly consistencyCheck?: ConsistencyCheck;
  /**
   * Whether every sliver given was already verified against the metadata (`verifySliver`). When false,
   * each sliver used is verified first and invalid ones are skipped.
   * @default false
   */
  readonly verified?: boolean;
}

/**
 * Decodes a blob from slivers of one axis: any R = n-2f distinct primary slivers, or any C = n-f distinct
 * secondary slivers. Extra slivers beyond the needed count are ignored; duplicates (same index) and
 * slivers of the wrong axis, size or symbol size are skipped, as are slivers failing verification.
 *
 * @param metadataWithId metadata verified against its blob ID (`verifyMetadata`)
 * @param slivers slivers of a single axis
 * @param nShards n
 * @returns the blob, exactly `unencodedLength` bytes
 * @throws NotEnoughSliversError when fewer than R (C) usable slivers remain
 * @throws InconsistentBlobError when the consistency check fails: the blob was encoded inconsistently
 *   and must be treated as invalid
 * @throws InvalidMetadataError, InvalidShardCountError
 * @see spec §1.8
 */
export function decodeBlob(
  metadataWithId: BlobMetadataWithId,
  slivers: Iterable<Sliver>,
  nShards: number,
  options: DecodeBlobOptions = {},
): Uint8Array {
  const { metadata } = metadataWithId;
  const check = options.consistencyCheck ?? 'default';
  assertMetadataShape(metadata, nShards);
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(nShards);
  const S = metadataSymbolSize(metadata, nShards);
  const list = [...slivers];
  const axis: SliverAxis = list.length > 0 ? list[0].axis : 'primary';
  const needed = axis === 'primary' ? R : C;
  const sliverLen = (axis === 'primary' ? C : R) * S;

  const chosen: Sliver[] = [];
  const seen = new Set<number>();
  for (const s of list) {
    if (chosen.length === needed) break;
    if (s.axis !== axis || s.symbolSize !== S || s.data.length !== sliverLen) continue;
    if (!Number.isInteger(s.index) || s.index < 0 || s.index >= nShards || seen.has(s.index)) continue;
    if (!options.verified && !isValidSliver(s, metadata, nShards)) continue;
    seen.add(s.index);
    chosen.push(s);
  }
  if (chosen.length < needed) throw new NotEnoughSliversError(axis, needed, chosen.length);

  // Gather the chosen slivers into one buffer and decode every codeword with one plan.
  const received = new Uint8Array(needed * sliverLen);
  chosen.forEach((s, q) => received.set(s.data, q * sliverLen));
  const matrix = new Uint8Array(R * C * S);
  const indices = chosen.map((s) => s.index);
  if (axis === 'primary') {
    // Column c of the message matrix from symbol c of each row sliver (primary code, k = R).
    reedSolomonCode(R, nShards - R)
      .decoderFor(indices)
      .decodeMany(
        C,
        S,
        { bytes: received, symbolStride: sliverLen, codewordStride: S },
        { bytes: matrix, symbolStride: C * S, codewordStride: S },
      );
  } else {
    // Row r of the message matrix from symbol r of each column sliver (secondary code, k = C).
    reedSolomonCode(C, nShards - C)
      .decoderFor(indices)
      .decodeMany(
        R,
        S,
        { bytes: received, symbolStride: sliverLen, codewordStride: S },
        { bytes: matrix, symbolStride: S, codewordStride: C * S },
      );
  }
  const blob = matrix.subarray(0, metadata.unencodedLength);

  if (check === 'strict') {
    if (!bytesEqual(computeBlobId(blob, nShards), metadataWithId.blobId)) {
      throw new InconsistentBlobError('the decoded blob re-encodes to a different blob ID');
    }
  } else if (check === 'default') {
    const skip = axis === 'primary' ? seen : new Set<number>();
    for (let i = 0; i < R; i++) {
      if (skip.has(i)) continue;
      const row: Sliver = {
        axis: 'primary',
        index: i,
        symbolSize: S,
        data: matrix.subarray(i * C * S, (i + 1) * C * S),
      };
      if (!nodesEqual(metadata.hashes[i].primaryHash, sliverRoot(row, nShards))) {
        throw new InconsistentBlobError(
          `systematic primary sliver ${i} of the decoded blob does not match the metadata`,
        );
      }
    }
  }
  return blob;
}
