/**
 * The RS2 blob encoder: message matrix, two-axis expansion, slivers, sliver hashes, metadata, root hash
 * and blob ID, byte-compatible with walrus-core `blob_encoding.rs` (and so with `@mysten/walrus-wasm`).
 *
 * How it works (n shards, R = n-2f rows, C = n-f columns, S-byte symbols):
 * 1. Row pass: each of the R rows of the blob (C symbols, zero padded) is encoded with the secondary code
 *    into f repair symbols, X[r][C..n). The R x n row-expanded part is kept column by column: column j is
 *    secondary sliver j.
 * 2. Column pass: each of the n columns (R symbols) is encoded with the primary code into 2f repair
 *    symbols, X[R..n)[j]. For j < C they are the symbols of primary slivers R..n-1; for j >= C (the lower
 *    right block) they are only hashed, in bounded chunks, never stored.
 * 3. Every cell is leaf-hashed once; the hash serves both the column tree (secondary hash of pair
 *    n-1-j) and the row tree (primary hash of pair r).
 *
 * Memory: the secondary slivers (n * R * S, about 1.5x the blob at n = 1000), the repair primary slivers
 * ((n - R) * C * S, about 2x), and 32 * n^2 bytes of leaf hashes (32 MB at n = 1000). Primary slivers
 * 0..R-1 that lie wholly inside the input are views of it (no copy).
 *
 * @see spec §1.4, §1.5, §2.2-2.4
 * @packageDocumentation
 */
import { IndexOutOfRangeError } from './errors.ts';
import { DIGEST_LENGTH, encodingParams, symbolSize as computeSymbolSize } from './params.ts';
import { hashLeaves } from './hashing.ts';
import { computeRootHash, blobIdFromRootHash } from './metadata.ts';
import { merkleRootOfLeafHashes, nodeBytes } from './merkle.ts';
import { reedSolomonCode } from './reed-solomon/index.ts';
import type { BlobMetadata, BlobMetadataWithId, Sliver, SliverPairMetadata } from './types.ts';

/**
 * A blob encoded for `nShards` shards.
 * - `primarySlivers[i]` is primary sliver i, `secondarySlivers[j]` secondary sliver j (by **sliver**
 *   index; pair p holds primary p and secondary n-1-p, see {@link sliverPairOf}).
 * - The slivers' `data` are views into shared buffers (and, for primary slivers 0..R-1 wholly inside the
 *   blob, into the input itself): do not mutate the input while the slivers are in use.
 */
export interface EncodedBlob {
  readonly nShards: number;
  /** S in bytes. */
  readonly symbolSize: number;
  readonly unencodedLength: number;
  /** 32 bytes. */
  readonly blobId: Uint8Array;
  /** 32 bytes: the Merkle root over the sliver-pair hashes (the `root_hash` of `register_blob`). */
  readonly rootHash: Uint8Array;
  readonly metadata: BlobMetadata;
  readonly primarySlivers: readonly Sliver[];
  readonly secondarySlivers: readonly Sliver[];
}

/** Metadata of a blob without its slivers (what registering a blob needs). */
export interface BlobMetadataSummary extends BlobMetadataWithId {
  /** 32 bytes. */
  readonly rootHash: Uint8Array;
}

/** Sliver pair p of an encoded blob: primary sliver p and secondary sliver n-1-p. @throws IndexOutOfRangeError @see spec §1.6 */
export function sliverPairOf(
  encoded: EncodedBlob,
  pairIndex: number,
): { primary: Sliver; secondary: Sliver } {
  const n = encoded.nShards;
  if (!Number.isInteger(pairIndex) || pairIndex < 0 || pairIndex >= n) {
    throw new IndexOutOfRangeError('sliver pair index', pairIndex, n);
  }
  return {
    primary: encoded.primarySlivers[pairIndex],
    secondary: encoded.secondarySlivers[n - 1 - pairIndex],
  };
}

