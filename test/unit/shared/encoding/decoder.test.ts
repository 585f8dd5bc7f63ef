import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBlob } from '../../../../shared/encoding/decoder.ts';
import { initHashing } from '../../../../shared/encoding/hashing.ts';
import { encodingParams } from '../../../../shared/encoding/params.ts';
import { isValidSliver, verifySliver } from '../../../../shared/encoding/sliver.ts';
import type { Sliver } from '../../../../shared/encoding/types.ts';
import { encodedFixture, inconsistentFixture } from '../../../fixtures/codec.ts';

beforeAll(() => initHashing());

/** `count` distinct indices of [0, n), shuffled, from fast-check. */
const subsetArb = (n: number, count: number) =>
  fc.shuffledSubarray([...Array(n).keys()], { minLength: count, maxLength: count });

const flip = (s: Sliver, at = 0): Sliver => ({ ...s, data: s.data.map((b, i) => (i === at ? b ^ 1 : b)) });

describe('decodeBlob (spec §1.8)', () => {
  const shardCounts = fc.constantFrom(4, 5, 7, 10, 13, 19);

  it('any R primary slivers decode the blob, with every consistency check', () => {
    fc.assert(
      fc.property(
        shardCounts.chain((n) =>
          fc.tuple(fc.constant(n), fc.nat({ max: 3000 }), subsetArb(n, encodingParams(n).primarySymbols)),
        ),
        fc.constantFrom('default' as const, 'strict' as const, 'skip' as const),
        fc.boolean(),
        ([n, length, picks], consistencyCheck, verified) => {
          const { data, encoded, metadata } = encodedFixture(n, length, length + n);
          const slivers = picks.map((i) => encoded.primarySlivers[i]);
          expect(decodeBlob(metadata, slivers, n, { consistencyCheck, verified })).toEqual(data);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('any C secondary slivers decode the blob', () => {
    fc.assert(
      fc.property(
        shardCounts.chain((n) =>
          fc.tuple(fc.constant(n), fc.nat({ max: 3000 }), subsetArb(n, encodingParams(n).secondarySymbols)),
        ),
        ([n, length, picks]) => {
          const { data, encoded, metadata } = encodedFixture(n, length, length * 3 + n);
          const slivers = picks.map((j) => encoded.secondarySlivers[j]);
          expect(decodeBlob(metadata, slivers, n)).toEqual(data);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('skips corrupted, duplicate and wrong-size slivers and decodes from the rest', () => {
    const n = 10;
    const { data, encoded, metadata } = encodedFixture(n, 500);
    const p = encoded.primarySlivers;
    expect(isValidSliver(flip(p[0]), metadata.metadata, n)).toBe(false);
    const noisy = [flip(p[0]), p[1], p[1], { ...p[2], data: p[2].data.subarray(2) }, p[3], p[5], p[8], p[9]];
    expect(decodeBlob(metadata, noisy, n)).toEqual(data);
  });

  it('throws NotEnoughSliversError with fewer than R usable slivers', () => {
    const n = 10;
    const { encoded, metadata } = encodedFixture(n, 500);
    const p = encoded.primarySlivers;
    expect(() => decodeBlob(metadata, [p[0], p[1], p[2]], n)).toThrow(
      expect.objectContaining({ name: 'NotEnoughSliversError', code: 'ENCODING_NOT_ENOUGH_SLIVERS' }),
    );
    expect(() => decodeBlob(metadata, [p[0], p[1], p[2], flip(p[3])], n)).toThrow(
      expect.objectContaining({ name: 'NotEnoughSliversError' }),
    );
    expect(() => decodeBlob(metadata, [], n)).toThrow(
      expect.objectContaining({ name: 'NotEnoughSliversError' }),
    );
  });

  it('an inconsistently encoded blob fails the default and strict checks and decodes only with skip', () => {
    const n = 10;
    const R = encodingParams(n).primarySymbols;
    // The writer published metadata for a corrupted systematic primary sliver 1.
    const { data, encoded, metadata, badPrimary } = inconsistentFixture(n, 700, 1);
    verifySliver(badPrimary, metadata.metadata, n);
    // Honest repair slivers R..2R-1 verify (their hashes are unchanged) and decode the honest data.
    const slivers = encoded.primarySlivers.slice(R, 2 * R);
    for (const consistencyCheck of ['default', 'strict'] as const) {
      expect(() => decodeBlob(metadata, slivers, n, { consistencyCheck })).toThrow(
        expect.objectContaining({ name: 'InconsistentBlobError', code: 'ENCODING_INCONSISTENT_BLOB' }),
      );
    }
    expect(decodeBlob(metadata, slivers, n, { consistencyCheck: 'skip' })).toEqual(data);
  });
});

describe('verifySliver (spec §2.2, §4)', () => {
  it('accepts every honest sliver and rejects any single-bit change, with typed errors', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4, 7, 10),
        fc.nat({ max: 2000 }),
        fc.nat(),
        fc.nat(),
        (n, length, pick, bit) => {
          const { encoded, metadata } = encodedFixture(n, length);
          const all = [...encoded.primarySlivers, ...encoded.secondarySlivers];
          const s = all[pick % all.length];
          verifySliver(s, metadata.metadata, n);
          const at = bit % s.data.length;
          const bad = { ...s, data: s.data.map((b, i) => (i === at ? b ^ (1 << (bit % 8)) : b)) };
          expect(() => verifySliver(bad, metadata.metadata, n)).toThrow(
            expect.objectContaining({ name: 'SliverVerificationError' }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects a wrong index, symbol size and length with their own errors', () => {
    const n = 7;
    const { encoded, metadata } = encodedFixture(n, 300);
    const s = encoded.primarySlivers[2];
    const m = metadata.metadata;
    expect(() => verifySliver({ ...s, index: 7 }, m, n)).toThrow(
      expect.objectContaining({ name: 'IndexOutOfRangeError' }),
    );
    expect(() => verifySliver({ ...s, index: 3 }, m, n)).toThrow(
      expect.objectContaining({ name: 'SliverVerificationError' }),
    );
    expect(() => verifySliver({ ...s, symbolSize: s.symbolSize + 2 }, m, n)).toThrow(
      expect.objectContaining({ name: 'SymbolSizeMismatchError' }),
    );
    expect(() => verifySliver({ ...s, data: s.data.subarray(1) }, m, n)).toThrow(
      expect.objectContaining({ name: 'SliverLengthMismatchError' }),
    );
    expect(() => verifySliver({ ...s, axis: 'secondary' }, m, n)).toThrow(
      expect.objectContaining({ name: 'SliverLengthMismatchError' }),
    );
    expect(() => verifySliver(s, m, 10)).toThrow(expect.objectContaining({ name: 'InvalidMetadataError' }));
  });
});
