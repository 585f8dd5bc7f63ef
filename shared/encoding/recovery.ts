/**
 * Recovery (self-healing): the recovery symbols a node's sliver gives for any target sliver, their
 * verification, rebuilding a sliver from enough symbols, and inconsistency proofs when the rebuilt sliver
 * does not match the metadata.
 *
 * Geometry (X = the expanded n x n matrix):
 * - a **primary** target sliver t (row t) is rebuilt from C symbols X[t][s], each taken from secondary
 *   sliver s (column s) and proved in column s's tree at leaf t;
 * - a **secondary** target sliver u (column u) is rebuilt from R symbols X[p][u], each taken from
 *   primary sliver p (row p) and proved in row p's tree at leaf u.
 *
 * @see spec §3.1, §3.3
 * @packageDocumentation
 */
import { WalrusTsError } from '../errors.ts';
import { codecKernels } from './backend.ts';
import {
  IndexOutOfRangeError,
  InvalidInconsistencyProofError,
  NotEnoughRecoverySymbolsError,
  SliverNotInconsistentError,
  SymbolNotUsableError,
  SymbolSizeMismatchError,
  SymbolVerificationError,
} from './errors.ts';
import { assertMetadataShape, metadataSymbolSize, sliverHash } from './metadata.ts';
import { nodesEqual, verifyMerkleProof } from './merkle.ts';
import {
  assertSliverShape,
  expansionCode,
  SliverExpansion,
  sliverRoot,
  sliverSymbolCount,
} from './sliver.ts';
import { expansionShape, runDecodeTask, runExpandTask } from './tasks.ts';
import {
  orthogonalAxis,
  type BlobMetadata,
  type DecodingSymbol,
  type GeneralRecoverySymbol,
  type InconsistencyProof,
  type RecoverySymbol,
  type Sliver,
  type SliverAxis,
} from './types.ts';
import { copyInto } from '../bytes.ts';

function assertIndex(what: string, index: number, nShards: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= nShards)
    throw new IndexOutOfRangeError(what, index, nShards);
}

/**
 * Number of recovery symbols that rebuild a sliver of `axis`: C = n-f for a primary sliver, R = n-2f for
 * a secondary one. @see spec §3.1
 */
export function recoverySymbolsRequired(axis: SliverAxis, nShards: number): number {
  return sliverSymbolCount(axis, nShards);
}

/**
 * The recovery symbol that `source` gives for target sliver `targetIndex` of the other axis: the symbol
 * at position `targetIndex` of the source's expansion, with its Merkle proof. A primary source p gives
 * X[p][targetIndex] for secondary sliver `targetIndex`; a secondary source s gives X[targetIndex][s] for
 * primary sliver `targetIndex`. For many targets build one {@link SliverExpansion} and call
 * {@link recoverySymbolFromExpansion}.
 * @param targetIndex sliver index of the target (for pair t: primary t, or secondary n-1-t)
 * @returns a symbol whose `axis` is the target's axis
 * @throws IndexOutOfRangeError, and the sliver shape errors of `assertSliverShape`
 * @see spec §3.1
 */
export function recoverySymbolFor(
  source: Sliver,
  targetIndex: number,
  nShards: number,
): GeneralRecoverySymbol {
  return recoverySymbolFromExpansion(new SliverExpansion(source, nShards), targetIndex);
}

/** {@link recoverySymbolFor} from a prebuilt expansion (one RS encode and one tree for all targets). */
export function recoverySymbolFromExpansion(
  expansion: SliverExpansion,
  targetIndex: number,
): GeneralRecoverySymbol {
  assertIndex('target sliver index', targetIndex, expansion.nShards);
  return {
    axis: orthogonalAxis(expansion.sliver.axis),
    index: expansion.sliver.index,
    data: expansion.symbol(targetIndex).slice(),
    targetIndex,
    proof: expansion.tree.proof(targetIndex),
  };
}

