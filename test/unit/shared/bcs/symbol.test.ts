import { bcs } from '@mysten/bcs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecodingSymbolMapBcs,
  EitherDecodingSymbolBcs,
  GeneralRecoverySymbolBcs,
  InconsistencyProofBcs,
  MerkleProofBcs,
  RecoverySymbolBcs,
  SymbolIdBcs,
  parseGeneralRecoverySymbols,
  parseInconsistencyProof,
  serializeGeneralRecoverySymbols,
  serializeInconsistencyProof,
} from '../../../../shared/bcs/symbol.ts';
import { parseBcs, toBcs } from '../../../../shared/bcs/parse.ts';
import type {
  GeneralRecoverySymbol,
  InconsistencyProof,
  RecoverySymbol,
} from '../../../../shared/encoding/types.ts';

// Reference layouts written directly from walrus-core's Rust structs (serde field order), with plain
// @mysten/bcs and no transforms, to cross-check the transformed schemas byte for byte.
const RefNode = bcs.enum('Node', { Empty: null, Digest: bcs.bytes(32) });
const RefDecodingSymbol = bcs.struct('DecodingSymbol', { index: bcs.u16(), data: bcs.byteVector() });
const RefProof = bcs.struct('MerkleProof', { path: bcs.vector(RefNode) });
const RefRecoverySymbol = bcs.struct('RecoverySymbol', { symbol: RefDecodingSymbol, proof: RefProof });
const RefEither = bcs.enum('EitherDecodingSymbol', {
  Primary: RefDecodingSymbol,
  Secondary: RefDecodingSymbol,
});
const RefGeneral = bcs.struct('GeneralRecoverySymbol', {
  symbol: RefEither,
  target_index: bcs.u16(),
  proof: RefProof,
});
const RefInconsistency = bcs.struct('InconsistencyProof', {
  target_sliver_index: bcs.u16(),
  recovery_symbols: bcs.vector(RefRecoverySymbol),
});

const u16 = fc.integer({ min: 0, max: 65535 });
const path = fc.array(fc.option(fc.uint8Array({ minLength: 32, maxLength: 32 }), { nil: null }), {
  maxLength: 11,
});
const recoveryArb: fc.Arbitrary<RecoverySymbol> = fc.record({
  index: u16,
  data: fc.uint8Array({ maxLength: 70 }),
  proof: path,
});
const generalArb: fc.Arbitrary<GeneralRecoverySymbol> = fc.record({
  axis: fc.constantFrom('primary' as const, 'secondary' as const),
  index: u16,
  data: fc.uint8Array({ maxLength: 70 }),
  targetIndex: u16,
  proof: path,
});
const refPath = (p: (Uint8Array | null)[]) => ({
  path: p.map((x) => (x === null ? { Empty: true } : { Digest: x })),
});

describe('BCS symbols, proofs, inconsistency proofs (spec §3.1, §3.3, §4)', () => {
  it('RecoverySymbol, GeneralRecoverySymbol and InconsistencyProof match the Rust layouts and round-trip', () => {
    fc.assert(
      fc.property(recoveryArb, generalArb, u16, fc.array(recoveryArb, { maxLength: 4 }), (r, g, t, rs) => {
        const rb = toBcs(RecoverySymbolBcs, r);
        expect(rb).toEqual(
          RefRecoverySymbol.serialize({
            symbol: { index: r.index, data: r.data },
            proof: refPath(r.proof),
          }).toBytes(),
        );
        expect(parseBcs(RecoverySymbolBcs, rb)).toEqual(r);
        const gb = toBcs(GeneralRecoverySymbolBcs, g);
        const sym = { index: g.index, data: g.data };
        expect(gb).toEqual(
          RefGeneral.serialize({
            symbol: g.axis === 'primary' ? { Primary: sym } : { Secondary: sym },
            target_index: g.targetIndex,
            proof: refPath(g.proof),
          }).toBytes(),
        );
        expect(parseGeneralRecoverySymbols(serializeGeneralRecoverySymbols([g, g]))).toEqual([g, g]);
        const proof: InconsistencyProof = { targetSliverIndex: t, recoverySymbols: rs };
        const pb = serializeInconsistencyProof(proof);
        expect(pb).toEqual(
          RefInconsistency.serialize({
            target_sliver_index: t,
            recovery_symbols: rs.map((x) => ({
              symbol: { index: x.index, data: x.data },
              proof: refPath(x.proof),
            })),
          }).toBytes(),
        );
        expect(parseInconsistencyProof(pb)).toEqual(proof);
      }),
      { numRuns: 80 },
    );
  });

  it('a proof node is 33 bytes (digest) or 1 byte (empty)', () => {
    const b = toBcs(MerkleProofBcs, [new Uint8Array(32).fill(1), null]);
    expect(b.length).toBe(1 + 33 + 1);
    expect([b[0], b[1], b[34]]).toEqual([2, 1, 0]);
  });

  it('EitherDecodingSymbol: Primary = 0, Secondary = 1; SymbolId is (u16 row, u16 column)', () => {
    expect([
      ...toBcs(EitherDecodingSymbolBcs, { axis: 'secondary', index: 258, data: Uint8Array.of(7) }),
    ]).toEqual([1, 2, 1, 1, 7]);
    expect([...toBcs(SymbolIdBcs, { row: 1, column: 513 })]).toEqual([1, 0, 1, 2]);
  });

  it('decoding-symbol maps are written in numeric key order (as a Rust BTreeMap) and must parse sorted', () => {
    const m = new Map([
      [256, [{ axis: 'primary' as const, index: 1, data: Uint8Array.of(5) }]],
      [1, []],
    ]);
    const b = toBcs(DecodingSymbolMapBcs, m);
    expect([...b.subarray(0, 4)]).toEqual([2, 1, 0, 0]);
    expect(parseBcs(DecodingSymbolMapBcs, b)).toEqual(new Map([...m].sort((x, y) => x[0] - y[0])));
    const swapped = Uint8Array.of(2, 0, 1, 0, 1, 0, 0);
    expect(() => parseBcs(DecodingSymbolMapBcs, swapped)).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
  });

  it('rejects truncated and trailing bytes', () => {
    const b = serializeInconsistencyProof({
      targetSliverIndex: 4,
      recoverySymbols: [{ index: 1, data: Uint8Array.of(1, 2), proof: [null, new Uint8Array(32)] }],
    });
    for (let cut = 0; cut < b.length; cut++) {
      expect(() => parseInconsistencyProof(b.subarray(0, cut))).toThrow(
        expect.objectContaining({ name: 'BcsTruncatedError' }),
      );
    }
    expect(() => parseInconsistencyProof(Uint8Array.of(...b, 0))).toThrow(
      expect.objectContaining({ name: 'BcsTrailingBytesError' }),
    );
    expect(() => parseBcs(InconsistencyProofBcs, Uint8Array.of(0, 0, 0x80, 0))).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
  });
});
