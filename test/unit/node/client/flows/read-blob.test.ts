import { describe, expect, it } from 'vitest';
import type { BlobStatus } from '../../../../../shared/api/storage-node.ts';
import {
  assertReadable,
  interpretStatus,
  sliverRequestOrder,
  vouchedStatus,
} from '../../../../../node/client/flows/read-blob.ts';
import { assignPairs } from '../../../../../node/client/committee.ts';
import {
  BlobExpiredError,
  BlobInvalidError,
  BlobNotCertifiedError,
  BlobNotFoundError,
} from '../../../../../node/client/errors.ts';
import type {
  BlobIdInfo,
  BlobObject,
  Committee,
  CommitteeMember,
  SystemState,
} from '../../../../../node/chain/types.ts';

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

describe('sliverRequestOrder', () => {
  const member = (i: number, shards: number[]): CommitteeMember => ({
    nodeId: `0x${String(i).padStart(64, '0')}`,
    name: `n${i}`,
    peerId: `peer${i}`,
    multiaddrs: [],
    publicKey: new Uint8Array(48),
    suiAddress: `0x${'0'.repeat(64)}`,
    shards,
    weight: shards.length,
  });
  // n = 10: f = 3, R = n - 2f = 4 systematic primary slivers (indices 0..3).
  const committee: Committee = {
    epoch: 1,
    nShards: 10,
    members: [member(0, [0, 1, 2]), member(1, [3, 4, 5]), member(2, [6, 7]), member(3, [8, 9])],
  };
  const blobId = new Uint8Array(32).fill(7);

  it('asks every owner for its systematic slivers first, then for the rest, each pair once', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const units = sliverRequestOrder(committee, blobId, random);
    const all = units.flatMap((u) => u.pairs);
    expect([...all].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const firstRest = units.findIndex((u) => u.pairs.some((p) => p >= 4));
    const systematic = units.slice(0, firstRest).flatMap((u) => u.pairs);
    expect([...systematic].sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
    expect(units.slice(firstRest).every((u) => u.pairs.every((p) => p >= 4))).toBe(true);
    // Each unit's pairs belong to the member asked.
    const owners = new Map(assignPairs(committee, blobId).map((a) => [a.member.nodeId, a.pairs]));
    for (const u of units) for (const p of u.pairs) expect(owners.get(u.member.nodeId)).toContain(p);
  });
});