/** Bytes of temporary repair symbols the column pass works on at once. */
const COLUMN_CHUNK_BYTES = 4 * 1024 * 1024;

interface EncoderRun {
  symbolSize: number;
  metadata: BlobMetadata;
  rootHash: Uint8Array;
  blobId: Uint8Array;
  primary?: Sliver[];
  secondary?: Sliver[];
}

function copySymbol(src: Uint8Array, srcOff: number, dst: Uint8Array, dstOff: number, size: number): void {
  if (size <= 16) {
    for (let i = 0; i < size; i++) dst[dstOff + i] = src[srcOff + i];
  } else {
    dst.set(src.subarray(srcOff, srcOff + size), dstOff);
  }
}

function run(data: Uint8Array, nShards: number, keepSlivers: boolean): EncoderRun {
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(nShards);
  const n = nShards;
  const S = computeSymbolSize(data.length, n);
  const rowLen = C * S;
  const colLen = R * S;
  const rowCode = reedSolomonCode(C, n - C);
  const colCode = reedSolomonCode(R, n - R);

  // The message matrix: rows wholly inside `data` are read in place, the rest come from a padded tail.
  const fullRows = Math.min(R, Math.floor(data.length / rowLen));
  const tail = new Uint8Array((R - fullRows) * rowLen);
  tail.set(data.subarray(fullRows * rowLen, R * rowLen));
  const rowBytes = (r: number): [Uint8Array, number] =>
    r < fullRows ? [data, r * rowLen] : [tail, (r - fullRows) * rowLen];

  // Row-expanded part, column-major: column j (= secondary sliver j) at j * colLen.
  const columns = new Uint8Array(n * colLen);
  for (let r = 0; r < R; r++) {
    const [src, base] = rowBytes(r);
    for (let j = 0; j < C; j++) copySymbol(src, base + j * S, columns, j * colLen + r * S, S);
  }
  const repairLayout = { bytes: columns, symbolStride: colLen, codewordStride: S };
  rowCode.encodeMany(
    fullRows,
    S,
    { bytes: data, symbolStride: S, codewordStride: rowLen },
    { ...repairLayout, offset: C * colLen },
  );
  rowCode.encodeMany(
    R - fullRows,
    S,
    { bytes: tail, symbolStride: S, codewordStride: rowLen },
    { ...repairLayout, offset: C * colLen + fullRows * S },
  );

  // Column pass. Leaf hashes are column-major: cell (r, j) at (j * n + r) * 32.
  const m = n - R;
  const leaves = new Uint8Array(n * n * DIGEST_LENGTH);
  const primaryRepair = keepSlivers ? new Uint8Array(m * rowLen) : undefined;
  const chunkColumns = Math.max(1, Math.floor(COLUMN_CHUNK_BYTES / (m * S)));
  const temp = new Uint8Array(Math.min(chunkColumns, n) * m * S);
  const columnRoots: Uint8Array[] = new Array(n);
  const columnSrc = (j0: number) => ({
    bytes: columns,
    offset: j0 * colLen,
    symbolStride: S,
    codewordStride: colLen,
  });
  for (let j0 = 0; j0 < n;) {
    // Chunks never straddle column C, so the stored part (j < C) can be written in place.
    const end = Math.min(n, j0 + chunkColumns, j0 < C ? C : n);
    const count = end - j0;
    if (primaryRepair !== undefined && j0 < C) {
      colCode.encodeMany(count, S, columnSrc(j0), {
        bytes: primaryRepair,
        offset: j0 * S,
        symbolStride: rowLen,
        codewordStride: S,
      });
      for (let j = j0; j < end; j++) {
        hashLeaves(primaryRepair, j * S, S, m, leaves, (j * n + R) * DIGEST_LENGTH, rowLen);
      }
    } else {
      colCode.encodeMany(count, S, columnSrc(j0), { bytes: temp, symbolStride: S, codewordStride: m * S });
      for (let j = j0; j < end; j++) {
        hashLeaves(temp, (j - j0) * m * S, S, m, leaves, (j * n + R) * DIGEST_LENGTH);
      }
    }
    for (let j = j0; j < end; j++) {
      hashLeaves(columns, j * colLen, S, R, leaves, j * n * DIGEST_LENGTH);
      columnRoots[j] = nodeBytes(merkleRootOfLeafHashes(leaves.subarray(j * n * DIGEST_LENGTH), n));
    }
    j0 = end;
  }

  // Row trees over the same leaf hashes.
  const rowLeaves = new Uint8Array(n * DIGEST_LENGTH);
  const hashes: SliverPairMetadata[] = new Array(n);
  const rowRoots: Uint8Array[] = new Array(n);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < n; j++) {
      const src = (j * n + r) * DIGEST_LENGTH;
      rowLeaves.set(leaves.subarray(src, src + DIGEST_LENGTH), j * DIGEST_LENGTH);
    }
    rowRoots[r] = nodeBytes(merkleRootOfLeafHashes(rowLeaves, n));
  }
  for (let p = 0; p < n; p++) hashes[p] = { primaryHash: rowRoots[p], secondaryHash: columnRoots[n - 1 - p] };

  const metadata: BlobMetadata = { encodingType: 'RS2', unencodedLength: data.length, hashes };
  const rootHash = computeRootHash(hashes);
  const blobId = blobIdFromRootHash(rootHash, data.length);
  const result: EncoderRun = { symbolSize: S, metadata, rootHash, blobId };
  if (primaryRepair !== undefined) {
    result.primary = Array.from({ length: n }, (_, i): Sliver => {
      let bytes: Uint8Array;
      if (i < R) {
        const [src, base] = rowBytes(i);
        bytes = src.subarray(base, base + rowLen);
      } else {
        bytes = primaryRepair.subarray((i - R) * rowLen, (i - R + 1) * rowLen);
      }
      return { axis: 'primary', index: i, symbolSize: S, data: bytes };
    });
    result.secondary = Array.from({ length: n }, (_, j): Sliver => ({
      axis: 'secondary',
      index: j,
      symbolSize: S,
      data: columns.subarray(j * colLen, (j + 1) * colLen),
    }));
  }
  return result;
}

