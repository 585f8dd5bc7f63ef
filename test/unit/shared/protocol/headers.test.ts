import { describe, expect, it } from 'vitest';
import {
  decodeHeader,
  encodeHeader,
  GetConfirmationHeaderBcs,
  GetRecoverySymbolsHeaderBcs,
  PutSliversHeaderBcs,
  StorageProtocol,
} from '../../../../shared/protocol/index.ts';

const blobId = Uint8Array.from({ length: 32 }, (_, i) => i);

describe('storage protocol headers', () => {
  it('round-trips a putSlivers header with its exact byte layout', () => {
    const header = {
      blobId,
      pending: true,
      entries: [{ pairIndex: 513, sliverType: 'secondary' as const, length: 70000 }],
    };
    const bytes = encodeHeader(PutSliversHeaderBcs, header);
    // 32 blob ID bytes, bool, ULEB128 count 1, u16 513 LE, u8 1, u32 70000 LE
    expect(Array.from(bytes.slice(32))).toEqual([1, 1, 0x01, 0x02, 1, 0x70, 0x11, 0x01, 0x00]);
    expect(decodeHeader(PutSliversHeaderBcs, bytes)).toEqual(header);
  });

  it('encodes recovery-symbol queries by ID and by target', () => {
    const byTarget = {
      blobId,
      query: { ByTarget: { targetSliver: 7, targetType: 'primary' as const } },
      proofAxis: null,
    };
    const decoded = decodeHeader(
      GetRecoverySymbolsHeaderBcs,
      encodeHeader(GetRecoverySymbolsHeaderBcs, byTarget),
    );
    expect(decoded.query).toEqual({
      $kind: 'ByTarget',
      ByTarget: { targetSliver: 7, targetType: 'primary' },
    });
    const byId = { blobId, query: { ById: [{ primary: 1, secondary: 2 }] }, proofAxis: 'secondary' as const };
    const d2 = decodeHeader(GetRecoverySymbolsHeaderBcs, encodeHeader(GetRecoverySymbolsHeaderBcs, byId));
    expect(d2.query.ById).toEqual([{ primary: 1, secondary: 2 }]);
    expect(d2.proofAxis).toBe('secondary');
  });

  it('rejects truncated, trailing and out-of-range headers', () => {
    const bytes = encodeHeader(GetConfirmationHeaderBcs, {
      blobId,
      persistence: { Permanent: true },
      waitForRegistrationMs: 0,
    });
    expect(() => decodeHeader(GetConfirmationHeaderBcs, bytes.slice(0, -1))).toThrow(
      expect.objectContaining({ name: 'BcsTruncatedError' }),
    );
    expect(() => decodeHeader(GetConfirmationHeaderBcs, Uint8Array.of(...bytes, 0))).toThrow(
      expect.objectContaining({ name: 'BcsTrailingBytesError' }),
    );
    const badType = encodeHeader(PutSliversHeaderBcs, {
      blobId,
      pending: false,
      entries: [{ pairIndex: 0, sliverType: 'primary', length: 1 }],
    });
    badType[32 + 1 + 1 + 2] = 9; // sliver type byte
    expect(() => decodeHeader(PutSliversHeaderBcs, badType)).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
  });

  it('versions every protocol ID', () => {
    for (const id of Object.values(StorageProtocol))
      expect(id).toMatch(/^\/walrus-ts\/[a-z-]+\/[a-z]+\/1\.0\.0$/);
  });
});
