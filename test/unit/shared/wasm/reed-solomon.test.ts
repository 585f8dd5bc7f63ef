import { BlobEncoder } from '@mysten/walrus-wasm';
import { describe, expect, it } from 'vitest';
import { reedSolomonCode } from '../../../../shared/encoding/reed-solomon/index.ts';
import {
  loadWasmKernels,
  packedShardBytes,
  UnsupportedShardCountError,
  useHighRate,
} from '../../../../shared/wasm/index.ts';
import { refEncode, refFft, refIfft, RefShards, refTables, mul } from './rs-reference.ts';

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const symbolsOf = (flat: Uint8Array, size: number): Uint8Array[] =>
  Array.from({ length: flat.length / size }, (_, i) => flat.slice(i * size, (i + 1) * size));

describe('wasm GF(2^16) tables', () => {
  const k = loadWasmKernels();
  k.rsInit();

  it('multiplies like the crate (exp/log tables)', () => {
    const t = refTables();
    const rnd = bytes(4000, 9);
    for (let i = 0; i < 1000; i++) {
      const x = rnd[4 * i] | (rnd[4 * i + 1] << 8);
      const logM = rnd[4 * i + 2] | (rnd[4 * i + 3] << 8);
      expect(k.raw.gfMul(x, logM)).toBe(mul(x, logM, t));
    }
    expect(k.raw.gfMul(0, 123)).toBe(0);
    expect(k.raw.gfMul(1, 0)).toBe(1);
  });

  it('multiplies 64-byte blocks with the nibble tables like exp/log', () => {
    const t = refTables();
    const buf = k.alloc(256);
    for (const logM of [0, 1, 2, 1000, 40000, 65534, 65535]) {
      const data = bytes(256, logM + 3);
      buf.view().set(data);
      k.raw.mulSlice(buf.ptr, 256, logM);
      const got = buf.view().slice();
      for (let b = 0; b < 256; b += 64) {
        for (let i = 0; i < 32; i++) {
          const prod = mul(data[b + i] | (data[b + 32 + i] << 8), logM, t);
          expect(got[b + i] | (got[b + 32 + i] << 8)).toBe(prod);
        }
      }
    }
    buf.free();
  });
});

describe('wasm FFT / IFFT vs the naive engine', () => {
  const k = loadWasmKernels();
  k.rsInit();
  const cases: [number, number, number, number, number][] = [
    // shards total, pos, size, truncated, skewDelta
    [2, 0, 2, 2, 0],
    [4, 0, 4, 3, 0],
    [8, 0, 8, 8, 8],
    [16, 8, 8, 5, 16],
    [32, 0, 32, 20, 0],
    [64, 0, 64, 64, 64],
    [128, 0, 128, 77, 0],
    [256, 128, 128, 100, 256],
    [512, 0, 512, 334, 0],
  ];
  for (const sb of [64, 192]) {
    for (const [total, pos, size, truncated, skewDelta] of cases) {
      it(`size ${size} truncated ${truncated} skewDelta ${skewDelta} shardBytes ${sb}`, () => {
        // IFFT input must be zero past truncated; FFT output is compared on [pos, pos + truncated).
        const data = bytes(total * sb, size * 7 + truncated + sb);
        data.fill(0, (pos + truncated) * sb, (pos + size) * sb);
        const buf = k.alloc(total * sb);

        const ref = new RefShards(data.slice(), sb);
        refIfft(ref, pos, size, truncated, skewDelta);
        buf.view().set(data);
        k.raw.ifft(buf.ptr, sb, pos, size, truncated, skewDelta);
        expect(buf.view().slice(pos * sb, (pos + size) * sb)).toEqual(
          ref.data.slice(pos * sb, (pos + size) * sb),
        );

        const ref2 = new RefShards(data.slice(), sb);
        refFft(ref2, pos, size, truncated, skewDelta);
        buf.view().set(data);
        k.raw.fft(buf.ptr, sb, pos, size, truncated, skewDelta);
        expect(buf.view().slice(pos * sb, (pos + truncated) * sb)).toEqual(
          ref2.data.slice(pos * sb, (pos + truncated) * sb),
        );
        buf.free();
      });
    }
  }
});