/**
 * Encodes a blob into its 2n slivers, metadata, root hash and blob ID. Same input and n give the same
 * bytes as Walrus (`walrus blob-id`, `@mysten/walrus-wasm` `BlobEncoder.encode`).
 * @param data the blob, 0 <= length <= maxBlobSize(nShards)
 * @param nShards n >= 4
 * @throws DataTooLargeError when the blob exceeds the maximum blob size for n
 * @throws InvalidShardCountError when n < 4, n > 65535 or n is not an integer
 * @see spec §1.4, §1.5, §2.2-2.4
 */
export function encodeBlob(data: Uint8Array, nShards: number): EncodedBlob {
  const r = run(data, nShards, true);
  return {
    nShards,
    symbolSize: r.symbolSize,
    unencodedLength: data.length,
    blobId: r.blobId,
    rootHash: r.rootHash,
    metadata: r.metadata,
    primarySlivers: r.primary as Sliver[],
    secondarySlivers: r.secondary as Sliver[],
  };
}

/**
 * Computes a blob's metadata, root hash and blob ID without keeping its slivers (the repair primary
 * slivers are hashed in bounded chunks and dropped). Same work as {@link encodeBlob}, less memory.
 * @throws DataTooLargeError, InvalidShardCountError
 * @see spec §2.2-2.4
 */
export function computeBlobMetadata(data: Uint8Array, nShards: number): BlobMetadataSummary {
  const r = run(data, nShards, false);
  return { blobId: r.blobId, rootHash: r.rootHash, metadata: r.metadata };
}

/** The blob ID of `data` for `nShards` shards (32 bytes). @throws DataTooLargeError, InvalidShardCountError */
export function computeBlobId(data: Uint8Array, nShards: number): Uint8Array {
  return computeBlobMetadata(data, nShards).blobId;
}
