import { afterEach, describe, expect, it } from 'vitest';
import { codecBackend, codecKernels, setCodecBackend } from '../../../../shared/encoding/backend.ts';
import { releaseBuffer, runColumnTask } from '../../../../shared/encoding/tasks.ts';
import { decodeBlob } from '../../../../shared/encoding/decoder.ts';
import {
  computeBlobMetadata,
  encodeBlob,
  encodeBlobStreaming,
  type EncodedBlob,
} from '../../../../shared/encoding/encoder.ts';
import { encoderChunkWidth } from '../../../../shared/encoding/encode-plan.ts';
import { encodingParams, symbolSize } from '../../../../shared/encoding/params.ts';
import { decodeSliverFromSymbols, recoverySymbolFor } from '../../../../shared/encoding/recovery.ts';
import { expandSliver, sliverRoot, sliverRoots } from '../../../../shared/encoding/sliver.ts';
import type { Sliver } from '../../../../shared/encoding/types.ts';
import { seededBytes } from '../../../fixtures/random.ts';

afterEach(() => {
  setCodecBackend(undefined);
});

function withBackend<T>(backend: 'wasm' | 'ts', fn: () => T): T {
  expect(setCodecBackend(backend)).toBe(backend);
  try {
    return fn();
  } finally {
    setCodecBackend(undefined);
  }
}

function expectSameEncoding(a: EncodedBlob, b: EncodedBlob): void {
  expect(a.blobId).toEqual(b.blobId);
  expect(a.rootHash).toEqual(b.rootHash);
  expect(a.metadata).toEqual(b.metadata);
  expect(a.primarySlivers.map((s) => s.data)).toEqual(b.primarySlivers.map((s) => s.data));
  expect(a.secondarySlivers.map((s) => s.data)).toEqual(b.secondarySlivers.map((s) => s.data));
}

// Cases cover: one chunk per row tree, a last chunk whose subtree needs padding levels (n = 100 with
// 8-column chunks ends in a 4-column chunk), symbol sizes below and above 64 bytes, a padded tail.
const cases: [n: number, length: number][] = [
  [4, 0],
  [7, 100],
  [10, 1793],
  [13, 5000],
  [100, 4557],
  [100, 145_793],
];

describe('the WASM and plain-TS backends give identical bytes', () => {
  it('uses the WASM kernels by default', () => {
    expect(codecBackend()).toBe('wasm');
  });

  it.each(cases)('encodeBlob and computeBlobMetadata, n=%i, %i bytes', (n, length) => {
    const data = seededBytes(length, n + length);
    const wasm = withBackend('wasm', () => encodeBlob(data, n));
    const ts = withBackend('ts', () => encodeBlob(data, n));
    expectSameEncoding(wasm, ts);
    const summary = withBackend('ts', () => computeBlobMetadata(data, n));
    expect(summary.blobId).toEqual(wasm.blobId);
    expect(summary.metadata).toEqual(wasm.metadata);
  });

  it('covers a last column chunk narrower than the chunk width', () => {
    const n = 100;
    const S = symbolSize(4557, n);
    const width = encoderChunkWidth(n, S);
    expect(n % width).not.toBe(0);
    expect(Math.log2(width)).toBeGreaterThan(Math.ceil(Math.log2(n % width)));
  });

  it.each([
    [10, 1793],
    [100, 145_793],
  ])('decodeBlob from primary and secondary repair slivers, n=%i, %i bytes', (n, length) => {
    const data = seededBytes(length, 7 * n);
    const e = encodeBlob(data, n);
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
    const md = { blobId: e.blobId, metadata: e.metadata };
    const primary = e.primarySlivers.slice(n - R);
    const secondary = e.secondarySlivers.slice(n - C);
    for (const backend of ['wasm', 'ts'] as const) {
      withBackend(backend, () => {
        expect(decodeBlob(md, primary, n)).toEqual(data);
        expect(decodeBlob(md, secondary, n)).toEqual(data);
        expect(decodeBlob(md, primary, n, { consistencyCheck: 'strict', verified: true })).toEqual(data);
      });
    }
  });

  it('expansions, roots and recovery decoding match', () => {
    const n = 31;
    const data = seededBytes(9000, 3);
    const e = encodeBlob(data, n);
    const slivers: Sliver[] = [e.primarySlivers[20], e.secondarySlivers[3], e.primarySlivers[0]];
    for (const s of slivers) {
      const wasm = withBackend('wasm', () => [expandSliver(s, n), sliverRoot(s, n)]);
      const ts = withBackend('ts', () => [expandSliver(s, n), sliverRoot(s, n)]);
      expect(wasm).toEqual(ts);
    }
    const batch = e.secondarySlivers.slice(5, 12);
    expect(withBackend('wasm', () => sliverRoots(batch, n))).toEqual(
      withBackend('ts', () => batch.map((s) => sliverRoot(s, n))),
    );
    // Rebuild primary sliver 7 from the symbols the secondary slivers give it (C of them).
    const { secondarySymbols: C } = encodingParams(n);
    const symbols = e.secondarySlivers
      .slice(n - C)
      .map((s) => recoverySymbolFor(s, 7, n))
      .map((r) => ({ index: r.index, data: r.data }));
    const wasm = withBackend('wasm', () => decodeSliverFromSymbols('primary', 7, symbols, e.symbolSize, n));
    const ts = withBackend('ts', () => decodeSliverFromSymbols('primary', 7, symbols, e.symbolSize, n));
    expect(wasm.data).toEqual(e.primarySlivers[7].data);
    expect(ts.data).toEqual(e.primarySlivers[7].data);
  });
});