/**
 * The decoding symbol (no proof) that `source` gives for target sliver `targetIndex` of the other axis.
 * Systematic positions are read straight from the sliver; others cost one RS encode.
 * @throws IndexOutOfRangeError, sliver shape errors
 * @see spec §3.1 (decodingSymbols endpoint)
 */
export function decodingSymbolFor(source: Sliver, targetIndex: number, nShards: number): DecodingSymbol {
  assertIndex('target sliver index', targetIndex, nShards);
  const s = source.symbolSize;
  const k = sliverSymbolCount(source.axis, nShards);
  if (targetIndex < k && source.data.length === k * s) {
    return { index: source.index, data: source.data.slice(targetIndex * s, (targetIndex + 1) * s) };
  }
  const expansion = new SliverExpansion(source, nShards);
  return { index: source.index, data: expansion.symbol(targetIndex).slice() };
}

/**
 * Verifies a general recovery symbol for rebuilding sliver (`targetAxis`, `targetIndex`), as walrus-core
 * `GeneralRecoverySymbol::verify`: indices below n, data of S bytes, usable for the target (it targets
 * exactly that sliver, or it was cut from the target sliver itself), and its Merkle proof leads to the
 * source sliver's hash in the metadata.
 * @throws IndexOutOfRangeError, SymbolSizeMismatchError, SymbolNotUsableError, MerkleProofLengthError,
 *   SymbolVerificationError, InvalidMetadataError
 * @see spec §3.1
 */
export function verifyGeneralRecoverySymbol(
  symbol: GeneralRecoverySymbol,
  metadata: BlobMetadata,
  nShards: number,
  targetAxis: SliverAxis,
  targetIndex: number,
): void {
  assertMetadataShape(metadata, nShards);
  assertIndex('recovery symbol source index', symbol.index, nShards);
  assertIndex('recovery symbol target index', symbol.targetIndex, nShards);
  const s = metadataSymbolSize(metadata, nShards);
  if (symbol.data.length !== s) throw new SymbolSizeMismatchError('recovery symbol', s, symbol.data.length);
  const sourceAxis = orthogonalAxis(symbol.axis);
  const usable =
    (symbol.axis === targetAxis && symbol.targetIndex === targetIndex) ||
    (sourceAxis === targetAxis && symbol.index === targetIndex);
  if (!usable) {
    throw new SymbolNotUsableError(
      `symbol ${symbol.index}->${symbol.targetIndex} (${symbol.axis}) cannot rebuild ${targetAxis} sliver ${targetIndex}`,
    );
  }
  const root = sliverHash(metadata, sourceAxis, symbol.index);
  if (!verifyMerkleProof(root, nShards, symbol.data, symbol.targetIndex, symbol.proof)) {
    throw new SymbolVerificationError(
      `recovery symbol from ${sourceAxis} sliver ${symbol.index} fails its Merkle proof`,
    );
  }
}

/**
 * Verifies a recovery symbol for rebuilding sliver (`targetAxis`, `targetIndex`) (walrus-core
 * `RecoverySymbol::verify`): `symbol.index` is the source sliver (of the other axis), the proof's leaf is
 * `targetIndex`.
 * @throws IndexOutOfRangeError, SymbolSizeMismatchError, MerkleProofLengthError, SymbolVerificationError,
 *   InvalidMetadataError
 * @see spec §3.1, §3.3
 */
export function verifyRecoverySymbol(
  symbol: RecoverySymbol,
  metadata: BlobMetadata,
  nShards: number,
  targetAxis: SliverAxis,
  targetIndex: number,
): void {
  verifyGeneralRecoverySymbol(
    { ...symbol, axis: targetAxis, targetIndex },
    metadata,
    nShards,
    targetAxis,
    targetIndex,
  );
}

/**
 * The decoding symbol a general recovery symbol contributes to rebuilding sliver (`targetAxis`,
 * `targetIndex`): its `index` is the symbol's position in the target's expansion (the source sliver's
 * index, or the symbol's target index when it was cut from the target sliver itself).
 * @throws SymbolNotUsableError when the symbol cannot help that target
 */
