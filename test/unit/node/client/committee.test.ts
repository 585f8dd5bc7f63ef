import { describe, expect, it } from 'vitest';
import {
  assignPairs,
  includesOneCorrectNode,
  isQuorum,
  quorumImpossible,
  quorumWeight,
  readCommittee,
  validityWeight,
  weightedShuffle,
  writeCommittee,
} from '../../../../node/client/committee.ts';
import { NoCommitteeError } from '../../../../node/client/errors.ts';
import { quorumMemberCount } from '../../../../node/client/flows/write-blob.ts';
import type { Committee, CommitteeMember, SystemState } from '../../../../node/chain/types.ts';
import { shardOfPair } from '../../../../shared/encoding/params.ts';

function member(i: number, shards: number[]): CommitteeMember {
  return {
    nodeId: `0x${String(i).padStart(64, '0')}`,
    name: `n${i}`,
    peerId: `peer${i}`,
    multiaddrs: [],
    publicKey: new Uint8Array(48),
    suiAddress: `0x${'0'.repeat(64)}`,
    shards,
    weight: shards.length,
  };
}

const committee: Committee = {
  epoch: 5,
  nShards: 10,
  members: [member(0, [0, 1, 2]), member(1, [3, 4, 5]), member(2, [6, 7]), member(3, [8, 9]), member(4, [])],
};

function state(overrides: Partial<SystemState>): SystemState {
  return {
    epoch: 5,
    epochState: { kind: 'EpochChangeDone', sinceMs: 0 },
    nShards: 10,
    epochDurationMs: 1000,
    epochStartMs: 0,
    maxEpochsAhead: 53,
    committee,
    storagePricePerUnit: 1n,
    writePricePerUnit: 1n,
    totalCapacity: 0,
    usedCapacity: 0,
    ...overrides,
  };
}

describe('quorum arithmetic (by shard weight)', () => {
  it('matches 3w >= 2n+1 and 3w >= n+1', () => {
    expect([quorumWeight(4), quorumWeight(10), quorumWeight(1000)]).toEqual([3, 7, 667]);
    expect([validityWeight(4), validityWeight(10), validityWeight(1000)]).toEqual([2, 4, 334]);
    expect(isQuorum(667, 1000)).toBe(true);
    expect(isQuorum(666, 1000)).toBe(false);
    expect(includesOneCorrectNode(334, 1000)).toBe(true);
    expect(includesOneCorrectNode(333, 1000)).toBe(false);
    // f = 3 of 10 may fail, 4 may not.
    expect(quorumImpossible(3, 10)).toBe(false);
    expect(quorumImpossible(4, 10)).toBe(true);
  });
});

describe('assignPairs', () => {
  it('gives every pair to the owner of shard (p + offset) mod n, once', () => {
    const blobId = new Uint8Array(32).map((_, i) => i * 7 + 3);
    const a = assignPairs(committee, blobId);
    expect(a.map((x) => x.index)).toEqual([0, 1, 2, 3]);
    const all = a.flatMap((x) => x.pairs).sort((x, y) => x - y);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const x of a) {
      for (const p of x.pairs) expect(x.member.shards).toContain(shardOfPair(p, blobId, 10));
    }
  });
});

describe('weightedShuffle', () => {
  it('keeps every item, puts weightless ones last and favours heavy members', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const firsts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const order = weightedShuffle(committee.members, random);
      expect(order).toHaveLength(5);
      expect(order[4].name).toBe('n4');
      firsts.set(order[0].name, (firsts.get(order[0].name) ?? 0) + 1);
    }
    // Weight 3 members come first about 3/10 of the time each, weight 2 about 2/10.
    expect(firsts.get('n0')! / 2000).toBeGreaterThan(0.24);
    expect(firsts.get('n2')! / 2000).toBeLessThan(0.26);
    expect(firsts.get('n4')).toBeUndefined();
  });
});

describe('read and write committees', () => {
  const previous: Committee = { ...committee, epoch: 4, members: committee.members.slice(0, 4) };
  it('reads blobs certified before the current epoch from the previous committee during a change', () => {
    const syncing = state({
      epochState: { kind: 'EpochChangeSync', syncedWeight: 2, sinceMs: 0 },
      previousCommittee: previous,
    });
    expect(readCommittee(syncing, 3).epoch).toBe(4);
    expect(readCommittee(syncing, 5).epoch).toBe(5);
    expect(readCommittee(syncing, null).epoch).toBe(5);
    expect(readCommittee(state({ previousCommittee: previous }), 3).epoch).toBe(5);
    expect(writeCommittee(syncing).epoch).toBe(5);
  });
  it('refuses before genesis', () => {
    expect(() => writeCommittee(state({ committee: { epoch: 0, nShards: 10, members: [] } }))).toThrow(
      NoCommitteeError,
    );
  });
});

describe('quorumMemberCount', () => {
  it('counts the fewest members, largest first, whose shards make a quorum', () => {
    // n = 10: a quorum is 7 shards.
    expect(quorumMemberCount([3, 3, 2, 2], 10)).toBe(3);
    expect(quorumMemberCount([2, 2, 3, 3], 10)).toBe(3);
    expect(quorumMemberCount([5, 5], 10)).toBe(2);
    // n = 100 over 7 members as on the devnet: 15 + 15 + 14 + 14 + 14 = 72 >= 67.
    expect(quorumMemberCount([14, 14, 14, 15, 14, 14, 15], 100)).toBe(5);
    // Too little weight in all: every member.
    expect(quorumMemberCount([1, 1], 10)).toBe(2);
  });
});
