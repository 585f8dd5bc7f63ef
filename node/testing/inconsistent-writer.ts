/**
 * TEST-ONLY: builds inconsistent blobs, i.e. blobs whose blob ID commits to an encoding that is not a
 * codeword. Never used by product code.
 *
 * Recipe: encode `data` honestly, replace the primary slivers of some pairs with the primary slivers (same
 * indices) of an encoding of other bytes of the same length, put those slivers' Merkle roots into the
 * metadata, and derive the root hash and blob ID from that metadata. Every sliver then verifies against the
 * metadata on its own (so nodes store them and sign confirmations), but rebuilding a replaced primary
 * sliver from the other nodes' secondary slivers yields the honest row, whose root differs from the
 * metadata: the blob is provably inconsistent (spec §3.3).
 *
 * Which shard stores pair p depends on the blob ID (rotation, spec §1.6), and the blob ID depends on the
 * replaced slivers, so when `onShards` is given the writer retries with other replacement bytes until
 * every corrupted pair lands on one of those shards.
 *
 * @see spec §1.6, §2.2, §3.3
 */
import { computeRootHash, blobIdFromRootHash } from '../../shared/encoding/metadata.ts';
import { encodeBlob, type EncodedBlob } from '../../shared/encoding/encoder.ts';
import { shardOfPair } from '../../shared/encoding/params.ts';
import { sliverRoot } from '../../shared/encoding/sliver.ts';
import type { SliverPairMetadata } from '../../shared/encoding/types.ts';
import { InvalidArgumentError } from '../../shared/errors.ts';

/** Options of {@link encodeInconsistentBlob}. */
export interface InconsistentBlobOptions {
  /** Pair indices whose primary sliver is replaced. @default [0] */
  corruptPairs?: readonly number[];
  /** When given, every corrupted pair must be stored on one of these shards (retries other bytes). */
  onShards?: readonly number[];
  /** Seed of the replacement bytes. @default 1 */
  seed?: number;
  /** Attempts before giving up on `onShards`. @default 10_000 */
  maxTries?: number;
}

/** An inconsistent blob: what a (malicious or buggy) writer uploads. `corruptPairs` says which pairs lie. */
export interface InconsistentBlob extends EncodedBlob {
  readonly corruptPairs: readonly number[];
}

function otherBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Encodes `data` for `nShards` shards, then corrupts the primary slivers of `corruptPairs` (see the module
 * description).
 * @throws InvalidArgumentError for a pair out of range, or when `onShards` cannot be met in `maxTries`
 */
export function encodeInconsistentBlob(
  data: Uint8Array,
  nShards: number,
  opts: InconsistentBlobOptions = {},
): InconsistentBlob {
  const pairs = [...(opts.corruptPairs ?? [0])];
  for (const p of pairs) {
    if (!Number.isInteger(p) || p < 0 || p >= nShards) {
      throw new InvalidArgumentError(`corrupt pair ${p} outside [0, ${nShards})`, 'TEST_WRITER_BAD_PAIR');
    }
  }
  const honest = encodeBlob(data, nShards);
  const maxTries = opts.maxTries ?? 10_000;
  for (let t = 0; t < maxTries; t++) {
    const other = encodeBlob(otherBytes(data.length, (opts.seed ?? 1) + t), nShards);
    const primarySlivers = [...honest.primarySlivers];
    const hashes: SliverPairMetadata[] = [...honest.metadata.hashes];
    for (const p of pairs) {
      primarySlivers[p] = other.primarySlivers[p];
      hashes[p] = {
        primaryHash: sliverRoot(other.primarySlivers[p], nShards),
        secondaryHash: hashes[p].secondaryHash,
      };
    }
    const rootHash = computeRootHash(hashes);
    const blobId = blobIdFromRootHash(rootHash, data.length);
    if (opts.onShards && !pairs.every((p) => opts.onShards!.includes(shardOfPair(p, blobId, nShards))))
      continue;
    return {
      ...honest,
      blobId,
      rootHash,
      metadata: { ...honest.metadata, hashes },
      primarySlivers,
      corruptPairs: pairs,
    };
  }
  throw new InvalidArgumentError(
    `no replacement put pairs ${pairs.join(',')} on shards ${opts.onShards?.join(',')} in ${maxTries} tries`,
    'TEST_WRITER_NO_PLACEMENT',
  );
}