export function toDecodingSymbol(
  symbol: GeneralRecoverySymbol,
  targetAxis: SliverAxis,
  targetIndex: number,
): DecodingSymbol {
  if (symbol.axis === targetAxis && symbol.targetIndex === targetIndex)
    return { index: symbol.index, data: symbol.data };
  if (symbol.axis !== targetAxis && symbol.index === targetIndex)
    return { index: symbol.targetIndex, data: symbol.data };
  throw new SymbolNotUsableError(`symbol cannot rebuild ${targetAxis} sliver ${targetIndex}`);
}

/**
 * Rebuilds sliver (`axis`, `targetIndex`) from decoding symbols (`index` = position in the target's
 * expansion) **without** checking it against metadata. Duplicate positions and symbols of the wrong size
 * are skipped; exactly the first k usable symbols are used.
 * @param symbolSize S in bytes
 * @throws NotEnoughRecoverySymbolsError when fewer than C (primary) or R (secondary) usable symbols remain
 * @throws IndexOutOfRangeError
 * @see spec §3.1
 */
export function decodeSliverFromSymbols(
  axis: SliverAxis,
  targetIndex: number,
  symbols: Iterable<DecodingSymbol>,
  symbolSize: number,
  nShards: number,
): Sliver {
  assertIndex(`${axis} sliver index`, targetIndex, nShards);
  const code = expansionCode(axis, nShards);
  const k = code.originalCount;
  const picked = new Map<number, Uint8Array>();
  for (const s of symbols) {
    if (picked.size === k) break;
    if (s.data.length !== symbolSize || picked.has(s.index)) continue;
    if (!Number.isInteger(s.index) || s.index < 0 || s.index >= nShards) continue;
    picked.set(s.index, s.data);
  }
  if (picked.size < k) throw new NotEnoughRecoverySymbolsError(k, picked.size);
  const kernels = codecKernels();
  const data =
    kernels === undefined
      ? code.decode(picked)
      : kernels.rsDecode(
          k,
          code.recoveryCount,
          symbolSize,
          [...picked].map(([index, bytes]) => ({ index, data: bytes })),
        );
  return { axis, index: targetIndex, symbolSize, data };
}

/**
 * The symbols at `positions` of each sliver's expansion: what source slivers give as (proof-less) recovery
 * symbols for the target slivers `positions`. Systematic positions are copied from the slivers; repair
 * positions cost ONE batched RS encode of all slivers.
 * @param slivers slivers of one axis and one symbol size
 * @returns positions.length x slivers.length x S bytes: symbol at `positions[i]` of sliver j at
 *   `(i * slivers.length + j) * S`
 * @throws IndexOutOfRangeError, SymbolSizeMismatchError, SymbolNotUsableError (mixed axes), sliver shape
 *   errors
 * @see spec §1.5, §3.1
 */
export function symbolsAt(
  slivers: readonly Sliver[],
  positions: readonly number[],
  nShards: number,
): Uint8Array {
  const count = slivers.length;
  if (count === 0) return new Uint8Array(0);
  const { axis, symbolSize: S } = slivers[0];
  const { k, m } = expansionShape(axis, nShards);
  for (const sl of slivers) {
    if (sl.axis !== axis) throw new SymbolNotUsableError(`slivers of both axes given (${axis}, ${sl.axis})`);
    if (sl.symbolSize !== S) throw new SymbolSizeMismatchError('source sliver', S, sl.symbolSize);
    assertSliverShape(sl, nShards);
  }
  for (const p of positions) assertIndex('expansion position', p, nShards);
  let repair: Uint8Array | undefined;
  if (positions.some((p) => p >= k)) {
    const all = new Uint8Array(count * k * S);
    slivers.forEach((sl, j) => copyInto(all, sl.data, j * k * S));
    repair = runExpandTask(
      { axis, nShards, symbolSize: S, count, slivers: all, repair: true, roots: false },
      codecKernels(),
    ).repair!;
  }
  const out = new Uint8Array(positions.length * count * S);
  positions.forEach((p, i) => {
    slivers.forEach((sl, j) => {
      const [src, off] = p < k ? [sl.data, p * S] : [repair!, (j * m + p - k) * S];
      const to = (i * count + j) * S;
      // Small symbols (large n) are copied byte by byte: cheaper than a subarray view per symbol.
      if (S <= 64) for (let b = 0; b < S; b++) out[to + b] = src[off + b];
      else out.set(src.subarray(off, off + S), to);
    });
  });
  return out;
}

