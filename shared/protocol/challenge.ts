/**
 * Storage challenges (proofs of storage): the libp2p protocol ID, the gossip topic of verdicts and the BCS
 * schemas of the three messages, shared by the storage node (challenger, prover, verifier), the CLI and the
 * explorer.
 *
 * A **challenge** asks a committee member for `samples.length` symbols of slivers it should hold: each
 * sample names a blob, a sliver (axis + sliver index, which fixes the sliver pair and so the shard) and a
 * position in that sliver's full expansion (spec §1.5). The **answer** gives, per sample, the symbol and
 * its Merkle proof within the sliver's expansion tree, whose root is the sliver's hash in the blob's
 * metadata (spec §2.2), itself bound by the blob ID registered on chain (spec §2.4). A **verdict** is one
 * verifier's judgement of one challenge, published on gossip topic `/walrus-ts/<network>/challenge/1`.
 *
 * Wire shapes (BCS, integers little-endian, IDs as 32 raw bytes):
 * ```
 * ChallengeRequest { version: u8 = 1, epoch: u32, seed: [u8;32], target: [u8;32] (node ID),
 *                    samples: vector<ChallengeSample> }
 * ChallengeSample  { blob_id: [u8;32], axis: u8 (0 primary, 1 secondary), sliver_index: u16, position: u16 }
 * ChallengeAnswer  { challenge_id: [u8;32], proofs: vector<Option<SampleProof>> }   (one per sample)
 * SampleProof      { symbol: vector<u8>, proof: vector<Node> }                      (Node as in spec §2.1)
 * ChallengeVerdict { version: u8 = 1, epoch: u32, challenge_id: [u8;32], target: [u8;32],
 *                    verifier: [u8;32], trigger: u8, outcome: u8, samples: u16, passed: u16, failed: u16,
 *                    latency_ms: u32, timestamp_ms: u64, failed_samples: vector<ChallengeSample>,
 *                    attestation: Option<vector<u8>> }
 * ```
 * `challenge_id = Blake2b256(BCS(ChallengeRequest))`. A failing verdict carries `attestation`: the
 * verifier's BLS signature over {@link encodeChallengeFailureMessage} (intent
 * {@link CHALLENGE_FAILURE_INTENT}, epoch, target node ID), the same bytes for every verifier, so a quorum
 * of them aggregates into one certificate that the chain verifies (spec §6.3).
 *
 * @see node/challenge/README.md (sampling, costs); spec §1.5, §2.1-§2.4, §6.3
 * @packageDocumentation
 */
import { bcs } from '@mysten/bcs';
import { MerkleNodeBcs } from '../bcs/blob.ts';
import { BcsInvalidValueError } from '../bcs/errors.ts';
import {
  decodeProtocolMessage,
  encodeProtocolMessage,
  INTENT_VERSION,
  STORAGE_APP_ID,
} from '../bcs/messages.ts';
import { parseBcs, toBcs } from '../bcs/parse.ts';
import { blake2b256 } from '../encoding/hashing.ts';
import type { MerkleProof, SliverAxis } from '../encoding/types.ts';
import { InvalidArgumentError } from '../errors.ts';
import { PROTOCOL_PREFIX } from './ids.ts';

/** The request/response protocol of challenges: request = BCS ChallengeRequest, response = ChallengeAnswer. */
export const CHALLENGE_PROTOCOL = '/walrus-ts/challenge/1.0.0';

/** Gossip topic kind of verdicts: `/walrus-ts/<network>/challenge/1`. */
export const CHALLENGE_GOSSIP_KIND = 'challenge';

/** Version of the challenge gossip topic. */
export const CHALLENGE_TOPIC_VERSION = 1;

/** Version byte of {@link ChallengeRequestBcs} and {@link ChallengeVerdictBcs}. */
export const CHALLENGE_MESSAGE_VERSION = 1;

/**
 * Intent type of the challenge-failure attestation. Walrus uses 0..6 (spec §4); walrus-ts takes 64 for
 * its own message so it can never collide with a future Walrus intent.
 */
export const CHALLENGE_FAILURE_INTENT = 64;

/** Most samples one request may carry (bounds the prover's work per request). */
export const MAX_CHALLENGE_SAMPLES = 4096;

