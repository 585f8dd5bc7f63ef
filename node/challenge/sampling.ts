/**
 * What a challenge samples, and how many samples it takes.
 *
 * A node holding s slivers that silently dropped a fraction x of them answers one uniformly drawn sample
 * with probability 1-x, so k independent samples catch it with probability 1-(1-x)^k. The default k
 * ({@link DEFAULT_CHALLENGE_SAMPLES} = 459) is the smallest k with 1-(0.99)^k >= 0.99: a node that dropped
 * 1% of its slivers is caught within one epoch with probability 99%.
 *
 * Samples are drawn from a 32-byte seed nobody knows before it is fixed ({@link deriveEpochSeed}: from the
 * chain's EpochChangeDone event of the epoch; or fresh randomness for an on-demand challenge) and the
 * challenged node's ID, over the list of certified, unexpired blobs in blob ID order. Each sample picks,
 * uniformly and independently: a blob, one of the node's shards (which fixes the sliver pair, spec §1.6),
 * the axis, and a position in the sliver's expansion (a Merkle leaf, spec §2.2). Every blob has exactly
 * one sliver pair on every shard, so this is uniform over the node's slivers.
 *
 * @see ./README.md; spec §1.5, §1.6, §2.2
 */
import { blake2b256 } from '../../shared/encoding/hashing.ts';
import { pairOfShard, secondarySliverIndex } from '../../shared/encoding/params.ts';
import type { SliverAxis } from '../../shared/encoding/types.ts';
import { InvalidArgumentError } from '../../shared/errors.ts';
import type { ChallengeSample } from '../../shared/protocol/challenge.ts';

/** Fraction of dropped slivers the default sample count is sized to catch. */
export const TARGET_DROP_FRACTION = 0.01;
/** Probability with which a drop of {@link TARGET_DROP_FRACTION} is caught within one epoch. */
export const TARGET_CATCH_PROBABILITY = 0.99;
/** Samples per challenged node per epoch: `samplesFor(0.01, 0.99)` = 459. */
export const DEFAULT_CHALLENGE_SAMPLES = 459;

const TEXT = new TextEncoder();
const SEED_DOMAIN = TEXT.encode('walrus-ts/challenge/epoch-seed/v1');
const FALLBACK_DOMAIN = TEXT.encode('walrus-ts/challenge/epoch-start/v1');
const SAMPLE_DOMAIN = TEXT.encode('walrus-ts/challenge/sample/v1');
const ON_DEMAND_DOMAIN = TEXT.encode('walrus-ts/challenge/on-demand/v1');

function u32le(v: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, v >>> 0, true);
  return out;
}

function u64le(v: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(Math.max(0, Math.floor(v))), true);
  return out;
}

/**
 * Probability that `k` uniform samples catch a node that dropped a fraction `x` of its slivers:
 * 1-(1-x)^k. @throws InvalidArgumentError unless 0 <= x <= 1 and k is a non-negative integer
 */
export function catchProbability(k: number, x: number): number {
  if (!Number.isInteger(k) || k < 0)
    throw new InvalidArgumentError(`k must be a non-negative integer, got ${k}`);
  if (!(x >= 0 && x <= 1)) throw new InvalidArgumentError(`x must be in [0, 1], got ${x}`);
  return 1 - (1 - x) ** k;
}

/**
 * Smallest k with 1-(1-x)^k >= p: ceil(ln(1-p) / ln(1-x)). `samplesFor(0.01, 0.99)` = 459.
 * @throws InvalidArgumentError unless 0 < x < 1 and 0 <= p < 1
 */
export function samplesFor(x: number, p: number): number {
  if (!(x > 0 && x < 1)) throw new InvalidArgumentError(`x must be in (0, 1), got ${x}`);
  if (!(p >= 0 && p < 1)) throw new InvalidArgumentError(`p must be in [0, 1), got ${p}`);
  if (p === 0) return 0;
  let k = Math.ceil(Math.log(1 - p) / Math.log(1 - x));
  // Guard the float rounding at the boundary.
  while (k > 0 && catchProbability(k - 1, x) >= p) k--;
  while (catchProbability(k, x) < p) k++;
  return k;
}

/**
 * The seed of epoch `epoch`: Blake2b256(domain || u32 epoch || "<txDigest>:<eventSeq>") of the chain's
 * EpochChangeDone event for that epoch. Fixed only when that transaction executes.
 */
export function deriveEpochSeed(epoch: number, eventId: { txDigest: string; eventSeq: string }): Uint8Array {
  return blake2b256(SEED_DOMAIN, u32le(epoch), TEXT.encode(`${eventId.txDigest}:${eventId.eventSeq}`));
}

