/**
 * The verifying side: checks an answer against the blobs' metadata and turns it into a verdict.
 *
 * Per sample: the answer must carry a symbol of exactly the blob's symbol size S and a Merkle proof of
 * length ceil(log2 n) that leads from that symbol, as leaf `position`, to the sliver's hash in the
 * metadata (spec §2.1, §2.2). The metadata is the verifier's own copy, verified against the blob ID when
 * it was stored, and the blob ID binds the root hash on chain (spec §2.4), so a node cannot forge a proof
 * without the sliver, and a proof cut for another sample (another blob, sliver or position, e.g. replayed
 * from an earlier challenge) does not verify.
 *
 * Samples of blobs whose metadata the verifier does not have are void (neither passed nor failed).
 *
 * @see ./README.md; spec §2.1-§2.4
 */
import { verifyMerkleProof } from '../../shared/encoding/merkle.ts';
import { metadataSymbolSize, sliverHash } from '../../shared/encoding/metadata.ts';
import type { BlobMetadata } from '../../shared/encoding/types.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type {
  ChallengeAnswer,
  ChallengeOutcome,
  ChallengeRequest,
  ChallengeSample,
} from '../../shared/protocol/challenge.ts';
import { bytesEqual } from '../../shared/encoding/blob-id.ts';

/** Result of one sample. */
export type SampleCheck = 'ok' | 'missing' | 'badSize' | 'badProof' | 'void';

/** Result of checking a whole answer. */
export interface AnswerCheck {
  /** One entry per sample, in request order. */
  checks: SampleCheck[];
  /** Samples that counted (not void). */
  samples: number;
  passed: number;
  failed: number;
  failedSamples: ChallengeSample[];
}

/**
 * Checks one sample's proof against `metadata`.
 * @returns 'ok', 'missing' (no proof), 'badSize' (symbol not S bytes) or 'badProof'
 */
export function checkSample(
  sample: ChallengeSample,
  proof: { symbol: Uint8Array; proof: readonly (Uint8Array | null)[] } | null,
  metadata: BlobMetadata,
  nShards: number,
): SampleCheck {
  if (!proof) return 'missing';
  try {
    if (proof.symbol.length !== metadataSymbolSize(metadata, nShards)) return 'badSize';
    const root = sliverHash(metadata, sample.axis, sample.sliverIndex);
    return verifyMerkleProof(root, nShards, proof.symbol, sample.position, [...proof.proof])
      ? 'ok'
      : 'badProof';
  } catch (err) {
    if (err instanceof WalrusTsError) return 'badProof';
    throw err;
  }
}

/**
 * Checks `answer` to `request`. An answer for another challenge ID, or with a different number of
 * entries, fails every sample that counts.
 * @param metadataOf the verifier's verified metadata of a blob, or undefined (the sample is void)
 */
export function checkAnswer(
  request: ChallengeRequest,
  challengeId: Uint8Array,
  answer: ChallengeAnswer,
  metadataOf: (blobId: Uint8Array) => BlobMetadata | undefined,
  nShards: number,
): AnswerCheck {
  const matches =
    bytesEqual(answer.challengeId, challengeId) && answer.proofs.length === request.samples.length;
  const checks: SampleCheck[] = [];
  const failedSamples: ChallengeSample[] = [];
  let passed = 0;
  let failed = 0;
  const cache = new Map<string, BlobMetadata | undefined>();
  request.samples.forEach((s, i) => {
    const key = Buffer.from(s.blobId).toString('hex');
    let metadata = cache.get(key);
    if (!cache.has(key)) cache.set(key, (metadata = metadataOf(s.blobId)));
    let c: SampleCheck;
    if (!metadata) c = 'void';
    else if (!matches) c = 'badProof';
    else c = checkSample(s, answer.proofs[i], metadata, nShards);
    checks.push(c);
    if (c === 'ok') passed++;
    else if (c !== 'void') {
      failed++;
      failedSamples.push(s);
    }
  });
  return { checks, samples: passed + failed, passed, failed, failedSamples };
}

/** The outcome of a checked answer that arrived `latencyMs` after the request, against `deadlineMs`. */
export function outcomeOf(
  check: Pick<AnswerCheck, 'failed'>,
  latencyMs: number,
  deadlineMs: number,
): ChallengeOutcome {
  if (check.failed > 0) return 'failed';
  return latencyMs > deadlineMs ? 'late' : 'passed';
}
