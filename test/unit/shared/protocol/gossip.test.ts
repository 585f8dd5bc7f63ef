import { describe, expect, it } from 'vitest';
import {
  BcsInvalidValueError,
  BcsTrailingBytesError,
  BcsTruncatedError,
} from '../../../../shared/bcs/errors.ts';
import {
  decodeGossipMessage,
  encodeGossipMessage,
  gossipTopicKindOf,
  type GossipBody,
} from '../../../../shared/protocol/gossip.ts';

const b32 = (v: number) => new Uint8Array(32).fill(v);

const bodies: GossipBody[] = [
  { kind: 'blobCertified', blobId: b32(1), objectId: b32(2), endEpoch: 7 },
  { kind: 'shardTransferStarted', shards: [0, 5, 999] },
  { kind: 'shardTransferFinished', shards: [1], recovered: [2, 3] },
  { kind: 'epochSyncDone' },
  { kind: 'blobRecoveryStarted', blobId: b32(3), slivers: 4 },
  { kind: 'blobRecoveryFinished', blobId: b32(4), outcome: 'inconsistent', slivers: 1 },
  { kind: 'shardRecoveryStarted', shards: [4], blobs: 10 },
  { kind: 'shardRecoveryProgress', shards: [4], blobsDone: 5, blobsTotal: 10 },
  { kind: 'shardRecoveryFinished', shards: [4], blobs: 10 },
];

describe('gossip messages (BCS)', () => {
  it('round-trips every body kind and names its topic', () => {
    for (const body of bodies) {
      const m = { epoch: 12, timestampMs: 1_800_000_000_123, body };
      expect(decodeGossipMessage(encodeGossipMessage(m))).toEqual(m);
    }
    expect(bodies.map(gossipTopicKindOf)).toEqual([
      'blobs',
      'epoch',
      'epoch',
      'epoch',
      'recovery',
      'recovery',
      'recovery',
      'recovery',
      'recovery',
    ]);
  });

  it('has a fixed layout: version, epoch u32, timestamp u64, variant index', () => {
    const bytes = encodeGossipMessage({ epoch: 2, timestampMs: 256, body: { kind: 'epochSyncDone' } });
    expect([...bytes]).toEqual([1, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('refuses truncated, trailing, unknown-version and unknown-variant bytes', () => {
    const bytes = encodeGossipMessage({ epoch: 2, timestampMs: 256, body: bodies[0] });
    expect(() => decodeGossipMessage(bytes.subarray(0, 20))).toThrow(BcsTruncatedError);
    expect(() => decodeGossipMessage(Uint8Array.from([...bytes, 1]))).toThrow(BcsTrailingBytesError);
    const v2 = bytes.slice();
    v2[0] = 2;
    expect(() => decodeGossipMessage(v2)).toThrow(BcsInvalidValueError);
    const variant = encodeGossipMessage({ epoch: 2, timestampMs: 256, body: { kind: 'epochSyncDone' } });
    variant[13] = 42;
    expect(() => decodeGossipMessage(variant)).toThrow();
    const outcome = encodeGossipMessage({ epoch: 1, timestampMs: 1, body: bodies[5] });
    outcome[14 + 32] = 9;
    expect(() => decodeGossipMessage(outcome)).toThrow(BcsInvalidValueError);
  });
});