describe('wasm Reed-Solomon encode', () => {
  const k = loadWasmKernels();

  it('follows the crate rate rule', () => {
    expect(useHighRate(3, 3)).toBe(true);
    expect(useHighRate(3, 4)).toBe(true);
    expect(useHighRate(3, 5)).toBe(false);
    expect(useHighRate(4, 3)).toBe(false);
    expect(useHighRate(5, 3)).toBe(true);
    expect(useHighRate(667, 333)).toBe(true);
    expect(useHighRate(334, 666)).toBe(false);
    expect(useHighRate(4096, 61440)).toBe(false);
    expect(() => useHighRate(4097, 61440)).toThrow(UnsupportedShardCountError);
    expect(() => useHighRate(0, 1)).toThrow(UnsupportedShardCountError);
  });

  const shapes: [number, number][] = [
    [1, 1],
    [2, 1],
    [3, 5],
    [4, 6],
    [7, 3],
    [5, 3],
    [16, 16],
    [17, 40],
    [40, 17],
    [100, 200],
    [334, 666],
    [667, 333],
  ];
  for (const [kk, m] of shapes) {
    for (const s of [2, 6, 64, 66, 302]) {
      it(`k=${kk} m=${m} symbolSize=${s} matches the reference encoder`, () => {
        if (kk * s > 200_000 && s !== 302 && s !== 2) return; // keep the big shapes to two sizes
        const originals = bytes(kk * s, kk * 1000 + m + s);
        const want = refEncode(symbolsOf(originals, s), m);
        expect(symbolsOf(k.rsEncode(originals, kk, m, s), s)).toEqual(want);
      });
    }
  }

  it('encodes a batch of strided codewords (matrix columns) like one at a time', () => {
    const rows = 10;
    const cols = 7;
    const s = 6;
    const m = 20;
    const matrix = bytes(rows * cols * s, 4242);
    const src = k.alloc(matrix.length);
    src.view().set(matrix);
    const out = k.alloc(m * cols * s);
    for (const target of [64, 128, 4096]) {
      k.rsEncodeBatchAt({
        k: rows,
        m,
        symbolSize: s,
        codewords: cols,
        input: { ptr: src.ptr, symbolStride: cols * s, codewordStride: s },
        output: { ptr: out.ptr, symbolStride: cols * s, codewordStride: s },
        shardBytesTarget: target,
      });
      const got = out.view().slice();
      for (let c = 0; c < cols; c++) {
        const column = new Uint8Array(rows * s);
        for (let r = 0; r < rows; r++)
          column.set(matrix.subarray((r * cols + c) * s, (r * cols + c + 1) * s), r * s);
        const want = k.rsEncode(column, rows, m, s);
        for (let i = 0; i < m; i++) {
          expect(got.slice((i * cols + c) * s, (i * cols + c + 1) * s)).toEqual(
            want.slice(i * s, (i + 1) * s),
          );
        }
      }
    }
    src.free();
    out.free();
  });

  it('sizes packed shards in whole 64-byte blocks', () => {
    expect(packedShardBytes(1, 2)).toBe(64);
    expect(packedShardBytes(32, 2)).toBe(64);
    expect(packedShardBytes(33, 2)).toBe(128);
    expect(packedShardBytes(1, 302)).toBe(320);
    expect(packedShardBytes(3, 302)).toBe(960);
  });
});

describe('wasm Reed-Solomon decode', () => {
  const k = loadWasmKernels();
  const shapes: [number, number, number][] = [
    [3, 5, 2],
    [7, 3, 6],
    [4, 6, 302],
    [34, 66, 66],
    [67, 33, 130],
    [334, 666, 2],
    [667, 333, 6],
  ];
  for (const [kk, m, s] of shapes) {
    it(`recovers k=${kk} from any k of n=${kk + m} (symbolSize ${s})`, () => {
      const originals = bytes(kk * s, kk + m + s);
      const recovery = k.rsEncode(originals, kk, m, s);
      const all = [...symbolsOf(originals, s), ...symbolsOf(recovery, s)];
      // Keep a pseudo-random subset of exactly k symbols, biased to drop originals.
      const order = Array.from({ length: kk + m }, (_, i) => i);
      const r = bytes(4 * order.length, 99 + kk);
      order.sort((a, b) => (r[a * 4] | (r[a * 4 + 1] << 8)) - (r[b * 4] | (r[b * 4 + 1] << 8)));
      const kept = order.slice(0, kk).map((index) => ({ index, data: all[index] }));
      expect(k.rsDecode(kk, m, s, kept)).toEqual(originals);
      // Only recovery symbols (when there are enough of them).
      if (m >= kk) {
        const onlyRecovery = Array.from({ length: kk }, (_, i) => ({ index: kk + i, data: all[kk + i] }));
        expect(k.rsDecode(kk, m, s, onlyRecovery)).toEqual(originals);
      }
    });
  }

  it('rejects too few symbols', () => {
    expect(() => k.rsDecode(3, 2, 2, [{ index: 0, data: new Uint8Array(2) }])).toThrow(/need 3/);
  });
});

/**
 * Strips the BCS SliverData framing (ULEB128 length + data + symbol size u16 + sliver index u16) of
 * the official encoder's output.
 */
