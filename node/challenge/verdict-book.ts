/**
 * Verdicts aggregated per challenged node per epoch: the scorecards the explorer shows and the evidence a
 * failure report to the chain is built from.
 *
 * A verdict is kept once per (epoch, target, verifier, challenge ID). A scorecard sums, over the verdicts
 * about one node in one epoch: challenges, samples, passed, failed, outcomes, and the answer latency. A
 * node **fails** an epoch when verifiers holding a quorum of shards (3 * weight >= 2n + 1, spec §6.3)
 * judged it failed, late or unreachable; their BLS attestations over the same challenge-failure message
 * then form the certificate the chain verifies.
 *
 * Memory is bounded: `historyEpochs` epochs are kept, and at most `maxVerdictsPerNode` verdicts per node per
 * epoch.
 *
 * @see ./README.md
 */
import type {
  ChallengeScorecardJson,
  ChallengeScorecardStatus,
  ChallengeVerdict,
} from '../../shared/protocol/challenge.ts';
import { nodeIdFromBytes } from '../../shared/protocol/challenge.ts';

/** A verdict with who issued it and where it came from. */
export interface RecordedVerdict extends ChallengeVerdict {
  /** Shards of the verifier in the verdict's epoch. */
  readonly verifierWeight: number;
  /** Index of the verifier in that epoch's committee (the signers bitmap position). */
  readonly verifierIndex: number;
  /** `local` = this node's own verdict, `gossip` = received. */
  readonly source: 'local' | 'gossip';
  /** True once the attestation's BLS signature was checked (lazily, only to build a certificate). */
  attestationVerified?: boolean;
}

/** Status of a node in one epoch (see {@link ChallengeScorecardJson}). */
export type ScorecardStatus = ChallengeScorecardStatus;

/** One node's challenge record in one epoch. */
export type Scorecard = ChallengeScorecardJson;

/** Options of the book. */
export interface VerdictBookInit {
  /** Epochs of history kept. @default 32 */
  historyEpochs?: number;
  /** Verdicts kept per node per epoch. @default 512 */
  maxVerdictsPerNode?: number;
}

interface NodeEpoch {
  verdicts: Map<string, RecordedVerdict>;
  reportTx: string | null;
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

/** True when `weight` of `nShards` is a quorum: 3 * weight >= 2 * nShards + 1 (spec §6.3). */
export function isQuorum(weight: number, nShards: number): boolean {
  return 3 * weight >= 2 * nShards + 1;
}

/** Aggregates verdicts. */
export class VerdictBook {
  readonly #epochs = new Map<number, Map<string, NodeEpoch>>();
  readonly #historyEpochs: number;
  readonly #maxPerNode: number;

  constructor(init: VerdictBookInit = {}) {
    this.#historyEpochs = init.historyEpochs ?? 32;
    this.#maxPerNode = init.maxVerdictsPerNode ?? 512;
  }

  #entry(epoch: number, nodeId: string, create: boolean): NodeEpoch | undefined {
    let nodes = this.#epochs.get(epoch);
    if (!nodes) {
      if (!create) return undefined;
      this.#epochs.set(epoch, (nodes = new Map()));
      const epochs = [...this.#epochs.keys()].sort((a, b) => a - b);
      while (epochs.length > this.#historyEpochs) this.#epochs.delete(epochs.shift()!);
    }
    let e = nodes.get(nodeId);
    if (!e && create) nodes.set(nodeId, (e = { verdicts: new Map(), reportTx: null }));
    return e;
  }

  /**
   * Records a verdict. @returns false when the same verifier's verdict on the same challenge is already
   * kept, or the node's epoch is full
   */
  add(v: RecordedVerdict): boolean {
    const e = this.#entry(v.epoch, nodeIdFromBytes(v.target), true)!;
    const key = `${hex(v.verifier)}:${hex(v.challengeId)}`;
    if (e.verdicts.has(key) || e.verdicts.size >= this.#maxPerNode) return false;
    e.verdicts.set(key, v);
    return true;
  }

  /** Verdicts about `nodeId` in `epoch`, oldest first. */
  verdicts(epoch: number, nodeId: string): RecordedVerdict[] {
    return [...(this.#entry(epoch, nodeId, false)?.verdicts.values() ?? [])];
  }

  /** Records that the node's failure in `epoch` was reported on chain by transaction `digest`. */
  markReported(epoch: number, nodeId: string, digest: string): void {
    this.#entry(epoch, nodeId, true)!.reportTx = digest;
  }

  /** The report transaction of the node's failure in `epoch`, or null. */
  reportTx(epoch: number, nodeId: string): string | null {
    return this.#entry(epoch, nodeId, false)?.reportTx ?? null;
  }

  /**
   * Failing verdicts that carry an attestation, one per verifier (the earliest), for a certificate.
   * @returns verdicts sorted by verifier index
   */
  failureAttestations(epoch: number, nodeId: string): RecordedVerdict[] {
    const byVerifier = new Map<number, RecordedVerdict>();
    for (const v of this.verdicts(epoch, nodeId)) {
      if (v.outcome === 'passed' || !v.attestation || v.attestationVerified === false) continue;
      if (!byVerifier.has(v.verifierIndex)) byVerifier.set(v.verifierIndex, v);
    }
    return [...byVerifier.values()].sort((a, b) => a.verifierIndex - b.verifierIndex);
  }

  /** The scorecard of `nodeId` in `epoch` (`nShards` decides the quorum). */
  scorecard(epoch: number, nodeId: string, nShards: number): Scorecard {
    const e = this.#entry(epoch, nodeId, false);
    const verdicts = [...(e?.verdicts.values() ?? [])];
    const outcomes = { passed: 0, failed: 0, late: 0, unreachable: 0 };
    const verifiers = new Map<number, number>();
    const failingVerifiers = new Map<number, number>();
    let samples = 0;
    let passed = 0;
    let failed = 0;
    let latencySum = 0;
    let latencyN = 0;
    let latencyMax = 0;
    for (const v of verdicts) {
      outcomes[v.outcome]++;
      samples += v.samples;
      passed += v.passed;
      failed += v.failed;
      verifiers.set(v.verifierIndex, v.verifierWeight);
      if (v.outcome !== 'passed') failingVerifiers.set(v.verifierIndex, v.verifierWeight);
      if (v.outcome !== 'unreachable') {
        latencySum += v.latencyMs;
        latencyN++;
        latencyMax = Math.max(latencyMax, v.latencyMs);
      }
    }
    let failingWeight = 0;
    for (const w of failingVerifiers.values()) failingWeight += w;
    const reportTx = e?.reportTx ?? null;
    let status: ScorecardStatus = 'unchallenged';
    if (reportTx) status = 'reported';
    else if (verdicts.length > 0) {
      if (failingWeight > 0 && nShards > 0 && isQuorum(failingWeight, nShards)) status = 'failing';
      else if (failingWeight > 0) status = 'suspect';
      else status = 'passing';
    }
    return {
      nodeId,
      epoch,
      challenges: verdicts.length,
      verifiers: verifiers.size,
      samples,
      passed,
      failed,
      outcomes,
      failingWeight,
      latencyMs: latencyN > 0 ? { mean: Math.round(latencySum / latencyN), max: latencyMax } : null,
      status,
      reportTx,
    };
  }

  /** Epochs with any verdict, newest first. */
  epochs(): number[] {
    return [...this.#epochs.keys()].sort((a, b) => b - a);
  }

  /** Node IDs with verdicts in `epoch`. */
  nodes(epoch: number): string[] {
    return [...(this.#epochs.get(epoch)?.keys() ?? [])];
  }
}
