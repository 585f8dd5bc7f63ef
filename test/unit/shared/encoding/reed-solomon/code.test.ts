import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../../shared/errors.ts';
import {
  BufferTooSmallError,
  DuplicateSymbolIndexError,
  InvalidSymbolSizeError,
  NotEnoughSymbolsError,
  ReedSolomonCode,
  SymbolIndexOutOfRangeError,
  SymbolLengthMismatchError,
  UnsupportedSymbolCountError,
  reedSolomonCode,
  useHighRate,
} from '../../../../../shared/encoding/reed-solomon/index.ts';
import { setBatchTargetElements } from '../../../../../shared/encoding/reed-solomon/code.ts';
import { pseudoRandomBytes } from './oracle.ts';

/** All n symbols of a codeword: originals then recovery symbols. */
function codeword(code: ReedSolomonCode, originals: Uint8Array, S: number): Uint8Array[] {
  const recovery = code.encode(originals, S);
  return [
    ...Array.from({ length: code.originalCount }, (_, i) => originals.subarray(i * S, (i + 1) * S)),
    ...Array.from({ length: code.recoveryCount }, (_, i) => recovery.subarray(i * S, (i + 1) * S)),
  ];
}

const SYMBOL_SIZES = [2, 4, 30, 62, 64, 66, 128, 130, 200];

describe('useHighRate (reed-solomon-simd rate_default::use_high_rate)', () => {
  it('picks the rate by next powers of two, high on ties when k <= m', () => {
    expect(useHighRate(667, 333)).toBe(true);
    expect(useHighRate(334, 666)).toBe(false);
    expect(useHighRate(1024, 1024)).toBe(true);
    expect(useHighRate(1024, 1000)).toBe(false);
    expect(useHighRate(1000, 1024)).toBe(true);
    expect(useHighRate(3, 7)).toBe(false);
    expect(useHighRate(7, 3)).toBe(true);
    expect(useHighRate(1, 1)).toBe(true);
    expect(useHighRate(65535, 1)).toBe(true);
    expect(useHighRate(1, 65535)).toBe(false);
    expect(useHighRate(32768, 32768)).toBe(true);
    expect(useHighRate(61440, 4096)).toBe(true);
    expect(useHighRate(4096, 61440)).toBe(false);
  });

  it('rejects the counts the crate rejects', () => {
    for (const [k, m] of [
      [0, 1],
      [1, 0],
      [65536, 1],
      [1, 65536],
      [32769, 32768],
      [32768, 32769],
      [61441, 4096],
      [4097, 61440],
      [1.5, 2],
      [-1, 3],
      [Number.NaN, 3],
    ]) {
      expect(() => useHighRate(k, m)).toThrow(UnsupportedSymbolCountError);
      expect(() => reedSolomonCode(k, m)).toThrow(UnsupportedSymbolCountError);
    }
  });
});