/**
 * Rebuilds several slivers of one axis **without** checking them against metadata, from the symbols at
 * the same k positions of each target's expansion: one batched Reed-Solomon decode, since the erasure
 * pattern is shared (what a node rebuilding many slivers from the same source slivers has).
 * @param targetIndices sliver index of each target
 * @param positions exactly k distinct expansion positions (the source sliver indices), k = C (primary) /
 *   R (secondary)
 * @param band positions.length x targetIndices.length x S bytes, row-major: row q holds the symbol at
 *   `positions[q]` of each target, target after target
 * @returns one sliver per target, in order
 * @throws NotEnoughRecoverySymbolsError (not k distinct positions), IndexOutOfRangeError,
 *   SymbolSizeMismatchError (band of the wrong length)
 * @see spec §1.7, §3.1
 */
export function decodeSliversFromBand(
  axis: SliverAxis,
  targetIndices: readonly number[],
  positions: readonly number[],
  band: Uint8Array,
  symbolSize: number,
  nShards: number,
): Sliver[] {
  for (const t of targetIndices) assertIndex(`${axis} sliver index`, t, nShards);
  const { k, m } = expansionShape(axis, nShards);
  const distinct = new Set(positions);
  if (positions.length !== k || distinct.size !== k)
    throw new NotEnoughRecoverySymbolsError(k, distinct.size);
  for (const p of positions) assertIndex('expansion position', p, nShards);
  const w = targetIndices.length;
  const S = symbolSize;
  if (band.length !== k * w * S) throw new SymbolSizeMismatchError('symbol band', k * w * S, band.length);
  const missing: number[] = [];
  for (let i = 0; i < k; i++) if (!distinct.has(i)) missing.push(i);
  const decoded = runDecodeTask(
    { k, m, symbolSize: S, width: w, indices: positions, band, missing },
    codecKernels(),
  );
  // Row of each source position 0..k-1: a received one from the band, a missing one from the decode.
  const rowOf = new Map<number, [Uint8Array, number]>();
  positions.forEach((p, q) => {
    if (p < k) rowOf.set(p, [band, q]);
  });
  missing.forEach((i, t) => rowOf.set(i, [decoded, t]));
  return targetIndices.map((index, c) => {
    const data = new Uint8Array(k * S);
    for (let i = 0; i < k; i++) {
      const [src, row] = rowOf.get(i)!;
      const from = (row * w + c) * S;
      data.set(src.subarray(from, from + S), i * S);
    }
    return { axis, index, symbolSize: S, data };
  });
}

/** Outcome of {@link recoverSliver}: the rebuilt sliver, or proof that the blob is inconsistent. */
export type SliverRecoveryResult =
  | { readonly kind: 'sliver'; readonly sliver: Sliver }
  | { readonly kind: 'inconsistent'; readonly proof: InconsistencyProof };

/** Options of {@link recoverSliver}. */
export interface RecoverSliverOptions {
  /**
   * Whether every symbol was already verified ({@link verifyRecoverySymbol}). When false each symbol is
   * verified and invalid ones are skipped.
   * @default false
   */
  readonly verified?: boolean;
}

/**
 * Rebuilds sliver (`axis`, `targetIndex`) from recovery symbols and checks it against the metadata
 * (walrus-core `recover_sliver_or_generate_inconsistency_proof`). Symbols failing verification, duplicates
 * and surplus symbols are skipped. When the rebuilt sliver does not hash to the metadata, the result is an
 * inconsistency proof made of exactly the symbols used.
 * @param symbols recovery symbols whose `index` is the source sliver (other axis) and whose proof leaf is
 *   `targetIndex`
 * @throws NotEnoughRecoverySymbolsError when fewer than C (primary) / R (secondary) valid symbols remain
 * @throws IndexOutOfRangeError, InvalidMetadataError, InvalidShardCountError
 * @see spec §3.1, §3.3
 */