/**
 * Fallback seed for a node that did not see the epoch's EpochChangeDone event (it started mid-epoch):
 * Blake2b256(domain || u32 epoch || u64 epochStartMs). Also unknown before the epoch starts.
 */
export function fallbackEpochSeed(epoch: number, epochStartMs: number): Uint8Array {
  return blake2b256(FALLBACK_DOMAIN, u32le(epoch), u64le(epochStartMs));
}

const VERIFIER_DOMAIN = TEXT.encode('walrus-ts/challenge/verifier-share/v1');

/**
 * Seed of one verifier's share of a node's epoch samples: Blake2b256(domain || epoch seed || verifier node
 * ID). Every verifier's share is fixed by the epoch seed, so nobody can shift samples between shares.
 */
export function verifierSeed(epochSeed: Uint8Array, verifier: Uint8Array): Uint8Array {
  return blake2b256(VERIFIER_DOMAIN, epochSeed, verifier);
}

/**
 * Samples each of `verifiers` verifiers draws so that the shares of any two thirds of them still add up to
 * `k`: ceil(1.5 * k / verifiers). With 459 and 99 verifiers: 7 each (693 in total).
 */
export function samplesPerVerifier(k: number, verifiers: number): number {
  if (verifiers <= 0) return 0;
  return Math.min(k, Math.ceil((1.5 * k) / verifiers));
}

/** Seed of an on-demand challenge: the epoch seed mixed with 32 fresh random bytes of the challenger. */
export function onDemandSeed(epochSeed: Uint8Array, nonce: Uint8Array): Uint8Array {
  return blake2b256(ON_DEMAND_DOMAIN, epochSeed, nonce);
}

/** Inputs of {@link deriveSamples}. */
export interface SampleSpace {
  /** 32-byte seed. */
  seed: Uint8Array;
  /** Challenged node's ID, 32 bytes. */
  target: Uint8Array;
  /** Number of shards of the system. */
  nShards: number;
  /** Shards the challenged node owns this epoch (any order). */
  shards: readonly number[];
  /** Eligible blob IDs (32 bytes each), sorted ascending by bytes (the store's blob ID order). */
  blobs: readonly Uint8Array[];
  /** Samples to draw. */
  count: number;
}

/** Unsigned 48-bit integer of bytes [offset, offset+6), little-endian. */
function u48(h: Uint8Array, offset: number): number {
  let v = 0;
  for (let i = 5; i >= 0; i--) v = v * 256 + h[offset + i];
  return v;
}

/**
 * Draws `count` samples (with replacement) for the challenged node. Deterministic in its inputs, so every
 * verifier with the same view draws the same samples and the node answers them once. Indices come from
 * 48-bit hash values reduced modulo the range (bias below 2^-30 for any realistic range).
 * @returns samples; empty when there is no blob or no shard
 * @throws InvalidArgumentError for a seed or target that is not 32 bytes, a shard outside [0, nShards)
 */
export function deriveSamples(space: SampleSpace): ChallengeSample[] {
  const { seed, target, nShards, shards, blobs, count } = space;
  if (seed.length !== 32 || target.length !== 32) {
    throw new InvalidArgumentError('seed and target must be 32 bytes', 'CHALLENGE_BAD_SEED');
  }
  for (const s of shards) {
    if (!Number.isInteger(s) || s < 0 || s >= nShards) {
      throw new InvalidArgumentError(`shard ${s} outside [0, ${nShards})`, 'CHALLENGE_BAD_SHARD');
    }
  }
  if (blobs.length === 0 || shards.length === 0 || count <= 0) return [];
  const sortedShards = [...shards].sort((a, b) => a - b);
  const out: ChallengeSample[] = [];
  for (let i = 0; i < count; i++) {
    const h = blake2b256(SAMPLE_DOMAIN, seed, target, u32le(i));
    const blobId = blobs[u48(h, 0) % blobs.length];
    const shard = sortedShards[u48(h, 6) % sortedShards.length];
    const axis: SliverAxis = (h[12] & 1) === 0 ? 'primary' : 'secondary';
    const position = u48(h, 13) % nShards;
    const pair = pairOfShard(shard, blobId, nShards);
    const sliverIndex = axis === 'primary' ? pair : secondarySliverIndex(pair, nShards);
    out.push({ blobId, axis, sliverIndex, position });
  }
  return out;
}

/** The sliver pair index of a sample's sliver. */
export function samplePair(sample: Pick<ChallengeSample, 'axis' | 'sliverIndex'>, nShards: number): number {
  return sample.axis === 'primary' ? sample.sliverIndex : nShards - 1 - sample.sliverIndex;
}
