import { describe, it, expect } from 'vitest';
import {
  bestScorecard,
  mergeEpochScorecards,
  mergeHistories,
  passRate,
  summarizeScorecard,
} from '../../../../../explorer/lib/server/challenges.ts';
import { historyFromData, scorecardsFromData } from '../../../../../explorer/lib/server/node-api.ts';
import { uniqueFailedSamples } from '../../../../../explorer/lib/verdicts.ts';
import type {
  ChallengeScorecardJson,
  ChallengeVerdictJson,
} from '../../../../../shared/protocol/challenge.ts';

const A = '0x' + 'a'.repeat(64);
const B = '0x' + 'b'.repeat(64);
const V1 = '0x' + '1'.repeat(64);
const V2 = '0x' + '2'.repeat(64);

function card(over: Partial<ChallengeScorecardJson> = {}): ChallengeScorecardJson {
  return {
    nodeId: A,
    epoch: 3,
    challenges: 0,
    verifiers: 0,
    samples: 0,
    passed: 0,
    failed: 0,
    outcomes: { passed: 0, failed: 0, late: 0, unreachable: 0 },
    failingWeight: 0,
    latencyMs: null,
    status: 'unchallenged',
    reportTx: null,
    ...over,
  };
}

function verdict(over: Partial<ChallengeVerdictJson> = {}): ChallengeVerdictJson {
  return {
    epoch: 3,
    challengeId: 'c1',
    target: A,
    verifier: V1,
    trigger: 'epoch',
    outcome: 'passed',
    samples: 230,
    passed: 230,
    failed: 0,
    latencyMs: 40,
    timestampMs: 1_000,
    failedSamples: [],
    attested: false,
    source: 'gossip',
    ...over,
  };
}

describe('challenge scorecards merged over nodes', () => {
  it('keeps the most complete view: an on-chain report, then more verdicts, then more samples', () => {
    const few = card({ challenges: 2, samples: 460, passed: 460, status: 'passing' });
    const more = card({ challenges: 3, samples: 690, passed: 600, failed: 90, status: 'suspect' });
    const reported = card({ challenges: 1, samples: 230, failed: 230, status: 'reported', reportTx: 'tx1' });
    expect(bestScorecard([few, more])).toBe(more);
    expect(bestScorecard([few, more, reported])).toBe(reported);
    expect(
      bestScorecard([card({ challenges: 3, samples: 10 }), card({ challenges: 3, samples: 20 })])?.samples,
    ).toBe(20);
    expect(bestScorecard([])).toBeNull();
  });

  it('merges several nodes’ scorecards of one epoch per node, ignoring other epochs', () => {
    const answers = [
      {
        epoch: 3,
        samplesPerChallenge: 459,
        deadlineMs: 30_000,
        nodes: [card({ challenges: 1 }), card({ nodeId: B })],
      },
      {
        epoch: 3,
        samplesPerChallenge: 459,
        deadlineMs: 30_000,
        nodes: [card({ challenges: 3, samples: 690, passed: 690, status: 'passing' })],
      },
      { epoch: 2, samplesPerChallenge: 459, deadlineMs: 30_000, nodes: [card({ epoch: 2, challenges: 9 })] },
    ];
    const m = mergeEpochScorecards(3, answers);
    expect([...m.keys()].sort()).toEqual([A, B]);
    expect(m.get(A)).toMatchObject({ challenges: 3, status: 'passing' });
    expect(m.get(B)?.status).toBe('unchallenged');
    expect(mergeEpochScorecards(4, answers).size).toBe(0);
  });

  it('merges histories: best card per epoch newest first, verdicts de-duplicated, newest first, capped', () => {
    const h1 = {
      nodeId: A,
      scorecards: [card({ epoch: 3, challenges: 1 }), card({ epoch: 2, challenges: 3 })],
      verdicts: [
        verdict({ timestampMs: 3_000 }),
        verdict({ challengeId: 'c2', verifier: V2, timestampMs: 2_000 }),
      ],
    };
    const h2 = {
      nodeId: A,
      scorecards: [card({ epoch: 3, challenges: 3 }), card({ epoch: 1, challenges: 2 })],
      verdicts: [
        verdict({ timestampMs: 3_000, source: 'local' }),
        verdict({ challengeId: 'c3', timestampMs: 4_000, outcome: 'failed', passed: 200, failed: 30 }),
      ],
    };
    const m = mergeHistories([h1, h2]);
    expect(m.scorecards.map((c) => [c.epoch, c.challenges])).toEqual([
      [3, 3],
      [2, 3],
      [1, 2],
    ]);
    expect(m.verdicts.map((v) => v.challengeId)).toEqual(['c3', 'c1', 'c2']);
    expect(m.verdicts[1].source).toBe('local');
    expect(mergeHistories([h1, h2], 2).verdicts).toHaveLength(2);
    expect(mergeHistories([])).toEqual({ scorecards: [], verdicts: [] });
  });

  it('summarizes a scorecard with its pass rate', () => {
    expect(passRate({ samples: 0, passed: 0 })).toBeNull();
    expect(passRate({ samples: 200, passed: 150 })).toBe(0.75);
    expect(
      summarizeScorecard(
        card({
          challenges: 3,
          samples: 690,
          passed: 680,
          failed: 10,
          status: 'suspect',
          latencyMs: { mean: 41, max: 90 },
        }),
      ),
    ).toEqual({
      epoch: 3,
      status: 'suspect',
      challenges: 3,
      samples: 690,
      passed: 680,
      failed: 10,
      passRate: 680 / 690,
      latencyMeanMs: 41,
    });
  });

  it('accepts only well-formed challenge answers from a node', () => {
    expect(
      scorecardsFromData({
        epoch: 3,
        samplesPerChallenge: 459,
        deadlineMs: 1,
        nodes: [card(), { nodeId: 1 }],
      }),
    ).toMatchObject({ epoch: 3, nodes: [card()] });
    expect(scorecardsFromData('nope')).toBeNull();
    expect(scorecardsFromData({ epoch: 3 })).toBeNull();
    expect(
      historyFromData({ nodeId: A, scorecards: [card()], verdicts: [verdict(), { x: 1 }] }),
    ).toMatchObject({
      nodeId: A,
      verdicts: [verdict()],
    });
    expect(historyFromData(null)).toBeNull();
  });

  it('lists a verdict’s failed samples once each, with how often they were asked', () => {
    const f = (position: number) => ({
      blobId: 'B'.repeat(43),
      axis: 'primary' as const,
      sliverIndex: 4,
      position,
    });
    expect(uniqueFailedSamples([f(4), f(5), f(4), f(4)])).toEqual([
      { ...f(4), times: 3 },
      { ...f(5), times: 1 },
    ]);
    expect(uniqueFailedSamples([])).toEqual([]);
  });
});
