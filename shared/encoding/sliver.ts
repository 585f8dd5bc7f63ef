/**
 * Slivers: their full expansion (a primary sliver re-encoded with the secondary code gives its whole row
 * of the expanded matrix, a secondary sliver re-encoded with the primary code its whole column), the
 * Merkle tree over that expansion, and verification of a sliver against blob metadata.
 *
 * @see spec §1.5 (expansion), §2.2 (sliver hashes), §4 (nodes re-verify every sliver)
 * @packageDocumentation
 */
import { WalrusTsError } from '../errors.ts';
import { codecKernels } from './backend.ts';
import {
  IndexOutOfRangeError,
  SliverLengthMismatchError,
  SliverVerificationError,
  SymbolSizeMismatchError,
} from './errors.ts';
import { assertMetadataShape, metadataSymbolSize, sliverHash } from './metadata.ts';
import { MerkleTree, nodesEqual } from './merkle.ts';
import { encodingParams, RS2_MAX_SYMBOL_SIZE, RS2_REQUIRED_ALIGNMENT } from './params.ts';
import { reedSolomonCode, type ReedSolomonCode } from './reed-solomon/index.ts';
import { runExpandTask } from './tasks.ts';
import type { BlobMetadata, Sliver, SliverAxis } from './types.ts';
import { copyInto } from '../bytes.ts';

/**
 * The code a sliver of `axis` is expanded with: a primary sliver (C symbols) with the secondary code
 * (k = C, m = f), a secondary sliver (R symbols) with the primary code (k = R, m = 2f).
 * @see spec §1.5
 */
export function expansionCode(axis: SliverAxis, nShards: number): ReedSolomonCode {
  const p = encodingParams(nShards);
  const k = axis === 'primary' ? p.secondarySymbols : p.primarySymbols;
  return reedSolomonCode(k, nShards - k);
}

/** Symbols in a sliver of `axis`: C for primary, R for secondary. @see spec §1.3 */
export function sliverSymbolCount(axis: SliverAxis, nShards: number): number {
  const p = encodingParams(nShards);
  return axis === 'primary' ? p.secondarySymbols : p.primarySymbols;
}

/**
 * Checks a sliver's own shape: index in [0, n), symbol size a positive multiple of 2 (at most 65534) and
 * data of exactly (C or R) symbols.
 * @throws IndexOutOfRangeError, SymbolSizeMismatchError, SliverLengthMismatchError, InvalidShardCountError
 */
export function assertSliverShape(sliver: Sliver, nShards: number): void {
  if (!Number.isInteger(sliver.index) || sliver.index < 0 || sliver.index >= nShards) {
    throw new IndexOutOfRangeError(`${sliver.axis} sliver index`, sliver.index, nShards);
  }
  const s = sliver.symbolSize;
  if (!Number.isInteger(s) || s <= 0 || s % RS2_REQUIRED_ALIGNMENT !== 0 || s > RS2_MAX_SYMBOL_SIZE) {
    throw new SymbolSizeMismatchError(`${sliver.axis} sliver ${sliver.index}`, s + (s % 2), s);
  }
  const expected = sliverSymbolCount(sliver.axis, nShards) * s;
  if (sliver.data.length !== expected) {
    throw new SliverLengthMismatchError(
      `${sliver.axis} sliver ${sliver.index}`,
      expected,
      sliver.data.length,
    );
  }
}

/**
 * The full expansion of a sliver: n symbols of S bytes, contiguous. For primary sliver i this is row
 * X[i][0..n), for secondary sliver j column X[0..n)[j]; the first C (or R) symbols are the sliver itself.
 * @throws as {@link assertSliverShape}
 * @see spec §1.5
 */
export function expandSliver(sliver: Sliver, nShards: number): Uint8Array {
  assertSliverShape(sliver, nShards);
  const s = sliver.symbolSize;
  const { repair } = runExpandTask(
    { axis: sliver.axis, nShards, symbolSize: s, count: 1, slivers: sliver.data, repair: true, roots: false },
    codecKernels(),
  );
  const out = new Uint8Array(nShards * s);
  out.set(sliver.data, 0);
  out.set(repair as Uint8Array, sliver.data.length);
  return out;
}

/**
 * A sliver's expansion and the Merkle tree over it: the tree whose root is the sliver's hash in the
 * metadata, and from which recovery-symbol proofs are cut. Build once per sliver and reuse.
 * @see spec §2.2, §3.1
 */
export class SliverExpansion {
  readonly sliver: Sliver;
  readonly nShards: number;
  /** n symbols, contiguous. */
  readonly symbols: Uint8Array;
  readonly tree: MerkleTree;

  /** @throws as {@link assertSliverShape} */
  constructor(sliver: Sliver, nShards: number) {
    this.sliver = sliver;
    this.nShards = nShards;
    this.symbols = expandSliver(sliver, nShards);
    this.tree = MerkleTree.fromSymbols(this.symbols, sliver.symbolSize, nShards);
  }

