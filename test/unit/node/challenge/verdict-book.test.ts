/**
 * The verdict book: one verdict per verifier and challenge, scorecards that sum samples and outcomes,
 * statuses by the weight of failing verifiers (quorum 3w >= 2n+1), attestations for a certificate, report
 * marks and bounded history.
 */
import { describe, expect, it } from 'vitest';
import { isQuorum, VerdictBook, type RecordedVerdict } from '../../../../node/challenge/verdict-book.ts';
import { nodeIdFromBytes } from '../../../../shared/protocol/challenge.ts';

const target = new Uint8Array(32).fill(7);
const T = nodeIdFromBytes(target);

function verdict(
  verifierIndex: number,
  weight: number,
  over: Partial<RecordedVerdict> = {},
): RecordedVerdict {
  return {
    epoch: 1,
    challengeId: new Uint8Array(32).fill(verifierIndex),
    target,
    verifier: new Uint8Array(32).fill(100 + verifierIndex),
    trigger: 'epoch',
    outcome: 'passed',
    samples: 10,
    passed: 10,
    failed: 0,
    latencyMs: 100 * (verifierIndex + 1),
    timestampMs: 1,
    failedSamples: [],
    attestation: null,
    verifierWeight: weight,
    verifierIndex,
    source: 'gossip',
    ...over,
  };
}

const failed = (i: number, w: number) =>
  verdict(i, w, { outcome: 'failed', passed: 8, failed: 2, attestation: new Uint8Array(96).fill(i) });

describe('VerdictBook', () => {
  it('quorum is 3w >= 2n+1', () => {
    expect(isQuorum(7, 10)).toBe(true);
    expect(isQuorum(6, 10)).toBe(false);
    expect(isQuorum(667, 1000)).toBe(true);
    expect(isQuorum(666, 1000)).toBe(false);
  });

  it('keeps one verdict per verifier and challenge and sums a scorecard', () => {
    const book = new VerdictBook();
    expect(book.add(verdict(0, 3))).toBe(true);
    expect(book.add(verdict(0, 3))).toBe(false);
    expect(book.add(verdict(1, 2, { outcome: 'late', passed: 0, failed: 10, latencyMs: 5000 }))).toBe(true);
    const card = book.scorecard(1, T, 10);
    expect(card).toMatchObject({
      challenges: 2,
      verifiers: 2,
      samples: 20,
      passed: 10,
      failed: 10,
      outcomes: { passed: 1, failed: 0, late: 1, unreachable: 0 },
      failingWeight: 2,
      latencyMs: { mean: 2550, max: 5000 },
      status: 'suspect',
      reportTx: null,
    });
    expect(book.scorecard(2, T, 10).status).toBe('unchallenged');
  });

  it('is failing once verifiers with a quorum of shards judged the node failed, then reported', () => {
    const book = new VerdictBook();
    book.add(verdict(0, 3));
    book.add(failed(1, 3));
    book.add(failed(2, 2));
    expect(book.scorecard(1, T, 10).status).toBe('suspect');
    book.add(failed(3, 2));
    expect(book.scorecard(1, T, 10).status).toBe('failing');
    expect(book.failureAttestations(1, T).map((v) => v.verifierIndex)).toEqual([1, 2, 3]);
    book.markReported(1, T, 'digest');
    expect(book.scorecard(1, T, 10)).toMatchObject({ status: 'reported', reportTx: 'digest' });
  });

  it('leaves out attestations that failed verification and passes', () => {
    const book = new VerdictBook();
    book.add({ ...failed(1, 3), attestationVerified: false });
    book.add(failed(2, 3));
    book.add(verdict(3, 4));
    expect(book.failureAttestations(1, T).map((v) => v.verifierIndex)).toEqual([2]);
  });

  it('keeps a bounded number of epochs', () => {
    const book = new VerdictBook({ historyEpochs: 3 });
    for (let e = 1; e <= 5; e++) book.add(verdict(0, 1, { epoch: e }));
    expect(book.epochs()).toEqual([5, 4, 3]);
    expect(book.verdicts(1, T)).toEqual([]);
  });
});