describe('ReedSolomonCode', () => {
  it('is cached per (k, m)', () => {
    expect(reedSolomonCode(10, 5)).toBe(reedSolomonCode(10, 5));
    expect(reedSolomonCode(10, 5)).not.toBe(reedSolomonCode(5, 10));
    const code = reedSolomonCode(10, 5);
    expect([code.originalCount, code.recoveryCount, code.totalCount]).toEqual([10, 5, 15]);
  });

  it('decodes from random k-subsets of the n symbols, both rates, many symbol sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 70 }),
        fc.constantFrom(...SYMBOL_SIZES),
        fc.integer(),
        fc.integer({ min: 0, max: 3 }),
        (k, m, S, seed, extra) => {
          const code = reedSolomonCode(k, m);
          const originals = pseudoRandomBytes(k * S, seed);
          const all = codeword(code, originals, S);
          const take = Math.min(k + extra, k + m);
          const chosen = fc.sample(
            fc.shuffledSubarray([...all.keys()], { minLength: take, maxLength: take }),
            {
              seed,
              numRuns: 1,
            },
          )[0];
          const decoded = code.decode(chosen.map((i) => [i, all[i]] as const));
          expect(decoded).toEqual(originals);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('decodes at sizes with several chunks (k or m above a power of two)', () => {
    for (const [k, m] of [
      [1025, 20],
      [20, 1025],
      [300, 1100],
      [1100, 300],
      [513, 513],
    ]) {
      const code = reedSolomonCode(k, m);
      const S = 6;
      const originals = pseudoRandomBytes(k * S, k * 7 + m);
      const all = codeword(code, originals, S);
      // Drop as many originals as possible: keep the last k symbols.
      const chosen = [...all.keys()].slice(m).reverse();
      expect(code.decode(chosen.map((i) => [i, all[i]] as const))).toEqual(originals);
    }
  });

  it('is linear: encode(a xor b) = encode(a) xor encode(b)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(...SYMBOL_SIZES),
        fc.integer(),
        (k, m, S, seed) => {
          const code = reedSolomonCode(k, m);
          const a = pseudoRandomBytes(k * S, seed);
          const b = pseudoRandomBytes(k * S, seed + 1);
          const ra = code.encode(a, S);
          const rb = code.encode(b, S);
          const rab = code.encode(
            a.map((v, i) => v ^ b[i]),
            S,
          );
          expect(rab).toEqual(ra.map((v, i) => v ^ rb[i]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('treats each element position as an independent lane (S = 4 is two interleaved S = 2 codewords)', () => {
    const code = reedSolomonCode(9, 13);
    const wide = pseudoRandomBytes(9 * 4, 99);
    const lane0 = new Uint8Array(18);
    const lane1 = new Uint8Array(18);
    for (let i = 0; i < 9; i++) {
      // S = 4 symbol [lo0, lo1, hi0, hi1] holds element 0 = lo0 | hi0 << 8 and element 1 = lo1 | hi1 << 8.
      lane0.set([wide[4 * i], wide[4 * i + 2]], 2 * i);
      lane1.set([wide[4 * i + 1], wide[4 * i + 3]], 2 * i);
    }
    const r = code.encode(wide, 4);
    const r0 = code.encode(lane0, 2);
    const r1 = code.encode(lane1, 2);
    for (let i = 0; i < 13; i++) {
      expect([...r.subarray(4 * i, 4 * i + 4)]).toEqual([r0[2 * i], r1[2 * i], r0[2 * i + 1], r1[2 * i + 1]]);
    }
  });

  it('encodeMany / decodeMany match per-codeword calls for batches large enough to split', () => {
    const [k, m, S, count] = [21, 40, 2, 5000];
    const code = reedSolomonCode(k, m);
    const src = pseudoRandomBytes(count * k * S, 5);
    const dst = new Uint8Array(count * m * S);
    code.encodeMany(count, S, { bytes: src }, { bytes: dst });
    for (const c of [0, 1, 2500, count - 1]) {
      expect(dst.subarray(c * m * S, (c + 1) * m * S)).toEqual(
        code.encode(src.subarray(c * k * S, (c + 1) * k * S), S),
      );
    }
    // Decode every codeword from recovery symbols 0..k-1 only.
    const indices = Array.from({ length: k }, (_, i) => k + i);
    const received = new Uint8Array(count * k * S);
    for (let c = 0; c < count; c++) received.set(dst.subarray(c * m * S, c * m * S + k * S), c * k * S);
    const out = new Uint8Array(count * k * S);
    code.decoderFor(indices).decodeMany(count, S, { bytes: received }, { bytes: out });
    expect(out).toEqual(src);
  });

  it('gives the same bytes when long symbols are processed in narrow lane windows', () => {
    const cases = [
      [20, 45, 302],
      [45, 20, 166],
      [5, 3, 2],
    ] as const;
    const reference = cases.map(([k, m, S]) => {
      const code = reedSolomonCode(k, m);
      const src = pseudoRandomBytes(3 * k * S, k + S);
      const recovery = new Uint8Array(3 * m * S);
      code.encodeMany(3, S, { bytes: src }, { bytes: recovery });
      return { code, S, src, recovery };
    });
    const previous = setBatchTargetElements(1); // 16-lane windows: cut inside 64-byte blocks and tails
    try {
      for (const { code, S, src, recovery } of reference) {
        const [k, m] = [code.originalCount, code.recoveryCount];
        const windowed = new Uint8Array(3 * m * S);
        code.encodeMany(3, S, { bytes: src }, { bytes: windowed });
        expect(windowed).toEqual(recovery);
        // Decode all three codewords from the last k symbols of each.
        const indices = Array.from({ length: k }, (_, i) => m + i);
        const received = new Uint8Array(3 * k * S);
        for (let c = 0; c < 3; c++) {
          indices.forEach((idx, t) => {
            const from = idx < k ? src.subarray((c * k + idx) * S) : recovery.subarray((c * m + idx - k) * S);
            received.set(from.subarray(0, S), (c * k + t) * S);
          });
        }
        const out = new Uint8Array(3 * k * S);
        code.decoderFor(indices).decodeMany(3, S, { bytes: received }, { bytes: out });
        expect(out).toEqual(src);
      }
    } finally {
      setBatchTargetElements(previous);
    }
  });

  it('returns the originals unchanged when all of them are received, and reuses the last plan', () => {
    const code = reedSolomonCode(4, 3);
    const originals = pseudoRandomBytes(4 * 8, 7);
    const all = codeword(code, originals, 8);
    const plan = code.decoderFor([3, 5, 0, 1, 2]);
    expect(code.decoderFor([3, 5, 0, 1, 2])).toBe(plan);
    const received = new Uint8Array(5 * 8);
    [3, 5, 0, 1, 2].forEach((i, t) => received.set(all[i], t * 8));
    expect(plan.decode(received, 8)).toEqual(originals);
  });

  it('has Uint8Array[] convenience wrappers and writes into caller buffers', () => {
    const code = reedSolomonCode(3, 2);
    const originals = [Uint8Array.of(1, 2), Uint8Array.of(3, 4), Uint8Array.of(5, 6)];
    const recovery = code.encodeSymbols(originals);
    expect(recovery).toHaveLength(2);
    const joined = Uint8Array.of(1, 2, 3, 4, 5, 6);
    const out = new Uint8Array(10).fill(0xee);
    expect(code.encode(joined, 2, out)).toBe(out);
    expect(out.subarray(0, 4)).toEqual(Uint8Array.of(...recovery[0], ...recovery[1]));
    expect(out[4]).toBe(0xee);
    const decoded = code.decodeSymbols(
      new Map([
        [4, recovery[1]],
        [1, originals[1]],
        [3, recovery[0]],
      ]),
    );
    expect(decoded).toEqual(originals);
  });

  describe('input validation', () => {
    const code = reedSolomonCode(3, 2);
    const sym = new Uint8Array(4);

    it('rejects odd, zero and non-integer symbol sizes', () => {
      for (const S of [0, 3, -2, 2.5]) {
        expect(() => code.encode(new Uint8Array(3 * Math.max(0, Math.ceil(S))), S)).toThrow(
          InvalidSymbolSizeError,
        );
      }
      expect(() =>
        code.decode([
          [0, Uint8Array.of(1, 2, 3)],
          [1, Uint8Array.of(1, 2, 3)],
          [2, Uint8Array.of(1, 2, 3)],
        ]),
      ).toThrow(InvalidSymbolSizeError);
    });

    it('rejects wrong buffer and symbol lengths', () => {
      expect(() => code.encode(new Uint8Array(10), 4)).toThrow(SymbolLengthMismatchError);
      expect(() => code.encode(new Uint8Array(12), 4, new Uint8Array(7))).toThrow(BufferTooSmallError);
      expect(() => code.encodeSymbols([sym, sym])).toThrow(SymbolLengthMismatchError);
      expect(() => code.encodeSymbols([sym, sym, new Uint8Array(6)])).toThrow(SymbolLengthMismatchError);
      expect(() =>
        code.decode([
          [0, sym],
          [1, sym],
          [2, new Uint8Array(6)],
        ]),
      ).toThrow(SymbolLengthMismatchError);
      expect(() => code.decoderFor([0, 1, 2]).decode(new Uint8Array(11), 4)).toThrow(
        SymbolLengthMismatchError,
      );
      expect(() =>
        code.decode(
          [
            [0, sym],
            [1, sym],
            [2, sym],
          ],
          new Uint8Array(11),
        ),
      ).toThrow(BufferTooSmallError);
      expect(() =>
        code.encodeMany(2, 4, { bytes: new Uint8Array(24), symbolStride: 8 }, { bytes: new Uint8Array(16) }),
      ).toThrow(BufferTooSmallError);
    });

    it('rejects too few symbols, out-of-range and duplicate indices', () => {
      expect(() =>
        code.decode([
          [0, sym],
          [4, sym],
        ]),
      ).toThrow(NotEnoughSymbolsError);
      expect(() => code.decode([])).toThrow(NotEnoughSymbolsError);
      expect(() =>
        code.decode([
          [0, sym],
          [1, sym],
          [5, sym],
        ]),
      ).toThrow(SymbolIndexOutOfRangeError);
      expect(() =>
        code.decode([
          [0, sym],
          [1, sym],
          [-1, sym],
        ]),
      ).toThrow(SymbolIndexOutOfRangeError);
      expect(() =>
        code.decode([
          [0, sym],
          [1, sym],
          [1.5, sym],
        ]),
      ).toThrow(SymbolIndexOutOfRangeError);
      expect(() =>
        code.decode([
          [0, sym],
          [3, sym],
          [3, sym],
        ]),
      ).toThrow(DuplicateSymbolIndexError);
    });

    it('throws typed errors with stable names and codes', () => {
      try {
        code.decode([
          [0, sym],
          [3, sym],
          [3, sym],
        ]);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidArgumentError);
        expect((err as DuplicateSymbolIndexError).name).toBe('DuplicateSymbolIndexError');
        expect((err as DuplicateSymbolIndexError).code).toBe('ENCODING_RS_DUPLICATE_SYMBOL_INDEX');
        expect((err as DuplicateSymbolIndexError).index).toBe(3);
      }
      const e = new UnsupportedSymbolCountError(0, 1);
      expect([e.name, e.code]).toEqual([
        'UnsupportedSymbolCountError',
        'ENCODING_RS_UNSUPPORTED_SYMBOL_COUNT',
      ]);
    });
  });
});
