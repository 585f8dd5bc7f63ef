import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  parseGeneralRecoverySymbols,
  parseInconsistencyProof,
  serializeGeneralRecoverySymbols,
  serializeInconsistencyProof,
} from '../../../../shared/bcs/symbol.ts';
import { initHashing } from '../../../../shared/encoding/hashing.ts';
import { encodingParams } from '../../../../shared/encoding/params.ts';
import {
  decodeSliverFromSymbols,
  decodeSliversFromBand,
  decodingSymbolFor,
  recoverSliver,
  recoverySymbolFor,
  recoverySymbolFromExpansion,
  recoverySymbolsRequired,
  symbolsAt,
  toDecodingSymbol,
  verifyGeneralRecoverySymbol,
  verifyInconsistencyProof,
  verifyRecoverySymbol,
} from '../../../../shared/encoding/recovery.ts';
import { SliverExpansion } from '../../../../shared/encoding/sliver.ts';
import type { EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import type { GeneralRecoverySymbol, SliverAxis } from '../../../../shared/encoding/types.ts';
import { encodedFixture, inconsistentFixture } from '../../../fixtures/codec.ts';

beforeAll(() => initHashing());

/** Symbols for rebuilding sliver (axis, target) from the given source slivers of the other axis. */
function symbolsFor(
  e: EncodedBlob,
  axis: SliverAxis,
  target: number,
  sources: number[],
): GeneralRecoverySymbol[] {
  const from = axis === 'primary' ? e.secondarySlivers : e.primarySlivers;
  return sources.map((i) => recoverySymbolFor(from[i], target, e.nShards));
}

describe('recovery symbols (spec §3.1)', () => {
  it('a symbol for primary target t from secondary sliver s is X[t][s] = symbol s of primary sliver t', () => {
    const n = 7;
    const { encoded } = encodedFixture(n, 400);
    const S = encoded.symbolSize;
    const { secondarySymbols: C } = encodingParams(n);
    for (let t = 0; t < n; t++) {
      const row = new SliverExpansion(encoded.primarySlivers[t], n);
      for (let s = 0; s < n; s++) {
        const sym = recoverySymbolFor(encoded.secondarySlivers[s], t, n);
        expect(sym).toMatchObject({ axis: 'primary', index: s, targetIndex: t });
        expect(sym.data).toEqual(row.symbol(s));
        if (s < C) expect(sym.data).toEqual(encoded.primarySlivers[t].data.subarray(s * S, (s + 1) * S));
        expect(decodingSymbolFor(encoded.secondarySlivers[s], t, n)).toEqual({ index: s, data: sym.data });
        // And the same cell from the row side: secondary target s from primary sliver t.
        const other = recoverySymbolFor(encoded.primarySlivers[t], s, n);
        expect(other).toMatchObject({ axis: 'secondary', index: t, targetIndex: s });
        expect(other.data).toEqual(sym.data);
      }
    }
  });

  it('every symbol verifies for its target and for its source sliver, and nothing else', () => {
    const n = 7;
    const { encoded, metadata } = encodedFixture(n, 333);
    const m = metadata.metadata;
    const expansion = new SliverExpansion(encoded.secondarySlivers[2], n);
    for (let t = 0; t < n; t++) {
      const sym = recoverySymbolFromExpansion(expansion, t);
      verifyGeneralRecoverySymbol(sym, m, n, 'primary', t);
      verifyGeneralRecoverySymbol(sym, m, n, 'secondary', 2);
      expect(toDecodingSymbol(sym, 'primary', t).index).toBe(2);
      expect(toDecodingSymbol(sym, 'secondary', 2).index).toBe(t);
      expect(() => verifyGeneralRecoverySymbol(sym, m, n, 'primary', (t + 1) % n)).toThrow(
        expect.objectContaining({ name: 'SymbolNotUsableError' }),
      );
      expect(() => toDecodingSymbol(sym, 'secondary', 3)).toThrow(
        expect.objectContaining({ name: 'SymbolNotUsableError' }),
      );
    }
  });

  it('rejects corrupted data, proofs, indices and sizes with typed errors', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4, 7, 10),
        fc.nat({ max: 1500 }),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (n, length, a, b, primary) => {
          const { encoded, metadata } = encodedFixture(n, length);
          const m = metadata.metadata;
          const axis: SliverAxis = primary ? 'primary' : 'secondary';
          const target = a % n;
          const [sym] = symbolsFor(encoded, axis, target, [b % n]);
          verifyGeneralRecoverySymbol(sym, m, n, axis, target);
          const badData = { ...sym, data: sym.data.map((x, i) => (i === 0 ? x ^ 0x80 : x)) };
          expect(() => verifyGeneralRecoverySymbol(badData, m, n, axis, target)).toThrow(
            expect.objectContaining({
              name: 'SymbolVerificationError',
              code: 'ENCODING_SYMBOL_VERIFICATION_FAILED',
            }),
          );
          const badProof = {
            ...sym,
            proof: sym.proof.map((x, i) => (i === sym.proof.length - 1 ? new Uint8Array(32).fill(3) : x)),
          };
          expect(() => verifyGeneralRecoverySymbol(badProof, m, n, axis, target)).toThrow(
            expect.objectContaining({ name: 'SymbolVerificationError' }),
          );
          expect(() =>
            verifyGeneralRecoverySymbol({ ...sym, proof: sym.proof.slice(1) }, m, n, axis, target),
          ).toThrow(expect.objectContaining({ name: 'MerkleProofLengthError' }));
          expect(() => verifyGeneralRecoverySymbol({ ...sym, index: n }, m, n, axis, target)).toThrow(
            expect.objectContaining({ name: 'IndexOutOfRangeError' }),
          );
          expect(() =>
            verifyGeneralRecoverySymbol({ ...sym, data: sym.data.subarray(1) }, m, n, axis, target),
          ).toThrow(expect.objectContaining({ name: 'SymbolSizeMismatchError' }));
          // Claiming another source sliver fails, unless that sliver is identical (e.g. two all-zero rows).
          const other = (sym.index + 1) % n;
          const sources = primary ? encoded.secondarySlivers : encoded.primarySlivers;
          if (!sources[other].data.every((x, i) => x === sources[sym.index].data[i])) {
            expect(() => verifyRecoverySymbol({ ...sym, index: other }, m, n, axis, target)).toThrow(
              expect.objectContaining({ name: 'SymbolVerificationError' }),
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('BCS round trip keeps symbols valid', () => {
    const n = 10;
    const { encoded, metadata } = encodedFixture(n, 900);
    const syms = symbolsFor(encoded, 'secondary', 4, [0, 3, 9]);
    const back = parseGeneralRecoverySymbols(serializeGeneralRecoverySymbols(syms));
    expect(back).toEqual(syms);
    for (const s of back) verifyGeneralRecoverySymbol(s, metadata.metadata, n, 'secondary', 4);
  });
});

describe('rebuilding slivers from recovery symbols (spec §3.1)', () => {
  const subsetCase = (axis: SliverAxis) =>
    fc.constantFrom(4, 5, 7, 10, 16).chain((n) =>
      fc.tuple(
        fc.constant(n),
        fc.nat({ max: 2500 }),
        fc.nat({ max: n - 1 }),
        fc.shuffledSubarray([...Array(n).keys()], {
          minLength: recoverySymbolsRequired(axis, n),
          maxLength: n,
        }),
      ),
    );

  it('any C symbols rebuild a primary sliver', () => {
    fc.assert(
      fc.property(subsetCase('primary'), ([n, length, target, sources]) => {
        const { encoded, metadata } = encodedFixture(n, length, length);
        expect(sources.length).toBeGreaterThanOrEqual(n - Math.floor((n - 1) / 3));
        const result = recoverSliver(
          'primary',
          target,
          symbolsFor(encoded, 'primary', target, sources),
          metadata.metadata,
          n,
        );
        expect(result).toEqual({ kind: 'sliver', sliver: encoded.primarySlivers[target] });
      }),
      { numRuns: 30 },
    );
  });

  it('any R symbols rebuild a secondary sliver (also via decoding symbols without proofs)', () => {
    fc.assert(
      fc.property(subsetCase('secondary'), ([n, length, target, sources]) => {
        const { encoded, metadata } = encodedFixture(n, length, length + 1);
        const syms = symbolsFor(encoded, 'secondary', target, sources);
        const result = recoverSliver('secondary', target, syms, metadata.metadata, n, { verified: true });
        expect(result).toEqual({ kind: 'sliver', sliver: encoded.secondarySlivers[target] });
        const plain = sources.map((p) => decodingSymbolFor(encoded.primarySlivers[p], target, n));
        expect(decodeSliverFromSymbols('secondary', target, plain, encoded.symbolSize, n)).toEqual(
          encoded.secondarySlivers[target],
        );
      }),
      { numRuns: 30 },
    );
  });

  it('skips invalid and duplicate symbols; too few valid ones give NotEnoughRecoverySymbolsError', () => {
    const n = 10;
    const { encoded, metadata } = encodedFixture(n, 1200);
    const C = recoverySymbolsRequired('primary', n);
    const good = symbolsFor(encoded, 'primary', 3, [...Array(n).keys()]);
    const corrupted = good.map((s, i) => (i < n - C ? { ...s, data: s.data.map((x) => x ^ 1) } : s));
    expect(recoverSliver('primary', 3, [...corrupted, good[9]], metadata.metadata, n)).toEqual({
      kind: 'sliver',
      sliver: encoded.primarySlivers[3],
    });
    expect(() =>
      recoverSliver('primary', 3, [...corrupted.slice(0, n - 1), good[8]], metadata.metadata, n),
    ).toThrow(
      expect.objectContaining({ name: 'NotEnoughRecoverySymbolsError', required: C, received: C - 1 }),
    );
    expect(() => recoverSliver('primary', n, good, metadata.metadata, n)).toThrow(
      expect.objectContaining({ name: 'IndexOutOfRangeError' }),
    );
  });
});

describe('inconsistency proofs (spec §3.3)', () => {
  it('rebuilding a sliver whose metadata hash is wrong yields a proof that verifies (and survives BCS)', () => {
    const n = 7;
    const pair = 5; // a repair primary sliver
    const { encoded, metadata } = inconsistentFixture(n, 600, pair);
    const m = metadata.metadata;
    const sources = [6, 0, 4, 2, 1, 3, 5];
    const result = recoverSliver('primary', pair, symbolsFor(encoded, 'primary', pair, sources), m, n);
    expect(result.kind).toBe('inconsistent');
    if (result.kind !== 'inconsistent') return;
    expect(result.proof.targetSliverIndex).toBe(pair);
    expect(result.proof.recoverySymbols).toHaveLength(encodingParams(n).secondarySymbols);
    verifyInconsistencyProof('primary', result.proof, m, n);
    const parsed = parseInconsistencyProof(serializeInconsistencyProof(result.proof));
    verifyInconsistencyProof('primary', parsed, m, n);
    // The same proof against the honest metadata: the sliver is consistent there.
    expect(() => verifyInconsistencyProof('primary', parsed, encoded.metadata, n)).toThrow(
      expect.objectContaining({ name: 'SliverNotInconsistentError' }),
    );
  });

  it('a secondary inconsistency (bad column hash) is proved from R symbols', () => {
    const n = 10;
    const { encoded, metadata } = encodedFixture(n, 800);
    const target = 2; // secondary sliver 2 -> pair n-1-2
    const hashes = encoded.metadata.hashes.map((h, p) =>
      p === n - 1 - target ? { ...h, secondaryHash: new Uint8Array(32).fill(1) } : h,
    );
    const bad = { ...metadata.metadata, hashes };
    const syms = symbolsFor(encoded, 'secondary', target, [9, 8, 7, 6, 5]);
    const result = recoverSliver('secondary', target, syms, bad, n);
    expect(result.kind).toBe('inconsistent');
    if (result.kind === 'inconsistent') {
      expect(result.proof.recoverySymbols).toHaveLength(encodingParams(n).primarySymbols);
      verifyInconsistencyProof('secondary', result.proof, bad, n);
    }
  });

  it('rejects a proof with the wrong symbol count, an invalid or duplicate symbol, or a bad target', () => {
    const n = 7;
    const pair = 4;
    const { encoded, metadata } = inconsistentFixture(n, 600, pair);
    const m = metadata.metadata;
    const result = recoverSliver(
      'primary',
      pair,
      symbolsFor(encoded, 'primary', pair, [0, 1, 2, 3, 4, 5, 6]),
      m,
      n,
    );
    if (result.kind !== 'inconsistent') throw new Error('expected an inconsistency proof');
    const { proof } = result;
    const invalid = (p: typeof proof) =>
      expect(() => verifyInconsistencyProof('primary', p, m, n)).toThrow(
        expect.objectContaining({ name: 'InvalidInconsistencyProofError' }),
      );
    invalid({ ...proof, recoverySymbols: proof.recoverySymbols.slice(1) });
    invalid({ ...proof, recoverySymbols: [...proof.recoverySymbols, proof.recoverySymbols[0]] });
    invalid({ ...proof, recoverySymbols: [proof.recoverySymbols[0], ...proof.recoverySymbols.slice(0, -1)] });
    invalid({
      ...proof,
      recoverySymbols: proof.recoverySymbols.map((s, i) =>
        i === 2 ? { ...s, data: s.data.map((x) => x ^ 4) } : s,
      ),
    });
    invalid({ ...proof, targetSliverIndex: n });
    expect(() => verifyInconsistencyProof('secondary', proof, m, n)).toThrow(
      expect.objectContaining({ name: 'InvalidInconsistencyProofError' }),
    );
  });
});

describe('decodeSliversFromBand', () => {
  it('rebuilds many slivers of an axis from one band sharing the erasure pattern', () => {
    for (const axis of ['primary', 'secondary'] as const) {
      const e = encodedFixture(10, 7_000).encoded;
      const n = e.nShards;
      const k = recoverySymbolsRequired(axis, n);
      const targets = [0, 3, n - 1];
      // Sources from the end: most positions are repair symbols of each target's expansion.
      const positions = Array.from({ length: k }, (_, i) => n - 1 - i);
      const S = e.symbolSize;
      const band = new Uint8Array(k * targets.length * S);
      positions.forEach((p, q) =>
        targets.forEach((t, c) => {
          const g = symbolsFor(e, axis, t, [p])[0];
          band.set(toDecodingSymbol(g, axis, t).data, (q * targets.length + c) * S);
        }),
      );
      const slivers = decodeSliversFromBand(axis, targets, positions, band, S, n);
      const want = axis === 'primary' ? e.primarySlivers : e.secondarySlivers;
      slivers.forEach((s, c) => {
        expect(s.index).toBe(targets[c]);
        expect(s.data).toEqual(want[targets[c]].data);
      });
      expect(() => decodeSliversFromBand(axis, targets, positions.slice(1), band, S, n)).toThrow();
      expect(() => decodeSliversFromBand(axis, targets, positions, band.subarray(1), S, n)).toThrow();
    }
  });
});

describe('symbolsAt', () => {
  it('gives the expansion symbols of many slivers at systematic and repair positions', () => {
    const e = encodedFixture(10, 9_000).encoded;
    const n = e.nShards;
    const S = e.symbolSize;
    const slivers = [e.primarySlivers[2], e.primarySlivers[5], e.primarySlivers[9]];
    const positions = [0, 4, 9];
    const out = symbolsAt(slivers, positions, n);
    expect(out.length).toBe(positions.length * slivers.length * S);
    positions.forEach((p, i) =>
      slivers.forEach((sl, j) => {
        const want = new SliverExpansion(sl, n).symbol(p);
        expect(out.subarray((i * 3 + j) * S, (i * 3 + j + 1) * S)).toEqual(want);
      }),
    );
    expect(symbolsAt([], positions, n).length).toBe(0);
    expect(() => symbolsAt([e.primarySlivers[0], e.secondarySlivers[0]], [1], n)).toThrow(/both axes/);
    expect(() => symbolsAt(slivers, [10], n)).toThrow();
  });
});
