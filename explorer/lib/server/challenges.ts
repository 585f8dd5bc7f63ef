/**
 * Storage-challenge scorecards as the explorer shows them, merged from what several storage nodes report
 * (node/challenge: `GET /v1/challenges?epoch=` and `GET /v1/challenges/nodes/{nodeId}` on each node).
 *
 * Every node keeps its own verdict book: its own verdicts plus those received over gossip. The books of
 * honest nodes converge, but one that missed gossip (or restarted) knows fewer verdicts. A scorecard is a
 * sum over verdicts that the nodes do not publish one by one, so views are not added up: per node and
 * epoch the explorer keeps the **most complete** view, the one that (1) knows of an on-chain failure
 * report, else (2) counts the most verdicts, else (3) the most samples. Verdict lists are merged and
 * de-duplicated by (verifier, challenge ID).
 * @packageDocumentation
 */
import type {
  ChallengeNodeHistoryJson,
  ChallengeScorecardJson,
  ChallengeScorecardsJson,
  ChallengeVerdictJson,
} from '../../../shared/protocol/challenge.ts';
import type { ChallengeSummaryDto } from '../types.ts';

/** Most verdicts listed on a node page. */
export const MAX_VERDICTS_SHOWN = 50;

/** Orders two views of one node's epoch: negative when `a` is more complete than `b`. */
export function compareScorecards(a: ChallengeScorecardJson, b: ChallengeScorecardJson): number {
  const reported = (c: ChallengeScorecardJson) => (c.reportTx ? 1 : 0);
  return (
    reported(b) - reported(a) ||
    b.challenges - a.challenges ||
    b.samples - a.samples ||
    b.verifiers - a.verifiers
  );
}

/** The most complete of several views of one node's epoch (see the module notes); null for none. */
export function bestScorecard(views: readonly ChallengeScorecardJson[]): ChallengeScorecardJson | null {
  let best: ChallengeScorecardJson | null = null;
  for (const v of views) if (!best || compareScorecards(v, best) < 0) best = v;
  return best;
}

/**
 * Per node ID, the most complete scorecard of one epoch over several nodes' answers to
 * `GET /v1/challenges?epoch=` (answers of another epoch are ignored).
 */
export function mergeEpochScorecards(
  epoch: number,
  answers: readonly ChallengeScorecardsJson[],
): Map<string, ChallengeScorecardJson> {
  const views = new Map<string, ChallengeScorecardJson[]>();
  for (const a of answers) {
    if (a.epoch !== epoch) continue;
    for (const card of a.nodes) {
      const id = card.nodeId.toLowerCase();
      const list = views.get(id);
      if (list) list.push(card);
      else views.set(id, [card]);
    }
  }
  const out = new Map<string, ChallengeScorecardJson>();
  for (const [id, list] of views) out.set(id, bestScorecard(list)!);
  return out;
}

/** One node's merged challenge history. */
export interface MergedHistory {
  /** The most complete scorecard per epoch, newest epoch first. */
  scorecards: ChallengeScorecardJson[];
  /** Verdicts about the node, de-duplicated by (verifier, challenge ID), newest first, at most `maxVerdicts`. */
  verdicts: ChallengeVerdictJson[];
}

/**
 * Merges several nodes' answers to `GET /v1/challenges/nodes/{nodeId}` about the same node: the most
 * complete scorecard per epoch, and the union of the verdicts they list (a verdict recorded by its own
 * verifier, `source: 'local'`, wins over the gossiped copy).
 */
export function mergeHistories(
  histories: readonly ChallengeNodeHistoryJson[],
  maxVerdicts = MAX_VERDICTS_SHOWN,
): MergedHistory {
  const byEpoch = new Map<number, ChallengeScorecardJson[]>();
  const verdicts = new Map<string, ChallengeVerdictJson>();
  for (const h of histories) {
    for (const card of h.scorecards) {
      const list = byEpoch.get(card.epoch);
      if (list) list.push(card);
      else byEpoch.set(card.epoch, [card]);
    }
    for (const v of h.verdicts) {
      const key = `${v.verifier.toLowerCase()}:${v.challengeId}`;
      const had = verdicts.get(key);
      if (!had || (had.source === 'gossip' && v.source === 'local')) verdicts.set(key, v);
    }
  }
  return {
    scorecards: [...byEpoch.entries()].sort((a, b) => b[0] - a[0]).map(([, list]) => bestScorecard(list)!),
    verdicts: [...verdicts.values()]
      .sort((a, b) => b.timestampMs - a.timestampMs || a.verifier.localeCompare(b.verifier))
      .slice(0, maxVerdicts),
  };
}

/** Passed samples over samples asked, in [0, 1]; null when no sample was asked. */
export function passRate(card: Pick<ChallengeScorecardJson, 'samples' | 'passed'>): number | null {
  return card.samples > 0 ? card.passed / card.samples : null;
}

/** The compact form of a scorecard for the nodes list. */
export function summarizeScorecard(card: ChallengeScorecardJson): ChallengeSummaryDto {
  return {
    epoch: card.epoch,
    status: card.status,
    challenges: card.challenges,
    samples: card.samples,
    passed: card.passed,
    failed: card.failed,
    passRate: passRate(card),
    latencyMeanMs: card.latencyMs?.mean ?? null,
  };
}
