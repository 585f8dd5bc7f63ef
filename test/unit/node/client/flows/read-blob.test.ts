import { describe, expect, it } from 'vitest';
import type { BlobStatus } from '../../../../../shared/api/storage-node.ts';
import {
  assertReadable,
  interpretStatus,
  vouchedStatus,
} from '../../../../../node/client/flows/read-blob.ts';
import {
  BlobExpiredError,
  BlobInvalidError,
  BlobNotCertifiedError,
  BlobNotFoundError,
} from '../../../../../node/client/errors.ts';
import type { BlobIdInfo, BlobObject, SystemState } from '../../../../../node/chain/types.ts';

const ev = { txDigest: 'd', eventSeq: '0' };
const counts = { count_deletable_total: 0, count_deletable_certified: 0 };
const perm = (isCertified: boolean, endEpoch = 10): BlobStatus => ({
  permanent: {
    endEpoch,
    isCertified,
    statusEvent: ev,
    deletableCounts: counts,
    initialCertifiedEpoch: isCertified ? 2 : null,
  },
});

describe('vouchedStatus (f+1 of n = 10 is 4 shards)', () => {
  it('takes the latest status at least f+1 shards report or exceed', () => {
    expect(
      vouchedStatus(
        [
          { status: perm(true), weight: 3 },
          { status: perm(false), weight: 3 },
        ],
        10,
      ),
    ).toEqual(perm(false));
    expect(
      vouchedStatus(
        [
          { status: perm(true), weight: 4 },
          { status: 'nonexistent', weight: 6 },
        ],
        10,
      ),
    ).toEqual(perm(true));
    // A lone Byzantine claim of "invalid" (3 shards) is not enough.
    expect(
      vouchedStatus(
        [
          { status: { invalid: { event: ev } }, weight: 3 },
          { status: perm(true), weight: 7 },
        ],
        10,
      ),
    ).toEqual(perm(true));
    expect(vouchedStatus([{ status: perm(true), weight: 3 }], 10)).toBeUndefined();
  });
});

function blob(endEpoch: number, certifiedEpoch: number | null): BlobObject {
  return {
    id: '0x1',
    owner: '0x2',
    registeredEpoch: 1,
    blobId: 'b',
    size: 1,
    encodingType: 1,
    certifiedEpoch,
    storage: { id: '0x3', owner: '0x2', startEpoch: 1, endEpoch, storageSize: 1 },
    deletable: true,
    attributes: {},
  };
}

const state = { epoch: 5 } as SystemState;
const info = (objects: BlobObject[], invalidated: BlobIdInfo['invalidated'] = null): BlobIdInfo => ({
  blobId: 'b',
  objects,
  invalidated,
});

describe('interpretStatus + assertReadable', () => {
  it('trusts the chain over lagging nodes for a certified blob', () => {
    const v = interpretStatus('nonexistent', info([blob(8, 4)]), state);
    expect(v).toMatchObject({ kind: 'certified', endEpoch: 8, certifiedEpoch: 4 });
    expect(assertReadable('b', v, 'nonexistent', info([blob(8, 4)]), state)).toBe(4);
  });
  it('gives typed answers for expired, registered, invalid and unknown blobs', () => {
    const expired = info([blob(5, 2)]);
    expect(() =>
      assertReadable('b', interpretStatus(perm(true, 5), expired, state), perm(true, 5), expired, state),
    ).toThrow(BlobExpiredError);
    const registered = info([blob(8, null)]);
    expect(() =>
      assertReadable('b', interpretStatus(perm(false), registered, state), perm(false), registered, state),
    ).toThrow(BlobNotCertifiedError);
    const invalid = info([blob(8, 4)], ev);
    expect(() =>
      assertReadable('b', interpretStatus(perm(true), invalid, state), perm(true), invalid, state),
    ).toThrow(BlobInvalidError);
    const none = info([]);
    expect(() =>
      assertReadable('b', interpretStatus('nonexistent', none, state), 'nonexistent', none, state),
    ).toThrow(BlobNotFoundError);
  });
});
