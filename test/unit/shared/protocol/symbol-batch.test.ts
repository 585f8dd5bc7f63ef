import { describe, expect, it } from 'vitest';
import {
  fromRuns,
  GetSymbolBatchHeaderBcs,
  parseSymbolBatch,
  serializeSymbolBatch,
  toRuns,
} from '../../../../shared/protocol/symbol-batch.ts';
import { decodeHeader, encodeHeader } from '../../../../shared/protocol/headers.ts';

describe('symbol batch wire format', () => {
  it('compresses ascending indices into runs and back', () => {
    expect(toRuns([0, 1, 2, 5, 7, 8])).toEqual([
      { start: 0, count: 3 },
      { start: 5, count: 1 },
      { start: 7, count: 2 },
    ]);
    expect(fromRuns(toRuns([0, 1, 2, 5, 7, 8]), 10)).toEqual([0, 1, 2, 5, 7, 8]);
    expect(toRuns([])).toEqual([]);
    expect(() => toRuns([3, 2])).toThrow(/ascending/);
    expect(() => toRuns([1, 1])).toThrow(/ascending/);
  });

  it('refuses overlapping, empty or out-of-range runs', () => {
    expect(() => fromRuns([{ start: 8, count: 3 }], 10)).toThrow(/bad source run/);
    expect(() => fromRuns([{ start: 2, count: 0 }], 10)).toThrow(/bad source run/);
    expect(() =>
      fromRuns(
        [
          { start: 2, count: 3 },
          { start: 4, count: 1 },
        ],
        10,
      ),
    ).toThrow(/bad source run/);
  });

  it('round-trips a response, the data as a view, and checks its length', () => {
    const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i);
    const body = serializeSymbolBatch({ symbolSize: 4, sources: [3, 4, 9], data });
    // u16 S, ULEB 2 runs, 2 x 4 bytes, ULEB 24, 24 bytes
    expect(body.length).toBe(2 + 1 + 8 + 1 + 24);
    const parsed = parseSymbolBatch(body, 2, 10);
    expect(parsed.symbolSize).toBe(4);
    expect(parsed.sources).toEqual([3, 4, 9]);
    expect(parsed.data).toEqual(data);
    expect(parsed.data.buffer).toBe(body.buffer);
    expect(() => parseSymbolBatch(body, 3, 10)).toThrow(/expected 3 x 3 x 4/);
    expect(() => parseSymbolBatch(body.subarray(0, body.length - 1), 2, 10)).toThrow(/truncated/);
    expect(() => parseSymbolBatch(Uint8Array.from([...body, 0]), 2, 10)).toThrow(/trailing/);
    expect(() => parseSymbolBatch(body, 2, 5)).toThrow(/bad source run/);
  });

  it('encodes the request header as BCS', () => {
    const h = {
      blobId: new Uint8Array(32).fill(7),
      targetType: 'secondary' as const,
      targets: [1, 300],
      sources: toRuns([0, 1, 2]),
    };
    const bytes = encodeHeader(GetSymbolBatchHeaderBcs, h);
    expect(bytes.length).toBe(32 + 1 + 1 + 4 + 1 + 4);
    const back = decodeHeader(GetSymbolBatchHeaderBcs, bytes);
    expect(back.targetType).toBe('secondary');
    expect(back.targets).toEqual([1, 300]);
    expect(back.sources).toEqual([{ start: 0, count: 3 }]);
  });
});
