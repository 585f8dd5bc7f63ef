/**
 * BCS layouts of symbols, Merkle proofs and inconsistency proofs, byte-compatible with walrus-core
 * `encoding/symbols.rs`, `merkle.rs` and `inconsistency.rs`:
 *
 * ```
 * DecodingSymbol        = { index: u16, data: vector<u8> }
 * EitherDecodingSymbol  = enum { Primary = 0 (DecodingSymbol), Secondary = 1 (DecodingSymbol) }
 * MerkleProof           = { path: vector<Node> }
 * RecoverySymbol        = { symbol: DecodingSymbol, proof: MerkleProof }
 * GeneralRecoverySymbol = { symbol: EitherDecodingSymbol, target_index: u16, proof: MerkleProof }
 * InconsistencyProof    = { target_sliver_index: u16, recovery_symbols: vector<RecoverySymbol> }
 * SymbolId              = (u16 primary sliver index, u16 secondary sliver index)
 * ```
 * Convention: a `Primary` decoding symbol rebuilds a primary sliver (it came from a secondary sliver).
 * Endpoint bodies: recoverySymbols -> `vector<GeneralRecoverySymbol>`; decodingSymbols ->
 * `BTreeMap<u16, vector<EitherDecodingSymbol>>` ({@link DecodingSymbolMapBcs}).
 *
 * @see spec §3.1, §3.3, §4 "BCS layouts"
 * @packageDocumentation
 */
import { bcs } from '@mysten/bcs';
import type { MerkleProof } from '../encoding/merkle.ts';
import type {
  DecodingSymbol,
  EitherDecodingSymbol,
  GeneralRecoverySymbol,
  InconsistencyProof,
  RecoverySymbol,
} from '../encoding/types.ts';
import { MerkleNodeBcs } from './blob.ts';
import { ByteVectorBcs } from './sliver.ts';
import { parseBcs, toBcs } from './parse.ts';

/** `DecodingSymbol { index, data }`. */
export const DecodingSymbolBcs = bcs
  .struct('DecodingSymbol', {
    index: bcs.u16(),
    data: ByteVectorBcs,
  })
  .transform({
    input: (s: DecodingSymbol) => ({ index: s.index, data: s.data }),
    output: (v): DecodingSymbol => v,
  });

/** `EitherDecodingSymbol = enum { Primary, Secondary }` with `axis` = the axis of the sliver it rebuilds. */
export const EitherDecodingSymbolBcs = bcs
  .enum('EitherDecodingSymbol', {
    Primary: DecodingSymbolBcs,
    Secondary: DecodingSymbolBcs,
  })
  .transform({
    input: (s: EitherDecodingSymbol) =>
      s.axis === 'primary'
        ? { Primary: { index: s.index, data: s.data } }
        : { Secondary: { index: s.index, data: s.data } },
    output: (v): EitherDecodingSymbol =>
      v.$kind === 'Primary' ? { axis: 'primary', ...v.Primary } : { axis: 'secondary', ...v.Secondary },
  });

/** `MerkleProof { path: vector<Node> }` as the path array (bottom up; `null` = empty node). */
export const MerkleProofBcs = bcs
  .struct('MerkleProof', {
    path: bcs.vector(MerkleNodeBcs),
  })
  .transform({
    input: (path: MerkleProof) => ({ path }),
    output: (v): MerkleProof => v.path,
  });

/** `RecoverySymbol { symbol: DecodingSymbol, proof }` as `{ index, data, proof }`. */
export const RecoverySymbolBcs = bcs
  .struct('RecoverySymbol', {
    symbol: DecodingSymbolBcs,
    proof: MerkleProofBcs,
  })
  .transform({
    input: (s: RecoverySymbol) => ({ symbol: { index: s.index, data: s.data }, proof: s.proof }),
    output: (v): RecoverySymbol => ({ index: v.symbol.index, data: v.symbol.data, proof: v.proof }),
  });

