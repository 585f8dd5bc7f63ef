import { describe, expect, it } from 'vitest';
import { MalformedMessageError } from '../../../../../node/network/errors.ts';
import {
  decodeRequestPrefix,
  decodeResponsePrefix,
  encodeReason,
  encodeRequestPrefix,
  encodeResponsePrefix,
  MAX_REASON_BYTES,
} from '../../../../../node/network/reqresp/wire.ts';

describe('request/response wire layout', () => {
  it('encodes the request prefix little-endian at fixed offsets', () => {
    const b = encodeRequestPrefix({ headerLength: 0x01020304, bodyLength: 16 * 1024 * 1024 });
    expect([...b]).toEqual([1, 0, 4, 3, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(decodeRequestPrefix(b)).toEqual({
      version: 1,
      headerLength: 0x01020304,
      bodyLength: 16 * 1024 * 1024,
    });
    const k = encodeRequestPrefix({ version: 2, headerLength: 1, bodyLength: 2 });
    expect(k[0]).toBe(2);
    expect(decodeRequestPrefix(k)).toEqual({ version: 2, headerLength: 1, bodyLength: 2 });
  });

  it('encodes the response prefix', () => {
    const p = { status: 300, reasonLength: 5, headerLength: 7, bodyLength: 2 ** 40 };
    const b = encodeResponsePrefix(p);
    expect(b.byteLength).toBe(18);
    expect([...b.subarray(0, 6)]).toEqual([1, 0, 44, 1, 5, 0]);
    expect(decodeResponsePrefix(b)).toEqual({ version: 1, ...p });
    const k = encodeResponsePrefix({ ...p, version: 2 });
    expect(k[0]).toBe(2);
    expect(decodeResponsePrefix(k)).toEqual({ ...p, version: 2 });
  });

  it('rejects bad versions, flags and lengths', () => {
    const b = encodeRequestPrefix({ headerLength: 0, bodyLength: 0 });
    expect(() => decodeRequestPrefix(Uint8Array.of(3, ...b.subarray(1)))).toThrow(MalformedMessageError);
    expect(() => decodeRequestPrefix(Uint8Array.of(0, ...b.subarray(1)))).toThrow(MalformedMessageError);
    expect(() => encodeRequestPrefix({ version: 3, headerLength: 0, bodyLength: 0 })).toThrow(RangeError);
    expect(() => decodeRequestPrefix(Uint8Array.of(1, 1, ...b.subarray(2)))).toThrow(MalformedMessageError);
    expect(() => decodeRequestPrefix(b.subarray(0, 13))).toThrow(MalformedMessageError);
    const huge = new Uint8Array(b);
    huge.fill(0xff, 6);
    expect(() => decodeRequestPrefix(huge)).toThrow(/2\^53/);
    const r = encodeResponsePrefix({ status: 0, reasonLength: 0, headerLength: 0, bodyLength: 0 });
    new DataView(r.buffer).setUint16(4, MAX_REASON_BYTES + 1, true);
    expect(() => decodeResponsePrefix(r)).toThrow(MalformedMessageError);
    expect(() => encodeRequestPrefix({ headerLength: -1, bodyLength: 0 })).toThrow(RangeError);
  });

  it('truncates long reasons on a UTF-8 boundary', () => {
    const r = encodeReason('é'.repeat(MAX_REASON_BYTES));
    expect(r.byteLength).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(r)).toBe('é'.repeat(MAX_REASON_BYTES / 2));
  });
});
