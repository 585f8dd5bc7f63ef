/**
 * Optional Prometheus metrics of storage challenges (`walrus_ts_challenge_*`). Labels are bounded:
 * `trigger` (epoch|onDemand), `outcome` (passed|failed|late|unreachable), `source` (local|gossip),
 * `result` (accept|ignore|reject), `code` (error codes of ./errors.ts and the gossip codes).
 */
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Creates and registers the challenge metrics on `register`. */
export function createChallengeMetrics(register: Registry) {
  const registers = [register];
  return {
    sent: new Counter({
      name: 'walrus_ts_challenge_sent_total',
      help: 'Challenges this node sent as a verifier, by trigger',
      labelNames: ['trigger'] as const,
      registers,
    }),
    answered: new Counter({
      name: 'walrus_ts_challenge_answered_total',
      help: 'Challenges this node answered as the challenged node, by whether the answer was cached',
      labelNames: ['cached'] as const,
      registers,
    }),
    failed: new Counter({
      name: 'walrus_ts_challenge_failed_total',
      help: 'Challenges this node judged not passed (failed, late or unreachable), by outcome',
      labelNames: ['outcome'] as const,
      registers,
    }),
    verdicts: new Counter({
      name: 'walrus_ts_challenge_verdicts_total',
      help: 'Verdicts recorded, by outcome and source (local or gossip)',
      labelNames: ['outcome', 'source'] as const,
      registers,
    }),
    gossip: new Counter({
      name: 'walrus_ts_challenge_gossip_validations_total',
      help: 'Verdict gossip messages validated, by result and code',
      labelNames: ['result', 'code'] as const,
      registers,
    }),
    samplesMissing: new Counter({
      name: 'walrus_ts_challenge_samples_missing_total',
      help: 'Samples this node could not answer from its store (recovery was started)',
      registers,
    }),
    reports: new Counter({
      name: 'walrus_ts_challenge_reports_total',
      help: 'Failure reports submitted to the chain, by result (ok|duplicate|error)',
      labelNames: ['result'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'walrus_ts_challenge_answer_latency_seconds',
      help: 'Time from sending a challenge to having its whole answer',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    proveSeconds: new Histogram({
      name: 'walrus_ts_challenge_prove_seconds',
      help: 'CPU time spent building one answer',
      buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

/** The challenge metrics; its type is whatever {@link createChallengeMetrics} returns. */
export type ChallengeMetrics = ReturnType<typeof createChallengeMetrics>;
