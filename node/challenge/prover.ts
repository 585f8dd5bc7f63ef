/**
 * The challenged side: answers a challenge from the node's own store. For each sample it loads the sliver,
 * expands it (one RS encode, spec §1.5), builds the Merkle tree over the expansion (n leaf hashes, spec
 * §2.2) and cuts the symbol and its proof. Samples of the same sliver share one expansion.
 *
 * Verifiers with the same view send the same request, so whole answers are cached by challenge ID (bounded
 * in bytes): the node does the work once per epoch, not once per verifier.
 *
 * A sample of a shard the node owns whose sliver is missing (or unreadable) is answered `null` and
 * reported through `onMissing`, so the node starts recovering it (self-healing).
 *
 * @see ./README.md; spec §1.5, §2.2, §3.1
 */
import { parseSliverData } from '../../shared/bcs/sliver.ts';
import { shardOfPair } from '../../shared/encoding/params.ts';
import { SliverExpansion } from '../../shared/encoding/sliver.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import {
  challengeIdOf,
  encodeChallengeAnswer,
  type ChallengeRequest,
  type SampleProof,
} from '../../shared/protocol/challenge.ts';
import type { NodeStore } from '../storage/store.ts';
import { samplePair } from './sampling.ts';

/** What the prover reads. */
export interface ChallengeProverComponents {
  store: Pick<NodeStore, 'slivers'>;
  /** Number of shards and the shards this node owns now. */
  committee: { readonly view: { readonly nShards: number; readonly ownedShards: ReadonlySet<number> } };
}

/** Options of the prover. */
export interface ChallengeProverInit {
  /** Bytes of encoded answers kept for repeated requests. @default 64 MiB */
  cacheBytes?: number;
  /** Called once per blob with a missing sliver of an owned shard (to start its recovery). */
  onMissing?: (blobId: Uint8Array) => void;
}

/** What answering cost. */
export interface ProverStats {
  /** Samples answered with a proof. */
  proved: number;
  /** Samples answered `null`. */
  missing: number;
  /** Slivers expanded (RS encodes + Merkle trees built). */
  expansions: number;
  /** True when the whole answer came from the cache. */
  cached: boolean;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Answers challenges from the store. */
export class ChallengeProver {
  readonly #c: ChallengeProverComponents;
  readonly #cacheBytes: number;
  readonly #onMissing?: (blobId: Uint8Array) => void;
  readonly #cache = new Map<string, Uint8Array>();
  #cached = 0;

  constructor(components: ChallengeProverComponents, init: ChallengeProverInit = {}) {
    this.#c = components;
    this.#cacheBytes = init.cacheBytes ?? 64 * 1024 * 1024;
    this.#onMissing = init.onMissing;
  }

  /**
   * The BCS ChallengeAnswer to `requestBytes` (already parsed as `request`).
   * @returns the encoded answer and what it cost
   */
  answer(request: ChallengeRequest, requestBytes: Uint8Array): { bytes: Uint8Array; stats: ProverStats } {
    const challengeId = challengeIdOf(requestBytes);
    const key = hex(challengeId);
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return { bytes: hit, stats: { proved: 0, missing: 0, expansions: 0, cached: true } };
    }
    const { nShards, ownedShards } = this.#c.committee.view;
    const expansions = new Map<string, SliverExpansion | null>();
    const missingBlobs = new Set<string>();
    const stats: ProverStats = { proved: 0, missing: 0, expansions: 0, cached: false };
    const proofs: (SampleProof | null)[] = [];
    for (const s of request.samples) {
      let proof: SampleProof | null = null;
      if (s.sliverIndex < nShards && s.position < nShards) {
        const shard = shardOfPair(samplePair(s, nShards), s.blobId, nShards);
        const sliverKey = `${hex(s.blobId)}:${s.axis}:${s.sliverIndex}`;
        let exp = expansions.get(sliverKey);
        if (exp === undefined) {
          exp = this.#expand(s.blobId, shard, s.axis, s.sliverIndex, nShards);
          expansions.set(sliverKey, exp);
          if (exp) stats.expansions++;
          else if (ownedShards.has(shard)) missingBlobs.add(hex(s.blobId));
        }
        if (exp) proof = { symbol: exp.symbol(s.position).slice(), proof: exp.tree.proof(s.position) };
      }
      if (proof) stats.proved++;
      else stats.missing++;
      proofs.push(proof);
    }
    for (const b of missingBlobs) this.#onMissing?.(Uint8Array.from(Buffer.from(b, 'hex')));
    const bytes = encodeChallengeAnswer({ challengeId, proofs });
    this.#remember(key, bytes);
    return { bytes, stats };
  }

  #expand(
    blobId: Uint8Array,
    shard: number,
    axis: 'primary' | 'secondary',
    sliverIndex: number,
    nShards: number,
  ): SliverExpansion | null {
    const data = this.#c.store.slivers.getSliver({ blobId, shard, axis });
    if (!data) return null;
    try {
      const sliver = parseSliverData(data, axis);
      if (sliver.index !== sliverIndex) return null;
      return new SliverExpansion(sliver, nShards);
    } catch (err) {
      if (err instanceof WalrusTsError) return null;
      throw err;
    }
  }

  #remember(key: string, bytes: Uint8Array): void {
    if (bytes.length > this.#cacheBytes) return;
    this.#cache.set(key, bytes);
    this.#cached += bytes.length;
    while (this.#cached > this.#cacheBytes) {
      const [oldest, value] = this.#cache.entries().next().value as [string, Uint8Array];
      this.#cache.delete(oldest);
      this.#cached -= value.length;
    }
  }

  /** Drops cached answers (e.g. at an epoch change). */
  clearCache(): void {
    this.#cache.clear();
    this.#cached = 0;
  }
}
