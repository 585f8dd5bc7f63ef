import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  blobIdFromString,
  blobIdFromU256,
  blobIdToString,
  blobIdToU256,
  fromBase64Url,
  isBlobIdString,
  toBase64Url,
} from '../../../../shared/encoding/blob-id.ts';

describe('blob ID text and u256 forms (spec §2.4)', () => {
  it('round-trips a published blob ID', () => {
    const text = 'E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGU';
    const bytes = blobIdFromString(text);
    expect(bytes.length).toBe(32);
    expect(blobIdToString(bytes)).toBe(text);
    expect(isBlobIdString(text)).toBe(true);
  });

  it('base64url agrees with Buffer for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(toBase64Url(b)).toBe(Buffer.from(b).toString('base64url'));
        expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      }),
    );
  });

  it.each([
    ['too short', 'E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGG'],
    ['padding', 'E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGG='],
    ['standard base64 characters', 'E7/nNXvFU+3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGU'],
    ['non-canonical trailing bits', 'E7_nNXvFU_3qZVu3OH1yycRG7LZlyn1-UxEDCDDqGGV'],
    ['empty', ''],
  ])('rejects %s with InvalidBlobIdError', (_what, text) => {
    expect(() => blobIdFromString(text)).toThrow(expect.objectContaining({ name: 'InvalidBlobIdError' }));
    expect(isBlobIdString(text)).toBe(false);
  });

  it('reads the on-chain u256 little-endian', () => {
    const id = new Uint8Array(32);
    id[0] = 1;
    id[1] = 2;
    expect(blobIdToU256(id)).toBe(0x0201n);
    expect(blobIdFromU256(0x0201n)).toEqual(id);
    expect(() => blobIdFromU256(1n << 256n)).toThrow(expect.objectContaining({ name: 'InvalidBlobIdError' }));
  });
});
