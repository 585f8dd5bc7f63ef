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
import { parseBlobMetadata } from '../../shared/bcs/blob.ts';
import { verifyMerkleProof, type MerkleNode } from '../../shared/encoding/merkle.ts';
import { sliverHash } from '../../shared/encoding/metadata.ts';
import { symbolSize } from '../../shared/encoding/params.ts';
import type { BlobMetadata, SliverAxis } from '../../shared/encoding/types.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type {
  ChallengeAnswer,
  ChallengeOutcome,
  ChallengeRequest,
  ChallengeSample,
} from '../../shared/protocol/challenge.ts';
import { bytesEqual } from '../../shared/encoding/blob-id.ts';

/** What checking a sample needs from a blob's metadata: its length (for S) and one sliver hash. */
export interface SliverRoots {
  readonly unencodedLength: number;
  /** The metadata hash of sliver (`axis`, `sliverIndex`) (spec §2.2). */
  sliverHash(axis: SliverAxis, sliverIndex: number): MerkleNode;
}

/** {@link SliverRoots} of parsed metadata. */
export function sliverRootsOf(metadata: BlobMetadata): SliverRoots {
  return {
    unencodedLength: metadata.unencodedLength,
    sliverHash: (axis, i) => sliverHash(metadata, axis, i),
  };
}

/**
 * {@link SliverRoots} straight from stored BCS metadata (`BlobMetadata::V1`, spec §2.3) without parsing
 * all n sliver pairs: when every hash is a digest (the metadata of any encoded blob) pair p's hashes sit
 * at a fixed offset, so a lookup reads 32 bytes. Otherwise (or for a shape it does not expect) it parses
 * the whole metadata. A full parse of n = 1000 metadata costs ~1 ms; a lookup ~1 us.
 * @returns undefined when the bytes do not parse as metadata of `nShards` pairs
 */
export function sliverRootsFromBcs(bytes: Uint8Array, nShards: number): SliverRoots | undefined {
  let off = 10;
  let count = 0;
  for (let shift = 0; off < bytes.length && shift < 35; shift += 7) {
    const b = bytes[off++];
    count += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  const PAIR = 66;
  if (
    bytes.length >= 10 &&
    bytes[0] === 0 &&
    bytes[1] === 1 &&
    count === nShards &&
    bytes.length === off + count * PAIR
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const unencodedLength = view.getUint32(2, true) + view.getUint32(6, true) * 2 ** 32;
    const base = off;
    return {
      unencodedLength,
      sliverHash(axis, sliverIndex) {
        const pair = axis === 'primary' ? sliverIndex : nShards - 1 - sliverIndex;
        if (!Number.isInteger(pair) || pair < 0 || pair >= nShards)
          throw new RangeError('sliver index out of range');
        const at = base + pair * PAIR + (axis === 'primary' ? 0 : 33);
        return bytes.slice(at + 1, at + 33);
      },
    };
  }
  try {
    const metadata = parseBlobMetadata(bytes);
    return metadata.hashes.length === nShards ? sliverRootsOf(metadata) : undefined;
  } catch (err) {
    if (err instanceof WalrusTsError) return undefined;
    throw err;
  }
}

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
 * Checks one sample's proof against the blob's metadata.
 * @returns 'ok', 'missing' (no proof), 'badSize' (symbol not S bytes) or 'badProof'
 */
export function checkSample(
  sample: ChallengeSample,
  proof: { symbol: Uint8Array; proof: readonly (Uint8Array | null)[] } | null,
  metadata: SliverRoots,
  nShards: number,
): SampleCheck {
  if (!proof) return 'missing';
  try {
    if (proof.symbol.length !== symbolSize(metadata.unencodedLength, nShards)) return 'badSize';
    const root = metadata.sliverHash(sample.axis, sample.sliverIndex);
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
 * @param metadataOf the verifier's verified metadata of a blob ({@link sliverRootsOf} /
 *   {@link sliverRootsFromBcs}), or undefined (the sample is void)
 */
export function checkAnswer(
  request: ChallengeRequest,
  challengeId: Uint8Array,
  answer: ChallengeAnswer,
  metadataOf: (blobId: Uint8Array) => SliverRoots | undefined,
  nShards: number,
): AnswerCheck {
  const matches =
    bytesEqual(answer.challengeId, challengeId) && answer.proofs.length === request.samples.length;
  const checks: SampleCheck[] = [];
  const failedSamples: ChallengeSample[] = [];
  let passed = 0;
  let failed = 0;
  const cache = new Map<string, SliverRoots | undefined>();
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
