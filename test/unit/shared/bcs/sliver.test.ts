import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bcs } from '@mysten/bcs';
import { SdkSliverData } from '../../../fixtures/sdk-bcs.ts';
import {
  SliverDataBcs,
  parseSliver,
  parseSliverData,
  parseSliverDataView,
  serializeSliver,
  serializeSliverData,
  sliverDataBcsLength,
} from '../../../../shared/bcs/sliver.ts';
import { toBcs } from '../../../../shared/bcs/parse.ts';
import type { Sliver } from '../../../../shared/encoding/types.ts';

// The installed SDK build does not export its `Sliver` enum; it is `enum { Primary(SliverData), Secondary(SliverData) }`.
const SdkSliver = bcs.enum('Sliver', { Primary: SdkSliverData, Secondary: SdkSliverData });

const sliverArb: fc.Arbitrary<Sliver> = fc.record({
  axis: fc.constantFrom('primary' as const, 'secondary' as const),
  index: fc.integer({ min: 0, max: 65535 }),
  symbolSize: fc.integer({ min: 1, max: 65535 }),
  data: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ minLength: 16400, maxLength: 16500 })),
});

describe('BCS SliverData / Sliver (spec §4 "BCS layouts")', () => {
  it('fast and generic serializers agree with the official TS SDK; parsing round-trips', () => {
    fc.assert(
      fc.property(sliverArb, (s) => {
        const sdkFields = { symbols: { data: s.data, symbol_size: s.symbolSize }, index: s.index };
        const fast = serializeSliverData(s);
        expect(fast).toEqual(SdkSliverData.serialize(sdkFields).toBytes());
        expect(fast).toEqual(toBcs(SliverDataBcs, s));
        expect(fast.length).toBe(sliverDataBcsLength(s.data.length));
        expect(parseSliverData(fast, s.axis)).toEqual(s);
        const tagged = serializeSliver(s);
        const sdkTagged = SdkSliver.serialize(
          s.axis === 'primary' ? { Primary: sdkFields } : { Secondary: sdkFields },
        );
        expect(tagged).toEqual(sdkTagged.toBytes());
        expect(parseSliver(tagged)).toEqual(s);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects truncated and trailing bytes, a zero symbol size and an unknown axis tag', () => {
    const s: Sliver = { axis: 'primary', index: 3, symbolSize: 2, data: Uint8Array.of(1, 2, 3, 4) };
    const b = serializeSliverData(s);
    for (let cut = 0; cut < b.length; cut++) {
      expect(() => parseSliverData(b.subarray(0, cut), 'primary')).toThrow(
        expect.objectContaining({ name: 'BcsTruncatedError' }),
      );
    }
    expect(() => parseSliverData(Uint8Array.of(...b, 9, 9), 'primary')).toThrow(
      expect.objectContaining({ name: 'BcsTrailingBytesError' }),
    );
    const zero = serializeSliverData({ ...s, symbolSize: 0 });
    expect(() => parseSliverData(zero, 'primary')).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
    expect(() => parseSliver(Uint8Array.of(2, ...b))).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
  });

  it('parseSliverDataView agrees with parseSliverData, returns a view, and rejects the same inputs', () => {
    fc.assert(
      fc.property(sliverArb, fc.integer({ min: 0, max: 7 }), (s, pad) => {
        const bytes = serializeSliverData(s);
        const framed = new Uint8Array(bytes.length + 2 * pad);
        framed.set(bytes, pad);
        const view = framed.subarray(pad, pad + bytes.length);
        const parsed = parseSliverDataView(view, s.axis);
        expect(parsed).toEqual(parseSliverData(bytes, s.axis));
        expect(parsed.data.buffer).toBe(framed.buffer);
      }),
      { numRuns: 60 },
    );
    const s: Sliver = { axis: 'secondary', index: 7, symbolSize: 2, data: Uint8Array.of(1, 2, 3, 4) };
    const b = serializeSliverData(s);
    for (let cut = 0; cut < b.length; cut++) {
      expect(() => parseSliverDataView(b.subarray(0, cut), 'secondary')).toThrow(
        expect.objectContaining({ name: 'BcsTruncatedError' }),
      );
    }
    expect(() => parseSliverDataView(Uint8Array.of(...b, 9), 'secondary')).toThrow(
      expect.objectContaining({ name: 'BcsTrailingBytesError' }),
    );
    expect(() => parseSliverDataView(serializeSliverData({ ...s, symbolSize: 0 }), 'secondary')).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
    // length 4 written as a non-canonical two-byte ULEB128 (0x84 0x00)
    expect(() => parseSliverDataView(Uint8Array.of(0x84, 0x00, ...b.subarray(1)), 'secondary')).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
    expect(() => parseSliverData(Uint8Array.of(0x84, 0x00, ...b.subarray(1)), 'secondary')).toThrow();
  });
});