function sliverData(buf: Uint8Array): Uint8Array {
  let len = 0;
  let shift = 0;
  let o = 0;
  for (;;) {
    const b = buf[o++];
    len |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  return buf.subarray(o, o + len);
}

describe('wasm Reed-Solomon vs the official encoder (@mysten/walrus-wasm)', () => {
  const k = loadWasmKernels();
  for (const [n, symbolSize] of [
    [10, 2],
    [10, 302],
    [100, 6],
    [100, 130],
  ] as const) {
    it(`n=${n} symbolSize=${symbolSize}: row and column recovery symbols are byte-identical`, () => {
      const f = Math.floor((n - 1) / 3);
      const R = n - 2 * f;
      const C = n - f;
      const size = R * C * symbolSize - 1; // rounds up to exactly this symbol size
      const blob = bytes(size, n * symbolSize);
      const sliverLen = (len: number) => len + (len < 128 ? 1 : len < 16384 ? 2 : 3) + 4;
      const primary = Array.from({ length: n }, () => new Uint8Array(sliverLen(C * symbolSize)));
      const secondary = Array.from({ length: n }, () => new Uint8Array(sliverLen(R * symbolSize)));
      new BlobEncoder(n).encode(blob, primary, secondary);
      // The official buffers are indexed by sliver pair: secondary sliver j sits in pair n - 1 - j.
      const secondarySliver = (j: number) => {
        const buf = secondary[n - 1 - j];
        expect(buf[buf.length - 2] | (buf[buf.length - 1] << 8)).toBe(j);
        return sliverData(buf);
      };

      const matrix = k.alloc(R * C * symbolSize);
      matrix.view().fill(0);
      matrix.view().set(blob);
      // Rows: k = C, m = f; recovery i of row r = symbol r of secondary sliver C + i.
      const rowOut = k.alloc(f * R * symbolSize);
      k.rsEncodeBatchAt({
        k: C,
        m: f,
        symbolSize,
        codewords: R,
        input: { ptr: matrix.ptr, symbolStride: symbolSize, codewordStride: C * symbolSize },
        output: { ptr: rowOut.ptr, symbolStride: R * symbolSize, codewordStride: symbolSize },
      });
      // Columns: k = R, m = 2f; recovery i of column c = symbol c of primary sliver R + i.
      const colOut = k.alloc(2 * f * C * symbolSize);
      k.rsEncodeBatchAt({
        k: R,
        m: 2 * f,
        symbolSize,
        codewords: C,
        input: { ptr: matrix.ptr, symbolStride: C * symbolSize, codewordStride: symbolSize },
        output: { ptr: colOut.ptr, symbolStride: C * symbolSize, codewordStride: symbolSize },
      });
      const rows = rowOut.view();
      for (let i = 0; i < f; i++) {
        expect(rows.slice(i * R * symbolSize, (i + 1) * R * symbolSize)).toEqual(secondarySliver(C + i));
      }
      const cols = colOut.view();
      for (let i = 0; i < 2 * f; i++) {
        expect(cols.slice(i * C * symbolSize, (i + 1) * C * symbolSize)).toEqual(sliverData(primary[R + i]));
      }
      // Systematic slivers carry the matrix itself.
      expect(sliverData(primary[0])).toEqual(matrix.view().slice(0, C * symbolSize));
      matrix.free();
      rowOut.free();
      colOut.free();
    });
  }
});

describe('wasm Reed-Solomon vs the plain-TypeScript code (shared/encoding/reed-solomon)', () => {
  const k = loadWasmKernels();
  for (const [kk, m, s, codewords] of [
    [7, 3, 6, 5],
    [34, 66, 130, 3],
    [334, 666, 2, 40],
    [667, 333, 302, 2],
  ] as const) {
    it(`k=${kk} m=${m} S=${s}, ${codewords} strided codewords: identical recovery symbols`, () => {
      const src = bytes(kk * s * codewords, kk + s);
      const want = new Uint8Array(m * s * codewords);
      // Codeword c = column c of a k x codewords matrix; recovery written the same way.
      reedSolomonCode(kk, m).encodeMany(
        codewords,
        s,
        { bytes: src, symbolStride: codewords * s, codewordStride: s },
        { bytes: want, symbolStride: codewords * s, codewordStride: s },
      );
      const input = k.alloc(src.length);
      input.view().set(src);
      const out = k.alloc(want.length);
      k.rsEncodeBatchAt({
        k: kk,
        m,
        symbolSize: s,
        codewords,
        input: { ptr: input.ptr, symbolStride: codewords * s, codewordStride: s },
        output: { ptr: out.ptr, symbolStride: codewords * s, codewordStride: s },
      });
      expect(out.view().slice()).toEqual(want);
      input.free();
      out.free();
    });
  }
});
