/**
 * Sampling: the catch probability and sample count of the README, determinism in the seed, uniformity
 * over the node's slivers, and samples that always name a sliver of the challenged node's shards.
 */
import { describe, expect, it } from 'vitest';
import { shardOfPair } from '../../../../shared/encoding/params.ts';
import { blake2b256 } from '../../../../shared/encoding/hashing.ts';
import {
  catchProbability,
  DEFAULT_CHALLENGE_SAMPLES,
  deriveEpochSeed,
  deriveSamples,
  fallbackEpochSeed,
  onDemandSeed,
  samplePair,
  samplesFor,
  samplesPerVerifier,
  verifierSeed,
} from '../../../../node/challenge/sampling.ts';

const blobs = Array.from({ length: 200 }, (_, i) => blake2b256(new Uint8Array([i, 1]))).sort((a, b) =>
  Buffer.compare(a, b),
);
const seed = blake2b256(new TextEncoder().encode('seed'));
const target = new Uint8Array(32).fill(9);

describe('sample count', () => {
  it('459 samples catch a 1% drop with probability >= 99%, 458 do not', () => {
    expect(samplesFor(0.01, 0.99)).toBe(459);
    expect(DEFAULT_CHALLENGE_SAMPLES).toBe(459);
    expect(catchProbability(459, 0.01)).toBeGreaterThanOrEqual(0.99);
    expect(catchProbability(458, 0.01)).toBeLessThan(0.99);
  });

  it('459 samples catch a 5% drop with probability 1 - 1e-10 or better', () => {
    expect(1 - catchProbability(459, 0.05)).toBeLessThan(1e-10);
    expect(samplesFor(0.05, 0.99)).toBe(90);
  });

  it('rejects probabilities and fractions outside their ranges', () => {
    expect(() => samplesFor(0, 0.99)).toThrow();
    expect(() => samplesFor(0.01, 1)).toThrow();
    expect(() => catchProbability(-1, 0.5)).toThrow();
  });
});

describe('split samples', () => {
  it('gives each verifier ceil(1.5k / verifiers), so any two thirds of them still ask k', () => {
    expect(samplesPerVerifier(459, 99)).toBe(7);
    expect(samplesPerVerifier(459, 3)).toBe(230);
    expect(samplesPerVerifier(459, 1)).toBe(459);
    expect(samplesPerVerifier(459, 0)).toBe(0);
    for (const v of [3, 9, 30, 99, 110]) {
      expect(Math.floor((2 * v) / 3) * samplesPerVerifier(459, v)).toBeGreaterThanOrEqual(
        459 - samplesPerVerifier(459, v),
      );
    }
  });

  it('derives a distinct share per verifier from the epoch seed', () => {
    const s = deriveEpochSeed(1, { txDigest: 'd', eventSeq: '0' });
    const a = verifierSeed(s, new Uint8Array(32).fill(1));
    expect(verifierSeed(s, new Uint8Array(32).fill(1))).toEqual(a);
    expect(verifierSeed(s, new Uint8Array(32).fill(2))).not.toEqual(a);
  });
});

describe('seeds', () => {
  it('differ per epoch and per event, and on-demand seeds per nonce', () => {
    const a = deriveEpochSeed(3, { txDigest: 'abc', eventSeq: '0' });
    expect(a).toHaveLength(32);
    expect(deriveEpochSeed(3, { txDigest: 'abc', eventSeq: '0' })).toEqual(a);
    expect(deriveEpochSeed(4, { txDigest: 'abc', eventSeq: '0' })).not.toEqual(a);
    expect(deriveEpochSeed(3, { txDigest: 'abd', eventSeq: '0' })).not.toEqual(a);
    expect(fallbackEpochSeed(3, 1000)).not.toEqual(fallbackEpochSeed(3, 1001));
    expect(onDemandSeed(a, new Uint8Array(32))).not.toEqual(onDemandSeed(a, new Uint8Array(32).fill(1)));
  });
});

describe('deriveSamples', () => {
  const shards = [1, 4, 7];
  const space = { seed, target, nShards: 10, shards, blobs, count: 459 };

  it('is deterministic in its inputs and changes with the seed and the target', () => {
    const a = deriveSamples(space);
    expect(a).toHaveLength(459);
    expect(deriveSamples({ ...space, shards: [7, 1, 4] })).toEqual(a);
    expect(deriveSamples({ ...space, seed: blake2b256(seed) })).not.toEqual(a);
    expect(deriveSamples({ ...space, target: new Uint8Array(32) })).not.toEqual(a);
  });

  it('names only slivers of the target shards, with positions in [0, n)', () => {
    for (const s of deriveSamples(space)) {
      const pair = samplePair(s, 10);
      expect(shards).toContain(shardOfPair(pair, s.blobId, 10));
      expect(s.sliverIndex).toBe(s.axis === 'primary' ? pair : 9 - pair);
      expect(s.position).toBeGreaterThanOrEqual(0);
      expect(s.position).toBeLessThan(10);
    }
  });

  it('is close to uniform over blobs, shards, axes and positions', () => {
    const samples = deriveSamples({ ...space, count: 20_000 });
    const perBlob = new Map<string, number>();
    const perShard = new Map<number, number>();
    let primary = 0;
    const perPos = new Array(10).fill(0);
    for (const s of samples) {
      const k = Buffer.from(s.blobId).toString('hex');
      perBlob.set(k, (perBlob.get(k) ?? 0) + 1);
      const shard = shardOfPair(samplePair(s, 10), s.blobId, 10);
      perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
      if (s.axis === 'primary') primary++;
      perPos[s.position]++;
    }
    // 100 per blob expected; with 200 blobs no count is far from it.
    expect(perBlob.size).toBe(200);
    for (const c of perBlob.values()) expect(Math.abs(c - 100)).toBeLessThan(50);
    for (const c of perShard.values()) expect(Math.abs(c - 20_000 / 3)).toBeLessThan(400);
    expect(Math.abs(primary - 10_000)).toBeLessThan(400);
    for (const c of perPos) expect(Math.abs(c - 2000)).toBeLessThan(250);
  });

  it('is empty without blobs or shards, and refuses a shard outside [0, n)', () => {
    expect(deriveSamples({ ...space, blobs: [] })).toEqual([]);
    expect(deriveSamples({ ...space, shards: [] })).toEqual([]);
    expect(() => deriveSamples({ ...space, shards: [10] })).toThrow();
    expect(() => deriveSamples({ ...space, seed: new Uint8Array(31) })).toThrow();
  });

  it('catches a node that dropped 5% of its slivers in each of 200 epochs', () => {
    // The node holds every sliver of shards 1, 4, 7 for 200 blobs (1200 slivers) and drops every 20th.
    const key = (s: { blobId: Uint8Array; axis: string; sliverIndex: number }) =>
      `${Buffer.from(s.blobId).toString('hex')}:${s.axis}:${s.sliverIndex}`;
    const all = new Set(deriveSamples({ ...space, count: 50_000 }).map(key));
    const dropped = new Set([...all].filter((_, i) => i % 20 === 0));
    let caught = 0;
    for (let epoch = 0; epoch < 200; epoch++) {
      const s = deriveSamples({ ...space, seed: blake2b256(new Uint8Array([epoch, 7])) });
      if (s.some((x) => dropped.has(key(x)))) caught++;
    }
    expect(caught).toBe(200);
  });
});
