import { describe, expect, it } from 'vitest';
import {
  encodedBlobLength,
  encodingParams,
  maxBlobSize,
  metadataLength,
  pairOfShard,
  rotationOffset,
  secondarySliverIndex,
  shardOfPair,
  storageUnits,
  symbolSize,
} from '../../../../shared/encoding/params.ts';

describe('RS2 parameters (spec §1.1)', () => {
  it.each([
    [4, 1, 2, 3],
    [7, 2, 3, 5],
    [10, 3, 4, 7],
    [100, 33, 34, 67],
    [1000, 333, 334, 667],
  ])('n=%i gives f=%i, R=%i, C=%i', (n, f, r, c) => {
    const p = encodingParams(n);
    expect([p.maxFaulty, p.primarySymbols, p.secondarySymbols, p.minCorrect]).toEqual([f, r, c, n - f]);
  });

  it.each([0, 1, 3, 65536, 4.5, NaN])('rejects n=%s with InvalidShardCountError', (n) => {
    expect(() => encodingParams(n)).toThrow(expect.objectContaining({ name: 'InvalidShardCountError' }));
  });
});

describe('sizes (spec §1.2, §1.3)', () => {
  it('symbol size steps at multiples of 2*R*C', () => {
    expect(symbolSize(0, 1000)).toBe(2);
    expect(symbolSize(445_556, 1000)).toBe(2);
    expect(symbolSize(445_557, 1000)).toBe(4);
    expect(symbolSize(891_112, 1000)).toBe(4);
    expect(symbolSize(56, 10)).toBe(2);
    expect(symbolSize(57, 10)).toBe(4);
  });

  it('max blob size for n=1000 is 13.6 GiB and one byte more is too large', () => {
    expect(maxBlobSize(1000)).toBe(14_599_533_452);
    expect(symbolSize(14_599_533_452, 1000)).toBe(65534);
    expect(() => symbolSize(14_599_533_453, 1000)).toThrow(
      expect.objectContaining({ name: 'DataTooLargeError' }),
    );
    expect(() => symbolSize(-1, 1000)).toThrow(expect.objectContaining({ code: 'ENCODING_DATA_TOO_LARGE' }));
  });

  it('encoded length matches the published storage size for a 17-byte blob', () => {
    expect(metadataLength(1000)).toBe(64_032);
    expect(encodedBlobLength(17, 1000)).toBe(66_034_000);
    expect(storageUnits(66_034_000)).toBe(63);
    expect(storageUnits(1024 * 1024)).toBe(1);
  });
});

describe('index mapping (spec §1.6)', () => {
  it('secondary slivers are assigned in descending order', () => {
    expect(secondarySliverIndex(0, 10)).toBe(9);
    expect(secondarySliverIndex(9, 10)).toBe(0);
    expect(() => secondarySliverIndex(10, 10)).toThrow(
      expect.objectContaining({ name: 'IndexOutOfRangeError' }),
    );
  });

  it('rotation uses the blob ID bytes big-endian and pair <-> shard are inverse', () => {
    const id = new Uint8Array(32);
    id[31] = 7;
    id[30] = 1; // BE value 263
    expect(rotationOffset(id, 10)).toBe(3);
    expect(rotationOffset(id, 1000)).toBe(263);
    for (let p = 0; p < 10; p++) {
      expect(shardOfPair(p, id, 10)).toBe((p + 3) % 10);
      expect(pairOfShard(shardOfPair(p, id, 10), id, 10)).toBe(p);
    }
  });
});
