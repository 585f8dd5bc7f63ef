import { describe, expect, it } from 'vitest';
import { copyInto } from '../../../shared/bytes.ts';

function pattern(length: number, seed: number, shared = false): Uint8Array {
  const out = new Uint8Array(shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length));
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe('copyInto', () => {
  // Each combination of shared/unshared source and target, at misaligned offsets, against `set`.
  for (const srcShared of [false, true]) {
    for (const dstShared of [false, true]) {
      it(`copies ${srcShared ? 'shared' : 'plain'} into ${dstShared ? 'shared' : 'plain'} memory like set()`, () => {
        for (const length of [0, 7, 255, 256, 257, 4099, 65_535, 65_536, 65_537, 131_072, 200_003]) {
          const src = pattern(length + 5, 3, srcShared).subarray(3, 3 + length);
          const dst = pattern(length + 16, 9, dstShared).subarray(1);
          const expected = Uint8Array.from(dst);
          expected.set(src, 5);
          copyInto(dst, src, 5);
          expect(Uint8Array.from(dst)).toEqual(expected);
        }
      });
    }
  }

  it('throws a RangeError when the source does not fit, and leaves the target untouched', () => {
    for (const shared of [false, true]) {
      const dst = pattern(1000, 1, shared);
      const before = Uint8Array.from(dst);
      expect(() => copyInto(dst, pattern(600, 2, shared), 500)).toThrow(RangeError);
      expect(() => copyInto(dst, pattern(600, 2, shared), -1)).toThrow(RangeError);
      expect(Uint8Array.from(dst)).toEqual(before);
    }
  });

  it('copies overlapping views of the same shared memory as memmove', () => {
    const buf = pattern(300_000, 5, true);
    const expected = Uint8Array.from(buf);
    expected.copyWithin(100, 0, 200_000);
    copyInto(buf.subarray(100), buf.subarray(0, 200_000));
    expect(Uint8Array.from(buf)).toEqual(expected);
  });
});