/** `GeneralRecoverySymbol { symbol: EitherDecodingSymbol, target_index, proof }`. */
export const GeneralRecoverySymbolBcs = bcs
  .struct('GeneralRecoverySymbol', {
    symbol: EitherDecodingSymbolBcs,
    target_index: bcs.u16(),
    proof: MerkleProofBcs,
  })
  .transform({
    input: (s: GeneralRecoverySymbol) => ({
      symbol: { axis: s.axis, index: s.index, data: s.data },
      target_index: s.targetIndex,
      proof: s.proof,
    }),
    output: (v): GeneralRecoverySymbol => ({
      axis: v.symbol.axis,
      index: v.symbol.index,
      data: v.symbol.data,
      targetIndex: v.target_index,
      proof: v.proof,
    }),
  });

/** The recoverySymbols endpoint body: `vector<GeneralRecoverySymbol>`. */
export const GeneralRecoverySymbolsBcs = bcs.vector(GeneralRecoverySymbolBcs);

/** `InconsistencyProof { target_sliver_index, recovery_symbols }` (same bytes for both axes). */
export const InconsistencyProofBcs = bcs
  .struct('InconsistencyProof', {
    target_sliver_index: bcs.u16(),
    recovery_symbols: bcs.vector(RecoverySymbolBcs),
  })
  .transform({
    input: (p: InconsistencyProof) => ({
      target_sliver_index: p.targetSliverIndex,
      recovery_symbols: [...p.recoverySymbols],
    }),
    output: (v): InconsistencyProof => ({
      targetSliverIndex: v.target_sliver_index,
      recoverySymbols: v.recovery_symbols,
    }),
  });

/** `SymbolId = (row, column)`: primary sliver index, secondary sliver index. */
export const SymbolIdBcs = bcs.tuple([bcs.u16(), bcs.u16()]).transform({
  input: (id: { row: number; column: number }) => [id.row, id.column] as [number, number],
  output: (v): { row: number; column: number } => ({ row: v[0], column: v[1] }),
});

/**
 * The decodingSymbols endpoint body `BTreeMap<u16, vector<EitherDecodingSymbol>>`: entries are written in
 * ascending numeric key order, as serde writes a BTreeMap (`bcs.map` would sort by LE bytes, which differs
 * for u16 keys above 255). Parsing rejects unsorted or duplicate keys.
 */
export const DecodingSymbolMapBcs = bcs
  .vector(bcs.tuple([bcs.u16(), bcs.vector(EitherDecodingSymbolBcs)]))
  .transform({
    input: (m: ReadonlyMap<number, readonly EitherDecodingSymbol[]>) =>
      [...m.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([k, v]) => [k, [...v]] as [number, EitherDecodingSymbol[]]),
    output: (entries): Map<number, EitherDecodingSymbol[]> => {
      const out = new Map<number, EitherDecodingSymbol[]>();
      let last = -1;
      for (const [k, v] of entries) {
        if (k <= last) throw new TypeError(`map keys not strictly ascending at ${k}`);
        last = k;
        out.set(k, v);
      }
      return out;
    },
  });

/** BCS bytes of an inconsistency proof. @see spec §3.3 */
export function serializeInconsistencyProof(proof: InconsistencyProof): Uint8Array {
  return toBcs(InconsistencyProofBcs, proof);
}

/** Strictly parses an inconsistency proof. @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError */
export function parseInconsistencyProof(bytes: Uint8Array): InconsistencyProof {
  return parseBcs(InconsistencyProofBcs, bytes);
}

/** BCS bytes of a list of general recovery symbols (the recoverySymbols response). */
export function serializeGeneralRecoverySymbols(symbols: readonly GeneralRecoverySymbol[]): Uint8Array {
  return toBcs(GeneralRecoverySymbolsBcs, [...symbols]);
}

/** Strictly parses a recoverySymbols response. @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError */
export function parseGeneralRecoverySymbols(bytes: Uint8Array): GeneralRecoverySymbol[] {
  return parseBcs(GeneralRecoverySymbolsBcs, bytes);
}
