import { describe, expect, it } from 'vitest';
import {
  applyBlobEvent,
  isRegistered,
  toBlobStatus,
  type BlobEvent,
} from '../../../../../node/service/blob-info/rules.ts';
import type { BlobInfo } from '../../../../../node/storage/repositories/blob-info.ts';

const blobId = new Uint8Array(32).fill(3);
const text = 'AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM';
let seq = 0;
function ev(data: Record<string, unknown>): BlobEvent {
  seq++;
  return {
    id: { txDigest: `D${seq}`, eventSeq: '0' },
    cursor: String(seq),
    timestampMs: 0,
    blobId: text,
    epoch: 1,
    ...data,
  } as BlobEvent;
}
function apply(events: BlobEvent[]): BlobInfo | undefined {
  return events.reduce<BlobInfo | undefined>((info, e) => applyBlobEvent(info, blobId, e), undefined);
}

describe('blob-info rules', () => {
  it('a permanent registration then certification reports permanent, certified, with the last event', () => {
    const info = apply([
      ev({
        type: 'BlobRegistered',
        size: 10,
        encodingType: 1,
        endEpoch: 5,
        deletable: false,
        objectId: '0x1',
      }),
      ev({
        type: 'BlobCertified',
        endEpoch: 5,
        deletable: false,
        objectId: '0x1',
        isExtension: false,
        epoch: 2,
      }),
    ]);
    expect(toBlobStatus(info, 2)).toEqual({
      permanent: {
        endEpoch: 5,
        isCertified: true,
        statusEvent: { txDigest: `D${seq}`, eventSeq: '0' },
        deletableCounts: { count_deletable_total: 0, count_deletable_certified: 0 },
        initialCertifiedEpoch: 2,
      },
    });
    expect(isRegistered(info, 4)).toBe(true);
    expect(isRegistered(info, 5)).toBe(false);
    expect(toBlobStatus(info, 5)).toBe('nonexistent');
  });

  it('deletable registrations count, deletion of the last one makes the blob nonexistent', () => {
    const reg = ev({
      type: 'BlobRegistered',
      size: 10,
      encodingType: 1,
      endEpoch: 4,
      deletable: true,
      objectId: '0x2',
    });
    const cert = ev({
      type: 'BlobCertified',
      endEpoch: 4,
      deletable: true,
      objectId: '0x2',
      isExtension: false,
    });
    const info = apply([reg, cert]);
    expect(toBlobStatus(info, 1)).toEqual({
      deletable: {
        initialCertifiedEpoch: 1,
        deletableCounts: { count_deletable_total: 1, count_deletable_certified: 1 },
      },
    });
    const del = applyBlobEvent(
      info,
      blobId,
      ev({ type: 'BlobDeleted', endEpoch: 4, objectId: '0x2', wasCertified: true }),
    );
    expect(del.state).toBe('deleted');
    expect(toBlobStatus(del, 1)).toBe('nonexistent');
    expect(isRegistered(del, 1)).toBe(false);
    // Registering again revives it.
    expect(isRegistered(applyBlobEvent(del, blobId, reg), 1)).toBe(true);
  });

  it('an extension moves the end epoch without counting a new certification; invalid wins', () => {
    const info = apply([
      ev({
        type: 'BlobRegistered',
        size: 10,
        encodingType: 1,
        endEpoch: 3,
        deletable: false,
        objectId: '0x3',
      }),
      ev({ type: 'BlobCertified', endEpoch: 3, deletable: false, objectId: '0x3', isExtension: false }),
      ev({ type: 'BlobCertified', endEpoch: 9, deletable: false, objectId: '0x3', isExtension: true }),
    ]);
    expect(info?.endEpoch).toBe(9);
    expect(info?.permanentCertified).toBe(1);
    const invalid = applyBlobEvent(info, blobId, ev({ type: 'InvalidBlobID' }));
    expect(toBlobStatus(invalid, 1)).toEqual({ invalid: { event: { txDigest: `D${seq}`, eventSeq: '0' } } });
    expect(isRegistered(invalid, 1)).toBe(false);
    expect(toBlobStatus(undefined, 1)).toBe('nonexistent');
  });
});