export function recoverSliver(
  axis: SliverAxis,
  targetIndex: number,
  symbols: Iterable<RecoverySymbol>,
  metadata: BlobMetadata,
  nShards: number,
  options: RecoverSliverOptions = {},
): SliverRecoveryResult {
  assertMetadataShape(metadata, nShards);
  assertIndex(`${axis} sliver index`, targetIndex, nShards);
  const k = recoverySymbolsRequired(axis, nShards);
  const S = metadataSymbolSize(metadata, nShards);
  const used: RecoverySymbol[] = [];
  const seen = new Set<number>();
  for (const s of symbols) {
    if (used.length === k) break;
    if (seen.has(s.index)) continue;
    if (!options.verified) {
      try {
        verifyRecoverySymbol(s, metadata, nShards, axis, targetIndex);
      } catch (err) {
        if (err instanceof WalrusTsError) continue;
        throw err;
      }
    } else if (s.data.length !== S || !Number.isInteger(s.index) || s.index < 0 || s.index >= nShards) {
      continue;
    }
    seen.add(s.index);
    used.push(s);
  }
  if (used.length < k) throw new NotEnoughRecoverySymbolsError(k, used.length);
  const sliver = decodeSliverFromSymbols(axis, targetIndex, used, S, nShards);
  if (nodesEqual(sliverHash(metadata, axis, targetIndex), sliverRoot(sliver, nShards))) {
    return { kind: 'sliver', sliver };
  }
  return { kind: 'inconsistent', proof: { targetSliverIndex: targetIndex, recoverySymbols: used } };
}

/**
 * Verifies an inconsistency proof for a sliver of `axis` (walrus-core `InconsistencyProof::verify`):
 * exactly C (primary) / R (secondary) recovery symbols, all verifying against the metadata, which decode
 * to a sliver whose root differs from the metadata hash. Returns normally when the proof holds.
 * @throws InvalidInconsistencyProofError (wrong symbol count, an invalid symbol, target out of range),
 *   SliverNotInconsistentError (the rebuilt sliver matches the metadata), InvalidMetadataError
 * @see spec §3.3
 */
export function verifyInconsistencyProof(
  axis: SliverAxis,
  proof: InconsistencyProof,
  metadata: BlobMetadata,
  nShards: number,
): void {
  assertMetadataShape(metadata, nShards);
  const target = proof.targetSliverIndex;
  if (!Number.isInteger(target) || target < 0 || target >= nShards) {
    throw new InvalidInconsistencyProofError(`target sliver index ${target} is out of range [0, ${nShards})`);
  }
  const k = recoverySymbolsRequired(axis, nShards);
  if (proof.recoverySymbols.length !== k) {
    throw new InvalidInconsistencyProofError(
      `inconsistency proof has ${proof.recoverySymbols.length} recovery symbols, expected ${k}`,
    );
  }
  const seen = new Set<number>();
  for (const s of proof.recoverySymbols) {
    try {
      verifyRecoverySymbol(s, metadata, nShards, axis, target);
    } catch (err) {
      if (!(err instanceof WalrusTsError)) throw err;
      throw new InvalidInconsistencyProofError(`a recovery symbol is invalid: ${err.message}`);
    }
    if (seen.has(s.index))
      throw new InvalidInconsistencyProofError(`recovery symbol ${s.index} appears twice`);
    seen.add(s.index);
  }
  const S = metadataSymbolSize(metadata, nShards);
  const sliver = decodeSliverFromSymbols(axis, target, proof.recoverySymbols, S, nShards);
  if (nodesEqual(sliverHash(metadata, axis, target), sliverRoot(sliver, nShards))) {
    throw new SliverNotInconsistentError(
      `${axis} sliver ${target} rebuilt from the proof matches the metadata`,
    );
  }
}
