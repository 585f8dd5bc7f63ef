/**
 * Committee arithmetic for the client: quorum thresholds by shard weight, which member owns which sliver
 * pair of a blob, weighted random node order, and the committee a read must use.
 *
 * Everything counts shards, not nodes: a member's weight is the number of shards it holds.
 * @see spec §1.6 (pair <-> shard rotation), §5.1, §5.2, §6.3, §6.5; architecture.md "Fault budget"
 * @packageDocumentation
 */
import { maxFaulty, pairOfShard } from '../../shared/encoding/params.ts';
import type { Committee, CommitteeMember, SystemState } from '../chain/types.ts';
import { NoCommitteeError } from './errors.ts';

/** Quorum: `3w >= 2n + 1` (Move `bls_aggregate.move`; equals `w > 2f` when n = 3f+1). @see spec §6.3 */
export function isQuorum(weight: number, nShards: number): boolean {
  return 3 * weight >= 2 * nShards + 1;
}

/** At least one correct node among the weight: `3w >= n + 1` (f+1 when n = 3f+1). @see spec §6.3 */
export function includesOneCorrectNode(weight: number, nShards: number): boolean {
  return 3 * weight >= nShards + 1;
}

/** Smallest weight that is a quorum. */
export function quorumWeight(nShards: number): number {
  return Math.ceil((2 * nShards + 1) / 3);
}

/** Smallest weight that includes one correct node. */
export function validityWeight(nShards: number): number {
  return Math.ceil((nShards + 1) / 3);
}

/**
 * True when failures of `failedWeight` make a quorum impossible (more than n - quorum shards failed).
 */
export function quorumImpossible(failedWeight: number, nShards: number): boolean {
  return !isQuorum(nShards - failedWeight, nShards);
}

/** The fault budget f = floor((n-1)/3). */
export function faultBudget(nShards: number): number {
  return maxFaulty(nShards);
}

/** One member and the sliver pairs of a blob it must store. */
export interface MemberAssignment {
  /** Index of the member in `committee.members` (its bit in the signers bitmap). */
  readonly index: number;
  readonly member: CommitteeMember;
  /** Sliver-pair indices held by this member's shards for this blob, ascending. */
  readonly pairs: readonly number[];
}

/**
 * Assigns every sliver pair of a blob to its owner: pair p lives on shard (p + offset) mod n, and the shard
 * on the member that holds it. Members with no shards are left out.
 * @param blobId 32 bytes
 * @see spec §1.6
 */
export function assignPairs(committee: Committee, blobId: Uint8Array): MemberAssignment[] {
  const out: MemberAssignment[] = [];
  committee.members.forEach((member, index) => {
    if (member.shards.length === 0) return;
    const pairs = member.shards.map((s) => pairOfShard(s, blobId, committee.nShards)).sort((a, b) => a - b);
    out.push({ index, member, pairs });
  });
  return out;
}

/**
 * Members in random order, weighted by shard count (Efraimidis-Spirakis: key = u^(1/w), descending), so a
 * node holding more shards is asked earlier more often. Members with no shards come last.
 * @param random a source of uniform [0, 1) numbers (tests pass a seeded one)
 */
export function weightedShuffle<T extends { member: CommitteeMember } | CommitteeMember>(
  items: readonly T[],
  random: () => number = Math.random,
): T[] {
  const weightOf = (x: T): number => ('member' in x ? x.member.weight : x.weight);
  return items
    .map((item) => {
      const w = weightOf(item);
      const key = w > 0 ? Math.pow(Math.max(random(), Number.MIN_VALUE), 1 / w) : -1;
      return { item, key };
    })
    .sort((a, b) => b.key - a.key)
    .map((x) => x.item);
}

/** The committee writes go to: the current one. @throws NoCommitteeError before genesis */
export function writeCommittee(state: SystemState): Committee {
  if (state.committee.members.length === 0) throw new NoCommitteeError();
  return state.committee;
}

/**
 * The committee a read must use: while an epoch change is in progress (`EpochChangeSync`), blobs certified
 * before the current epoch are read from the previous committee (the new owners may still be syncing);
 * otherwise the current committee.
 * @param certifiedEpoch the blob's initial certified epoch, when known
 * @throws NoCommitteeError before genesis
 * @see spec §5.2 step 1, §6.5; walrus-sdk `active_committees.rs::read_committee`
 */
export function readCommittee(state: SystemState, certifiedEpoch?: number | null): Committee {
  const current = writeCommittee(state);
  if (
    state.epochState.kind === 'EpochChangeSync' &&
    state.previousCommittee &&
    state.previousCommittee.members.length > 0 &&
    certifiedEpoch !== undefined &&
    certifiedEpoch !== null &&
    certifiedEpoch < state.epoch
  ) {
    return state.previousCommittee;
  }
  return current;
}
