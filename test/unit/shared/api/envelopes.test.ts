import { describe, expect, it } from 'vitest';
import {
  compareBlobStatus,
  errorEnvelope,
  errorReason,
  isErrorEnvelope,
  storageNodePath,
  successEnvelope,
  toRouterPath,
  type BlobStatus,
} from '../../../../shared/api/index.ts';

describe('AIP-193 envelopes (spec §4)', () => {
  it('serialises an error exactly as Walrus does', () => {
    const body = errorEnvelope(
      'FAILED_PRECONDITION',
      'shard 0 is not assigned to this node in epoch 17',
      'SHARD_NOT_ASSIGNED',
      'storage-node.walrus/RetrieveSliverError',
      { shard: 0, epoch: 17 },
    );
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      error: {
        code: 400,
        status: 'FAILED_PRECONDITION',
        message: 'shard 0 is not assigned to this node in epoch 17',
        details: [
          {
            '@type': 'ErrorInfo',
            reason: 'SHARD_NOT_ASSIGNED',
            domain: 'storage-node.walrus/RetrieveSliverError',
            metadata: { shard: 0, epoch: 17 },
          },
        ],
      },
    });
    expect(isErrorEnvelope(body)).toBe(true);
    expect(errorReason(body)).toBe('SHARD_NOT_ASSIGNED');
    expect(isErrorEnvelope(successEnvelope({ a: 1 }, 201))).toBe(false);
    expect(successEnvelope('x', 201)).toEqual({ success: { code: 201, data: 'x' } });
  });

  it('fills route templates and converts them for routers', () => {
    expect(storageNodePath('sliver', { blob_id: 'abc', sliver_pair_index: 3, sliver_type: 'primary' })).toBe(
      '/v1/blobs/abc/slivers/3/primary',
    );
    expect(() => storageNodePath('sliver', { blob_id: 'abc' })).toThrow(/sliver_pair_index/);
    expect(toRouterPath('/v1/blobs/{blob_id}/metadata')).toBe('/v1/blobs/:blob_id/metadata');
  });
});

describe('blob status order', () => {
  const ev = { txDigest: 'd', eventSeq: '0' };
  const counts = { count_deletable_total: 0, count_deletable_certified: 0 };
  const perm = (isCertified: boolean, endEpoch: number): BlobStatus => ({
    permanent: { endEpoch, isCertified, statusEvent: ev, deletableCounts: counts, initialCertifiedEpoch: 1 },
  });
  it('ranks nonexistent < deletable < permanent < invalid, then certified and end epoch', () => {
    const del: BlobStatus = { deletable: { initialCertifiedEpoch: null, deletableCounts: counts } };
    const sorted = [
      { invalid: { event: ev } },
      perm(true, 5),
      'nonexistent',
      perm(false, 9),
      del,
      perm(true, 3),
    ]
      .slice()
      .sort((a, b) => compareBlobStatus(a as BlobStatus, b as BlobStatus));
    expect(sorted).toEqual([
      'nonexistent',
      del,
      perm(false, 9),
      perm(true, 3),
      perm(true, 5),
      { invalid: { event: ev } },
    ]);
  });
});