  /** The Merkle root over the expansion (32 bytes). */
  get root(): Uint8Array {
    return this.tree.root as Uint8Array;
  }

  /**
   * Symbol `position` of the expansion (a view). For a primary sliver i that is X[i][position], for a
   * secondary sliver j X[position][j].
   * @throws IndexOutOfRangeError
   */
  symbol(position: number): Uint8Array {
    if (!Number.isInteger(position) || position < 0 || position >= this.nShards) {
      throw new IndexOutOfRangeError('expansion symbol index', position, this.nShards);
    }
    const s = this.sliver.symbolSize;
    return this.symbols.subarray(position * s, (position + 1) * s);
  }
}

/**
 * The Merkle root over a sliver's full expansion: the value the metadata stores for it.
 * @throws as {@link assertSliverShape}
 * @see spec §2.2
 */
export function sliverRoot(sliver: Sliver, nShards: number): Uint8Array {
  assertSliverShape(sliver, nShards);
  const { roots } = runExpandTask(
    {
      axis: sliver.axis,
      nShards,
      symbolSize: sliver.symbolSize,
      count: 1,
      slivers: sliver.data,
      repair: false,
      roots: true,
    },
    codecKernels(),
  );
  return roots as Uint8Array;
}

/**
 * Checks that `slivers` can be expanded as one batch: each has a valid shape for `nShards`
 * ({@link assertSliverShape}) and all share the first one's axis and symbol size.
 * @throws as {@link assertSliverShape}; SymbolSizeMismatchError for a sliver of another axis or size
 * @see spec §2.2
 */
export function assertUniformSlivers(slivers: readonly Sliver[], nShards: number): void {
  if (slivers.length === 0) return;
  const { axis, symbolSize } = slivers[0];
  for (const s of slivers) {
    assertSliverShape(s, nShards);
    if (s.axis !== axis || s.symbolSize !== symbolSize) {
      throw new SymbolSizeMismatchError(`${s.axis} sliver ${s.index}`, symbolSize, s.symbolSize);
    }
  }
}

/**
 * Roots over the full expansions of many slivers at once (one batched task): `roots[i]` is the
 * value the metadata stores for `slivers[i]`.
 * @throws as {@link assertSliverShape}; every sliver must have the same axis and symbol size
 * @see spec §2.2
 */
export function sliverRoots(slivers: readonly Sliver[], nShards: number): Uint8Array[] {
  if (slivers.length === 0) return [];
  assertUniformSlivers(slivers, nShards);
  const { axis, symbolSize } = slivers[0];
  const len = slivers[0].data.length;
  const data = new Uint8Array(slivers.length * len);
  slivers.forEach((s, i) => copyInto(data, s.data, i * len));
  const { roots } = runExpandTask(
    { axis, nShards, symbolSize, count: slivers.length, slivers: data, repair: false, roots: true },
    codecKernels(),
  );
  return slivers.map((_, i) => (roots as Uint8Array).slice(i * 32, (i + 1) * 32));
}

/**
 * Verifies a received sliver against verified metadata, as a storage node does on every PUT: index in
 * range, symbol size equal to the blob's, length (C or R symbols), then the Merkle root over its full
 * expansion equal to the metadata hash (primary sliver i -> pair i's primary hash; secondary sliver j ->
 * pair n-1-j's secondary hash).
 * @param metadata metadata already verified against its blob ID (see `verifyMetadata`)
 * @throws IndexOutOfRangeError, SymbolSizeMismatchError, SliverLengthMismatchError,
 *   SliverVerificationError (root mismatch), InvalidMetadataError
 * @see spec §2.2, §4
 */
export function verifySliver(sliver: Sliver, metadata: BlobMetadata, nShards: number): void {
  assertMetadataShape(metadata, nShards);
  if (!Number.isInteger(sliver.index) || sliver.index < 0 || sliver.index >= nShards) {
    throw new IndexOutOfRangeError(`${sliver.axis} sliver index`, sliver.index, nShards);
  }
  const s = metadataSymbolSize(metadata, nShards);
  if (sliver.symbolSize !== s) {
    throw new SymbolSizeMismatchError(`${sliver.axis} sliver ${sliver.index}`, s, sliver.symbolSize);
  }
  assertSliverShape(sliver, nShards);
  const expected = sliverHash(metadata, sliver.axis, sliver.index);
  if (!nodesEqual(expected, sliverRoot(sliver, nShards))) {
    throw new SliverVerificationError(
      `${sliver.axis} sliver ${sliver.index} does not match its hash in the metadata`,
    );
  }
}

/** {@link verifySliver} as a boolean: true when the sliver is valid for the metadata (rethrows only bugs). */
export function isValidSliver(sliver: Sliver, metadata: BlobMetadata, nShards: number): boolean {
  try {
    verifySliver(sliver, metadata, nShards);
    return true;
  } catch (err) {
    if (err instanceof WalrusTsError) return false;
    throw err;
  }
}