/** Most failed samples a verdict lists (the counters stay exact). */
export const MAX_VERDICT_FAILED_SAMPLES = 64;

/** Largest encoded verdict, bytes (fits one gossip message). */
export const MAX_VERDICT_BYTES = 8 * 1024;

/** The gossip topic string of verdicts on `network` (lower-case letters, digits, '-'). */
export function challengeTopic(network: string): string {
  return `${PROTOCOL_PREFIX}/${network}/${CHALLENGE_GOSSIP_KIND}/${CHALLENGE_TOPIC_VERSION}`;
}

/** One sampled symbol: symbol `position` of the full expansion of sliver (`axis`, `sliverIndex`) of a blob. */
export interface ChallengeSample {
  /** 32 bytes. */
  readonly blobId: Uint8Array;
  readonly axis: SliverAxis;
  /** Sliver index (primary sliver p of pair p; secondary sliver n-1-p of pair p). */
  readonly sliverIndex: number;
  /** Position in the sliver's expansion, in [0, n): the Merkle leaf index. */
  readonly position: number;
}

/** A challenge as sent to the challenged node. `target` is its node ID (32 bytes). */
export interface ChallengeRequest {
  readonly epoch: number;
  /** 32 bytes the samples were derived from (epoch seed, or fresh randomness for an on-demand run). */
  readonly seed: Uint8Array;
  readonly target: Uint8Array;
  readonly samples: readonly ChallengeSample[];
}

/** The answer to one sample: the symbol and its Merkle proof (bottom up). */
export interface SampleProof {
  readonly symbol: Uint8Array;
  readonly proof: MerkleProof;
}

/** The answer: `proofs[i]` answers `samples[i]`, or is null when the node does not have that sliver. */
export interface ChallengeAnswer {
  readonly challengeId: Uint8Array;
  readonly proofs: readonly (SampleProof | null)[];
}

/**
 * Why a challenge ran: once per epoch from the epoch seed (`epoch`), on demand (CLI / API), or to confirm
 * another verifier's failing verdict (`confirm`: the failed samples asked again, so a quorum can attest).
 */
export type ChallengeTrigger = 'epoch' | 'onDemand' | 'confirm';
const TRIGGERS: readonly ChallengeTrigger[] = ['epoch', 'onDemand', 'confirm'];

/**
 * Outcome of a challenge as one verifier saw it: every sample verified (`passed`), some sample missing or
 * wrong (`failed`), a correct answer after the deadline (`late`), or no usable answer (`unreachable`:
 * no connection, error status, malformed answer).
 */
export type ChallengeOutcome = 'passed' | 'failed' | 'late' | 'unreachable';
const OUTCOMES: readonly ChallengeOutcome[] = ['passed', 'failed', 'late', 'unreachable'];

/** One verifier's verdict on one challenge. Node IDs and the challenge ID are 32 bytes. */
export interface ChallengeVerdict {
  readonly epoch: number;
  readonly challengeId: Uint8Array;
  readonly target: Uint8Array;
  readonly verifier: Uint8Array;
  readonly trigger: ChallengeTrigger;
  readonly outcome: ChallengeOutcome;
  /** Samples asked. */
  readonly samples: number;
  /** Samples whose symbol and proof verified. */
  readonly passed: number;
  /** Samples missing or wrong (all of them when late or unreachable). */
  readonly failed: number;
  /** From sending the request to having the whole answer, ms (the deadline when none came). */
  readonly latencyMs: number;
  /** Verifier's clock when it decided, ms since the Unix epoch. */
  readonly timestampMs: number;
  /** Up to {@link MAX_VERDICT_FAILED_SAMPLES} of the failed samples (what to recover). */
  readonly failedSamples: readonly ChallengeSample[];
  /** BLS signature over {@link encodeChallengeFailureMessage}(epoch, target) when the outcome is not `passed`. */
  readonly attestation: Uint8Array | null;
}

const Bytes32 = bcs.bytes(32);

const AxisBcs = bcs.u8().transform({
  input: (a: SliverAxis) => (a === 'primary' ? 0 : 1),
  output: (v: number): SliverAxis => {
    if (v === 0) return 'primary';
    if (v === 1) return 'secondary';
    throw new BcsInvalidValueError(`unknown sliver axis ${v}`);
  },
});

