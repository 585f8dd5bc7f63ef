/**
 * Proofs of storage with the real codec and a real store: an honest store's answer verifies; a store that
 * lost slivers answers null for them (and reports them for recovery); forged symbols, forged proofs, a
 * wrong symbol size, proofs replayed from another challenge (stale) and answers to another challenge ID
 * are rejected; the messages round-trip through BCS and malformed ones are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeBlobMetadata } from '../../../../shared/bcs/blob.ts';
import { serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import { shardOfPair } from '../../../../shared/encoding/params.ts';
import { blake2b256, initHashing } from '../../../../shared/encoding/hashing.ts';
import type { EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import {
  challengeIdOf,
  decodeChallengeAnswer,
  decodeChallengeFailureMessage,
  decodeChallengeRequest,
  decodeChallengeVerdict,
  encodeChallengeAnswer,
  encodeChallengeFailureMessage,
  encodeChallengeRequest,
  encodeChallengeVerdict,
  MAX_CHALLENGE_SAMPLES,
  nodeIdFromBytes,
  nodeIdToBytes,
  type ChallengeAnswer,
  type ChallengeRequest,
  type ChallengeVerdict,
} from '../../../../shared/protocol/challenge.ts';
import { ChallengeProver } from '../../../../node/challenge/prover.ts';
import { deriveSamples, samplePair } from '../../../../node/challenge/sampling.ts';
import {
  checkAnswer,
  outcomeOf,
  sliverRootsFromBcs,
  sliverRootsOf,
} from '../../../../node/challenge/verifier.ts';
import { nodeStore, type NodeStore } from '../../../../node/storage/store.ts';
import { encodeTestBlob } from '../service/fixtures.ts';

const N = 10;
const OWNED = [0, 3, 6];

function storeAll(store: NodeStore, b: EncodedBlob): void {
  for (let p = 0; p < N; p++) {
    const shard = shardOfPair(p, b.blobId, N);
    if (!OWNED.includes(shard)) continue;
    store.slivers.putSliver({
      blobId: b.blobId,
      shard,
      axis: 'primary',
      data: serializeSliverData(b.primarySlivers[p]),
    });
    store.slivers.putSliver({
      blobId: b.blobId,
      shard,
      axis: 'secondary',
      data: serializeSliverData(b.secondarySlivers[N - 1 - p]),
    });
  }
}

describe('prover and verifier', () => {
  const blobs = [encodeTestBlob(5_000, N, 1), encodeTestBlob(40_000, N, 2), encodeTestBlob(300, N, 3)];
  const byId = new Map(blobs.map((b) => [Buffer.from(b.blobId).toString('hex'), b]));
  const metadataOf = (id: Uint8Array) => {
    const b = byId.get(Buffer.from(id).toString('hex'));
    return b ? sliverRootsOf(b.metadata) : undefined;
  };
  const view = { nShards: N, ownedShards: new Set(OWNED) };
  let store: NodeStore;
  let missing: string[];
  let prover: ChallengeProver;

  const request = (seedByte: number, count = 200): { request: ChallengeRequest; bytes: Uint8Array } => {
    const r: ChallengeRequest = {
      epoch: 1,
      seed: blake2b256(new Uint8Array([seedByte])),
      target: new Uint8Array(32).fill(5),
      samples: deriveSamples({
        seed: blake2b256(new Uint8Array([seedByte])),
        target: new Uint8Array(32).fill(5),
        nShards: N,
        shards: OWNED,
        blobs: blobs.map((b) => b.blobId).sort((a, b) => Buffer.compare(a, b)),
        count,
      }),
    };
    return { request: r, bytes: encodeChallengeRequest(r) };
  };

  const answerOf = (r: { request: ChallengeRequest; bytes: Uint8Array }): ChallengeAnswer =>
    decodeChallengeAnswer(prover.answer(r.request, r.bytes).bytes);

  beforeEach(async () => {
    await initHashing();
    store = nodeStore({ path: ':memory:' })();
    await store.start();
    for (const b of blobs) storeAll(store, b);
    missing = [];
    prover = new ChallengeProver(
      { store, committee: { view } },
      { onMissing: (id) => missing.push(Buffer.from(id).toString('hex')) },
    );
  });
  afterEach(async () => {
    await store.stop();
  });

  it('an honest store passes every sample, and the repeated request is served from the cache', () => {
    const r = request(1);
    const first = prover.answer(r.request, r.bytes);
    expect(first.stats.cached).toBe(false);
    expect(first.stats.missing).toBe(0);
    // 3 blobs x 3 shards x 2 axes = 18 slivers at most, each expanded once.
    expect(first.stats.expansions).toBeLessThanOrEqual(18);
    const check = checkAnswer(
      r.request,
      challengeIdOf(r.bytes),
      decodeChallengeAnswer(first.bytes),
      metadataOf,
      N,
    );
    expect(check).toMatchObject({ samples: 200, passed: 200, failed: 0 });
    expect(outcomeOf(check, 10, 1000)).toBe('passed');
    const again = prover.answer(r.request, r.bytes);
    expect(again.stats.cached).toBe(true);
    expect(again.bytes).toEqual(first.bytes);
    expect(missing).toEqual([]);
  });

  it('a store that lost slivers answers null for them, fails those samples and reports the blobs', () => {
    const lost = blobs[1];
    const shard = OWNED[0];
    store.slivers.deleteSliver({ blobId: lost.blobId, shard, axis: 'primary' });
    const r = request(2, 400);
    const answer = answerOf(r);
    const check = checkAnswer(r.request, challengeIdOf(r.bytes), answer, metadataOf, N);
    const hit = r.request.samples.filter(
      (s) =>
        Buffer.compare(s.blobId, lost.blobId) === 0 &&
        s.axis === 'primary' &&
        shardOfPair(samplePair(s, N), s.blobId, N) === shard,
    );
    expect(hit.length).toBeGreaterThan(0);
    expect(check.failed).toBe(hit.length);
    expect(check.checks.filter((c) => c === 'missing')).toHaveLength(hit.length);
    expect(check.failedSamples).toHaveLength(hit.length);
    expect(outcomeOf(check, 10, 1000)).toBe('failed');
    expect(missing).toEqual([Buffer.from(lost.blobId).toString('hex')]);
  });

  it('rejects forged symbols, forged proofs and wrong symbol sizes', () => {
    const r = request(3, 50);
    const id = challengeIdOf(r.bytes);
    const good = answerOf(r);
    const forgedSymbol: ChallengeAnswer = {
      ...good,
      proofs: good.proofs.map((p, i) =>
        i === 0 && p ? { ...p, symbol: p.symbol.map((x, j) => (j === 0 ? x ^ 1 : x)) } : p,
      ),
    };
    expect(checkAnswer(r.request, id, forgedSymbol, metadataOf, N).checks[0]).toBe('badProof');
    const forgedProof: ChallengeAnswer = {
      ...good,
      proofs: good.proofs.map((p, i) =>
        i === 1 && p ? { ...p, proof: p.proof.map((n, j) => (j === 0 ? new Uint8Array(32).fill(1) : n)) } : p,
      ),
    };
    expect(checkAnswer(r.request, id, forgedProof, metadataOf, N).checks[1]).toBe('badProof');
    const shortPath: ChallengeAnswer = {
      ...good,
      proofs: good.proofs.map((p, i) => (i === 2 && p ? { ...p, proof: p.proof.slice(1) } : p)),
    };
    expect(checkAnswer(r.request, id, shortPath, metadataOf, N).checks[2]).toBe('badProof');
    const wrongSize: ChallengeAnswer = {
      ...good,
      proofs: good.proofs.map((p, i) =>
        i === 3 && p ? { ...p, symbol: new Uint8Array(p.symbol.length + 2) } : p,
      ),
    };
    expect(checkAnswer(r.request, id, wrongSize, metadataOf, N).checks[3]).toBe('badSize');
    const check = checkAnswer(r.request, id, good, metadataOf, N);
    expect(check.passed).toBe(50);
  });

  it('rejects stale proofs: an earlier challenge replayed, or proofs moved to other samples', () => {
    const old = request(4, 60);
    const oldAnswer = answerOf(old);
    const fresh = request(5, 60);
    const freshId = challengeIdOf(fresh.bytes);
    // The whole earlier answer: another challenge ID.
    const replayed = checkAnswer(fresh.request, freshId, oldAnswer, metadataOf, N);
    expect(replayed.passed).toBe(0);
    expect(replayed.failed).toBe(60);
    // The earlier proofs under the fresh challenge ID: they prove other symbols.
    const relabelled = checkAnswer(
      fresh.request,
      freshId,
      { ...oldAnswer, challengeId: freshId },
      metadataOf,
      N,
    );
    expect(relabelled.failed).toBeGreaterThan(50);
    // An answer with one entry too few fails everything.
    const good = answerOf(fresh);
    const short = checkAnswer(
      fresh.request,
      freshId,
      { ...good, proofs: good.proofs.slice(1) },
      metadataOf,
      N,
    );
    expect(short.passed).toBe(0);
  });

  it('counts samples of blobs without metadata as void, and a slow correct answer as late', () => {
    const r = request(6, 100);
    const known = blobs[0];
    const only = (id: Uint8Array) =>
      Buffer.compare(id, known.blobId) === 0
        ? sliverRootsFromBcs(serializeBlobMetadata(known.metadata), N)
        : undefined;
    const check = checkAnswer(r.request, challengeIdOf(r.bytes), answerOf(r), only, N);
    const voids = check.checks.filter((c) => c === 'void').length;
    expect(voids).toBeGreaterThan(0);
    expect(check.samples).toBe(100 - voids);
    expect(check.failed).toBe(0);
    expect(outcomeOf(check, 1500, 1000)).toBe('late');
  });
});

describe('sliverRootsFromBcs', () => {
  it('reads the same hashes and length as a full parse, for n = 10 and n = 1000', () => {
    for (const [n, size] of [
      [10, 5_000],
      [1000, 3_000],
    ] as const) {
      const b = encodeTestBlob(size, n, 4);
      const roots = sliverRootsFromBcs(serializeBlobMetadata(b.metadata), n)!;
      expect(roots.unencodedLength).toBe(size);
      for (const i of [0, 1, n - 2, n - 1]) {
        expect(roots.sliverHash('primary', i)).toEqual(sliverRootsOf(b.metadata).sliverHash('primary', i));
        expect(roots.sliverHash('secondary', i)).toEqual(
          sliverRootsOf(b.metadata).sliverHash('secondary', i),
        );
      }
      expect(sliverRootsFromBcs(serializeBlobMetadata(b.metadata), n + 1)).toBeUndefined();
      expect(sliverRootsFromBcs(new Uint8Array([1, 2, 3]), n)).toBeUndefined();
    }
  });
});

describe('challenge messages', () => {
  const sample = {
    blobId: new Uint8Array(32).fill(1),
    axis: 'secondary' as const,
    sliverIndex: 7,
    position: 3,
  };

  it('round-trip through BCS', () => {
    const r: ChallengeRequest = {
      epoch: 9,
      seed: new Uint8Array(32).fill(2),
      target: new Uint8Array(32).fill(3),
      samples: [sample],
    };
    const bytes = encodeChallengeRequest(r);
    expect(decodeChallengeRequest(bytes)).toEqual(r);
    const a: ChallengeAnswer = {
      challengeId: challengeIdOf(bytes),
      proofs: [{ symbol: new Uint8Array([1, 2]), proof: [null, new Uint8Array(32).fill(4)] }, null],
    };
    expect(decodeChallengeAnswer(encodeChallengeAnswer(a))).toEqual(a);
    const v: ChallengeVerdict = {
      epoch: 9,
      challengeId: challengeIdOf(bytes),
      target: r.target,
      verifier: new Uint8Array(32).fill(8),
      trigger: 'epoch',
      outcome: 'late',
      samples: 459,
      passed: 0,
      failed: 459,
      latencyMs: 31_000,
      timestampMs: 1_700_000_000_000,
      failedSamples: [sample],
      attestation: new Uint8Array(96).fill(6),
    };
    expect(decodeChallengeVerdict(encodeChallengeVerdict(v))).toEqual(v);
    const msg = encodeChallengeFailureMessage(9, r.target);
    expect(msg).toHaveLength(39);
    expect(decodeChallengeFailureMessage(msg)).toEqual({ epoch: 9, target: r.target });
    const id = '0x' + 'ab'.repeat(32);
    expect(nodeIdFromBytes(nodeIdToBytes(id))).toBe(id);
  });

  it('refuses malformed, oversized and inconsistent messages', () => {
    const r = { epoch: 1, seed: new Uint8Array(32), target: new Uint8Array(32), samples: [sample] };
    const bytes = encodeChallengeRequest(r);
    expect(() => decodeChallengeRequest(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decodeChallengeRequest(new Uint8Array([...bytes, 0]))).toThrow();
    const v2 = bytes.slice();
    v2[0] = 2;
    expect(() => decodeChallengeRequest(v2)).toThrow();
    expect(() =>
      encodeChallengeRequest({ ...r, samples: new Array(MAX_CHALLENGE_SAMPLES + 1).fill(sample) }),
    ).toThrow(/at most/);
    const verdict = encodeChallengeVerdict({
      epoch: 1,
      challengeId: new Uint8Array(32),
      target: new Uint8Array(32),
      verifier: new Uint8Array(32),
      trigger: 'onDemand',
      outcome: 'passed',
      samples: 10,
      passed: 10,
      failed: 0,
      latencyMs: 1,
      timestampMs: 1,
      failedSamples: [],
      attestation: null,
    });
    const bad = verdict.slice();
    bad[1 + 4 + 96 + 1] = 9; // outcome byte
    expect(() => decodeChallengeVerdict(bad)).toThrow(/outcome/);
    expect(() => encodeChallengeFailureMessage(1, new Uint8Array(31))).toThrow();
    expect(() => nodeIdToBytes('0x1234')).toThrow();
  });
});
