import { describe, it, expect } from 'vitest';
import {
  assignShards,
  dhondt,
  isQuorum,
  maxShardsPerNode,
  quorumAbove,
  quorumBelow,
} from '../../../../../node/chain/embedded/staking.ts';

describe("D'Hondt apportionment", () => {
  it('splits shards proportionally to stake and sums to n', () => {
    expect(dhondt([100n, 100n, 100n, 100n], 10)).toEqual([3, 3, 2, 2]);
    expect(dhondt([300n, 100n], 8)).toEqual([6, 2]);
    const s = dhondt([5n, 1n, 1n, 1n, 1n, 1n], 1000);
    expect(s.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('caps shards per node: n/10 with >= 20 nodes, ceil(2n/nodes) below', () => {
    expect(maxShardsPerNode(20, 1000)).toBe(100);
    expect(maxShardsPerNode(4, 10)).toBe(5);
    const stakes = [1000n, 1n, 1n, 1n];
    expect(dhondt(stakes, 10)).toEqual([5, 2, 2, 1]);
  });

  it('rejects zero total stake', () => {
    expect(() => dhondt([0n, 0n], 10)).toThrow(RangeError);
  });
});

describe('shard assignment keeps shards in place', () => {
  it('first committee: sequential by node ID', () => {
    const a = assignShards(
      new Map(),
      new Map([
        ['0xb', 2],
        ['0xa', 3],
      ]),
      5,
    );
    expect([...a.entries()]).toEqual([
      ['0xa', [0, 1, 2]],
      ['0xb', [3, 4]],
    ]);
  });

  it('shrinking nodes give up shards from the end; new nodes get them', () => {
    const prev = new Map([
      ['0xa', [0, 1, 2]],
      ['0xb', [3, 4]],
    ]);
    const next = assignShards(
      prev,
      new Map([
        ['0xa', 2],
        ['0xb', 2],
        ['0xc', 1],
      ]),
      5,
    );
    expect(next.get('0xa')).toEqual([0, 1]);
    expect(next.get('0xb')).toEqual([3, 4]);
    expect(next.get('0xc')).toEqual([2]);
    const gone = assignShards(prev, new Map([['0xb', 5]]), 5);
    expect(gone.get('0xb')).toEqual([0, 1, 2, 3, 4]);
    expect(gone.has('0xa')).toBe(false);
  });
});

describe('vote aggregation', () => {
  it('quorum_below: the lowest price a quorum accepts; quorum_above for capacity', () => {
    const votes = [
      { value: 10n, weight: 3 },
      { value: 20n, weight: 3 },
      { value: 30n, weight: 2 },
      { value: 40n, weight: 2 },
    ];
    // From the top: remove 40 (8 left, quorum 3*8>=21), remove 30 (6 left, not quorum) -> 30.
    expect(quorumBelow(votes, 10)).toBe(30n);
    // From the top: 40 (2), 30 (4), 20 (7: quorum) -> 20.
    expect(quorumAbove(votes, 10)).toBe(20n);
    expect(isQuorum(7, 10)).toBe(true);
    expect(isQuorum(6, 10)).toBe(false);
  });
});