/** BCS of {@link ChallengeSample}. */
export const ChallengeSampleBcs = bcs
  .struct('ChallengeSample', { blobId: Bytes32, axis: AxisBcs, sliverIndex: bcs.u16(), position: bcs.u16() })
  .transform({
    input: (s: ChallengeSample) => s,
    output: (s): ChallengeSample => ({ ...s, blobId: Uint8Array.from(s.blobId) }),
  });

/** BCS of {@link ChallengeRequest} (with its version byte). */
export const ChallengeRequestBcs = bcs.struct('ChallengeRequest', {
  version: bcs.u8(),
  epoch: bcs.u32(),
  seed: Bytes32,
  target: Bytes32,
  samples: bcs.vector(ChallengeSampleBcs),
});

/** BCS of {@link SampleProof}. */
export const SampleProofBcs = bcs
  .struct('SampleProof', { symbol: bcs.byteVector(), proof: bcs.vector(MerkleNodeBcs) })
  .transform({
    input: (p: SampleProof) => p,
    output: (p): SampleProof => ({ symbol: Uint8Array.from(p.symbol), proof: p.proof }),
  });

/** BCS of {@link ChallengeAnswer}. */
export const ChallengeAnswerBcs = bcs
  .struct('ChallengeAnswer', { challengeId: Bytes32, proofs: bcs.vector(bcs.option(SampleProofBcs)) })
  .transform({
    input: (a: ChallengeAnswer) => ({ challengeId: a.challengeId, proofs: [...a.proofs] }),
    output: (a): ChallengeAnswer => ({
      challengeId: Uint8Array.from(a.challengeId),
      proofs: a.proofs.map((p) => p ?? null),
    }),
  });

/** BCS of {@link ChallengeVerdict} (with its version byte). */
export const ChallengeVerdictBcs = bcs.struct('ChallengeVerdict', {
  version: bcs.u8(),
  epoch: bcs.u32(),
  challengeId: Bytes32,
  target: Bytes32,
  verifier: Bytes32,
  trigger: bcs.u8(),
  outcome: bcs.u8(),
  samples: bcs.u16(),
  passed: bcs.u16(),
  failed: bcs.u16(),
  latencyMs: bcs.u32(),
  timestampMs: bcs.u64(),
  failedSamples: bcs.vector(ChallengeSampleBcs),
  attestation: bcs.option(bcs.byteVector()),
});

function checkSamples(samples: readonly ChallengeSample[]): void {
  if (samples.length > MAX_CHALLENGE_SAMPLES) {
    throw new InvalidArgumentError(
      `a challenge carries at most ${MAX_CHALLENGE_SAMPLES} samples, got ${samples.length}`,
      'CHALLENGE_TOO_MANY_SAMPLES',
    );
  }
}

/** BCS bytes of a request. @throws InvalidArgumentError (CHALLENGE_TOO_MANY_SAMPLES) */
export function encodeChallengeRequest(r: ChallengeRequest): Uint8Array {
  checkSamples(r.samples);
  return toBcs(ChallengeRequestBcs, { version: CHALLENGE_MESSAGE_VERSION, ...r, samples: [...r.samples] });
}

/**
 * Parses a request strictly (version, no trailing bytes, at most {@link MAX_CHALLENGE_SAMPLES} samples).
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError, InvalidArgumentError
 */
export function decodeChallengeRequest(bytes: Uint8Array): ChallengeRequest {
  const v = parseBcs(ChallengeRequestBcs, bytes);
  if (v.version !== CHALLENGE_MESSAGE_VERSION) {
    throw new BcsInvalidValueError(`unknown challenge version ${v.version}`);
  }
  checkSamples(v.samples);
  return {
    epoch: v.epoch,
    seed: Uint8Array.from(v.seed),
    target: Uint8Array.from(v.target),
    samples: v.samples,
  };
}

/** The challenge ID: Blake2b256 of the request's BCS bytes. */
export function challengeIdOf(requestBytes: Uint8Array): Uint8Array {
  return blake2b256(requestBytes);
}

/** BCS bytes of an answer. */
export function encodeChallengeAnswer(a: ChallengeAnswer): Uint8Array {
  return toBcs(ChallengeAnswerBcs, a);
}

