import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SdkBlobMetadata,
  SdkBlobMetadataWithId,
  sdkBlobIdFromBytes as blobIdFromBytes,
} from '../../../fixtures/sdk-bcs.ts';
import {
  parseBlobMetadata,
  parseBlobMetadataWithId,
  serializeBlobMetadata,
  serializeBlobMetadataWithId,
} from '../../../../shared/bcs/blob.ts';
import type { BlobMetadata, BlobMetadataWithId } from '../../../../shared/encoding/types.ts';

const digest = fc.uint8Array({ minLength: 32, maxLength: 32 });
const node = fc.option(digest, { nil: null, freq: 5 });
const metadataArb: fc.Arbitrary<BlobMetadataWithId> = fc.record({
  blobId: digest,
  metadata: fc.record({
    encodingType: fc.constant('RS2' as const),
    unencodedLength: fc.maxSafeNat(),
    hashes: fc.array(fc.record({ primaryHash: node, secondaryHash: node }), { maxLength: 12 }),
  }),
});

/** The official SDK's input shape for the same metadata. */
function toSdk(m: BlobMetadata) {
  const n = (x: Uint8Array | null) => (x === null ? { Empty: true } : { Digest: x });
  return {
    V1: {
      encoding_type: 'RS2' as const,
      unencoded_length: m.unencodedLength,
      hashes: m.hashes.map((h) => ({ primary_hash: n(h.primaryHash), secondary_hash: n(h.secondaryHash) })),
    },
  };
}

describe('BCS BlobMetadata / BlobMetadataWithId (spec §2.3)', () => {
  it('serializes to the same bytes as the official TS SDK and parses back', () => {
    fc.assert(
      fc.property(metadataArb, (m) => {
        const ours = serializeBlobMetadataWithId(m);
        const sdk = SdkBlobMetadataWithId.serialize({
          blobId: blobIdFromBytes(m.blobId),
          metadata: toSdk(m.metadata),
        }).toBytes();
        expect(ours).toEqual(sdk);
        expect(serializeBlobMetadata(m.metadata)).toEqual(
          SdkBlobMetadata.serialize(toSdk(m.metadata)).toBytes(),
        );
        expect(parseBlobMetadataWithId(ours)).toEqual(m);
        expect(parseBlobMetadata(serializeBlobMetadata(m.metadata))).toEqual(m.metadata);
      }),
      { numRuns: 100 },
    );
  });

  it('has the documented layout: blob ID, V1 tag, RS2 tag, u64 LE length, ULEB count, nodes', () => {
    const m: BlobMetadataWithId = {
      blobId: new Uint8Array(32).fill(7),
      metadata: {
        encodingType: 'RS2',
        unencodedLength: 0x0102,
        hashes: [{ primaryHash: new Uint8Array(32).fill(9), secondaryHash: null }],
      },
    };
    const b = serializeBlobMetadataWithId(m);
    expect(b.length).toBe(32 + 1 + 1 + 8 + 1 + 33 + 1);
    expect([...b.subarray(32, 45)]).toEqual([0, 1, 2, 1, 0, 0, 0, 0, 0, 0, 1, 1, 9]);
    expect(b[b.length - 1]).toBe(0);
  });

  it('rejects truncated, trailing, RaptorQ-typed, unknown-variant and oversized-u64 input with typed errors', () => {
    const m: BlobMetadataWithId = {
      blobId: new Uint8Array(32),
      metadata: {
        encodingType: 'RS2',
        unencodedLength: 5,
        hashes: [{ primaryHash: null, secondaryHash: null }],
      },
    };
    const b = serializeBlobMetadataWithId(m);
    for (let cut = 0; cut < b.length; cut++) {
      expect(() => parseBlobMetadataWithId(b.subarray(0, cut))).toThrow(
        expect.objectContaining({ name: 'BcsTruncatedError', code: 'BCS_TRUNCATED' }),
      );
    }
    // A view into a larger buffer must not read past its own end.
    const big = new Uint8Array(b.length + 10);
    big.set(b);
    expect(() => parseBlobMetadataWithId(big.subarray(0, b.length - 1))).toThrow(
      expect.objectContaining({ name: 'BcsTruncatedError' }),
    );
    expect(() => parseBlobMetadataWithId(Uint8Array.of(...b, 0))).toThrow(
      expect.objectContaining({ name: 'BcsTrailingBytesError', code: 'BCS_TRAILING_BYTES' }),
    );
    const raptor = b.slice();
    raptor[33] = 0;
    expect(() => parseBlobMetadataWithId(raptor)).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
    const badNode = b.slice();
    badNode[b.length - 1] = 2;
    expect(() => parseBlobMetadataWithId(badNode)).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
    const badVersion = b.slice();
    badVersion[32] = 1;
    expect(() => parseBlobMetadataWithId(badVersion)).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
    const huge = b.slice();
    huge.set([0, 0, 0, 0, 0, 0, 0, 0x80], 34);
    expect(() => parseBlobMetadataWithId(huge)).toThrow(
      expect.objectContaining({ name: 'BcsInvalidValueError' }),
    );
  });
});