describe('encodeBlobStreaming', () => {
  it.each([
    [10, 1000, 2],
    [100, 145_793, 2],
    [1000, 5000, 2],
    [10, 1000, 1],
    [100, 145_793, 3],
    [100, 145_793, 1000],
    [1000, 5000, 5],
  ])(
    'hands every sliver over exactly once, equal to encodeBlob (n=%i, %i bytes, %i repair passes)',
    (n, length, repairPasses) => {
      const data = seededBytes(length, n);
      const full = encodeBlob(data, n);
      const seen = { primary: new Map<number, Uint8Array>(), secondary: new Map<number, Uint8Array>() };
      let batches = 0;
      const summary = encodeBlobStreaming(
        data,
        n,
        (batch) => {
          batches++;
          for (const s of [...batch.primary, ...batch.secondary]) {
            const map = seen[s.axis];
            if (map.has(s.index)) throw new Error(`${s.axis} sliver ${s.index} handed over twice`);
            map.set(s.index, s.data.slice());
          }
        },
        { repairPasses },
      );
      expect(batches).toBeGreaterThan(2);
      expect(summary.blobId).toEqual(full.blobId);
      expect(summary.metadata).toEqual(full.metadata);
      expect(seen.primary.size).toBe(n);
      expect(seen.secondary.size).toBe(n);
      const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.from(a).equals(b);
      const mismatches = [];
      for (let i = 0; i < n; i++) {
        if (!same(seen.primary.get(i), full.primarySlivers[i].data)) mismatches.push(`primary ${i}`);
        if (!same(seen.secondary.get(i), full.secondarySlivers[i].data)) mismatches.push(`secondary ${i}`);
      }
      expect(mismatches).toEqual([]);
    },
  );
});

describe('encodeBlobStreaming with lendSlivers', () => {
  it('releases each lent batch after the consumer, except the views of the input', () => {
    const n = 100;
    const data = seededBytes(145_793, 5);
    const full = encodeBlob(data, n);
    const lent: Sliver[] = [];
    let checked = 0;
    encodeBlobStreaming(
      data,
      n,
      (batch) => {
        for (const s of [...batch.primary, ...batch.secondary]) {
          const want = (s.axis === 'primary' ? full.primarySlivers : full.secondarySlivers)[s.index];
          if (Buffer.from(s.data).equals(want.data)) checked++;
          lent.push(s);
        }
      },
      { lendSlivers: true },
    );
    expect(checked).toBe(2 * n);
    const { primarySymbols: R } = encodingParams(n);
    const released = lent.filter((s) => s.data.length === 0);
    // Secondary slivers and repair primary slivers R..n-1 are released; primary slivers 0..R-1 (views
    // of the input, or of the padded tail) stay.
    expect(released.length).toBe(2 * n - R);
    expect(released.every((s) => s.axis === 'secondary' || s.index >= R)).toBe(true);
    expect(Buffer.from(data).equals(seededBytes(145_793, 5))).toBe(true);
  });
});

describe('runColumnTask repairRows / hashes', () => {
  it.each(['wasm', 'ts'] as const)(
    'returns the asked repair rows, with or without hashing (%s)',
    (backend) => {
      const n = 100;
      const { primarySymbols: R } = encodingParams(n);
      const m = n - R;
      const S = 8;
      const w = 4;
      const band = seededBytes(R * w * S, 77);
      const base = { nShards: n, symbolSize: S, width: w, band, repair: true, secondary: false } as const;
      withBackend(backend, () => {
        const k = backend === 'wasm' ? codecKernels() : undefined;
        const full = runColumnTask(base, k);
        const part = runColumnTask({ ...base, repairRows: [10, 40], hashes: false }, k);
        expect(part.repair).toEqual(full.repair?.slice(10 * w * S, 40 * w * S));
        expect(part.columnRoots.length).toBe(0);
        expect(part.rowSubtreeRoots.length).toBe(0);
        expect(runColumnTask({ ...base, repairRows: [0, m] }, k).columnRoots).toEqual(full.columnRoots);
        expect(() => runColumnTask({ ...base, repairRows: [5, m + 1] }, k)).toThrow(RangeError);
        expect(() => runColumnTask({ ...base, repairRows: [6, 5] }, k)).toThrow(RangeError);
      });
    },
  );
});

describe('releaseBuffer', () => {
  it('frees an ArrayBuffer at once (its views become empty), twice is harmless, shared ones stay', () => {
    const view = new Uint8Array(1024).fill(1);
    releaseBuffer(view.buffer);
    expect(view.length).toBe(0);
    expect(view.buffer.byteLength).toBe(0);
    releaseBuffer(view.buffer);
    releaseBuffer(undefined);
    const shared = new Uint8Array(new SharedArrayBuffer(16)).fill(2);
    releaseBuffer(shared.buffer);
    expect(shared.length).toBe(16);
  });

  it('leaves the buffer to the collector where ArrayBuffer.prototype.transfer is missing', () => {
    const buffer = new ArrayBuffer(8);
    Object.defineProperty(buffer, 'transfer', { value: undefined });
    releaseBuffer(buffer);
    expect(buffer.byteLength).toBe(8);
  });
});