/** Parses an answer strictly. @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError */
export function decodeChallengeAnswer(bytes: Uint8Array): ChallengeAnswer {
  return parseBcs(ChallengeAnswerBcs, bytes);
}

/** BCS bytes of a verdict. */
export function encodeChallengeVerdict(v: ChallengeVerdict): Uint8Array {
  return toBcs(ChallengeVerdictBcs, {
    version: CHALLENGE_MESSAGE_VERSION,
    epoch: v.epoch,
    challengeId: v.challengeId,
    target: v.target,
    verifier: v.verifier,
    trigger: TRIGGERS.indexOf(v.trigger),
    outcome: OUTCOMES.indexOf(v.outcome),
    samples: v.samples,
    passed: v.passed,
    failed: v.failed,
    latencyMs: Math.min(0xffffffff, Math.max(0, Math.round(v.latencyMs))),
    timestampMs: BigInt(v.timestampMs),
    failedSamples: v.failedSamples.slice(0, MAX_VERDICT_FAILED_SAMPLES),
    attestation: v.attestation,
  });
}

/**
 * Parses a verdict strictly: known version, trigger and outcome; `passed + failed <= samples`; a timestamp
 * below 2^53.
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError
 */
export function decodeChallengeVerdict(bytes: Uint8Array): ChallengeVerdict {
  const v = parseBcs(ChallengeVerdictBcs, bytes);
  if (v.version !== CHALLENGE_MESSAGE_VERSION) {
    throw new BcsInvalidValueError(`unknown verdict version ${v.version}`);
  }
  const trigger = TRIGGERS[v.trigger];
  const outcome = OUTCOMES[v.outcome];
  if (!trigger) throw new BcsInvalidValueError(`unknown challenge trigger ${v.trigger}`);
  if (!outcome) throw new BcsInvalidValueError(`unknown challenge outcome ${v.outcome}`);
  if (v.passed + v.failed > v.samples) throw new BcsInvalidValueError('passed + failed exceeds samples');
  if (v.failedSamples.length > MAX_VERDICT_FAILED_SAMPLES) {
    throw new BcsInvalidValueError('too many failed samples listed');
  }
  const ts = BigInt(v.timestampMs);
  if (ts > BigInt(Number.MAX_SAFE_INTEGER)) throw new BcsInvalidValueError('verdict timestamp out of range');
  return {
    epoch: v.epoch,
    challengeId: Uint8Array.from(v.challengeId),
    target: Uint8Array.from(v.target),
    verifier: Uint8Array.from(v.verifier),
    trigger,
    outcome,
    samples: v.samples,
    passed: v.passed,
    failed: v.failed,
    latencyMs: v.latencyMs,
    timestampMs: Number(ts),
    failedSamples: v.failedSamples,
    attestation: v.attestation ? Uint8Array.from(v.attestation) : null,
  };
}

/**
 * The message every verifier that saw `target` fail in `epoch` signs:
 * `intent(64, 0, 3) || epoch u32 LE || target node ID (32 bytes)` (39 bytes). Identical across verifiers,
 * so their BLS signatures aggregate (spec §6.3).
 * @throws InvalidProtocolMessageError for an epoch outside u32; InvalidArgumentError for a bad node ID
 */
export function encodeChallengeFailureMessage(epoch: number, target: Uint8Array): Uint8Array {
  if (!(target instanceof Uint8Array) || target.length !== 32) {
    throw new InvalidArgumentError('a node ID is 32 bytes', 'CHALLENGE_BAD_NODE_ID');
  }
  return encodeProtocolMessage(CHALLENGE_FAILURE_INTENT, epoch, target);
}

/**
 * Parses a challenge-failure message (intent 64, version 0, app 3, 32-byte body).
 * @throws InvalidArgumentError (CHALLENGE_BAD_FAILURE_MESSAGE), InvalidProtocolMessageError
 */
export function decodeChallengeFailureMessage(bytes: Uint8Array): { epoch: number; target: Uint8Array } {
  const m = decodeProtocolMessage(bytes);
  if (
    m.intentType !== CHALLENGE_FAILURE_INTENT ||
    m.intentVersion !== INTENT_VERSION ||
    m.appId !== STORAGE_APP_ID ||
    m.body.length !== 32
  ) {
    throw new InvalidArgumentError('not a challenge-failure message', 'CHALLENGE_BAD_FAILURE_MESSAGE');
  }
  return { epoch: m.epoch, target: m.body.slice() };
}

