import { describe, expect, it } from 'vitest';
import {
  lanesToSymbol,
  lanesToSymbolRange,
  symbolRangeToLanes,
  symbolToLanes,
} from '../../../../../shared/encoding/reed-solomon/interleave.ts';
import { pseudoRandomBytes } from './oracle.ts';

describe('symbol byte <-> field element interleave', () => {
  it('reads a 2-byte symbol as one little-endian element', () => {
    const w = new Uint16Array(1);
    symbolToLanes(Uint8Array.of(0x34, 0x12), 0, 2, w, 0);
    expect(w[0]).toBe(0x1234);
  });

  it('splits each 64-byte block into 32 low bytes then 32 high bytes', () => {
    const sym = new Uint8Array(64).map((_, i) => i);
    const w = new Uint16Array(32);
    symbolToLanes(sym, 0, 64, w, 0);
    for (let e = 0; e < 32; e++) expect(w[e]).toBe(e | ((32 + e) << 8));
  });

  it('stores a final partial block of 2t bytes as t low bytes then t high bytes', () => {
    // S = 70: one whole block, then a tail of 6 bytes = 3 elements.
    const sym = new Uint8Array(70).map((_, i) => i);
    const w = new Uint16Array(35);
    symbolToLanes(sym, 0, 70, w, 0);
    expect(w[31]).toBe(31 | (63 << 8));
    expect([w[32], w[33], w[34]]).toEqual([64 | (67 << 8), 65 | (68 << 8), 66 | (69 << 8)]);
  });

  it('round-trips every even size from 2 to 300 at arbitrary offsets', () => {
    for (let size = 2; size <= 300; size += 2) {
      const src = pseudoRandomBytes(size + 7, size);
      const w = new Uint16Array(size / 2 + 5);
      symbolToLanes(src, 3, size, w, 5);
      const out = new Uint8Array(size + 11);
      lanesToSymbol(w, 5, size, out, 9);
      expect(out.subarray(9, 9 + size)).toEqual(src.subarray(3, 3 + size));
    }
  });

  it('reads and writes element windows consistently with whole symbols', () => {
    for (const size of [2, 30, 64, 70, 130, 302]) {
      const src = pseudoRandomBytes(size, size + 1);
      const whole = new Uint16Array(size / 2);
      symbolToLanes(src, 0, size, whole, 0);
      const out = new Uint8Array(size);
      for (let e0 = 0; e0 < size / 2; e0 += 7) {
        const e1 = Math.min(size / 2, e0 + 7);
        const part = new Uint16Array(e1 - e0);
        symbolRangeToLanes(src, 0, size, e0, e1, part, 0);
        expect(part).toEqual(whole.subarray(e0, e1));
        lanesToSymbolRange(part, 0, size, e0, e1, out, 0);
      }
      expect(out).toEqual(src);
    }
  });
});
