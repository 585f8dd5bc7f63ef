/**
 * Byte compatibility with the official Walrus encoder (@mysten/walrus-wasm links reed-solomon-simd 3.1):
 * both Walrus codes, both rates, several symbol sizes, checked on the slivers of real blobs.
 */
import { describe, expect, it } from 'vitest';
import { reedSolomonCode } from '../../../../../shared/encoding/reed-solomon/index.ts';
import { type OfficialSlivers, messageMatrix, officialSlivers, pseudoRandomBytes } from './oracle.ts';

/** (n, blob length) cases: symbol sizes 2, 4, 66 (64-byte block + tail) and 130 / 132. */
const CASES: readonly (readonly [n: number, length: number, expectedSymbolSize: number])[] = [
  [4, 5, 2],
  [4, 6 * 4, 4],
  [7, 15 * 2 - 1, 2],
  [10, 28 * 66, 66],
  [10, 28 * 4 - 3, 4],
  [100, 2278 * 130, 130],
  [1000, 222_778 * 2 - 11, 2],
  [1000, 222_778 * 4, 4],
];

const cache = new Map<string, { o: OfficialSlivers; matrix: Uint8Array }>();
function official(n: number, length: number) {
  const key = `${n}/${length}`;
  let v = cache.get(key);
  if (v === undefined) {
    const blob = pseudoRandomBytes(length, n * 1009 + length);
    const o = officialSlivers(n, blob);
    v = { o, matrix: messageMatrix(o, blob) };
    cache.set(key, v);
  }
  return v;
}

function shuffle<T>(items: T[], seed: number): T[] {
  let x = seed || 1;
  for (let i = items.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

describe.each(CASES)('official encoder, n = %i, blob of %i bytes', (n, length, expectedSymbolSize) => {
  it('has the expected symbol size', () => {
    expect(official(n, length).o.symbolSize).toBe(expectedSymbolSize);
  });

  it('row (secondary) code: recovery symbols of each row equal secondary slivers C..n-1', () => {
    const { o, matrix } = official(n, length);
    const { rows: R, cols: C, f, symbolSize: S } = o;
    const code = reedSolomonCode(C, f);
    // got[i] collects recovery symbol i of every row: exactly secondary sliver C + i.
    const got = Array.from({ length: f }, () => new Uint8Array(R * S));
    for (let r = 0; r < R; r++) {
      const recovery = code.encode(matrix.subarray(r * C * S, (r + 1) * C * S), S);
      for (let i = 0; i < f; i++) got[i].set(recovery.subarray(i * S, (i + 1) * S), r * S);
    }
    expect(got).toEqual(o.secondary.slice(C));
  });

  it('column (primary) code: recovery symbols of each column equal primary slivers R..n-1', () => {
    const { o } = official(n, length);
    const { rows: R, cols: C, f, symbolSize: S } = o;
    const code = reedSolomonCode(R, 2 * f);
    // Column j = secondary sliver j (R symbols); its recovery symbol i is X[R + i][j].
    const got = Array.from({ length: 2 * f }, () => new Uint8Array(C * S));
    const out = new Uint8Array(2 * f * S);
    for (let j = 0; j < C; j++) {
      expect(code.encode(o.secondary[j], S, out)).toBe(out);
      for (let i = 0; i < 2 * f; i++) got[i].set(out.subarray(i * S, (i + 1) * S), j * S);
    }
    expect(got).toEqual(o.primary.slice(R));
  });

  it('encodeMany with strided layouts writes rows straight into secondary slivers and columns into primary ones', () => {
    const { o, matrix } = official(n, length);
    const { rows: R, cols: C, f, symbolSize: S } = o;
    // All secondary slivers in one buffer: sliver j at j * R * S; row r's recovery i -> sliver C + i, slot r.
    const secondary = new Uint8Array(n * R * S);
    for (let j = 0; j < C; j++) {
      for (let r = 0; r < R; r++)
        secondary.set(matrix.subarray((r * C + j) * S, (r * C + j + 1) * S), (j * R + r) * S);
    }
    reedSolomonCode(C, f).encodeMany(
      R,
      S,
      { bytes: matrix, symbolStride: S, codewordStride: C * S },
      { bytes: secondary, offset: C * R * S, symbolStride: R * S, codewordStride: S },
    );
    for (let j = 0; j < n; j++)
      expect(secondary.subarray(j * R * S, (j + 1) * R * S)).toEqual(o.secondary[j]);
    // All primary slivers in one buffer: sliver i at i * C * S; column j's recovery i -> sliver R + i, slot j.
    const primary = new Uint8Array(n * C * S);
    primary.set(matrix);
    reedSolomonCode(R, 2 * f).encodeMany(
      C,
      S,
      { bytes: matrix, symbolStride: C * S, codewordStride: S },
      { bytes: primary, offset: R * C * S, symbolStride: C * S, codewordStride: S },
    );
    for (let i = 0; i < n; i++) expect(primary.subarray(i * C * S, (i + 1) * C * S)).toEqual(o.primary[i]);
  });

  it('decodes the blob from any R primary slivers (column code, one plan for all columns)', () => {
    const { o, matrix } = official(n, length);
    const { rows: R, cols: C, f, symbolSize: S } = o;
    const code = reedSolomonCode(R, 2 * f);
    for (const seed of [1, 2, 3]) {
      // seed 3: only recovery slivers when there are enough of them
      const pool =
        seed === 3 && 2 * f >= R ? Array.from({ length: n - R }, (_, i) => R + i) : [...Array(n).keys()];
      const chosen = shuffle(pool, seed * n).slice(0, R);
      const received = new Uint8Array(R * C * S);
      chosen.forEach((i, t) => received.set(o.primary[i], t * C * S));
      const out = new Uint8Array(R * C * S);
      code
        .decoderFor(chosen)
        .decodeMany(
          C,
          S,
          { bytes: received, symbolStride: C * S, codewordStride: S },
          { bytes: out, symbolStride: C * S, codewordStride: S },
        );
      expect(out).toEqual(matrix);
    }
  });

  it('decodes rows from any C of their n symbols (row code)', () => {
    const { o } = official(n, length);
    const { rows: R, cols: C, f, symbolSize: S } = o;
    const code = reedSolomonCode(C, f);
    for (const r of [0, R - 1]) {
      const chosen = shuffle([...Array(n).keys()], r + 17).slice(0, C);
      const out = code.decode(chosen.map((j) => [j, o.secondary[j].subarray(r * S, (r + 1) * S)] as const));
      expect(out).toEqual(o.primary[r]);
    }
  });
});

describe('rates used by Walrus at n = 1000', () => {
  it('uses high rate for rows (667, 333) and low rate for columns (334, 666)', () => {
    expect(reedSolomonCode(667, 333).highRate).toBe(true);
    expect(reedSolomonCode(334, 666).highRate).toBe(false);
  });
});