/** A node ID (`0x` + 64 hex digits) as 32 bytes. @throws InvalidArgumentError (CHALLENGE_BAD_NODE_ID) */
export function nodeIdToBytes(nodeId: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{64}$/.test(nodeId)) {
    throw new InvalidArgumentError(
      `not a node ID: ${JSON.stringify(nodeId).slice(0, 80)}`,
      'CHALLENGE_BAD_NODE_ID',
    );
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(nodeId.slice(2 + 2 * i, 4 + 2 * i), 16);
  return out;
}

/** 32 bytes as a node ID (`0x` + 64 lower-case hex digits). */
export function nodeIdFromBytes(bytes: Uint8Array): string {
  let s = '0x';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** HTTP routes of the storage node's challenge API (JSON; `{nodeId}` is `0x` + 64 hex digits). */
export const CHALLENGE_ROUTES = {
  /** GET: {@link ChallengeScorecardsJson} of one epoch (`?epoch=<n>`, default the current one). */
  scorecards: '/v1/challenges',
  /** GET: {@link ChallengeNodeHistoryJson} of one node over the epochs the node keeps. */
  node: '/v1/challenges/nodes/{nodeId}',
  /** POST: runs an on-demand challenge of that node now; answers the {@link ChallengeVerdictJson}. */
  run: '/v1/challenges/nodes/{nodeId}/run',
} as const;

/** Status of a node in one epoch, as the serving node's verdict book sees it. */
export type ChallengeScorecardStatus = 'unchallenged' | 'passing' | 'suspect' | 'failing' | 'reported';

/**
 * One node's challenge record in one epoch: verdicts received (one per verifier and challenge), the
 * samples, passes and failures they sum to, outcomes, the weight (shards) of verifiers that judged it not
 * passed, answer latency, and the status:
 * `unchallenged` no verdict; `passing` every verdict passed; `suspect` failing verdicts below a quorum;
 * `failing` verifiers with a quorum of shards judged it failed; `reported` the failure is on chain.
 */
export interface ChallengeScorecardJson {
  nodeId: string;
  epoch: number;
  challenges: number;
  verifiers: number;
  samples: number;
  passed: number;
  failed: number;
  outcomes: { passed: number; failed: number; late: number; unreachable: number };
  failingWeight: number;
  latencyMs: { mean: number; max: number } | null;
  status: ChallengeScorecardStatus;
  /** Digest of the chain transaction that reported the failure, if any. */
  reportTx: string | null;
}

/** A verdict in JSON: node IDs `0x…`, blob IDs base64url, challenge ID hex, times in ms. */
export interface ChallengeVerdictJson {
  epoch: number;
  challengeId: string;
  target: string;
  verifier: string;
  trigger: ChallengeTrigger;
  outcome: ChallengeOutcome;
  samples: number;
  passed: number;
  failed: number;
  latencyMs: number;
  timestampMs: number;
  failedSamples: { blobId: string; axis: SliverAxis; sliverIndex: number; position: number }[];
  /** True when the verdict carries a BLS failure attestation. */
  attested: boolean;
  /** `local`: the serving node's own verdict; `gossip`: received from the verifier. */
  source: 'local' | 'gossip';
}

/** Body (inside the `success.data` envelope) of {@link CHALLENGE_ROUTES}.scorecards. */
export interface ChallengeScorecardsJson {
  epoch: number;
  /** Samples per challenge this node draws. */
  samplesPerChallenge: number;
  /** Answer deadline, ms. */
  deadlineMs: number;
  nodes: ChallengeScorecardJson[];
}

/** Body (inside the `success.data` envelope) of {@link CHALLENGE_ROUTES}.node. */
export interface ChallengeNodeHistoryJson {
  nodeId: string;
  /** One per kept epoch, newest first. */
  scorecards: ChallengeScorecardJson[];
  /** Latest verdicts about the node, newest first (at most 100). */
  verdicts: ChallengeVerdictJson[];
}
